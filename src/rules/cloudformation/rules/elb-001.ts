import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ELB-001',
    'Load balancer listener serves plain HTTP without redirecting to HTTPS',
    'medium',
    ['AWS::ElasticLoadBalancingV2::Listener'],
    doc({
      what: 'An `AWS::ElasticLoadBalancingV2::Listener` with `Protocol: HTTP` whose `DefaultActions` do anything other than `redirect` (to HTTPS) or a `fixed-response`. A port-80 listener that only redirects is the normal setup and is not reported.',
      why: 'Traffic forwarded over HTTP — cookies, tokens, form posts — can be read and modified by anyone on the path.',
      example: `HttpListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref Alb
    Port: 80
    Protocol: HTTP
    DefaultActions:
      - Type: forward
        TargetGroupArn: !Ref Tg`,
      fix: 'Serve the application on an HTTPS listener and make the HTTP listener redirect.',
      fixed: `    DefaultActions:
      - Type: redirect
        RedirectConfig: { Protocol: HTTPS, Port: '443', StatusCode: HTTP_301 }`,
      refs: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html'],
    }),
    'Forward only on HTTPS listeners; make HTTP listeners redirect to HTTPS.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const p = t.get(r.props, 'Protocol');
      const http = findVal(t.values(p), (v) => strVal(v)?.toUpperCase() === 'HTTP');
      if (!http) continue;
      const actions = t.items(t.get(r.props, 'DefaultActions'));
      const serves = actions.some((a) =>
        findVal(t.values(t.get(a, 'Type')), (v) => !['redirect', 'fixed-response'].includes(strVal(v) ?? '')),
      );
      if (serves)
        ctx.report(r, p, `${r.id} serves traffic over plain HTTP instead of redirecting to HTTPS`, { why: http.why });
    }
  },
};
export default rule;
