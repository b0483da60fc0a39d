/**
 * Cheap test (no YAML parsing) by place and content: could this file be Ansible? Runs in the pre-commit hook for
 * every staged file, so it stays a handful of regular expressions (parse/ansible-sniff.ts, import-free but for the
 * module names); the family's `lint` makes the real decision (and answers `matched: false` for k8s manifests,
 * compose files, CI configs…).
 */
import {
  isProgram,
  looksLikeAnsibleCfg,
  looksLikeIniInventory,
  managedFileKind,
  mayBeTaskList,
  mayBeYamlInventory,
} from '../../parse/ansible-sniff.js';

export function looksLikeAnsible(path: string, content: string): boolean {
  const base = path.split('/').pop() ?? '';
  if (looksLikeAnsibleCfg(base, content)) return true;
  // A yum repository file or an SSH client config a role installs: read only when it holds what the rules look at.
  const managed = managedFileKind(path.toLowerCase());
  if (managed)
    return managed === 'repo' ? /gpgcheck/i.test(content) : /stricthostkeychecking|userknownhostsfile/i.test(content);
  if (/(?:^|\/)(?:group_vars|host_vars|inventory|inventories)\//.test(path)) return !isProgram(base, content);
  if (/^(?:hosts|inventory)(?:\.ini|\.ya?ml)?$/i.test(base)) return true;
  // An INI inventory under any name (`production`, `staging.ini`).
  if (/^[^.]+$|\.ini$/i.test(base)) return looksLikeIniInventory(base, content);
  if (!/\.ya?ml$/i.test(base)) return false;
  if (/^requirements\.ya?ml$/i.test(base)) return true;
  if (/(?:^|\/)(?:roles|playbooks|tasks|handlers|vars|defaults)\//.test(path)) return true;
  return (
    /^\s*-?\s*(?:hosts|import_playbook|tasks|become|ansible\.(?:builtin|legacy)\.[a-z_]+|include_tasks|import_tasks|ansible_(?:password|ssh_pass|become_pass(?:word)?|user|host))\s*:/m.test(
      content,
    ) ||
    mayBeTaskList(content) ||
    mayBeYamlInventory(content)
  );
}
