import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-ES-003',
    'OpenSearch/Elasticsearch node-to-node encryption is off',
    'medium',
    ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    doc({
      what: 'An OpenSearch or Elasticsearch domain without `NodeToNodeEncryptionOptions.Enabled: true`.',
      why: 'Traffic between cluster nodes (replication, queries) is unencrypted inside the VPC.',
      example: `Search:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.11`,
      fix: 'Set `NodeToNodeEncryptionOptions: { Enabled: true }`.',
      refs: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html'],
    }),
    'Set NodeToNodeEncryptionOptions.Enabled: true.',
  ),
  prop: 'NodeToNodeEncryptionOptions.Enabled',
  absentMessage: (r) => `${r.id} does not set NodeToNodeEncryptionOptions.Enabled (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets NodeToNodeEncryptionOptions.Enabled to false`,
});
export default rule;
