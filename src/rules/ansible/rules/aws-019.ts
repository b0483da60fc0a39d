import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { cloudfrontMonitoring } from '../../../cloud/checks/aws-transport.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-019',
    title: 'CloudFront without access logging or WAF',
    severity: 'low',
    category: 'ansible',
    modules: ['cloudfront_distribution'],
    docs: doc({
      what: 'Flags new cloudfront_distribution (with `origins`, or created from `default_origin_domain_name`) that do not enable `logging` (or set `logging.enabled: false`) or attach no `web_acl_id`.',
      why: 'Without logs, abuse and incidents cannot be investigated; without a web ACL, common web attacks reach the origin unfiltered.',
      bad: '- community.aws.cloudfront_distribution:\n    state: present\n    origins:\n      - domain_name: assets.example.com\n    default_cache_behavior:\n      viewer_protocol_policy: https-only',
      good: '- community.aws.cloudfront_distribution:\n    state: present\n    origins:\n      - domain_name: assets.example.com\n    default_cache_behavior:\n      viewer_protocol_policy: https-only\n    logging:\n      enabled: true\n      bucket: logs.s3.amazonaws.com\n    web_acl_id: arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-5'],
    }),
    remediation: 'Enable standard logging to a log bucket and attach a WAF web ACL.',
  },
  check: cloudCheck(cloudfrontMonitoring, ['cloudfront-logging', 'cloudfront-waf']),
};
export default rule;
