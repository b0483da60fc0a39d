import { argPath, atSecretValue, plaintextSecret, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { DB_HASH, DB_USER_MODULES } from '../dbmodules.js';

const KEYS = ['password', 'user_password', 'new_password'];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SECRET-004',
    title: 'Plaintext database user password',
    severity: 'critical',
    category: 'ansible',
    modules: DB_USER_MODULES,
    docs: doc({
      what: 'Flags mysql_user, postgresql_user, mongodb_user, rabbitmq_user, mssql_login… called with a literal `password:` (pre-computed hashes such as mysql `*…` or postgres `SCRAM-SHA-256$…` are fine).',
      why: 'The database credential is readable by everyone with the repository and stays in git history after it is removed.',
      bad: '- community.mysql.mysql_user:\n    name: app\n    password: Sup3rSecretPassw0rd!',
      good: '- community.mysql.mysql_user:\n    name: app\n    password: "{{ vault_app_db_password }}"\n  no_log: true',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/community/mysql/mysql_user_module.html',
        'CWE-798: Use of Hard-coded Credentials',
      ],
    }),
    remediation: 'Put the password in Ansible Vault and reference it, with no_log: true on the task.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(DB_USER_MODULES))
      for (const k of KEYS) {
        const a = t.args.get(k);
        const v = plaintextSecret(a);
        if (v && !DB_HASH.test(v))
          atSecretValue(ctx, a!, t.scope, argPath(t, k), `${t.module} ${k} is a plaintext database password.`);
      }
  },
};
export default rule;
