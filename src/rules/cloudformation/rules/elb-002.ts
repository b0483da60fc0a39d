import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

/** Policies that only allow TLS 1.2 or newer. */
const MODERN = /TLS13-1-[23]|TLS-1-2|FS-1-2|ELBSecurityPolicy-TLS13-1-2|Policy-Min-TLS-1-2/i;

const rule: CfnRule = {
  meta: meta(
    'CFN-ELB-002',
    'Load balancer listener allows outdated TLS versions',
    'medium',
    ['AWS::ElasticLoadBalancingV2::Listener'],
    doc({
      what: 'An HTTPS or TLS listener whose `SslPolicy` still allows TLS 1.0/1.1 (for example `ELBSecurityPolicy-2016-08`, `ELBSecurityPolicy-TLS-1-1-2017-01`, `ELBSecurityPolicy-FS-2018-06`). Policies named `…TLS13-1-2…`, `…TLS-1-2…`, `…FS-1-2…` pass. A listener without `SslPolicy` gets the current AWS default and is not reported.',
      why: 'TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996); PCI DSS forbids them.',
      example: `HttpsListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref Alb
    Port: 443
    Protocol: HTTPS
    SslPolicy: ELBSecurityPolicy-2016-08
    Certificates: [{ CertificateArn: !Ref Cert }]
    DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }]`,
      fix: 'Use `ELBSecurityPolicy-TLS13-1-2-2021-06` (or a newer TLS 1.2+ policy).',
      refs: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html'],
    }),
    'Use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const n = ctx.t.get(r.props, 'SslPolicy');
      const v = findVal(ctx.t.values(n), (x) => {
        const s = strVal(x);
        return s !== undefined && s !== '' && !MODERN.test(s);
      });
      if (v) ctx.report(r, n, `${r.id} uses SslPolicy ${strVal(v)}, which allows TLS below 1.2`, { why: v.why });
    }
  },
};
export default rule;
