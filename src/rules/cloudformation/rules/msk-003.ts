import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { mskLogs } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-MSK-003',
    'MSK broker logs are not delivered',
    'low',
    ['AWS::MSK::Cluster'],
    doc({
      what: `An \`AWS::MSK::Cluster\` without \`LoggingInfo.BrokerLogs\` (CloudWatch Logs, Firehose or S3), or with every destination's \`Enabled\` false.`,
      why: `Broker logs record authentication failures and client errors; without them an incident cannot be traced.`,
      example: `Kafka:
  Type: AWS::MSK::Cluster
  Properties:
    ClusterName: events`,
      fix: `Deliver broker logs to CloudWatch Logs, Firehose or S3.`,
      refs: ['https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html'],
    }),
    'Set LoggingInfo.BrokerLogs.',
  ),
  check: cloudCheck(mskLogs, ['msk-logs']),
};
export default rule;
