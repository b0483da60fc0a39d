import type { CfnRule } from '../rule.js';
import {
  doc,
  meta,
  NAME_PRINCIPALS_FIX,
  NAME_PRINCIPALS_REMEDIATION,
  PRINCIPAL_REF,
  publicPolicyCheck,
} from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-S3-004',
    'S3 bucket policy allows any principal without a condition',
    'high',
    ['AWS::S3::BucketPolicy'],
    doc({
      what: 'An `Allow` statement in the `PolicyDocument` of `AWS::S3::BucketPolicy` whose `Principal` is `"*"` or `{AWS: "*"}` and that has no `Condition` that restricts who gets in. A condition only on `aws:Referer` (or `aws:UserAgent`) does not: the client sends those headers and can set them to anything (the S3 documentation warns against relying on Referer to keep content private). A condition with only empty or `*` values does not either.',
      why: "A wildcard principal with no condition grants the statement's actions to anyone on the internet (signed or anonymous, depending on the service).",
      example: `BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref Bucket
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: '*'
          Action: s3:GetObject
          Resource: !Sub '\${Bucket.Arn}/*'`,
      fix: NAME_PRINCIPALS_FIX,
      refs: [PRINCIPAL_REF, 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html'],
    }),
    NAME_PRINCIPALS_REMEDIATION,
  ),
  check: publicPolicyCheck('PolicyDocument'),
};
export default rule;
