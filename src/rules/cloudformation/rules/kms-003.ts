import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { CMK_PROPS, customerKey } from '../../../cloud/checks/kms.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-KMS-003',
    'Data is encrypted with an AWS-managed key instead of your KMS key',
    'low',
    Object.keys(CMK_PROPS),
    doc({
      what: `A resource that is encrypted at rest but not with a customer managed KMS key: ${Object.entries(CMK_PROPS)
        .map(([k, v]) => `\`${k}\` (\`${v.path}\`)`)
        .join(
          ', ',
        )}. Unencrypted storage is reported by the service's own rule (CFN-RDS-001, CFN-EFS-001…); this one is about whose key it is.`,
      why: 'With an AWS-managed key you cannot restrict who may decrypt in the key policy, cannot share encrypted snapshots or secrets across accounts, and cannot disable the key to cut off access. Audit trails of key use are also weaker.',
      example: `Files:
  Type: AWS::EFS::FileSystem
  Properties:
    Encrypted: true`,
      fix: "Create an `AWS::KMS::Key` (with rotation) and reference it from the resource's key property.",
      fixed: `Files:
  Type: AWS::EFS::FileSystem
  Properties:
    Encrypted: true
    KmsKeyId: !GetAtt DataKey.Arn`,
      refs: ['https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt'],
    }),
    'Reference a customer managed KMS key.',
  ),
  check: cloudCheck(customerKey, ['customer-key']),
};
export default rule;
