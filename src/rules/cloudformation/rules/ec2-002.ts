import type { CfnRule } from '../rule.js';
import { doc, forbidTrue, meta, namesOf } from '../util.js';

const rule: CfnRule = forbidTrue({
  meta: meta(
    'CFN-EC2-002',
    'Subnet assigns public IPs on launch',
    'medium',
    ['AWS::EC2::Subnet'],
    doc({
      what: 'An `AWS::EC2::Subnet` with `MapPublicIpOnLaunch: true`.',
      why: 'Every instance launched in the subnet gets a public IP, so one missing security group rule puts it on the internet. Public load balancers do not need it.',
      example: `PublicSubnet:
  Type: AWS::EC2::Subnet
  Properties:
    VpcId: !Ref Vpc
    CidrBlock: 10.0.0.0/24
    MapPublicIpOnLaunch: true`,
      fix: 'Set `MapPublicIpOnLaunch: false`; give public IPs (or Elastic IPs) only to the instances that need them, or put them behind a load balancer or NAT gateway.',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15'],
    }),
    'Set MapPublicIpOnLaunch: false.',
  ),
  prop: 'MapPublicIpOnLaunch',
  trueMessage: (r) => `${r.id} assigns a public IP to every instance launched in it`,
  // A subnet named public is public by design (load balancers, NAT gateways, bastions): worth knowing, not blocking.
  severity: (t, r) => (/public|dmz|edge/i.test(namesOf(t, r)) ? 'info' : undefined),
});
export default rule;
