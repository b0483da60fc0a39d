import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { cognitoUnauthenticated } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-COGNITO-002',
    'Cognito identity pool gives credentials to unauthenticated users',
    'medium',
    ['AWS::Cognito::IdentityPool'],
    doc({
      what: `An \`AWS::Cognito::IdentityPool\` with \`AllowUnauthenticatedIdentities: true\`.`,
      why: `Anyone on the internet can obtain AWS credentials for the pool's unauthenticated role; whatever that role allows, the world can do.`,
      example: `Ids:
  Type: AWS::Cognito::IdentityPool
  Properties:
    AllowUnauthenticatedIdentities: true`,
      fix: `Set \`AllowUnauthenticatedIdentities: false\`, or keep the unauthenticated role to the narrowest read-only permissions.`,
      refs: ['https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html'],
    }),
    'Set AllowUnauthenticatedIdentities: false.',
  ),
  check: cloudCheck(cognitoUnauthenticated, ['cognito-unauthenticated']),
};
export default rule;
