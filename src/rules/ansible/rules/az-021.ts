import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { sqlEntraAdmin } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-021',
    title: 'Azure SQL server without a Microsoft Entra ID administrator',
    severity: 'low',
    category: 'ansible',
    modules: ['azure_rm_sqlserver'],
    docs: doc({
      what: 'Flags azure_rm_sqlserver creating a server with a SQL administrator (`admin_username`/`admin_password`) but no Microsoft Entra ID (formerly Azure AD) administrator in `administrators` (`login` and `sid`). Tasks that set neither (changes to an existing server), `state: absent` and Jinja values are not judged. Hygiene: never blocking.',
      why: "Without an Entra ID administrator the server can only be managed with SQL logins: shared passwords that are not covered by MFA, conditional access or the organisation's leaver process, and that cannot be tied to a person in the audit log. With one, people sign in with their own identities and the SQL administrator can be kept as a break-glass account (or turned off with `azure_ad_only_authentication`).",
      bad: '- azure.azcollection.azure_rm_sqlserver:\n    resource_group: prod\n    name: sql-prod\n    admin_username: sqlops-7d2\n    admin_password: "{{ vault_sql_password }}"\n    minimal_tls_version: "1.2"',
      good: '- azure.azcollection.azure_rm_sqlserver:\n    resource_group: prod\n    name: sql-prod\n    admin_username: sqlops-7d2\n    admin_password: "{{ vault_sql_password }}"\n    minimal_tls_version: "1.2"\n    administrators:\n      administrator_type: ActiveDirectory\n      principal_type: Group\n      login: sql-admins\n      sid: 00000000-1111-2222-3333-444444444444\n      tenant_id: 55555555-6666-7777-8888-999999999999',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/azure/azcollection/azure_rm_sqlserver_module.html',
        'https://learn.microsoft.com/en-us/azure/azure-sql/database/authentication-aad-configure',
      ],
    }),
    remediation:
      'Set administrators (an Entra ID group as administrator_type ActiveDirectory, with its login and sid).',
  },
  check: cloudCheck(sqlEntraAdmin, ['az-sql-entra-admin']),
};
export default rule;
