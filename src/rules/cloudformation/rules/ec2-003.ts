import type { CfnRule } from '../rule.js';
import { doc, meta, declaresVpc, getSet } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EC2-003',
    'EC2 instance is launched in the default VPC',
    'low',
    ['AWS::EC2::Instance'],
    doc({
      what: 'An `AWS::EC2::Instance` with neither `SubnetId` nor `NetworkInterfaces`, which launches in a default subnet of the default VPC.',
      why: 'Default subnets are public: instances get a public IP and a route to the internet gateway unless someone intervenes.',
      example: `Worker:
  Type: AWS::EC2::Instance
  Properties:
    ImageId: ami-12345678
    InstanceType: t3.micro`,
      fix: 'Set `SubnetId` to a private subnet of a purpose-built VPC.',
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html'],
    }),
    'Set SubnetId to a private subnet.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      if (getSet(ctx.t, r.props, 'SubnetId') !== undefined || getSet(ctx.t, r.props, 'NetworkInterfaces') !== undefined)
        continue;
      if (getSet(ctx.t, r.props, 'LaunchTemplate') !== undefined) continue; // the template may set the subnet
      // A template without a VPC of its own is usually a sample meant for the default VPC: note it, do not block.
      ctx.report(r, undefined, `${r.id} has no SubnetId, so it launches in the default VPC`, {
        ...(declaresVpc(ctx.t) ? {} : { severity: 'info' as const }),
      });
    }
  },
};
export default rule;
