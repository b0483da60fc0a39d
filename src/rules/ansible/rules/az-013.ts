import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { redisTransport } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-013',
    title: 'Redis cache accepts unencrypted connections',
    severity: 'high',
    category: 'ansible',
    modules: ['azure_rm_rediscache'],
    docs: doc({
      what: 'Flags azure_rm_rediscache with `enable_non_ssl_port: true`, and `minimum_tls_version` 1.0 or 1.1 (medium).',
      why: 'The non-TLS port sends the access key and all data in clear text.',
      bad: '- azure.azcollection.azure_rm_rediscache:\n    resource_group: prod\n    name: cache\n    sku: { name: standard, size: C1 }\n    enable_non_ssl_port: true',
      good: '- azure.azcollection.azure_rm_rediscache:\n    resource_group: prod\n    name: cache\n    sku: { name: standard, size: C1 }\n    minimum_tls_version: "1.2"',
      refs: ['https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure#access-ports'],
    }),
    remediation: 'Keep enable_non_ssl_port false and minimum_tls_version 1.2.',
  },
  check: cloudCheck(redisTransport, ['az-redis-non-ssl']),
};
export default rule;
