import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { rdsBackupRetention } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-RDS-006',
    'RDS keeps automated backups less than 7 days',
    'low',
    ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    doc({
      what: `An \`AWS::RDS::DBInstance\` (not a cluster member or read replica) or \`AWS::RDS::DBCluster\` whose \`BackupRetentionPeriod\` is below 7, or left out (the default is 1 day).`,
      why: `After ransomware, a bad migration or a malicious delete, point-in-time restore reaches back only as far as the retention period.`,
      example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    BackupRetentionPeriod: 1`,
      fix: `Set \`BackupRetentionPeriod: 7\` or more.`,
      refs: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html'],
    }),
    'Set BackupRetentionPeriod to 7 or more.',
  ),
  check: cloudCheck(rdsBackupRetention, ['rds-backup-retention']),
};
export default rule;
