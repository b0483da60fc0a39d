import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { cloudfrontMonitoring } from '../../../cloud/checks/aws-transport.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CF-005',
    'CloudFront distribution has no web ACL',
    'low',
    ['AWS::CloudFront::Distribution'],
    doc({
      what: 'An `AWS::CloudFront::Distribution` whose `DistributionConfig` sets no `WebACLId` (empty counts as not set). The same check as the Ansible ANS-AWS-019. Hygiene: never blocking.',
      why: 'A distribution is the public front door of what it serves. Without an AWS WAF web ACL there is no place to rate-limit, block known-bad inputs or IP ranges, or turn on managed rule groups when an attack starts: every request reaches the origin.',
      example: `Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Enabled: true
      Origins:
        - Id: site
          DomainName: site.example.com
          CustomOriginConfig: { OriginProtocolPolicy: https-only }
      DefaultCacheBehavior:
        TargetOriginId: site
        ViewerProtocolPolicy: redirect-to-https
        CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6`,
      fix: 'Create an `AWS::WAFv2::WebACL` with `Scope: CLOUDFRONT` (in us-east-1) and set `DistributionConfig.WebACLId` to its ARN (`!GetAtt EdgeAcl.Arn`).',
      fixed: `      Enabled: true
      WebACLId: !GetAtt EdgeAcl.Arn`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-distribution-distributionconfig.html',
        'https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html',
      ],
    }),
    'Attach an AWS WAF web ACL (Scope CLOUDFRONT) through DistributionConfig.WebACLId.',
  ),
  check: cloudCheck(cloudfrontMonitoring, ['cloudfront-waf']),
};
export default rule;
