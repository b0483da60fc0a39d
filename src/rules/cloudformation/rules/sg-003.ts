import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { securityGroupCheck } from '../../../cloud/checks/security-group.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-003',
    'Security group allows all ports or all protocols from the whole internet',
    'critical',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: 'Ingress from any CIDR covering the whole internet (`0.0.0.0/0`, `::/0`, and every other /0 spelling such as `0000::/0` or `10.0.0.0/0`) with `IpProtocol: -1` (all traffic) or a port range covering 0-65535.',
      why: 'Every service listening on the instance — including ones started later by accident — becomes reachable from the internet.',
      example: `OpenSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: everything
    SecurityGroupIngress:
      - IpProtocol: '-1'
        CidrIp: 0.0.0.0/0`,
      fix: 'Open only the ports the workload serves, to the sources that need them.',
      fixed: `      - IpProtocol: tcp
        FromPort: 443
        ToPort: 443
        CidrIp: 0.0.0.0/0`,
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18'],
    }),
    'Open only the specific ports the service needs.',
  ),
  check: cloudCheck(securityGroupCheck, ['ingress-all']),
};
export default rule;
