import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { mqCmk } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-MQ-003',
    'Amazon MQ broker uses an AWS-owned encryption key',
    'low',
    ['AWS::AmazonMQ::Broker'],
    doc({
      what: `An \`AWS::AmazonMQ::Broker\` without \`EncryptionOptions\`, or with \`UseAwsOwnedKey: true\`.`,
      why: `With an AWS-owned key you cannot audit or revoke use of the key that protects the messages at rest.`,
      example: `Broker:
  Type: AWS::AmazonMQ::Broker
  Properties:
    EncryptionOptions: {UseAwsOwnedKey: true}`,
      fix: `Set \`EncryptionOptions: {UseAwsOwnedKey: false, KmsKeyId: …}\`.`,
      refs: ['https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/data-protection.html'],
    }),
    'Set EncryptionOptions.UseAwsOwnedKey: false with a KmsKeyId.',
  ),
  check: cloudCheck(mqCmk, ['mq-cmk']),
};
export default rule;
