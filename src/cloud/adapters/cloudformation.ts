/**
 * CloudFormation → normalised resources. The vocabulary is CloudFormation's own, so this is the identity on shapes;
 * what it does is resolve intrinsics the way the template model does: literals and `!Ref`s to parameters with a
 * Default are known (with a `why`), `!If` becomes an `alt` of its branches (an `AWS::NoValue` branch disappears),
 * `!Sub`/`!Join`/`!Select`/`!FindInMap` of known values are known, and everything else (a parameter without a Default,
 * GetAtt, ImportValue, `{{resolve:…}}`) is unknown. Locations keep the yaml node, so findings land exactly where the
 * CloudFormation rules always put them.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { UNKNOWN, type CfnTemplate, type Resource, type Val } from '../../parse/cloudformation.js';
import type { CloudResource, CValue, Loc } from '../model.js';

const MAX_DEPTH = 40;
const cache = new WeakMap<CfnTemplate, Map<Resource, CloudResource>>();

/** The node's location; below the top the caller's path is exact already, so the parent walk is done only once. */
function loc(t: CfnTemplate, node: Node, path: string, depth: number): Loc {
  return { node, path: depth > 0 && path ? path : t.pathOf(node) || path };
}

function fromVal(v: Val, l: Loc, ref?: string, raw?: string): CValue {
  const base = { loc: l, ...(v.why ? { why: v.why } : {}), ...(ref ? { ref } : {}) };
  return v.value === UNKNOWN
    ? { t: 'unknown', ...base, ...(raw !== undefined ? { raw } : {}) }
    : { t: 'scalar', value: v.value, ...base };
}

/** Convert any node of a template (a property value, a policy document) to a normalised value. */
export function cfnValue(t: CfnTemplate, node: Node | undefined, path = '', depth = 0): CValue | undefined {
  if (node === undefined) return undefined;
  const l = loc(t, node, path, depth);
  if (depth > MAX_DEPTH) return { t: 'unknown', loc: l };
  const fn = t.intrinsic(node);
  if (fn) {
    if (fn.fn === 'Fn::If') {
      const opts = t
        .branches(node)
        .map((b) => cfnValue(t, b, path, depth + 1))
        .filter((x): x is CValue => x !== undefined);
      if (opts.length === 0) return undefined;
      return opts.length === 1 ? opts[0] : { t: 'alt', options: opts, loc: l };
    }
    if (fn.fn === 'Ref') {
      const name = isScalar(fn.arg) ? String(fn.arg.value) : undefined;
      if (name === 'AWS::NoValue') return undefined;
      const param = name ? t.parameters.get(name) : undefined;
      if (param?.type && /List|CommaDelimited/.test(param.type))
        return { t: 'list', items: t.listValues(node).map((v) => fromVal(v, l, name)), loc: l };
      const vals = t.values(node);
      return alt(
        vals.map((v) => fromVal(v, l, name)),
        l,
      );
    }
    if (fn.fn === 'Fn::Split' || fn.fn === 'Fn::GetAZs' || fn.fn === 'Fn::Cidr') {
      const vals = t.listValues(node);
      return { t: 'list', items: vals.map((v) => fromVal(v, l)), loc: l };
    }
    const raw = fn.fn === 'Fn::Sub' ? t.subTemplate(node) : undefined;
    // GetAtt names the resource it reads (`!GetAtt WebSG.GroupId` → WebSG), like a Ref.
    const ref = fn.fn === 'Fn::GetAtt' ? [...t.references(node)][0] : undefined;
    return alt(
      t.values(node).map((v) => fromVal(v, l, ref, raw)),
      l,
    );
  }
  if (isMap(node)) {
    const entries = new Map<string, CValue>();
    for (const e of t.entries(node)) {
      const v = cfnValue(t, e.value, `${l.path}.${e.key}`, depth + 1);
      if (v) entries.set(e.key, v);
    }
    return { t: 'map', entries, loc: l };
  }
  if (isSeq(node)) {
    const out: CValue[] = [];
    node.items.forEach((it, i) => {
      const v = cfnValue(t, it as Node, `${l.path}[${i}]`, depth + 1);
      if (v) out.push(v);
    });
    return { t: 'list', items: out, loc: l };
  }
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string' && v.includes('{{resolve:'))
      return { t: 'unknown', loc: l, why: 'dynamic reference', raw: v };
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null)
      return { t: 'scalar', value: v, loc: l };
  }
  return { t: 'unknown', loc: l };
}

function alt(vals: CValue[], l: Loc): CValue | undefined {
  if (vals.length === 0) return undefined;
  return vals.length === 1 ? vals[0] : { t: 'alt', options: vals, loc: l };
}

/** The normalised form of a CloudFormation resource (memoised per template). */
export function fromCfnResource(t: CfnTemplate, r: Resource): CloudResource {
  let m = cache.get(t);
  if (!m) cache.set(t, (m = new Map<Resource, CloudResource>()));
  let res = m.get(r);
  if (!res) {
    let props = r.props ? cfnValue(t, r.props, `${r.path}.Properties`) : undefined;
    // SAM: a property the resource leaves out comes from Globals (the transform merges them the same way).
    const globals = t.globalsOf(r.type);
    const g = globals ? cfnValue(t, globals, `Globals.${r.type.slice('AWS::Serverless::'.length)}`) : undefined;
    if (g?.t === 'map') {
      const entries = new Map(g.entries);
      if (props?.t === 'map') for (const [k, v] of props.entries) entries.set(k, v);
      props = { t: 'map', entries, loc: props?.loc ?? { path: `${r.path}.Properties` } };
    }
    res = {
      kind: r.type,
      name: r.id,
      format: 'cloudformation',
      loc: { node: r.keyNode, path: r.path },
      props: props?.t === 'map' ? props : { t: 'map', entries: new Map(), loc: { path: `${r.path}.Properties` } },
      origin: r,
    };
    m.set(r, res);
  }
  return res;
}
