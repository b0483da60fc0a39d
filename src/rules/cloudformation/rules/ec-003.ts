import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { elasticacheMultiAz } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EC-003',
    'ElastiCache replication group is not Multi-AZ',
    'low',
    ['AWS::ElastiCache::ReplicationGroup'],
    doc({
      what: `An \`AWS::ElastiCache::ReplicationGroup\` without \`MultiAZEnabled: true\`.`,
      why: `Without Multi-AZ a zone failure or primary failure needs manual recovery.`,
      example: `Cache:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    Engine: redis`,
      fix: `Set \`MultiAZEnabled: true\` and \`AutomaticFailoverEnabled: true\` with at least two nodes.`,
      refs: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/AutoFailover.html'],
    }),
    'Set MultiAZEnabled: true.',
  ),
  check: cloudCheck(elasticacheMultiAz, ['elasticache-multi-az']),
};
export default rule;
