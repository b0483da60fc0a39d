import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-ES-001',
    'OpenSearch/Elasticsearch domain is not encrypted at rest',
    'high',
    ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    doc({
      what: 'An OpenSearch or Elasticsearch domain without `EncryptionAtRestOptions.Enabled: true`.',
      why: 'Indices, logs and automated snapshots are stored unencrypted. Encryption at rest is also a prerequisite for fine-grained access control.',
      example: `Search:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.11`,
      fix: 'Set `EncryptionAtRestOptions: { Enabled: true }`.',
      refs: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html'],
    }),
    'Set EncryptionAtRestOptions.Enabled: true.',
  ),
  prop: 'EncryptionAtRestOptions.Enabled',
  absentMessage: (r) => `${r.id} does not set EncryptionAtRestOptions.Enabled (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets EncryptionAtRestOptions.Enabled to false`,
});
export default rule;
