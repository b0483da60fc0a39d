import { atSecretValue, plaintextSecret, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { CONNECTION_PASSWORD } from '../varnames.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SECRET-002',
    title: 'Plaintext connection password in vars or inventory',
    severity: 'critical',
    category: 'ansible',
    modules: [],
    docs: doc({
      what: 'Flags `ansible_password`, `ansible_ssh_pass`, `ansible_winrm_password`… with a literal value in group_vars, host_vars, vars files, play vars and inventories (INI and YAML).',
      why: 'The password of every host it applies to is readable by anyone with the repository, in every clone and fork, forever (git history).',
      bad: '# group_vars/web.yml\nansible_password: Sup3rSecretPassw0rd!',
      good: '# group_vars/web.yml\nansible_password: "{{ vault_web_password }}"\n# group_vars/web/vault.yml (ansible-vault encrypt)',
      refs: [
        'https://docs.ansible.com/ansible/latest/vault_guide/index.html',
        'CWE-798: Use of Hard-coded Credentials',
      ],
    }),
    remediation: 'Move the value to an ansible-vault encrypted file (or use SSH keys) and reference it.',
  },
  check(ctx) {
    for (const v of ctx.file.vars)
      if (CONNECTION_PASSWORD.test(v.key) && plaintextSecret(v))
        atSecretValue(ctx, v, v.scope, v.path, `${v.key} holds a plaintext password; it should be vaulted.`);
  },
};
export default rule;
