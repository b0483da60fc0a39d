import { argPath, atSecretValue, cryptHash, plaintextSecret, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SECRET-001',
    title: 'Plaintext password for a system user',
    severity: 'critical',
    category: 'ansible',
    modules: ['user'],
    docs: doc({
      what: 'Flags the user module given a literal `password:` that is not a crypt hash. A SHA-256/SHA-512 (`$5$`/`$6$`), yescrypt or bcrypt hash is the correct usage and is not reported; a weak MD5-crypt hash (`$1$`) is reported at low.',
      why: 'The password is committed in clear text, and Ansible writes the value as-is into /etc/shadow, where it is not a valid hash: the account either cannot log in or — with some tools — the clear text is exposed to every reader of the repository.',
      bad: '- ansible.builtin.user:\n    name: deploy\n    password: Sup3rSecretPassw0rd!',
      good: '- ansible.builtin.user:\n    name: deploy\n    password: "{{ vault_deploy_password | password_hash(\'sha512\') }}"\n  no_log: true',
      refs: [
        'https://docs.ansible.com/ansible/latest/reference_appendices/faq.html#how-do-i-generate-encrypted-passwords-for-the-user-module',
        'CWE-256: Plaintext Storage of a Password',
      ],
    }),
    remediation: 'Store the password in Ansible Vault and pass it through password_hash().',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['user'])) {
      const a = t.args.get('password');
      const v = plaintextSecret(a);
      if (!v) continue;
      const hash = cryptHash(v);
      if (hash === 'weak')
        atSecretValue(
          ctx,
          a!,
          t.scope,
          argPath(t, 'password'),
          'user password is an MD5-crypt ($1$) hash, which is cracked quickly offline; use SHA-512 ($6$) or yescrypt.',
          'low',
        );
      else if (!hash)
        atSecretValue(
          ctx,
          a!,
          t.scope,
          argPath(t, 'password'),
          'user password is a plaintext value, not a crypt hash.',
        );
    }
  },
};
export default rule;
