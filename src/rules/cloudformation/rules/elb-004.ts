import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ELB-004',
    'Classic load balancer listens on plain HTTP',
    'medium',
    ['AWS::ElasticLoadBalancing::LoadBalancer'],
    doc({
      what: 'A Classic Load Balancer listener whose `Protocol` is HTTP. A Classic Load Balancer cannot redirect to HTTPS, so an HTTP listener always serves the application in clear text.',
      why: 'Traffic on an HTTP listener (credentials, session cookies, personal data) can be read and altered by anyone on the path.',
      example: `Web:
  Type: AWS::ElasticLoadBalancing::LoadBalancer
  Properties:
    Listeners:
      - LoadBalancerPort: '80'
        InstancePort: '80'
        Protocol: HTTP`,
      fix: 'Listen on HTTPS with an ACM certificate; better, move to an Application Load Balancer, whose HTTP listener can redirect to HTTPS.',
      refs: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-https-load-balancers.html'],
    }),
    'Use an HTTPS listener (or an ALB that redirects HTTP to HTTPS).',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources)
      for (const l of t.items(t.get(r.props, 'Listeners'))) {
        const p = t.get(l, 'Protocol');
        const http = findVal(t.values(p), (v) => strVal(v)?.toUpperCase() === 'HTTP');
        if (http) ctx.report(r, p, `${r.id} has a plain-HTTP listener`, { why: http.why });
      }
  },
};
export default rule;
