import { atArg, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PRIV-001',
    title: 'become_user without become',
    severity: 'low',
    category: 'ansible',
    modules: [],
    docs: doc({
      what: 'Flags tasks that set `become_user` while neither they nor their block or play set `become: true` (in a task file included from elsewhere, only an explicit `become: false`), and plays that set `become_user` without `become` when none of their tasks sets `become` either (plays with roles are left alone: a role may set it).',
      why: '`become_user` alone does not switch users: the task runs as the connecting user. Commands meant for an unprivileged service account then run as whoever connects (often root through the inventory), or fail in ways that tempt people to widen privileges.',
      bad: '# site.yml\n- hosts: app\n  tasks:\n    - name: Migrate as the app user\n      ansible.builtin.command: /srv/app/bin/migrate\n      become_user: app',
      good: '# site.yml\n- hosts: app\n  tasks:\n    - name: Migrate as the app user\n      ansible.builtin.command: /srv/app/bin/migrate\n      become: true\n      become_user: app',
      refs: [
        'https://ansible.readthedocs.io/projects/lint/rules/partial-become/',
        'https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_privilege_escalation.html',
      ],
    }),
    remediation: 'Add become: true next to become_user (or at the block/play level).',
  },
  check(ctx) {
    // A play's become_user without become: none of its tasks switches user unless it sets become itself.
    for (const play of ctx.file.plays ?? []) {
      const bu = play.keywords.get('become_user');
      if (!bu || play.become !== false || play.roles) continue;
      const tasks = ctx.file.tasks.filter((t) => t.path.startsWith(`${play.path}.`));
      if (tasks.some((t) => t.become !== false)) continue;
      ctx.report({
        at: bu.keyPos,
        scope: play.scope,
        path: `${play.path}.become_user`,
        message:
          `play sets become_user ${typeof bu.value === 'string' ? bu.value : ''} without become: its tasks run as the connecting user.`.replace(
            '  ',
            ' ',
          ),
      });
    }
    for (const t of ctx.file.tasks) {
      const bu = t.keywords.get('become_user');
      if (!bu || t.become !== false) continue;
      atArg(
        ctx,
        t,
        bu,
        `become_user ${typeof bu.value === 'string' ? bu.value : ''} is set without become: the task runs as the connecting user.`.replace(
          '  ',
          ' ',
        ),
      );
    }
  },
};
export default rule;
