/**
 * Cheap test (no YAML parsing, no imports) by place and content: could this file be Ansible? Runs in the
 * pre-commit hook for every staged file, so it stays a handful of regular expressions; the family's `lint`
 * makes the real decision (and answers `matched: false` for k8s manifests, compose files…).
 */
export function looksLikeAnsible(path: string, content: string): boolean {
  const base = path.split('/').pop() ?? '';
  if (base === 'ansible.cfg' || base === '.ansible.cfg') return true;
  if (/(?:^|\/)(?:group_vars|host_vars|inventory|inventories)\//.test(path)) return true;
  if (/^(?:hosts|inventory)(?:\.ini|\.ya?ml)?$/i.test(base)) return true;
  // An INI inventory under any name (`production`, `staging.ini`): same test as parse/ansible.ts, kept import-free.
  if (/^[^.]+$|\.ini$/i.test(base))
    return (
      /^\[[\w.-]+(?::(?:vars|children))?\][ \t]*$/m.test(content) && /^[^#;\n[]*\bansible_\w+[ \t]*=/m.test(content)
    );
  if (!/\.ya?ml$/i.test(base)) return false;
  if (/^requirements\.ya?ml$/i.test(base)) return true;
  if (/(?:^|\/)(?:roles|playbooks|tasks|handlers|vars|defaults)\//.test(path)) return true;
  return /^\s*-?\s*(?:hosts|import_playbook|tasks|become|ansible\.(?:builtin|legacy)\.[a-z_]+|include_tasks|import_tasks|ansible_(?:password|ssh_pass|become_pass(?:word)?|user|host))\s*:/m.test(
    content,
  );
}
