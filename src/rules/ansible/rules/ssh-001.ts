import { isFalse, pairsOf, truthy, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SSH-001',
    title: 'SSH host key checking disabled',
    severity: 'high',
    category: 'ansible',
    modules: [],
    docs: doc({
      what: 'Flags `host_key_checking = False` in ansible.cfg, `ansible_host_key_checking: false` in vars and inventories, and `ANSIBLE_HOST_KEY_CHECKING: false` in a task environment.',
      why: "Ansible then connects to whatever answers at the address — and sends it passwords, become passwords and the playbook's secrets. A spoofed host is never noticed.",
      bad: '# ansible.cfg\n[defaults]\nhost_key_checking = False',
      good: '# ansible.cfg\n[defaults]\nhost_key_checking = True\n# distribute known_hosts (known_hosts module) or use SSH certificates',
      refs: [
        'https://docs.ansible.com/ansible/latest/inventory_guide/connection_details.html#managing-host-key-checking',
        'CWE-322: Key Exchange without Entity Authentication',
      ],
    }),
    remediation: 'Keep host key checking on; pre-seed known_hosts or use SSH host certificates.',
  },
  check(ctx) {
    for (const e of ctx.file.cfg?.entries ?? [])
      if (e.key.toLowerCase() === 'host_key_checking' && truthy(e.value) === false)
        ctx.report({
          at: { line: e.line, column: e.keyCol, endLine: e.line, endColumn: e.keyCol + e.key.length },
          scope: [e.line, e.line],
          path: `ansible.cfg:[${e.section}].host_key_checking`,
          message: `ansible.cfg [${e.section}] host_key_checking = ${e.value}: SSH host keys are not verified.`,
        });
    for (const v of ctx.file.vars)
      if (/^ansible_(?:ssh_)?host_key_checking$/.test(v.key) && isFalse(v))
        ctx.report({
          at: v.keyPos,
          scope: v.scope,
          path: v.path,
          message: `${v.key} is false: SSH host keys are not verified.`,
        });
    for (const t of ctx.file.tasks)
      for (const a of pairsOf(ctx, t.keywords.get('environment')?.node))
        if (a.key === 'ANSIBLE_HOST_KEY_CHECKING' && isFalse(a))
          ctx.report({
            at: a.keyPos,
            scope: t.scope,
            path: `${t.path}.environment.${a.key}`,
            message: 'ANSIBLE_HOST_KEY_CHECKING is false for this task: SSH host keys are not verified.',
          });
  },
};
export default rule;
