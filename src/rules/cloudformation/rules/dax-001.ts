import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { daxEncryption } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-DAX-001',
    'DAX cluster is not encrypted at rest',
    'medium',
    ['AWS::DAX::Cluster'],
    doc({
      what: `An \`AWS::DAX::Cluster\` without \`SSESpecification.SSEEnabled: true\`.`,
      why: `The cache holds copies of DynamoDB items; unencrypted, they sit in clear on the cluster's disks.`,
      example: `Cache:
  Type: AWS::DAX::Cluster
  Properties:
    NodeType: dax.r5.large`,
      fix: `Set \`SSESpecification: {SSEEnabled: true}\` (only at creation).`,
      refs: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html'],
    }),
    'Set SSESpecification.SSEEnabled: true.',
  ),
  check: cloudCheck(daxEncryption, ['dax-encryption']),
};
export default rule;
