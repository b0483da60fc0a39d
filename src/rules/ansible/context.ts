/**
 * What an Ansible rule sees: the modelled file (tasks, variables, ansible.cfg) and `report`, plus small helpers
 * shared by the rules (value reading, secret-looking names, file modes, URLs).
 */
import type { IacRuleMeta } from '../iac.js';
import type { Severity } from '../../types.js';
import { placeholderSecret } from '../../cloud/checks/secrets.js';
import {
  isJinja,
  isMap as isMapNode,
  isNode as isNodeValue,
  pairKey as pairKeyOf,
  plain as plainOf,
  locateIn,
  posOf,
  truthy,
  type AnsibleFile,
  type Arg,
  type Pos,
  type Task,
  type VarEntry,
} from '../../parse/ansible.js';

export { isJinja, truthy };
export type { Arg, Task, VarEntry, AnsibleFile, Pos };

export interface Report {
  at: Pos;
  scope: [number, number];
  path: string;
  message: string;
  secret?: boolean;
  why?: string;
  /** The risk in this context, when it differs from the rule's severity. */
  severity?: Severity;
  /** Other places the finding concerns (the port of a firewall rule); the task's first line is added by the family
   * when the finding is not on it. */
  related?: Array<{ at: Pos; message: string }>;
}

export interface AnsibleContext {
  file: AnsibleFile;
  /** Tasks (and handlers) whose module's short name is one of `modules` (FQCN and short names alike). */
  tasksFor(modules: readonly string[]): Task[];
  report(r: Report): void;
  pos(node: unknown): Pos;
  /** Position of `sub` inside an argument's value, when it can be found in the source. */
  locate(a: Arg, sub: string): Pos | undefined;
}

export interface AnsibleRule {
  meta: IacRuleMeta & { modules: string[] };
  check(ctx: AnsibleContext): void;
}

export function makeContext(file: AnsibleFile, onReport: (r: Report) => void): AnsibleContext {
  return {
    file,
    tasksFor: (modules) => file.tasks.filter((t) => modules.includes(t.short)),
    report: onReport,
    pos: (n) => posOf(file, n),
    locate: (a, sub) => locateIn(file, a.range, sub),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting helpers

export function argPath(t: Task, key: string): string {
  return `${t.path}.${t.module || 'task'}.${key}`;
}

/** Report at an argument's key, scoped to its task. */
export function atArg(ctx: AnsibleContext, t: Task, a: Arg, message: string, extra: Partial<Report> = {}): void {
  ctx.report({ at: a.keyPos, scope: t.scope, path: argPath(t, a.key), message, ...extra });
}

/** Report at the task (a required key is missing). */
export function atTask(ctx: AnsibleContext, t: Task, message: string, key = 'task'): void {
  ctx.report({ at: t.pos, scope: t.scope, path: argPath(t, key), message });
}

/** Report a plaintext secret: the value's range on the key's line, masked by reports. */
export function atSecretValue(
  ctx: AnsibleContext,
  a: Arg,
  scope: [number, number],
  path: string,
  message: string,
  severity?: Severity,
) {
  const v = a.valuePos;
  const single = v.line === v.endLine && v.line === a.keyPos.line;
  ctx.report({ at: single ? v : a.keyPos, scope, path, message, secret: single, ...(severity ? { severity } : {}) });
}

/**
 * A crypt(3) hash (`$6$…` SHA-512, `$5$…` SHA-256, `$y$…` yescrypt, `$2b$…` bcrypt, argon2…) is what the user
 * module's `password:` takes: not plaintext. `weak` for MD5-crypt (`$1$…`), which is cracked quickly offline;
 * `locked` for `!`/`*` markers.
 */
export function cryptHash(v: string): 'strong' | 'weak' | 'locked' | undefined {
  const s = v.trim();
  if (/^[!*]+\S*$/.test(s)) return 'locked';
  if (/^\$(?:1|md5)\$[^$\s]*\$[./0-9A-Za-z]{22}$/.test(s)) return 'weak';
  if (/^\$(?:2[abxy]?|5|6|7|y|gy|sha1|argon2(?:id|i|d)?)\$\S{8,}$/.test(s)) return 'strong';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

export function str(a: Arg | undefined): string | undefined {
  return a && typeof a.value === 'string' ? a.value : undefined;
}

/** A known string (not Jinja, not vaulted). */
export function known(a: Arg | undefined): string | undefined {
  const s = str(a);
  return s !== undefined && !a!.vault && !isJinja(s) ? s : undefined;
}

/** True when the argument is explicitly a false boolean (unknown → false). */
export function isFalse(a: Arg | undefined): boolean {
  return !!a && !isJinja(a.value) && truthy(a.value) === false;
}

export function isTrue(a: Arg | undefined): boolean {
  return !!a && !isJinja(a.value) && truthy(a.value) === true;
}

const SECRET_NAME =
  /(?:^|_)(?:pass|password|passwd|passphrase|pwd|secret|token|api_?key|apikey|secret_?key|private_?key|token_?key|client_secret|auth_?key|credentials?)$/i;
/** Names with a credential word that hold no secret: etcd's initial cluster token names the cluster (etcd docs). */
const NOT_SECRET_NAME =
  /(?:^|_)(?:update_password|password_lock|no_log|token_type|pass_through)$|(?:^|_)initial_cluster_token$/i;

/** SECRET_NAME's words, spelled out: an ASCII name is matched by `endsWith`, without compiling the regex. */
const SECRET_WORDS = [
  'pass',
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'api_key',
  'apikey',
  'secret_key',
  'secretkey',
  'private_key',
  'privatekey',
  'token_key',
  'tokenkey',
  'client_secret',
  'auth_key',
  'authkey',
  'credential',
  'credentials',
];
const ASCII = /^[\x00-\x7f]*$/;

/** SECRET_NAME.test(name): for an ASCII name (lower-cased, ASCII letters are what the i flag folds) by its words. */
function secretWordAtEnd(name: string): boolean {
  if (!ASCII.test(name)) return SECRET_NAME.test(name);
  const l = name.toLowerCase();
  return SECRET_WORDS.some(
    (w) => l.endsWith(w) && (l.length === w.length || l.charCodeAt(l.length - w.length - 1) === 95),
  );
}

/** A variable/argument name that holds a secret (`db_password`, `api_token`, `aws_secret_key`). */
export function isSecretName(name: string): boolean {
  return secretWordAtEnd(name) && !NOT_SECRET_NAME.test(name);
}

/**
 * Stand-ins for a value the user must supply: `changeme` and its spellings (`changeme-not-used`, `CHANGE_ME_PLEASE`),
 * `not-used`, `must-be-set`, `undefined`… A role that ships one of these as a default means "override me" (many
 * refuse to run with it); it is not a password anyone deploys.
 */
const PLACEHOLDER =
  /^(?:change[-_ ]?me(?:[-_ ][\w -]*)?|please[-_ ]?change[\w -]*|replace[-_ ]?me[\w -]*|set[-_ ]?me|fill[-_ ]?me[-_ ]?in|fixme|todo|tbd|x{3,}|\*+|<[^>]*>|\$\{[^}]*\}|redacted|none|null|~|undefined|unset|not[-_ ]?(?:used|set|configured)|unused|required|must[-_ ]be[-_ ](?:set|changed|overridden|defined)|override[-_ ]?me|__[\w]+__)$/i;

/** A value that is a literal secret: a non-empty string that is not Jinja, not vaulted, not a placeholder. */
export function plaintextSecret(a: Arg | undefined): string | undefined {
  if (!a || a.vault) return undefined;
  const v = typeof a.value === 'number' ? String(a.value) : a.value;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!s || isJinja(s) || s.startsWith('$ANSIBLE_VAULT') || PLACEHOLDER.test(s)) return undefined;
  // A type name where the value belongs (`secret: String`, a skeleton copied from the docs) holds nothing.
  if (placeholderSecret(s) === 'type-name') return undefined;
  return s;
}

/** Jinja expression that mentions a variable (any name, or a secret-looking one). */
export function jinjaVars(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/\{\{([\s\S]*?)\}\}/g))
    for (const id of m[1]!.matchAll(/[A-Za-z_][\w]*/g)) out.push(id[0]);
  return out;
}

export function mentionsSecretVar(s: string): boolean {
  return jinjaVars(s).some((v) => isSecretName(v) || /^vault_/.test(v));
}

export const COMMAND_MODULES = ['command', 'shell', 'raw', 'script', 'win_shell', 'win_command', 'expect'];

/** The command line of a command-like task (free-form, `cmd:`, or `argv:` joined). */
export function commandOf(t: Task): { text: string; arg: Arg } | undefined {
  if (!COMMAND_MODULES.includes(t.short)) return undefined;
  if (t.freeForm && typeof t.freeForm.value === 'string') return { text: t.freeForm.value, arg: t.freeForm };
  const cmd = t.args.get('cmd') ?? t.args.get('command');
  if (cmd && typeof cmd.value === 'string') return { text: cmd.value, arg: cmd };
  const argv = t.args.get('argv');
  if (argv && Array.isArray(argv.value)) return { text: argv.value.map(String).join(' '), arg: argv };
  return undefined;
}

/** Every string inside a value (recursively), for scanning nested structures. */
export function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// File modes

export type Mode =
  | { kind: 'octal'; bits: number }
  | { kind: 'symbolic'; text: string }
  | { kind: 'decimal'; bits: number; written: number };

/**
 * How Ansible reads `mode:`: a YAML 1.1 int with a leading zero (`0777`) is octal; a plain int without one (`777`)
 * is decimal — almost never what was meant (`risky-octal`); a string is octal digits or symbolic.
 */
export function modeOf(file: AnsibleFile, a: Arg | undefined): Mode | undefined {
  if (!a || a.vault || isJinja(a.value)) return undefined;
  const raw = a.range ? file.text.slice(a.range[0], a.range[1]).trim() : String(a.value);
  const quoted = /^["']/.test(raw);
  if (typeof a.value === 'number' && !quoted) {
    if (/^0o?[0-7]+$/i.test(raw)) return { kind: 'octal', bits: parseInt(raw.replace(/^0o?/i, '') || '0', 8) };
    if (/^\d+$/.test(raw)) return { kind: 'decimal', bits: a.value & 0o7777, written: a.value };
    return undefined;
  }
  if (typeof a.value !== 'string') return undefined;
  const s = a.value.trim();
  if (/^(?:0o?)?[0-7]{1,4}$/i.test(s)) return { kind: 'octal', bits: parseInt(s.replace(/^0o/i, ''), 8) };
  if (/^[ugoa]*[-+=][rwxXstugo]*(?:,[ugoa]*[-+=][rwxXstugo]*)*$/.test(s)) return { kind: 'symbolic', text: s };
  return undefined;
}

/** Whether a symbolic mode grants `perm` (r/w/x/s) to `who` (u/g/o). */
export function symbolicGrants(text: string, who: 'u' | 'g' | 'o', perm: string): boolean {
  let granted = false;
  for (const clause of text.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXstugo]*)$/.exec(clause);
    if (!m) continue;
    const whos = m[1] || 'a';
    if (!whos.includes(who) && !whos.includes('a')) continue;
    if (m[2] === '-') {
      if (m[3]!.includes(perm)) granted = false;
    } else if (m[2] === '=') granted = m[3]!.includes(perm);
    else if (m[3]!.includes(perm)) granted = true;
  }
  return granted;
}

// ---------------------------------------------------------------------------------------------------------------
// URLs

/** Hosts that are the machine itself or obviously inside the organisation. */
export function internalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h.endsWith('.localhost')) return true;
  if (/^127\./.test(h) || /^10\./.test(h) || /^192\.168\./.test(h) || /^172\.(?:1[6-9]|2\d|3[01])\./.test(h))
    return true;
  if (/\.(?:local|internal|intranet|corp|lan|home\.arpa|svc|cluster\.local)$/.test(h)) return true;
  return !h.includes('.') && !h.includes(':');
}

export function urlHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url.trim());
  return m?.[1];
}

export { isMap, isSeq, isScalar, mapGet, pairKey, plain } from '../../parse/ansible.js';
export type { Pair } from '../../parse/ansible.js';

/** The pairs of a mapping value as arguments (for nested structures such as `environment:` or `rules:` items). */
export function pairsOf(ctx: AnsibleContext, n: unknown): Arg[] {
  if (!isMapNode(n)) return [];
  const out: Arg[] = [];
  for (const p of n.items) {
    const key = pairKeyOf(p);
    if (key === undefined) continue;
    const v = p.value as { range?: [number, number, number]; tag?: string } | null;
    out.push({
      key,
      keyPos: ctx.pos(p.key),
      valuePos: v ? ctx.pos(v) : ctx.pos(p.key),
      ...(v && isNodeValue(v) ? { node: v } : {}),
      value: plainOf(v),
      ...(v?.range ? { range: [v.range[0], v.range[1]] as [number, number] } : {}),
      vault: v?.tag === '!vault',
    });
  }
  return out;
}
