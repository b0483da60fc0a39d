/** Reading normalised values: lookups, scalar alternatives, list items, booleans and numbers. */
import { UNKNOWN, type CMap, type CValue, type Loc, type Plain } from './model.js';

/** One possible scalar value of a property, with the node to report at. */
export interface Scalar {
  value: Plain | typeof UNKNOWN;
  at: CValue;
  why?: string | undefined;
  ref?: string | undefined;
  raw?: string | undefined;
}

export function isKnown(s: Scalar): s is Scalar & { value: Plain } {
  return s.value !== UNKNOWN;
}

export function map(entries: Map<string, CValue>, loc: Loc): CMap {
  return { t: 'map', entries, loc };
}

export function unknown(loc: Loc, why?: string, raw?: string): CValue {
  return { t: 'unknown', loc, ...(why ? { why } : {}), ...(raw !== undefined ? { raw } : {}) };
}

/** Property `key` of a map (dotted paths walk maps); through an `alt`, an `alt` of what each option has. */
export function get(v: CValue | undefined, path: string): CValue | undefined {
  let cur = v;
  for (const key of path.split('.')) {
    if (!cur) return undefined;
    cur = get1(cur, key);
  }
  return cur;
}

function get1(v: CValue, key: string): CValue | undefined {
  if (v.t === 'map') return v.entries.get(key);
  if (v.t === 'alt') {
    const opts = v.options.map((o) => get1(o, key)).filter((o): o is CValue => o !== undefined);
    if (!opts.length) return undefined;
    return opts.length === 1 ? opts[0] : { t: 'alt', options: opts, loc: v.loc };
  }
  return undefined;
}

/** The options of a value (an `alt` expanded, recursively); any other value is its own single option. */
export function options(v: CValue | undefined): CValue[] {
  if (!v) return [];
  if (v.t === 'alt') return v.options.flatMap(options);
  return [v];
}

/** Items of a list (each item's options expanded); a value that is not a list gives its options. */
export function items(v: CValue | undefined): CValue[] {
  const out: CValue[] = [];
  for (const o of options(v)) {
    if (o.t === 'list') for (const it of o.items) out.push(...options(it));
    else out.push(o);
  }
  return out;
}

/** Every scalar value a property may take: options expanded, lists flattened; maps are unknown. */
export function scalars(v: CValue | undefined): Scalar[] {
  const out: Scalar[] = [];
  for (const o of items(v)) {
    if (o.t === 'scalar') out.push({ value: o.value, at: o, why: o.why, ref: o.ref });
    else if (o.t === 'unknown') out.push({ value: UNKNOWN, at: o, why: o.why, ref: o.ref, raw: o.raw });
    else if (o.t === 'list') out.push(...scalars(o));
    else out.push({ value: UNKNOWN, at: o });
  }
  return out;
}

/** Literal boolean (also "true"/"false", and Ansible's yes/no words). */
export function asBool(v: Plain | typeof UNKNOWN): boolean | undefined {
  if (v === true || v === false) return v;
  if (typeof v === 'string') {
    const l = v.trim().toLowerCase();
    if (l === 'true' || l === 'yes' || l === 'on') return true;
    if (l === 'false' || l === 'no' || l === 'off') return false;
  }
  return undefined;
}

/** Literal number (also numeric strings). */
export function asNum(v: Plain | typeof UNKNOWN): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function asStr(s: Scalar): string | undefined {
  return typeof s.value === 'string' ? s.value.trim() : typeof s.value === 'number' ? String(s.value) : undefined;
}

/** A boolean property: absent, or the first option that is literally true / false (unknown options are neither). */
export function boolOf(v: CValue | undefined): { absent: boolean; falseAt?: Scalar; trueAt?: Scalar } {
  if (v === undefined) return { absent: true };
  const vals = scalars(v);
  const falseAt = vals.find((s) => asBool(s.value) === false);
  const trueAt = vals.find((s) => asBool(s.value) === true);
  return { absent: false, ...(falseAt ? { falseAt } : {}), ...(trueAt ? { trueAt } : {}) };
}

/**
 * Is the value set? The one notion of "set" for every check and format: absent, null (`Key:`), an empty string
 * (`KMSKeyId: ""`, Azure `security_group: ""`), an empty list (`Groups: []`) and an empty mapping are not set; a
 * value that cannot be known is set (unknown is never insecure). Through an `alt` (`!If`), set when any option is.
 */
export function isSet(v: CValue | undefined, depth = 0): boolean {
  if (v === undefined) return false;
  switch (v.t) {
    case 'unknown':
      return true;
    case 'scalar':
      return v.value !== null && !(typeof v.value === 'string' && v.value.trim() === '');
    case 'list':
      return depth > 20 || v.items.some((i) => isSet(i, depth + 1));
    case 'map':
      // A mapping of only unset values (`disk_encryption_key: {raw_key: ""}`) sets nothing.
      return depth > 20 || [...v.entries.values()].some((e) => isSet(e, depth + 1));
    case 'alt':
      return v.options.some((o) => isSet(o, depth + 1));
  }
}

/** The value at `path` when it is set (see `isSet`), else undefined: `if (!getSet(r.props, 'KmsKeyId'))`. */
export function getSet(v: CValue | undefined, path: string): CValue | undefined {
  const x = get(v, path);
  return isSet(x) ? x : undefined;
}

/** Is the property set? (The same as `isSet`; kept for the checks that read "present".) */
export function present(v: CValue | undefined): boolean {
  return isSet(v);
}
