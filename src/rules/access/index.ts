/**
 * ACCESS-001 / ACCESS-002: access that should be gone. Runs only when the config lists `revoked` users or keys.
 * Looks at authorized_keys files, Ansible `authorized_key` and `user` tasks (with literal loops), cloud-init
 * `#cloud-config` user data anywhere in YAML/JSON (CloudFormation UserData, Ansible vars), and any public key
 * written in a YAML value. A Jinja or `${}` value is unknown, never revoked. Loaded lazily by the engine.
 */
import type { IacFinding } from '../iac.js';
import type { RuleDoc } from '../../types.js';
import {
  isMap,
  isScalar,
  isSeq,
  isPair,
  nodePos,
  parseYamlAll,
  parseYaml,
  type LineCounter,
} from '../../parse/yaml.js';
import { publicKeys, revokedKey, revokedUser, type Revoked } from './keys.js';
import { access001, access002 } from './rules.js';
import { normaliseRepoPath } from '../../parse/repo-path.js';

export { access001, access002 };
export const accessRuleDocs = (): RuleDoc[] => [access001, access002];

const AUTH_KEYS = /(?:^|\/)authorized_keys2?$/;
const UNKNOWN = /\{\{|\{%|\$\{/;

/** A sudoers file (`/etc/sudoers`, `sudoers.d/NAME`, a `sudoers.j2` template). */
const SUDOERS_FILE = /(?:^|\/)sudoers(?:\.j2)?$|(?:^|\/)sudoers\.d\/[^/]+$/;
/** A task destination that is sudoers or authorized_keys on the host. */
const SUDOERS_DEST = /^\/etc\/sudoers(?:\.d\/[^/]+)?$/;
const AUTH_KEYS_DEST = /(?:^|\/)authorized_keys2?$/;

export function wantsAccess(path: string, content: string): boolean {
  if (AUTH_KEYS.test(path) || SUDOERS_FILE.test(path)) return true;
  return /authorized_key|cloud-config|ssh-(?:rsa|ed25519|dss)|ecdsa-sha2|\buser\s*:|sudoers/.test(content);
}

const FILE_LOOKUP = /lookup\(\s*['"](?:ansible\.builtin\.)?file['"]\s*,\s*['"]([^'"{}]+)['"]/g;

/** Where Ansible looks for a relative `src`/`lookup('file')` name: the role's files/ (or templates/), then beside
 * the task file, then the playbook folder's files/ and the folder itself. */
function searchPaths(file: string, name: string, kind: 'files' | 'templates'): string[] {
  if (!name || name.startsWith('/') || UNKNOWN.test(name)) return [];
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const role = /^(?:.*?\/)?roles\/[^/]+\//.exec(file)?.[0];
  const out = role ? [`${role}${kind}/${name}`, `${role}tasks/${name}`, `${role}${name}`] : [];
  out.push(`${dir}${kind}/${name}`, `${dir}${name}`);
  return [...new Set(out.map(normaliseRepoPath).filter((p): p is string => Boolean(p)))];
}

/** Repository files a file's tasks deploy (a key file read with lookup('file'), a copy/template src): read by the
 * engine from the scan's source, then given to `checkAccess`. */
export function accessRelated(file: string, content: string): string[] {
  const out: string[] = [];
  for (const m of content.matchAll(FILE_LOOKUP)) out.push(...searchPaths(file, m[1]!, 'files'));
  if (/authorized_keys|sudoers/.test(content))
    for (const m of content.matchAll(/^\s*(?:-\s+)?src:\s*['"]?([^'"\s{}#]+)['"]?\s*(?:#.*)?$/gm))
      out.push(...searchPaths(file, m[1]!, 'files'), ...searchPaths(file, m[1]!, 'templates'));
  return [...new Set(out)].slice(0, 32);
}

/** The first of `paths` that the scan could read. */
function firstRead(c: Ctx, paths: string[]): { path: string; text: string } | undefined {
  for (const p of paths) {
    const text = c.related.get(p);
    if (text !== undefined) return { path: p, text };
  }
  return undefined;
}

/** Lines of a sudoers text that grant something to a revoked user (directly, or through a User_Alias). */
export function sudoersGrants(text: string, r: Revoked): Array<{ line: number; user: string }> {
  const out: Array<{ line: number; user: string }> = [];
  const aliases = new Map<string, string[]>();
  const lines = text.split('\n');
  lines.forEach((raw) => {
    const m = /^\s*User_Alias\s+(.+)$/.exec(raw.replace(/(?<!\\)#.*$/, ''));
    if (m)
      for (const def of m[1]!.split(':')) {
        const d = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.+)$/.exec(def);
        if (d)
          aliases.set(
            d[1]!,
            d[2]!.split(',').map((x) => x.trim()),
          );
      }
  });
  lines.forEach((raw, i) => {
    const line = raw.replace(/(?<!\\)#.*$/, '').trim();
    if (!line || /^(?:Defaults|User_Alias|Runas_Alias|Host_Alias|Cmnd_Alias|@include|#include)/.test(line)) return;
    const m = /^([^\s=]+)\s+[^=]+=/.exec(line);
    if (!m) return;
    for (const who of m[1]!.split(',')) {
      const names = aliases.get(who) ?? [who];
      const hit = names.find((n) => !n.startsWith('%') && !n.startsWith('+') && revokedUser(n, r));
      if (hit) {
        out.push({ line: i + 1, user: hit });
        return;
      }
    }
  });
  return out;
}

interface Out {
  findings: IacFinding[];
  errors: Array<{ line?: number; message: string }>;
}

function finding(
  rule: RuleDoc,
  message: string,
  pos: { line: number; column: number; endLine: number; endColumn: number },
  scope: [number, number],
  path: string,
): IacFinding {
  return { ruleId: rule.id, severity: rule.severity, message, path, scope, ...pos };
}

/** authorized_keys: every key line whose key (fingerprint or comment) or owner (from /home/USER/) is revoked. */
function authorizedKeysFile(file: string, content: string, r: Revoked, out: Out): void {
  const owner = /(?:^|\/)(?:home|users)\/([^/]+)\//i.exec(file)?.[1];
  const ownerRevoked = owner !== undefined && revokedUser(owner, r);
  content.split('\n').forEach((line, i) => {
    for (const k of publicKeys(line)) {
      const why = revokedKey(k, r) ?? (ownerRevoked ? `file of revoked user ${owner}` : undefined);
      if (!why) continue;
      out.findings.push(
        finding(
          access001,
          `authorized_keys still grants SSH access: ${why}.`,
          { line: i + 1, column: k.start + 1, endLine: i + 1, endColumn: k.end + 1 },
          [i + 1, i + 1],
          `authorized_keys:${k.fingerprint}`,
        ),
      );
    }
  });
}

type Node = unknown;

function str(n: Node): string | undefined {
  return isScalar(n) && typeof n.value === 'string'
    ? n.value
    : isScalar(n) && typeof n.value === 'number'
      ? String(n.value)
      : undefined;
}

function get(map: Node, key: string | RegExp): { key: Node; value: Node } | undefined {
  if (!isMap(map)) return undefined;
  for (const p of map.items) {
    const k = str(p.key);
    if (k !== undefined && (typeof key === 'string' ? k === key : key.test(k))) return { key: p.key, value: p.value };
  }
  return undefined;
}

/** Free-form module arguments `user=bob key="ssh-ed25519 …" state=present` as a record. */
function freeForm(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/(\w+)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) out[m[1]!] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

const LOOP = /^(?:loop|with_items|with_list)$/;

/** Literal loop items of a task (strings or maps), or undefined when there is no literal loop. */
function loopItems(task: Node): Node[] | undefined {
  const l = get(task, LOOP);
  return l && isSeq(l.value) ? l.value.items : undefined;
}

/** `{{ item }}` / `{{ item.x }}` / `{{ item['x'] }}` resolved against one literal loop item; undefined = unknown. */
function resolveItem(v: string | undefined, item: Node): string | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*\{\{\s*item(?:\.(\w+)|\[['"](\w+)['"]\])?\s*\}\}\s*$/.exec(v);
  if (!m) return UNKNOWN.test(v) ? undefined : v;
  const field = m[1] ?? m[2];
  if (!field) return str(item);
  return str(get(item, field)?.value);
}

interface Ctx {
  lc: LineCounter;
  r: Revoked;
  out: Out;
  /** Lines already reported (one finding per line). */
  seen: Set<string>;
  /** Tasks and loop items that remove a key or user (state: absent): the fix, never a finding, not even as a key
   * that happens to appear in the file. */
  removed: Set<Node>;
  file: string;
  /** Texts of the files tasks deploy (see `accessRelated`); a missing one leaves the task unknown. */
  related: ReadonlyMap<string, string | undefined>;
}

function pos(n: Node, lc: LineCounter) {
  return nodePos(n, lc) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function report(
  c: Ctx,
  rule: RuleDoc,
  message: string,
  at: Node,
  scope: [number, number],
  path: string,
  lineOffset = 0,
): void {
  const p = pos(at, c.lc);
  const line = p.line + lineOffset;
  const key = `${rule.id}:${line}`;
  if (c.seen.has(key)) return;
  c.seen.add(key);
  c.out.findings.push(
    finding(
      rule,
      message,
      lineOffset ? { line, column: 1, endLine: line, endColumn: 1 } : p,
      [Math.min(scope[0], line), Math.max(scope[1], line)],
      path,
    ),
  );
}

/** Keys in a string value: the line offset of each within the node (block scalars start on the next line). */
function keysIn(c: Ctx, node: Node, text: string, scope: [number, number], path: string, what: string): void {
  const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
  for (const k of publicKeys(text)) {
    const why = revokedKey(k, c.r);
    if (!why) continue;
    // Lines map one to one only in a block scalar; a quoted value with \n escapes sits on its own line.
    const offset = block ? 1 + (text.slice(0, k.start).match(/\n/g)?.length ?? 0) : 0;
    report(c, access001, `${what} still grants SSH access: ${why}.`, node, scope, `${path}:${k.fingerprint}`, offset);
  }
}

/** `#cloud-config` user data: `users:` entries (name, ssh_authorized_keys) and top-level `ssh_authorized_keys`. */
function cloudInit(c: Ctx, node: Node, text: string, path: string): void {
  const p = pos(node, c.lc);
  const scope: [number, number] = [p.line, p.endLine];
  // A block scalar's lines (or a whole cloud-init file, node undefined) map one to one onto the file's lines; a quoted
  // value (JSON "#cloud-config\n…") is reported on its own line.
  const block =
    node === undefined || (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED'));
  const base = node === undefined ? 0 : 1;
  const at = (line0: number) => (block ? base + line0 : 0);
  let parsed;
  try {
    parsed = parseYaml(text);
  } catch {
    return;
  }
  const root = parsed.doc.contents;
  const lineOf = (n: Node) => (nodePos(n, parsed.lc)?.line ?? 1) - 1;
  const users = get(root, 'users')?.value;
  if (isSeq(users))
    for (const u of users.items) {
      const name = str(get(u, 'name')?.value) ?? (isScalar(u) ? str(u) : undefined);
      if (name && !UNKNOWN.test(name) && revokedUser(name, c.r))
        report(
          c,
          access001,
          `cloud-init user data creates revoked user ${name} with SSH access.`,
          node,
          scope,
          `${path}:cloud-init:user:${name}`,
          at(lineOf(u)),
        );
    }
  for (const k of publicKeys(text)) {
    const why = revokedKey(k, c.r);
    if (!why) continue;
    const offset = at(text.slice(0, k.start).match(/\n/g)?.length ?? 0);
    report(
      c,
      access001,
      `cloud-init user data still grants SSH access: ${why}.`,
      node,
      scope,
      `${path}:cloud-init:${k.fingerprint}`,
      offset,
    );
  }
}

const AUTH_KEY_MODULE = /^(?:ansible\.posix\.|community\.general\.)?authorized_key$/;
const USER_MODULE = /^(?:ansible\.builtin\.|ansible\.legacy\.)?user$/;

function taskScope(task: Node, lc: LineCounter): [number, number] {
  const p = pos(task, lc);
  return [p.line, p.endLine];
}

/** Module arguments as (key → node or string). */
function args(v: Node): { get: (k: string) => { node: Node; value: string | undefined } | undefined } {
  if (isMap(v))
    return {
      get: (k) => {
        const e = get(v, k);
        return e ? { node: e.value, value: str(e.value) } : undefined;
      },
    };
  const s = str(v);
  const ff = s ? freeForm(s) : {};
  return { get: (k) => (k in ff ? { node: v, value: ff[k] } : undefined) };
}

function absent(a: ReturnType<typeof args>): boolean {
  const s = a.get('state')?.value;
  return s === 'absent';
}

/** A loop item whose task state resolves to absent through it (`state: "{{ item.state }}"`). */
function absentItem(a: ReturnType<typeof args>, item: Node): boolean {
  return item !== undefined && resolveItem(a.get('state')?.value, item) === 'absent';
}

function authorizedKeyTask(c: Ctx, task: Node, mod: { key: Node; value: Node }, managesUsers: boolean): void {
  const a = args(mod.value);
  if (absent(a)) {
    c.removed.add(task);
    return;
  }
  const scope = taskScope(task, c.lc);
  const items = loopItems(task);
  const user = a.get('user');
  const key = a.get('key');
  const variants = items ?? [undefined];
  for (const item of variants) {
    if (absentItem(a, item)) {
      c.removed.add(item);
      continue;
    }
    const u =
      item === undefined
        ? user?.value && !UNKNOWN.test(user.value)
          ? user.value
          : undefined
        : resolveItem(user?.value, item);
    const at = item ?? user?.node ?? mod.key;
    if (u && revokedUser(u, c.r))
      report(
        c,
        access001,
        `authorized_key still installs SSH keys for revoked user ${u}.`,
        at,
        scope,
        `task:authorized_key:user:${u}`,
      );
    const k = item === undefined ? key?.value : resolveItem(key?.value, item);
    if (item === undefined && key?.value && UNKNOWN.test(key.value))
      for (const m of key.value.matchAll(FILE_LOOKUP)) deployedKeys(c, m[1]!, key.node, scope, 'authorized_key');
    if (k && !UNKNOWN.test(k)) {
      if (item === undefined && key && isScalar(key.node))
        keysIn(c, key.node, k, scope, 'task:authorized_key', 'authorized_key');
      else
        for (const pk of publicKeys(k)) {
          const why = revokedKey(pk, c.r);
          if (why)
            report(
              c,
              access001,
              `authorized_key still grants SSH access: ${why}.`,
              at,
              scope,
              `task:authorized_key:${pk.fingerprint}`,
            );
        }
    }
  }
  const excl = a.get('exclusive');
  const exclusive =
    excl?.value !== undefined
      ? /^(?:true|yes|on|1)$/i.test(excl.value)
      : isScalar(excl?.node) && excl?.node.value === true;
  if (managesUsers && !exclusive && !(excl?.value && UNKNOWN.test(excl.value)))
    report(
      c,
      access002,
      `authorized_key without exclusive: true in a play that manages the host's users: keys removed from the list stay on the host.`,
      excl?.node ?? mod.key,
      scope,
      `task:authorized_key:exclusive:${user?.value ?? ''}:${key?.value ?? ''}`,
    );
}

/** A key file a task deploys (`lookup('file', NAME)`, a copy `src`): each revoked key in it, reported at the task. */
function deployedKeys(c: Ctx, name: string, at: Node, scope: [number, number], what: string): void {
  const f = firstRead(c, searchPaths(c.file, name, 'files'));
  if (!f) return;
  for (const [i, line] of f.text.split('\n').entries())
    for (const pk of publicKeys(line)) {
      const why = revokedKey(pk, c.r);
      if (why)
        report(
          c,
          access001,
          `${what} deploys ${f.path} (line ${i + 1}), which still grants SSH access: ${why}.`,
          at,
          scope,
          `task:${what}:file:${pk.fingerprint}`,
        );
    }
}

const WRITE_MODULE =
  /^(?:ansible\.builtin\.|ansible\.legacy\.)?(copy|template|lineinfile|blockinfile)$|^community\.general\.(sudoers)$/;

/** A task that writes sudoers (lineinfile/blockinfile/copy/template into /etc/sudoers or /etc/sudoers.d/*, the
 * sudoers module) or authorized_keys (copy/template of a key file): a grant to a revoked user or key is reported. */
function writeTask(c: Ctx, task: Node, mod: { key: Node; value: Node }, module: string): void {
  if (!isMap(mod.value) && !str(mod.value)) return;
  const a = args(mod.value);
  if (absent(a)) {
    c.removed.add(task);
    return;
  }
  const scope = taskScope(task, c.lc);
  if (module === 'sudoers') {
    const user = a.get('user');
    if (user?.value && !UNKNOWN.test(user.value) && revokedUser(user.value, c.r))
      report(
        c,
        access001,
        `sudoers rule still grants sudo to revoked user ${user.value}.`,
        user.node,
        scope,
        `task:sudoers:${user.value}`,
      );
    return;
  }
  const dest = a.get('dest') ?? a.get('path');
  const to = dest?.value;
  if (!to || UNKNOWN.test(to)) return;
  if (SUDOERS_DEST.test(to)) {
    const texts: Array<{ text: string; at: Node; from?: string }> = [];
    for (const k of ['line', 'block', 'content']) {
      const v = a.get(k);
      if (v?.value && !UNKNOWN.test(v.value)) texts.push({ text: v.value, at: v.node });
    }
    const src = a.get('src');
    if (src?.value && (module === 'copy' || module === 'template')) {
      const f = firstRead(c, searchPaths(c.file, src.value, module === 'template' ? 'templates' : 'files'));
      if (f) texts.push({ text: f.text, at: src.node, from: f.path });
    }
    for (const t of texts)
      for (const g of sudoersGrants(t.text, c.r))
        report(
          c,
          access001,
          `${module} still grants sudo to revoked user ${g.user} in ${to}${t.from ? ` (${t.from} line ${g.line})` : ''}.`,
          t.at,
          scope,
          `task:sudo:${to}:${g.user}`,
        );
  } else if (AUTH_KEYS_DEST.test(to) && (module === 'copy' || module === 'template')) {
    const src = a.get('src');
    if (src?.value && !UNKNOWN.test(src.value)) deployedKeys(c, src.value, src.node, scope, module);
  }
}

function userTask(c: Ctx, task: Node, mod: { key: Node; value: Node }): void {
  if (!isMap(mod.value) && !str(mod.value)) return;
  const a = args(mod.value);
  if (absent(a)) {
    c.removed.add(task);
    return;
  }
  const scope = taskScope(task, c.lc);
  const name = a.get('name');
  const items = loopItems(task);
  for (const item of items ?? [undefined]) {
    if (absentItem(a, item)) {
      c.removed.add(item);
      continue;
    }
    const n =
      item === undefined
        ? name?.value && !UNKNOWN.test(name.value)
          ? name.value
          : undefined
        : resolveItem(name?.value, item);
    if (n && revokedUser(n, c.r))
      report(
        c,
        access001,
        `user task still creates the account of revoked user ${n}.`,
        item ?? name?.node ?? mod.key,
        scope,
        `task:user:${n}`,
      );
    if (item !== undefined && isMap(item)) {
      const k = str(get(item, /^(?:ssh_key|key|public_key|ssh_authorized_key)$/)?.value);
      if (k)
        for (const pk of publicKeys(k)) {
          const why = revokedKey(pk, c.r);
          if (why)
            report(
              c,
              access001,
              `user task still grants SSH access: ${why}.`,
              item,
              scope,
              `task:user:${pk.fingerprint}`,
            );
        }
    }
  }
}

/** Every task (a map with a module key) in a document, and whether the file manages a list of users. */
function visitTasks(root: Node, onTask: (task: Node, key: string, mod: { key: Node; value: Node }) => void): void {
  const walk = (n: Node, depth: number) => {
    if (depth > 200) return;
    if (isSeq(n)) for (const it of n.items) walk(it, depth + 1);
    else if (isMap(n)) {
      for (const p of n.items) {
        const k = str(p.key);
        if (k && (AUTH_KEY_MODULE.test(k) || USER_MODULE.test(k) || WRITE_MODULE.test(k)))
          onTask(n, k, { key: p.key, value: p.value });
        walk(p.value, depth + 1);
      }
    } else if (isPair(n)) walk(n.value, depth + 1);
  };
  walk(root, 0);
}

function walkScalars(root: Node, f: (n: Node, s: string) => void, skip: ReadonlySet<Node> = new Set()): void {
  const walk = (n: Node, depth: number) => {
    if (depth > 200 || skip.has(n)) return;
    if (isSeq(n)) for (const it of n.items) walk(it, depth + 1);
    else if (isMap(n)) for (const p of n.items) walk(p.value, depth + 1);
    else {
      const s = str(n);
      if (s !== undefined) f(n, s);
    }
  };
  walk(root, 0);
}

export function checkAccess(
  file: string,
  content: string,
  revoked: Revoked,
  related: ReadonlyMap<string, string | undefined> = new Map(),
): Out {
  const out: Out = { findings: [], errors: [] };
  if (!revoked.users.length && !revoked.keys.length) return out;
  if (AUTH_KEYS.test(file)) {
    authorizedKeysFile(file, content, revoked, out);
    return out;
  }
  if (SUDOERS_FILE.test(file) && !/\.ya?ml$/.test(file)) {
    for (const g of sudoersGrants(content, revoked))
      out.findings.push(
        finding(
          access001,
          `sudoers still grants sudo to revoked user ${g.user}.`,
          { line: g.line, column: 1, endLine: g.line, endColumn: 1 },
          [g.line, g.line],
          `sudoers:${g.user}`,
        ),
      );
    return out;
  }
  const parsed = parseYamlAll(content);
  if (parsed.errors.length) return out; // the IaC families report malformed files
  const c: Ctx = { lc: parsed.lc, r: revoked, out, seen: new Set(), removed: new Set(), file, related };
  // A cloud-init user-data file of its own (user-data.yaml, cloud-config.yaml).
  if (/^\s*#cloud-config\b/.test(content)) cloudInit(c, undefined, content, 'cloud-init-file');
  for (const doc of parsed.docs) {
    const root = doc.contents;
    let managesUsers = false;
    const tasks: Array<[Node, string, { key: Node; value: Node }]> = [];
    visitTasks(root, (task, key, mod) => {
      if (USER_MODULE.test(key) && (isMap(mod.value) || str(mod.value)) && loopItems(task)) managesUsers = true;
      tasks.push([task, key, mod]);
    });
    for (const [task, key, mod] of tasks) {
      const w = WRITE_MODULE.exec(key);
      if (w) writeTask(c, task, mod, w[1] ?? w[2]!);
      else if (AUTH_KEY_MODULE.test(key)) authorizedKeyTask(c, task, mod, managesUsers);
      else if (isMap(mod.value) || (str(mod.value) ?? '').includes('=')) userTask(c, task, mod);
    }
    walkScalars(
      root,
      (n, s) => {
        if (/^\s*#cloud-config\b/.test(s)) cloudInit(c, n, s, 'cloud-init');
        else if (/ssh-|ecdsa-sha2|sk-/.test(s))
          keysIn(c, n, s, [pos(n, c.lc).line, pos(n, c.lc).endLine], 'value', 'A public key in this file');
      },
      c.removed,
    );
  }
  return out;
}
