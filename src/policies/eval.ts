/**
 * Evaluating a policy condition over one normalised resource (src/cloud/model.ts). Three outcomes, as in the built-in
 * rules: `pass`, `fail` (with the value to blame) and `unknown` — a `!Ref` without Default, a GetAtt, Jinja, a vaulted
 * value, or a property a partial resource (an Ansible task that sets only some of it) leaves out. Unknown is never a
 * violation: `all` fails when a part fails, `any` passes when a part passes, `not` swaps pass and fail.
 */
import { cidrContains, isWorldCidr } from '../cloud/constants.js';
import { statements } from '../cloud/policy.js';
import { asNum, isSet, options, scalars, asBool } from '../cloud/values.js';
import { UNKNOWN, type CloudResource, type CValue, type Plain } from '../cloud/model.js';
import type { Cond } from './types.js';

export type Outcome = { r: 'pass' } | { r: 'unknown' } | { r: 'fail'; at?: CValue | undefined; detail: string };

const PASS: Outcome = { r: 'pass' };
const UNK: Outcome = { r: 'unknown' };

export interface EvalContext {
  /** Every resource of the same file (for `related`). */
  all: readonly CloudResource[];
  /** The file's environment class (`prod`, `dev`…), when the path names one. */
  environment?: string | undefined;
}

/** A value found at an attribute path: a value, nothing (`absent`), or a place the path could not be followed. */
type Found = { v: CValue } | { absent: true; at?: CValue | undefined } | { unknown: true };

/** Split `A.B[].C`, `A.*.C`, `A[0].C` into segments (`[]`/`*`: every item; `[0]`: one item). */
export function splitPath(p: string): string[] {
  const out: string[] = [];
  for (const part of p.split('.')) {
    const m = /^([^[\]]*)((?:\[\d*\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const b of m[2]!.match(/\[\d*\]/g) ?? []) out.push(b);
  }
  return out.filter((s) => s !== '');
}

/** Every value at `path` under `v` (alternatives of `!If` expanded: each may be deployed). */
export function walk(v: CValue | undefined, path: readonly string[], from?: CValue): Found[] {
  if (v === undefined) return [{ absent: true, at: from }];
  if (!path.length) return [{ v }];
  const [seg, ...rest] = path as [string, ...string[]];
  const out: Found[] = [];
  for (const o of options(v)) {
    if (o.t === 'unknown') {
      out.push({ unknown: true });
      continue;
    }
    if (seg === '[]' || seg === '*') {
      if (o.t === 'list') {
        if (!o.items.length) out.push({ absent: true, at: o });
        for (const it of o.items) out.push(...walk(it, rest, o));
      } else if (o.t === 'map' && seg === '*') for (const e of o.entries.values()) out.push(...walk(e, rest, o));
      else out.push(...walk(o, rest, o));
      continue;
    }
    const idx = /^\[(\d+)\]$/.exec(seg);
    if (idx) {
      out.push(...walk(o.t === 'list' ? o.items[Number(idx[1])] : undefined, rest, o));
      continue;
    }
    if (o.t === 'map') out.push(...walk(o.entries.get(seg), rest, o));
    else if (o.t === 'list') {
      // A list of {Key, Value} (CloudFormation Tags) is read as a mapping: `Tags.data` is the Value whose Key is data,
      // as Ansible's `tags: {data: …}` is — one path for both formats.
      let hit: CValue | undefined;
      let unsure = false;
      for (const it of o.items)
        for (const io of options(it)) {
          if (io.t !== 'map') continue;
          const key = scalars(io.entries.get('Key'))[0];
          if (!key || key.value === UNKNOWN) unsure = true;
          else if (String(key.value) === seg) hit = io.entries.get('Value');
        }
      if (hit) out.push(...walk(hit, rest, o));
      else if (unsure) out.push({ unknown: true });
      else out.push({ absent: true, at: o });
    } else out.push({ absent: true, at: o });
  }
  return out;
}

/** Combine: a failing part fails the whole; otherwise any unknown part leaves it unknown. */
function allOf(outs: Outcome[]): Outcome {
  const f = outs.find((o) => o.r === 'fail');
  if (f) return f;
  return outs.some((o) => o.r === 'unknown') ? UNK : PASS;
}

function anyOf(outs: Outcome[], none: Outcome): Outcome {
  if (outs.some((o) => o.r === 'pass')) return PASS;
  if (outs.some((o) => o.r === 'unknown')) return UNK;
  return outs.find((o) => o.r === 'fail') ?? none;
}

function show(x: unknown): string {
  return typeof x === 'string' ? JSON.stringify(x) : Array.isArray(x) ? `[${x.map(show).join(', ')}]` : String(x);
}

/** Loose equality between a policy's literal and a template's scalar (`true` = "true" = yes; 22 = "22"). */
export function same(want: unknown, got: Plain): boolean {
  if (want === null || got === null) return want === got;
  if (typeof want === 'boolean') return asBool(got) === want;
  if (typeof want === 'number') return asNum(got) === want;
  if (typeof got === 'boolean') return asBool(String(want)) === got;
  return String(want) === String(got);
}

/** Does `v` hold `want` (a scalar among its items, a {k: v} subset of a mapping item, a substring of a string)? */
function holds(v: CValue, want: unknown): 'yes' | 'no' | 'unknown' {
  let unsure = false;
  const match = (c: CValue): boolean => {
    if (c.t === 'unknown') {
      unsure = true;
      return false;
    }
    if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
      if (c.t !== 'map') return false;
      return Object.entries(want as Record<string, unknown>).every(([k, w]) => {
        const sub = c.entries.get(k);
        if (!sub) return false;
        return scalars(sub).some((s) => (s.value === UNKNOWN ? ((unsure = true), false) : same(w, s.value)));
      });
    }
    return scalars(c).some((s) => (s.value === UNKNOWN ? ((unsure = true), false) : same(want, s.value)));
  };
  for (const o of options(v)) {
    if (o.t === 'scalar' && typeof o.value === 'string' && typeof want === 'string') {
      if (o.value.includes(want)) return 'yes';
      continue;
    }
    if (o.t === 'list') {
      for (const it of o.items) for (const io of options(it)) if (match(io)) return 'yes';
    } else if (o.t === 'map' && typeof want === 'string') {
      if (o.entries.has(want)) return 'yes';
    } else if (match(o)) return 'yes';
  }
  return unsure ? 'unknown' : 'no';
}

/** One scalar against a scalar operator. */
function scalarTest(op: string, want: unknown, got: Plain, regex?: RegExp): boolean | undefined {
  switch (op) {
    case 'equals':
      return same(want, got);
    case 'not-equals':
      return !same(want, got);
    case 'in':
      return (want as unknown[]).some((w) => same(w, got));
    case 'not-in':
      return !(want as unknown[]).some((w) => same(w, got));
    case 'matches':
      return regex!.test(String(got));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const n = asNum(got);
      if (n === undefined) return false;
      const w = want as number;
      return op === 'gt' ? n > w : op === 'gte' ? n >= w : op === 'lt' ? n < w : n <= w;
    }
    case 'cidr-is-world':
      return isWorldCidr(String(got)) === want;
    case 'cidr-within': {
      const outers = Array.isArray(want) ? (want as string[]) : [want as string];
      const r = outers.map((o) => cidrContains(o, String(got)));
      if (r.includes(true)) return true;
      return r.includes(undefined) && !r.includes(false) ? undefined : false;
    }
  }
  return undefined;
}

const regexCache = new Map<string, RegExp>();

function countTest(n: number, want: unknown): boolean {
  if (typeof want === 'number') return n === want;
  const w = want as Record<string, number>;
  return (
    (w.equals === undefined || n === w.equals) &&
    (w.gt === undefined || n > w.gt) &&
    (w.gte === undefined || n >= w.gte) &&
    (w.lt === undefined || n < w.lt) &&
    (w.lte === undefined || n <= w.lte)
  );
}

/** Does a policy document deny requests without TLS (a Deny statement conditioned on aws:SecureTransport false)? */
function deniesInsecureTransport(doc: CValue): 'yes' | 'no' | 'unknown' {
  if (options(doc).some((o) => o.t === 'unknown' || (o.t === 'scalar' && typeof o.value === 'string')))
    return 'unknown';
  for (const s of statements(doc)) {
    if (!s.deny) continue;
    for (const op of options(s.condition))
      for (const c of op.t === 'map' ? [...op.entries.values()] : [])
        for (const m of options(c))
          if (m.t === 'map')
            for (const [k, v] of m.entries)
              if (k.toLowerCase() === 'aws:securetransport' && scalars(v).some((x) => same(false, x.value as Plain)))
                return 'yes';
  }
  return 'no';
}

/** A leaf: the attribute's values against the operator. */
function leaf(c: Extract<Cond, { attribute: string }>, r: CloudResource): Outcome {
  const found = walk(r.props, c.path, r.props);
  const at = (f: Found) => ('v' in f ? f.v : 'absent' in f ? f.at : undefined);
  const absentOutcome = (f: Found): Outcome =>
    r.partial ? UNK : { r: 'fail', at: at(f), detail: `${c.attribute} is not set` };
  switch (c.op) {
    case 'exists': {
      const want = c.value !== false;
      const outs: Outcome[] = found.map((f) =>
        'unknown' in f
          ? UNK
          : 'v' in f && isSet(f.v)
            ? want
              ? PASS
              : { r: 'fail', at: f.v, detail: `${c.attribute} is set` }
            : want
              ? absentOutcome(f)
              : PASS,
      );
      return want ? anyOf(outs, absentOutcome(found[0] ?? { absent: true })) : allOf(outs);
    }
    case 'absent': {
      const outs: Outcome[] = found.map((f) =>
        'unknown' in f
          ? UNK
          : 'v' in f && isSet(f.v)
            ? c.value === false
              ? PASS
              : { r: 'fail', at: f.v, detail: `${c.attribute} is set` }
            : c.value === false
              ? absentOutcome(f)
              : PASS,
      );
      return allOf(outs);
    }
    case 'count': {
      let n = 0;
      for (const f of found) {
        if ('unknown' in f) return UNK;
        if ('v' in f) for (const o of options(f.v)) n += o.t === 'list' ? o.items.length : o.t === 'unknown' ? NaN : 1;
      }
      if (Number.isNaN(n)) return UNK;
      if (r.partial && n === 0) return UNK;
      return countTest(n, c.value)
        ? PASS
        : { r: 'fail', at: at(found[0]!), detail: `${c.attribute} has ${n} item${n === 1 ? '' : 's'}` };
    }
    case 'contains':
      return allOf(
        found.map((f): Outcome => {
          if ('unknown' in f) return UNK;
          if (!('v' in f)) return absentOutcome(f);
          const h = holds(f.v, c.value);
          return h === 'yes'
            ? PASS
            : h === 'unknown'
              ? UNK
              : { r: 'fail', at: f.v, detail: `${c.attribute} does not contain ${show(c.value)}` };
        }),
      );
    case 'denies-insecure-transport':
      return allOf(
        found.map((f): Outcome => {
          if ('unknown' in f) return UNK;
          if (!('v' in f)) return absentOutcome(f);
          const h = deniesInsecureTransport(f.v);
          const ok = h === 'yes' ? c.value !== false : h === 'no' ? c.value === false : undefined;
          return ok === undefined
            ? UNK
            : ok
              ? PASS
              : {
                  r: 'fail',
                  at: f.v,
                  detail: `${c.attribute} does not deny requests without TLS (aws:SecureTransport)`,
                };
        }),
      );
  }
  let regex: RegExp | undefined;
  if (c.op === 'matches') {
    const src = String(c.value);
    regex = regexCache.get(src);
    if (!regex) regexCache.set(src, (regex = new RegExp(src)));
  }
  const outs: Outcome[] = [];
  for (const f of found) {
    if ('unknown' in f) {
      outs.push(UNK);
      continue;
    }
    if (!('v' in f)) {
      outs.push(absentOutcome(f));
      continue;
    }
    const vals = scalars(f.v);
    if (!vals.length) outs.push(absentOutcome({ absent: true, at: f.v }));
    for (const s of vals) {
      if (s.value === UNKNOWN || s.value === null) {
        outs.push(s.value === null ? absentOutcome({ absent: true, at: s.at }) : UNK);
        continue;
      }
      const ok = scalarTest(c.op, c.value, s.value, regex);
      outs.push(
        ok === undefined
          ? UNK
          : ok
            ? PASS
            : {
                r: 'fail',
                at: s.at,
                detail: `${c.attribute} is ${show(s.value)}${s.why ? ` (${s.why})` : ''}, the policy wants ${c.op} ${show(c.value)}`,
              },
      );
    }
  }
  return allOf(outs);
}

/** Does `other` refer to `r` (a `!Ref`/`!GetAtt` naming it, or its name), or come from the same Ansible task? */
function refersTo(other: CloudResource, r: CloudResource, via: string | undefined): 'yes' | 'no' | 'unknown' {
  if (r.format === 'ansible') {
    if (other.origin === r.origin) return 'yes';
    if (!via) return 'no';
  }
  if (!via) return 'no';
  const names = new Set([r.name]);
  for (const k of ['BucketName', 'GroupName', 'QueueName', 'TopicName', 'Name'])
    for (const s of scalars(r.props.entries.get(k))) if (typeof s.value === 'string') names.add(s.value);
  let unsure = false;
  for (const f of walk(other.props, splitPath(via)))
    if ('v' in f)
      for (const s of scalars(f.v)) {
        if (s.ref && names.has(s.ref)) return 'yes';
        if (s.value === UNKNOWN) unsure = true;
        else if (names.has(String(s.value))) return 'yes';
      }
    else if ('unknown' in f) unsure = true;
  return unsure ? 'unknown' : 'no';
}

export function evaluate(c: Cond, r: CloudResource, ctx: EvalContext): Outcome {
  if ('all' in c) return allOf(c.all.map((x) => evaluate(x, r, ctx)));
  if ('any' in c)
    return anyOf(
      c.any.map((x) => evaluate(x, r, ctx)),
      { r: 'fail', detail: 'no alternative holds' },
    );
  if ('not' in c) {
    const o = evaluate(c.not, r, ctx);
    return o.r === 'pass' ? { r: 'fail', detail: 'a condition the policy forbids holds' } : o.r === 'fail' ? PASS : UNK;
  }
  if ('environment' in c) {
    if (!ctx.environment) return UNK;
    const hit = c.environment.names.includes(ctx.environment);
    return hit === (c.environment.op === 'in') ? PASS : { r: 'fail', detail: `environment is ${ctx.environment}` };
  }
  if ('each' in c) {
    const outs: Outcome[] = [];
    for (const f of walk(r.props, c.each.path, r.props)) {
      if ('unknown' in f) {
        outs.push(UNK);
        continue;
      }
      if (!('v' in f)) continue; // no items: nothing to judge
      for (const item of options(f.v)) {
        if (item.t === 'unknown') {
          outs.push(UNK);
          continue;
        }
        if (item.t !== 'map') continue;
        // The item seen as a resource of its own: paths inside `where` and `condition` start at the item.
        const sub: CloudResource = { ...r, props: item };
        const w = c.each.where ? evaluate(c.each.where, sub, ctx) : PASS;
        if (w.r === 'fail') continue;
        const inner = evaluate(c.each.condition, sub, ctx);
        outs.push(w.r === 'unknown' && inner.r === 'fail' ? UNK : inner);
      }
    }
    return allOf(outs);
  }
  if ('related' in c) {
    const rel = c.related;
    const outs: Outcome[] = [];
    for (const o of ctx.all) {
      if (o === r || o.kind !== rel.kind) continue;
      const link = refersTo(o, r, rel.via);
      if (link === 'no') continue;
      const inner = rel.condition ? evaluate(rel.condition, o, ctx) : PASS;
      outs.push(link === 'unknown' && inner.r === 'pass' ? UNK : inner);
    }
    const none: Outcome = { r: 'fail', detail: `no ${rel.kind} refers to ${r.name}` };
    const any = anyOf(outs, none);
    // A related resource that exists but breaks the inner condition: blame it, with its own detail.
    return any.r === 'fail' && outs.length ? { ...any, detail: `${rel.kind} of ${r.name}: ${any.detail}` } : any;
  }
  return leaf(c, r);
}
