import { atArg, isFalse, isJinja, known, strings, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const NOPASSWD_ALL = /^\s*[^#\s]\S*\s+\S+\s*=\s*(?:\([^)]*\)\s*)?NOPASSWD\s*:\s*ALL\s*$/im;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-OS-004',
    title: 'Passwordless sudo for every command',
    severity: 'low',
    category: 'ansible',
    modules: ['lineinfile', 'copy', 'blockinfile', 'template', 'sudoers'],
    docs: doc({
      what: 'Flags sudoers lines `… NOPASSWD: ALL` written by lineinfile/copy/blockinfile and the community.general.sudoers module with `commands: ALL` and `nopassword` left at its default (true).',
      why: 'Anyone who gets a shell as that user — a leaked key, a compromised service — is root without any further secret.',
      bad: '- ansible.builtin.lineinfile:\n    path: /etc/sudoers.d/deploy\n    line: "deploy ALL=(ALL) NOPASSWD: ALL"\n    validate: visudo -cf %s',
      good: '- ansible.builtin.lineinfile:\n    path: /etc/sudoers.d/deploy\n    line: "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app"\n    validate: visudo -cf %s',
      refs: ['man sudoers(5)', 'CWE-250: Execution with Unnecessary Privileges'],
    }),
    remediation: 'Limit NOPASSWD to the specific commands the account needs.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['lineinfile', 'copy', 'blockinfile'])) {
      const hit = ['line', 'content', 'block']
        .map((k) => t.args.get(k))
        .find((a) => a && strings(a.value).some((s) => !isJinja(s) && NOPASSWD_ALL.test(s)));
      if (hit) atArg(ctx, t, hit, `${t.module} grants passwordless sudo for every command.`);
    }
    for (const t of ctx.tasksFor(['sudoers'])) {
      const cmds = t.args.get('commands');
      const all = known(cmds) === 'ALL' || (Array.isArray(cmds?.value) && cmds.value.includes('ALL'));
      if (all && !isFalse(t.args.get('nopassword')) && known(t.args.get('state')) !== 'absent')
        atArg(ctx, t, cmds!, 'sudoers grants passwordless sudo for every command (nopassword defaults to true).');
    }
  },
};
export default rule;
