import type { CfnRule } from '../rule.js';
import { doc, meta, requireProp } from '../util.js';

const rule: CfnRule = requireProp({
  meta: meta(
    'CFN-LOG-005',
    'CloudWatch log group has no retention',
    'low',
    ['AWS::Logs::LogGroup'],
    doc({
      what: 'An `AWS::Logs::LogGroup` without `RetentionInDays`.',
      why: 'Logs kept forever grow cost without bound and keep personal data longer than most policies (GDPR, internal retention rules) allow.',
      example: `Logs:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: /app/web`,
      fix: 'Set `RetentionInDays` to what your retention policy requires (e.g. 90, 365).',
      refs: [
        'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
      ],
    }),
    'Set RetentionInDays.',
  ),
  prop: 'RetentionInDays',
  message: (r) => `${r.id} has no RetentionInDays (logs are kept forever)`,
});
export default rule;
