import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { mqLogs } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-MQ-002',
    'Amazon MQ broker logs are off',
    'low',
    ['AWS::AmazonMQ::Broker'],
    doc({
      what: `An \`AWS::AmazonMQ::Broker\` that does not publish general logs (and, for ActiveMQ, audit logs) to CloudWatch (\`Logs.General\`, \`Logs.Audit\`).`,
      why: `Broker logs show connections, authentication failures and administrative actions; without them misuse goes unseen.`,
      example: `Broker:
  Type: AWS::AmazonMQ::Broker
  Properties:
    EngineType: ACTIVEMQ`,
      fix: `Set \`Logs: {General: true, Audit: true}\`.`,
      refs: ['https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring.html'],
    }),
    'Set Logs.General (and Logs.Audit) to true.',
  ),
  check: cloudCheck(mqLogs, ['mq-logs']),
};
export default rule;
