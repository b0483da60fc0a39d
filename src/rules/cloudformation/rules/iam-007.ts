import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-007',
    'IAM user has inline policies',
    'low',
    ['AWS::IAM::User', 'AWS::IAM::Policy', 'AWS::IAM::UserPolicy'],
    doc({
      what: 'An `AWS::IAM::User` with `Policies`, an `AWS::IAM::UserPolicy`, or an `AWS::IAM::Policy` attached to `Users`.',
      why: 'Permissions attached directly to users are hard to audit and tend to accumulate; grant them through groups or roles instead.',
      example: `Deployer:
  Type: AWS::IAM::User
  Properties:
    Policies:
      - PolicyName: deploy
        PolicyDocument: { Statement: [] }`,
      fix: 'Attach the policy to a group the user belongs to, or better, have the user assume a role.',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2'],
    }),
    'Grant permissions through groups or roles, not inline on users.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      if (r.type === 'AWS::IAM::User') {
        const p = ctx.t.get(r.props, 'Policies');
        if (p && ctx.t.items(p).length) ctx.report(r, p, `${r.id} has inline policies`);
      } else if (r.type === 'AWS::IAM::UserPolicy') {
        ctx.report(r, ctx.t.get(r.props, 'UserName'), `${r.id} is an inline policy on a user`);
      } else {
        const u = ctx.t.get(r.props, 'Users');
        if (u && ctx.t.items(u).length) ctx.report(r, u, `${r.id} attaches a policy directly to users`);
      }
    }
  },
};
export default rule;
