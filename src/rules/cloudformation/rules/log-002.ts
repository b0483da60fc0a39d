import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-LOG-002',
    'CloudTrail trail is not multi-region',
    'low',
    ['AWS::CloudTrail::Trail'],
    doc({
      what: 'An `AWS::CloudTrail::Trail` without `IsMultiRegionTrail: true`.',
      why: 'Activity in other regions — a favourite place to start crypto-mining or hide resources — is not recorded.',
      example: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket`,
      fix: 'Set `IsMultiRegionTrail: true` (and `IncludeGlobalServiceEvents: true`).',
      refs: [
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
      ],
    }),
    'Set IsMultiRegionTrail: true.',
  ),
  prop: 'IsMultiRegionTrail',
  absentMessage: (r) => `${r.id} does not set IsMultiRegionTrail (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets IsMultiRegionTrail to false`,
});
export default rule;
