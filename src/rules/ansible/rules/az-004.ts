import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { storageTrustedServices } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-004',
    title: 'Azure storage firewall blocks trusted Microsoft services',
    severity: 'low',
    category: 'ansible',
    modules: ['azure_rm_storageaccount'],
    docs: doc({
      what: 'Flags azure_rm_storageaccount whose `network_acls.bypass` does not include `AzureServices`.',
      why: 'Backup, monitoring, Defender and other trusted services then cannot reach the account through its firewall, so they silently stop working.',
      bad: '- azure.azcollection.azure_rm_storageaccount:\n    resource_group: prod\n    name: proddata\n    network_acls:\n      default_action: Deny\n      bypass: None',
      good: '- azure.azcollection.azure_rm_storageaccount:\n    resource_group: prod\n    name: proddata\n    network_acls:\n      default_action: Deny\n      bypass: AzureServices',
      refs: [
        'https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security',
        'CIS Microsoft Azure Foundations 3.9',
      ],
    }),
    remediation: 'Set network_acls.bypass to AzureServices (with Logging, Metrics as needed).',
  },
  check: cloudCheck(storageTrustedServices, ['az-storage-bypass']),
};
export default rule;
