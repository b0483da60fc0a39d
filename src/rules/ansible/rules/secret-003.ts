import { atSecretValue, plaintextSecret, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { BECOME_PASSWORD } from '../varnames.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SECRET-003',
    title: 'Plaintext become (sudo) password',
    severity: 'critical',
    category: 'ansible',
    modules: [],
    docs: doc({
      what: 'Flags `ansible_become_password`, `ansible_become_pass`, `ansible_sudo_pass`, `ansible_su_pass` and network `ansible_enable_pass` with a literal value, wherever they are set (vars files, play/task vars, inventories).',
      why: 'This is the root-equivalent password of the hosts; in the repository it is readable by everyone who can clone it.',
      bad: '[web:vars]\nansible_become_pass=Sup3rSecretPassw0rd!',
      good: '# group_vars/web/vault.yml, encrypted with ansible-vault\nvault_become_pass: …\n# group_vars/web/main.yml\nansible_become_pass: "{{ vault_become_pass }}"',
      refs: [
        'https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_privilege_escalation.html',
        'CWE-798: Use of Hard-coded Credentials',
      ],
    }),
    remediation: 'Vault the become password (ansible-vault) or use --ask-become-pass.',
  },
  check(ctx) {
    for (const v of ctx.file.vars)
      if (BECOME_PASSWORD.test(v.key) && plaintextSecret(v))
        atSecretValue(
          ctx,
          v,
          v.scope,
          v.path,
          `${v.key} holds a plaintext privilege-escalation password; it should be vaulted.`,
        );
  },
};
export default rule;
