import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, requireTrue, strVal, getSet } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-RDS-001',
    'RDS instance storage is not encrypted',
    'high',
    ['AWS::RDS::DBInstance'],
    doc({
      what: 'An `AWS::RDS::DBInstance` without `StorageEncrypted: true`. Aurora instances (Engine `aurora*` or with `DBClusterIdentifier`) take encryption from their cluster and are skipped (see CFN-RDS-002); so are read replicas and snapshot restores, which inherit it.',
      why: 'Unencrypted database storage, snapshots and backups can be read by anyone who obtains a copy of the volume or a shared snapshot. Encryption cannot be turned on later without a snapshot-and-restore migration.',
      example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    DBInstanceClass: db.t3.micro`,
      fix: 'Set `StorageEncrypted: true` (optionally with `KmsKeyId`).',
      refs: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
    }),
    'Set StorageEncrypted: true.',
  ),
  prop: 'StorageEncrypted',
  when: (t, r) =>
    !getSet(t, r.props, 'DBClusterIdentifier') &&
    !findVal(t.values(t.get(r.props, 'Engine')), (v) => (strVal(v) ?? '').startsWith('aurora')),
  // Read replicas and snapshot restores inherit encryption: only an explicit false is reported for them.
  inherits: (t, r) =>
    !!getSet(t, r.props, 'SourceDBInstanceIdentifier') || !!getSet(t, r.props, 'DBSnapshotIdentifier'),
  absentMessage: (r) => `${r.id} does not set StorageEncrypted (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets StorageEncrypted to false`,
});
export default rule;
