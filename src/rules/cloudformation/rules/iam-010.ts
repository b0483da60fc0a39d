import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { trustPolicy } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-010',
    'Role trusts another account without an ExternalId or MFA condition',
    'medium',
    ['AWS::IAM::Role'],
    doc({
      what: `An \`AWS::IAM::Role\` whose trust policy allows an AWS account (a 12-digit id, \`arn:aws:iam::ACCOUNT:root\`, or a principal of another account) without a condition on \`sts:ExternalId\`, \`aws:MultiFactorAuthPresent\`, \`aws:PrincipalOrgID\`, \`aws:SourceAccount\`/\`aws:SourceArn\` or \`aws:PrincipalArn\`. Trusting \`:root\` trusts every principal the other account's admins allow.`,
      why: `Third parties that assume roles for many customers are open to the confused-deputy problem without an ExternalId; humans assuming a role from another account should prove MFA.`,
      example: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: {AWS: "arn:aws:iam::111122223333:root"}
          Action: sts:AssumeRole`,
      fix: `Add \`Condition: {StringEquals: {sts:ExternalId: …}}\` for third parties, or \`Bool: {aws:MultiFactorAuthPresent: true}\` for people; name a role rather than \`:root\` where you can.`,
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html'],
    }),
    'Add an sts:ExternalId or MFA condition to the trust statement.',
  ),
  check: cloudCheck(trustPolicy, ['trust-cross-account']),
};
export default rule;
