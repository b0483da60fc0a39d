/**
 * Flatten a configuration file into dotted keys with positions: YAML (Ansible vars, YAML inventories, Helm values),
 * JSON (incl. CloudFormation parameter files `[{ParameterKey, ParameterValue}]`), dotenv, INI / ansible.cfg and
 * Ansible INI inventories and Terraform `*.tfvars` (HCL attributes). Pure: text in, entries out. Parse problems are returned, never thrown.
 */
import { parseYamlAll, isMap, isSeq, isScalar, type Node, type LineCounter } from '../parse/yaml.js';
import { parseIni, parseHostLine } from '../parse/ini.js';
import { looksLikeIniInventory } from '../parse/ansible.js';

export type Format = 'yaml' | 'json' | 'dotenv' | 'ini' | 'inventory' | 'tfvars';

export interface Entry {
  /** Dotted path (`db.password`, `web:vars.ansible_user`, `servers[0].port`). */
  key: string;
  /** Path segments, for rules that look at ancestors (SOPS' encrypted_regex applies to a whole subtree). */
  segments: string[];
  /** Scalar value as text; lists of scalars are joined with ', ' (sorted), for comparison. */
  value: string;
  kind: 'string' | 'number' | 'bool' | 'null' | 'list';
  /** YAML tag of the value (`!vault`), when there is one. */
  tag?: string;
  /** Line of the key (1-based). */
  line: number;
  /** Position of the value (1-based, end exclusive). */
  valueLine: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Flat {
  format: Format;
  entries: Entry[];
  errors: Array<{ line?: number; message: string }>;
}

const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 64;

export function formatOf(path: string, text?: string): Format | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (/\.json$/.test(base)) return 'json';
  if (/\.tfvars$/.test(base)) return 'tfvars';
  if (/^\.env(?:\.|$)|\.env$/.test(base)) return 'dotenv';
  if (/\.(?:ini|cfg|conf|properties)$/.test(base)) return 'ini';
  if (!base.includes('.') && /(?:^|\/)(?:inventor(?:y|ies)|hosts)(?:\/|$)/i.test(path))
    return text === undefined || looksLikeIniInventory(base, text) ? 'inventory' : 'yaml';
  if (/^(?:hosts|inventory)$/.test(base)) return 'inventory';
  return undefined;
}

export function flatten(path: string, text: string, format = formatOf(path, text)): Flat {
  switch (format) {
    case 'json': {
      // Strict JSON goes through a small position-keeping reader; anything else (comments, JSON5) through YAML.
      const j = flattenJson(text);
      return j.errors.length ? flattenYaml(text, 'json') : j;
    }
    case 'yaml':
      return flattenSimpleYaml(text) ?? flattenYaml(text, format);
    case 'dotenv':
      return flattenDotenv(text);
    case 'ini':
      return flattenIni(text);
    case 'inventory':
      return flattenInventory(text);
    case 'tfvars':
      return flattenTfvars(text);
    default:
      return { format: 'yaml', entries: [], errors: [{ message: 'not a configuration format hookguard can compare' }] };
  }
}

function scalarKind(v: unknown): Entry['kind'] {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  return 'string';
}

export function flattenYaml(text: string, format: 'yaml' | 'json'): Flat {
  const out: Flat = { format, entries: [], errors: [] };
  const { docs, lc, errors } = parseYamlAll(text);
  if (errors.length) {
    out.errors.push(...errors.slice(0, 5));
    return out;
  }
  const pos = (n: Node | null | undefined, l: LineCounter) => {
    const r = n?.range;
    if (!r) return undefined;
    const s = l.linePos(r[0]);
    const e = l.linePos(r[1]);
    return { line: s.line, col: s.col, endLine: e.line, endCol: e.col };
  };
  const add = (segments: string[], keyNode: Node | null | undefined, node: Node | null | undefined) => {
    if (out.entries.length >= MAX_ENTRIES) return;
    const kp = pos(keyNode ?? node, lc) ?? { line: 1, col: 1, endLine: 1, endCol: 1 };
    const vp = pos(node, lc) ?? kp;
    const base = {
      key: segments.join('.'),
      segments,
      line: kp.line,
      valueLine: vp.line,
      column: vp.col,
      endLine: vp.endLine,
      endColumn: vp.endCol,
    };
    if (isSeq(node)) {
      const values = node.items.map((i) => (isScalar(i) ? String(i.value) : ''));
      out.entries.push({ ...base, value: [...values].sort().join(', '), kind: 'list' });
      return;
    }
    const v = isScalar(node) ? node.value : null;
    out.entries.push({
      ...base,
      value: v === null || v === undefined ? '' : String(v),
      kind: scalarKind(v),
      ...(isScalar(node) && node.tag ? { tag: node.tag } : {}),
    });
  };
  const walk = (node: unknown, segments: string[], keyNode: Node | null | undefined, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (isMap(node)) {
      for (const p of node.items) {
        if (!isScalar(p.key)) continue;
        const k = String(p.key.value);
        if (k === '<<') continue;
        walk(p.value, [...segments, k], p.key, depth + 1);
      }
      if (!node.items.length && segments.length) add(segments, keyNode, node);
      return;
    }
    if (isSeq(node)) {
      // A CloudFormation parameter file: [{ParameterKey, ParameterValue}] → one key per parameter.
      if (
        depth === 0 &&
        node.items.length &&
        node.items.every((i) => isMap(i) && i.items.some((p) => isScalar(p.key) && p.key.value === 'ParameterKey'))
      ) {
        for (const i of node.items) {
          if (!isMap(i)) continue;
          const k = i.items.find((p) => isScalar(p.key) && p.key.value === 'ParameterKey');
          const v = i.items.find((p) => isScalar(p.key) && p.key.value === 'ParameterValue');
          if (k && isScalar(k.value)) add([String(k.value.value)], k.value, (v?.value ?? null) as Node);
        }
        return;
      }
      if (node.items.every((i) => isScalar(i))) {
        if (segments.length) add(segments, keyNode, node);
        return;
      }
      node.items.forEach((item, idx) => {
        const seg = segments.length
          ? [...segments.slice(0, -1), `${segments[segments.length - 1]}[${idx}]`]
          : [`[${idx}]`];
        walk(item, seg, keyNode, depth + 1);
      });
      return;
    }
    if (segments.length) add(segments, keyNode, (node ?? null) as Node);
  };
  docs.forEach((d, i) => walk(d.contents, i > 0 ? [`#${i}`] : [], undefined, 0));
  return out;
}

const SIMPLE_KEY_LINE = /^( *)([A-Za-z_][\w.\-/]*)[ \t]*:(?:[ \t]+(.*))?$/;
const YAML_KEYWORD = /^(?:true|false|null|True|False|TRUE|FALSE|Null|NULL|y|n|yes|no|on|off)$/i;
const PLAIN_START = /^[A-Za-z0-9_./$(+=^;<~]|^-[^\s]/;
/** What YAML 1.2's core schema may read as a number (int, float, exponent, 0x/0o, .inf, .nan): checked further. */
const NUMBER_LIKE = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^0[xo]|^[-+]?\.(?:inf|nan)$/i;

/**
 * The common shape of environment files — block mappings of `key: scalar` lines, nested by indentation, with
 * comments — read without the YAML library (several times faster on hundreds of files). Anything else (lists, flow
 * collections, anchors, tags such as !vault, block or multi-line scalars, escapes, several documents, floats and other
 * number spellings, duplicate keys) returns undefined and goes to the full parser, so the entries are always exactly
 * what the full parser gives (test/env/unit.test.ts compares the two on every YAML file of the repository).
 */
export function flattenSimpleYaml(text: string): Flat | undefined {
  const out: Flat = { format: 'yaml', entries: [], errors: [] };
  const lines = text.split('\n');
  if (lines[0]?.charCodeAt(0) === 0xfeff) return undefined;
  // Open mappings: indentation, path, keys seen; `pending` is a key whose value is still unknown (null or a map).
  const stack: Array<{ indent: number; segments: string[]; keys: Set<string> }> = [
    { indent: -1, segments: [], keys: new Set() },
  ];
  let pending: { indent: number; segments: string[]; line: number; col: number; endCol: number } | undefined;
  /** `key:` with nothing under it: a null value, positioned just after the colon (as the full parser reports it). */
  const closePending = (): boolean => {
    if (!pending) return true;
    // After the colon, spaces or a comment move the full parser's position: leave those to it.
    if (pending.col < 0) return false;
    out.entries.push({
      key: pending.segments.join('.'),
      segments: pending.segments,
      value: '',
      kind: 'null',
      line: pending.line,
      valueLine: pending.line,
      column: pending.col,
      endLine: pending.line,
      endColumn: pending.endCol,
    });
    pending = undefined;
    return true;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    const trimmed = raw.trimStart();
    // (A line deeper than a scalar's key — a multi-line scalar — matches no open mapping below: the full parser.)
    if (!trimmed || trimmed.startsWith('#')) continue;
    if (i === 0 && raw === '---') continue;
    const m = SIMPLE_KEY_LINE.exec(raw);
    if (!m || YAML_KEYWORD.test(m[2]!)) return undefined;
    const indent = m[1]!.length;
    if (pending) {
      if (indent > pending.indent) {
        const parent = { indent, segments: pending.segments, keys: new Set<string>() };
        stack.push(parent);
        pending = undefined;
      } else if (!closePending()) return undefined;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.indent > indent) stack.pop();
    const top = stack[stack.length - 1]!;
    if (top.indent !== indent && !(stack.length === 1 && top.indent === -1 && (top.indent = indent) === indent))
      return undefined;
    const key = m[2]!;
    if (top.keys.has(key)) return undefined;
    top.keys.add(key);
    const segments = [...top.segments, key];
    const line = i + 1;
    let v = m[3] ?? '';
    const vStart = raw.length - v.length;
    if (!v || v.startsWith('#')) {
      const after = m[3] === undefined ? raw.length + 1 : -1;
      pending = { indent, segments, line, col: after, endCol: after };
      continue;
    }
    let value: string;
    let kind: Entry['kind'] = 'string';
    let endCol: number;
    if (v[0] === '"' || v[0] === "'") {
      const q = v[0];
      const close = v.indexOf(q, 1);
      if (close === -1) return undefined;
      value = v.slice(1, close);
      if (value.includes('\\') || (q === "'" && v[close + 1] === "'")) return undefined;
      const rest = v.slice(close + 1);
      if (rest && !/^[ \t]*(?:#.*)?$/.test(rest)) return undefined;
      if (rest.trimStart().startsWith('#') && !/^[ \t]/.test(rest)) return undefined;
      endCol = vStart + 1 + close + 1;
    } else {
      if (!PLAIN_START.test(v)) return undefined;
      const c = v.search(/[ \t]#/);
      if (c !== -1) v = v.slice(0, c);
      v = v.trimEnd();
      if (/:(?:[ \t]|$)|\t/.test(v)) return undefined;
      if (v === '~' || YAML_KEYWORD.test(v)) {
        if (/^(?:null|Null|NULL)$/.test(v)) kind = 'null';
        else if (/^(?:true|True|TRUE|false|False|FALSE)$/.test(v)) kind = 'bool';
        else if (v === '~') kind = 'null';
        value = kind === 'null' ? '' : kind === 'bool' ? String(/^t/i.test(v)) : v;
      } else if (NUMBER_LIKE.test(v)) {
        if (!/^(?:0|-?[1-9]\d{0,14})$/.test(v)) return undefined;
        kind = 'number';
        value = v;
      } else value = v;
      endCol = vStart + 1 + v.length;
    }
    out.entries.push({
      key: segments.join('.'),
      segments,
      value,
      kind,
      line,
      valueLine: line,
      column: vStart + 1,
      endLine: line,
      endColumn: endCol,
    });
    if (out.entries.length >= MAX_ENTRIES) return undefined;
  }
  return closePending() ? out : undefined;
}

function unquote(v: string): { value: string; offset: number } {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0])
    return { value: v.slice(1, -1), offset: 1 };
  return { value: v, offset: 0 };
}

function flattenDotenv(text: string): Flat {
  const out: Flat = { format: 'dotenv', entries: [], errors: [] };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && out.entries.length < MAX_ENTRIES; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) {
      if (raw.trim() && !raw.trim().startsWith('#') && out.errors.length < 5)
        out.errors.push({ line: i + 1, message: 'not a KEY=value line' });
      continue;
    }
    let v = m[3]!;
    const vStart = raw.length - v.length;
    if (/^["']/.test(v)) {
      const close = v.indexOf(v[0]!, 1);
      if (close !== -1) v = v.slice(0, close + 1);
    } else {
      const c = v.search(/\s#/);
      if (c !== -1) v = v.slice(0, c);
      v = v.trimEnd();
    }
    const u = unquote(v.trim());
    const col = vStart + 1 + u.offset;
    out.entries.push({
      key: m[2]!,
      segments: [m[2]!],
      value: u.value,
      kind: 'string',
      line: i + 1,
      valueLine: i + 1,
      column: col,
      endLine: i + 1,
      endColumn: col + u.value.length,
    });
  }
  return out;
}

function flattenIni(text: string): Flat {
  const doc = parseIni(text);
  return {
    format: 'ini',
    entries: doc.entries.slice(0, MAX_ENTRIES).map((e) => {
      const segments = e.section ? [e.section, e.key] : [e.key];
      return {
        key: segments.join('.'),
        segments,
        value: e.value,
        kind: 'string' as const,
        line: e.line,
        valueLine: e.line,
        column: e.valueCol,
        endLine: e.line,
        endColumn: e.valueEndCol,
      };
    }),
    errors: doc.errors.slice(0, 5),
  };
}

/** An INI inventory: `[group:vars]` entries, and host-line variables keyed by group (`web.*.ansible_user`). */
function flattenInventory(text: string): Flat {
  const doc = parseIni(text, { entriesIn: (s) => s.endsWith(':vars') });
  const out: Flat = { format: 'inventory', entries: [], errors: doc.errors.slice(0, 5) };
  for (const e of doc.entries)
    out.entries.push({
      key: `${e.section}.${e.key}`,
      segments: [e.section, e.key],
      value: e.value,
      kind: 'string',
      line: e.line,
      valueLine: e.line,
      column: e.valueCol,
      endLine: e.line,
      endColumn: e.valueEndCol,
    });
  const seen = new Set<string>();
  for (const l of doc.other) {
    if (l.section.endsWith(':children') || l.section.endsWith(':vars')) continue;
    const h = parseHostLine(l);
    for (const v of h.vars) {
      const group = l.section || 'ungrouped';
      const key = `${group}.*.${v.key}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.entries.push({
        key,
        segments: [group, '*', v.key],
        value: v.value,
        kind: 'string',
        line: v.line,
        valueLine: v.line,
        column: v.valueCol,
        endLine: v.line,
        endColumn: v.valueEndCol,
      });
    }
  }
  return out;
}

/** JSON with positions, without the YAML parser (several times faster): values with their line and columns. */
interface JNode {
  kind: 'object' | 'array' | 'scalar';
  value?: unknown;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  items?: Array<{ key?: string; keyLine?: number; node: JNode }>;
}

function parseJsonPositions(text: string): JNode {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = ++i;
      } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff) i++;
      else return;
    }
  };
  const fail = (m: string): never => {
    throw Object.assign(new Error(m), { line });
  };
  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c) || c === 10) fail('unterminated string');
      if (c === 92) i += 2;
      else if (c === 34) break;
      else i++;
    }
    i++;
    // Most strings have no escape: take them as they are.
    const body = text.slice(start + 1, i - 1);
    return body.includes('\\') ? (JSON.parse(text.slice(start, i)) as string) : body;
  };
  const value = (depth: number): JNode => {
    if (depth > 64) fail('nesting too deep');
    ws();
    const sl = line;
    const sc = i - lineStart + 1;
    const c = text[i];
    const end = (n: Pick<JNode, 'kind' | 'value' | 'items'>): JNode => ({
      kind: n.kind,
      value: n.value,
      items: n.items,
      line: sl,
      col: sc,
      endLine: line,
      endCol: i - lineStart + 1,
    });
    if (c === '{' || c === '[') {
      const obj = c === '{';
      i++;
      const items: NonNullable<JNode['items']> = [];
      ws();
      if (text[i] === (obj ? '}' : ']')) {
        i++;
        return end({ kind: obj ? 'object' : 'array', items });
      }
      for (;;) {
        ws();
        if (obj) {
          if (text[i] !== '"') fail('expected a key');
          const keyLine = line;
          const key = str();
          ws();
          if (text[i] !== ':') fail("expected ':'");
          i++;
          items.push({ key, keyLine, node: value(depth + 1) });
        } else items.push({ node: value(depth + 1) });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === (obj ? '}' : ']')) {
          i++;
          return end({ kind: obj ? 'object' : 'array', items });
        }
        fail(`expected ',' or '${obj ? '}' : ']'}'`);
      }
    }
    if (c === '"') {
      const v = str();
      return end({ kind: 'scalar', value: v });
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail('unexpected character');
    i += m![0].length;
    return end({ kind: 'scalar', value: JSON.parse(m![0]) as unknown });
  };
  const root = value(0);
  ws();
  if (i < text.length) fail('unexpected text after the value');
  return root;
}

function flattenJson(text: string): Flat {
  const out: Flat = { format: 'json', entries: [], errors: [] };
  let root: JNode;
  try {
    root = parseJsonPositions(text);
  } catch (e) {
    out.errors.push({ line: (e as { line?: number }).line ?? 1, message: `invalid JSON: ${(e as Error).message}` });
    return out;
  }
  const add = (segments: string[], keyLine: number, n: JNode) => {
    if (out.entries.length >= MAX_ENTRIES) return;
    const base = {
      key: segments.join('.'),
      segments,
      line: keyLine,
      valueLine: n.line,
      column: n.col,
      endLine: n.endLine,
      endColumn: n.endCol,
    };
    if (n.kind === 'array') {
      const vals = (n.items ?? []).map((x) => (x.node.kind === 'scalar' ? String(x.node.value as string) : ''));
      out.entries.push({ ...base, value: vals.sort().join(', '), kind: 'list' });
      return;
    }
    const v = n.value;
    // A string's columns cover its quotes in the text; the value is what is between them.
    if (typeof v === 'string') {
      base.column++;
      base.endColumn--;
    }
    out.entries.push({
      key: base.key,
      segments,
      value: v === null || v === undefined ? '' : String(v),
      kind: scalarKind(v),
      line: base.line,
      valueLine: base.valueLine,
      column: base.column,
      endLine: base.endLine,
      endColumn: base.endColumn,
    });
  };
  const walk = (n: JNode, segments: string[], keyLine: number, depth: number) => {
    if (n.kind === 'object') {
      for (const it of n.items ?? []) walk(it.node, [...segments, it.key!], it.keyLine!, depth + 1);
      if (!n.items?.length && segments.length) add(segments, keyLine, n);
      return;
    }
    if (n.kind === 'array') {
      const items = n.items ?? [];
      if (
        depth === 0 &&
        items.length &&
        items.every((x) => x.node.kind === 'object' && x.node.items?.some((p) => p.key === 'ParameterKey'))
      ) {
        for (const x of items) {
          const k = x.node.items!.find((p) => p.key === 'ParameterKey');
          const v = x.node.items!.find((p) => p.key === 'ParameterValue');
          if (k && k.node.kind === 'scalar')
            add(
              [String(k.node.value)],
              k.node.line,
              v?.node ?? { kind: 'scalar', value: null, line: k.node.line, col: 1, endLine: k.node.line, endCol: 1 },
            );
        }
        return;
      }
      if (items.every((x) => x.node.kind === 'scalar')) {
        if (segments.length) add(segments, keyLine, n);
        return;
      }
      items.forEach((x, idx) => {
        const seg = segments.length
          ? [...segments.slice(0, -1), `${segments[segments.length - 1]}[${idx}]`]
          : [`[${idx}]`];
        walk(x.node, seg, x.node.line, depth + 1);
      });
      return;
    }
    if (segments.length) add(segments, keyLine, n);
  };
  walk(root, [], 1, 0);
  return out;
}

/** A tfvars value without quotes: a boolean, null, a number, or an expression (compared as its text). */
function literalKind(raw: string): Entry['kind'] {
  if (/^(?:true|false)$/.test(raw)) return 'bool';
  if (raw === 'null') return 'null';
  return /^-?\d+(?:\.\d+)?$/.test(raw) ? 'number' : 'string';
}

/** The heredoc starting at `at` (`<<EOT` or `<<-EOT`): its text, and where it ends (past its closing marker). */
function heredoc(text: string, at: number): { body: string; stop: number } | undefined {
  const m = /^<<-?([A-Za-z_]\w*)[ \t]*\r?\n/.exec(text.slice(at, at + 300));
  if (!m) return undefined;
  const end = new RegExp(`^[ \\t]*${m[1]}[ \\t]*$`, 'm');
  const rest = text.slice(at + m[0].length);
  const e = end.exec(rest);
  return {
    body: e ? rest.slice(0, e.index) : rest,
    stop: at + m[0].length + (e ? e.index + e[0].length : rest.length),
  };
}

/**
 * Terraform variable files (`*.tfvars`): HCL attributes `name = value` with strings, numbers, booleans, lists and
 * objects (`tags = { team = "x" }` → `tags.team`), comments (`#`, `//`, block) and heredocs. Expressions other than
 * literals (function calls, references) are kept as text: they are unknowable to the comparison.
 */
export function flattenTfvars(text: string): Flat {
  const out: Flat = { format: 'tfvars', entries: [], errors: [] };
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = () => i - lineStart + 1;
  const fail = (m: string): never => {
    throw Object.assign(new Error(m), { line });
  };
  const skip = (newlines: boolean) => {
    for (;;) {
      const c = text[i];
      if (c === '\n') {
        if (!newlines) return;
        line++;
        lineStart = ++i;
      } else if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === ',')) i++;
      else if (c === '#' || (c === '/' && text[i + 1] === '/')) while (i < text.length && text[i] !== '\n') i++;
      else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        const stop = end === -1 ? text.length : end + 2;
        for (; i < stop; i++) if (text[i] === '\n') [line, lineStart] = [line + 1, i + 1];
      } else return;
    }
  };
  const ident = () => {
    const m = /^[A-Za-z_][\w-]*/.exec(text.slice(i, i + 256));
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const add = (
    segments: string[],
    keyLine: number,
    value: string,
    kind: Entry['kind'],
    pos: [number, number, number],
  ) => {
    if (out.entries.length < MAX_ENTRIES)
      out.entries.push({
        key: segments.join('.'),
        segments,
        value,
        kind,
        line: keyLine,
        valueLine: pos[0],
        column: pos[1],
        endLine: pos[0],
        endColumn: pos[2],
      });
  };
  const str = (): string => {
    i++;
    let v = '';
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') fail('unterminated string');
      if (c === '"') break;
      if (c === '\\') {
        v += text[i + 1] === 'n' ? '\n' : (text[i + 1] ?? '');
        i += 2;
      } else v += text[i++];
    }
    i++;
    return v;
  };
  const value = (segments: string[], keyLine: number, depth: number): string | undefined => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    skip(false);
    const c = text[i];
    const vl = line;
    const vc = col();
    if (c === '"') {
      const v = str();
      if (segments.length) add(segments, keyLine, v, 'string', [vl, vc + 1, col() - 1]);
      return v;
    }
    if (c === '<' && text[i + 1] === '<') {
      const h = heredoc(text, i);
      if (!h) fail('bad heredoc');
      const { body, stop } = h!;
      for (; i < stop; i++) if (text[i] === '\n') [line, lineStart] = [line + 1, i + 1];
      if (segments.length) add(segments, keyLine, body.replace(/\n$/, ''), 'string', [vl, vc, vc]);
      return body;
    }
    if (c === '[') {
      i++;
      const items: string[] = [];
      for (;;) {
        skip(true);
        if (text[i] === ']') break;
        if (i >= text.length) fail("expected ']'");
        items.push(value([], keyLine, depth + 1) ?? '');
      }
      i++;
      if (segments.length) add(segments, keyLine, [...items].sort().join(', '), 'list', [vl, vc, col()]);
      return undefined;
    }
    if (c === '{') {
      i++;
      let n = 0;
      for (;;) {
        skip(true);
        if (text[i] === '}') break;
        if (i >= text.length) fail("expected '}'");
        const kl = line;
        const k = text[i] === '"' ? str() : ident();
        skip(false);
        if (text[i] !== '=' && text[i] !== ':') fail("expected '='");
        i++;
        n++;
        value([...segments, k], kl, depth + 1);
      }
      i++;
      if (!n && segments.length) add(segments, keyLine, '', 'null', [vl, vc, col()]);
      return undefined;
    }
    // A number, a boolean, null, or an expression (kept as text up to the end of the line or the enclosing item).
    const m = /^[^,\]}\n#]*/.exec(text.slice(i))!;
    const raw = m[0].replace(/\s*(?:\/\/.*)?$/, '');
    if (!raw) fail('expected a value');
    i += raw.length;
    const kind = literalKind(raw);
    const v = kind === 'null' ? '' : kind === 'string' ? `\${${raw}}` : raw;
    if (segments.length) add(segments, keyLine, v, kind, [vl, vc, vc + raw.length]);
    return v;
  };
  try {
    for (;;) {
      skip(true);
      if (i >= text.length) break;
      const kl = line;
      const k = ident();
      skip(false);
      if (text[i] !== '=') fail("expected '=' after the variable name");
      i++;
      value([k], kl, 0);
    }
  } catch (e) {
    out.errors.push({
      line: (e as { line?: number }).line ?? line,
      message: `invalid tfvars: ${(e as Error).message}`,
    });
  }
  return out;
}
