import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { dbFirewallOpen } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-006',
    title: 'Azure database or cache firewall open to the internet',
    severity: 'high',
    category: 'ansible',
    modules: [
      'azure_rm_sqlfirewallrule',
      'azure_rm_rediscachefirewallrule',
      'azure_rm_mysqlfirewallrule',
      'azure_rm_postgresqlfirewallrule',
      'azure_rm_mariadbfirewallrule',
    ],
    docs: doc({
      what: 'Flags SQL, Redis, MySQL, PostgreSQL and MariaDB firewall rules from `0.0.0.0` to `255.255.255.255` (the whole internet), ranges of more than 65,536 addresses (medium), and the 0.0.0.0\u20130.0.0.0 "Azure services" rule, which admits every tenant\'s services (medium).',
      why: 'The database or cache is then reachable by anyone who can guess or steal a credential.',
      bad: '- azure.azcollection.azure_rm_sqlfirewallrule:\n    resource_group: prod\n    server_name: sql-prod\n    name: all\n    start_ip_address: 0.0.0.0\n    end_ip_address: 255.255.255.255',
      good: '- azure.azcollection.azure_rm_sqlfirewallrule:\n    resource_group: prod\n    server_name: sql-prod\n    name: office\n    start_ip_address: 203.0.113.0\n    end_ip_address: 203.0.113.255',
      refs: [
        'https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure',
        'CIS Microsoft Azure Foundations 4.1.2',
      ],
    }),
    remediation: 'Allow only the addresses that need access, or use private endpoints.',
  },
  check: cloudCheck(dbFirewallOpen, ['az-firewall-open']),
};
export default rule;
