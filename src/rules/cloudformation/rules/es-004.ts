import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { opensearchLogs } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ES-004',
    'OpenSearch/Elasticsearch domain publishes no application or audit logs',
    'low',
    ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    doc({
      what: 'An `AWS::OpenSearchService::Domain` or `AWS::Elasticsearch::Domain` whose `LogPublishingOptions` has neither `ES_APPLICATION_LOGS` nor `AUDIT_LOGS` published (an entry counts when it names a `CloudWatchLogsLogGroupArn` or sets `Enabled`, and is not `Enabled: false`). Slow logs alone do not count: they are performance logs. Hygiene: never blocking.',
      why: 'Without error logs a failing or probed cluster leaves no trace outside it, and without audit logs (which need fine-grained access control) there is no record of who read or changed which index: after a leak, nobody can say what was taken.',
      example: `Search:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.11
    LogPublishingOptions:
      SEARCH_SLOW_LOGS:
        CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:/search/slow
        Enabled: true`,
      fix: 'Publish `ES_APPLICATION_LOGS` (and `AUDIT_LOGS` when fine-grained access control is on) to a CloudWatch Logs group whose resource policy lets OpenSearch write to it.',
      fixed: `    LogPublishingOptions:
      ES_APPLICATION_LOGS:
        CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:/search/app
        Enabled: true
      AUDIT_LOGS:
        CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:/search/audit
        Enabled: true`,
      refs: [
        'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html',
        'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-logpublishingoption.html',
      ],
    }),
    'Publish ES_APPLICATION_LOGS (and AUDIT_LOGS with fine-grained access control) to CloudWatch Logs.',
  ),
  check: cloudCheck(opensearchLogs, ['opensearch-logs']),
};
export default rule;
