import type { CfnRule } from '../rule.js';
import { doc, meta, requireProp } from '../util.js';

const rule: CfnRule = requireProp({
  meta: meta(
    'CFN-KIN-001',
    'Kinesis stream is not encrypted',
    'medium',
    ['AWS::Kinesis::Stream'],
    doc({
      what: 'An `AWS::Kinesis::Stream` without `StreamEncryption`.',
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
  prop: 'StreamEncryption',
  message: (r) => `${r.id} has no StreamEncryption`,
});
export default rule;
