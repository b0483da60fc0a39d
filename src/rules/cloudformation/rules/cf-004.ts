import type { CfnRule } from '../rule.js';
import { doc, meta, requireProp } from '../util.js';

const rule: CfnRule = requireProp({
  meta: meta(
    'CFN-CF-004',
    'CloudFront distribution access logging is off',
    'low',
    ['AWS::CloudFront::Distribution'],
    doc({
      what: 'An `AWS::CloudFront::Distribution` without `DistributionConfig.Logging`.',
      why: 'Without access logs there is no record of who requested what \u2014 needed to investigate abuse, scraping or data exposure.',
      example: `Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Enabled: true`,
      fix: 'Set `Logging: { Bucket: logs-bucket.s3.amazonaws.com, Prefix: cdn/ }` (or configure real-time logs / standard logging v2).',
      refs: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html'],
    }),
    'Enable DistributionConfig.Logging.',
  ),
  prop: 'DistributionConfig.Logging',
  message: (r) => `${r.id} has no access logging`,
});
export default rule;
