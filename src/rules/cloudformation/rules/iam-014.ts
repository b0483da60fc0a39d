import type { CfnRule } from '../rule.js';
import { doc, meta, getSet } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-014',
    'IAM user gets permissions directly instead of through a group',
    'low',
    ['AWS::IAM::User', 'AWS::IAM::ManagedPolicy'],
    doc({
      what: 'An `AWS::IAM::User` with `ManagedPolicyArns`, or without `Groups`; an `AWS::IAM::ManagedPolicy` attached to `Users`. (Inline policies on users are CFN-IAM-007.)',
      why: 'Permissions attached to individual users drift apart and are forgotten when people change roles; groups (or, better, roles assumed through SSO) keep access reviewable in one place.',
      example: `Alice:
  Type: AWS::IAM::User
  Properties:
    ManagedPolicyArns:
      - arn:aws:iam::aws:policy/ReadOnlyAccess`,
      fix: 'Put the user in a group and attach the policy to the group.',
      fixed: `Alice:
  Type: AWS::IAM::User
  Properties:
    Groups: [!Ref Readers]`,
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions'],
    }),
    'Attach policies to groups and put users in groups.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      if (r.type === 'AWS::IAM::ManagedPolicy') {
        const users = t.get(r.props, 'Users');
        if (users && t.items(users).length)
          ctx.report(r, users, `${r.id} is attached to users directly rather than to a group`);
        continue;
      }
      const mp = t.get(r.props, 'ManagedPolicyArns');
      if (mp && t.items(mp).length) ctx.report(r, mp, `${r.id} has managed policies attached directly`);
      if (!getSet(t, r.props, 'Groups')) ctx.report(r, undefined, `${r.id} belongs to no group`);
    }
  },
};
export default rule;
