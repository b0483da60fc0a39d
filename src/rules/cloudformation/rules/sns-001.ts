import type { CfnRule } from '../rule.js';
import { doc, meta, publicStatements } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SNS-001',
    'SNS topic policy allows any principal without a condition',
    'high',
    ['AWS::SNS::TopicPolicy'],
    doc({
      what: 'An `Allow` statement in the `PolicyDocument` of `AWS::SNS::TopicPolicy` whose `Principal` is `"*"` or `{AWS: "*"}` and that has no `Condition`.',
      why: "A wildcard principal with no condition grants the statement's actions to anyone on the internet (signed or anonymous, depending on the service).",
      example: `TopicPolicy:
  Type: AWS::SNS::TopicPolicy
  Properties:
    Topics: [!Ref Topic]
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { AWS: '*' }
          Action: sns:Publish
          Resource: '*'`,
      fix: 'Name the principals (accounts, roles, services) that need access, or restrict the statement with a condition such as `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`.',
      refs: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
        'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
      ],
    }),
    'Name the principals explicitly or add a restricting Condition.',
  ),
  check(ctx) {
    for (const r of ctx.resources)
      for (const p of publicStatements(ctx.t, ctx.t.get(r.props, 'PolicyDocument')))
        ctx.report(r, p.node, `${r.id} allows any principal ("*") without a condition`, { why: p.why });
  },
};
export default rule;
