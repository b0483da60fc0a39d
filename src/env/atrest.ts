/**
 * Secrets at rest: encryption a repository declares, checked against what is actually stored.
 * - ATREST-001 (gitattributes.ts): a git-crypt path stored in plaintext.
 * - ATREST-002: a file governed by a `.sops.yaml` creation rule (path_regex), or carrying SOPS metadata, holds values
 *   that are not `ENC[…]` where the rules say they must be encrypted (encrypted_regex, unencrypted_regex,
 *   encrypted_suffix, unencrypted_suffix honoured).
 * - ATREST-003: an Ansible Vault file by name or place without the `$ANSIBLE_VAULT` header, holding plaintext values.
 * Pure: texts in, findings out.
 */
import { parseYaml, isMap, isSeq, isScalar } from '../parse/yaml.js';
import { flatten, formatOf, type Entry } from './flatten.js';
import { isVaultName, hasSopsMetadata } from './paths.js';
import { isStoreReference } from '../rules/secrets/stores.js';

// ---------------------------------------------------------------------------------------------------------------
// SOPS

export interface SopsRule {
  index: number;
  pathRegex?: RegExp;
  pathRegexSource?: string;
  encryptedRegex?: RegExp;
  unencryptedRegex?: RegExp;
  encryptedSuffix?: string;
  unencryptedSuffix?: string;
}

export interface SopsConfig {
  /** The folder of this `.sops.yaml` ('' at the root, else 'a/b/'): it governs files below it. */
  dir: string;
  rules: SopsRule[];
  errors: Array<{ line?: number; message: string }>;
}

function safeRegex(s: unknown): RegExp | undefined {
  if (typeof s !== 'string') return undefined;
  try {
    return new RegExp(s);
  } catch {
    return undefined;
  }
}

/**
 * Read `.sops.yaml` creation rules (`dir`: the folder the file is in). Rules without `path_regex` govern nothing by
 * path (they only pick keys).
 */
export function parseSopsConfig(text: string, dir = ''): SopsConfig {
  const out: SopsConfig = { dir, rules: [], errors: [] };
  const { doc, lc, errors } = parseYaml(text);
  if (errors.length) {
    out.errors.push(...errors.slice(0, 3));
    return out;
  }
  const root = doc.contents;
  if (!isMap(root)) return out;
  const cr = root.items.find((p) => isScalar(p.key) && p.key.value === 'creation_rules')?.value;
  if (!isSeq(cr)) return out;
  cr.items.forEach((item, index) => {
    if (!isMap(item)) return;
    const get = (k: string) => {
      const v = item.items.find((p) => isScalar(p.key) && p.key.value === k)?.value;
      return isScalar(v) ? v.value : undefined;
    };
    const rule: SopsRule = { index: index + 1 };
    const pr = get('path_regex');
    if (typeof pr === 'string') {
      const re = safeRegex(pr);
      if (!re) {
        out.errors.push({
          line: item.range ? lc.linePos(item.range[0]).line : undefined,
          message: `creation rule ${index + 1}: path_regex does not compile`,
        });
        return;
      }
      rule.pathRegex = re;
      rule.pathRegexSource = pr;
    }
    const er = safeRegex(get('encrypted_regex'));
    if (er) rule.encryptedRegex = er;
    const ur = safeRegex(get('unencrypted_regex'));
    if (ur) rule.unencryptedRegex = ur;
    const es = get('encrypted_suffix');
    if (typeof es === 'string') rule.encryptedSuffix = es;
    const us = get('unencrypted_suffix');
    if (typeof us === 'string') rule.unencryptedSuffix = us;
    out.rules.push(rule);
  });
  return out;
}

/**
 * The creation rule governing a file (first rule whose path_regex matches, as sops picks it). sops matches path_regex
 * against the path it is given, usually from the folder of the `.sops.yaml` it found: a nested config's rules are
 * tried on the path below its folder and on the path from the repository root.
 */
export function sopsRuleFor(cfg: SopsConfig | undefined, path: string): SopsRule | undefined {
  if (!cfg || /(?:^|\/)\.sops\.ya?ml$/.test(path) || !path.startsWith(cfg.dir)) return undefined;
  const rel = path.slice(cfg.dir.length);
  for (const r of cfg.rules) if (r.pathRegex && (r.pathRegex.test(rel) || r.pathRegex.test(path))) return r;
  return undefined;
}

const ENC = /^ENC\[[A-Za-z0-9_]+,data:[^\]]*\]$/;

/** Whether the value under these key segments must be encrypted, by sops' rules (first deciding key wins). */
function mustEncrypt(segments: string[], r: Omit<SopsRule, 'index'>): boolean {
  const unSuffix =
    r.unencryptedSuffix ?? (r.encryptedSuffix || r.encryptedRegex || r.unencryptedRegex ? undefined : '_unencrypted');
  for (const raw of segments) {
    const k = raw.replace(/\[\d+\]$/, '');
    if (unSuffix && k.endsWith(unSuffix)) return false;
    if (r.unencryptedRegex?.test(k)) return false;
    if (r.encryptedSuffix && k.endsWith(r.encryptedSuffix)) return true;
    if (r.encryptedRegex?.test(k)) return true;
  }
  return !(r.encryptedSuffix || r.encryptedRegex);
}

/** Key-selection settings stored in a file's own SOPS metadata. */
function metadataRule(entries: Entry[]): Omit<SopsRule, 'index'> {
  const r: Omit<SopsRule, 'index'> = {};
  for (const e of entries) {
    const [first, second] = e.segments;
    const k = first === 'sops' ? second : first?.startsWith('sops_') ? first.slice(5) : undefined;
    if (!k || (first === 'sops' && e.segments.length !== 2)) continue;
    if (k === 'encrypted_regex') r.encryptedRegex = safeRegex(e.value);
    else if (k === 'unencrypted_regex') r.unencryptedRegex = safeRegex(e.value);
    else if (k === 'encrypted_suffix') r.encryptedSuffix = e.value;
    else if (k === 'unencrypted_suffix') r.unencryptedSuffix = e.value;
  }
  for (const k of Object.keys(r) as Array<keyof typeof r>) if (r[k] === undefined) delete r[k];
  return r;
}

export interface AtRestHit {
  ruleId: 'ATREST-002' | 'ATREST-003';
  entry?: Entry;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** Stable logical location (key path), for fingerprints. */
  path: string;
}

const MAX_HITS = 50;

function isPlainValue(e: Entry): boolean {
  if (e.kind === 'null' || (e.kind === 'string' && e.value === '')) return false;
  if (e.tag === '!vault' || e.tag?.endsWith(':vault')) return false;
  if (e.kind === 'string' && (isStoreReference(e.value) || ENC.test(e.value))) return false;
  return true;
}

/** ATREST-002 over one file's text. */
export function checkSops(
  path: string,
  text: string,
  cfg: SopsConfig | undefined,
): { hits: AtRestHit[]; errors: Array<{ line?: number; message: string }> } {
  const governing = sopsRuleFor(cfg, path);
  const meta = hasSopsMetadata(text);
  if (!governing && !meta) return { hits: [], errors: [] };
  const format = formatOf(path, text) ?? (text.trimStart().startsWith('{') ? 'json' : 'yaml');
  if (format === 'inventory') return { hits: [], errors: [] };
  const flat = flatten(path, text, format);
  if (flat.errors.length && !flat.entries.length && governing)
    return { hits: [], errors: flat.errors.map((e) => ({ ...e, message: `SOPS file cannot be read: ${e.message}` })) };
  const isMeta = (e: Entry) => e.segments[0] === 'sops' || (format === 'dotenv' && e.key.startsWith('sops_'));
  const rule = meta ? { ...(governing ?? {}), ...metadataRule(flat.entries.filter(isMeta)) } : governing!;
  const why = meta
    ? 'the file carries SOPS metadata'
    : `${cfg!.dir}.sops.yaml creation rule ${governing!.index} (path_regex ${governing!.pathRegexSource}) covers it`;
  const hits: AtRestHit[] = [];
  for (const e of flat.entries) {
    if (hits.length >= MAX_HITS) break;
    if (isMeta(e) || !mustEncrypt(e.segments, rule) || !isPlainValue(e)) continue;
    if (e.kind === 'list' && e.value.split(', ').every((v) => ENC.test(v) || v === '')) continue;
    hits.push({
      ruleId: 'ATREST-002',
      entry: e,
      line: e.valueLine,
      column: e.column,
      endLine: e.endLine,
      endColumn: e.endColumn,
      path: e.key,
      message: `${e.key} is stored in plaintext, but ${why} and its rules say this value must be encrypted (ENC[…]).`,
    });
  }
  return { hits, errors: [] };
}

/** ATREST-003 over one file's text. */
export function checkVault(
  path: string,
  text: string,
): { hits: AtRestHit[]; errors: Array<{ line?: number; message: string }> } {
  if (!isVaultName(path)) return { hits: [], errors: [] };
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body || body.startsWith('$ANSIBLE_VAULT;')) return { hits: [], errors: [] };
  const flat = flatten(path, text, 'yaml');
  // `vault.yml` outside Ansible's places must look like Ansible variables (not a HashiCorp Vault or Helm config).
  const strictName = /(?:^|\/)(?:group_vars|host_vars|vars)\//.test(path) || /\.vault(?:\.ya?ml)?$/i.test(path);
  if (!strictName) {
    const { doc } = parseYaml(text);
    const root = doc.contents;
    if (!isMap(root)) return { hits: [], errors: [] };
    const keys = root.items.map((p) => (isScalar(p.key) ? String(p.key.value as string) : ''));
    const varsLike = keys.every((k) => /^[a-z_][a-z0-9_]*$/.test(k));
    const foreign = keys.some((k) =>
      /^(?:apiVersion|kind|services|storage|listener|server|injector|global|ui|api_addr)$/.test(k),
    );
    if (!varsLike || foreign) return { hits: [], errors: [] };
  }
  if (flat.errors.length && !flat.entries.length)
    return {
      hits: [
        {
          ruleId: 'ATREST-003',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 2,
          path: '',
          message: `${path} is an Ansible Vault file by name, but it does not start with the $ANSIBLE_VAULT header (and is not valid YAML).`,
        },
      ],
      errors: [],
    };
  const hits: AtRestHit[] = [];
  for (const e of flat.entries) {
    if (hits.length >= MAX_HITS) break;
    if (!isPlainValue(e) || (e.kind === 'string' && /\{\{|\{%/.test(e.value))) continue;
    hits.push({
      ruleId: 'ATREST-003',
      entry: e,
      line: e.valueLine,
      column: e.column,
      endLine: e.endLine,
      endColumn: e.endColumn,
      path: e.key,
      message: `${e.key} is stored in plaintext in an Ansible Vault file (by name or place) that lacks the $ANSIBLE_VAULT header.`,
    });
  }
  return { hits, errors: [] };
}
