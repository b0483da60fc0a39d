/**
 * Reading Ansible task arguments as normalised values (see ../model.ts): Jinja (`{{ }}`, `{% %}`) and `!vault`
 * values are unknown; positions are the argument's key (where Ansible rules report).
 */
import { isMap, isScalar, isSeq, parse as parseYaml } from 'yaml';
import type { Arg, Pos, Task } from '../../parse/ansible.js';
import type { CMap, CValue, Loc } from '../model.js';

export interface AnsibleSource {
  /** Position of a node of the task's file. */
  pos(node: unknown): Pos;
}

const JINJA = /\{\{|\{%/;

/** A YAML node (or a plain value, for free-form `k=v` arguments) as a normalised value located at `l`. */
export function yamlValue(node: unknown, l: Loc, src: AnsibleSource, depth = 0): CValue {
  const n = node as { tag?: string } | null | undefined;
  if (n && typeof n === 'object' && n.tag === '!vault') return { t: 'unknown', loc: l, why: 'vaulted value' };
  if (depth > 40) return { t: 'unknown', loc: l };
  if (isMap(node)) {
    const entries = new Map<string, CValue>();
    for (const p of node.items) {
      if (!isScalar(p.key)) continue;
      const k = String(p.key.value);
      entries.set(
        k,
        yamlValue(p.value, { path: `${l.path}.${k}`, pos: src.pos(p.key), node: p.value }, src, depth + 1),
      );
    }
    return { t: 'map', entries, loc: l };
  }
  if (isSeq(node)) {
    return {
      t: 'list',
      items: node.items.map((it, i) =>
        yamlValue(it, { path: `${l.path}[${i}]`, pos: src.pos(it), node: it }, src, depth + 1),
      ),
      loc: l,
    };
  }
  const v = isScalar(node) ? node.value : node;
  if (typeof v === 'string') {
    if (JINJA.test(v)) return { t: 'unknown', loc: l, why: 'Jinja expression', raw: v };
    return { t: 'scalar', value: v, loc: l };
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined)
    return { t: 'scalar', value: v ?? null, loc: l };
  return { t: 'unknown', loc: l };
}

/** An argument of a task as a normalised value, located at the argument's key. */
export function argValue(t: Task, a: Arg, src: AnsibleSource): CValue {
  const l: Loc = { path: `${t.path}.${t.module}.${a.key}`, pos: a.keyPos, node: a.node };
  if (a.vault) return { t: 'unknown', loc: l, why: 'vaulted value' };
  return yamlValue(a.node ?? a.value, l, src);
}

/** Every argument of a task as a normalised value. */
export function taskArgs(t: Task, src: AnsibleSource): Map<string, CValue> {
  const out = new Map<string, CValue>();
  for (const a of t.args.values()) out.set(a.key, argValue(t, a, src));
  return out;
}

export function scalar(value: string | number | boolean, l: Loc): CValue {
  return { t: 'scalar', value, loc: l };
}

export function cmap(entries: Map<string, CValue>, l: Loc): CMap {
  return { t: 'map', entries, loc: l };
}

/** The location of a task's module key (where a missing property is reported). */
export function moduleLoc(t: Task): Loc {
  return { path: `${t.path}.${t.module}`, pos: t.modulePos };
}

/** `snake_case` → `PascalCase` (CloudFormation property names). */
export function pascal(k: string): string {
  return k
    .split('_')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('');
}

/** A map or list with every map key renamed `snake_case` → `PascalCase` (with `overrides` for irregular names). */
export function pascalKeys(v: CValue, overrides: Readonly<Record<string, string>> = {}, depth = 0): CValue {
  if (depth > 20) return v;
  if (v.t === 'map') {
    const e = new Map<string, CValue>();
    for (const [k, x] of v.entries) e.set(overrides[k] ?? pascal(k), pascalKeys(x, overrides, depth + 1));
    return { ...v, entries: e };
  }
  if (v.t === 'list') return { ...v, items: v.items.map((x) => pascalKeys(x, overrides, depth + 1)) };
  return v;
}

/** Plain data (a parsed JSON/YAML string) → a normalised value whose every part is located at `l`. */
export function plainValue(v: unknown, l: Loc, depth = 0): CValue {
  if (depth > 40) return { t: 'unknown', loc: l };
  if (Array.isArray(v)) return { t: 'list', items: v.map((x) => plainValue(x, l, depth + 1)), loc: l };
  if (v && typeof v === 'object') {
    const e = new Map<string, CValue>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) e.set(k, plainValue(x, l, depth + 1));
    return { t: 'map', entries: e, loc: l };
  }
  if (typeof v === 'string')
    return JINJA.test(v) ? { t: 'unknown', loc: l, raw: v } : { t: 'scalar', value: v, loc: l };
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return { t: 'scalar', value: v, loc: l };
  return { t: 'unknown', loc: l };
}

/** A string argument holding a YAML or JSON document (`swagger_text`), parsed; undefined when it cannot be read. */
export function documentText(v: CValue): CValue | undefined {
  if (v.t !== 'scalar' || typeof v.value !== 'string' || v.value.length > 512 * 1024) return undefined;
  try {
    const data: unknown = parseYaml(v.value, { maxAliasCount: 10, prettyErrors: false, logLevel: 'error' });
    return data && typeof data === 'object' ? plainValue(data, v.loc) : undefined;
  } catch {
    return undefined;
  }
}
