import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { iamUserInlinePolicy } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-007',
    'IAM user has inline policies',
    'low',
    ['AWS::IAM::User', 'AWS::IAM::Policy', 'AWS::IAM::UserPolicy'],
    doc({
      what: 'An `AWS::IAM::User` with `Policies`, an `AWS::IAM::UserPolicy`, or an `AWS::IAM::Policy` attached to `Users`. The same check as the Ansible ANS-AWS-034.',
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
  check: cloudCheck(iamUserInlinePolicy, ['iam-user-inline-policy']),
};
export default rule;
