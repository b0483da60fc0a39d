import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { opensearchHttps } from '../../../cloud/checks/aws-transport.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-020',
    title: 'OpenSearch domain does not enforce HTTPS',
    severity: 'medium',
    category: 'ansible',
    modules: ['opensearch'],
    docs: doc({
      what: 'Flags opensearch domains with `domain_endpoint_options.enforce_https` false or not set (the service default is false).',
      why: 'Without it, clients may send queries, documents and credentials over plain HTTP.',
      bad: '- community.aws.opensearch:\n    domain_name: search\n    engine_version: OpenSearch_2.11\n    domain_endpoint_options:\n      enforce_https: false',
      good: '- community.aws.opensearch:\n    domain_name: search\n    engine_version: OpenSearch_2.11\n    domain_endpoint_options:\n      enforce_https: true\n      tls_security_policy: Policy-Min-TLS-1-2-2019-07',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-8'],
    }),
    remediation: 'Set domain_endpoint_options.enforce_https: true with a TLS 1.2 policy.',
  },
  check: cloudCheck(opensearchHttps, ['opensearch-https']),
};
export default rule;
