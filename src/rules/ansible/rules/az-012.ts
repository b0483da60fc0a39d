import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { webAppHttps } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-012',
    title: 'Web app serves plain HTTP',
    severity: 'medium',
    category: 'ansible',
    modules: ['azure_rm_webapp'],
    docs: doc({
      what: 'Flags azure_rm_webapp without `https_only: true`.',
      why: 'Sessions, cookies and credentials of users on plain HTTP can be read and altered on the network.',
      bad: '- azure.azcollection.azure_rm_webapp:\n    resource_group: prod\n    name: shop\n    plan: shop-plan',
      good: '- azure.azcollection.azure_rm_webapp:\n    resource_group: prod\n    name: shop\n    plan: shop-plan\n    https_only: true',
      refs: [
        'https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https',
        'CIS Microsoft Azure Foundations 9.2',
      ],
    }),
    remediation: 'Set https_only: true.',
  },
  check: cloudCheck(webAppHttps, ['az-webapp-https']),
};
export default rule;
