import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-EC-001',
    'ElastiCache replication group is not encrypted at rest',
    'medium',
    ['AWS::ElastiCache::ReplicationGroup'],
    doc({
      what: 'An `AWS::ElastiCache::ReplicationGroup` without `AtRestEncryptionEnabled: true`.',
      why: 'Cached data, swap and backups are stored unencrypted; caches often hold session tokens and personal data.',
      example: `Cache:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    ReplicationGroupDescription: cache
    Engine: redis`,
      fix: 'Set `AtRestEncryptionEnabled: true` (optionally with `KmsKeyId`).',
      refs: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/at-rest-encryption.html'],
    }),
    'Set AtRestEncryptionEnabled: true.',
  ),
  prop: 'AtRestEncryptionEnabled',
  absentMessage: (r) => `${r.id} does not set AtRestEncryptionEnabled (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets AtRestEncryptionEnabled to false`,
});
export default rule;
