import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { checkSshd } from '../sshd.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SSH-006',
    title: 'SSH server permits empty passwords',
    severity: 'critical',
    category: 'ansible',
    modules: ['lineinfile', 'replace', 'blockinfile', 'copy', 'template'],
    docs: doc({
      what: 'Flags `PermitEmptyPasswords yes` written into sshd_config by lineinfile/replace/blockinfile/copy, and sshd role variables that set it (`sshd_PermitEmptyPasswords: yes`, `ssh_permit_empty_passwords: yes`, `sshd: { PermitEmptyPasswords: yes }`).',
      why: 'This undoes SSH hardening: any account without a password can log in over the network.',
      bad: '- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PermitEmptyPasswords\n    line: PermitEmptyPasswords yes',
      good: '- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PermitEmptyPasswords\n    line: PermitEmptyPasswords no\n    validate: sshd -t -f %s',
      refs: ['man sshd_config(5): PermitEmptyPasswords', 'CIS Benchmarks, SSH Server Configuration'],
    }),
    remediation: 'Set PermitEmptyPasswords no.',
  },
  check(ctx) {
    checkSshd(
      ctx,
      { name: 'PermitEmptyPasswords', bad: ['yes'] },
      'any account without a password can log in over the network.',
    );
  },
};
export default rule;
