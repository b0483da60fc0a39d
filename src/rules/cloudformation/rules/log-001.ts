import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-LOG-001',
    'CloudTrail log file validation is off',
    'medium',
    ['AWS::CloudTrail::Trail'],
    doc({
      what: 'An `AWS::CloudTrail::Trail` without `EnableLogFileValidation: true`.',
      why: 'Without digest files you cannot prove that logs were not modified or deleted after delivery — exactly what an intruder would do.',
      example: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket`,
      fix: 'Set `EnableLogFileValidation: true`.',
      refs: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html'],
    }),
    'Set EnableLogFileValidation: true.',
  ),
  prop: 'EnableLogFileValidation',
  absentMessage: (r) => `${r.id} does not set EnableLogFileValidation (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets EnableLogFileValidation to false`,
});
export default rule;
