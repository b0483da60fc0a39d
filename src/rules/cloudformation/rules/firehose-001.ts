import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { firehoseEncryption } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-FIREHOSE-001',
    'Firehose delivery stream is not encrypted',
    'medium',
    ['AWS::KinesisFirehose::DeliveryStream'],
    doc({
      what: `A direct-put \`AWS::KinesisFirehose::DeliveryStream\` without \`DeliveryStreamEncryptionConfigurationInput\`. Streams fed from Kinesis or MSK keep the source's encryption and are skipped.`,
      why: `Records are buffered at rest in the stream before delivery; without server-side encryption they sit there in clear.`,
      example: `Stream:
  Type: AWS::KinesisFirehose::DeliveryStream
  Properties:
    DeliveryStreamType: DirectPut`,
      fix: `Set \`DeliveryStreamEncryptionConfigurationInput: {KeyType: CUSTOMER_MANAGED_CMK, KeyARN: …}\`.`,
      refs: ['https://docs.aws.amazon.com/firehose/latest/dev/encryption.html'],
    }),
    'Set DeliveryStreamEncryptionConfigurationInput.',
  ),
  check: cloudCheck(firehoseEncryption, ['firehose-encryption']),
};
export default rule;
