import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { rdsIamAuth } from '../../../cloud/checks/identity.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-029',
    title: 'RDS without IAM database authentication',
    severity: 'low',
    category: 'ansible',
    modules: ['rds_instance', 'rds_cluster', 'rds'],
    docs: doc({
      what: 'Flags rds_instance / rds_cluster creating a MySQL, MariaDB, PostgreSQL or Aurora database without `enable_iam_database_authentication: true`, and legacy rds (`command: create`), which cannot enable it. The same check as CFN-RDS-005.',
      why: 'Without IAM authentication every client uses long-lived database passwords, which end up in configuration and are rarely rotated.',
      bad: '- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    db_instance_class: db.t3.micro\n    allocated_storage: 20\n    storage_encrypted: true',
      good: '- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    db_instance_class: db.t3.micro\n    allocated_storage: 20\n    storage_encrypted: true\n    enable_iam_database_authentication: true',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10'],
    }),
    remediation: 'Set enable_iam_database_authentication: true and connect with IAM tokens.',
  },
  check: cloudCheck(rdsIamAuth, ['rds-iam-auth-off']),
};
export default rule;
