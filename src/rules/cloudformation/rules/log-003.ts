import type { CfnRule } from '../rule.js';
import { doc, meta, requireProp } from '../util.js';

const rule: CfnRule = requireProp({
  meta: meta(
    'CFN-LOG-003',
    'CloudWatch log group is not encrypted with a KMS key',
    'low',
    ['AWS::Logs::LogGroup'],
    doc({
      what: 'An `AWS::Logs::LogGroup` without `KmsKeyId`. Log groups are always encrypted by CloudWatch; this asks for a customer managed key when logs may hold sensitive data.',
      why: 'With a customer managed key you control and audit who can decrypt the logs, and can make them unreadable by revoking the key.',
      example: `Logs:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 90`,
      fix: 'Set `KmsKeyId` to the ARN of a key whose policy allows the CloudWatch Logs service principal.',
      refs: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html'],
    }),
    'Set KmsKeyId on log groups holding sensitive data.',
  ),
  prop: 'KmsKeyId',
  message: (r) => `${r.id} has no KmsKeyId`,
});
export default rule;
