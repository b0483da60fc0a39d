import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { predictableAdmin } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-009',
    title: 'Database administrator login is a predictable name',
    severity: 'low',
    category: 'ansible',
    modules: ['azure_rm_sqlserver', 'azure_rm_mysqlserver', 'azure_rm_postgresqlserver', 'azure_rm_mariadbserver'],
    docs: doc({
      what: 'Flags SQL, MySQL, PostgreSQL and MariaDB servers whose `admin_username` (or Entra admin `administrators.login`) is a well-known name such as admin, administrator, sa or root.',
      why: 'Well-known names are the first guess of every password-spraying attempt, which leaves only the password to find.',
      bad: '- azure.azcollection.azure_rm_sqlserver:\n    resource_group: prod\n    name: sql-prod\n    admin_username: admin\n    admin_password: "{{ vault_sql_password }}"',
      good: '- azure.azcollection.azure_rm_sqlserver:\n    resource_group: prod\n    name: sql-prod\n    admin_username: sqlops-7d2\n    admin_password: "{{ vault_sql_password }}"',
      refs: ['https://learn.microsoft.com/en-us/azure/azure-sql/database/security-best-practice'],
    }),
    remediation: 'Choose an administrator name that is not a well-known default.',
  },
  check: cloudCheck(predictableAdmin, ['az-predictable-admin']),
};
export default rule;
