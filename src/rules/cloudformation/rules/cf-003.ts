import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

/** Viewer TLS policies that still accept protocols older than TLS 1.2. */
const OLD = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']);

const rule: CfnRule = {
  meta: meta(
    'CFN-CF-003',
    'CloudFront accepts viewer connections older than TLS 1.2',
    'medium',
    ['AWS::CloudFront::Distribution'],
    doc({
      what: 'A distribution with its own certificate (`AcmCertificateArn` or `IamCertificateId`) whose `ViewerCertificate.MinimumProtocolVersion` is SSLv3, TLSv1, TLSv1_2016 or TLSv1.1_2016, or is not set (CloudFormation then uses TLSv1). The default `*.cloudfront.net` certificate is left alone: its policy is not yours to choose.',
      why: 'SSLv3, TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996); PCI DSS and most security baselines require TLS 1.2 or later.',
      example: `Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      ViewerCertificate:
        AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
        SslSupportMethod: sni-only
        MinimumProtocolVersion: TLSv1`,
      fix: 'Set `MinimumProtocolVersion: TLSv1.2_2021` (or later).',
      refs: [
        'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
      ],
    }),
    'Set ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const cert = t.at(r.props, 'DistributionConfig.ViewerCertificate');
      if (!cert) continue;
      const own = t.get(cert, 'AcmCertificateArn') ?? t.get(cert, 'IamCertificateId');
      if (!own) continue;
      const n = t.get(cert, 'MinimumProtocolVersion');
      if (!n) {
        ctx.report(r, cert, `${r.id} sets no MinimumProtocolVersion, so viewers may connect with TLS 1.0`);
        continue;
      }
      const v = findVal(t.values(n), (x) => OLD.has(strVal(x) ?? ''));
      if (v) ctx.report(r, n, `${r.id} accepts viewers on ${strVal(v)}`, { why: v.why });
    }
  },
};
export default rule;
