import { atArg, atTask, isFalse, isTrue, known, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-005',
    title: 'RDS storage not encrypted',
    severity: 'high',
    category: 'ansible',
    modules: ['rds_instance', 'rds_cluster'],
    docs: doc({
      what: 'Flags rds_instance / rds_cluster that create a database (an `engine` is given, state present) with `storage_encrypted` false or missing. Read replicas and snapshot restores inherit encryption and are left alone.',
      why: 'Unencrypted storage, snapshots and backups expose the data to anyone who obtains a snapshot or the underlying volume; encryption cannot be turned on later without a rebuild.',
      bad: '- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    db_instance_class: db.t3.micro\n    allocated_storage: 20',
      good: '- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    db_instance_class: db.t3.micro\n    allocated_storage: 20\n    storage_encrypted: yes',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3'],
    }),
    remediation: 'Set storage_encrypted: yes (optionally with kms_key_id).',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['rds_instance', 'rds_cluster'])) {
      const state = known(t.args.get('state')) ?? 'present';
      if (state !== 'present' || !t.args.has('engine')) continue;
      if (
        [
          'source_db_instance_identifier',
          'snapshot_identifier',
          'db_snapshot_identifier',
          'replication_source_identifier',
        ].some((k) => t.args.has(k)) ||
        isTrue(t.args.get('read_replica'))
      )
        continue;
      const a = t.args.get('storage_encrypted');
      if (!a) atTask(ctx, t, `${t.module} creates a database without storage_encrypted.`, 'storage_encrypted');
      else if (isFalse(a)) atArg(ctx, t, a, `${t.module} storage_encrypted is false.`);
    }
  },
};
export default rule;
