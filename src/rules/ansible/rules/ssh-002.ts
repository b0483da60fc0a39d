import { atArg, strings, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const NO_CHECK =
  /StrictHostKeyChecking\s*[= ]\s*["']?(?:no|off|false)\b|UserKnownHostsFile\s*[= ]\s*["']?\/dev\/null\b/i;
const SKIP_ARGS = new Set(['regexp', 'search_string', 'insertafter', 'insertbefore']);

/** NO_CHECK can match only where either option is named (ASCII letters, either case): tested first, it spares most
 * playbooks compiling the case-insensitive regex. */
function noCheck(s: string): boolean {
  const l = s.toLowerCase();
  return (l.includes('stricthostkeychecking') || l.includes('userknownhostsfile')) && NO_CHECK.test(s);
}

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SSH-002',
    title: 'StrictHostKeyChecking=no in SSH options',
    severity: 'high',
    category: 'ansible',
    modules: ['command', 'shell', 'git', 'synchronize', 'lineinfile', 'copy', 'template'],
    docs: doc({
      what: 'Flags `StrictHostKeyChecking=no` (and `UserKnownHostsFile=/dev/null`) in ansible.cfg `ssh_args`/`ssh_common_args`/`ssh_extra_args`, in `ansible_ssh_common_args`/`ansible_ssh_extra_args` vars and inventories, in ssh commands, and in git/synchronize options or ssh_config lines written by tasks; also inside Jinja blocks, and in SSH client config files a role copies or templates (`templates/ssh_config.j2`, `files/ssh_config`).',
      why: 'The SSH client accepts any host key, so a man in the middle receives the connection and its credentials without a warning.',
      bad: '# group_vars/all.yml\nansible_ssh_common_args: "-o StrictHostKeyChecking=no"',
      good: '# group_vars/all.yml\nansible_ssh_common_args: "-o StrictHostKeyChecking=yes"\n# pre-seed known_hosts with the known_hosts module',
      refs: ['man ssh_config(5): StrictHostKeyChecking', 'CWE-322: Key Exchange without Entity Authentication'],
    }),
    remediation:
      'Remove StrictHostKeyChecking=no; manage known_hosts (known_hosts module, or StrictHostKeyChecking=accept-new at most).',
  },
  check(ctx) {
    for (const e of ctx.file.cfg?.entries ?? [])
      if (/^ssh_(?:common_|extra_)?args$/i.test(e.key) && noCheck(e.value))
        ctx.report({
          at: { line: e.line, column: e.keyCol, endLine: e.line, endColumn: e.keyCol + e.key.length },
          scope: [e.line, e.line],
          path: `ansible.cfg:[${e.section}].${e.key}`,
          message: `ansible.cfg ${e.key} turns SSH host key checking off.`,
        });
    // An SSH client config a role copies or templates (`ssh_config.j2`): its lines, Jinja tags and all.
    if (ctx.file.managed?.kind === 'ssh-config')
      ctx.file.lines.forEach((line, i) => {
        const text = line.replace(/\{#.*?#\}/g, '');
        if (/^\s*#/.test(text) || !noCheck(text)) return;
        const col = text.search(/StrictHostKeyChecking|UserKnownHostsFile/i) + 1;
        ctx.report({
          at: { line: i + 1, column: col, endLine: i + 1, endColumn: text.trimEnd().length + 1 },
          scope: [i + 1, i + 1],
          path: `${ctx.file.path}:${i + 1}`,
          message: 'The SSH client configuration the role installs turns host key checking off.',
        });
      });
    // A value with Jinja still says it when the option is written out (`{% if bastion %}-o StrictHostKeyChecking=no
    // {% endif %}`, `{{ '-o StrictHostKeyChecking=no' if x }}`): noCheck needs the literal `=no`.
    for (const v of ctx.file.vars)
      if (strings(v.value).some((s) => noCheck(s)))
        ctx.report({
          at: v.keyPos,
          scope: v.scope,
          path: v.path,
          message: `${v.key} turns SSH host key checking off.`,
        });
    for (const t of ctx.file.tasks) {
      const args = [...(t.freeForm ? [t.freeForm] : []), ...t.args.values()].filter((a) => !SKIP_ARGS.has(a.key));
      const hit = args.find((a) => strings(a.value).some((s) => noCheck(s)));
      if (hit) atArg(ctx, t, hit, `${t.module} uses SSH with host key checking off.`);
    }
  },
};
export default rule;
