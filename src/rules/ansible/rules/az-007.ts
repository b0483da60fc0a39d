import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { cosmosIpFilter } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-007',
    title: 'Cosmos DB account without an IP or network filter',
    severity: 'medium',
    category: 'ansible',
    modules: ['azure_rm_cosmosdbaccount'],
    docs: doc({
      what: 'Flags azure_rm_cosmosdbaccount without `ip_rules` (or the older `ip_range_filter`), without `is_virtual_network_filter_enabled` and without `public_network_access: Disabled`.',
      why: 'Any network on the internet can then try the account keys against the endpoint.',
      bad: '- azure.azcollection.azure_rm_cosmosdbaccount:\n    resource_group: prod\n    name: orders\n    kind: global_document_db\n    database_account_offer_type: Standard\n    geo_rep_locations: [{ name: westeurope, failover_priority: 0 }]',
      good: '- azure.azcollection.azure_rm_cosmosdbaccount:\n    resource_group: prod\n    name: orders\n    kind: global_document_db\n    database_account_offer_type: Standard\n    geo_rep_locations: [{ name: westeurope, failover_priority: 0 }]\n    ip_rules: [203.0.113.0/24]',
      refs: ['https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-configure-firewall'],
    }),
    remediation: 'Set ip_rules, a virtual-network filter or public_network_access: Disabled.',
  },
  check: cloudCheck(cosmosIpFilter, ['az-cosmos-ip-filter']),
};
export default rule;
