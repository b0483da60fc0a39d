import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { kendraKms } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-KENDRA-001',
    'Kendra index is not encrypted with your KMS key',
    'low',
    ['AWS::Kendra::Index'],
    doc({
      what: `An \`AWS::Kendra::Index\` without \`ServerSideEncryptionConfiguration.KmsKeyId\`.`,
      why: `The index holds the text of every document it searches; a customer key lets you audit and revoke access to it.`,
      example: `Search:
  Type: AWS::Kendra::Index
  Properties:
    Edition: ENTERPRISE_EDITION`,
      fix: `Set \`ServerSideEncryptionConfiguration: {KmsKeyId: …}\`.`,
      refs: ['https://docs.aws.amazon.com/kendra/latest/dg/encryption-at-rest.html'],
    }),
    'Set ServerSideEncryptionConfiguration.KmsKeyId.',
  ),
  check: cloudCheck(kendraKms, ['kendra-kms']),
};
export default rule;
