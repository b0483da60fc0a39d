import type { CfnRule } from '../rule.js';
import { boolProp, doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EC2-001',
    'Instance gets a public IP address',
    'medium',
    ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
    doc({
      what: "`AssociatePublicIpAddress: true` on an instance's `NetworkInterfaces`, a launch template's `LaunchTemplateData.NetworkInterfaces`, or a launch configuration.",
      why: 'A public IP makes the instance directly reachable from the internet; any security group mistake is immediately exploitable. Most workloads belong in private subnets behind a load balancer or NAT.',
      example: `Web:
  Type: AWS::EC2::Instance
  Properties:
    ImageId: ami-12345678
    NetworkInterfaces:
      - DeviceIndex: '0'
        SubnetId: !Ref Subnet
        AssociatePublicIpAddress: true`,
      fix: 'Launch in a private subnet without a public IP; expose services through a load balancer, and reach instances with SSM Session Manager.',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9'],
    }),
    'Do not associate public IPs; use private subnets and a load balancer.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const nodes =
        r.type === 'AWS::AutoScaling::LaunchConfiguration'
          ? [t.get(r.props, 'AssociatePublicIpAddress')]
          : t
              .items(
                t.at(
                  r.props,
                  r.type === 'AWS::EC2::Instance' ? 'NetworkInterfaces' : 'LaunchTemplateData.NetworkInterfaces',
                ),
              )
              .map((ni) => t.get(ni, 'AssociatePublicIpAddress'));
      for (const n of nodes) {
        const b = boolProp(t, n);
        if (b.trueVal) ctx.report(r, n, `${r.id} associates a public IP address`, { why: b.trueVal.why });
      }
    }
  },
};
export default rule;
