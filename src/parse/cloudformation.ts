/**
 * CloudFormation template model over `yaml` nodes: short-form tags (`!Ref`, `!Sub`, …) stay on the nodes as tags and
 * are read as their `Fn::` long forms; positions and logical paths come from the nodes, never from injected keys.
 *
 * Resolution is conservative: a value is known when it is a literal, a `!Ref` to a parameter with a literal Default,
 * or a `!Sub`/`!Join`/`!Select`/`!FindInMap` of known values. Everything else (a Ref without default, GetAtt,
 * ImportValue, `{{resolve:…}}`) is UNKNOWN, which rules must treat as "cannot tell", never as insecure.
 * `!If` yields the values of both branches; a branch that is `!Ref AWS::NoValue` yields nothing.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { nodePos, parseYamlAll, type LineCounter, type Pos } from './yaml.js';

/** Short-form tag → long-form intrinsic name. */
export const SHORT_TAGS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!If': 'Fn::If',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/** A value that cannot be known from the template alone. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Plain = string | number | boolean | null;

export interface Val {
  value: Plain | typeof UNKNOWN;
  /** Why the value is what it is (e.g. "Default of parameter AdminCidr"). */
  why?: string;
}

export interface Resource {
  id: string;
  type: string;
  /** The resource's mapping node. */
  node: Node;
  keyNode: Scalar;
  props: Node | undefined;
  metadata: Node | undefined;
  scope: [number, number];
  path: string;
}

export interface Parameter {
  name: string;
  node: Node;
  keyNode: Scalar;
  type: string | undefined;
  defaultNode: Node | undefined;
  noEcho: boolean;
  scope: [number, number];
}

/**
 * A parameter's value for one deployment (an environment's parameter file, a nested stack's `Parameters`): used in
 * place of its Default. `value` undefined: given, but not known (a `!Ref` of the parent's own parameter).
 */
export interface GivenValue {
  value: string | undefined;
  /** Why the value is what it is ("AllowedCidr = 0.0.0.0/0 in params/prod.json"). */
  why: string;
}

export interface Intrinsic {
  fn: string;
  arg: Node | null;
}

/**
 * A value or resource that is deployed only under a condition the parameter defaults leave off (`off`), or under one
 * they cannot decide (`unknown`: it depends on a parameter without a Default or a pseudo parameter).
 */
export interface Gate {
  condition: string;
  /** The condition's value under which the gated part is deployed. */
  when: boolean;
  state: 'off' | 'unknown';
}

/** A key given twice in one mapping: CloudFormation deploys the later value (YAML and JSON alike). */
export interface DuplicateKey {
  key: string;
  /** The later occurrence (the one deployed). */
  keyNode: Scalar;
  /** The earlier occurrence (ignored by CloudFormation). */
  firstNode: Scalar;
  /** Logical path of the mapping holding them. */
  path: string;
}

export interface TemplateError {
  line?: number;
  message: string;
}

const PSEUDO = /^AWS::/;
const MAX_DEPTH = 24;

function str(n: unknown): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
}

/** Literal boolean (CloudFormation also accepts the strings "true"/"false"). */
export function asBool(v: Plain | typeof UNKNOWN): boolean | undefined {
  if (v === true || v === false) return v;
  if (typeof v === 'string') {
    const l = v.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
  }
  return undefined;
}

/** Literal number (CloudFormation also accepts numeric strings). */
export function asNum(v: Plain | typeof UNKNOWN): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function isKnown(v: Val): v is Val & { value: Plain } {
  return v.value !== UNKNOWN;
}

interface ParentLink {
  parent: Node;
  key: string | number;
  keyNode?: Scalar;
}

export class CfnTemplate {
  readonly resources: Resource[] = [];
  readonly parameters = new Map<string, Parameter>();
  /** The `Conditions` section: name → its definition. */
  readonly conditions = new Map<string, Node>();
  readonly errors: TemplateError[] = [];
  /** Keys given twice in one mapping (only looked for when the parse reported them). */
  readonly duplicates: DuplicateKey[] = [];
  readonly root: Node;
  readonly sam: boolean;
  private readonly parents = new WeakMap<Node, ParentLink>();
  private readonly byId = new Map<string, Resource>();
  private readonly conditionMemo = new Map<string, boolean | undefined | null>();

  constructor(
    readonly doc: Document,
    readonly lc: LineCounter,
    /** The text has a mapping with a key given twice: look-ups take the later one, as CloudFormation does. */
    private readonly dupKeys = false,
    /** Parameter values of one deployment, used in place of the defaults (conditions included). */
    readonly given?: ReadonlyMap<string, GivenValue>,
  ) {
    this.root = doc.contents as Node;
    this.link(this.root, 0);
    if (dupKeys) this.findDuplicates(this.root, 0);
    const transform = this.get(this.root, 'Transform');
    const tv = transform ? this.listValues(transform) : [];
    this.sam = tv.some((v) => typeof v.value === 'string' && v.value.startsWith('AWS::Serverless'));
    this.readParameters();
    this.readConditions();
    this.readResources();
  }

  private readConditions(): void {
    for (const e of this.entries(this.get(this.root, 'Conditions'))) this.conditions.set(e.key, e.value);
  }

  /**
   * The value of condition `name` with the parameters' defaults (what a deploy without overrides gets), or undefined
   * when it cannot be known: a parameter without a Default, a pseudo parameter, an unknown condition, a cycle.
   */
  conditionValue(name: string): boolean | undefined {
    const memo = this.conditionMemo.get(name);
    if (memo === null) return undefined; // a cycle
    if (memo !== undefined || this.conditionMemo.has(name)) return memo;
    const node = this.conditions.get(name);
    this.conditionMemo.set(name, null);
    const v = node === undefined ? undefined : this.evalCondition(node, 0);
    this.conditionMemo.set(name, v);
    return v;
  }

  /** `Fn::Equals`/`And`/`Or`/`Not` and `Condition` references, in three-valued logic (undefined = unknown). */
  private evalCondition(node: Node | undefined, depth: number): boolean | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const fn = this.intrinsic(node);
    if (!fn) {
      const n = this.deref(node);
      return isScalar(n) ? asBool(n.value as Plain) : undefined;
    }
    const args = () => this.listArgs(fn.arg);
    switch (fn.fn) {
      case 'Condition': {
        const name = this.scalarArg(fn.arg);
        return name === undefined ? undefined : this.conditionValue(name);
      }
      case 'Fn::Equals': {
        const [a, b] = args().map((x) => this.single(x, depth));
        if (!a || !b || !isKnown(a) || !isKnown(b)) return undefined;
        return String(a.value) === String(b.value);
      }
      case 'Fn::Not': {
        const v = this.evalCondition(args()[0], depth + 1);
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And': {
        const vs = args().map((x) => this.evalCondition(x, depth + 1));
        if (vs.some((v) => v === false)) return false;
        return vs.length > 0 && vs.every((v) => v === true) ? true : undefined;
      }
      case 'Fn::Or': {
        const vs = args().map((x) => this.evalCondition(x, depth + 1));
        if (vs.some((v) => v === true)) return true;
        return vs.length > 0 && vs.every((v) => v === false) ? false : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The gate of a condition name: undefined when the gated part is deployed with the defaults. */
  private gate(condition: string, when: boolean): Gate | undefined {
    const v = this.conditionValue(condition);
    if (v === when) return undefined;
    return { condition, when, state: v === undefined ? 'unknown' : 'off' };
  }

  /** The resource's own `Condition:` when the defaults leave the resource out (or cannot tell). */
  resourceGate(r: Resource): Gate | undefined {
    const c = this.get(r.node, 'Condition');
    const name = isScalar(c) && typeof c.value === 'string' ? c.value : undefined;
    if (name === undefined) return undefined;
    const g = this.gate(name, true);
    return g?.state === 'off' ? g : undefined;
  }

  /**
   * Is `node` inside a branch of an `Fn::If` that the defaults do not take (innermost first)? Walks up from the node
   * to the top of the template; `undefined` when every `Fn::If` above it takes its branch.
   */
  gateOf(node: Node | undefined): Gate | undefined {
    let cur = node;
    for (let guard = 0; cur && guard < 200; guard++) {
      const link = this.parents.get(cur);
      if (!link) return undefined;
      if (typeof link.key === 'number' && (link.key === 1 || link.key === 2) && isSeq(link.parent)) {
        const seq = link.parent;
        const holder = this.parents.get(seq)?.parent;
        const isIf =
          this.intrinsic(seq)?.fn === 'Fn::If' || (holder !== undefined && this.intrinsic(holder)?.fn === 'Fn::If');
        const name = isIf ? this.scalarArg(seq.items[0] as Node) : undefined;
        if (name !== undefined) {
          const g = this.gate(name, link.key === 1);
          if (g) return g;
        }
      }
      cur = link.parent;
    }
    return undefined;
  }

  /** Record parent links for every node (paths and key lookups). */
  private link(node: Node | null | undefined, depth: number): void {
    if (!node || depth > 200) return;
    if (isMap(node)) {
      for (const p of node.items) {
        const k = isScalar(p.key) ? String(p.key.value) : '?';
        if (p.value && typeof p.value === 'object')
          this.parents.set(p.value as Node, {
            parent: node,
            key: k,
            ...(isScalar(p.key) ? { keyNode: p.key } : {}),
          });
        this.link(p.value as Node, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((it, i) => {
        if (it && typeof it === 'object') this.parents.set(it as Node, { parent: node, key: i });
        this.link(it as Node, depth + 1);
      });
    }
  }

  private findDuplicates(node: Node | null | undefined, depth: number): void {
    if (!node || depth > 200) return;
    if (isMap(node)) {
      const seen = new Map<string, Scalar>();
      for (const p of node.items) {
        if (isScalar(p.key)) {
          const k = String(p.key.value);
          const first = seen.get(k);
          if (first) this.duplicates.push({ key: k, keyNode: p.key, firstNode: first, path: this.pathOf(node) });
          else seen.set(k, p.key);
        }
        this.findDuplicates(p.value as Node, depth + 1);
      }
    } else if (isSeq(node)) for (const it of node.items) this.findDuplicates(it as Node, depth + 1);
  }

  private readParameters(): void {
    const params = this.get(this.root, 'Parameters');
    if (!isMap(params)) return;
    for (const p of params.items) {
      const name = str(p.key);
      if (!name || !isScalar(p.key) || !p.value) continue;
      const node = p.value as Node;
      const noEchoNode = this.get(node, 'NoEcho');
      this.parameters.set(name, {
        name,
        node,
        keyNode: p.key,
        type: str(this.get(node, 'Type')),
        defaultNode: this.get(node, 'Default'),
        noEcho: noEchoNode !== undefined && isScalar(noEchoNode) && asBool(noEchoNode.value as Plain) === true,
        scope: this.scopeOf(p.key, node),
      });
    }
  }

  private readResources(): void {
    const res = this.get(this.root, 'Resources');
    if (res === undefined) return;
    if (!isMap(res)) {
      this.errors.push({ line: this.line(res), message: 'Resources must be a mapping of logical ids to resources' });
      return;
    }
    const items = this.dupKeys ? lastWins(res.items) : res.items;
    for (const p of items) {
      const id = isScalar(p.key) ? String(p.key.value) : undefined;
      if (!id || !isScalar(p.key)) continue;
      const node = p.value as Node | null;
      if (!isMap(node)) {
        this.errors.push({ line: this.line(p.key), message: `resource ${id} is not a mapping` });
        continue;
      }
      const typeNode = this.get(node, 'Type');
      const type = str(typeNode);
      if (typeNode === undefined) {
        this.errors.push({ line: this.line(p.key), message: `resource ${id} has no Type` });
        continue;
      }
      if (type === undefined || isScalar(typeNode) === false || typeNode.tag) {
        this.errors.push({ line: this.line(typeNode), message: `resource ${id}: Type must be a string` });
        continue;
      }
      const r: Resource = {
        id,
        type,
        node,
        keyNode: p.key,
        props: this.get(node, 'Properties'),
        metadata: this.get(node, 'Metadata'),
        scope: this.scopeOf(p.key, node),
        path: `Resources.${id}`,
      };
      this.resources.push(r);
      this.byId.set(id, r);
    }
  }

  resource(id: string): Resource | undefined {
    return this.byId.get(id);
  }

  /**
   * The SAM `Globals` section for a serverless resource type (`Globals.Function` for `AWS::Serverless::Function`,
   * `Globals.Api`, `Globals.HttpApi`, …): properties every resource of the type gets unless it sets them itself.
   */
  globalsOf(type: string): Node | undefined {
    if (!this.sam || !type.startsWith('AWS::Serverless::')) return undefined;
    return this.get(this.get(this.root, 'Globals'), type.slice('AWS::Serverless::'.length));
  }

  /** A property of a resource, or (SAM) its Globals value when the resource does not set it. */
  propOf(r: Resource, key: string): Node | undefined {
    return this.get(r.props, key) ?? this.get(this.globalsOf(r.type), key);
  }

  /** [first line, last line] of a key and its value. */
  scopeOf(keyNode: Node, value: Node): [number, number] {
    const s = this.line(keyNode) ?? 1;
    const end = value.range ? this.lc.linePos(Math.max(value.range[0], value.range[1] - 1)).line : s;
    return [s, Math.max(s, end)];
  }

  line(node: unknown): number | undefined {
    return nodePos(node, this.lc)?.line;
  }

  pos(node: unknown): Pos | undefined {
    return nodePos(node, this.lc);
  }

  /** The key scalar whose value is `node`, if any. */
  keyOf(node: Node): Scalar | undefined {
    return this.parents.get(node)?.keyNode;
  }

  parentOf(node: Node): Node | undefined {
    return this.parents.get(node)?.parent;
  }

  /** Stable logical path of a node, e.g. `Resources.Web.Properties.SecurityGroupIngress[0].CidrIp`. */
  pathOf(node: Node): string {
    const parts: string[] = [];
    let cur: Node | undefined = node;
    for (let guard = 0; cur && guard < 200; guard++) {
      const link = this.parents.get(cur);
      if (!link) break;
      parts.push(typeof link.key === 'number' ? `[${link.key}]` : `.${link.key}`);
      cur = link.parent;
    }
    return parts.reverse().join('').replace(/^\./, '');
  }

  private deref(node: unknown): Node | undefined {
    if (isAlias(node)) {
      const r = node.resolve(this.doc);
      return r ?? undefined;
    }
    return (node as Node | null | undefined) ?? undefined;
  }

  /** Map lookup (follows aliases). Returns undefined when `node` is not a map or lacks the key. */
  get(node: Node | undefined, key: string): Node | undefined {
    const n = this.deref(node);
    if (!isMap(n)) return undefined;
    if (this.dupKeys) {
      // The later of duplicate keys is the one CloudFormation deploys.
      for (let i = n.items.length - 1; i >= 0; i--) {
        const p = n.items[i]!;
        if (isScalar(p.key) && p.key.value === key) return this.deref(p.value) ?? nullNode;
      }
      return undefined;
    }
    for (const p of n.items) {
      if (isScalar(p.key) && p.key.value === key) return this.deref(p.value) ?? nullNode;
    }
    return undefined;
  }

  /** Lookup along a dotted path of map keys. */
  at(node: Node | undefined, path: string): Node | undefined {
    let cur = node;
    for (const k of path.split('.')) {
      if (cur === undefined) return undefined;
      cur = this.get(cur, k);
    }
    return cur;
  }

  /** Entries of a map node (key, key node, value). */
  entries(node: Node | undefined): Array<{ key: string; keyNode: Scalar; value: Node }> {
    const n = this.deref(node);
    if (!isMap(n)) return [];
    const out: Array<{ key: string; keyNode: Scalar; value: Node }> = [];
    for (const p of this.dupKeys ? lastWins(n.items) : n.items)
      if (isPair(p) && isScalar(p.key))
        out.push({ key: String(p.key.value), keyNode: p.key, value: this.deref(p.value) ?? nullNode });
    return out;
  }

  /** The intrinsic function a node is, short or long form. */
  intrinsic(node: Node | undefined): Intrinsic | undefined {
    const n = this.deref(node);
    if (!n) return undefined;
    if (n.tag && SHORT_TAGS[n.tag]) return { fn: SHORT_TAGS[n.tag]!, arg: n };
    if (isMap(n) && n.items.length === 1) {
      const k = str(n.items[0]!.key);
      if (k && (k === 'Ref' || k === 'Condition' || k.startsWith('Fn::')))
        return { fn: k, arg: this.deref(n.items[0]!.value) ?? null };
    }
    return undefined;
  }

  /** The node itself, or the nodes of every `!If` branch (recursively), without `AWS::NoValue` branches. */
  branches(node: Node | undefined, depth = 0): Node[] {
    const n = this.deref(node);
    if (!n || n === nullNode) return n ? [n] : [];
    const fn = this.intrinsic(n);
    if (fn?.fn === 'Fn::If' && depth < MAX_DEPTH) {
      const args = this.listArgs(fn.arg);
      return [...this.branches(args[1], depth + 1), ...this.branches(args[2], depth + 1)];
    }
    if (fn?.fn === 'Ref' && this.scalarArg(fn.arg) === 'AWS::NoValue') return [];
    return [n];
  }

  /** Items of a sequence (each `!If` branch expanded); a non-sequence gives its branches. */
  items(node: Node | undefined): Node[] {
    const out: Node[] = [];
    for (const b of this.branches(node)) {
      if (isSeq(b) && !this.intrinsic(b)) for (const it of b.items) out.push(...this.branches(it as Node));
      else out.push(b);
    }
    return out;
  }

  private listArgs(arg: Node | null): Array<Node | undefined> {
    const a = this.deref(arg);
    if (!isSeq(a)) return [];
    return a.items.map((i) => this.deref(i));
  }

  private scalarArg(arg: Node | null): string | undefined {
    const a = this.deref(arg);
    return isScalar(a) ? String(a.value) : undefined;
  }

  /** Every value a scalar-valued property may take. Sequences and mappings are UNKNOWN (walk them with `items`). */
  values(node: Node | undefined, depth = 0): Val[] {
    const n = this.deref(node);
    if (!n) return [];
    if (depth > MAX_DEPTH) return [{ value: UNKNOWN }];
    const fn = this.intrinsic(n);
    if (!fn) {
      if (isScalar(n)) {
        const v = n.value;
        if (typeof v === 'string') {
          if (v.includes('{{resolve:')) return [{ value: UNKNOWN, why: 'dynamic reference' }];
          return [{ value: v }];
        }
        if (typeof v === 'number' || typeof v === 'boolean' || v === null) return [{ value: v }];
        return [{ value: UNKNOWN }];
      }
      return [{ value: UNKNOWN }];
    }
    switch (fn.fn) {
      case 'Ref':
        return this.refValues(this.scalarArg(fn.arg), depth);
      case 'Fn::If': {
        const args = this.listArgs(fn.arg);
        return [...this.values(args[1], depth + 1), ...this.values(args[2], depth + 1)];
      }
      case 'Fn::Sub':
        return [this.sub(fn.arg, depth)];
      case 'Fn::Join':
        return [this.join(fn.arg, depth)];
      case 'Fn::Select': {
        const args = this.listArgs(fn.arg);
        const idx = this.single(args[0], depth);
        const i = idx && isKnown(idx) ? asNum(idx.value) : undefined;
        if (i === undefined) return [{ value: UNKNOWN }];
        const list = this.listValues(args[1], depth + 1);
        if (list.some((v) => !isKnown(v)) || i < 0 || i >= list.length) return [{ value: UNKNOWN }];
        return [list[i]!];
      }
      case 'Fn::FindInMap':
        return this.findInMap(fn.arg, depth);
      default:
        return [{ value: UNKNOWN }];
    }
  }

  /** Values of a list-valued property: items of a sequence, a Split of a known string, a CommaDelimitedList default. */
  listValues(node: Node | undefined, depth = 0): Val[] {
    const out: Val[] = [];
    for (const b of this.branches(node)) {
      const fn = this.intrinsic(b);
      if (isSeq(b) && !fn) {
        for (const it of b.items) out.push(...this.values(it as Node, depth + 1));
      } else if (fn?.fn === 'Fn::Split') {
        const args = this.listArgs(fn.arg);
        const d = this.single(args[0], depth);
        const s = this.single(args[1], depth);
        if (d && s && typeof d.value === 'string' && typeof s.value === 'string')
          out.push(...s.value.split(d.value).map((x) => ({ value: x, ...(s.why ? { why: s.why } : {}) })));
        else out.push({ value: UNKNOWN });
      } else if (fn?.fn === 'Ref') {
        const name = this.scalarArg(fn.arg);
        const param = name ? this.parameters.get(name) : undefined;
        const vals = this.values(b, depth + 1);
        if (param?.type && /List|CommaDelimited/.test(param.type))
          for (const v of vals) {
            if (typeof v.value === 'string')
              out.push(...v.value.split(',').map((x) => ({ value: x.trim(), ...(v.why ? { why: v.why } : {}) })));
            else out.push(v);
          }
        else out.push(...vals);
      } else out.push(...this.values(b, depth + 1));
    }
    return out;
  }

  /** Exactly one value, or undefined when there are several or none. */
  single(node: Node | undefined, depth = 0): Val | undefined {
    const v = this.values(node, depth + 1);
    return v.length === 1 ? v[0] : undefined;
  }

  private refValues(name: string | undefined, depth: number): Val[] {
    if (!name) return [{ value: UNKNOWN }];
    if (name === 'AWS::NoValue') return [];
    if (PSEUDO.test(name)) return [{ value: UNKNOWN, why: `pseudo parameter ${name}` }];
    const p = this.parameters.get(name);
    if (!p) return [{ value: UNKNOWN, why: `reference to ${name}` }];
    const g = this.given?.get(name);
    if (g) return [{ value: g.value ?? UNKNOWN, why: g.why }];
    if (!p.defaultNode) return [{ value: UNKNOWN, why: `parameter ${name} has no Default` }];
    const why = `Default of parameter ${name}`;
    return this.values(p.defaultNode, depth + 1).map((v) => ({ value: v.value, why: v.why ?? why }));
  }

  private sub(arg: Node | null, depth: number): Val {
    const a = this.deref(arg);
    let template: string | undefined;
    let vars: Node | undefined;
    if (isScalar(a)) template = typeof a.value === 'string' ? a.value : undefined;
    else if (isSeq(a)) {
      const t = this.deref(a.items[0]);
      template = isScalar(t) && typeof t.value === 'string' ? t.value : undefined;
      vars = this.deref(a.items[1]);
    }
    if (template === undefined) return { value: UNKNOWN };
    if (template.includes('{{resolve:')) return { value: UNKNOWN, why: 'dynamic reference' };
    let unknown = false;
    const whys: string[] = [];
    const out = template.replace(/\$\{([^}]*)\}/g, (m, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      const local = vars ? this.get(vars, name) : undefined;
      const v = local
        ? this.single(local, depth)
        : name.includes('.')
          ? undefined
          : (() => {
              const r = this.refValues(name, depth + 1);
              return r.length === 1 ? r[0] : undefined;
            })();
      if (!v || !isKnown(v)) {
        unknown = true;
        return m;
      }
      if (v.why) whys.push(v.why);
      return String(v.value);
    });
    if (unknown) return { value: UNKNOWN };
    return { value: out, ...(whys.length ? { why: [...new Set(whys)].join(', ') } : {}) };
  }

  private join(arg: Node | null, depth: number): Val {
    const args = this.listArgs(arg);
    const d = this.single(args[0], depth);
    if (!d || typeof d.value !== 'string') return { value: UNKNOWN };
    const parts = this.listValues(args[1], depth + 1);
    if (parts.some((p) => !isKnown(p))) return { value: UNKNOWN };
    const whys = parts.flatMap((p) => (p.why ? [p.why] : []));
    return {
      value: parts.map((p) => String(p.value)).join(d.value),
      ...(whys.length ? { why: [...new Set(whys)].join(', ') } : {}),
    };
  }

  private findInMap(arg: Node | null, depth: number): Val[] {
    const args = this.listArgs(arg);
    const keys = args.slice(0, 3).map((a) => this.single(a, depth));
    if (keys.length < 3 || keys.some((k) => !k || !isKnown(k))) return [{ value: UNKNOWN }];
    const node = this.at(this.get(this.root, 'Mappings'), keys.map((k) => String(k!.value)).join('.'));
    return node ? this.values(node, depth + 1) : [{ value: UNKNOWN }];
  }

  /** The template string of a `!Sub` (short or long form), unresolved. */
  subTemplate(node: Node | undefined): string | undefined {
    const fn = this.intrinsic(node);
    if (fn?.fn !== 'Fn::Sub') return undefined;
    const a = this.deref(fn.arg);
    const t = isScalar(a) ? a : isSeq(a) ? this.deref(a.items[0]) : undefined;
    return isScalar(t) && typeof t.value === 'string' ? t.value : undefined;
  }

  /** Names of resources a node refers to (Ref, GetAtt, ${Name} in Sub), anywhere inside it. */
  references(node: Node | undefined, out = new Set<string>(), depth = 0): Set<string> {
    const n = this.deref(node);
    if (!n || depth > 60) return out;
    const fn = this.intrinsic(n);
    if (fn?.fn === 'Ref') {
      const s = this.scalarArg(fn.arg);
      if (s) out.add(s);
    } else if (fn?.fn === 'Fn::GetAtt') {
      const a = this.deref(fn.arg);
      const s = isScalar(a) ? String(a.value).split('.')[0] : isSeq(a) ? str(this.deref(a.items[0])) : undefined;
      if (s) out.add(s);
    } else if (fn?.fn === 'Fn::Sub') {
      const a = this.deref(fn.arg);
      const t = isScalar(a) ? a : isSeq(a) ? this.deref(a.items[0]) : undefined;
      if (isScalar(t) && typeof t.value === 'string')
        for (const m of t.value.matchAll(/\$\{([^!}][^}.]*)/g)) out.add(m[1]!.trim());
    }
    if (isMap(n)) for (const p of n.items) this.references(p.value as Node, out, depth + 1);
    else if (isSeq(n)) for (const i of n.items) this.references(i as Node, out, depth + 1);
    return out;
  }
}

/** The pairs of a mapping with only the last of each duplicated key (in the order of the last occurrences). */
function lastWins<T extends { key: unknown }>(items: T[]): T[] {
  const last = new Map<unknown, T>();
  for (const p of items) last.set(isScalar(p.key) ? p.key.value : p, p);
  const keep = new Set(last.values());
  return items.filter((p) => keep.has(p));
}

/** Stand-in for a key with an empty value (`Key:`), so that "present but empty" differs from "absent". */
const nullNode: Node = new Scalar(null);

export interface ParsedTemplate {
  /** False when the text is not a CloudFormation/SAM template. */
  matched: boolean;
  /** The first template of the stream. */
  template?: CfnTemplate;
  /** Every document of the stream that is a template (a file may hold several, separated by `---`). */
  templates: CfnTemplate[];
  errors: TemplateError[];
}

const TEMPLATE_HINT = /AWSTemplateFormatVersion|["']?Resources["']?\s*:/;

/** Does a quote at `j` open a scalar (rather than sit inside a plain one, like `it's`)? */
function opensScalar(line: string, j: number): boolean {
  const before = line.slice(0, j).trimEnd();
  if (before === '' || /^\s*$/.test(before)) return true;
  if (j > 0 && !/[\s[{,]/.test(line[j - 1]!)) return false;
  return /[:\-?[{,]$/.test(before) || /(?:^|\s)!{1,2}[\w:.-]*$/.test(before);
}

/** Index of the quote closing a scalar opened before `from`, or -1 when it does not close on this line. */
function closeOf(line: string, from: number, q: string): number {
  for (let k = from; k < line.length; k++) {
    const c = line[k];
    if (q === '"' && c === '\\') {
      k++;
      continue;
    }
    if (c !== q) continue;
    if (q === "'" && line[k + 1] === "'") {
      k++;
      continue;
    }
    return k;
  }
  return -1;
}

/**
 * CloudFormation (like PyYAML) accepts a multi-line quoted scalar whose continuation lines are not indented past
 * its key; the `yaml` library does not. Indent such continuation lines (line folding drops leading spaces, so the
 * value does not change, and line numbers stay the same). Only used when the plain parse failed on a quote.
 */
export function reindentQuoted(text: string): string {
  const lines = text.split('\n');
  let open: { q: string; indent: number } | undefined;
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    let j = 0;
    if (open) {
      const ind = /^ */.exec(line)![0].length;
      if (line.trim() !== '' && ind <= open.indent) {
        line = ' '.repeat(open.indent + 2 - ind) + line;
        lines[i] = line;
        changed = true;
      }
      const c = closeOf(line, 0, open.q);
      if (c < 0) continue;
      j = c + 1;
      open = undefined;
    }
    for (; j < line.length; j++) {
      const c = line[j]!;
      if (c === '#' && (j === 0 || /\s/.test(line[j - 1]!))) break;
      if ((c === "'" || c === '"') && opensScalar(line, j)) {
        const close = closeOf(line, j + 1, c);
        if (close < 0) {
          open = { q: c, indent: /^ */.exec(line)![0].length };
          break;
        }
        j = close;
      }
    }
  }
  return changed ? lines.join('\n') : text;
}

function isTemplateRoot(root: unknown): boolean {
  if (!isMap(root)) return false;
  const keys = new Set(root.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
  if (keys.has('AWSTemplateFormatVersion')) return true;
  const resources = root.items.find((p) => isScalar(p.key) && p.key.value === 'Resources')?.value;
  if (!isMap(resources)) return false;
  return resources.items.some((p) => {
    const t = isMap(p.value) ? p.value.items.find((q) => isScalar(q.key) && q.key.value === 'Type')?.value : null;
    return isScalar(t) && typeof t.value === 'string' && /^(?:AWS|Custom|Alexa)::/.test(t.value);
  });
}

/** Parse a template (YAML or JSON, one document or several). Never throws; problems come back in `errors`. */
export function parseTemplate(text: string, given?: ReadonlyMap<string, GivenValue>): ParsedTemplate {
  let parsed: ReturnType<typeof parseYamlAll>;
  try {
    parsed = parseYamlAll(text, { fast: true });
    if (parsed.errors.some((e) => /closing .?quote/i.test(e.message))) {
      const fixed = reindentQuoted(text);
      if (fixed !== text) {
        const again = parseYamlAll(fixed);
        if (!again.errors.length) parsed = again;
      }
    }
  } catch (e) {
    return {
      matched: TEMPLATE_HINT.test(text),
      templates: [],
      errors: [{ message: `could not parse template: ${String((e as Error).message).split('\n')[0]}` }],
    };
  }
  // CloudFormation deploys a template with a key given twice (the later value wins, YAML and JSON alike): read it the
  // same way, and let the rules report the duplicate, instead of skipping the whole template.
  let dupKeys = false;
  if (parsed.errors.length && parsed.errors.every((e) => /keys must be unique/i.test(e.message))) {
    const again = parseYamlAll(text, { uniqueKeys: false });
    if (!again.errors.length) {
      parsed = again;
      dupKeys = true;
    }
  }
  const { docs, lc, errors } = parsed;
  if (errors.length) {
    if (!TEMPLATE_HINT.test(text) || !/(?:AWS|Custom|Alexa)::/.test(text))
      return { matched: false, templates: [], errors: [] };
    return {
      matched: true,
      templates: [],
      errors: errors.map((e) => ({ ...e, message: `invalid YAML/JSON: ${e.message}` })),
    };
  }
  const templates = docs.filter((d) => isTemplateRoot(d.contents)).map((d) => new CfnTemplate(d, lc, dupKeys, given));
  if (!templates.length) return { matched: false, templates: [], errors: [] };
  return { matched: true, template: templates[0], templates, errors: templates.flatMap((t) => [...t.errors]) };
}
