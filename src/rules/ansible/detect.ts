/** Cheap test (no YAML parsing) by place and content: could this file be Ansible? */
export function looksLikeAnsible(path: string, content: string): boolean {
  const base = path.split('/').pop() ?? '';
  if (base === 'ansible.cfg' || base === '.ansible.cfg') return true;
  if (/(?:^|\/)(?:group_vars|host_vars|inventory|inventories)\//.test(path)) return true;
  if (/^(?:hosts|inventory)(?:\.ini|\.ya?ml)?$/i.test(base)) return true;
  if (!/\.ya?ml$/i.test(base)) return false;
  if (/(?:^|\/)(?:roles|playbooks|tasks|handlers|vars|defaults)\//.test(path)) return true;
  return /^\s*-?\s*(?:hosts|import_playbook|tasks|become|ansible\.builtin\.[a-z_]+|include_tasks|import_tasks)\s*:/m.test(
    content,
  );
}
