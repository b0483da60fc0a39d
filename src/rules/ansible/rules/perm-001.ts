import { atArg, modeOf, symbolicGrants, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { MODE_KEYS, MODE_MODULES, octal } from '../perm.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PERM-001',
    title: 'World-writable file mode',
    severity: 'high',
    category: 'ansible',
    modules: MODE_MODULES,
    docs: doc({
      what: 'Flags `mode`/`directory_mode` values that let every user write: octal (`0777`, `0666`, `"0777"`, `0o777`, and decimal ints such as `666`), and symbolic (`o+w`, `a+w`, `+w`, `o=rwx`).',
      why: 'Any local user or compromised service can replace the file: configuration, scripts run by root and binaries become a privilege-escalation path.',
      bad: '- ansible.builtin.file:\n    path: /opt/app/run.sh\n    mode: "0777"',
      good: '- ansible.builtin.file:\n    path: /opt/app/run.sh\n    mode: "0755"',
      refs: ['ansible-lint: risky-file-permissions', 'CWE-732: Incorrect Permission Assignment for Critical Resource'],
    }),
    remediation: 'Drop the write bit for others (e.g. mode: "0755" or "0644").',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODE_MODULES))
      for (const k of MODE_KEYS) {
        const a = t.args.get(k);
        const m = modeOf(ctx.file, a);
        if (!m) continue;
        const ww = m.kind === 'symbolic' ? symbolicGrants(m.text, 'o', 'w') : (m.bits & 0o002) !== 0;
        if (ww)
          atArg(
            ctx,
            t,
            a!,
            `${t.module} ${k} ${m.kind === 'symbolic' ? m.text : octal(m.bits)} is writable by every user.`,
          );
      }
  },
};
export default rule;
