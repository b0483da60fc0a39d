import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { trustPolicy } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-011',
    'Role trust policy allows every action',
    'medium',
    ['AWS::IAM::Role'],
    doc({
      what: `An \`AWS::IAM::Role\` whose trust policy allows \`Action: "*"\` or \`sts:*\` instead of \`sts:AssumeRole\` (or the \`AssumeRoleWith…\`/\`TagSession\` actions it needs), or an \`Allow\` with \`NotAction\` (every action but the listed ones).`,
      why: `A trust policy should grant exactly the way in; \`*\` also grants session tagging and source-identity setting, which the trusted party can use to sidestep attribute-based controls.`,
      example: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: {Service: ec2.amazonaws.com}
          Action: "*"`,
      fix: `Use \`Action: sts:AssumeRole\` (or the specific \`sts:AssumeRoleWithWebIdentity\`/\`sts:AssumeRoleWithSAML\`).`,
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'],
    }),
    'Allow only sts:AssumeRole (or the specific AssumeRoleWith\u2026 action).',
  ),
  check: cloudCheck(trustPolicy, ['trust-all-actions']),
};
export default rule;
