import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { registryLock } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-018',
    title: 'Container registry without a resource lock',
    severity: 'low',
    category: 'ansible',
    modules: ['azure_rm_containerregistry', 'azure_rm_lock'],
    docs: doc({
      what: 'Flags azure_rm_containerregistry when the same file has no azure_rm_lock on the registry (`managed_resource_id` naming it) or on its resource group.',
      why: 'One mistaken or malicious delete removes every image the platform deploys from.',
      bad: '- azure.azcollection.azure_rm_containerregistry:\n    resource_group: prod\n    name: prodacr\n    sku: Premium',
      good: '- azure.azcollection.azure_rm_containerregistry:\n    resource_group: prod\n    name: prodacr\n    sku: Premium\n\n- azure.azcollection.azure_rm_lock:\n    name: keep-acr\n    level: can_not_delete\n    managed_resource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.ContainerRegistry/registries/prodacr',
      refs: ['https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/lock-resources'],
    }),
    remediation: 'Add a CanNotDelete lock on the registry or its resource group.',
  },
  check: cloudCheck(registryLock, ['az-registry-lock']),
};
export default rule;
