import type { CfnRule } from '../rule.js';
import { doc, meta, portSpans, sgRules, worldCidr } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-005',
    'Security group allows all outbound traffic to the whole internet',
    'low',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupEgress'],
    doc({
      what: 'Egress rules to `0.0.0.0/0` or `::/0` on all protocols (`IpProtocol: -1`) or all ports, inline or standalone.',
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
  check(ctx) {
    for (const { node, res } of sgRules(ctx.t, ctx.resources, 'egress')) {
      const w = worldCidr(ctx.t, node);
      if (!w) continue;
      const s = portSpans(ctx.t, node).find((x) => x.all);
      if (!s) continue;
      ctx.report(res, w.node, `${res.id} allows all outbound traffic to ${w.cidr}`, { why: w.val.why ?? s.why });
    }
  },
};
export default rule;
