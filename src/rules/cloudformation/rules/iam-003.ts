import type { CfnRule } from '../rule.js';
import { doc, POLICY_TYPES, policyDocs, meta, statements } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-003',
    'IAM policy uses Allow with NotAction',
    'medium',
    POLICY_TYPES,
    doc({
      what: 'An `Allow` statement that uses `NotAction` in an identity policy or a resource policy (resource policies of S3 buckets, SQS queues, SNS topics, ECR repositories, Secrets Manager secrets and OpenSearch domains, KMS key policies).',
      why: '`Allow` + `NotAction` grants every action except the listed ones — including actions of services launched after the policy was written. It is almost always broader than intended.',
      example: `Policy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Statement:
        - Effect: Allow
          NotAction: iam:*
          Resource: '*'`,
      fix: 'Use `Action` with an explicit list. `NotAction` is fine in a `Deny` statement.',
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html'],
    }),
    'Use an explicit Action list instead of Allow + NotAction.',
  ),
  check(ctx) {
    for (const r of ctx.resources)
      for (const d of policyDocs(ctx.t, r))
        for (const s of statements(ctx.t, d))
          if (s.allow && s.notActionNode) ctx.report(r, s.notActionNode, `${r.id} uses Allow with NotAction`);
  },
};
export default rule;
