/**
 * Environment parity: files that play the same role in different environments, compared key by key.
 * - ENV-001: one secret value in two or more environments (compared by HMAC with a per-run random key, in memory).
 * - ENV-002: a security-relevant setting whose value differs between environments.
 * - ENV-003: a key present in some environments and missing in others.
 * Pure apart from node:crypto: texts in, hits and the parity table out. Values of secrets never leave this module.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { CommitInfo } from '../types.js';
import type { RuleSet } from '../rules/secrets/load.js';
import { detectSecrets } from '../rules/secrets/detect.js';
import { isPlaceholder } from '../rules/secrets/validators.js';
import { isStoreReference } from '../rules/secrets/stores.js';
import { shannonEntropy } from '../rules/secrets/entropy.js';
import { flatten, type Entry } from './flatten.js';
import { globRegex } from './roles.js';
import { ENV_WORDS, isVaultName } from './paths.js';

export interface EnvFile {
  path: string;
  env: string;
  role: string;
  text: string;
  /** Lines this change touched; undefined = every line is new (a scan of files on disk). */
  changed?: Array<[number, number]>;
  commit?: CommitInfo;
}

export interface CompareOptions {
  secrets: RuleSet;
  allow?: RegExp[];
  /** Globs of dotted keys expected to differ (config `environments.expectDifferent`). */
  expectDifferent?: string[];
  /**
   * Only findings on these files are wanted (a hook: the files the change touched). Files of other roles are then
   * parsed only when they could hold one of the focus files' secret values (a cheap substring test first), and the
   * table covers the focus files' roles. Findings on the focus files are the same as without it.
   */
  focus?: (path: string) => boolean;
}

export type CellState = 'same' | 'differs' | 'expected' | 'missing' | 'secret' | 'shared secret' | 'unknown';

export interface ParityCell {
  state: CellState;
  /** The value, for settings that differ and are not secrets. */
  value?: string;
  file?: string;
  line?: number;
}

export interface ParityRow {
  key: string;
  security: boolean;
  cells: Record<string, ParityCell>;
}

export interface ParityRole {
  role: string;
  files: Record<string, string>;
  rows: ParityRow[];
}

export interface ParityTable {
  environments: string[];
  roles: ParityRole[];
}

export interface EnvHit {
  ruleId: 'ENV-001' | 'ENV-002' | 'ENV-003' | 'ATREST-003';
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The dotted key, for fingerprints. */
  key: string;
  blocking: boolean;
  /** The value at [column, endColumn) on `line` is a secret: reports mask it. */
  secret: boolean;
  commit?: CommitInfo;
}

export interface CompareResult {
  hits: EnvHit[];
  table: ParityTable;
  errors: Array<{ file: string; line?: number; message: string; commit?: string }>;
}

/** `DbPassword`, `DB-PASSWORD`, `db.password` → `db_password`. */
export function snake(k: string): string {
  return k
    .replace(/\[\d+\]$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[-. ]+/g, '_')
    .toLowerCase();
}

const CRED_KEY =
  /(?:^|_)(?:pass|passwd|password|passphrase|pwd|secret|token|api_?key|apikey|private_?key|client_?secret|access_?key|secret_?key|auth_?key|credentials?|connection_?string|dsn|signing_?key|encryption_?key|master_?key)(?:$|_)/;
const NOT_SECRET_KEY =
  /_(?:id|name|names|file|path|dir|url|uri|arn|length|len|min|max|policy|ttl|expiry|expires|expiration|enabled|type|env|var|header|field|rotation|age|count|format|mode|user|username|lifetime|timeout|version|ref|reference|param|parameter|location)$/;

/** A credential-named key (password, secret, token, api_key…), not one that names or configures a credential. */
export function isCredentialKey(key: string): boolean {
  const k = snake(key);
  return CRED_KEY.test(k) && !NOT_SECRET_KEY.test(k);
}

const SECURITY_KEY = new RegExp(
  '(?:^|_)(?:' +
    [
      'validate_certs?',
      'verify(?:_(?:ssl|tls|certs?|peer|host|hostname))?',
      'ssl_verify\\w*',
      'tls_verify\\w*',
      '\\w*insecure\\w*',
      'skip_(?:tls_|ssl_)?verify\\w*',
      'ssl_?mode',
      'ssl',
      'tls',
      '(?:use|enable|require|force)_(?:ssl|tls|https)',
      '(?:ssl|tls|https)_(?:enabled|only|required)',
      'https_only',
      'secure_cookies?',
      'hsts\\w*',
      'debug(?:_mode)?',
      'verbose',
      'allowed_hosts',
      'allowed_(?:cidrs?|ips|origins)',
      'cidrs?',
      'cidr_blocks?',
      'cidr_ip',
      'source_ranges?',
      'ip_(?:whitelist|allowlist)',
      'trusted_proxies',
      'cors_\\w*origins?',
      'port',
      'ports',
      'auth',
      'auth_(?:enabled|mode|required|type)',
      'authentication\\w*',
      'require_auth\\w*',
      'anonymous\\w*',
      'login_required',
      'mfa\\w*',
      'encrypt',
      'encrypted',
      'encryption\\w*',
      'storage_encrypted',
      'kms_key\\w*',
      'password_(?:min_length|policy|complexity|max_age|reuse\\w*|require\\w*)',
      'min(?:imum)?_password_length',
      'host_key_checking',
      'strict_host_key_checking',
      'publicly_accessible',
      'public_access\\w*',
      'deletion_protection',
    ].join('|') +
    ')$',
);

/** A setting whose value matters for security (TLS verification, debug, CIDRs, ports, auth, encryption…). */
export function isSecurityKey(segments: string[]): boolean {
  const last = snake(segments[segments.length - 1] ?? '');
  if (SECURITY_KEY.test(last)) return true;
  // Log levels count where they are an audit log's.
  return /(?:^|_)(?:log_?level|level)$/.test(last) && segments.some((s) => /audit/i.test(s));
}

const EXPECTED =
  /(?:^|_)(?:hosts?|hostname|hostnames|fqdn|server|servers|url|urls|uri|endpoint|endpoints|address|addr|domain|domains|ip|ips|ansible_host|size|instance_type|instance_class|type|class|count|replicas|capacity|min_size|max_size|desired_capacity|name|names|id|ids|arn|region|regions|zone|zones|az|azs|tags?|description|version|image_tag|cluster|namespace|bucket|email|emails|environment|env|stage|profile|subnets?|subnet_ids?|vpc|vpc_id|account|account_id|memory|cpu|workers|threads|pool_size|heap\w*)$/;

/** Built-in keys expected to differ between environments (hostnames, URLs, sizes, counts, names…). */
export function isExpectedDifferent(segments: string[]): boolean {
  return EXPECTED.test(snake(segments[segments.length - 1] ?? ''));
}

/** A value hookguard cannot know (templated, a reference, a store) is never compared. */
function unknowable(v: string): boolean {
  return /\{\{|\{%|\$\{|^\$[A-Za-z_]|%\(|!Ref|!Sub|^arn:|resolve:/.test(v) || isStoreReference(v);
}

const TRUE = /^(?:true|yes|on|1|enabled?|y)$/i;
const FALSE = /^(?:false|no|off|0|disabled?|n)$/i;
const ENV_WORD_RE = new RegExp(`(?<![A-Za-z])(?:${Object.keys(ENV_WORDS).join('|')})(?![A-Za-z])`, 'gi');

/** Compare values by meaning: booleans by truth, environment names taken out (`/app/prod` = `/app/dev`). */
function normal(e: Entry): string {
  const v = e.value.trim();
  if (TRUE.test(v)) return 'true';
  if (FALSE.test(v)) return 'false';
  return v.replace(ENV_WORD_RE, '{env}');
}

/** Values that are secrets: a secret rule finds them, or the key is credential-named and the value a literal. */
function secretEntries(f: EnvFile, entries: Entry[], opts: CompareOptions): Set<Entry> {
  const out = new Set<Entry>();
  const literal = (e: Entry) =>
    e.kind === 'string' &&
    e.value.length >= 4 &&
    e.tag !== '!vault' &&
    !TRUE.test(e.value) &&
    !unknowable(e.value) &&
    !isPlaceholder(e.value) &&
    !TRUE.test(e.value) &&
    !FALSE.test(e.value);
  let byLine: Map<number, Array<[number, number]>> | undefined;
  for (const e of entries) {
    // The detectors run (once per file) only when a value could be a token: long enough and random-looking. The
    // cheap tests come first: most values of a configuration file are neither.
    const credential = isCredentialKey(e.segments[e.segments.length - 1] ?? '');
    if (!credential && (e.value.length < 12 || shannonEntropy(e.value) < 3)) continue;
    if (!literal(e) || opts.allow?.some((a) => a.test(e.value))) continue;
    if (credential) {
      out.add(e);
      continue;
    }
    if (!byLine) {
      byLine = new Map();
      const starts = [0];
      for (let i = f.text.indexOf('\n'); i !== -1; i = f.text.indexOf('\n', i + 1)) starts.push(i + 1);
      for (const h of detectSecrets(f.text, opts.secrets, opts.allow ?? [])) {
        if (h.allowedBy) continue;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= h.start) lo = mid;
          else hi = mid - 1;
        }
        const list = byLine.get(lo + 1) ?? [];
        list.push([h.start - starts[lo]! + 1, h.end - starts[lo]! + 1]);
        byLine.set(lo + 1, list);
      }
    }
    const hits = byLine.get(e.valueLine);
    if (hits?.some(([s, en]) => s < e.endColumn && e.column < en)) out.add(e);
  }
  return out;
}

/** A hit at an entry's value (blocking where the change touched it). */
function valueHit(ruleId: EnvHit['ruleId'], f: EnvFile, e: Entry, secret: boolean, message: string): EnvHit {
  return {
    ruleId,
    file: f.path,
    line: e.valueLine,
    column: e.column,
    endLine: e.endLine,
    endColumn: e.endColumn,
    key: e.key,
    secret,
    blocking: touches(f, e.valueLine),
    ...(f.commit ? { commit: f.commit } : {}),
    message,
  };
}

function touches(f: EnvFile, line: number): boolean {
  return !f.changed || f.changed.some(([s, e]) => s <= line && line <= e);
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const ENV_ORDER = ['dev', 'test', 'qa', 'staging', 'uat', 'preprod', 'prod'];
export function envSort(a: string, b: string): number {
  const ia = ENV_ORDER.indexOf(a);
  const ib = ENV_ORDER.indexOf(b);
  return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || a.localeCompare(b);
}

export function compareEnvironments(files: EnvFile[], opts: CompareOptions): CompareResult {
  const res: CompareResult = { hits: [], table: { environments: [], roles: [] }, errors: [] };
  const expectRes = (opts.expectDifferent ?? []).map((g) => globRegex(g, true));
  const expected = (e: Entry) => isExpectedDifferent(e.segments) || expectRes.some((r) => r.test(e.key));
  const userExpected = (e: Entry) => expectRes.some((r) => r.test(e.key));
  const key = randomBytes(32);
  const hmac = (v: string) => createHmac('sha256', key).update(v).digest('base64');

  interface Parsed {
    f: EnvFile;
    entries: Map<string, Entry>;
    secrets: Set<Entry>;
  }
  const parsed: Parsed[] = [];
  /** Roles whose file is encrypted whole with Ansible Vault in some environment: role → those files. */
  const vaulted = new Map<string, EnvFile[]>();
  const parse = (f: EnvFile): Parsed | undefined => {
    // A whole file encrypted with Ansible Vault cannot be compared (and holds nothing in plaintext).
    if (/^\uFEFF?\s*\$ANSIBLE_VAULT;/.test(f.text)) {
      vaulted.set(f.role, [...(vaulted.get(f.role) ?? []), f]);
      return undefined;
    }
    const flat = flatten(f.path, f.text);
    if (flat.errors.length && !flat.entries.length) {
      for (const e of flat.errors.slice(0, 1))
        res.errors.push({
          file: f.path,
          ...(e.line ? { line: e.line } : {}),
          ...(f.commit ? { commit: f.commit.sha } : {}),
          message: `environment file (${f.env}) cannot be compared: ${e.message}`,
        });
      return undefined;
    }
    const entries = new Map<string, Entry>();
    for (const e of flat.entries) if (!entries.has(e.key)) entries.set(e.key, e);
    return { f, entries, secrets: secretEntries(f, [...entries.values()], opts) };
  };
  const { focus } = opts;
  const focusRoles = focus && new Set(files.filter((f) => focus(f.path)).map((f) => f.role));
  const deferred: EnvFile[] = [];
  for (const f of files) {
    if (focusRoles && !focusRoles.has(f.role)) deferred.push(f);
    else {
      const p = parse(f);
      if (p) parsed.push(p);
    }
  }
  // Files of other roles matter only for ENV-001 on the focus files: parse those whose text holds a piece of one of
  // their secret values (the longest alphanumeric run survives any quoting or escaping the value may have there).
  const others: Parsed[] = [];
  if (focus && deferred.length) {
    const needles: string[] = [];
    let everything = false;
    for (const p of parsed)
      if (focus(p.f.path))
        for (const e of p.secrets) {
          const run = e.value.split(/[^A-Za-z0-9]+/).reduce((a, b) => (b.length > a.length ? b : a), '');
          if (run.length >= 4) needles.push(run);
          else everything = true;
        }
    for (const f of deferred)
      if (everything || needles.some((n) => f.text.includes(n))) {
        const p = parse(f);
        if (p) others.push(p);
      }
  }

  // ATREST-003: the file is vaulted in other environments but plaintext in this one (its twin says what it holds).
  for (const p of parsed) {
    const twins = vaulted.get(p.f.role)?.filter((v) => v.env !== p.f.env);
    // (A vault file by name is checked on its own, by ATREST-003's name rule.)
    if (!twins?.length || isVaultName(p.f.path)) continue;
    let n = 0;
    for (const e of p.entries.values()) {
      if (n >= 50) break;
      if (e.kind === 'null' || e.kind === 'list' || !e.value || e.tag === '!vault' || unknowable(e.value)) continue;
      n++;
      res.hits.push(
        valueHit(
          'ATREST-003',
          p.f,
          e,
          true,
          `${e.key} is stored in plaintext (${p.f.env}), but the same file is encrypted with Ansible Vault in ${list(twins.map((t) => `${t.env} (${t.path})`))}.`,
        ),
      );
    }
  }

  // ENV-001: the same secret value in two or more environments, across every file of every role.
  const byHash = new Map<string, Array<{ p: Parsed; e: Entry }>>();
  for (const p of [...parsed, ...others])
    for (const e of p.secrets) {
      const h = hmac(e.value);
      const l = byHash.get(h) ?? [];
      l.push({ p, e });
      byHash.set(h, l);
    }
  const shared = new Set<Entry>();
  for (const places of byHash.values()) {
    const envs = [...new Set(places.map((x) => x.p.f.env))].sort(envSort);
    if (envs.length < 2) continue;
    for (const { p, e } of places) {
      shared.add(e);
      if (focus && !focus(p.f.path)) continue;
      const others = places
        .filter((x) => x.p.f.env !== p.f.env)
        .sort((a, b) => envSort(a.p.f.env, b.p.f.env) || a.p.f.path.localeCompare(b.p.f.path))
        .map((x) => `${x.p.f.path}:${x.e.valueLine} (${x.p.f.env})`);
      res.hits.push(
        valueHit(
          'ENV-001',
          p.f,
          e,
          true,
          `The secret in ${e.key} (${p.f.env}) has the same value in ${list(envs.filter((x) => x !== p.f.env))}: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''}. Each environment needs its own.`,
        ),
      );
    }
  }

  // Roles: one file per environment (the first), compared key by key.
  const roles = new Map<string, Map<string, Parsed>>();
  for (const p of parsed) {
    const m = roles.get(p.f.role) ?? new Map<string, Parsed>();
    if (!m.has(p.f.env)) m.set(p.f.env, p);
    roles.set(p.f.role, m);
  }
  const allEnvs = new Set<string>();
  for (const [role, byEnv] of [...roles].sort(([a], [b]) => a.localeCompare(b))) {
    if (byEnv.size < 2) continue;
    const envs = [...byEnv.keys()].sort(envSort);
    envs.forEach((e) => allEnvs.add(e));
    const keys = new Set<string>();
    for (const p of byEnv.values()) for (const k of p.entries.keys()) keys.add(k);
    const row: ParityRole = {
      role,
      files: Object.fromEntries(envs.map((e) => [e, byEnv.get(e)!.f.path])),
      rows: [],
    };
    for (const k of [...keys].sort()) {
      const present = envs.filter((e) => byEnv.get(e)!.entries.has(k));
      const missing = envs.filter((e) => !byEnv.get(e)!.entries.has(k));
      const sample = byEnv.get(present[0]!)!.entries.get(k)!;
      const security = isSecurityKey(sample.segments);
      const cells: Record<string, ParityCell> = {};
      const anySecret = present.some((e) => byEnv.get(e)!.secrets.has(byEnv.get(e)!.entries.get(k)!));
      const credential = isCredentialKey(sample.segments[sample.segments.length - 1] ?? '');
      const values = new Map<string, string>();
      for (const e of present) {
        const en = byEnv.get(e)!.entries.get(k)!;
        if (!unknowable(en.value)) values.set(e, normal(en));
      }
      const distinct = new Set(values.values());
      for (const e of envs) {
        const p = byEnv.get(e)!;
        const en = p.entries.get(k);
        if (!en) {
          cells[e] = { state: 'missing' };
          continue;
        }
        const base = { file: p.f.path, line: en.valueLine };
        if (p.secrets.has(en)) cells[e] = { ...base, state: shared.has(en) ? 'shared secret' : 'secret' };
        else if (!values.has(e)) cells[e] = { ...base, state: 'unknown' };
        else if (distinct.size <= 1) cells[e] = { ...base, state: 'same' };
        else
          cells[e] = {
            ...base,
            state: expected(en) && !security ? 'expected' : 'differs',
            ...(!anySecret && !credential ? { value: en.value.slice(0, 80) } : {}),
          };
      }
      row.rows.push({ key: k, security, cells });

      // ENV-003: present in some environments, missing in others.
      if (missing.length && !expected(sample))
        for (const e of present) {
          const p = byEnv.get(e)!;
          const en = p.entries.get(k)!;
          res.hits.push({
            ruleId: 'ENV-003',
            file: p.f.path,
            line: en.line,
            column: 1,
            endLine: en.line,
            endColumn: 1,
            key: k,
            secret: false,
            blocking: touches(p.f, en.line),
            ...(p.f.commit ? { commit: p.f.commit } : {}),
            message: `${k} is set in ${list(present)} but missing in ${list(missing)} (${missing.map((m) => byEnv.get(m)!.f.path).join(', ')}).`,
          });
        }

      // ENV-002: a security setting whose value differs.
      if (security && !anySecret && !credential && distinct.size > 1 && !userExpected(sample)) {
        const shown = [...values.keys()].map((e) => `${e}=${byEnv.get(e)!.entries.get(k)!.value.slice(0, 60)}`);
        for (const e of values.keys()) {
          const p = byEnv.get(e)!;
          const en = p.entries.get(k)!;
          res.hits.push(
            valueHit(
              'ENV-002',
              p.f,
              en,
              false,
              `Security setting ${k} differs between environments: ${shown.join(', ')}.`,
            ),
          );
        }
      }
    }
    res.table.roles.push(row);
  }
  res.table.environments = [...allEnvs].sort(envSort);
  if (focus) res.hits = res.hits.filter((h) => focus(h.file));
  return res;
}
