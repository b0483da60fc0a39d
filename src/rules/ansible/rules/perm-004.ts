import { atArg, modeOf, symbolicGrants, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { MODE_KEYS, MODE_MODULES, octal } from '../perm.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PERM-004',
    title: 'setuid/setgid file mode',
    severity: 'medium',
    category: 'ansible',
    modules: MODE_MODULES,
    docs: doc({
      what: 'Flags modes that set the setuid or setgid bit on files (`4755`, `"2755"`, `u+s`, `g+s`). Directories (`state: directory`) are left alone: setgid on a directory only sets group inheritance.',
      why: "A setuid binary runs with its owner's rights for every caller; any flaw in it becomes a root exploit.",
      bad: '- ansible.builtin.copy:\n    src: helper\n    dest: /usr/local/bin/helper\n    mode: "4755"',
      good: '- ansible.builtin.copy:\n    src: helper\n    dest: /usr/local/bin/helper\n    mode: "0755"',
      refs: ['ansible-lint: risky-file-permissions', 'CWE-250: Execution with Unnecessary Privileges'],
    }),
    remediation: 'Remove the setuid/setgid bit; grant the needed capability or a sudo rule instead.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODE_MODULES)) {
      if (t.args.get('state')?.value === 'directory') continue;
      for (const k of MODE_KEYS) {
        if (k === 'directory_mode') continue;
        const a = t.args.get(k);
        const m = modeOf(ctx.file, a);
        if (!m) continue;
        const suid =
          m.kind === 'symbolic'
            ? symbolicGrants(m.text, 'u', 's') || symbolicGrants(m.text, 'g', 's')
            : (m.bits & 0o6000) !== 0;
        if (suid)
          atArg(ctx, t, a!, `${t.module} ${k} ${m.kind === 'symbolic' ? m.text : octal(m.bits)} sets setuid/setgid.`);
      }
    }
  },
};
export default rule;
