import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-DDB-001',
    'DynamoDB table is not encrypted with a KMS key',
    'low',
    ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
    doc({
      what: 'A DynamoDB table without `SSESpecification.SSEEnabled: true`. Tables are always encrypted with an AWS owned key; this rule asks for a KMS key (AWS managed or customer managed) so that key use is controlled and logged.',
      why: 'With the AWS owned key there is no key policy separating "read the table" from "decrypt the data", and no CloudTrail record of key usage.',
      example: `Table:
  Type: AWS::DynamoDB::Table
  Properties:
    BillingMode: PAY_PER_REQUEST
    KeySchema: [{ AttributeName: pk, KeyType: HASH }]
    AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]`,
      fix: 'Set `SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref Key }`.',
      refs: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html'],
    }),
    'Set SSESpecification.SSEEnabled: true (with a KMS key).',
  ),
  prop: 'SSESpecification.SSEEnabled',
  absentMessage: (r) => `${r.id} does not set SSESpecification.SSEEnabled (it defaults to the AWS owned key)`,
  falseMessage: (r) => `${r.id} sets SSESpecification.SSEEnabled to false`,
});
export default rule;
