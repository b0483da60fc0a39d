import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { dbSslEnforcement } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-014',
    title: 'MySQL/PostgreSQL server does not enforce TLS',
    severity: 'high',
    category: 'ansible',
    modules: ['azure_rm_mysqlserver', 'azure_rm_postgresqlserver', 'azure_rm_mariadbserver'],
    docs: doc({
      what: 'Flags azure_rm_mysqlserver, azure_rm_postgresqlserver and azure_rm_mariadbserver without `enforce_ssl: true` (the module default is false).',
      why: 'Clients may then connect without TLS, sending credentials and data in clear text.',
      bad: '- azure.azcollection.azure_rm_postgresqlserver:\n    resource_group: prod\n    name: pg-prod\n    sku: { name: GP_Gen5_2, tier: GeneralPurpose }\n    admin_username: pgops\n    admin_password: "{{ vault_pg_password }}"',
      good: '- azure.azcollection.azure_rm_postgresqlserver:\n    resource_group: prod\n    name: pg-prod\n    sku: { name: GP_Gen5_2, tier: GeneralPurpose }\n    admin_username: pgops\n    admin_password: "{{ vault_pg_password }}"\n    enforce_ssl: true',
      refs: [
        'https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-ssl-connection-security',
        'CIS Microsoft Azure Foundations 4.3.1, 4.4.1',
      ],
    }),
    remediation: 'Set enforce_ssl: true.',
  },
  check: cloudCheck(dbSslEnforcement, ['az-db-ssl']),
};
export default rule;
