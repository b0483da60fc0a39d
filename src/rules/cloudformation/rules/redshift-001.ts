import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-REDSHIFT-001',
    'Redshift cluster is not encrypted',
    'high',
    ['AWS::Redshift::Cluster'],
    doc({
      what: 'An `AWS::Redshift::Cluster` without `Encrypted: true`.',
      why: 'Data warehouse contents and snapshots are stored unencrypted; warehouses usually hold the most sensitive aggregated data.',
      example: `Warehouse:
  Type: AWS::Redshift::Cluster
  Properties:
    ClusterType: single-node
    NodeType: ra3.xlplus`,
      fix: 'Set `Encrypted: true` (optionally with `KmsKeyId`).',
      refs: ['https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html'],
    }),
    'Set Encrypted: true.',
  ),
  prop: 'Encrypted',
  absentMessage: (r) => `${r.id} does not set Encrypted (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets Encrypted to false`,
});
export default rule;
