import type { CfnRule } from '../rule.js';
import { doc, findVal, IDENTITY_POLICY_TYPES, identityPolicyDocs, meta, statements, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-002',
    'IAM policy allows all actions of a service on all resources',
    'medium',
    IDENTITY_POLICY_TYPES,
    doc({
      what: 'An `Allow` statement with a service-wide action such as `s3:*` or `iam:*` **and** `Resource: "*"`. (`Action: "*"` is reported by CFN-IAM-001.) `Deny` statements are never reported.',
      why: 'A service wildcard on every resource grants destructive and privilege-changing actions (`s3:DeleteBucket`, `iam:CreateAccessKey`) on everything in the account, not just the resources the workload uses.',
      example: `Policy:
  Type: AWS::IAM::Policy
  Properties:
    PolicyName: p
    Roles: [!Ref Role]
    PolicyDocument:
      Statement:
        - Effect: Allow
          Action: s3:*
          Resource: '*'`,
      fix: 'Name the actions and scope `Resource` to the ARNs the workload uses.',
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
    }),
    'Scope service:* actions to specific actions and resource ARNs.',
  ),
  check(ctx) {
    for (const r of ctx.resources)
      for (const d of identityPolicyDocs(ctx.t, r))
        for (const s of statements(ctx.t, d)) {
          if (!s.allow) continue;
          const star = findVal(s.resources, (v) => strVal(v) === '*');
          if (!star) continue;
          const svc = findVal(s.actions, (a) => /^[a-z0-9-]+:\*$/i.test(strVal(a) ?? ''));
          if (svc)
            ctx.report(r, s.actionNode, `${r.id} allows ${strVal(svc)} on every resource`, {
              why: svc.why ?? star.why,
            });
        }
  },
};
export default rule;
