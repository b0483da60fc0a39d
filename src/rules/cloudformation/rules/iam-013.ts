import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { assumeAnyRole } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-013',
    'IAM policy allows assuming any role',
    'medium',
    [
      'AWS::IAM::Policy',
      'AWS::IAM::ManagedPolicy',
      'AWS::IAM::RolePolicy',
      'AWS::IAM::UserPolicy',
      'AWS::IAM::GroupPolicy',
      'AWS::IAM::Role',
      'AWS::IAM::User',
      'AWS::IAM::Group',
    ],
    doc({
      what: `An identity policy \`Allow\` statement that grants \`sts:AssumeRole\` (directly, or through \`sts:*\`/\`sts:Assume*\`) on \`Resource: "*"\`. (\`Action: "*"\` is CFN-IAM-001's.)`,
      why: `The principal can assume every role that trusts its account, which is often every role in the account: privilege escalation by design.`,
      example: `Policy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Statement:
        - Effect: Allow
          Action: sts:AssumeRole
          Resource: "*"`,
      fix: `List the role ARNs the principal needs to assume.`,
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html'],
    }),
    'Name the roles that may be assumed instead of "*".',
  ),
  check: cloudCheck(assumeAnyRole, ['assume-any-role']),
};
export default rule;
