import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-ES-002',
    'OpenSearch/Elasticsearch domain does not enforce HTTPS',
    'medium',
    ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    doc({
      what: 'An OpenSearch or Elasticsearch domain without `DomainEndpointOptions.EnforceHTTPS: true`.',
      why: 'Without it the domain accepts plain HTTP, so queries, documents and credentials travel unencrypted.',
      example: `Search:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.11`,
      fix: 'Set `DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07 }`.',
      refs: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html'],
    }),
    'Set DomainEndpointOptions.EnforceHTTPS: true.',
  ),
  prop: 'DomainEndpointOptions.EnforceHTTPS',
  absentMessage: (r) => `${r.id} does not set DomainEndpointOptions.EnforceHTTPS (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets DomainEndpointOptions.EnforceHTTPS to false`,
});
export default rule;
