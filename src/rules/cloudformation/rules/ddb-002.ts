import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { dynamoPitr } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-DDB-002',
    'DynamoDB table has no point-in-time recovery',
    'low',
    ['AWS::DynamoDB::Table'],
    doc({
      what: `An \`AWS::DynamoDB::Table\` without \`PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true\`.`,
      why: `Without it a bad write or a malicious delete cannot be rolled back to the second before.`,
      example: `Table:
  Type: AWS::DynamoDB::Table
  Properties:
    BillingMode: PAY_PER_REQUEST`,
      fix: `Set \`PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}\`.`,
      refs: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html'],
    }),
    'Enable PointInTimeRecoverySpecification.',
  ),
  check: cloudCheck(dynamoPitr, ['dynamodb-pitr']),
};
export default rule;
