import type { CfnRule } from '../rule.js';
import { doc, meta, policyDocs, RESOURCE_POLICY_TYPES, statements } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-009',
    'Trust or resource policy uses Allow with NotPrincipal',
    'high',
    ['AWS::IAM::Role', ...RESOURCE_POLICY_TYPES],
    doc({
      what: "An `Allow` statement with `NotPrincipal` in a role's `AssumeRolePolicyDocument` or in a resource policy (resource policies of S3 buckets, SQS queues, SNS topics, ECR repositories, Secrets Manager secrets and OpenSearch domains, KMS key policies).",
      why: '`Allow` + `NotPrincipal` trusts (or grants access to) every principal except the listed ones — effectively anyone, including anonymous users for a bucket or a queue.',
      example: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          NotPrincipal: { AWS: arn:aws:iam::123456789012:root }
          Action: sts:AssumeRole`,
      fix: 'Use `Principal` with the principals that may assume the role.',
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html'],
    }),
    'Use Principal with explicit trusted principals instead of Allow + NotPrincipal.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const d = r.type === 'AWS::IAM::Role' ? ctx.t.get(r.props, 'AssumeRolePolicyDocument') : policyDocs(ctx.t, r)[0];
      const what = r.type === 'AWS::IAM::Role' ? 'trust policy' : 'resource policy';
      for (const s of statements(ctx.t, d))
        if (s.allow && s.notPrincipalNode)
          ctx.report(r, s.notPrincipalNode, `${r.id} ${what} uses Allow with NotPrincipal`);
    }
  },
};
export default rule;
