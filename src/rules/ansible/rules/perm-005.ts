import { atTask, isTrue, known, type AnsibleRule, type Task } from '../context.js';
import { doc } from '../docs.js';

const ALWAYS = ['copy', 'template', 'get_url', 'assemble', 'win_copy'];
const WITH_CREATE = ['lineinfile', 'blockinfile', 'ini_file', 'replace'];
const MODULES = [...ALWAYS, ...WITH_CREATE, 'file'];

/** Whether the task creates a file or directory whose permissions then depend on the umask. */
function creates(t: Task): boolean {
  if (ALWAYS.includes(t.short)) return t.short !== 'win_copy';
  if (WITH_CREATE.includes(t.short)) return isTrue(t.args.get('create'));
  const state = known(t.args.get('state'))?.trim().toLowerCase();
  return state === 'touch' || state === 'directory';
}

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PERM-005',
    title: 'File created without an explicit mode',
    severity: 'low',
    category: 'ansible',
    modules: MODULES,
    docs: doc({
      what: 'Flags `copy`, `template`, `get_url`, `assemble`, `file` with `state: touch`/`directory`, and `lineinfile`/`blockinfile`/`ini_file` with `create: yes` that give no `mode`.',
      why: 'Without `mode` the permissions come from the umask of the remote user (and, for `copy`, may follow the source file): a secret or a configuration file can end up readable or writable by others depending on where the playbook runs.',
      bad: '- ansible.builtin.template:\n    src: app.conf.j2\n    dest: /etc/app/app.conf',
      good: "- ansible.builtin.template:\n    src: app.conf.j2\n    dest: /etc/app/app.conf\n    mode: '0640'",
      refs: [
        'https://ansible.readthedocs.io/projects/lint/rules/risky-file-permissions/',
        'CWE-276: Incorrect Default Permissions',
      ],
    }),
    remediation: "Set mode explicitly (e.g. mode: '0644', or '0600' for secrets).",
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODULES)) {
      if (t.args.has('mode') || !creates(t)) continue;
      atTask(
        ctx,
        t,
        `${t.module} creates ${t.short === 'file' ? 'a path' : 'a file'} without mode: its permissions depend on the umask.`,
        'mode',
      );
    }
  },
};
export default rule;
