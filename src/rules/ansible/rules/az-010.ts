import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { roleAssignPermission } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-010',
    title: 'Custom role can assign roles',
    severity: 'high',
    category: 'ansible',
    modules: ['azure_rm_roledefinition'],
    docs: doc({
      what: 'Flags azure_rm_roledefinition whose `permissions[].actions` include `*`, `Microsoft.Authorization/*`, `Microsoft.Authorization/roleAssignments/write` or `Microsoft.Authorization/roleDefinitions/write` (a holder can rewrite a custom role to include any action).',
      why: 'Whoever holds the role can grant any role, including Owner, to themselves or anyone else.',
      bad: '- azure.azcollection.azure_rm_roledefinition:\n    name: deployer\n    assignable_scopes: ["/subscriptions/00000000-0000-0000-0000-000000000000"]\n    permissions:\n      - actions: ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Web/sites/*"]',
      good: '- azure.azcollection.azure_rm_roledefinition:\n    name: deployer\n    assignable_scopes: ["/subscriptions/00000000-0000-0000-0000-000000000000"]\n    permissions:\n      - actions: ["Microsoft.Web/sites/*"]',
      refs: [
        'https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles',
        'CIS Microsoft Azure Foundations 1.23',
      ],
    }),
    remediation: 'Remove role-assignment permissions from custom roles; assign roles through a controlled process.',
  },
  check: cloudCheck(roleAssignPermission, ['az-role-assign']),
};
export default rule;
