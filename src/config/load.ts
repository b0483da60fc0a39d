/**
 * `.hookguard.yaml`: load and validate, collecting every problem (file, line, what is wrong) before failing.
 */
import { CONFIG_KEYS } from './schema.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isSeverity, UsageError, type Escalation, type FailOn, type Severity } from '../types.js';
import { isOwner, ruleMatches, type OwnerRule } from '../owners/index.js';
import { compileRuleSet, validatePatterns } from '../rules/secrets/load.js';
import { detectSecrets } from '../rules/secrets/detect.js';
import { unsplit } from '../rules/secrets/types.js';
import { mask } from '../rules/secrets/mask.js';
import type { SecretPattern } from '../rules/secrets/types.js';
import type { OwnCredentialsConfig } from '../own/credentials.js';
import type { ProviderConfig } from '../own/providers.js';
import { checkRegexSafety } from '../rules/secrets/safety.js';

export interface Config {
  file?: string;
  failOn?: FailOn;
  ignore: string[];
  rules: Map<string, 'off' | Severity>;
  allow: RegExp[];
  patterns: SecretPattern[];
  baseline?: string;
  /** `owners:` entries (when present, CODEOWNERS is not read). */
  owners?: OwnerRule[];
  escalation?: Escalation;
  /** Commands whose output lists prohibited values or patterns. */
  providers?: ProviderConfig[];
  /** Your own credentials by value (OWN-001): on or off, more files and environment variables. */
  ownCredentials?: OwnCredentialsConfig;
  /** People and keys whose access must be gone (ACCESS-* rules). */
  /** `why`: each entry's comment (the reason, as `hookguard policy` shows it), by index. */
  revoked?: {
    users: string[];
    keys: string[];
    why?: { users: Array<string | undefined>; keys: Array<string | undefined> };
  };
  /** `environments: {name: [globs]}` and `expectDifferent: [globs of keys]` (`why`: each glob's comment). */
  environments?: { envs: Map<string, string[]>; expectDifferent: string[]; why?: Array<string | undefined> };
  /** Exceptions the config grants (ignores, rules off or lowered, allowed values), with the comment that explains
   * each as its reason — for `hookguard policy`. */
  exceptions?: ConfigException[];
  /** `exceptions:`: what the Action does with exceptions a pull request adds (default require-owner-approval). */
  exceptionApproval?: 'require-owner-approval' | 'report';
  /** The config has a `policies:` list (src/policies reads it, with its lines, from the file). */
  inlinePolicies?: boolean;
  /** `policyPaths:` where policy files are (default policies/). */
  policyPaths?: string[];
  /** `parameterFiles: {glob: template}`: CloudFormation parameter files and the template each deploys. */
  parameterFiles?: Array<[glob: string, template: string]>;
  /** `profiles:` named sets of rules and policies, per path or by `--profile` (src/scan/profiles.ts). */
  profiles?: Profile[];
}

export interface Profile {
  name: string;
  /** Allow list over the infrastructure families (ids, globs, family names). */
  rules?: string[];
  /** Never applied (any rule). */
  deny?: string[];
  /** The files it applies to without `--profile`. */
  paths?: string[];
}

export interface ConfigException {
  kind: 'ignore' | 'rule off' | 'severity lowered' | 'allow';
  what: string;
  reason?: string;
  /** For `severity lowered`: the configured severity (the policy keeps it only when it is below the rule's own). */
  severity?: Severity;
}

export const CONFIG_NAMES = ['.hookguard.yaml', '.hookguard.yml'];
const KEYS = CONFIG_KEYS;

export function emptyConfig(): Config {
  return { ignore: [], rules: new Map(), allow: [], patterns: [] };
}

export function findConfig(root: string): string | undefined {
  for (const n of CONFIG_NAMES) {
    const p = path.join(root, n);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Load a config file. `knownRules` are rule ids that `rules:` may name (custom patterns are added to it).
 */
export async function loadConfig(
  file: string,
  knownRules: ReadonlySet<string>,
  display = file,
  /** Rule categories `owners[].rules` may name. */
  knownCategories: ReadonlySet<string> = new Set(['secret', 'cloudformation', 'ansible']),
  /** The file's text when it does not come from the disk (the index, for `hookguard policy`). */
  given?: string,
): Promise<Config> {
  let text: string;
  try {
    text = given ?? readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `config ${display}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  // Loaded only when a config file exists: the YAML parser is not part of the hook's start-up otherwise.
  const yaml = await import('../parse/yaml.js');
  const { parseYaml, isMap, isScalar, isSeq } = yaml;
  const { doc, lc, errors: parseErrors } = parseYaml(text);
  // A syntax error at the end of the text is reported on the last line there is, never past it.
  const lastLine = Math.max(1, text.replace(/\n$/, '').split('\n').length);
  const errors: string[] = parseErrors.map((e) => `${display}:${Math.min(e.line ?? 1, lastLine)}: ${e.message}`);
  const at = (node: unknown) => {
    const r = (node as { range?: [number, number] } | undefined)?.range;
    return r ? lc.linePos(r[0]).line : 1;
  };
  const cfg: Config = { ...emptyConfig(), file };
  if (errors.length) throw new UsageError(`invalid config:\n  ${errors.join('\n  ')}`);
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return cfg;
  if (!isMap(root)) throw new UsageError(`invalid config:\n  ${display}:${at(root)}: expected a mapping of settings`);

  const r = configReader(display, at, yaml, errors);
  const { err, strings, reasons, except, exceptions } = r;
  let patternsNode: unknown;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value;
    switch (key) {
      case 'failOn': {
        const s = isScalar(v) ? v.value : undefined;
        if (s === 'none' || (isSeverity(s) && s !== 'info')) cfg.failOn = s;
        else err(v ?? pair.key, `failOn must be one of critical, high, medium, low, none`);
        break;
      }
      case 'ignore': {
        cfg.ignore = strings(v, 'ignore');
        const why = reasons(v);
        cfg.ignore.forEach((g, i) => except('ignore', g, why[i]));
        break;
      }
      case '$schema':
        // For editors (the YAML language server): hookguard ignores it.
        if (!(isScalar(v) && typeof v.value === 'string')) err(v ?? pair.key, '$schema must be a URL or path');
        break;
      case 'hookErrors':
        // Read by the hook runner (hooks/hookguard.sh) where the check cannot run: warn and pass, or block.
        if (!(isScalar(v) && (v.value === 'warn' || v.value === 'block')))
          err(v ?? pair.key, 'hookErrors must be warn (say so and let the commit through) or block');
        break;
      case 'exceptions':
        if (isScalar(v) && (v.value === 'require-owner-approval' || v.value === 'report'))
          cfg.exceptionApproval = v.value;
        else err(v ?? pair.key, 'exceptions must be require-owner-approval (the default) or report');
        break;
      case 'baseline':
        if (isScalar(v) && typeof v.value === 'string') cfg.baseline = v.value;
        else err(v ?? pair.key, 'baseline must be a file path');
        break;
      case 'allow':
        readAllow(r, v, pair.key, cfg);
        break;
      case 'rules':
        readRules(r, v, pair.key, cfg);
        break;
      case 'patterns':
        patternsNode = v;
        break;
      case 'owners':
        readOwners(r, v, pair.key, cfg);
        break;
      case 'escalation':
        readEscalation(r, v, pair.key, cfg);
        break;
      case 'providers':
        readProviders(r, v, pair.key, cfg);
        break;
      case 'ownCredentials':
        readOwnCredentials(r, v, pair.key, cfg);
        break;
      case 'revoked':
        readRevoked(r, v, pair.key, cfg);
        break;
      case 'environments':
        readEnvironments(r, v, pair.key, cfg);
        break;
      case 'policies':
        // Validated, with the examples run, by src/policies (only loaded when there are policies).
        if (!isSeq(v)) err(v ?? pair.key, 'policies must be a list of policies (see the README, "Your own policies")');
        else cfg.inlinePolicies = v.items.length > 0;
        break;
      case 'policyPaths':
        cfg.policyPaths = strings(v, 'policyPaths');
        break;
      case 'parameterFiles':
        readParameterFiles(r, v, pair.key, cfg);
        break;
      case 'profiles':
        readProfiles(r, v, pair.key, cfg);
        break;
      default:
        err(pair.key, `unknown key "${key}" (known: ${KEYS.join(', ')})`);
    }
  }

  if (patternsNode !== undefined) cfg.patterns = readPatterns(r, patternsNode, knownRules);
  checkRuleReferences(r, cfg, knownRules, knownCategories);
  if (errors.length) throw new UsageError(`invalid config:\n  ${errors.join('\n  ')}`);
  if (exceptions.length) cfg.exceptions = exceptions;
  return cfg;
}

type YamlModule = typeof import('../parse/yaml.js');

/** What reading a config's settings shares: where each node is, the errors so far, and the readers of values. */
interface Reader {
  display: string;
  y: YamlModule;
  errors: string[];
  at: (node: unknown) => number;
  err: (node: unknown, msg: string) => void;
  strings: (node: unknown, what: string) => string[];
  /** A mapping whose keys must be among `keys`; returns key → value node. */
  mapping: (node: unknown, what: string, keys: string[]) => Map<string, unknown> | undefined;
  text1: (node: unknown, what: string) => string | undefined;
  /** Each entry's reason: its comment (see configReader). */
  reasons: (container: unknown) => Array<string | undefined>;
  except: (kind: ConfigException['kind'], what: string, reason: string | undefined) => void;
  exceptions: ConfigException[];
  /** Rule ids of `rules:`, with their nodes (checked against the known rules at the end). */
  ruleNodes: Array<[string, unknown]>;
  /** Rule selectors (id, glob or category) of owners and profiles, with their nodes and where they are. */
  selectorNodes: Array<[string, unknown, string]>;
}

function configReader(display: string, at: (node: unknown) => number, y: YamlModule, errors: string[]): Reader {
  const err = (node: unknown, msg: string) => {
    errors.push(`${display}:${at(node)}: ${msg}`);
  };
  const strings = (node: unknown, what: string): string[] => {
    if (!y.isSeq(node)) {
      err(node, `${what} must be a list of strings`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      if (y.isScalar(item) && typeof item.value === 'string') out.push(item.value);
      else err(item, `${what}: every entry must be a string`);
    }
    return out;
  };

  /** A mapping whose keys must be among `keys`; returns key → value node. */
  const mapping = (node: unknown, what: string, keys: string[]): Map<string, unknown> | undefined => {
    if (!y.isMap(node)) {
      err(node, `${what} must be a mapping (${keys.join(', ')})`);
      return undefined;
    }
    const m = new Map<string, unknown>();
    for (const p of node.items) {
      const k = y.isScalar(p.key) ? String(p.key.value) : '';
      if (!keys.includes(k)) err(p.key, `${what}: unknown key "${k}" (known: ${keys.join(', ')})`);
      else m.set(k, p.value ?? p.key);
    }
    return m;
  };
  const text1 = (node: unknown, what: string): string | undefined => {
    if (y.isScalar(node) && typeof node.value === 'string' && node.value.trim()) return node.value.trim();
    err(node, `${what} must be a non-empty string`);
    return undefined;
  };

  // A config entry's reason is its comment: on the same line, on the lines before it, or shared with the entries
  // right below it (a comment heading a group of consecutive lines).
  const note = (c: unknown) =>
    typeof c === 'string' && c.trim()
      ? c
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .join(' ')
      : undefined;
  const reasons = (container: unknown): Array<string | undefined> => {
    const items = (container as { items?: unknown[] } | undefined)?.items ?? [];
    const out: Array<string | undefined> = [];
    // A comment on the lines before an entry heads a group: the entries right below it share it; a comment at the
    // end of a line belongs to that line only.
    let heading: string | undefined;
    let prevLine = -1;
    items.forEach((it, i) => {
      const n = it as { comment?: string; commentBefore?: string; key?: unknown; value?: unknown };
      const key = n.key as { commentBefore?: string } | undefined;
      const val = n.value as { comment?: string } | undefined;
      const line = at(n.key ?? it);
      const before =
        note(n.commentBefore) ??
        note(key?.commentBefore) ??
        (i === 0 ? note((container as { commentBefore?: string }).commentBefore) : undefined);
      if (before) heading = before;
      else if (line !== prevLine + 1) heading = undefined;
      out.push(note(n.comment) ?? note(val?.comment) ?? heading);
      prevLine = line;
    });
    return out;
  };
  const exceptions: ConfigException[] = [];
  const except = (kind: ConfigException['kind'], what: string, reason: string | undefined) =>
    exceptions.push({ kind, what, ...(reason ? { reason } : {}) });
  return {
    display,
    y,
    errors,
    at,
    err,
    strings,
    mapping,
    text1,
    reasons,
    except,
    exceptions,
    ruleNodes: [],
    selectorNodes: [],
  };
}

/** allow regexes (each an exception; unsafe or broken ones are errors). */
function readAllow(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  const why = r.reasons(v);
  for (const [i, s] of r.strings(v, 'allow').entries()) {
    r.except('allow', s, why[i]);
    try {
      const re = new RegExp(s);
      const unsafe = checkRegexSafety(s);
      if (unsafe) r.err(r.y.isSeq(v) ? v.items[i] : v, `allow regex /${s}/ is unsafe: ${unsafe}`);
      else cfg.allow.push(re);
    } catch (e) {
      r.err(r.y.isSeq(v) ? v.items[i] : v, `allow regex does not compile: ${(e as Error).message}`);
    }
  }
}

/** `rules:`: a rule off or at another severity (each an exception when it lowers the rule). */
function readRules(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  if (!r.y.isMap(v)) {
    r.err(v ?? keyNode, 'rules must map rule ids to off or a severity');
    return;
  }
  const why = r.reasons(v);
  for (const [i, rp] of v.items.entries()) {
    const id = r.y.isScalar(rp.key) ? String(rp.key.value) : '';
    const val = r.y.isScalar(rp.value) ? rp.value.value : undefined;
    const setting = val === false ? 'off' : val;
    if (setting !== 'off' && !isSeverity(setting))
      r.err(rp.value ?? rp.key, `rules.${id}: expected off or one of critical, high, medium, low, info`);
    else {
      cfg.rules.set(id.toLowerCase(), setting);
      if (setting === 'off') r.except('rule off', id, why[i]);
      else
        r.exceptions.push({
          kind: 'severity lowered',
          what: id,
          severity: setting,
          ...(why[i] ? { reason: why[i] } : {}),
        });
    }
    r.ruleNodes.push([id, rp.key]);
  }
}

/** `owners:`: who owns the findings of which paths and rules. */
function readOwners(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  if (!r.y.isSeq(v)) {
    r.err(v ?? keyNode, 'owners must be a list of {paths, rules, owners} entries');
    return;
  }
  cfg.owners = [];
  for (const [i, item] of v.items.entries()) {
    const what = `owners[${i}]`;
    const m = r.mapping(item, what, ['paths', 'rules', 'owners']);
    if (!m) continue;
    const entry: OwnerRule = { owners: [], source: `${r.display}:${r.at(item)}` };
    if (!m.has('owners'))
      r.err(item, `${what}: owners is required (a list of @user, @org/team or e-mail; [] for nobody)`);
    else
      for (const [j, o] of r.strings(m.get('owners'), `${what}.owners`).entries()) {
        if (isOwner(o)) entry.owners.push(o);
        else
          r.err(
            (m.get('owners') as { items: unknown[] }).items[j],
            `${what}.owners: "${o}" is not @user, @org/team or an e-mail address`,
          );
      }
    if (m.has('paths')) {
      const node = m.get('paths') as { items?: unknown[] };
      entry.paths = r.strings(node, `${what}.paths`);
      entry.paths.forEach((p, j) => {
        if (p.startsWith('!') || p.includes('['))
          r.err(node.items?.[j], `${what}.paths: "${p}": negation and [ ] ranges are not supported (as in CODEOWNERS)`);
      });
    }
    if (m.has('rules')) {
      const node = m.get('rules') as { items?: unknown[] };
      entry.rules = r.strings(node, `${what}.rules`);
      entry.rules.forEach((sel, j) => r.selectorNodes.push([sel, node.items?.[j], 'owners']));
    }
    cfg.owners.push(entry);
  }
}

/** `escalation:`: whom to contact, and the document that says how. */
function readEscalation(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  const m = r.mapping(v ?? keyNode, 'escalation', ['contact', 'doc']);
  if (!m) return;
  const esc: Escalation = {};
  if (m.has('contact')) {
    const c = r.text1(m.get('contact'), 'escalation.contact');
    if (c) esc.contact = c;
  }
  if (m.has('doc')) {
    const d = r.text1(m.get('doc'), 'escalation.doc');
    if (d) esc.doc = d;
  }
  if (!m.size) r.err(v ?? keyNode, 'escalation needs a contact, a doc or both');
  cfg.escalation = esc;
}

/** `providers:`: programs that give the team's own secret values or patterns. */
function readProviders(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  if (!r.y.isSeq(v)) {
    r.err(v ?? keyNode, 'providers must be a list of {name, command, timeout, output}');
    return;
  }
  const list: ProviderConfig[] = [];
  v.items.forEach((item, j) => {
    const m = r.mapping(item, `providers[${j}]`, ['name', 'command', 'timeout', 'output']);
    if (!m) return;
    const name = r.text1(m.get('name'), `providers[${j}].name`);
    if (name && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
      r.err(m.get('name'), `providers[${j}].name must be kebab-case (a-z, 0-9, -): it names the provider's rules`);
    const command = m.has('command') ? r.strings(m.get('command'), `providers[${j}].command`) : [];
    if (!command.length || !command[0])
      r.err(
        m.get('command') ?? item,
        `providers[${j}].command must be a non-empty list: the program and its arguments (no shell)`,
      );
    let timeout = 5;
    if (m.has('timeout')) {
      const t = m.get('timeout');
      if (r.y.isScalar(t) && typeof t.value === 'number' && t.value > 0) timeout = t.value;
      else r.err(t ?? item, `providers[${j}].timeout must be a number of seconds above 0`);
    }
    let output: ProviderConfig['output'] = 'patterns';
    if (m.has('output')) {
      const o = m.get('output');
      if (r.y.isScalar(o) && (o.value === 'values' || o.value === 'patterns')) output = o.value;
      else r.err(o ?? item, `providers[${j}].output must be values or patterns`);
    }
    if (name && command.length) list.push({ name, command, timeout, output });
  });
  cfg.providers = list;
}

/** `ownCredentials:`: the developer's own credential files and variables to look for. */
function readOwnCredentials(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  if (r.y.isScalar(v) && typeof v.value === 'boolean') {
    cfg.ownCredentials = { enabled: v.value, files: [], env: [] };
    return;
  }
  const m = r.mapping(v ?? keyNode, 'ownCredentials', ['enabled', 'files', 'env']);
  if (!m) return;
  const own: OwnCredentialsConfig = {
    files: m.has('files') ? r.strings(m.get('files'), 'ownCredentials.files') : [],
    env: m.has('env') ? r.strings(m.get('env'), 'ownCredentials.env') : [],
  };
  if (m.has('enabled')) {
    const e = m.get('enabled');
    if (r.y.isScalar(e) && typeof e.value === 'boolean') own.enabled = e.value;
    else r.err(e ?? keyNode, 'ownCredentials.enabled must be true or false');
  }
  cfg.ownCredentials = own;
}

/** `revoked:`: users and SSH keys that must not appear. */
function readRevoked(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  const m = r.mapping(v ?? keyNode, 'revoked', ['users', 'keys']);
  if (!m) return;
  const users = m.has('users') ? r.strings(m.get('users'), 'revoked.users') : [];
  const keysNode = m.get('keys') as { items?: unknown[] } | undefined;
  const keys = m.has('keys') ? r.strings(keysNode, 'revoked.keys') : [];
  keys.forEach((k, j) => {
    if (/^SHA256:/i.test(k) && !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(k))
      r.err(
        keysNode?.items?.[j],
        `revoked.keys: "${k}" is not a SHA256 fingerprint as ssh-keygen -l prints it (SHA256: and 43 base64 characters)`,
      );
  });
  cfg.revoked = { users, keys, why: { users: r.reasons(m.get('users')), keys: r.reasons(keysNode) } };
}

/** `environments:`: the environments' file globs and the keys expected to differ. */
function readEnvironments(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  if (!r.y.isMap(v)) {
    r.err(v ?? keyNode, 'environments must map environment names to lists of globs (and expectDifferent to key globs)');
    return;
  }
  const envs = new Map<string, string[]>();
  let expectDifferent: string[] = [];
  let why: Array<string | undefined> = [];
  for (const ep of v.items) {
    const name = r.y.isScalar(ep.key) ? String(ep.key.value) : '';
    const globs = (what: string) => {
      if (!r.y.isSeq(ep.value) || ep.value.items.length === 0) {
        r.err(ep.value ?? ep.key, `${what} must be a non-empty list of globs`);
        return [];
      }
      const list = r.strings(ep.value, what);
      ep.value.items.forEach((item, i) => {
        if (r.y.isScalar(item) && typeof item.value === 'string' && !item.value.trim())
          r.err(item, `${what}: glob ${i + 1} is empty`);
      });
      return list.filter((g) => g.trim());
    };
    if (name === 'expectDifferent') {
      expectDifferent = globs('environments.expectDifferent');
      why = r.reasons(ep.value);
    } else if (!/^[A-Za-z][\w-]*$/.test(name))
      r.err(ep.key, `environments: unknown key "${name}" (environment names are words; expectDifferent lists keys)`);
    else if (!r.y.isSeq(ep.value))
      r.err(ep.value ?? ep.key, `environments: unknown key "${name}" or environment without a list of globs`);
    else envs.set(name, globs(`environments.${name}`));
  }
  if (envs.size === 1) r.err(v, 'environments: name at least two environments to compare');
  cfg.environments = { envs, expectDifferent, why };
}

/** `parameterFiles:`: parameter file globs → the template each deploys. */
function readParameterFiles(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  if (!r.y.isMap(v)) {
    r.err(v ?? keyNode, 'parameterFiles must map globs of parameter files to the template path each deploys');
    return;
  }
  cfg.parameterFiles = [];
  for (const pp of v.items) {
    const glob = r.y.isScalar(pp.key) ? String(pp.key.value).trim() : '';
    const tpl = r.y.isScalar(pp.value) && typeof pp.value.value === 'string' ? pp.value.value.trim() : '';
    if (!glob || !tpl || tpl.startsWith('/') || tpl.split('/').includes('..'))
      r.err(pp.value ?? pp.key, `parameterFiles: "${glob}" must map to a template path in the repository`);
    else cfg.parameterFiles.push([glob, tpl.replace(/^\.\//, '')]);
  }
}

/** `profiles:`: named rule selections (rules, deny) and the paths they apply to. */
function readProfiles(r: Reader, v: unknown, keyNode: unknown, cfg: Config): void {
  if (!r.y.isMap(v)) {
    r.err(v ?? keyNode, 'profiles must map profile names to {rules, deny, paths}');
    return;
  }
  cfg.profiles = [];
  for (const pp of v.items) {
    const name = r.y.isScalar(pp.key) ? String(pp.key.value) : '';
    const body = pp.value;
    if (!r.y.isMap(body)) {
      r.err(body ?? pp.key, `profiles.${name}: expected a mapping with rules, deny and/or paths`);
      continue;
    }
    const prof: Profile = { name };
    for (const kp of body.items) {
      const k = r.y.isScalar(kp.key) ? String(kp.key.value) : '';
      if (k !== 'rules' && k !== 'deny' && k !== 'paths') {
        r.err(kp.key, `profiles.${name}: unknown key "${k}" (known: rules, deny, paths)`);
        continue;
      }
      const list = r.strings(kp.value, `profiles.${name}.${k}`);
      prof[k] = list;
      if (k !== 'paths') {
        const items = (kp.value as { items?: unknown[] } | undefined)?.items ?? [];
        list.forEach((sel, j) => r.selectorNodes.push([sel, items[j], `profiles.${name}.${k}`]));
      }
      if (k === 'deny') {
        const why = r.reasons(kp.value);
        list.forEach((id, j) => r.except('rule off', id, why[j] ?? `denied by profile ${name}`));
      }
    }
    if (!prof.rules && !prof.deny) r.err(body, `profiles.${name}: name rules (an allow list) or deny`);
    cfg.profiles.push(prof);
  }
}

/** `patterns:`: the team's own secret rules, validated as built-in ones are, each finding its own examples. */
function readPatterns(r: Reader, patternsNode: unknown, knownRules: ReadonlySet<string>): Config['patterns'] {
  const raw = (patternsNode as { toJSON?: () => unknown }).toJSON?.() ?? null;
  // Each problem is reported at the line of the rule's key that is wrong (`regex:`), else at its `- id:` line.
  const items = r.y.isSeq(patternsNode) ? patternsNode.items : [];
  const nodeOf = (i: number, key?: string): unknown => {
    const item = items[i];
    if (key && r.y.isMap(item)) {
      const pair = item.items.find((p) => r.y.isScalar(p.key) && p.key.value === key);
      if (pair) return pair.key;
    }
    return item ?? patternsNode;
  };
  const lineOf = (i: number, key?: string) => `${r.display}:${r.at(nodeOf(i, key))}: patterns`;
  const { patterns, errors: perrs } = validatePatterns(raw, `${r.display}:${r.at(patternsNode)}: patterns`, lineOf);
  r.errors.push(...perrs);
  for (const [i, p] of patterns.entries()) {
    if (knownRules.has(p.id)) r.errors.push(`${lineOf(i, 'id')}: rule "${p.id}" has the id of a built-in rule`);
    const unsafe = typeof p.regex === 'string' ? checkRegexSafety(p.regex) : undefined;
    if (unsafe) r.errors.push(`${lineOf(i, 'regex')}: rule "${p.id}" regex is unsafe: ${unsafe}`);
  }
  // A custom rule must find its own examples (and not its counter-examples), as built-in rules must.
  if (!r.errors.length)
    for (const [pi, p] of patterns.entries()) {
      const set = compileRuleSet([p]);
      // Examples are named by number and shown masked: a config may hold a real value, and errors never print one.
      p.examples.match.forEach((ex, i) => {
        if (!detectSecrets(unsplit(ex), set).length)
          r.errors.push(`${lineOf(pi, 'examples')}: rule "${p.id}" does not match its example ${i + 1} (${mask(ex)})`);
      });
      p.examples.nomatch.forEach((ex, i) => {
        if (detectSecrets(unsplit(ex), set).length)
          r.errors.push(`${lineOf(pi, 'examples')}: rule "${p.id}" matches its nomatch example ${i + 1} (${mask(ex)})`);
      });
    }
  return patterns.map((p) => ({ ...p, keywords: p.keywords.map((k) => k.toLowerCase()), source: r.display }));
}

/**
 * Rule ids and selectors the config names (rules:, owners[].rules, profiles) must name rules: a category, an id or an
 * id glob that matches at least one (checked when ids are known).
 */
function checkRuleReferences(
  r: Reader,
  cfg: Config,
  knownRules: ReadonlySet<string>,
  knownCategories: ReadonlySet<string>,
): void {
  const known = new Set([...knownRules, ...cfg.patterns.map((p) => p.id)]);
  for (const [id, node] of r.ruleNodes)
    if (!known.has(id.toLowerCase())) r.err(node, `rules: unknown rule id "${id}" (see hookguard rules)`);
  // owners[].rules: a category, a rule id or an id glob that matches at least one rule (checked when ids are known).
  if (knownRules.size)
    for (const [sel, node, where] of r.selectorNodes) {
      const s = sel.toLowerCase();
      if (knownCategories.has(s) || known.has(s)) continue;
      if (/[*?]/.test(s)) {
        if ([...known].some((k) => ruleMatches(s, { ruleId: k, category: '' }))) continue;
        r.err(node, `${where}: rule glob "${sel}" matches no rule (see hookguard rules)`);
      } else
        r.err(
          node,
          `${where}: "${sel}" is neither a rule id nor a category (${[...knownCategories].sort().join(', ')}; see hookguard rules)`,
        );
    }
}
