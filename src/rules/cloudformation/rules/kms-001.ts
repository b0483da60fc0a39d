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
    'CFN-KMS-001',
    'KMS key policy allows any principal without a condition',
    'high',
    ['AWS::KMS::Key'],
    doc({
      what: 'An `Allow` statement in the `KeyPolicy` of `AWS::KMS::Key` (`Resource: "*"` is normal in key policies and is not reported) whose `Principal` is `"*"` or `{AWS: "*"}` and that has no `Condition`.',
      why: "A wildcard principal with no condition grants the statement's actions to anyone on the internet (signed or anonymous, depending on the service).",
      example: `Key:
  Type: AWS::KMS::Key
  Properties:
    KeyPolicy:
      Statement:
        - Effect: Allow
          Principal: { AWS: '*' }
          Action: kms:*
          Resource: '*'`,
      fix: NAME_PRINCIPALS_FIX,
      refs: [PRINCIPAL_REF, 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html'],
    }),
    NAME_PRINCIPALS_REMEDIATION,
  ),
  check: publicPolicyCheck('KeyPolicy'),
};
export default rule;
