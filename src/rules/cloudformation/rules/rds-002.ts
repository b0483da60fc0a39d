import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, requireTrue, strVal, getSet } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-RDS-002',
    'RDS/Aurora cluster storage is not encrypted',
    'high',
    ['AWS::RDS::DBCluster'],
    doc({
      what: 'An `AWS::RDS::DBCluster` without `StorageEncrypted: true`. Clusters restored from a snapshot or created as replicas inherit encryption, so only an explicit `StorageEncrypted: false` is reported for them; Aurora Serverless v1 (`EngineMode: serverless`) is always encrypted and is skipped.',
      why: 'Unencrypted cluster volumes, snapshots and backups expose all data to anyone who gets a copy; encryption cannot be enabled on an existing cluster.',
      example: `Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    Engine: aurora-postgresql`,
      fix: 'Set `StorageEncrypted: true` (optionally with `KmsKeyId`).',
      refs: ['https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html'],
    }),
    'Set StorageEncrypted: true.',
  ),
  prop: 'StorageEncrypted',
  // Aurora Serverless v1 clusters are always encrypted (the setting cannot be turned off).
  when: (t, r) => !findVal(t.values(t.get(r.props, 'EngineMode')), (v) => strVal(v)?.toLowerCase() === 'serverless'),
  inherits: (t, r) =>
    !!getSet(t, r.props, 'SnapshotIdentifier') ||
    !!getSet(t, r.props, 'ReplicationSourceIdentifier') ||
    !!getSet(t, r.props, 'SourceDBClusterIdentifier'),
  absentMessage: (r) => `${r.id} does not set StorageEncrypted (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets StorageEncrypted to false`,
});
export default rule;
