import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { route53QueryLogs } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ROUTE53-001',
    'Public hosted zone does not log DNS queries',
    'low',
    ['AWS::Route53::HostedZone'],
    doc({
      what: `A public \`AWS::Route53::HostedZone\` (no \`VPCs\`) without \`QueryLoggingConfig\`.`,
      why: `Query logs reveal reconnaissance and DNS-based exfiltration against your domain.`,
      example: `Zone:
  Type: AWS::Route53::HostedZone
  Properties:
    Name: example.com`,
      fix: `Set \`QueryLoggingConfig: {CloudWatchLogsLogGroupArn: …}\` (a log group in us-east-1).`,
      refs: ['https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html'],
    }),
    'Set QueryLoggingConfig.',
  ),
  check: cloudCheck(route53QueryLogs, ['route53-query-logs']),
};
export default rule;
