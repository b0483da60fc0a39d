import type { CfnRule } from '../rule.js';
import { doc, meta, requireProp } from '../util.js';

const rule: CfnRule = requireProp({
  meta: meta(
    'CFN-SNS-002',
    'SNS topic is not encrypted with KMS',
    'low',
    ['AWS::SNS::Topic'],
    doc({
      what: 'An `AWS::SNS::Topic` without `KmsMasterKeyId`.',
      why: 'Messages are stored unencrypted at rest while awaiting delivery; notifications often carry alert details, personal data or tokens.',
      example: `Topic:
  Type: AWS::SNS::Topic
  Properties:
    TopicName: alerts`,
      fix: 'Set `KmsMasterKeyId` to a customer managed key (or `alias/aws/sns`).',
      refs: ['https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
    }),
    'Set KmsMasterKeyId.',
  ),
  prop: 'KmsMasterKeyId',
  message: (r) => `${r.id} has no KmsMasterKeyId (messages are stored unencrypted)`,
});
export default rule;
