import type { CfnRule } from '../rule.js';
import { doc, meta, requireProp } from '../util.js';

const rule: CfnRule = requireProp({
  meta: meta(
    'CFN-LOG-004',
    'CloudTrail logs are not encrypted with a KMS key',
    'low',
    ['AWS::CloudTrail::Trail'],
    doc({
      what: 'An `AWS::CloudTrail::Trail` without `KMSKeyId`.',
      why: 'With SSE-KMS, reading the audit trail needs both S3 and KMS permissions, which keeps the log of everyone\u2019s actions away from everyone who can read the bucket.',
      example: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket`,
      fix: 'Set `KMSKeyId` to a key whose policy allows CloudTrail to encrypt.',
      refs: [
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
      ],
    }),
    'Set KMSKeyId on the trail.',
  ),
  prop: 'KMSKeyId',
  message: (r) => `${r.id} has no KMSKeyId`,
});
export default rule;
