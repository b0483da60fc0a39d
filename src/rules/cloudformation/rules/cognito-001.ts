import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { cognitoMfa } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-COGNITO-001',
    'Cognito user pool does not use MFA',
    'medium',
    ['AWS::Cognito::UserPool'],
    doc({
      what: `An \`AWS::Cognito::UserPool\` with \`MfaConfiguration: OFF\`, or without \`MfaConfiguration\` (the default is OFF).`,
      why: `Passwords alone are phished, reused and stuffed; a second factor stops most account takeovers.`,
      example: `Users:
  Type: AWS::Cognito::UserPool
  Properties:
    UserPoolName: customers`,
      fix: `Set \`MfaConfiguration: ON\` (or \`OPTIONAL\` with adaptive authentication) and configure TOTP or SMS.`,
      refs: ['https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html'],
    }),
    'Set MfaConfiguration to ON or OPTIONAL.',
  ),
  check: cloudCheck(cognitoMfa, ['cognito-mfa-off']),
};
export default rule;
