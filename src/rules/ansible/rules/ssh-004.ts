import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { checkSshd } from '../sshd.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SSH-004',
    title: 'SSH server permits root login',
    severity: 'critical',
    category: 'ansible',
    modules: ['lineinfile', 'replace', 'blockinfile', 'copy', 'template'],
    docs: doc({
      what: 'Flags `PermitRootLogin yes` written into sshd_config by lineinfile/replace/blockinfile/copy, and sshd role variables that set it (`sshd_PermitRootLogin: yes`, `ssh_permit_root_login: yes`, `sshd: { PermitRootLogin: yes }`).',
      why: 'This undoes SSH hardening: root can log in over SSH directly, so a guessed or leaked root password (or key) gives full control with no audit trail of who it was.',
      bad: '- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PermitRootLogin\n    line: PermitRootLogin yes',
      good: '- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PermitRootLogin\n    line: PermitRootLogin no\n    validate: sshd -t -f %s',
      refs: ['man sshd_config(5): PermitRootLogin', 'CIS Benchmarks, SSH Server Configuration'],
    }),
    remediation: 'Set PermitRootLogin no (or prohibit-password) and log in as a named user with sudo.',
  },
  check(ctx) {
    checkSshd(
      ctx,
      { name: 'PermitRootLogin', bad: ['yes'] },
      'root can log in over SSH directly, so a guessed or leaked root password (or key) gives full control with no audit trail of who it was.',
    );
  },
};
export default rule;
