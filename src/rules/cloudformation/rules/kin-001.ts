import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-KIN-001',
    'Kinesis stream is not encrypted',
    'medium',
    ['AWS::Kinesis::Stream'],
    doc({
      what: 'An `AWS::Kinesis::Stream` with `StreamEncryption.EncryptionType: NONE`, or without `StreamEncryption`.',
      why: 'Records are stored unencrypted for the whole retention period (up to a year).',
      example: `Stream:
  Type: AWS::Kinesis::Stream
  Properties:
    ShardCount: 1`,
      fix: 'Set `StreamEncryption: { EncryptionType: KMS, KeyId: alias/aws/kinesis }` (or a customer managed key).',
      refs: ['https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html'],
    }),
    'Set StreamEncryption with EncryptionType KMS.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const enc = t.get(r.props, 'StreamEncryption');
      if (!enc) {
        ctx.report(r, undefined, `${r.id} has no StreamEncryption`);
        continue;
      }
      const n = t.get(enc, 'EncryptionType');
      const v = findVal(t.values(n), (x) => strVal(x)?.toUpperCase() === 'NONE');
      if (v) ctx.report(r, n, `${r.id} sets StreamEncryption EncryptionType NONE`, { why: v.why });
    }
  },
};
export default rule;
