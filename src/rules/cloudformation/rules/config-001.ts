import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { configKeyAge } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CONFIG-001',
    'Config rule accepts access keys older than 90 days',
    'low',
    ['AWS::Config::ConfigRule'],
    doc({
      what: `An \`AWS::Config::ConfigRule\` for the managed rule \`ACCESS_KEYS_ROTATED\` whose \`InputParameters.maxAccessKeyAge\` is above 90.`,
      why: `Access keys are the credential most often leaked; rotating within 90 days (CIS) bounds how long a leaked key works.`,
      example: `KeyAge:
  Type: AWS::Config::ConfigRule
  Properties:
    Source: {Owner: AWS, SourceIdentifier: ACCESS_KEYS_ROTATED}
    InputParameters: {maxAccessKeyAge: 365}`,
      fix: `Set \`maxAccessKeyAge\` to 90 or less.`,
      refs: ['https://docs.aws.amazon.com/config/latest/developerguide/access-keys-rotated.html'],
    }),
    'Set maxAccessKeyAge to 90 or less.',
  ),
  check: cloudCheck(configKeyAge, ['config-key-age']),
};
export default rule;
