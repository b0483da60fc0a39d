import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { rdsDeletionProtection } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-RDS-007',
    'RDS database has no deletion protection',
    'low',
    ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    doc({
      what: `An \`AWS::RDS::DBInstance\` (not a cluster member) or \`AWS::RDS::DBCluster\` without \`DeletionProtection: true\`.`,
      why: `One wrong stack update or a compromised deploy role deletes the database; deletion protection forces a deliberate second step.`,
      example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres`,
      fix: `Set \`DeletionProtection: true\`.`,
      refs: [
        'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection',
      ],
    }),
    'Set DeletionProtection: true.',
  ),
  check: cloudCheck(rdsDeletionProtection, ['rds-deletion-protection']),
};
export default rule;
