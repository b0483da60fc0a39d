import type { CfnRule } from '../rule.js';
import { doc, hasCondition, meta, statements, wildcardPrincipal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-006',
    'IAM role can be assumed by any AWS principal',
    'critical',
    ['AWS::IAM::Role'],
    doc({
      what: 'A role whose `AssumeRolePolicyDocument` has an `Allow` statement with `Principal: "*"` or `Principal: {AWS: "*"}` and no `Condition`.',
      why: 'Anyone with an AWS account — anywhere — can assume the role and receive its permissions.',
      example: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { AWS: '*' }
          Action: sts:AssumeRole`,
      fix: 'Name the trusted accounts, roles or services, or constrain the statement with a condition such as `aws:PrincipalOrgID` or `sts:ExternalId`.',
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html'],
    }),
    'Name trusted principals explicitly or add a restricting Condition.',
  ),
  check(ctx) {
    for (const r of ctx.resources)
      for (const s of statements(ctx.t, ctx.t.get(r.props, 'AssumeRolePolicyDocument'))) {
        if (!s.allow || hasCondition(s)) continue;
        const w = wildcardPrincipal(s);
        if (w)
          ctx.report(r, w.node, `${r.id} trusts every AWS principal ("*") without a condition`, { why: w.val.why });
      }
  },
};
export default rule;
