import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { gameliftOpenRange } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-GAMELIFT-001',
    'GameLift fleet opens a port range to the internet',
    'medium',
    ['AWS::GameLift::Fleet'],
    doc({
      what: `An \`AWS::GameLift::Fleet\` with an \`EC2InboundPermissions\` entry from the whole internet (any /0) over a range of ports rather than one.`,
      why: `Game servers are public by nature, but a port range opens every process the fleet runs on those ports; list only the ports the game server listens on.`,
      example: `Fleet:
  Type: AWS::GameLift::Fleet
  Properties:
    EC2InboundPermissions:
      - {FromPort: 1000, ToPort: 60000, IpRange: 0.0.0.0/0, Protocol: TCP}`,
      fix: `Open the single port (or small set) the server uses.`,
      refs: ['https://docs.aws.amazon.com/gamelift/latest/apireference/API_IpPermission.html'],
    }),
    'Open only the ports the game server listens on.',
  ),
  check: cloudCheck(gameliftOpenRange, ['gamelift-open-range']),
};
export default rule;
