/**
 * Cheap content tests for Ansible file kinds: a few regular expressions, no YAML parsing and no imports beyond the
 * module names, because the pre-commit hot path (rules/ansible/detect.ts) runs them on every staged file. The parser
 * (parse/ansible.ts) makes the real decision with the same tests.
 */
import { isKnownModule } from './ansible-modules.js';

/** An INI inventory under any name (`production`, `staging.ini`): group sections and `ansible_*=` host variables. */
export function looksLikeIniInventory(base: string, text: string): boolean {
  if (!/^[^.]+$|\.ini$/i.test(base)) return false;
  return /^\[[\w.-]+(?::(?:vars|children))?\][ \t]*$/m.test(text) && /^[^#;\n[]*\bansible_\w+[ \t]*=/m.test(text);
}

/** Sections only ansible.cfg has; `[defaults]` alone also opens Mercurial's hgrc, so it needs an Ansible key. */
const CFG_SECTION =
  /^\[(?:privilege_escalation|paramiko_connection|ssh_connection|persistent_connection|galaxy|galaxy_server\.[\w.-]+|inventory_plugins?|selinux|colors|diff)\][ \t]*$/m;
const CFG_DEFAULTS_KEY =
  /^[ \t]*(?:inventory|remote_user|host_key_checking|roles_path|forks|vault_password_file|retry_files_enabled|gathering|callbacks_enabled|callback_whitelist|stdout_callback|private_key_file|collections_paths?|library|interpreter_python|allow_unsafe_lookups|ansible_managed|become|become_user|become_method|remote_port|log_path|timeout|nocows|deprecation_warnings|display_skipped_hosts|fact_caching|strategy)[ \t]*[=:]/m;

/** An ansible.cfg under any name (an `ANSIBLE_CONFIG` file): INI with Ansible's own sections or keys. */
export function looksLikeAnsibleCfg(base: string, text: string): boolean {
  if (base === 'ansible.cfg' || base === '.ansible.cfg') return true;
  if (!/^[^.]+$|\.(?:cfg|ini|conf)$/i.test(base)) return false;
  if (CFG_SECTION.test(text)) return true;
  return /^\[defaults\][ \t]*$/m.test(text) && CFG_DEFAULTS_KEY.test(text);
}

/** A dynamic inventory is a program (ec2.py, a shebang script), not an INI file. */
export function isProgram(base: string, text: string): boolean {
  return /\.(?:py|sh|rb|pl|js|ts|php|go|ps1|exe)$/i.test(base) || text.startsWith('#!');
}

/** Test material of a role or collection: molecule scenarios, `tests/` playbooks. Findings there are low. */
export const TEST_PATH = /(?:^|\/)(?:molecule|tests?)\//;

const KEY_LINE = /^[ \t]*(?:-[ \t]+)?([a-z][a-z0-9_]*(?:\.[a-z0-9_]+){0,2})[ \t]*:/gm;

/** A YAML text that opens with a sequence and names a known module as a key somewhere near the top. */
export function mayBeTaskList(text: string): boolean {
  const first = /^(?:[ \t]*(?:#[^\n]*)?\r?\n|---[^\n]*\n)*[ \t]*(\S)/.exec(text);
  if (first?.[1] !== '-') return false;
  KEY_LINE.lastIndex = 0;
  let n = 0;
  for (let m = KEY_LINE.exec(text); m && n < 400; m = KEY_LINE.exec(text), n++) if (isKnownModule(m[1]!)) return true;
  return false;
}

/** A YAML inventory: opens with a group name and has `hosts:`/`children:` mappings under it. */
export function mayBeYamlInventory(text: string): boolean {
  const first = /^(?:[ \t]*(?:#[^\n]*)?\r?\n|---[^\n]*\n)*([\w.-]+):[ \t]*(?:#[^\n]*)?\r?\n/.exec(text);
  return !!first && /^[ \t]+(?:hosts|children):[ \t]*(?:#[^\n]*)?\r?$/m.test(text);
}

/**
 * Files a role copies or templates onto hosts that say something about the host's security on their own: a yum
 * repository definition (`epel.repo`, `custom.repo.j2`) and an SSH client configuration template (`ssh_config.j2`,
 * `templates/ssh/config.j2`, a role's `files/ssh_config`). Lower-case paths (see scan/wants.ts).
 */
const REPO_FILE = /\.repo(?:\.j2|\.jinja2?)?$/;
const SSH_CONFIG_FILE = /(?:^|\/)(?:\.?ssh[_-]?config(?:\.d\/[^/]+)?|\.?ssh\/config(?:\.d\/[^/]+)?)$/;
const TEMPLATE_EXT = /\.(?:j2|jinja2?)$/;
const ROLE_FILES = /(?:^|\/)(?:files|templates)\//;

export function managedFileKind(lowerPath: string): 'repo' | 'ssh-config' | undefined {
  if (REPO_FILE.test(lowerPath)) return 'repo';
  const templated = TEMPLATE_EXT.test(lowerPath);
  if (!templated && !ROLE_FILES.test(lowerPath)) return undefined;
  return SSH_CONFIG_FILE.test(templated ? lowerPath.replace(TEMPLATE_EXT, '') : lowerPath) ? 'ssh-config' : undefined;
}
