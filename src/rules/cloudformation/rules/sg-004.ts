import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { securityGroupCheck } from '../../../cloud/checks/security-group.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-004',
    'Security group opens a wide port range to the whole internet',
    'medium',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: 'Ingress from any CIDR covering the whole internet (`0.0.0.0/0`, `::/0`, and every other /0 spelling such as `0000::/0` or `10.0.0.0/0`) over a range of more than one port (that is not already reported as including an admin or database port, and is not all ports). A single port such as 443 or 80 open to the world is normal for a public endpoint and is not reported.',
      why: 'Port ranges open services nobody intended to publish; public endpoints serve one or two well-known ports.',
      example: `AppSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 8100
        ToPort: 8180
        CidrIp: 0.0.0.0/0`,
      fix: 'List the individual ports the service listens on, or put it behind a load balancer.',
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
    }),
    'Open individual ports, not ranges, to the internet.',
  ),
  check: cloudCheck(securityGroupCheck, ['ingress-range']),
};
export default rule;
