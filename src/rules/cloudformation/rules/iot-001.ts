import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { iotWildcard } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IOT-001',
    'IoT policy allows every action or every resource',
    'medium',
    ['AWS::IoT::Policy'],
    doc({
      what: `An \`AWS::IoT::Policy\` with an \`Allow\` statement whose \`Action\` is \`*\` or \`iot:*\`, or whose \`Resource\` is \`*\`.`,
      why: `IoT policies are attached to device certificates; a wildcard lets one compromised device publish to, subscribe to and update every other device's topics and shadows.`,
      example: `DevicePolicy:
  Type: AWS::IoT::Policy
  Properties:
    PolicyDocument:
      Statement:
        - Effect: Allow
          Action: iot:*
          Resource: "*"`,
      fix: `Scope actions to \`iot:Connect\`/\`Publish\`/\`Subscribe\`/\`Receive\` and resources to the device's own client id and topics (\`\${iot:Connection.Thing.ThingName}\`).`,
      refs: ['https://docs.aws.amazon.com/iot/latest/developerguide/iot-policies.html'],
    }),
    "Scope IoT policy actions and resources to the device's own topics.",
  ),
  check: cloudCheck(iotWildcard, ['iot-wildcard']),
};
export default rule;
