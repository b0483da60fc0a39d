/**
 * Loading team policies: `policies/*.yaml` (or the folders/globs of config `policyPaths`) and the config's own
 * `policies:` list. Every problem is collected with its file:line before failing (exit 2), as the config loader does;
 * regexes are checked for catastrophic backtracking like custom secret patterns; and each policy's examples are run
 * through the real families — a policy whose `fail` example passes, or whose `pass` example fails, is refused.
 *
 * Validated sets are remembered by content hash (with hookguard's version) in the user's cache folder, so a hook does
 * not run every example again on every commit; the policies themselves are kept there as JSON, so a cache hit does
 * not parse YAML either.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isSeverity, type Severity } from '../types.js';
import { checkRegexSafety } from '../rules/secrets/safety.js';
import { isOwner } from '../owners/index.js';
import { globRegex } from '../env/roles.js';
import { parseYaml, isMap, isScalar, isSeq } from '../parse/yaml.js';
import { OPERATORS, type Cond, type Operator, type PolicyBundle, type PolicyDef } from './types.js';
import { splitPath } from './eval.js';
import { lookupPath, resolvePath } from '../cloud/spec.js';
import { checkExamples, type Families } from './examples.js';

declare const __HOOKGUARD_VERSION__: string | undefined;

/** Id namespaces of built-in rule families: a team policy may not take one. */
const BUILTIN_PREFIX = /^(?:CFN|ANS|ENV|ATREST|HG|ACCESS|OWN)-/i;
const POLICY_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;
const KEYS = [
  'id',
  'title',
  'severity',
  'description',
  'owners',
  'service',
  'remediation',
  'scope',
  'resource',
  'resources',
  'module',
  'modules',
  'host',
  'where',
  'condition',
  'examples',
];

export interface PolicySources {
  root: string;
  /** Config `policyPaths` (folders, files or globs, from the root); default `policies/`. */
  paths?: string[] | undefined;
  /** Policy files as tracked (path from the root → text): chosen and read from here instead of the disk. */
  tracked?: ReadonlyMap<string, string> | undefined;
  /** The config file holding a `policies:` list (its path from the root, and its text). */
  inline?: { file: string; text: string } | undefined;
  /** Built-in and custom secret rule ids (case-insensitive): a policy may not reuse one. */
  knownIds: ReadonlySet<string>;
  envGlobs?: Array<[string, string[]]> | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  /** The CloudFormation and Ansible families, to run the examples with (loaded only on a cache miss). */
  families: () => Promise<Families>;
}

/**
 * Files named by `policyPaths` (default: `policies/*.y?ml`), sorted, relative to the root with `/`. With `tracked`
 * (paths as committed or staged), they are chosen from that list instead of the disk.
 */
export function policyFiles(root: string, paths: string[] | undefined, tracked?: readonly string[]): string[] {
  const out = new Set<string>();
  const yaml = /\.ya?ml$/i;
  if (tracked) {
    for (const p of paths ?? ['policies']) {
      const clean = p.replace(/^\.\//, '').replace(/\/$/, '');
      const re = /[*?[{]/.test(clean) ? globRegex(clean, true) : undefined;
      for (const t of [...tracked].sort())
        if (re ? yaml.test(t) && re.test(t) : t === clean || (yaml.test(t) && path.posix.dirname(t) === clean))
          out.add(t);
    }
    return [...out];
  }
  const listDir = (rel: string) => {
    try {
      for (const f of readdirSync(path.join(root, rel)).sort())
        if (yaml.test(f)) out.add(path.posix.join(rel.split(path.sep).join('/'), f));
    } catch {
      /* not a folder */
    }
  };
  for (const p of paths ?? ['policies']) {
    const clean = p.replace(/^\.\//, '').replace(/\/$/, '');
    if (/[*?[{]/.test(clean)) {
      const re = globRegex(clean, true);
      const fixed = clean.slice(0, Math.max(0, clean.search(/[*?[{]/)));
      const dir = fixed.slice(0, fixed.lastIndexOf('/') + 1) || '.';
      const walk = (rel: string, depth: number) => {
        let names: string[] = [];
        try {
          names = readdirSync(path.join(root, rel)).sort();
        } catch {
          return;
        }
        for (const n of names) {
          const r = rel === '.' ? n : `${rel}/${n}`;
          let st;
          try {
            st = statSync(path.join(root, r));
          } catch {
            continue;
          }
          if (st.isDirectory() && depth < 8 && n !== '.git' && n !== 'node_modules') walk(r, depth + 1);
          else if (st.isFile() && yaml.test(n) && re.test(r)) out.add(r);
        }
      };
      walk(dir.replace(/\/$/, '') || '.', 0);
    } else if (existsSync(path.join(root, clean)) && statSync(path.join(root, clean)).isFile()) out.add(clean);
    else listDir(clean);
  }
  return [...out];
}

interface RawSource {
  file: string;
  text: string;
  /** The text is the config file: only its `policies:` key is read. */
  inConfig: boolean;
  /** A file in the default folder that is not a policy file (an IAM policy, say) is skipped, not an error. */
  optional: boolean;
}

/** Parse and validate every policy (no examples run). Errors are `file:line: message`. */
export function parsePolicies(
  sources: RawSource[],
  knownIds: ReadonlySet<string>,
): { policies: PolicyDef[]; errors: string[] } {
  const policies: PolicyDef[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const s of sources) {
    const { doc, lc, errors: perr } = parseYaml(s.text);
    const at = (node: unknown) => {
      const r = (node as { range?: [number, number] } | undefined)?.range;
      return r ? lc.linePos(r[0]).line : 1;
    };
    if (perr.length) {
      if (!s.optional) for (const e of perr) errors.push(`${s.file}:${e.line ?? 1}: ${e.message}`);
      continue;
    }
    let list: unknown = doc.contents;
    if (s.inConfig || isMap(list)) {
      const pair = isMap(list) ? list.items.find((p) => isScalar(p.key) && p.key.value === 'policies') : undefined;
      if (!pair) {
        if (!s.optional && !s.inConfig) errors.push(`${s.file}:1: expected a list of policies (or a policies: key)`);
        continue;
      }
      list = pair.value;
    }
    if (!isSeq(list)) {
      if (!s.optional) errors.push(`${s.file}:${at(list)}: policies must be a list`);
      continue;
    }
    // A file in the default folder is ours only when its entries look like policies (an id and a condition).
    if (
      s.optional &&
      !list.items.every(
        (it) =>
          isMap(it) && ['id', 'condition'].every((k) => it.items.some((p) => isScalar(p.key) && p.key.value === k)),
      )
    )
      continue;
    for (const item of list.items) {
      const p = readPolicy(item, s.file, at, errors);
      if (!p) continue;
      const lower = p.id.toLowerCase();
      if (seen.has(lower)) errors.push(`${s.file}:${p.line}: policy id ${p.id} is already used at ${seen.get(lower)}`);
      else if (knownIds.has(lower) || BUILTIN_PREFIX.test(p.id))
        errors.push(
          `${s.file}:${p.line}: policy id ${p.id} clashes with hookguard's built-in rule ids; use your team's prefix (ACME-S3-001)`,
        );
      seen.set(lower, `${s.file}:${p.line}`);
      policies.push(p);
    }
  }
  return { policies, errors };
}

type At = (node: unknown) => number;

function readPolicy(item: unknown, file: string, at: At, errors: string[]): PolicyDef | undefined {
  const line = at(item);
  const err = (node: unknown, msg: string) => errors.push(`${file}:${at(node)}: ${msg}`);
  if (!isMap(item)) {
    err(item, 'a policy must be a mapping (id, title, severity, description, resource/module/host, condition)');
    return undefined;
  }
  const m = new Map<string, unknown>();
  for (const p of item.items) {
    const k = isScalar(p.key) ? String(p.key.value) : '';
    if (!KEYS.includes(k)) err(p.key, `unknown key "${k}" (known: ${KEYS.join(', ')})`);
    else m.set(k, p.value ?? p.key);
  }
  const before = errors.length;
  const str = (k: string, required = true): string | undefined => {
    const v = m.get(k);
    if (v === undefined) {
      if (required) err(item, `${k} is required`);
      return undefined;
    }
    if (isScalar(v) && typeof v.value === 'string' && v.value.trim()) return v.value.trim();
    err(v, `${k} must be a non-empty string`);
    return undefined;
  };
  const list = (k: string): string[] => {
    const v = m.get(k);
    if (v === undefined) return [];
    if (isScalar(v) && typeof v.value === 'string') return [v.value];
    if (isSeq(v) && v.items.every((i) => isScalar(i) && typeof i.value === 'string'))
      return v.items.map((i) => String((i as { value: string }).value));
    err(v, `${k} must be a string or a list of strings`);
    return [];
  };
  const id = str('id');
  if (id && !POLICY_ID.test(id))
    err(m.get('id'), `id "${id}" must be upper case words and numbers joined by - (ACME-S3-001)`);
  const title = str('title');
  const description = str('description');
  const sev = str('severity');
  if (sev && (!isSeverity(sev) || sev === 'info'))
    err(m.get('severity'), 'severity must be one of critical, high, medium, low');
  const owners = list('owners');
  for (const o of owners)
    if (!isOwner(o)) err(m.get('owners'), `owners: "${o}" is not @user, @org/team or an e-mail address`);
  const resources = [...list('resource'), ...list('resources')];
  const modules = [...list('module'), ...list('modules')];
  const host = str('host', false);
  if (host && !['sshd', 'sysctl', 'packages'].includes(host))
    err(m.get('host'), 'host must be sshd, sysctl or packages');
  if ([resources.length > 0, modules.length > 0, host !== undefined].filter(Boolean).length !== 1)
    err(
      item,
      'say what the policy is about: one of resource (AWS::S3::Bucket…), module (Ansible) or host (sshd, sysctl, packages)',
    );
  for (const r of resources)
    if (!/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$|^[a-z][\w.]*\/[\w/]+$|^[a-z][\w-]*\.[\w.]+$/.test(r))
      err(m.get('resource') ?? m.get('resources'), `resource "${r}" is not a resource type (AWS::S3::Bucket)`);
  const scope = { paths: [] as string[], environments: [] as string[] };
  const sc = m.get('scope');
  if (sc !== undefined) {
    if (!isMap(sc)) err(sc, 'scope must be a mapping (paths, environments)');
    else
      for (const p of sc.items) {
        const k = isScalar(p.key) ? String(p.key.value) : '';
        const v = p.value;
        const vals =
          isSeq(v) && v.items.every((i) => isScalar(i))
            ? v.items.map((i) => String((i as { value: unknown }).value))
            : isScalar(v)
              ? [String(v.value)]
              : undefined;
        if (!vals) err(v ?? p.key, `scope.${k} must be a list of strings`);
        else if (k === 'paths') scope.paths = vals;
        else if (k === 'environments') scope.environments = vals.map((e) => e.toLowerCase());
        else err(p.key, `scope: unknown key "${k}" (known: paths, environments)`);
      }
  }
  const isHost = host !== undefined;
  const cond = m.has('condition') ? readCond(m.get('condition'), file, at, errors, isHost) : undefined;
  if (!m.has('condition')) err(item, 'condition is required');
  const where = m.has('where') ? readCond(m.get('where'), file, at, errors, isHost) : undefined;
  const examples = readExamples(m.get('examples'), item, file, at, errors);
  if (errors.length > before || !id || !title || !description || !sev || !cond) return undefined;
  return {
    id,
    title,
    severity: sev as Severity,
    description,
    owners,
    service: (str('service', false) ?? serviceOf(resources, modules, host)).toLowerCase(),
    remediation: str('remediation', false) ?? `Meet the team policy ${id}: ${title}.`,
    scope,
    target: {
      ...(resources.length ? { resources } : {}),
      ...(modules.length ? { modules } : {}),
      ...(host ? { host: host as 'sshd' } : {}),
    },
    ...(where ? { where } : {}),
    condition: cond,
    examples,
    file,
    line,
  };
}

/** The standard's group of a policy without `service:`: from its resource type (AWS::EC2::SecurityGroup → networking). */
export function serviceOf(resources: string[], modules: string[], host: string | undefined): string {
  if (host || modules.length) return 'hosts';
  const r = resources[0] ?? '';
  if (/::(?:EC2::(?:SecurityGroup|VPC|Subnet|NetworkAcl|Route)|ElasticLoadBalancing)/.test(r)) return 'networking';
  if (/::(?:S3|DynamoDB|RDS|EFS|ElastiCache|Redshift|DocDB|Neptune)::/.test(r)) return 'data stores';
  if (/::(?:KMS|SecretsManager)::/.test(r)) return 'encryption';
  if (/::IAM::/.test(r)) return 'identity';
  return r.split('::')[1]?.toLowerCase() ?? 'other';
}

function readExamples(node: unknown, item: unknown, file: string, at: At, errors: string[]): PolicyDef['examples'] {
  const out: PolicyDef['examples'] = { fail: [], pass: [] };
  if (node === undefined) {
    errors.push(
      `${file}:${at(item)}: examples are required: at least one fail and one pass example (cloudformation: or ansible:)`,
    );
    return out;
  }
  if (!isMap(node)) {
    errors.push(`${file}:${at(node)}: examples must be a mapping of fail and pass lists`);
    return out;
  }
  for (const p of node.items) {
    const k = isScalar(p.key) ? String(p.key.value) : '';
    if (k !== 'fail' && k !== 'pass') {
      errors.push(`${file}:${at(p.key)}: examples: unknown key "${k}" (fail, pass)`);
      continue;
    }
    if (!isSeq(p.value)) {
      errors.push(`${file}:${at(p.value ?? p.key)}: examples.${k} must be a list`);
      continue;
    }
    for (const ex of p.value.items) {
      const e = isMap(ex) ? ex : undefined;
      const get = (key: string) => e?.items.find((x) => isScalar(x.key) && x.key.value === key)?.value;
      const cfn = get('cloudformation');
      const ans = get('ansible');
      const pth = get('path');
      const body = cfn ?? ans;
      if (!e || !body || !isScalar(body) || typeof body.value !== 'string' || (cfn && ans)) {
        errors.push(
          `${file}:${at(ex)}: an example is {cloudformation: TEXT} or {ansible: TEXT} (and an optional path)`,
        );
        continue;
      }
      out[k].push({
        format: cfn ? 'cloudformation' : 'ansible',
        text: body.value,
        line: at(ex),
        ...(isScalar(pth) && typeof pth.value === 'string' ? { path: pth.value } : {}),
      });
    }
  }
  if (!out.fail.length || !out.pass.length)
    errors.push(`${file}:${at(node)}: examples need at least one fail and one pass example`);
  return out;
}

function readCond(node: unknown, file: string, at: At, errors: string[], host: boolean): Cond | undefined {
  const line = at(node);
  const err = (n: unknown, msg: string) => {
    errors.push(`${file}:${at(n)}: ${msg}`);
    return undefined;
  };
  if (isSeq(node)) {
    const all = node.items.map((i) => readCond(i, file, at, errors, host));
    return all.every(Boolean) ? { all: all as Cond[], line } : undefined;
  }
  if (!isMap(node))
    return err(
      node,
      'a condition is a mapping: {attribute: PATH, OPERATOR: VALUE}, all, any, not, each, environment or related',
    );
  const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  const val = (k: string) => node.items.find((p) => isScalar(p.key) && p.key.value === k)?.value;
  if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) {
    const v = val(keys[0]);
    if (!isSeq(v) || !v.items.length) return err(v ?? node, `${keys[0]} must be a non-empty list of conditions`);
    const parts = v.items.map((i) => readCond(i, file, at, errors, host));
    if (!parts.every(Boolean)) return undefined;
    return keys[0] === 'all' ? { all: parts as Cond[], line } : { any: parts as Cond[], line };
  }
  if (keys.length === 1 && keys[0] === 'not') {
    const inner = readCond(val('not'), file, at, errors, host);
    return inner ? { not: inner, line } : undefined;
  }
  if (keys.length === 1 && keys[0] === 'environment') {
    const v = val('environment');
    const j = (v as { toJSON?: () => unknown })?.toJSON?.() as Record<string, unknown> | undefined;
    const op = j && ('in' in j ? 'in' : 'not-in' in j ? 'not-in' : undefined);
    const names = op ? ([] as unknown[]).concat(j[op]) : [];
    if (!op || !names.every((n) => typeof n === 'string'))
      return err(v ?? node, 'environment must be {in: [names]} or {not-in: [names]}');
    return { environment: { op, names: names.map((n) => n.toLowerCase()) }, line };
  }
  if (keys.includes('each')) {
    const e = val('each');
    if (!isScalar(e) || typeof e.value !== 'string' || !e.value.trim())
      return err(e ?? node, 'each must name a list attribute (each: SecurityGroupIngress)');
    const extra = keys.filter((k) => k !== 'each' && k !== 'where' && k !== 'condition');
    if (extra.length || !keys.includes('condition'))
      return err(node, 'each takes where (optional) and condition: {each: LIST, where: …, condition: …}');
    const where = keys.includes('where') ? readCond(val('where'), file, at, errors, host) : undefined;
    const condition = readCond(val('condition'), file, at, errors, host);
    if (!condition || (keys.includes('where') && !where)) return undefined;
    const attribute = e.value.trim();
    const path = splitPath(attribute);
    if (path.at(-1) !== '[]') path.push('[]');
    return { each: { attribute, path, ...(where ? { where } : {}), condition }, line };
  }
  if (keys.includes('related')) {
    const r = val('related');
    if (!isMap(r)) return err(r ?? node, 'related must be {kind: TYPE, via: PROPERTY, condition: …}');
    const rv = (k: string) => r.items.find((p) => isScalar(p.key) && p.key.value === k)?.value;
    const kind = rv('kind');
    const via = rv('via');
    if (!isScalar(kind) || typeof kind.value !== 'string') return err(r, 'related.kind must be a resource type');
    const c = rv('condition');
    const inner = c !== undefined ? readCond(c, file, at, errors, host) : undefined;
    if (c !== undefined && !inner) return undefined;
    return {
      related: {
        kind: kind.value,
        ...(isScalar(via) && typeof via.value === 'string' ? { via: via.value } : {}),
        ...(inner ? { condition: inner } : {}),
      },
      line,
    };
  }
  const attr = val('attribute');
  if (!isScalar(attr) || typeof attr.value !== 'string' || !attr.value.trim())
    return err(node, 'a leaf condition needs attribute: PATH (and one operator)');
  const ops = keys.filter((k) => k !== 'attribute');
  if (ops.length !== 1 || !(OPERATORS as readonly string[]).includes(ops[0]!))
    return err(node, `a leaf condition has exactly one operator: ${OPERATORS.join(', ')}`);
  const op = ops[0] as Operator;
  const vnode = val(op);
  const value = (vnode as { toJSON?: () => unknown } | null | undefined)?.toJSON?.() ?? null;
  const bad = (what: string) => err(vnode ?? node, `${op} takes ${what}`);
  switch (op) {
    case 'exists':
    case 'absent':
    case 'cidr-is-world':
    case 'denies-insecure-transport':
      if (typeof value !== 'boolean') return bad('true or false');
      break;
    case 'in':
    case 'not-in':
      if (!Array.isArray(value)) return bad('a list of values');
      break;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof value !== 'number') return bad('a number');
      break;
    case 'count':
      if (
        typeof value !== 'number' &&
        !(
          value &&
          typeof value === 'object' &&
          Object.entries(value).every(
            ([k, n]) => ['equals', 'gt', 'gte', 'lt', 'lte'].includes(k) && typeof n === 'number',
          )
        )
      )
        return bad('a number or {gte: N, lte: N, …}');
      break;
    case 'matches': {
      if (typeof value !== 'string') return bad('a regular expression');
      try {
        new RegExp(value);
      } catch (e) {
        return err(vnode, `matches: regex does not compile: ${(e as Error).message}`);
      }
      const unsafe = checkRegexSafety(value);
      if (unsafe) return err(vnode, `matches: regex /${value}/ is unsafe: ${unsafe}`);
      break;
    }
    case 'cidr-within': {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((c) => typeof c === 'string' && /^[\d.]+\/\d+$|^[0-9a-f:]+\/\d+$/i.test(c)))
        return bad('a CIDR or a list of CIDRs (10.20.0.0/16)');
      break;
    }
    default:
      break;
  }
  const attribute = attr.value.trim();
  // Host settings are named as the host names them (`net.ipv4.ip_forward`): not split at dots.
  return { attribute, path: host ? [attribute] : splitPath(attribute), op, value, line: at(attr) };
}

/** Every attribute path a policy reads, with the resource type it is read on and its file:line (for spec checks). */
export function attributePaths(p: PolicyDef): Array<{ kind: string; path: string[]; file: string; line: number }> {
  const out: Array<{ kind: string; path: string[]; file: string; line: number }> = [];
  const kinds =
    p.target.resources ??
    (p.target.host ? [`host:${p.target.host}`] : (p.target.modules ?? []).map((x) => `ansible:${x}`));
  const visit = (c: Cond | undefined, on: string[], prefix: string[] = []) => {
    if (!c) return;
    if ('all' in c) c.all.forEach((x) => visit(x, on, prefix));
    else if ('any' in c) c.any.forEach((x) => visit(x, on, prefix));
    else if ('not' in c) visit(c.not, on, prefix);
    else if ('each' in c) {
      for (const k of on) out.push({ kind: k, path: [...prefix, ...c.each.path], file: p.file, line: c.line });
      visit(c.each.where, on, [...prefix, ...c.each.path]);
      visit(c.each.condition, on, [...prefix, ...c.each.path]);
    } else if ('related' in c) {
      if (c.related.via) out.push({ kind: c.related.kind, path: splitPath(c.related.via), file: p.file, line: c.line });
      visit(c.related.condition, [c.related.kind]);
    } else if ('attribute' in c)
      for (const k of on) out.push({ kind: k, path: [...prefix, ...c.path], file: p.file, line: c.line });
  };
  visit(p.where, kinds);
  visit(p.condition, kinds);
  return out;
}

/**
 * Attribute paths checked against the CloudFormation resource specification (src/cloud/spec.ts): a misspelt property
 * in a policy would otherwise never match and the policy would silently pass everything. Types the data does not
 * judge (Azure, GCP, host settings, Ansible modules, Custom::) are not checked; `Tags.KEY` reads a tag, and below `*`
 * any key goes.
 */
export function specErrors(p: PolicyDef): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const a of attributePaths(p)) {
    const star = a.path.indexOf('*');
    const path = star >= 0 ? a.path.slice(0, star) : a.path;
    const key = `${a.kind}\0${path.join('.')}\0${a.line}`;
    if (!path.length || seen.has(key)) continue;
    seen.add(key);
    const r = lookupPath(a.kind, path);
    if (r === 'ok' || r === 'unknown-kind') continue;
    // A tag read by its key (`Tags.data`): the step after a list of tags is the tag's key, not a property.
    const before = r.at > 0 ? resolvePath(a.kind, path.slice(0, r.at)) : undefined;
    const shape = before && typeof before === 'object' && 'shape' in before ? before.shape : undefined;
    if (shape && (shape.t === 'tag' || (shape.t === 'list' && shape.of.t === 'tag'))) continue;
    const shown = path
      .slice(0, r.at + 1)
      .join('.')
      .replace(/\.\[\]/g, '[]');
    out.push(
      `${a.file}:${a.line}: ${a.kind} has no property ${shown}${r.suggestion ? ` (did you mean ${r.suggestion}?)` : ''}: the policy would never see a value there`,
    );
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ cache

function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'hookguard');
  const home = env.HOME ?? env.USERPROFILE;
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'hookguard') : undefined;
}

const version = typeof __HOOKGUARD_VERSION__ === 'string' ? __HOOKGUARD_VERSION__ : 'dev';

/**
 * The team's policies: read, validated and their examples run (or taken from the cache when this exact content was
 * validated before). `bundle` is undefined when there are none; `error` names every problem by file:line (the caller
 * throws it as a usage error, exit 2: this module is a bundle of its own, so it does not throw the CLI's error class).
 */
export async function loadPolicies(src: PolicySources): Promise<{ bundle?: PolicyBundle; error?: string }> {
  const sources: RawSource[] = [];
  const explicit = src.paths !== undefined;
  const tracked = src.tracked;
  for (const f of policyFiles(src.root, src.paths, tracked && [...tracked.keys()])) {
    let text: string;
    try {
      text = tracked?.get(f) ?? readFileSync(path.join(src.root, f), 'utf8');
    } catch (e) {
      return { error: `${f}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
    // In the default folder, a file that does not look like policies (an IAM policy document, say) is not ours.
    const looksLikePolicies = /^\s*-?\s*id:\s*\S/m.test(text) && /^\s*condition:/m.test(text);
    sources.push({ file: f, text, inConfig: false, optional: !explicit && !looksLikePolicies });
  }
  if (src.inline) sources.push({ ...src.inline, inConfig: true, optional: false });
  if (!sources.length) return {};
  const env = src.env ?? {};
  const hash = createHash('sha256')
    .update(
      [
        version,
        JSON.stringify(src.envGlobs ?? []),
        [...src.knownIds].sort().join(','),
        ...sources.map((s) => `${s.file}\0${s.text}`),
      ].join('\0\0'),
    )
    .digest('hex')
    .slice(0, 32);
  const dir = env.HOOKGUARD_POLICY_CACHE === '0' ? undefined : cacheDir(env);
  const cached = dir ? path.join(dir, `policies-${hash}.json`) : undefined;
  if (cached)
    try {
      const b = JSON.parse(readFileSync(cached, 'utf8')) as PolicyBundle;
      if (Array.isArray(b.policies)) return b.policies.length ? { bundle: b } : {};
    } catch {
      /* not cached yet */
    }
  const { policies, errors } = parsePolicies(sources, src.knownIds);
  for (const p of policies) errors.push(...specErrors(p));
  if (errors.length) return { error: `invalid policies:\n  ${errors.join('\n  ')}` };
  const bundle: PolicyBundle = { policies, ...(src.envGlobs?.length ? { envGlobs: src.envGlobs } : {}) };
  const bad = checkExamples(bundle, await src.families());
  if (bad.length) return { error: `policies whose examples do not behave:\n  ${bad.join('\n  ')}` };
  if (cached && dir)
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${cached}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(bundle));
      renameSync(tmp, cached);
    } catch {
      /* not writable: validate again next time */
    }
  return policies.length ? { bundle } : {};
}
