import { atArg, commandOf, isTrue, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PKG-001',
    title: 'APT installs unauthenticated packages',
    severity: 'high',
    category: 'ansible',
    modules: ['apt', 'shell', 'command'],
    docs: doc({
      what: 'Flags `allow_unauthenticated: yes` and `force: yes` (which implies it) on the apt module, and `apt-get --allow-unauthenticated / --force-yes` in commands.',
      why: 'APT then installs packages whose repository signature it could not verify: a mirror or network attacker can ship arbitrary code that runs as root.',
      bad: '- ansible.builtin.apt:\n    name: agent\n    allow_unauthenticated: yes',
      good: '- ansible.builtin.apt:\n    name: agent',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/ansible/builtin/apt_module.html',
        'CWE-347: Improper Verification of Cryptographic Signature',
      ],
    }),
    remediation: 'Remove allow_unauthenticated/force and install the repository signing key instead.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['apt']))
      for (const k of ['allow_unauthenticated', 'force']) {
        const a = t.args.get(k);
        if (isTrue(a)) atArg(ctx, t, a!, `apt ${k}: yes installs packages without verifying their signatures.`);
      }
    for (const t of ctx.file.tasks) {
      const cmd = commandOf(t);
      if (cmd && /\bapt(?:-get)?\b[^|;&\n]*\s--(?:allow-unauthenticated|force-yes)\b/.test(cmd.text))
        atArg(ctx, t, cmd.arg, `${t.module} runs apt with unauthenticated packages allowed.`);
    }
  },
};
export default rule;
