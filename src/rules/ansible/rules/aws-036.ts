import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudChecks } from '../cloud.js';
import { rdsBackupsOff, rdsRetiredCa } from '../../../cloud/checks/data.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-036',
    title: 'RDS without automated backups, or with a retired certificate authority',
    severity: 'low',
    category: 'ansible',
    modules: ['rds_instance', 'rds_cluster'],
    docs: doc({
      what: 'Flags amazon.aws.rds_instance and rds_cluster with `backup_retention_period: 0` (automated backups off; cluster members and read replicas are not judged), and rds_instance with a `ca_certificate_identifier` of the retired, year-named generation (`rds-ca-2015`, `rds-ca-2019`; CFN-RDS-009). Jinja values are not judged. Hygiene: never blocking.',
      why: 'With retention 0 there are no automated snapshots and no point-in-time restore: a bad migration, a deleted table or ransomware leaves nothing to go back to. An expired CA makes clients that verify the server certificate fail, and the usual workaround, not verifying, lets anyone on the path impersonate the database.',
      bad: '- amazon.aws.rds_instance:\n    id: orders\n    engine: postgres\n    db_instance_class: db.t4g.medium\n    allocated_storage: 50\n    storage_encrypted: true\n    backup_retention_period: 0\n    ca_certificate_identifier: rds-ca-2019',
      good: '- amazon.aws.rds_instance:\n    id: orders\n    engine: postgres\n    db_instance_class: db.t4g.medium\n    allocated_storage: 50\n    storage_encrypted: true\n    backup_retention_period: 14\n    ca_certificate_identifier: rds-ca-rsa2048-g1',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/amazon/aws/rds_instance_module.html',
        'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
        'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
      ],
    }),
    remediation:
      'Keep automated backups (backup_retention_period 7 or more) and use a current CA (rds-ca-rsa2048-g1, rds-ca-rsa4096-g1 or rds-ca-ecc384-g1).',
  },
  check: cloudChecks([
    [rdsBackupsOff, ['rds-backups-off']],
    [rdsRetiredCa, ['rds-retired-ca']],
  ]),
};
export default rule;
