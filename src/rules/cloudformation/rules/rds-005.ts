import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { rdsIamAuth } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-RDS-005',
    'RDS IAM database authentication is off',
    'low',
    ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    doc({
      what: `An \`AWS::RDS::DBInstance\` (MySQL, MariaDB, PostgreSQL) or Aurora \`AWS::RDS::DBCluster\` that does not set \`EnableIAMDatabaseAuthentication: true\`. Instances of an Aurora cluster take the cluster's setting and are skipped.`,
      why: `With IAM authentication, applications connect with short-lived tokens from their role instead of long-lived database passwords that end up in configuration and logs.`,
      example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres`,
      fix: `Set \`EnableIAMDatabaseAuthentication: true\` and grant \`rds-db:connect\` to the application role.`,
      refs: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html'],
    }),
    'Set EnableIAMDatabaseAuthentication: true.',
  ),
  check: cloudCheck(rdsIamAuth, ['rds-iam-auth-off']),
};
export default rule;
