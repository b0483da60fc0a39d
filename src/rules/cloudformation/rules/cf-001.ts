import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CF-001',
    'CloudFront allows plain HTTP to viewers',
    'medium',
    ['AWS::CloudFront::Distribution'],
    doc({
      what: '`ViewerProtocolPolicy: allow-all` on the `DefaultCacheBehavior` or any `CacheBehaviors` entry of a distribution.',
      why: 'Viewers can use HTTP, so their requests, cookies and the content served can be read or modified in transit.',
      example: `Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Enabled: true
      DefaultCacheBehavior:
        TargetOriginId: site
        ViewerProtocolPolicy: allow-all`,
      fix: 'Use `redirect-to-https` (or `https-only`).',
      refs: [
        'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
      ],
    }),
    'Set ViewerProtocolPolicy to redirect-to-https.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const cfg = t.get(r.props, 'DistributionConfig');
      const behaviors = [t.get(cfg, 'DefaultCacheBehavior'), ...t.items(t.get(cfg, 'CacheBehaviors'))];
      for (const b of behaviors) {
        const n = t.get(b, 'ViewerProtocolPolicy');
        const v = findVal(t.values(n), (x) => strVal(x) === 'allow-all');
        if (v) ctx.report(r, n, `${r.id} lets viewers use plain HTTP (allow-all)`, { why: v.why });
      }
    }
  },
};
export default rule;
