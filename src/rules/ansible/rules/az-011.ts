import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { aksSecurity } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-011',
    title: 'AKS cluster without RBAC, network policy or monitoring',
    severity: 'high',
    category: 'ansible',
    modules: ['azure_rm_aks'],
    docs: doc({
      what: 'Flags azure_rm_aks without `enable_rbac: true` (the module default is false), without `network_profile.network_policy` (medium) and without the monitoring add-on (`addon.monitoring.enabled`, low).',
      why: 'Without RBAC every authenticated user is cluster admin; without network policies every pod can reach every other; without monitoring nobody sees an attack.',
      bad: '- azure.azcollection.azure_rm_aks:\n    resource_group: prod\n    name: aks-prod\n    dns_prefix: prod\n    agent_pool_profiles: [{ name: default, count: 3, vm_size: Standard_D4s_v5 }]',
      good: '- azure.azcollection.azure_rm_aks:\n    resource_group: prod\n    name: aks-prod\n    dns_prefix: prod\n    enable_rbac: true\n    network_profile:\n      network_plugin: azure\n      network_policy: calico\n    addon:\n      monitoring:\n        enabled: true\n        log_analytics_workspace_resource_id: "{{ workspace_id }}"\n    agent_pool_profiles: [{ name: default, count: 3, vm_size: Standard_D4s_v5 }]',
      refs: [
        'https://learn.microsoft.com/en-us/azure/aks/concepts-identity',
        'https://learn.microsoft.com/en-us/azure/aks/use-network-policies',
      ],
    }),
    remediation: 'Set enable_rbac: true, a network_policy and the monitoring add-on.',
  },
  check: cloudCheck(aksSecurity, ['aks-rbac', 'aks-network-policy', 'aks-monitoring']),
};
export default rule;
