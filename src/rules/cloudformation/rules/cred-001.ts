import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-001',
    'Template creates a long-lived IAM access key',
    'medium',
    ['AWS::IAM::AccessKey'],
    doc({
      what: 'Any `AWS::IAM::AccessKey` resource.',
      why: 'Access keys never expire, are copied into CI systems and laptops, and are the most common way AWS accounts are breached. Keys created by a template also end up in stack outputs or parameters.',
      example: `Key:
  Type: AWS::IAM::AccessKey
  Properties:
    UserName: !Ref Deployer`,
      fix: "Use roles: IAM roles for workloads, OIDC federation for CI (GitHub Actions, GitLab), IAM Identity Center for people. A key that must stay is rotated at least every 90 days: increment its `Serial` (CloudFormation replaces the key on the next stack update) once its users read it from Secrets Manager rather than from an output; IAM console → Users → Security credentials (or `aws iam list-access-keys`) shows each key's age.",
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles'],
    }),
    'Use IAM roles or OIDC federation instead of access keys; a key that must stay is rotated every 90 days by incrementing its Serial (see the rule docs).',
  ),
  check(ctx) {
    for (const r of ctx.resources) ctx.report(r, undefined, `${r.id} creates a long-lived access key`);
  },
};
export default rule;
