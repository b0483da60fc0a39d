import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { acrAdminUser } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-008',
    title: 'Container registry admin user enabled',
    severity: 'medium',
    category: 'ansible',
    modules: ['azure_rm_containerregistry'],
    docs: doc({
      what: 'Flags azure_rm_containerregistry with `admin_user_enabled: true`.',
      why: 'The admin user is one shared account with push and pull rights whose password is easily copied into pipelines and never tied to a person.',
      bad: '- azure.azcollection.azure_rm_containerregistry:\n    resource_group: prod\n    name: prodacr\n    sku: Premium\n    admin_user_enabled: true',
      good: '- azure.azcollection.azure_rm_containerregistry:\n    resource_group: prod\n    name: prodacr\n    sku: Premium\n    admin_user_enabled: false',
      refs: ['https://learn.microsoft.com/en-us/azure/container-registry/container-registry-authentication'],
    }),
    remediation: 'Disable the admin user; use Entra ID identities or scoped tokens.',
  },
  check: cloudCheck(acrAdminUser, ['az-acr-admin']),
};
export default rule;
