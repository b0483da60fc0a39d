import type { CfnRule } from '../rule.js';
import { boolProp, doc, meta, getSet } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SQS-002',
    'SQS queue encryption is turned off',
    'medium',
    ['AWS::SQS::Queue'],
    doc({
      what: 'An `AWS::SQS::Queue` with `SqsManagedSseEnabled: false` and no `KmsMasterKeyId`. (Queues are encrypted with SSE-SQS by default; this reports a template that turns it off.)',
      why: 'Messages — often containing personal data or job parameters with credentials — are stored unencrypted for up to 14 days.',
      example: `Queue:
  Type: AWS::SQS::Queue
  Properties:
    SqsManagedSseEnabled: false`,
      fix: 'Remove `SqsManagedSseEnabled: false`, or set `KmsMasterKeyId` to a KMS key.',
      refs: [
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
      ],
    }),
    'Keep SSE on: remove SqsManagedSseEnabled: false or set KmsMasterKeyId.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      if (getSet(ctx.t, r.props, 'KmsMasterKeyId') !== undefined) continue;
      const n = ctx.t.get(r.props, 'SqsManagedSseEnabled');
      const b = boolProp(ctx.t, n);
      if (b.falseVal) ctx.report(r, n, `${r.id} turns off queue encryption`, { why: b.falseVal.why });
    }
  },
};
export default rule;
