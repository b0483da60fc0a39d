import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { eksSecrets } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EKS-002',
    'EKS secrets are not encrypted with KMS',
    'medium',
    ['AWS::EKS::Cluster'],
    doc({
      what: `An \`AWS::EKS::Cluster\` without \`EncryptionConfig\` (envelope encryption of Kubernetes secrets with a KMS key), or whose \`EncryptionConfig\` names no \`Provider.KeyArn\` (an entry without a key encrypts nothing).`,
      why: `Kubernetes secrets are otherwise only base64-encoded in etcd; envelope encryption adds a key you control and audit.`,
      example: `Cluster:
  Type: AWS::EKS::Cluster
  Properties:
    RoleArn: !GetAtt Role.Arn`,
      fix: `Add \`EncryptionConfig: [{Resources: [secrets], Provider: {KeyArn: …}}]\`.`,
      refs: ['https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html'],
    }),
    'Set EncryptionConfig for secrets.',
  ),
  check: cloudCheck(eksSecrets, ['eks-secrets']),
};
export default rule;
