import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal, getSet } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-S3-005',
    'S3 bucket access logging is not enabled',
    'low',
    ['AWS::S3::Bucket'],
    doc({
      what: "A bucket without `LoggingConfiguration`. Buckets that are themselves log targets (named as another bucket's `DestinationBucketName`, or with `AccessControl: LogDeliveryWrite`) are skipped.",
      why: 'Without server access logs there is no record of who read or changed objects — needed for incident response and often for compliance.',
      example: `Bucket:
  Type: AWS::S3::Bucket
  Properties: {}`,
      fix: 'Add `LoggingConfiguration` pointing at a dedicated log bucket (or enable CloudTrail S3 data events).',
      fixed: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    LoggingConfiguration:
      DestinationBucketName: !Ref LogBucket
      LogFilePrefix: bucket/`,
      refs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html'],
    }),
    'Add LoggingConfiguration pointing at a log bucket.',
  ),
  check(ctx) {
    const t = ctx.t;
    const targets = new Set<string>();
    for (const r of ctx.resources)
      for (const id of t.references(t.at(r.props, 'LoggingConfiguration.DestinationBucketName'))) targets.add(id);
    for (const r of ctx.resources) {
      if (targets.has(r.id) || getSet(t, r.props, 'LoggingConfiguration') !== undefined) continue;
      if (findVal(t.values(t.get(r.props, 'AccessControl')), (v) => strVal(v) === 'LogDeliveryWrite')) continue;
      ctx.report(r, undefined, `${r.id} has no access logging`);
    }
  },
};
export default rule;
