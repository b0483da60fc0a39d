import { atArg, commandOf, isJinja, known, strings, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const CONFIG_LINE = /^\s*SELINUX\s*=\s*(?:disabled|permissive)\s*$/im;
const COMMAND = /\bsetenforce\s+(?:0|permissive)\b|\bselinux=0\b|\benforcing=0\b/i;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-OS-001',
    title: 'SELinux disabled or permissive',
    severity: 'high',
    category: 'ansible',
    modules: ['selinux', 'lineinfile', 'replace', 'copy', 'command', 'shell'],
    docs: doc({
      what: 'Flags `selinux: state: disabled|permissive`, `SELINUX=disabled|permissive` written into /etc/selinux/config, `setenforce 0`, `selinux=0`/`enforcing=0` kernel arguments, and the `selinux_state` role variable set to disabled/permissive.',
      why: 'SELinux confines services: with it off, a compromised web server or daemon can reach every file and process its Unix user can, and usually escalate from there.',
      bad: '- ansible.posix.selinux:\n    state: disabled',
      good: '- ansible.posix.selinux:\n    policy: targeted\n    state: enforcing\n# fix the denial with a boolean or a local policy module instead',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/ansible/posix/selinux_module.html',
        'CIS Benchmarks: Ensure SELinux is enforcing',
      ],
    }),
    remediation: 'Keep SELinux enforcing; allow the needed access with seboolean/sefcontext or a policy module.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['selinux'])) {
      const a = t.args.get('state');
      const s = known(a)?.toLowerCase();
      if (s === 'disabled' || s === 'permissive')
        atArg(ctx, t, a!, `selinux state: ${s} turns SELinux enforcement off.`);
    }
    for (const t of ctx.file.tasks) {
      if (t.short === 'selinux') continue;
      const cmd = commandOf(t);
      if (cmd && COMMAND.test(cmd.text)) {
        atArg(ctx, t, cmd.arg, `${t.module} turns SELinux enforcement off.`);
        continue;
      }
      const hit = ['line', 'replace', 'content', 'block', 'value']
        .map((k) => t.args.get(k))
        .find(
          (a) =>
            a &&
            strings(a.value).some((s) => !isJinja(s) && (CONFIG_LINE.test(s) || /\b(?:selinux|enforcing)=0\b/.test(s))),
        );
      if (hit) atArg(ctx, t, hit, `${t.module} configures SELinux as disabled or permissive.`);
    }
    for (const v of ctx.file.vars) {
      const s = typeof v.value === 'string' ? v.value.toLowerCase() : '';
      if (/^selinux_state$/.test(v.key) && (s === 'disabled' || s === 'permissive'))
        ctx.report({
          at: v.keyPos,
          scope: v.scope,
          path: v.path,
          message: `${v.key}: ${s} turns SELinux enforcement off.`,
        });
    }
  },
};
export default rule;
