import { isJinja, truthy, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-CFG-001',
    title: 'Unsafe lookups allowed',
    severity: 'medium',
    category: 'ansible',
    modules: [],
    docs: doc({
      what: 'Flags `allow_unsafe_lookups = True` in ansible.cfg, `ANSIBLE_ALLOW_UNSAFE_LOOKUPS` in a task environment, `ansible_allow_unsafe_lookups` in variables, and lookups called with `allow_unsafe=True`.',
      why: 'Lookup results normally come back marked unsafe so Jinja in them is not evaluated. Allowing unsafe lookups means text from a file, a URL, DNS or a secret store is templated: whoever controls that text runs Jinja (and through it, code) on the controller.',
      bad: '[defaults]\nallow_unsafe_lookups = True',
      good: '[defaults]\nallow_unsafe_lookups = False',
      refs: [
        'https://docs.ansible.com/ansible/latest/reference_appendices/config.html#default-allow-unsafe-lookups',
        'CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine',
      ],
    }),
    remediation:
      'Leave lookups unsafe (the default); mark only specific, trusted values with `!unsafe` handling in mind.',
  },
  check(ctx) {
    for (const e of ctx.file.cfg?.entries ?? [])
      if (e.key.toLowerCase() === 'allow_unsafe_lookups' && truthy(e.value) === true)
        ctx.report({
          at: { line: e.line, column: e.keyCol, endLine: e.line, endColumn: e.keyCol + e.key.length },
          scope: [e.line, e.line],
          path: `ansible.cfg:[${e.section}].allow_unsafe_lookups`,
          message: `ansible.cfg [${e.section}] allow_unsafe_lookups = ${e.value}: lookup results are templated.`,
        });
    for (const v of ctx.file.vars)
      if (v.key === 'ansible_allow_unsafe_lookups' && !isJinja(v.value) && truthy(v.value) === true)
        ctx.report({
          at: v.keyPos,
          scope: v.scope,
          path: v.path,
          message: `${v.key} is true: lookup results are templated.`,
        });
    for (const t of ctx.file.tasks) {
      const env = t.keywords.get('environment')?.value;
      if (env && typeof env === 'object' && !Array.isArray(env)) {
        const v = (env as Record<string, unknown>).ANSIBLE_ALLOW_UNSAFE_LOOKUPS;
        if (truthy(v) === true)
          ctx.report({
            at: t.keywords.get('environment')!.keyPos,
            scope: t.scope,
            path: `${t.path}.environment.ANSIBLE_ALLOW_UNSAFE_LOOKUPS`,
            message: 'ANSIBLE_ALLOW_UNSAFE_LOOKUPS is on for this task.',
          });
      }
      for (const a of [...t.args.values(), ...t.keywords.values()]) {
        if (typeof a.value !== 'string' || !/\b(?:lookup|query|q)\s*\(/.test(a.value)) continue;
        if (/\ballow_unsafe\s*=\s*(?:True|true|yes)\b/.test(a.value))
          ctx.report({
            at: a.keyPos,
            scope: t.scope,
            path: `${t.path}.${t.module || 'task'}.${a.key}`,
            message: `${a.key} calls a lookup with allow_unsafe=True: its result is templated.`,
          });
      }
    }
  },
};
export default rule;
