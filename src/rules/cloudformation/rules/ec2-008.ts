import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { ebsCmk } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EC2-008',
    'EBS volume is not encrypted with your KMS key',
    'low',
    ['AWS::EC2::Volume'],
    doc({
      what: `An encrypted \`AWS::EC2::Volume\` without \`KmsKeyId\` (it then uses the AWS-managed \`aws/ebs\` key). Unencrypted volumes are CFN-EC2-006's.`,
      why: `The AWS-managed key cannot be shared across accounts or restricted by key policy; snapshots are harder to control.`,
      example: `Data:
  Type: AWS::EC2::Volume
  Properties:
    Encrypted: true
    Size: 100`,
      fix: `Set \`KmsKeyId\` to a customer managed key.`,
      refs: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
    }),
    'Set KmsKeyId.',
  ),
  check: cloudCheck(ebsCmk, ['ebs-cmk']),
};
export default rule;
