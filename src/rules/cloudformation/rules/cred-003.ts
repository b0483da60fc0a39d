import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { secretProps } from '../../../cloud/checks/secrets.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-003',
    'IAM user login profile has a password in the template',
    'critical',
    ['AWS::IAM::User'],
    doc({
      what: 'An `AWS::IAM::User` whose `LoginProfile.Password` is a literal string, or a `!Ref` to a parameter whose Default supplies it. Dynamic references (`{{resolve:secretsmanager:…}}`) and parameters without a Default are fine.',
      why: 'The password is stored in version control and visible in the template to anyone who can read the stack.',
      example: `Alice:
  Type: AWS::IAM::User
  Properties:
    LoginProfile:
      Password: Sup3rSecretPassw0rd!`,
      fix: "Reference a secret: `Password: '{{resolve:secretsmanager:alice-initial:SecretString:password}}'` with `PasswordResetRequired: true`, or use IAM Identity Center.",
      refs: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html'],
    }),
    'Use a {{resolve:secretsmanager:…}} dynamic reference for the password.',
  ),
  check: cloudCheck(secretProps, ['secret-literal'], ['AWS::IAM::User']),
};
export default rule;
