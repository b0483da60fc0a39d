import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { keyVaultRecovery } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-017',
    title: 'Key Vault without soft delete or purge protection',
    severity: 'medium',
    category: 'ansible',
    modules: ['azure_rm_keyvault'],
    docs: doc({
      what: 'Flags azure_rm_keyvault with `enable_soft_delete: false`, and (low) without `enable_purge_protection: true`.',
      why: 'A deleted (or maliciously purged) key makes everything it encrypts unreadable for good.',
      bad: '- azure.azcollection.azure_rm_keyvault:\n    resource_group: prod\n    vault_name: prod-kv\n    vault_tenant: "{{ tenant_id }}"\n    sku: { name: standard, family: A }\n    enable_soft_delete: false',
      good: '- azure.azcollection.azure_rm_keyvault:\n    resource_group: prod\n    vault_name: prod-kv\n    vault_tenant: "{{ tenant_id }}"\n    sku: { name: standard, family: A }\n    enable_soft_delete: true\n    enable_purge_protection: true',
      refs: [
        'https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview',
        'CIS Microsoft Azure Foundations 8.5',
      ],
    }),
    remediation: 'Enable soft delete and purge protection.',
  },
  check: cloudCheck(keyVaultRecovery, ['az-keyvault-recovery']),
};
export default rule;
