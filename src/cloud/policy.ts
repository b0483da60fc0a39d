/**
 * The policy-statement analyser: one reading of IAM policy documents for identity policies (what a principal may
 * do), trust policies (who may assume a role) and resource policies (who may use a bucket, queue, key…), whatever the
 * format. A document may be a mapping, or a string holding JSON (a CloudFormation `Json` property, an Ansible
 * `policy_json`, a folded `>` YAML scalar); strings are parsed. Values that cannot be known (Jinja, `!Ref` without
 * Default, `${…}` inside a `!Sub` string) stay unknown and never count as a wildcard.
 */
import { parse as parseYamlText } from 'yaml';
import type { CValue, Loc } from './model.js';
import { asStr, get, isKnown, items, options, scalars, type Scalar } from './values.js';

export type PolicyKind = 'identity' | 'trust' | 'resource';

export interface Statement {
  /** The statement itself (report here when no better place exists). */
  at: CValue;
  sid?: string | undefined;
  allow: boolean;
  deny: boolean;
  action?: CValue | undefined;
  notAction?: CValue | undefined;
  resource?: CValue | undefined;
  notResource?: CValue | undefined;
  principal?: CValue | undefined;
  notPrincipal?: CValue | undefined;
  condition?: CValue | undefined;
  actions: Scalar[];
  notActions: Scalar[];
  resources: Scalar[];
}

const MAX_JSON = 256 * 1024;

/** Plain JSON data → a normalised value whose every part is located at `l` (the string that held it). */
function fromPlain(v: unknown, l: Loc, path: string, depth = 0): CValue {
  const here: Loc = { ...l, path };
  if (depth > 40) return { t: 'unknown', loc: here };
  if (Array.isArray(v))
    return { t: 'list', items: v.map((x, i) => fromPlain(x, l, `${path}[${i}]`, depth + 1)), loc: here };
  if (v && typeof v === 'object') {
    const entries = new Map<string, CValue>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      entries.set(k, fromPlain(x, l, `${path}.${k}`, depth + 1));
    return { t: 'map', entries, loc: here };
  }
  if (typeof v === 'string') {
    // `${Var}` inside a !Sub string, or Jinja left in a JSON string: cannot be known.
    if (/\$\{[^}]*\}|\{\{|\{%/.test(v)) return { t: 'unknown', loc: here, raw: v };
    return { t: 'scalar', value: v, loc: here };
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return { t: 'scalar', value: v, loc: here };
  return { t: 'unknown', loc: here };
}

function parseDocText(text: string): unknown {
  const s = text.trim();
  if (!s.startsWith('{') || s.length > MAX_JSON) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    try {
      // Folded scalars and hand-written documents are sometimes YAML flow mappings rather than strict JSON.
      const y: unknown = parseYamlText(s, { maxAliasCount: 10, prettyErrors: false, logLevel: 'error' });
      return y && typeof y === 'object' ? y : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * A policy document as a mapping: a mapping is itself; a string (or an unknown `!Sub` string whose text is JSON) is
 * parsed; anything else is undefined. Alternatives (`!If`) are kept as alternatives.
 */
export function policyDocument(v: CValue | undefined): CValue | undefined {
  if (!v) return undefined;
  if (v.t === 'map') return v;
  if (v.t === 'alt') {
    const opts = v.options.map(policyDocument).filter((x): x is CValue => x !== undefined);
    return opts.length === 0 ? undefined : opts.length === 1 ? opts[0] : { t: 'alt', options: opts, loc: v.loc };
  }
  const text = v.t === 'scalar' && typeof v.value === 'string' ? v.value : v.t === 'unknown' ? v.raw : undefined;
  if (text === undefined) return undefined;
  const data = parseDocText(text);
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  return fromPlain(data, v.loc, v.loc.path);
}

function effectIs(s: CValue | undefined, want: string): boolean {
  return scalars(s).some((x) => isKnown(x) && asStr(x) === want);
}

/** Statements of a policy document (every `!If` option expanded; a single statement mapping counts too). */
export function statements(doc: CValue | undefined): Statement[] {
  const out: Statement[] = [];
  for (const d of options(policyDocument(doc))) {
    for (const s of items(get(d, 'Statement'))) {
      if (s.t !== 'map') continue;
      const action = get(s, 'Action');
      const notAction = get(s, 'NotAction');
      const resource = get(s, 'Resource');
      const sid = scalars(get(s, 'Sid')).map(asStr)[0];
      out.push({
        at: s,
        sid,
        allow: effectIs(get(s, 'Effect'), 'Allow'),
        deny: effectIs(get(s, 'Effect'), 'Deny'),
        action,
        notAction,
        resource,
        notResource: get(s, 'NotResource'),
        principal: get(s, 'Principal'),
        notPrincipal: get(s, 'NotPrincipal'),
        condition: get(s, 'Condition'),
        actions: scalars(action),
        notActions: scalars(notAction),
        resources: scalars(resource),
      });
    }
  }
  return out;
}

/** Does an IAM action pattern (with `*`/`?` wildcards) cover `action` (e.g. `iam:PassRole`)? Case-insensitive. */
export function actionCovers(pattern: string, action: string): boolean {
  const p = pattern.trim().toLowerCase();
  const a = action.toLowerCase();
  if (p === '*') return true;
  if (!p.includes('*') && !p.includes('?')) return p === a;
  const re = new RegExp(
    `^${p
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(a);
}

/** Known action strings of a statement. */
export function actionNames(s: Statement): string[] {
  return s.actions.flatMap((a) => (isKnown(a) ? [asStr(a) ?? ''] : [])).filter(Boolean);
}

/** An Allow statement that grants `action`: an Action pattern covers it, or a NotAction list does not exclude it. */
export function grants(s: Statement, action: string): Scalar | undefined {
  if (!s.allow) return undefined;
  const hit = s.actions.find((a) => isKnown(a) && actionCovers(asStr(a) ?? '', action));
  if (hit) return hit;
  if (s.notAction && s.notActions.every((a) => isKnown(a) && !actionCovers(asStr(a) ?? '', action)))
    return { value: 'NotAction', at: s.notAction };
  return undefined;
}

/** Action entries that are `*` or `service:*`. */
export function wildcardActions(s: Statement): Scalar[] {
  return s.actions.filter((a) => {
    const v = isKnown(a) ? asStr(a) : undefined;
    return v !== undefined && (v === '*' || /^[a-z0-9-]+:\*$/i.test(v));
  });
}

/** Resource entry `*`, if any. */
export function wildcardResource(s: Statement): Scalar | undefined {
  return s.resources.find((r) => isKnown(r) && asStr(r) === '*');
}

export interface PrincipalEntry {
  /** `*` (a bare wildcard principal), `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  type: string;
  value: Scalar;
}

/** The principals a statement names (each option expanded). */
export function principals(p: CValue | undefined): PrincipalEntry[] {
  const out: PrincipalEntry[] = [];
  for (const o of options(p)) {
    if (o.t === 'map') {
      for (const [k, v] of o.entries) for (const s of scalars(v)) out.push({ type: k, value: s });
    } else for (const s of scalars(o)) out.push({ type: '*', value: s });
  }
  return out;
}

/** A principal that is anyone: `*`, `{AWS: "*"}`, `{CanonicalUser: "*"}`. */
export function wildcardPrincipal(s: Statement): Scalar | undefined {
  return principals(s.principal).find(
    (e) => ['*', 'AWS', 'CanonicalUser'].includes(e.type) && isKnown(e.value) && asStr(e.value) === '*',
  )?.value;
}

/** One condition test: `StringEquals: {"sts:ExternalId": "x"}` → op `stringequals`, key `sts:externalid`. */
export interface ConditionEntry {
  /** The operator, lower-cased, without a `ForAnyValue:`/`ForAllValues:` qualifier (`stringequals`, `bool`). */
  op: string;
  /** The condition key, lower-cased. */
  key: string;
  /** Its values (a list expanded). */
  values: Scalar[];
  at: CValue;
}

/** Every test of a statement's Condition (each option expanded). An unknown operator block yields nothing. */
export function conditionEntries(s: Statement): ConditionEntry[] {
  const out: ConditionEntry[] = [];
  for (const c of options(s.condition))
    if (c.t === 'map')
      for (const [op, block] of c.entries)
        for (const o of options(block))
          if (o.t === 'map')
            for (const [k, v] of o.entries)
              out.push({
                op: op.toLowerCase().replace(/^for(?:any|all)values:/, ''),
                key: k.toLowerCase(),
                values: scalars(v),
                at: v,
              });
  return out;
}

/**
 * Does a condition test restrict who gets in? Judged by what it says, not by being there: no value, or only empty
 * or `*` values restrict nothing; `Bool`/`Null` tests restrict only with the value that requires the key
 * (`Bool: {aws:MultiFactorAuthPresent: "false"}` lets in exactly those without MFA). A value that cannot be known
 * restricts (unknown is never insecure).
 */
export function restricts(e: ConditionEntry): boolean {
  if (e.values.length === 0) return false;
  if (e.op === 'null') return e.values.some((v) => !isKnown(v) || String(v.value).toLowerCase() === 'false');
  if (e.op.startsWith('bool')) return e.values.some((v) => !isKnown(v) || String(v.value).toLowerCase() === 'true');
  return e.values.some((v) => !isKnown(v) || (v.value !== null && !['', '*'].includes(String(v.value).trim())));
}

/** Condition keys the caller sets as it likes (a browser's Referer, its User-Agent): they restrict nothing. */
const CLIENT_KEYS = new Set(['aws:referer', 'aws:useragent']);

/** A Condition that constrains: a test that restricts on a key the caller does not choose, or one that cannot be known. */
export function hasCondition(s: Statement): boolean {
  if (!s.condition) return false;
  if (options(s.condition).some((c) => c.t !== 'map')) return true;
  return conditionEntries(s).some((e) => !CLIENT_KEYS.has(e.key) && restricts(e));
}

/** Only client-chosen keys (aws:Referer, aws:UserAgent) in a condition that is present: named in messages. */
export function clientOnlyCondition(s: Statement): string | undefined {
  if (!s.condition || hasCondition(s)) return undefined;
  const keys = [
    ...new Set(
      conditionEntries(s)
        .filter((e) => CLIENT_KEYS.has(e.key))
        .map((e) => e.key),
    ),
  ];
  return keys.length ? keys.map((k) => (k === 'aws:referer' ? 'aws:Referer' : 'aws:UserAgent')).join(', ') : undefined;
}

/** Condition keys used by a statement, lower-cased (`sts:externalid`, `aws:multifactorauthpresent`). */
export function conditionKeys(s: Statement): string[] {
  return conditionEntries(s).map((e) => e.key);
}

/** Allow statements open to any principal without a condition that restricts (resource policies). */
export function publicStatements(doc: CValue | undefined): Array<{ s: Statement; at: Scalar; client?: string }> {
  const out: Array<{ s: Statement; at: Scalar; client?: string }> = [];
  for (const s of statements(doc)) {
    if (!s.allow || hasCondition(s)) continue;
    const w = wildcardPrincipal(s);
    const client = clientOnlyCondition(s);
    if (w) out.push({ s, at: w, ...(client ? { client } : {}) });
  }
  return out;
}

/** The 12-digit account of an AWS principal (`123456789012`, `arn:aws:iam::123456789012:root`), if it names one. */
export function principalAccount(v: string): string | undefined {
  const s = v.trim();
  if (/^\d{12}$/.test(s)) return s;
  return /^arn:aws[\w-]*:iam::(\d{12}):/.exec(s)?.[1];
}

/** `arn:…:iam::ACCOUNT:root` or a bare account id: the whole account, every principal in it that its admins allow. */
export function isAccountRoot(v: string): boolean {
  const s = v.trim();
  return /^\d{12}$/.test(s) || /^arn:aws[\w-]*:iam::\d{12}:root$/.test(s);
}
