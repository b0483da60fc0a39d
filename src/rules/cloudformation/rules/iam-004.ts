import type { CfnRule } from '../rule.js';
import { doc, POLICY_TYPES, policyDocs, meta, statements } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-004',
    'IAM policy uses Allow with NotResource',
    'medium',
    POLICY_TYPES,
    doc({
      what: 'An `Allow` statement that uses `NotResource` in an identity policy or a resource policy (resource policies of S3 buckets, SQS queues, SNS topics, ECR repositories, Secrets Manager secrets and OpenSearch domains, KMS key policies).',
      why: '`Allow` + `NotResource` applies to every resource except the listed ones, including resources created later and in other services.',
      example: `Policy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Statement:
        - Effect: Allow
          Action: s3:GetObject
          NotResource: arn:aws:s3:::secret-bucket/*`,
      fix: 'List the resources the statement applies to in `Resource`. `NotResource` is fine in a `Deny` statement.',
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html'],
    }),
    'Use an explicit Resource list instead of Allow + NotResource.',
  ),
  check(ctx) {
    for (const r of ctx.resources)
      for (const d of policyDocs(ctx.t, r))
        for (const s of statements(ctx.t, d))
          if (s.allow && s.notResourceNode) ctx.report(r, s.notResourceNode, `${r.id} uses Allow with NotResource`);
  },
};
export default rule;
