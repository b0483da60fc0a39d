import { atArg, known, type AnsibleRule, type Task } from '../context.js';
import { doc } from '../docs.js';

/** Module → (argument, folder of the role it is relative to). */
const SOURCES: Record<string, Array<[string, string]>> = {
  copy: [['src', 'files']],
  template: [['src', 'templates']],
  script: [['cmd', 'files']],
  unarchive: [['src', 'files']],
  assemble: [['src', 'files']],
  include_vars: [['file', 'vars']],
  include_tasks: [['file', 'tasks']],
  import_tasks: [['file', 'tasks']],
  win_copy: [['src', 'files']],
  win_template: [['src', 'templates']],
};

function escapes(role: string, folder: string, rel: string): boolean {
  const out = [...role.split('/'), folder];
  const depth = role.split('/').length;
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      out.pop();
      if (out.length < depth) return true;
    } else out.push(seg);
  }
  return false;
}

function sourceOf(t: Task, arg: string) {
  const a =
    t.args.get(arg) ??
    (['include_tasks', 'import_tasks', 'include_vars', 'script'].includes(t.short) ? t.freeForm : undefined);
  const v = known(a);
  return a && v !== undefined ? { a, v: v.trim().split(/\s+/)[0]! } : undefined;
}

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PATH-001',
    title: 'Role source path escapes the role',
    severity: 'low',
    category: 'ansible',
    modules: Object.keys(SOURCES),
    docs: doc({
      what: 'Flags `src`/`file` paths of copy, template, script, unarchive, include_vars and include/import_tasks inside a role that climb out of the role with `../`.',
      why: 'A role that reads files outside itself depends on the layout of whatever repository it sits in: moved or installed from Galaxy, it silently picks up another file (or an attacker-controlled one) with the same relative path.',
      bad: "# roles/web/tasks/main.yml\n- ansible.builtin.copy:\n    src: ../../../secrets/web.key\n    dest: /etc/ssl/private/web.key\n    mode: '0600'",
      good: "# roles/web/tasks/main.yml\n- ansible.builtin.copy:\n    src: web.key\n    dest: /etc/ssl/private/web.key\n    mode: '0600'",
      refs: ['https://docs.ansible.com/ansible/latest/playbook_guide/playbook_pathing.html'],
    }),
    remediation: 'Keep the file inside the role (files/, templates/, vars/) or pass its path in as a role variable.',
  },
  check(ctx) {
    const m = /^(.*?(?:^|\/)roles\/[^/]+)\//.exec(ctx.file.path);
    if (!m) return;
    const role = m[1]!;
    for (const t of ctx.tasksFor(Object.keys(SOURCES)))
      for (const [arg, folder] of SOURCES[t.short] ?? []) {
        const s = sourceOf(t, arg);
        if (!s || !s.v.includes('..') || s.v.startsWith('/')) continue;
        if (escapes(role, folder, s.v)) atArg(ctx, t, s.a, `${t.module} reads ${s.v}, outside the role.`);
      }
  },
};
export default rule;
