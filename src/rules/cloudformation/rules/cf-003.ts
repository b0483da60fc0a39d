import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { cloudfrontTransport } from '../../../cloud/checks/aws-transport.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CF-003',
    'CloudFront accepts viewer connections older than TLS 1.2',
    'medium',
    ['AWS::CloudFront::Distribution'],
    doc({
      what: 'A distribution with its own certificate (`AcmCertificateArn` or `IamCertificateId`) whose `ViewerCertificate.MinimumProtocolVersion` is SSLv3, TLSv1, TLSv1_2016 or TLSv1.1_2016, or is not set (CloudFormation then uses TLSv1). An explicit old version is reported whatever the certificate source (even none). The default `*.cloudfront.net` certificate without a version is left alone: its policy is not yours to choose.',
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
  check: cloudCheck(cloudfrontTransport, ['cloudfront-tls']),
};
export default rule;
