import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { guarddutyOff } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-GUARDDUTY-001',
    'GuardDuty detector is disabled',
    'medium',
    ['AWS::GuardDuty::Detector'],
    doc({
      what: `An \`AWS::GuardDuty::Detector\` with \`Enable: false\`.`,
      why: `A disabled detector looks like coverage in the template but finds nothing.`,
      example: `Detector:
  Type: AWS::GuardDuty::Detector
  Properties:
    Enable: false`,
      fix: `Set \`Enable: true\`.`,
      refs: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html'],
    }),
    'Set Enable: true.',
  ),
  check: cloudCheck(guarddutyOff, ['guardduty-off']),
};
export default rule;
