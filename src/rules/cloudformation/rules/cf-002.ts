import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CF-002',
    'CloudFront talks to a custom origin over plain HTTP',
    'medium',
    ['AWS::CloudFront::Distribution'],
    doc({
      what: 'An origin whose `CustomOriginConfig.OriginProtocolPolicy` is `http-only`, or `match-viewer` while some behavior still allows HTTP viewers.',
      why: 'The leg between CloudFront and the origin crosses the internet; over HTTP, content and forwarded headers (cookies, authorization) are exposed.',
      example: `Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Enabled: true
      Origins:
        - Id: api
          DomainName: api.example.com
          CustomOriginConfig:
            OriginProtocolPolicy: http-only`,
      fix: 'Use `OriginProtocolPolicy: https-only` with `OriginSSLProtocols: [TLSv1.2]`.',
      refs: [
        'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
      ],
    }),
    'Set OriginProtocolPolicy: https-only.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const cfg = t.get(r.props, 'DistributionConfig');
      const behaviors = [t.get(cfg, 'DefaultCacheBehavior'), ...t.items(t.get(cfg, 'CacheBehaviors'))];
      const httpViewers = behaviors.some((b) =>
        findVal(t.values(t.get(b, 'ViewerProtocolPolicy')), (x) => strVal(x) === 'allow-all'),
      );
      for (const o of t.items(t.get(cfg, 'Origins'))) {
        const n = t.at(o, 'CustomOriginConfig.OriginProtocolPolicy');
        const v = findVal(
          t.values(n),
          (x) => strVal(x) === 'http-only' || (httpViewers && strVal(x) === 'match-viewer'),
        );
        if (v) ctx.report(r, n, `${r.id} connects to an origin over plain HTTP (${strVal(v)})`, { why: v.why });
      }
    }
  },
};
export default rule;
