import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, requireTrue, strVal } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-KMS-002',
    'KMS key rotation is not enabled',
    'medium',
    ['AWS::KMS::Key'],
    doc({
      what: 'A symmetric `AWS::KMS::Key` (KeySpec absent or `SYMMETRIC_DEFAULT`) without `EnableKeyRotation: true`. Asymmetric and HMAC keys cannot rotate automatically and are skipped.',
      why: 'Automatic rotation limits how much data is protected by one key version and is required by most compliance frameworks (CIS, PCI DSS).',
      example: `Key:
  Type: AWS::KMS::Key
  Properties:
    KeyPolicy: { Statement: [] }`,
      fix: 'Set `EnableKeyRotation: true`.',
      refs: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
    }),
    'Set EnableKeyRotation: true.',
  ),
  prop: 'EnableKeyRotation',
  when: (t, r) => {
    const spec = t.get(r.props, 'KeySpec');
    if (!spec) return true;
    return findVal(t.values(spec), (v) => strVal(v) === 'SYMMETRIC_DEFAULT') !== undefined;
  },
  absentMessage: (r) => `${r.id} does not enable key rotation`,
  falseMessage: (r) => `${r.id} disables key rotation`,
});
export default rule;
