import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-EC-002',
    'ElastiCache replication group does not encrypt traffic in transit',
    'medium',
    ['AWS::ElastiCache::ReplicationGroup'],
    doc({
      what: 'An `AWS::ElastiCache::ReplicationGroup` without `TransitEncryptionEnabled: true`.',
      why: 'Clients and replicas talk to the cache in plain text, exposing cached data and AUTH tokens on the network.',
      example: `Cache:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    ReplicationGroupDescription: cache
    Engine: redis`,
      fix: 'Set `TransitEncryptionEnabled: true`.',
      refs: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/in-transit-encryption.html'],
    }),
    'Set TransitEncryptionEnabled: true.',
  ),
  prop: 'TransitEncryptionEnabled',
  absentMessage: (r) => `${r.id} does not set TransitEncryptionEnabled (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets TransitEncryptionEnabled to false`,
});
export default rule;
