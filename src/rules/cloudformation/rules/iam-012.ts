import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { loginProfileReset } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-012',
    'Console password need not be changed at first sign-in',
    'low',
    ['AWS::IAM::User'],
    doc({
      what: `An \`AWS::IAM::User\` with a \`LoginProfile\` that leaves out \`PasswordResetRequired\` or sets it to false.`,
      why: `The initial password travels through the template, a parameter or a chat message; making the user replace it at first sign-in limits how long that copy is useful.`,
      example: `Alice:
  Type: AWS::IAM::User
  Properties:
    LoginProfile:
      Password: !Ref InitialPassword`,
      fix: `Set \`LoginProfile.PasswordResetRequired: true\` (better: use IAM Identity Center instead of IAM users).`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-iam-user-loginprofile.html',
      ],
    }),
    'Set LoginProfile.PasswordResetRequired: true.',
  ),
  check: cloudCheck(loginProfileReset, ['login-profile-reset']),
};
export default rule;
