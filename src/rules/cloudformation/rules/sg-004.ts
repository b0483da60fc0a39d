import type { CfnRule } from '../rule.js';
import { doc, meta, portSpans, sgRules, spanIncludes, worldCidr } from '../util.js';
import { ADMIN_PORTS } from './sg-001.js';
import { DATA_PORTS } from './sg-002.js';
import { REMOTE_PORTS } from './sg-006.js';

const KNOWN = [...ADMIN_PORTS, ...DATA_PORTS, ...REMOTE_PORTS].map(([p]) => p);

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-004',
    'Security group opens a wide port range to the whole internet',
    'medium',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: 'Ingress from `0.0.0.0/0` or `::/0` over a range of more than one port (that is not already reported as including an admin or database port, and is not all ports). A single port such as 443 or 80 open to the world is normal for a public endpoint and is not reported.',
      why: 'Port ranges open services nobody intended to publish; public endpoints serve one or two well-known ports.',
      example: `AppSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 8000
        ToPort: 8080
        CidrIp: 0.0.0.0/0`,
      fix: 'List the individual ports the service listens on, or put it behind a load balancer.',
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
    }),
    'Open individual ports, not ranges, to the internet.',
  ),
  check(ctx) {
    for (const { node, res } of sgRules(ctx.t, ctx.resources, 'ingress')) {
      const w = worldCidr(ctx.t, node);
      if (!w) continue;
      const s = portSpans(ctx.t, node).find((x) => !x.all && x.to > x.from && !KNOWN.some((p) => spanIncludes(x, p)));
      if (!s) continue;
      ctx.report(res, w.node, `${res.id} opens ports ${s.from}-${s.to} to ${w.cidr}`, { why: w.val.why ?? s.why });
    }
  },
};
export default rule;
