import type { CfnRule } from '../rule.js';
import { doc, findVal, POLICY_TYPES, policyDocs, meta, statements, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-001',
    'IAM policy allows every action (Action: "*")',
    'high',
    POLICY_TYPES,
    doc({
      what: 'An `Allow` statement whose `Action` is `*` in an identity policy: `AWS::IAM::Policy`, `ManagedPolicy`, inline `Policies` of roles, users and groups, SAM function `Policies` statements, and the resource policies of S3 buckets, SQS queues, SNS topics, ECR repositories, Secrets Manager secrets and OpenSearch domains (KMS key policies are left out: their administrator statement is `kms:*` by design). `Deny` statements are never reported.',
      why: '`Action: "*"` grants administrator rights over whatever the Resource names — including IAM itself, which lets the holder escalate to full account control.',
      example: `AdminPolicy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Action: '*'
          Resource: '*'`,
      fix: 'List the specific actions the principal needs (IAM Access Analyzer can generate a policy from CloudTrail activity).',
      fixed: `        - Effect: Allow
          Action: [s3:GetObject, s3:PutObject]
          Resource: !Sub '\${Bucket.Arn}/*'`,
      refs: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1',
      ],
    }),
    'Replace Action "*" with the specific actions needed.',
  ),
  check(ctx) {
    for (const r of ctx.resources)
      for (const d of r.type === 'AWS::KMS::Key' ? [] : policyDocs(ctx.t, r))
        for (const s of statements(ctx.t, d)) {
          if (!s.allow) continue;
          const v = findVal(s.actions, (a) => strVal(a) === '*');
          if (v) ctx.report(r, s.actionNode, `${r.id} allows every action ("*")`, { why: v.why });
        }
  },
};
export default rule;
