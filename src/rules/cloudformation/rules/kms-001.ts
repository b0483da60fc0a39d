import type { CfnRule } from '../rule.js';
import { doc, meta, publicStatements } from '../util.js';

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
      fix: 'Name the principals (accounts, roles, services) that need access, or restrict the statement with a condition such as `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`.',
      refs: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
        'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
      ],
    }),
    'Name the principals explicitly or add a restricting Condition.',
  ),
  check(ctx) {
    for (const r of ctx.resources)
      for (const p of publicStatements(ctx.t, ctx.t.get(r.props, 'KeyPolicy')))
        ctx.report(r, p.node, `${r.id} allows any principal ("*") without a condition`, { why: p.why });
  },
};
export default rule;
