import { atArg, modeOf, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { MODE_KEYS, MODE_MODULES, octal } from '../perm.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PERM-002',
    title: 'File mode written as a decimal number',
    severity: 'medium',
    category: 'ansible',
    modules: MODE_MODULES,
    docs: doc({
      what: 'Flags `mode: 644` / `mode: 755` written as a plain YAML integer without a leading zero.',
      why: 'YAML reads `644` as the decimal number 644, which is octal 1204: the file gets odd, usually wrong permissions (sticky bit, no read for the owner, or world access) instead of rw-r--r--.',
      bad: '- ansible.builtin.copy:\n    src: app.conf\n    dest: /etc/app.conf\n    mode: 644',
      good: '- ansible.builtin.copy:\n    src: app.conf\n    dest: /etc/app.conf\n    mode: "0644"',
      refs: [
        'ansible-lint: risky-octal',
        'https://docs.ansible.com/ansible/latest/collections/ansible/builtin/file_module.html#parameter-mode',
      ],
    }),
    remediation: 'Quote the mode with a leading zero: mode: "0644".',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODE_MODULES))
      for (const k of MODE_KEYS) {
        const a = t.args.get(k);
        const m = modeOf(ctx.file, a);
        if (m?.kind === 'decimal' && m.written >= 8)
          atArg(
            ctx,
            t,
            a!,
            `${t.module} ${k} ${m.written} is read as decimal, i.e. octal ${octal(m.bits)}; quote it as "0${m.written}".`,
          );
      }
  },
};
export default rule;
