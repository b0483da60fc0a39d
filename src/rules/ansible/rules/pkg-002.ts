import { atArg, commandOf, isTrue, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const MODULES = ['yum', 'dnf', 'dnf5', 'package', 'zypper'];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PKG-002',
    title: 'Package installed with GPG signature check disabled',
    severity: 'high',
    category: 'ansible',
    modules: [...MODULES, 'shell', 'command'],
    docs: doc({
      what: 'Flags `disable_gpg_check: yes` on yum, dnf and zypper, and `--nogpgcheck` / `rpm --nosignature` in commands.',
      why: 'The package is installed even when its signature is missing or wrong, so a tampered RPM runs its scriptlets as root.',
      bad: '- ansible.builtin.dnf:\n    name: https://example.com/agent.rpm\n    disable_gpg_check: yes',
      good: '- ansible.builtin.rpm_key:\n    key: https://example.com/RPM-GPG-KEY\n- ansible.builtin.dnf:\n    name: https://example.com/agent.rpm',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/ansible/builtin/dnf_module.html',
        'CWE-347: Improper Verification of Cryptographic Signature',
      ],
    }),
    remediation: 'Import the vendor key with rpm_key and remove disable_gpg_check.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODULES)) {
      const a = t.args.get('disable_gpg_check');
      if (isTrue(a)) atArg(ctx, t, a!, `${t.module} disable_gpg_check: yes installs unsigned packages.`);
    }
    for (const t of ctx.file.tasks) {
      const cmd = commandOf(t);
      if (cmd && /\s--nogpgcheck\b|\brpm\b[^|;&\n]*\s--nosignature\b/.test(cmd.text))
        atArg(ctx, t, cmd.arg, `${t.module} installs packages without checking their signatures.`);
    }
  },
};
export default rule;
