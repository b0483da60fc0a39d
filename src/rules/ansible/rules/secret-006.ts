import { atArg, isJinja, isSecretName, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SECRET-006',
    title: 'Secret argument without no_log',
    severity: 'medium',
    category: 'ansible',
    modules: ['user', 'mysql_user', 'postgresql_user', 'uri', 'set_fact'],
    docs: doc({
      what: 'Flags tasks that pass a variable or vaulted value to a password/token argument (`password: "{{ db_password }}"`, `api_token: !vault …`) without `no_log: true` on the task, its block or its play.',
      why: 'Ansible shows module arguments on failure, with `-v`, and in callback plugins (AWX, ARA, CI logs): the value decrypted from the vault ends up in plain text in logs.',
      bad: '- community.postgresql.postgresql_user:\n    name: app\n    password: "{{ vault_app_db_password }}"',
      good: '- community.postgresql.postgresql_user:\n    name: app\n    password: "{{ vault_app_db_password }}"\n  no_log: true',
      refs: [
        'ansible-lint: no-log-password',
        'https://docs.ansible.com/ansible/latest/reference_appendices/logging.html',
      ],
    }),
    remediation: 'Add no_log: true to the task.',
  },
  check(ctx) {
    for (const t of ctx.file.tasks) {
      if (t.noLog !== false) continue;
      for (const a of t.args.values())
        if (isSecretName(a.key) && (a.vault || isJinja(a.value))) {
          atArg(ctx, t, a, `${t.module} passes ${a.key} without no_log: true; the value can appear in logs.`);
          break;
        }
    }
  },
};
export default rule;
