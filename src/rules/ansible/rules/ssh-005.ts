import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { checkSshd } from '../sshd.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SSH-005',
    title: 'SSH server allows password authentication',
    severity: 'medium',
    category: 'ansible',
    modules: ['lineinfile', 'replace', 'blockinfile', 'copy', 'template'],
    docs: doc({
      what: 'Flags `PasswordAuthentication yes` written into sshd_config by lineinfile/replace/blockinfile/copy, and sshd role variables that set it (`sshd_PasswordAuthentication: yes`, `ssh_password_authentication: yes`, `sshd: { PasswordAuthentication: yes }`).',
      why: 'This undoes SSH hardening: passwords can be guessed and brute-forced over the network; keys or certificates cannot.',
      bad: '- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PasswordAuthentication\n    line: PasswordAuthentication yes',
      good: '- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PasswordAuthentication\n    line: PasswordAuthentication no\n    validate: sshd -t -f %s',
      refs: ['man sshd_config(5): PasswordAuthentication', 'CIS Benchmarks, SSH Server Configuration'],
    }),
    remediation: 'Set PasswordAuthentication no and use keys or SSH certificates.',
  },
  check(ctx) {
    checkSshd(
      ctx,
      { name: 'PasswordAuthentication', bad: ['yes'] },
      'passwords can be guessed and brute-forced over the network; keys or certificates cannot.',
    );
  },
};
export default rule;
