import type { CfnRule } from '../rule.js';
import {
  actionCovers,
  doc,
  findVal,
  IDENTITY_POLICY_TYPES,
  identityPolicyDocs,
  meta,
  statements,
  strVal,
} from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-005',
    'IAM policy allows iam:PassRole on every role',
    'high',
    IDENTITY_POLICY_TYPES,
    doc({
      what: 'An `Allow` statement whose actions include `iam:PassRole` (directly or via a wildcard such as `iam:Pass*` or `iam:*`, but not `*`, which CFN-IAM-001 reports) with `Resource: "*"`.',
      why: 'PassRole on every role lets the principal hand any role — including administrator roles — to a service (EC2, Lambda, CloudFormation) it controls, which is a classic privilege escalation path.',
      example: `Policy:
  Type: AWS::IAM::Policy
  Properties:
    PolicyName: deploy
    Roles: [!Ref Role]
    PolicyDocument:
      Statement:
        - Effect: Allow
          Action: iam:PassRole
          Resource: '*'`,
      fix: 'Limit `Resource` to the ARNs of the roles that may be passed, and add an `iam:PassedToService` condition.',
      fixed: `        - Effect: Allow
          Action: iam:PassRole
          Resource: !GetAtt LambdaRole.Arn
          Condition:
            StringEquals: { iam:PassedToService: lambda.amazonaws.com }`,
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html'],
    }),
    'Scope iam:PassRole to specific role ARNs.',
  ),
  check(ctx) {
    for (const r of ctx.resources)
      for (const d of identityPolicyDocs(ctx.t, r))
        for (const s of statements(ctx.t, d)) {
          if (!s.allow) continue;
          const star = findVal(s.resources, (v) => strVal(v) === '*');
          if (!star) continue;
          const a = findVal(s.actions, (v) => {
            const x = strVal(v);
            return x !== undefined && x !== '*' && actionCovers(x, 'iam:PassRole');
          });
          if (a) ctx.report(r, s.actionNode, `${r.id} allows iam:PassRole on every role`, { why: a.why ?? star.why });
        }
  },
};
export default rule;
