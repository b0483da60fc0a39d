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
import { isPlaceholder, placeholderTier } from '../rules/secrets/validators.js';
import { isStoreReference } from '../rules/secrets/stores.js';
import { shannonEntropy } from '../rules/secrets/entropy.js';
import { flatten, type Entry } from './flatten.js';
import { envClass, globRegex, isProduction } from './roles.js';
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
  /** CloudFormation parameters declared `NoEcho: true` in the repository's templates: name → template path. */
  noEcho?: ReadonlyMap<string, string>;
}

export type CellState = 'same' | 'differs' | 'expected' | 'missing' | 'secret' | 'shared secret' | 'unknown';

export interface ParityCell {
  state: CellState;
  /** This environment holds the weaker value of a security setting (the one ENV-002 reports). */
  weaker?: boolean;
  /** The value, for settings that differ and are not secrets. */
  value?: string;
  /** CloudFormation findings this environment's value causes in the template the file belongs to (rule ids). */
  findings?: string[];
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
  /** Column → file. A column is the environment, or `prod (2)` when two files of the role are in one environment. */
  files: Record<string, string>;
  rows: ParityRow[];
}

export interface ParityTable {
  environments: string[];
  roles: ParityRole[];
}

export interface EnvHit {
  ruleId: 'ENV-001' | 'ENV-002' | 'ENV-003' | 'ENV-004' | 'ENV-005' | 'ATREST-003';
  /** A severity other than the rule's (ENV-002: high when production holds the weaker value). */
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  /** A fix naming this place (which environment is wrong), instead of the rule's general remediation. */
  remediation?: string;
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

/**
 * Security settings, matched against the end of the whole key path: segments joined with `.` (a YAML map, a JSON
 * object, a dotted `.properties` key are the same path), words inside a segment with `_` — a `_` in a pattern stands
 * for either, and `\\w*` never crosses a segment. So `server: ssl: enabled:`, `server.ssl.enabled=` and
 * `SERVER_SSL_ENABLED=` all end in `ssl.enabled`.
 */
const SECURITY_PATTERNS = [
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
  '(?:ssl|tls|https)_(?:enabled|only|required|enforced)',
  '(?:min_)?(?:ssl|tls)_(?:min_)?(?:version|protocols?)',
  'min_(?:ssl|tls)_(?:version|protocol)',
  '(?:ssl|tls)_(?:enabled_protocols|ciphers?|cipher_suites?|min_protocol_version)',
  'https_only',
  'secure_cookies?',
  'cookies?_(?:secure|http_?only|same_?site)',
  'session_cookie_secure',
  'http_?only',
  'csrf\\w*',
  'csrf_(?:enabled|protection|check\\w*)',
  'security_(?:enabled|disabled)',
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
  'auth_(?:enabled|disabled|mode|required|type)',
  'authentication\\w*',
  'authentication_(?:enabled|required|mode|type)',
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
];
const SECURITY_KEY = new RegExp(`(?:^|[._])(?:${SECURITY_PATTERNS.map((p) => p.replace(/_/g, '[_.]')).join('|')})$`);

/** The key path as the security patterns read it: `server.ssl.enabled`, `session.cookie_secure`. */
export function keyPath(segments: string[]): string {
  return segments
    .flatMap((s) => s.split('.'))
    .map(snake)
    .filter((s) => s && s !== '*')
    .join('.');
}

/** A setting whose value matters for security (TLS verification, debug, CIDRs, ports, auth, encryption…). */
export function isSecurityKey(segments: string[]): boolean {
  const path = keyPath(segments);
  if (SECURITY_KEY.test(path)) return true;
  // Log levels count where they are an audit log's.
  return /(?:^|[._])(?:log_?level|level)$/.test(path) && segments.some((s) => /audit/i.test(s));
}

/** Settings where `true` is the weaker value (debug on, verification skipped, public access). */
const WEAK_WHEN_TRUE =
  /(?:^|[._])(?:\w*insecure\w*|skip\w*verify\w*|debug(?:_mode)?|verbose|anonymous\w*|publicly_accessible|public_access\w*|\w*_disabled|disable_\w+|security_disabled|auth_disabled)$/;
const SSLMODE = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/**
 * How strong a security setting's value is, where values have an order (higher is stronger): booleans by the
 * setting's meaning (`validate_certs: false` and `debug: true` are weaker), sslmode, TLS/SSL versions, CIDRs and
 * host lists open to the world, minimum password lengths. Undefined where values are not ranked (ports, KMS keys).
 */
export function strength(segments: string[], value: string): number | undefined {
  const path = keyPath(segments);
  const v = value.trim();
  if (/(?:^|[._])ssl_?mode$/.test(path)) {
    const i = SSLMODE.indexOf(v.toLowerCase());
    return i === -1 ? undefined : i;
  }
  if (
    /(?:ssl|tls|protocol)[^.]*$|(?:ssl|tls)\.(?:min_)?(?:version|protocols?)$/.test(path) &&
    !TRUE.test(v) &&
    !FALSE.test(v)
  ) {
    // The lowest version a value admits: `TLSv1.2`, `1.0`, `TLS1_1`, `SSLv3`, `TLSv1.2,TLSv1.3`.
    const versions = [...v.matchAll(/(ssl|tls)?[ _-]?v?(\d)(?:[._](\d))?/gi)].map(
      (m) => (m[1]?.toLowerCase() === 'ssl' ? 0 : 10) + Number(m[2]) + Number(m[3] ?? 0) / 10,
    );
    return versions.length ? Math.min(...versions) : undefined;
  }
  if (
    /(?:^|[._])(?:allowed_hosts|allowed_(?:cidrs?|ips|origins)|cidrs?|cidr_blocks?|cidr_ip|source_ranges?|ip_(?:whitelist|allowlist)|trusted_proxies|cors_\w*origins?)$/.test(
      path,
    )
  )
    return /(?:^|[\s,'"[])(?:0\.0\.0\.0\/0|::\/0|\*)(?:$|[\s,'"\]])/.test(v) ? 0 : 1;
  if (/password_min_length$|min(?:imum)?_password_length$/.test(path)) return /^\d+$/.test(v) ? Number(v) : undefined;
  if (TRUE.test(v) || FALSE.test(v)) {
    if (/(?:^|[._])(?:port|ports|kms_key\w*|log_?level|level)$/.test(path)) return undefined;
    const on = TRUE.test(v);
    return WEAK_WHEN_TRUE.test(path) ? (on ? 0 : 1) : on ? 1 : 0;
  }
  return undefined;
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

/**
 * The credential inside a URL or connection string: the password of `scheme://user:pw@host`, or `Password=` /
 * `pwd=` of an ADO.NET/JDBC/ODBC string. Compared instead of the whole value (the hosts differ per environment).
 */
export function credentialPart(value: string): { value: string; start: number } | undefined {
  const url = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:([^\s@/]+)@/i.exec(value);
  if (url?.[1]) return { value: url[1], start: url.index + url[0].length - 1 - url[1].length };
  const kv = /(?:^|[;?&])\s*(?:password|pwd)\s*=\s*([^;&]+)/i.exec(value);
  if (kv?.[1]) {
    const v = kv[1].trim();
    if (v) return { value: v, start: kv.index + kv[0].length - kv[1].length };
  }
  return undefined;
}

/** A weak or default password (`changeme`, `password`, `admin`, `123456`…): real, and guessed first. */
export function isWeakPassword(value: string): boolean {
  return placeholderTier(value)?.tier === 'plausible';
}

/** Secrets of a file: entry → the value compared between environments (a URL's password, else the value). */
type Secrets = Map<Entry, string>;

/**
 * Values that are secrets: a secret rule finds them, the key is credential-named and the value a literal (in an
 * environment file a default like `changeme` is a real password: it counts whatever its entropy), or a URL or
 * connection string holds a literal password.
 */
function secretEntries(f: EnvFile, entries: Entry[], opts: CompareOptions, extra?: (e: Entry) => boolean): Secrets {
  const out: Secrets = new Map();
  const literal = (v: string) =>
    v.length >= 4 &&
    !unknowable(v) &&
    !TRUE.test(v) &&
    !FALSE.test(v) &&
    (placeholderTier(v) === undefined || isWeakPassword(v));
  let byLine: Map<number, Array<[number, number]>> | undefined;
  for (const e of entries) {
    if (e.kind !== 'string' || e.tag === '!vault' || opts.allow?.some((a) => a.test(e.value))) continue;
    const cred = e.value.includes('=') || e.value.includes('@') ? credentialPart(e.value) : undefined;
    if (cred) {
      if (literal(cred.value) && !opts.allow?.some((a) => a.test(cred.value))) out.set(e, `cred:${cred.value}`);
      continue;
    }
    // The detectors run (once per file) only when a value could be a token: long enough and random-looking. The
    // cheap tests come first: most values of a configuration file are neither.
    const credential = isCredentialKey(e.segments[e.segments.length - 1] ?? '') || extra?.(e) === true;
    if (!credential && (e.value.length < 12 || shannonEntropy(e.value) < 3)) continue;
    if (!literal(e.value)) continue;
    if (credential) {
      out.set(e, e.value);
      continue;
    }
    if (isPlaceholder(e.value)) continue;
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
    if (hits?.some(([s, en]) => s < e.endColumn && e.column < en)) out.set(e, e.value);
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

const ENV_ORDER = ['sandbox', 'dev', 'test', 'qa', 'staging', 'uat', 'preprod', 'prod'];
export function envSort(a: string, b: string): number {
  const rank = (e: string) => {
    const i = ENV_ORDER.indexOf(envClass(e.replace(/ \(\d+\)$/, '')));
    return i === -1 ? 99 : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Top-level keys of a CloudFormation template configuration file (`{"Parameters": {…}, "Tags": {…}}`). */
const TEMPLATE_CONFIG_KEYS = new Set(['Parameters', 'Tags', 'StackPolicy']);

/**
 * A CloudFormation parameter file: `[{ParameterKey, ParameterValue}]` (`--parameters file://`) or a template
 * configuration `{"Parameters": {…}}` (CodePipeline). Its entries are rewritten to the bare parameter names, so both
 * shapes compare alike.
 */
function parameterFile(f: EnvFile, entries: Entry[]): Entry[] | undefined {
  if (!/\.(?:json|ya?ml)$/i.test(f.path) || !entries.length) return undefined;
  if (/"?ParameterKey"?\s*:/.test(f.text) && entries.every((e) => e.segments.length === 1)) return entries;
  if (
    entries.every((e) => TEMPLATE_CONFIG_KEYS.has(e.segments[0]!)) &&
    entries.some((e) => e.segments[0] === 'Parameters' && e.segments.length === 2)
  )
    return entries
      .filter((e) => e.segments[0] === 'Parameters' && e.segments.length === 2)
      .map((e) => ({ ...e, segments: [e.segments[1]!], key: e.segments[1]! }));
  return undefined;
}

/** YAML inventories: host names are not part of a setting's path (`all.children.web.hosts.*.tls_verify`). */
function inventoryHostsOut(f: EnvFile, entries: Entry[]): Entry[] {
  if (!/(?:^|\/)(?:inventor(?:y|ies)|hosts)(?:[./]|$)|(?:^|\/)(?:hosts|inventory)[^/]*\.ya?ml$/i.test(f.path))
    return entries;
  return entries.map((e) => {
    const s = e.segments;
    const at = s.findIndex(
      (x, j) => x === 'hosts' && j >= 1 && j + 2 < s.length && (j === 1 || s[j - 2] === 'children'),
    );
    if (at === -1) return e;
    const segments = [...s.slice(0, at + 1), '*', ...s.slice(at + 2)];
    return { ...e, segments, key: segments.join('.') };
  });
}

/** A column of the parity table: a file of the role, labelled by its environment. */
interface Column {
  label: string;
  env: string;
  p: Parsed;
}

/** ENV-003: key `k` is set in the `present` columns and missing in the others. */
function missingKeyHits(k: string, present: string[], missing: string[], col: (label: string) => Column): EnvHit[] {
  const hits: EnvHit[] = [];
  for (const l of present) {
    const p = col(l).p;
    const en = p.entries.get(k)!;
    hits.push({
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
      message: `${k} is set in ${list(present)} but missing in ${list(missing)} (${missing.map((m) => col(m).p.f.path).join(', ')}).`,
    });
  }
  return hits;
}

/**
 * ENV-002: security setting `k` has different values in the `known` columns. With an order of strength (`weak`: the
 * columns below the strongest), the hits are on the weaker values, high in production; else on every value.
 */
function securityDriftHits(
  k: string,
  known: string[],
  weak: Set<string> | undefined,
  col: (label: string) => Column,
): EnvHit[] {
  const hits: EnvHit[] = [];
  const valueOf = (l: string) => col(l).p.entries.get(k)!.value.slice(0, 60);
  const shown = known.map((l) => `${l}=${valueOf(l)}`);
  const targets = weak ? [...weak] : known;
  const strong = weak ? known.filter((l) => !weak.has(l)) : [];
  for (const l of targets) {
    const p = col(l).p;
    const en = p.entries.get(k)!;
    const prod = isProduction(col(l).env);
    const hit = valueHit(
      'ENV-002',
      p.f,
      en,
      false,
      weak
        ? `Security setting ${k} is weaker in ${l} (${valueOf(l)}) than in ${list(strong.map((s) => `${s} (${valueOf(s)})`))}.`
        : `Security setting ${k} differs between environments: ${shown.join(', ')}.`,
    );
    if (weak) {
      hit.severity = prod ? 'high' : 'medium';
      hit.remediation = `${l} is the environment to fix: set ${k} in ${p.f.path} to ${valueOf(strong[0]!)}, as in ${list(strong)}. If ${l} must differ, list the key in environments.expectDifferent with the reason.`;
    }
    hits.push(hit);
  }
  return hits;
}

/** An environment file as the comparison reads it. */
interface Parsed {
  f: EnvFile;
  entries: Map<string, Entry>;
  secrets: Secrets;
  /** A CloudFormation parameter file. */
  params: boolean;
}

/**
 * An environment file's keys (one entry per key: of several, the weakest value of a security setting) and secret
 * values; undefined for a file encrypted whole (noted in `vaulted`) or one that cannot be read (said in `errors`).
 */
function parseEnvFile(
  f: EnvFile,
  opts: CompareOptions,
  vaulted: Map<string, EnvFile[]>,
  errors: CompareResult['errors'],
): Parsed | undefined {
  // A whole file encrypted with Ansible Vault cannot be compared (and holds nothing in plaintext).
  if (/^\uFEFF?\s*\$ANSIBLE_VAULT;/.test(f.text)) {
    vaulted.set(f.role, [...(vaulted.get(f.role) ?? []), f]);
    return undefined;
  }
  const flat = flatten(f.path, f.text);
  if (flat.errors.length && !flat.entries.length) {
    for (const e of flat.errors.slice(0, 1))
      errors.push({
        file: f.path,
        ...(e.line ? { line: e.line } : {}),
        ...(f.commit ? { commit: f.commit.sha } : {}),
        message: `environment file (${f.env}) cannot be compared: ${e.message}`,
      });
    return undefined;
  }
  const params = parameterFile(f, flat.entries);
  const list = params ?? inventoryHostsOut(f, flat.entries);
  const entries = new Map<string, Entry>();
  for (const e of list) {
    const had = entries.get(e.key);
    // One key from several places (per-host variables of an inventory): the weakest value of a security setting
    // stands for the file, so one host's `tls_verify: false` is not hidden behind another's `true`.
    if (!had) entries.set(e.key, e);
    else if (isSecurityKey(e.segments)) {
      const a = strength(had.segments, had.value);
      const b = strength(e.segments, e.value);
      if (a !== undefined && b !== undefined && b < a) entries.set(e.key, e);
    }
  }
  const noEcho = params && opts.noEcho;
  return {
    f,
    entries,
    params: params !== undefined,
    secrets: secretEntries(f, [...entries.values()], opts, noEcho ? (e) => noEcho.has(e.key) : undefined),
  };
}

/**
 * A piece of each secret value of `parsed` to look for in other files' text: its longest alphanumeric run (which
 * survives any quoting or escaping the value may have there); undefined when a value has no run long enough.
 */
function secretNeedles(parsed: Parsed[]): string[] | undefined {
  const needles: string[] = [];
  for (const p of parsed)
    for (const v of p.secrets.values()) {
      const run = v
        .replace(/^cred:/, '')
        .split(/[^A-Za-z0-9]+/)
        .reduce((a, b) => (b.length > a.length ? b : a), '');
      if (run.length < 4) return undefined;
      needles.push(run);
    }
  return needles;
}

/** ATREST-003: a file encrypted with Ansible Vault in other environments that is plaintext in this one. */
function plaintextTwinHits(parsed: Parsed[], vaulted: Map<string, EnvFile[]>): EnvHit[] {
  const hits: EnvHit[] = [];
  for (const p of parsed) {
    const twins = vaulted.get(p.f.role)?.filter((v) => v.env !== p.f.env);
    // (A vault file by name is checked on its own, by ATREST-003's name rule.)
    if (!twins?.length || isVaultName(p.f.path)) continue;
    let n = 0;
    for (const e of p.entries.values()) {
      if (n >= 50) break;
      if (e.kind === 'null' || e.kind === 'list' || !e.value || e.tag === '!vault' || unknowable(e.value)) continue;
      n++;
      hits.push(
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
  return hits;
}

/**
 * ENV-001: the same secret value in two or more environments (compared by a keyed hash with a key of this run, never
 * by value). Adds a hit to `hits` for each place (of a focus file, when there is a focus); returns every shared entry.
 */
function sharedSecrets(all: Parsed[], focus: CompareOptions['focus'], hits: EnvHit[]): Set<Entry> {
  const key = randomBytes(32);
  const hmac = (v: string) => createHmac('sha256', key).update(v).digest('base64');
  const byHash = new Map<string, Array<{ p: Parsed; e: Entry }>>();
  for (const p of all)
    for (const [e, v] of p.secrets) {
      const h = hmac(v);
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
      const what = p.secrets.get(e)!.startsWith('cred:') ? `The password inside ${e.key}` : `The secret in ${e.key}`;
      hits.push(
        valueHit(
          'ENV-001',
          p.f,
          e,
          true,
          `${what} (${p.f.env}) has the same value in ${list(envs.filter((x) => x !== p.f.env))}: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''}. Each environment needs its own.`,
        ),
      );
    }
  }
  return shared;
}

/** ENV-004 (a weak or default password in production) and ENV-005 (a plaintext secret in a parameter file). */
function weakAndPlaintextHits(parsed: Parsed[], opts: CompareOptions): EnvHit[] {
  const res = { hits: [] as EnvHit[] };
  for (const p of parsed) {
    // ENV-004: a weak or default password in production.
    if (isProduction(p.f.env))
      for (const [e, v] of p.secrets) {
        const value = v.replace(/^cred:/, '');
        if (!isWeakPassword(value)) continue;
        res.hits.push({
          ...valueHit(
            'ENV-004',
            p.f,
            e,
            true,
            `${e.key} in production (${p.f.env}) is a weak or default password${v.startsWith('cred:') ? ' (inside the URL)' : ''}: it is the first one an attacker tries.`,
          ),
        });
      }
    // ENV-005: a plaintext secret in a CloudFormation parameter file.
    if (p.params)
      for (const [e, v] of p.secrets) {
        if (v.startsWith('cred:')) continue;
        const tpl = opts.noEcho?.get(e.key);
        res.hits.push(
          valueHit(
            'ENV-005',
            p.f,
            e,
            true,
            `Parameter ${e.key} (${p.f.env}) is passed as plaintext in a CloudFormation parameter file${tpl ? ` (${tpl} declares it NoEcho)` : ''}: everyone who can read the repository has it.`,
          ),
        );
      }
  }
  return res.hits;
}

export function compareEnvironments(files: EnvFile[], opts: CompareOptions): CompareResult {
  const res: CompareResult = { hits: [], table: { environments: [], roles: [] }, errors: [] };
  const expectRes = (opts.expectDifferent ?? []).map((g) => globRegex(g, true));
  const userExpected = (e: Entry) => expectRes.some((r) => r.test(e.key));
  const parsed: Parsed[] = [];
  /** Roles whose file is encrypted whole with Ansible Vault in some environment: role → those files. */
  const vaulted = new Map<string, EnvFile[]>();
  const parse = (f: EnvFile) => parseEnvFile(f, opts, vaulted, res.errors);
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
    const needles = secretNeedles(parsed.filter((p) => focus(p.f.path)));
    for (const f of deferred)
      if (!needles || needles.some((n) => f.text.includes(n))) {
        const p = parse(f);
        if (p) others.push(p);
      }
  }

  // ATREST-003: the file is vaulted in other environments but plaintext in this one (its twin says what it holds).
  res.hits.push(...plaintextTwinHits(parsed, vaulted));

  // ENV-001: the same secret value in two or more environments, across every file of every role.
  const shared = sharedSecrets([...parsed, ...others], focus, res.hits);

  res.hits.push(...weakAndPlaintextHits(parsed, opts));

  // Roles: every file, one column per environment (`prod (2)` for a second file of the role in one environment).
  const roles = new Map<string, Column[]>();
  for (const p of parsed) {
    const cols = roles.get(p.f.role) ?? [];
    cols.push({ label: p.f.env, env: p.f.env, p });
    roles.set(p.f.role, cols);
  }
  const allEnvs = new Set<string>();
  for (const [role, unsorted] of [...roles].sort(([a], [b]) => a.localeCompare(b))) {
    const cols = unsorted.sort((a, b) => envSort(a.env, b.env) || a.p.f.path.localeCompare(b.p.f.path));
    if (new Set(cols.map((c) => c.env)).size < 2) continue;
    cols.forEach((c, i) => {
      const n = cols.slice(0, i).filter((x) => x.env === c.env).length;
      if (n) c.label = `${c.env} (${n + 1})`;
    });
    cols.forEach((c) => allEnvs.add(c.env));
    const labels = cols.map((c) => c.label);
    const col = (l: string) => cols.find((c) => c.label === l)!;
    const keys = new Set<string>();
    for (const c of cols) for (const k of c.p.entries.keys()) keys.add(k);
    const row: ParityRole = {
      role,
      files: Object.fromEntries(cols.map((c) => [c.label, c.p.f.path])),
      rows: [],
    };
    for (const k of [...keys].sort()) {
      const present = labels.filter((l) => col(l).p.entries.has(k));
      const missing = labels.filter((l) => !col(l).p.entries.has(k));
      const sample = col(present[0]!).p.entries.get(k)!;
      const security = isSecurityKey(sample.segments);
      const userSaid = userExpected(sample);
      // Security meaning wins over the built-in expected-different list; the user's list wins over both.
      const expected = userSaid || (!security && isExpectedDifferent(sample.segments));
      const cells: Record<string, ParityCell> = {};
      const anySecret = present.some((l) => col(l).p.secrets.has(col(l).p.entries.get(k)!));
      const credential = isCredentialKey(sample.segments[sample.segments.length - 1] ?? '');
      const values = new Map<string, string>();
      for (const l of present) {
        const en = col(l).p.entries.get(k)!;
        if (!unknowable(en.value)) values.set(l, normal(en));
      }
      const distinct = new Set(values.values());
      // Direction: where every known value has a rank, the environments below the strongest hold the weaker value.
      const ranks = new Map<string, number>();
      if (security && distinct.size > 1)
        for (const l of values.keys()) {
          const r = strength(sample.segments, col(l).p.entries.get(k)!.value);
          if (r !== undefined) ranks.set(l, r);
        }
      const ranked = ranks.size === values.size && ranks.size > 1;
      const best = ranked ? Math.max(...ranks.values()) : undefined;
      const weak = new Set(ranked ? [...ranks].filter(([, r]) => r < best!).map(([l]) => l) : []);
      for (const l of labels) {
        const p = col(l).p;
        const en = p.entries.get(k);
        if (!en) {
          cells[l] = { state: 'missing' };
          continue;
        }
        const base = { file: p.f.path, line: en.valueLine };
        if (p.secrets.has(en)) cells[l] = { ...base, state: shared.has(en) ? 'shared secret' : 'secret' };
        else if (!values.has(l)) cells[l] = { ...base, state: 'unknown' };
        else if (distinct.size <= 1) cells[l] = { ...base, state: 'same' };
        else
          cells[l] = {
            ...base,
            state: expected ? 'expected' : 'differs',
            ...(weak.has(l) && !userSaid ? { weaker: true } : {}),
            ...(!anySecret && !credential ? { value: en.value.slice(0, 80) } : {}),
          };
      }
      row.rows.push({ key: k, security, cells });

      // ENV-003: present in some environments, missing in others.
      if (missing.length && !expected) res.hits.push(...missingKeyHits(k, present, missing, col));

      // ENV-002: a security setting whose value differs — on the weaker value where values have an order.
      if (security && !anySecret && !credential && distinct.size > 1 && !userSaid)
        res.hits.push(...securityDriftHits(k, [...values.keys()], ranked ? weak : undefined, col));
    }
    res.table.roles.push(row);
  }
  res.table.environments = [...allEnvs].sort(envSort);
  if (focus) res.hits = res.hits.filter((h) => focus(h.file));
  return res;
}
