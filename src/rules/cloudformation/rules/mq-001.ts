import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { mqPublic } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-MQ-001',
    'Amazon MQ broker is publicly accessible',
    'high',
    ['AWS::AmazonMQ::Broker'],
    doc({
      what: `An \`AWS::AmazonMQ::Broker\` with \`PubliclyAccessible: true\`.`,
      why: `A public broker exposes its console and wire protocols (AMQP, MQTT, STOMP, OpenWire) to the internet, where credentials are brute-forced and broker vulnerabilities exploited.`,
      example: `Broker:
  Type: AWS::AmazonMQ::Broker
  Properties:
    PubliclyAccessible: true`,
      fix: `Set \`PubliclyAccessible: false\` and place the broker in private subnets.`,
      refs: ['https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html'],
    }),
    'Set PubliclyAccessible: false.',
  ),
  check: cloudCheck(mqPublic, ['mq-public']),
};
export default rule;
