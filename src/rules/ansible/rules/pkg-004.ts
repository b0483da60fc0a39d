import { atArg, isJinja, isTrue, strings, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const TRUSTED = /\[[^\]]*\b(?:trusted|allow-insecure|allow-weak|allow-downgrade-to-insecure)\s*=\s*yes\b[^\]]*\]/i;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PKG-004',
    title: 'APT repository marked trusted',
    severity: 'high',
    category: 'ansible',
    modules: ['apt_repository', 'deb822_repository', 'copy', 'lineinfile', 'blockinfile', 'template'],
    docs: doc({
      what: 'Flags APT sources with `[trusted=yes]` / `[allow-insecure=yes]` (apt_repository, or written with copy/lineinfile/blockinfile) and deb822_repository `trusted: yes` / `allow_insecure: yes`.',
      why: 'APT skips signature checks for that source: anyone who can answer for the mirror can ship packages that install as root.',
      bad: '- ansible.builtin.apt_repository:\n    repo: "deb [trusted=yes] https://repo.example.com/apt stable main"',
      good: '- ansible.builtin.apt_repository:\n    repo: "deb [signed-by=/etc/apt/keyrings/example.gpg] https://repo.example.com/apt stable main"',
      refs: ['man sources.list(5): trusted option', 'CWE-347: Improper Verification of Cryptographic Signature'],
    }),
    remediation: 'Remove trusted=yes and reference the repository key with signed-by.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['apt_repository', 'copy', 'lineinfile', 'blockinfile'])) {
      for (const k of ['repo', 'content', 'line', 'block']) {
        const a = t.args.get(k);
        if (a && strings(a.value).some((s) => !isJinja(s) && /\bdeb(?:-src)?\s/.test(s) && TRUSTED.test(s)))
          atArg(ctx, t, a, `${t.module} adds an APT source marked trusted; its packages are not signature-checked.`);
      }
    }
    for (const t of ctx.tasksFor(['deb822_repository']))
      for (const k of ['trusted', 'allow_insecure', 'allow_weak']) {
        const a = t.args.get(k);
        if (isTrue(a)) atArg(ctx, t, a!, `deb822_repository ${k}: yes disables signature checks for the source.`);
      }
  },
};
export default rule;
