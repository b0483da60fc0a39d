import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { cloudfrontTransport } from '../../../cloud/checks/aws-transport.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-018',
    title: 'CloudFront allows HTTP or old TLS to viewers',
    severity: 'medium',
    category: 'ansible',
    modules: ['cloudfront_distribution'],
    docs: doc({
      what: 'Flags cloudfront_distribution cache behaviors with `viewer_protocol_policy: allow-all` (also the module default when a new distribution sets none, including one created from `default_origin_domain_name` alone, which the module fills with allow-all, a match-viewer origin and the default certificate), a `viewer_certificate.minimum_protocol_version` older than TLSv1.2, and the default *.cloudfront.net certificate (low).',
      why: 'Viewers on plain HTTP or TLS 1.0/1.1 can have their sessions read or altered on the network.',
      bad: '- community.aws.cloudfront_distribution:\n    state: present\n    origins:\n      - domain_name: assets.example.com\n    default_cache_behavior:\n      viewer_protocol_policy: allow-all',
      good: '- community.aws.cloudfront_distribution:\n    state: present\n    origins:\n      - domain_name: assets.example.com\n    default_cache_behavior:\n      viewer_protocol_policy: redirect-to-https\n    viewer_certificate:\n      acm_certificate_arn: arn:aws:acm:us-east-1:111122223333:certificate/assets\n      minimum_protocol_version: TLSv1.2_2021\n      ssl_support_method: sni-only',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html'],
    }),
    remediation: 'Use redirect-to-https or https-only, your own certificate and minimum_protocol_version TLSv1.2_2021.',
  },
  check: cloudCheck(cloudfrontTransport, ['cloudfront-allow-all', 'cloudfront-tls', 'cloudfront-default-cert']),
};
export default rule;
