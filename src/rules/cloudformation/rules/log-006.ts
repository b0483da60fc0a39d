import type { CfnRule } from '../rule.js';
import { boolProp, doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-LOG-006',
    'CloudTrail trail is not logging',
    'medium',
    ['AWS::CloudTrail::Trail'],
    doc({
      what: 'An `AWS::CloudTrail::Trail` with `IsLogging: false` (a literal, or a parameter Default).',
      why: "A trail that does not log records nothing: API activity in the account goes unaudited, and an attacker's actions leave no trace.",
      example: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: false
    S3BucketName: !Ref TrailBucket`,
      fix: 'Set `IsLogging: true`.',
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html',
      ],
    }),
    'Set IsLogging: true.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const n = ctx.t.get(r.props, 'IsLogging');
      const b = boolProp(ctx.t, n);
      if (b.falseVal) ctx.report(r, n, `${r.id} does not log (IsLogging: false)`, { why: b.falseVal.why });
    }
  },
};
export default rule;
