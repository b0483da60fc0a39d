import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue, getSet } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-DOCDB-001',
    'DocumentDB/Neptune cluster storage is not encrypted',
    'high',
    ['AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster'],
    doc({
      what: 'An `AWS::DocDB::DBCluster` or `AWS::Neptune::DBCluster` without `StorageEncrypted: true` (snapshot restores inherit encryption: only an explicit `StorageEncrypted: false` is reported for them).',
      why: 'Unencrypted cluster storage and snapshots expose the data to anyone who obtains a copy; encryption cannot be enabled later.',
      example: `Docs:
  Type: AWS::DocDB::DBCluster
  Properties:
    MasterUsername: admin`,
      fix: 'Set `StorageEncrypted: true`.',
      refs: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html'],
    }),
    'Set StorageEncrypted: true.',
  ),
  prop: 'StorageEncrypted',
  inherits: (t, r) => !!getSet(t, r.props, 'SnapshotIdentifier'),
  absentMessage: (r) => `${r.id} does not set StorageEncrypted (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets StorageEncrypted to false`,
});
export default rule;
