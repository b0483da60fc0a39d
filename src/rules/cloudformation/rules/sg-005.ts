import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { securityGroupCheck } from '../../../cloud/checks/security-group.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-005',
    'Security group allows all outbound traffic to the whole internet',
    'low',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupEgress'],
    doc({
      what: 'Egress rules to any CIDR covering the whole internet (`0.0.0.0/0`, `::/0`, and every other /0 spelling such as `0000::/0` or `10.0.0.0/0`) on all protocols (`IpProtocol: -1`) or all ports, inline or standalone.',
      why: 'Unrestricted egress lets compromised workloads exfiltrate data and reach command-and-control servers on any port. (A group with no egress rules also allows all egress; this rule reports the explicit case.)',
      example: `AppSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app
    SecurityGroupEgress:
      - IpProtocol: '-1'
        CidrIp: 0.0.0.0/0`,
      fix: 'Allow only the destinations and ports the workload needs (for example 443 to a VPC endpoint or proxy).',
      fixed: `    SecurityGroupEgress:
      - IpProtocol: tcp
        FromPort: 443
        ToPort: 443
        DestinationPrefixListId: pl-0123456789abcdef0`,
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
    }),
    'Restrict egress to the ports and destinations the workload needs.',
  ),
  check: cloudCheck(securityGroupCheck, ['egress-all']),
};
export default rule;
