import { atArg, isTrue, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-004',
    title: 'RDS instance publicly accessible',
    severity: 'high',
    category: 'ansible',
    modules: ['rds_instance', 'rds_cluster', 'rds'],
    docs: doc({
      what: 'Flags rds_instance / rds_cluster and the legacy `rds` module with `publicly_accessible: yes`.',
      why: 'The database gets a public DNS name and address; combined with a permissive security group it is reachable (and brute-forceable) from the internet.',
      bad: '- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    publicly_accessible: yes',
      good: '- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    publicly_accessible: no\n    storage_encrypted: yes',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2'],
    }),
    remediation: 'Set publicly_accessible: no and reach the database from inside the VPC.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['rds_instance', 'rds_cluster', 'rds'])) {
      const a = t.args.get('publicly_accessible');
      if (isTrue(a)) atArg(ctx, t, a!, `${t.module} makes the database publicly accessible.`);
    }
  },
};
export default rule;
