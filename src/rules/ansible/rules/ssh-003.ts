import { atArg, isTrue, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SSH-003',
    title: 'git accepts unknown SSH host keys',
    severity: 'medium',
    category: 'ansible',
    modules: ['git'],
    docs: doc({
      what: 'Flags the git module with `accept_hostkey: yes`.',
      why: 'git is run with StrictHostKeyChecking=no: a spoofed git server can serve the host arbitrary code, which is then deployed.',
      bad: '- ansible.builtin.git:\n    repo: git@git.example.com:org/app.git\n    dest: /srv/app\n    accept_hostkey: yes',
      good: '- ansible.builtin.known_hosts:\n    name: git.example.com\n    key: "git.example.com ssh-ed25519 AAAA…"\n- ansible.builtin.git:\n    repo: git@git.example.com:org/app.git\n    dest: /srv/app',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/ansible/builtin/git_module.html#parameter-accept_hostkey',
      ],
    }),
    remediation: 'Add the server key with the known_hosts module (or use accept_newhostkey) and drop accept_hostkey.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['git'])) {
      const a = t.args.get('accept_hostkey');
      if (isTrue(a)) atArg(ctx, t, a!, 'git accept_hostkey: yes accepts any SSH host key for the repository server.');
    }
  },
};
export default rule;
