import type { CfnTemplate, Resource } from '../../../parse/cloudformation.js';
import type { CfnRule } from '../rule.js';
import { doc, isTrue, meta } from '../util.js';
import { isWorldCidr } from '../../../cloud/constants.js';

/** Why a subnet of this template is public (a route to the internet, public IPs on launch), or undefined. */
function publicSubnet(t: CfnTemplate, subnet: Resource): string | undefined {
  const ids = (node: Parameters<CfnTemplate['references']>[0]) => t.references(node);
  for (const a of t.resources) {
    if (a.type !== 'AWS::EC2::SubnetRouteTableAssociation' || !ids(t.get(a.props, 'SubnetId')).has(subnet.id)) continue;
    const tables = ids(t.get(a.props, 'RouteTableId'));
    for (const route of t.resources) {
      if (route.type !== 'AWS::EC2::Route') continue;
      if (![...ids(t.get(route.props, 'RouteTableId'))].some((x) => tables.has(x))) continue;
      const dest = [
        ...t.values(t.get(route.props, 'DestinationCidrBlock')),
        ...t.values(t.get(route.props, 'DestinationIpv6CidrBlock')),
      ];
      if (!dest.some((d) => typeof d.value === 'string' && isWorldCidr(d.value))) continue;
      const gw = t.get(route.props, 'GatewayId');
      const toIgw =
        [...ids(gw)].some((g) => t.resource(g)?.type === 'AWS::EC2::InternetGateway') ||
        t.values(gw).some((v) => typeof v.value === 'string' && /^igw-/.test(v.value));
      if (toIgw) return 'routes the internet through an internet gateway';
    }
  }
  if (t.values(t.get(subnet.props, 'MapPublicIpOnLaunch')).some(isTrue)) return 'gives public IPs on launch';
  return undefined;
}

const rule: CfnRule = {
  meta: meta(
    'CFN-RDS-010',
    'RDS subnet group includes public subnets',
    'low',
    ['AWS::RDS::DBSubnetGroup'],
    doc({
      what: 'An `AWS::RDS::DBSubnetGroup` whose `SubnetIds` names an `AWS::EC2::Subnet` of the same template that is public: associated with a route table whose `AWS::EC2::Route` sends `0.0.0.0/0` (or `::/0`) to an internet gateway, or with `MapPublicIpOnLaunch: true`. Subnets from parameters or other stacks cannot be judged. Whether the database is reachable also depends on `PubliclyAccessible` (CFN-RDS-003). Hygiene: never blocking.',
      why: 'A database in a public subnet is one setting away from the internet: `PubliclyAccessible: true` on any instance placed in the group (a restore, a new replica, a console change) gives it a public address that is routed. Private subnets make that impossible, whatever the instance says.',
      example: `DbSubnets:
  Type: AWS::RDS::DBSubnetGroup
  Properties:
    DBSubnetGroupDescription: database subnets
    SubnetIds: [!Ref PublicSubnetA, !Ref PublicSubnetB]
PublicSubnetA:
  Type: AWS::EC2::Subnet
  Properties:
    VpcId: vpc-0a1b2c3d4e5f67890
    CidrBlock: 10.0.0.0/24
    MapPublicIpOnLaunch: true
PublicSubnetB:
  Type: AWS::EC2::Subnet
  Properties:
    VpcId: vpc-0a1b2c3d4e5f67890
    CidrBlock: 10.0.1.0/24
    MapPublicIpOnLaunch: true`,
      fix: 'Name private subnets (no route to an internet gateway, no public IPs on launch) in `SubnetIds`.',
      refs: [
        'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
        'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html',
      ],
    }),
    'Place the subnet group in private subnets only.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources)
      for (const item of t.items(t.get(r.props, 'SubnetIds')))
        for (const id of t.references(item)) {
          const s = t.resource(id);
          const why = s?.type === 'AWS::EC2::Subnet' ? publicSubnet(t, s) : undefined;
          if (why) ctx.report(r, item, `${r.id} includes the public subnet ${id}, which ${why}`);
        }
  },
};
export default rule;
