import type { CfnRule } from '../rule.js';
import { doc, meta, portSpans, sgRules, worldCidr } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-003',
    'Security group allows all ports or all protocols from the whole internet',
    'critical',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: 'Ingress from `0.0.0.0/0` or `::/0` with `IpProtocol: -1` (all traffic) or a port range covering 0-65535.',
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
  check(ctx) {
    for (const { node, res } of sgRules(ctx.t, ctx.resources, 'ingress')) {
      const w = worldCidr(ctx.t, node);
      if (!w) continue;
      const s = portSpans(ctx.t, node).find((x) => x.all);
      if (!s) continue;
      const what = s.protocol === '-1' || s.protocol === 'all' ? 'all protocols and ports' : 'every port';
      ctx.report(res, w.node, `${res.id} allows ${what} from ${w.cidr}`, { why: w.val.why ?? s.why });
    }
  },
};
export default rule;
