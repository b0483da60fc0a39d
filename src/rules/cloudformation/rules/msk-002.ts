import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { mskInTransit } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-MSK-002',
    'MSK cluster accepts plaintext traffic',
    'high',
    ['AWS::MSK::Cluster'],
    doc({
      what: `An \`AWS::MSK::Cluster\` whose \`EncryptionInfo.EncryptionInTransit.ClientBroker\` is \`PLAINTEXT\` (high) or \`TLS_PLAINTEXT\` (medium), or whose \`InCluster\` is false.`,
      why: `Kafka records travel in clear between clients and brokers or between brokers, readable by anyone on the network path.`,
      example: `Kafka:
  Type: AWS::MSK::Cluster
  Properties:
    EncryptionInfo:
      EncryptionInTransit:
        ClientBroker: PLAINTEXT`,
      fix: `Use \`ClientBroker: TLS\` and leave \`InCluster\` at its default (true).`,
      refs: ['https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html'],
    }),
    'Set ClientBroker: TLS and InCluster: true.',
  ),
  check: cloudCheck(mskInTransit, ['msk-in-transit']),
};
export default rule;
