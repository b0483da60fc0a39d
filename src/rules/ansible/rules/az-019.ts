import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { appGatewayWaf } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-019',
    title: 'Application gateway without WAF',
    severity: 'medium',
    category: 'ansible',
    modules: ['azure_rm_appgateway'],
    docs: doc({
      what: 'Flags azure_rm_appgateway whose `sku.tier` is not WAF or WAF_v2.',
      why: 'Without the web application firewall, injection and other common web attacks reach the backends unfiltered.',
      bad: '- azure.azcollection.azure_rm_appgateway:\n    resource_group: prod\n    name: web-gw\n    sku: { name: standard_v2, tier: standard_v2, capacity: 2 }',
      good: '- azure.azcollection.azure_rm_appgateway:\n    resource_group: prod\n    name: web-gw\n    sku: { name: waf_v2, tier: waf_v2, capacity: 2 }',
      refs: ['https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/ag-overview'],
    }),
    remediation: 'Use the WAF_v2 tier with a WAF policy in prevention mode.',
  },
  check: cloudCheck(appGatewayWaf, ['az-appgw-waf']),
};
export default rule;
