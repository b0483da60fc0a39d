import type { CfnRule } from '../rule.js';
import { doc, findVal, POLICY_TYPES, policyDocs, RESOURCE_POLICY_PROPS, meta, statements, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-002',
    'IAM policy allows all actions of a service on all resources',
    'medium',
    POLICY_TYPES,
    doc({
      what: 'An `Allow` statement with a service-wide action such as `s3:*` or `iam:*` **and** `Resource: "*"` in an identity policy, or a service-wide action in a resource policy (resource policies of S3 buckets, SQS queues, SNS topics, ECR repositories, Secrets Manager secrets and OpenSearch domains), where it hands every action on the resource — delete it, rewrite its policy — to the principal. (`Action: "*"` is reported by CFN-IAM-001.) `Deny` statements are never reported.',
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
      for (const d of r.type === 'AWS::KMS::Key' ? [] : policyDocs(ctx.t, r))
        for (const s of statements(ctx.t, d)) {
          if (!s.allow) continue;
          // A resource policy is about its own resource: a service-wide action is broad whatever `Resource` says.
          const star = findVal(s.resources, (v) => strVal(v) === '*');
          const resourcePolicy = r.type in RESOURCE_POLICY_PROPS;
          if (!star && !resourcePolicy) continue;
          const svc = findVal(s.actions, (a) => /^[a-z0-9-]+:\*$/i.test(strVal(a) ?? ''));
          if (svc)
            ctx.report(
              r,
              s.actionNode,
              star
                ? `${r.id} allows ${strVal(svc)} on every resource`
                : `${r.id} grants ${strVal(svc)} on the resource`,
              { why: svc.why ?? star?.why },
            );
        }
  },
};
export default rule;
