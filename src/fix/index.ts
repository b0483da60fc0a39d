/**
 * `hookguard fix`: IaC fixes as minimal text edits located on the parsed document. Each fix is a small, safe, local
 * change named by a rule id (set a flag, add a missing block, replace a value); the edit touches only the lines of the
 * property it sets or adds, so comments, blank lines, key order, quoting, flow/block style, anchors and `!Ref`/`!Sub`
 * short forms elsewhere stay byte for byte. A value that comes from somewhere else (a `!Ref`, a Jinja expression, an
 * alias) is the team's decision: such a finding is left alone with a message, never guessed. Secrets are never
 * rewritten: removing a leaked value does not un-leak it.
 */
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { CMK_PROPS } from '../cloud/checks/kms.js';
import { FIXES, type FixSpec, type ParamSpec, type Value } from './registry.js';

export interface FixTarget {
  ruleId: string;
  line: number;
}

export interface Edit {
  /** Offsets in the original text. */
  start: number;
  end: number;
  text: string;
}

export interface FixOutcome {
  text: string;
  applied: Array<{ ruleId: string; line: number; what: string }>;
  skipped: Array<{ ruleId: string; line: number; why: string }>;
}

interface Ctx {
  text: string;
  lc: LineCounter;
  json: boolean;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i;
}

function lineOf(ctx: Ctx, offset: number): number {
  return ctx.lc.linePos(offset).line;
}

function range(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Is a scalar written as a literal (not a tag such as !Ref, not an alias)? */
function literal(node: unknown): boolean {
  // A Jinja expression (`"{{ api_validate_certs }}"`) or a dynamic reference (`{{resolve:ssm:…}}`) is set elsewhere.
  return isScalar(node) && !node.tag && !(typeof node.value === 'string' && /\{\{|\{%/.test(node.value));
}

/** A YAML scalar: plain where that reads back as the same string, else single-quoted. */
function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  const plain =
    /^[A-Za-z][\w .,()/-]*$/.test(value) &&
    !/^(?:true|false|yes|no|on|off|null|y|n)$/i.test(value) &&
    !/\s$/.test(value);
  return plain ? value : `'${value.replace(/'/g, "''")}'`;
}

/** A `{ Ref: Name }` value: written `!Ref Name` in YAML, on the key's line. */
function isRef(value: Value): value is { Ref: string } {
  return (
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof value.Ref === 'string'
  );
}

/** A list of scalars: written in flow style on the key's line (`[audit, profiler]`). */
function isFlowList(value: Value): value is Array<string | number | boolean> {
  return Array.isArray(value) && value.every((v) => typeof v !== 'object');
}

/** A value written as block lines under its key (a mapping other than a `!Ref`, a list of mappings). */
function isBlock(value: Value): boolean {
  return typeof value === 'object' && !isRef(value) && !isFlowList(value);
}

/** A value in the style of the file: YAML block lines, or JSON. */
function render(value: Value, ctx: Ctx, indent: string, step: string): string {
  if (typeof value !== 'object') return ctx.json ? JSON.stringify(value) : yamlScalar(value);
  if (isRef(value)) return refText(ctx, value.Ref);
  if (isFlowList(value)) return `[${value.map((v) => (ctx.json ? JSON.stringify(v) : yamlScalar(v))).join(', ')}]`;
  if (Array.isArray(value)) {
    // A list of mappings: JSON objects one per line, or YAML block items (`- ` then the keys at its column).
    if (ctx.json)
      return `[\n${value.map((v) => `${indent}${step}${render(v, ctx, indent + step, step)}`).join(',\n')}\n${indent}]`;
    return value
      .map((v) => {
        const lines = render(v, ctx, indent + step, step)
          .split('\n')
          .slice(1);
        return `\n${lines.map((l, i) => (i === 0 ? `${indent}${step}- ${l.slice(indent.length + 2 * step.length)}` : `${' '.repeat(2)}${l.slice(step.length)}`)).join('\n')}`;
      })
      .join('');
  }
  const entries = Object.entries(value);
  if (ctx.json)
    return `{\n${entries.map(([k, v]) => `${indent}${step}${JSON.stringify(k)}: ${render(v, ctx, indent + step, step)}`).join(',\n')}\n${indent}}`;
  return entries
    .map(([k, v]) => `\n${indent}${step}${k}:${isBlock(v) ? '' : ' '}${render(v, ctx, indent + step, step)}`)
    .join('');
}

/** Set `key` in a block (or JSON) mapping: replace a literal scalar value, or add an entry after the last one. */
function setInMap(
  map: YAMLMap,
  key: string,
  value: Value,
  ctx: Ctx,
  owner: unknown,
  raw?: string,
): Edit | Edit[] | { why: string } | undefined {
  const pair: Pair | undefined = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (pair) {
    const v = pair.value;
    if (isRef(value)) return { why: `${key} is already set: check its value by hand` };
    if (Array.isArray(value)) {
      if (!isFlowList(value) || !isSeq(v)) return { why: `${key} is already written: change it by hand` };
      return appendToSeq(v, value, ctx);
    }
    if (typeof value !== 'object') {
      if (!literal(v))
        return {
          why: `${key} is set from elsewhere (a reference, a tag, an alias or a Jinja expression): change it there`,
        };
      const r = range(v)!;
      const cur = (v as { value: unknown }).value;
      if (raw !== undefined) return { start: r[0], end: r[1], text: raw };
      if (cur === value) return undefined;
      const src = ctx.text.slice(r[0], r[1]);
      // Keep the file's spelling of booleans (yes/no, True/False) and its quoting.
      let out = ctx.json ? JSON.stringify(value) : String(value);
      if (typeof value === 'boolean' && !ctx.json) {
        if (/^(yes|no)$/i.test(src)) out = value ? 'yes' : 'no';
        if (/^[A-Z]/.test(src)) out = out[0]!.toUpperCase() + out.slice(1);
      } else if (typeof value === 'string' && /^["']/.test(src)) out = `${src[0]}${value}${src[0]}`;
      return { start: r[0], end: r[1], text: out };
    }
    if (!isMap(v)) return { why: `${key} is not a mapping written here: change it by hand` };
    // A nested block: set each of its keys (several edits, joined into one list).
    const all: Edit[] = [];
    for (const [k, sub] of Object.entries(value)) {
      const e = setInMap(v, k, sub, ctx, v);
      if (e && 'why' in e) return e;
      if (e) all.push(...(Array.isArray(e) ? e : [e]));
    }
    if (all.length) return all;
    return undefined;
  }
  if ((map as { flow?: boolean }).flow && !ctx.json)
    return { why: `the mapping is written in flow style ({ … }): add ${key} by hand` };
  const last = map.items[map.items.length - 1];
  if (!last) return { why: `an empty mapping: add ${key} by hand` };
  const lastEnd = range(last.value)?.[1] ?? range(last.key)![1];
  const firstKeyStart = range(map.items[0]!.key)![0];
  // The column of the mapping's keys (for a task in a list, after its "- ").
  const indent = ' '.repeat(firstKeyStart - lineStart(ctx.text, firstKeyStart));
  const step = detectStep(ctx.text);
  if (ctx.json) {
    const at = lastEnd;
    // A mapping written on one line: `, "Key": value` on it.
    const mr = range(map);
    if (mr && lineOf(ctx, mr[0]) === lineOf(ctx, at) && !isBlock(value))
      return { start: at, end: at, text: `, ${JSON.stringify(key)}: ${raw ?? render(value, ctx, indent, step)}` };
    // After the last value: `,\n<indent>"Key": value`.
    return {
      start: at,
      end: at,
      text: `,\n${indent}${JSON.stringify(key)}: ${raw ?? render(value, ctx, indent, step)}`,
    };
  }
  // After the line where the last entry ends (its value may span lines; the range ends after trailing newline).
  let at = lastEnd;
  if (ctx.text[at - 1] === '\n') at -= 1;
  at = lineEnd(ctx.text, Math.max(at, range(owner)?.[0] ?? 0));
  const body =
    raw !== undefined
      ? `${key}: ${raw}`
      : isBlock(value)
        ? `${key}:${render(value, ctx, indent, step)}`
        : `${key}: ${render(value, ctx, indent, step)}`;
  return { start: at, end: at, text: `\n${indent}${body}` };
}

/** The scalars of `want` that a literal list lacks, added at its end in its style (flow, JSON or block). */
function appendToSeq(
  seq: YAMLSeq,
  want: Array<string | number | boolean>,
  ctx: Ctx,
): Edit | { why: string } | undefined {
  if (seq.items.some((it) => !literal(it))) return { why: 'the list holds a reference or an alias: change it by hand' };
  const have = new Set(seq.items.map((it) => String((it as { value: unknown }).value)));
  const missing = want.filter((w) => !have.has(String(w)));
  if (!missing.length) return undefined;
  const one = (v: string | number | boolean) => (ctx.json ? JSON.stringify(v) : yamlScalar(v));
  const r = range(seq)!;
  const flow = ctx.json || Boolean((seq as { flow?: boolean }).flow);
  if (!seq.items.length)
    return flow ? { start: r[0] + 1, end: r[0] + 1, text: missing.map(one).join(', ') } : { why: 'an empty list' };
  const first = range(seq.items[0])!;
  const last = range(seq.items[seq.items.length - 1])!;
  if (flow) {
    // A list written one item per line (JSON's usual form) gains lines at the items' column.
    const pad = ctx.text.slice(lineStart(ctx.text, last[0]), last[0]);
    const sep = lineOf(ctx, last[0]) > lineOf(ctx, r[0]) && /^ *$/.test(pad) ? `,\n${pad}` : ', ';
    return { start: last[1], end: last[1], text: missing.map((m) => `${sep}${one(m)}`).join('') };
  }
  const dash = ctx.text.slice(lineStart(ctx.text, first[0]), first[0]);
  if (!/^ *- +$/.test(dash)) return { why: 'the list is not written one item per line: change it by hand' };
  let at = last[1];
  if (ctx.text[at - 1] === '\n') at -= 1;
  at = lineEnd(ctx.text, at);
  return { start: at, end: at, text: missing.map((m) => `\n${dash}${one(m)}`).join('') };
}

/** The file's indentation step: the smallest indentation of an indented line (2 when none). */
function detectStep(text: string): string {
  const m = text.match(/^( +)\S/gm);
  if (!m) return '  ';
  const n = Math.min(...m.map((l) => l.length - 1));
  return ' '.repeat(n || 2);
}

/** The CloudFormation resource (logical id pair) whose lines contain `line`. */
function resourceAt(doc: Document, ctx: Ctx, line: number, section = 'Resources'): Pair | undefined {
  const res = isMap(doc.contents) ? doc.contents.get(section, true) : undefined;
  if (!isMap(res)) return undefined;
  return res.items.find((p: Pair) => {
    const start = range(p.key)?.[0];
    const end = range(p.value)?.[1];
    return (
      start !== undefined &&
      end !== undefined &&
      lineOf(ctx, start) <= line &&
      line <= lineOf(ctx, Math.max(start, end - 1))
    );
  });
}

/** The Ansible task (a mapping in a list) whose lines contain `line`, innermost first. */
function taskAt(node: unknown, ctx: Ctx, line: number): YAMLMap | undefined {
  if (isSeq(node)) {
    for (const item of node.items) {
      const r = range(item);
      if (!r || lineOf(ctx, r[0]) > line || line > lineOf(ctx, Math.max(r[0], r[1] - 1))) continue;
      if (isMap(item)) {
        for (const k of ['block', 'rescue', 'always', 'tasks', 'pre_tasks', 'post_tasks', 'handlers']) {
          const inner = taskAt(item.get(k, true), ctx, line);
          if (inner) return inner;
        }
        return item;
      }
    }
  }
  return undefined;
}

/** The module's argument mapping of a task: the value of its module key (`ansible.builtin.get_url:` …). */
function moduleArgs(task: YAMLMap): { key: string; args: unknown } | undefined {
  const skip = new Set([
    'name',
    'when',
    'become',
    'become_user',
    'register',
    'loop',
    'with_items',
    'tags',
    'notify',
    'no_log',
    'vars',
    'environment',
    'args',
    'delegate_to',
    'ignore_errors',
    'changed_when',
    'failed_when',
    'until',
    'retries',
    'delay',
    'run_once',
    'check_mode',
    'diff',
    'block',
    'rescue',
    'always',
    'loop_control',
    'timeout',
    'throttle',
    'any_errors_fatal',
  ]);
  for (const p of task.items) {
    const k = isScalar(p.key) ? String(p.key.value) : '';
    if (!skip.has(k)) return { key: k, args: p.value };
  }
  return undefined;
}

/** Set `key` in the Properties of the resource at `line` (adding Properties when the resource has none). */
function setOnResource(
  doc: Document,
  ctx: Ctx,
  line: number,
  key: string,
  value: Value,
  raw?: string,
): Edit | Edit[] | { why: string } | undefined {
  const text = ctx.text;
  const res = resourceAt(doc, ctx, line);
  const body = res && isMap(res.value) ? res.value : undefined;
  const props = body?.get('Properties', true);
  if (!body) return { why: 'no resource at that line' };
  if (isMap(props)) return setInMap(props, key, value, ctx, props, raw);
  if (props !== undefined && props !== null) return { why: 'Properties is not a mapping written here' };
  // No Properties yet: add the block under the resource.
  const r = range(body.items[body.items.length - 1]?.value ?? body.items[0]?.key)!;
  const k0 = range(body.items[0]!.key)![0];
  const indent = ' '.repeat(k0 - lineStart(text, k0));
  const step = detectStep(text);
  if (ctx.json) return { why: 'a JSON resource without Properties: add them by hand' };
  let at = r[1];
  if (text[at - 1] === '\n') at -= 1;
  at = lineEnd(text, at);
  const v =
    raw !== undefined
      ? ` ${raw}`
      : isBlock(value)
        ? render(value, ctx, indent + step, step)
        : ` ${render(value, ctx, indent, step)}`;
  return { start: at, end: at, text: `\n${indent}Properties:\n${indent}${step}${key}:${v}` };
}

/** `!Ref Name` in YAML, `{ "Ref": "Name" }` in JSON. */
function refText(ctx: Ctx, name: string): string {
  return ctx.json ? `{ "Ref": ${JSON.stringify(name)} }` : `!Ref ${name}`;
}

const WORLD = new Set(['0.0.0.0/0', '::/0', '::0/0', '0::0/0']);

/** The literal world-CIDR scalar on `line` below `node` (a resource or a task), and whether it is IPv6. */
function worldScalarOn(node: unknown, ctx: Ctx, line: number): { node: unknown; v6: boolean } | undefined {
  let found: { node: unknown; v6: boolean } | undefined;
  const visit = (n: unknown, depth: number) => {
    if (found || depth > 40) return;
    if (isScalar(n)) {
      const r = range(n);
      const v = typeof n.value === 'string' ? n.value.trim() : undefined;
      if (r && v && WORLD.has(v) && literal(n) && lineOf(ctx, r[0]) === line) found = { node: n, v6: v.includes(':') };
    } else if (isMap(n)) for (const p of n.items) visit(p.value, depth + 1);
    else if (isSeq(n)) for (const it of n.items) visit(it, depth + 1);
  };
  visit(node, 0);
  return found;
}

/** The value node of `key` on `line` below `node` (a resource): in nested blocks and list items. */
function keyedScalarOn(node: unknown, ctx: Ctx, line: number, key: string): unknown {
  let found: unknown;
  const visit = (n: unknown, depth: number) => {
    if (found !== undefined || depth > 40) return;
    if (isMap(n))
      for (const p of n.items) {
        const r = range(p.value);
        if (isScalar(p.key) && p.key.value === key && isScalar(p.value) && r && lineOf(ctx, r[0]) === line) {
          found = p.value;
          return;
        }
        visit(p.value, depth + 1);
      }
    else if (isSeq(n)) for (const it of n.items) visit(it, depth + 1);
  };
  visit(node, 0);
  return found;
}

/** The value a fix writes, chosen by a property the resource writes literally (case-insensitively). */
function chooseByProp(res: Pair | undefined, by: { key: string; values: Record<string, Value> }): Value | undefined {
  const props = res && isMap(res.value) ? res.value.get('Properties', true) : undefined;
  const v = isMap(props) ? props.get(by.key, true) : undefined;
  if (!literal(v) || typeof (v as { value: unknown }).value !== 'string') return undefined;
  return by.values[String((v as { value: string }).value).toUpperCase()];
}

/**
 * The innermost block mapping under `props` at one of `paths` (`A.B[].C`) whose lines (from its key's line) hold
 * `line`.
 */
function innermostAt(props: unknown, paths: string[], ctx: Ctx, line: number): YAMLMap | undefined {
  let best: { map: YAMLMap; size: number } | undefined;
  const consider = (map: unknown, from: number) => {
    const r = range(map);
    if (!isMap(map) || !r) return;
    if (from > line || line > lineOf(ctx, Math.max(r[0], r[1] - 1))) return;
    if (!best || r[1] - r[0] < best.size) best = { map, size: r[1] - r[0] };
  };
  const walk = (node: unknown, segs: string[], from: number) => {
    if (!segs.length) return consider(node, from);
    const [seg, ...rest] = segs;
    const m = /^(.*?)((?:\[\])*)$/.exec(seg!)!;
    if (!isMap(node)) return;
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === m[1]);
    if (!pair) return;
    const keyLine = lineOf(ctx, range(pair.key)![0]);
    let level: Array<{ n: unknown; from: number }> = [{ n: pair.value, from: keyLine }];
    for (let k = 0; k < m[2]!.length / 2; k++)
      level = level.flatMap(({ n }) =>
        isSeq(n) ? n.items.map((it) => ({ n: it, from: lineOf(ctx, range(it)?.[0] ?? 0) })) : [],
      );
    for (const { n, from: f } of level) walk(n, rest, f);
  };
  for (const p of paths) {
    if (p === '') consider(props, 0);
    else walk(props, p.split('.'), 0);
  }
  return best?.map;
}

/** The module argument on `line` (at any depth) that one of `sets` names and finds wrong, with its mapping. */
function argOnLine<S extends { key: string; when: (v: unknown) => boolean }>(
  args: YAMLMap,
  ctx: Ctx,
  line: number,
  sets: S[],
): { map: YAMLMap; set: S } | undefined {
  let found: { map: YAMLMap; set: S } | undefined;
  const visit = (n: unknown, depth: number) => {
    if (found || depth > 8) return;
    if (isSeq(n)) for (const it of n.items) visit(it, depth + 1);
    if (!isMap(n)) return;
    for (const p of n.items) {
      const k = isScalar(p.key) ? p.key.value : undefined;
      const set = sets.find((x) => x.key === k);
      const r = range(p.key);
      if (set && r && lineOf(ctx, r[0]) === line && literal(p.value) && set.when((p.value as { value: unknown }).value))
        found = { map: n, set };
      else visit(p.value, depth + 1);
    }
  };
  visit(args, 0);
  return found;
}

export const DENY_SID = 'DenyInsecureTransport';

/**
 * CFN-S3-006: a statement appended to the bucket policy's block (or JSON) `Statement` list that denies every request
 * over plain HTTP, on the bucket named by the policy's `Bucket` (a `!Ref` or a literal name) and its objects.
 */
function denyInsecure(doc: Document, ctx: Ctx, line: number): Edit | { why: string } | undefined {
  const res = resourceAt(doc, ctx, line);
  const props = res && isMap(res.value) ? res.value.get('Properties', true) : undefined;
  if (!isMap(props)) return { why: 'no Properties written here' };
  const bucket = props.get('Bucket', true);
  // The bucket's name, as !Sub reads it: ${Name} for a !Ref, the literal name.
  let name: string | undefined;
  if (isScalar(bucket) && bucket.tag === '!Ref' && typeof bucket.value === 'string') name = `\${${bucket.value}}`;
  else if (isMap(bucket) && bucket.items.length === 1 && typeof bucket.get('Ref') === 'string')
    name = `\${${String(bucket.get('Ref'))}}`;
  else if (literal(bucket) && typeof (bucket as { value: unknown }).value === 'string')
    name = String((bucket as { value: string }).value);
  if (!name || !/^[\w.${}-]+$/.test(name))
    return { why: 'Bucket is not a !Ref or a literal name: add the Deny statement by hand' };
  const pd = props.get('PolicyDocument', true);
  const list = isMap(pd) ? pd.get('Statement', true) : undefined;
  if (!isSeq(list) || Boolean((list as { flow?: boolean }).flow) !== ctx.json || !list.items.length)
    return { why: 'the Statement list is not written as a block list here: add the Deny statement by hand' };
  if (list.items.some((it) => isMap(it) && it.get('Sid') === DENY_SID)) return undefined;
  const arn = `arn:\${AWS::Partition}:s3:::${name}`;
  const last = list.items[list.items.length - 1];
  const r = range(last)!;
  const first = range(list.items[0])!;
  const step = detectStep(ctx.text);
  if (ctx.json) {
    const ind = ' '.repeat(first[0] - lineStart(ctx.text, first[0]));
    const i2 = ind + step;
    const sub = (s: string) => `{ "Fn::Sub": ${JSON.stringify(s)} }`;
    const body = [
      `"Sid": ${JSON.stringify(DENY_SID)}`,
      '"Effect": "Deny"',
      '"Principal": "*"',
      '"Action": "s3:*"',
      `"Resource": [${sub(arn)}, ${sub(`${arn}/*`)}]`,
      '"Condition": { "Bool": { "aws:SecureTransport": "false" } }',
    ];
    return { start: r[1], end: r[1], text: `,\n${ind}{\n${body.map((b) => i2 + b).join(',\n')}\n${ind}}` };
  }
  // `- ` and the item's keys at the column of the existing items.
  const dash = ctx.text.slice(lineStart(ctx.text, first[0]), first[0]);
  if (!/^ *- +$/.test(dash)) return { why: 'the Statement list is not written as a block list here' };
  const ind = ' '.repeat(dash.length);
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const lines = [
    `${dash}Sid: ${DENY_SID}`,
    `${ind}Effect: Deny`,
    `${ind}Principal: '*'`,
    `${ind}Action: 's3:*'`,
    `${ind}Resource:`,
    `${ind}${step}- !Sub ${quote(arn)}`,
    `${ind}${step}- !Sub ${quote(`${arn}/*`)}`,
    `${ind}Condition:`,
    `${ind}${step}Bool:`,
    `${ind}${step}${step}aws:SecureTransport: 'false'`,
  ];
  let at = r[1];
  if (ctx.text[at - 1] === '\n') at -= 1;
  at = lineEnd(ctx.text, at);
  return { start: at, end: at, text: `\n${lines.join('\n')}` };
}

type NewParams = Map<string, { value: Value; ruleId: string; line: number; what: string }>;

/**
 * A fix's edits, once the parameter they refer to is sure to exist: an existing parameter of that name is used as it
 * is when it has no Default (the fix is refused when it has one); a new one is noted in `params`, which
 * {@link paramEdits} adds in one place afterwards.
 */
function withParam(
  doc: Document,
  ctx: Ctx,
  p: ParamSpec,
  e: Edit | Edit[] | { why: string } | undefined,
  params: NewParams,
  owner: { ruleId: string; line: number; what: string },
): Edit | Edit[] | { why: string } | undefined {
  if (!e || (!Array.isArray(e) && 'why' in e)) return e;
  const root = doc.contents;
  if (!isMap(root)) return { why: 'the template is not a mapping' };
  const section = root.get('Parameters', true);
  if (isMap(section)) {
    if ((section as { flow?: boolean }).flow && !ctx.json)
      return { why: `Parameters is written in flow style ({ … }): add ${p.name} by hand` };
    const existing = section.items.find((x) => isScalar(x.key) && x.key.value === p.name);
    if (existing) {
      if (isMap(existing.value) && existing.value.has('Default'))
        return { why: `parameter ${p.name} already exists with a Default: decide its value there` };
      return e;
    }
  } else if (section !== undefined && section !== null) return { why: 'Parameters is not a mapping written here' };
  else if (!root.items.some((x) => isScalar(x.key) && x.key.value === 'Resources'))
    return { why: 'no Resources section to put Parameters before' };
  if (!params.has(p.name))
    params.set(p.name, {
      value: {
        Type: p.type ?? 'String',
        Description: p.description,
        ...(p.allowedPattern ? { AllowedPattern: p.allowedPattern } : {}),
        ...(p.allowedValues ? { AllowedValues: p.allowedValues } : {}),
      },
      ...owner,
    });
  return e;
}

/**
 * The new parameters (Type String, a Description that names the decision, no Default): added at the end of
 * `Parameters`, or in a new `Parameters` section just before `Resources`.
 */
function paramEdits(
  doc: Document,
  ctx: Ctx,
  params: NewParams,
): Array<Edit & { ruleId: string; line: number; what: string }> {
  const root = doc.contents;
  if (!params.size || !isMap(root)) return [];
  const section = root.get('Parameters', true);
  const out: Array<Edit & { ruleId: string; line: number; what: string }> = [];
  if (isMap(section)) {
    for (const [name, p] of params) {
      const e = setInMap(section, name, p.value, ctx, section);
      if (e && !('why' in e))
        for (const one of Array.isArray(e) ? e : [e])
          out.push({ ...one, ruleId: p.ruleId, line: p.line, what: p.what });
    }
    return out;
  }
  const resources = root.items.find((x) => isScalar(x.key) && x.key.value === 'Resources');
  const k = resources && range(resources.key);
  if (!k) return [];
  const step = detectStep(ctx.text);
  const indent = ' '.repeat(k[0] - lineStart(ctx.text, k[0]));
  const block: Record<string, Value> = {};
  for (const [name, p] of params) block[name] = p.value;
  const text = ctx.json
    ? `"Parameters": ${render(block, ctx, indent, step)},\n${indent}`
    : `Parameters:${render(block, ctx, indent, step)}\n${indent}`;
  const first = [...params.values()][0]!;
  return [{ start: k[0], end: k[0], text, ruleId: first.ruleId, line: first.line, what: first.what }];
}

/**
 * Two fixes that add the same missing block at the same place (`StageDescription:` for its tracing and its access
 * log, `Properties:` for two settings) would write the key twice: the second one's entries join the first block,
 * under the block openers (`Key:`, `"Key": {`) the two share. In place; the merged edit is dropped from the list.
 */
type Owner = { ruleId: string; line: number; what: string };

function mergeBlocks(edits: Array<Edit & Owner & { also?: Owner[] }>, json: boolean): void {
  const opener = json ? (l: string) => l.endsWith('{') : (l: string) => l.endsWith(':');
  for (let i = 0; i < edits.length; i++) {
    const a = edits[i]!;
    if (a.start !== a.end) continue;
    for (let j = i + 1; j < edits.length; j++) {
      const b = edits[j]!;
      if (b.start !== a.start || b.end !== a.end) continue;
      const al = a.text.split('\n');
      const bl = b.text.split('\n');
      // Line 0 is empty (YAML) or the comma (JSON); then the shared openers.
      let n = 0;
      while (n + 1 < Math.min(al.length, bl.length) && al[n + 1] === bl[n + 1] && opener(al[n + 1]!)) n++;
      if (!n || al[0] !== bl[0]) continue;
      a.text = json
        ? `${al.slice(0, al.length - n).join('\n')},\n${bl.slice(1 + n).join('\n')}`
        : `${a.text}\n${bl.slice(1 + n).join('\n')}`;
      a.also = [...(a.also ?? []), { ruleId: b.ruleId, line: b.line, what: b.what }, ...(b.also ?? [])];
      edits.splice(j--, 1);
    }
  }
}

/** A fix's value with `{id}` in its strings replaced by the resource's logical id (a log prefix per resource). */
function withId(value: Value, id: string): Value {
  if (typeof value === 'string') return value.replace(/\{id\}/g, id);
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => withId(v, id));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withId(v, id)]));
}

/**
 * `cfn-set-refs`: each key of the resource's Properties that is left out (or written empty) set to `!Ref` of its new
 * parameter; a key written with a value is the team's and stays (with no parameter added for it).
 */
function setRefs(
  doc: Document,
  ctx: Ctx,
  refs: Array<{ key: string; param: ParamSpec }>,
  t: FixTarget,
  what: string,
  params: NewParams,
): Edit[] | { why: string } | undefined {
  const res = resourceAt(doc, ctx, t.line);
  const props = res && isMap(res.value) ? res.value.get('Properties', true) : undefined;
  const owner = { ruleId: t.ruleId, line: t.line, what };
  const out: Edit[] = [];
  for (const { key, param } of refs) {
    const cur = isMap(props) ? props.get(key, true) : undefined;
    if (cur !== undefined && !(literal(cur) && ['', null].includes((cur as { value: unknown }).value as string)))
      continue;
    const e = withParam(
      doc,
      ctx,
      param,
      setOnResource(doc, ctx, t.line, key, '', refText(ctx, param.name)),
      params,
      owner,
    );
    if (e && !Array.isArray(e) && 'why' in e) return e;
    if (e) out.push(...(Array.isArray(e) ? e : [e]));
  }
  return out.length ? out : undefined;
}

/**
 * CFN-S3-008: the literal `'*'` origin on `line` in a CORS rule of the bucket. A list that also names origins loses the
 * item (its line in a block list, the item and a comma in a flow or JSON list); a list of `'*'` only becomes `!Ref` of
 * the parameter (`param` in the result: the caller adds it). A `'*'` method is left with a reason.
 */
function corsOrigin(
  doc: Document,
  ctx: Ctx,
  line: number,
  param: ParamSpec,
): Edit | { param: true; edit: Edit | { why: string } } | { why: string } {
  const res = resourceAt(doc, ctx, line);
  const props = res && isMap(res.value) ? res.value.get('Properties', true) : undefined;
  const cors = isMap(props) ? props.get('CorsConfiguration', true) : undefined;
  const rules = isMap(cors) ? cors.get('CorsRules', true) : undefined;
  const star = (n: unknown) => literal(n) && String((n as { value: unknown }).value).trim() === '*';
  const onLine = (n: unknown) => range(n) !== undefined && lineOf(ctx, range(n)![0]) === line;
  for (const rule of isSeq(rules) ? rules.items : []) {
    if (!isMap(rule)) continue;
    const pair = rule.items.find((p) => isScalar(p.key) && p.key.value === 'AllowedOrigins');
    const seq = pair?.value;
    const i = isSeq(seq) ? seq.items.findIndex((it) => star(it) && onLine(it)) : -1;
    if (!pair || !isSeq(seq) || i < 0) continue;
    const flow = ctx.json || Boolean((seq as { flow?: boolean }).flow);
    if (seq.items.some((it) => !star(it))) {
      const r = range(seq.items[i])!;
      if (flow) {
        const prev = seq.items[i - 1];
        const next = seq.items[i + 1];
        return prev ? { start: range(prev)![1], end: r[1], text: '' } : { start: r[0], end: range(next)![0], text: '' };
      }
      const from = lineStart(ctx.text, r[0]);
      if (!/^ *- *$/.test(ctx.text.slice(from, r[0])))
        return { why: 'the origin is not on a line of its own: remove it by hand' };
      return { start: from, end: Math.min(ctx.text.length, lineEnd(ctx.text, r[0]) + 1), text: '' };
    }
    const ref = refText(ctx, param.name);
    const sr = range(seq)!;
    if (flow) return { param: true, edit: { start: sr[0], end: sr[1], text: ref } };
    const keyEnd = range(pair.key)![1];
    const last = range(seq.items[seq.items.length - 1])!;
    if (!/^\s*:\s*$/.test(ctx.text.slice(keyEnd, sr[0])))
      return { why: 'a comment between AllowedOrigins and its list: set it by hand' };
    return { param: true, edit: { start: keyEnd, end: last[1], text: `: ${ref}` } };
  }
  const methods = (isSeq(rules) ? rules.items : []).some((r) => {
    const list = isMap(r) ? r.get('AllowedMethods', true) : undefined;
    return isSeq(list) && list.items.some((it) => star(it) && onLine(it));
  });
  return {
    why: methods
      ? "a '*' method: list the methods the sites use (GET, PUT…) by hand"
      : "no literal '*' origin of a CORS rule on that line: change it by hand",
  };
}

/** The edits of one finding's fix, or why it is not fixed; a new parameter the fix refers to is noted in `params`. */
function editsFor(
  doc: Document,
  ctx: Ctx,
  spec: FixSpec,
  t: FixTarget,
  format: 'cloudformation' | 'ansible',
  params: NewParams,
): Edit | Edit[] | { why: string } | undefined {
  const text = ctx.text;
  let e: Edit | Edit[] | { why: string } | undefined;
  if (spec.kind === 'cfn-set' && format === 'cloudformation') {
    const res = resourceAt(doc, ctx, t.line);
    const type = res && isMap(res.value) ? res.value.get('Type') : undefined;
    const set = spec.byType && typeof type === 'string' ? spec.byType[type] : undefined;
    const id = res && isScalar(res.key) ? String(res.key.value) : '';
    const key = set?.key ?? spec.key;
    const chosen = spec.byProp && chooseByProp(res, spec.byProp);
    const value = withId(chosen ?? set?.value ?? spec.value, id);
    const props = res && isMap(res.value) ? res.value.get('Properties', true) : undefined;
    if (spec.byType && !set) e = { why: `no fix for resource type ${String(type)}` };
    else if (spec.absentOnly && isMap(props) && props.has(key)) e = { why: spec.absentOnly };
    else if (spec.byProp && !chosen)
      e = { why: `${spec.byProp.key} is not one hookguard knows, or not written literally: set ${key} by hand` };
    else if (!spec.param) e = setOnResource(doc, ctx, t.line, key, value);
    else {
      const owner = { ruleId: t.ruleId, line: t.line, what: spec.what };
      e = withParam(doc, ctx, spec.param, setOnResource(doc, ctx, t.line, key, value), params, owner);
    }
  } else if (spec.kind === 'cfn-set-param' && format === 'cloudformation') {
    const owner = { ruleId: t.ruleId, line: t.line, what: spec.what };
    const set = setOnResource(doc, ctx, t.line, spec.key, '', refText(ctx, spec.param.name));
    e = withParam(doc, ctx, spec.param, set, params, owner);
  } else if (spec.kind === 'cfn-kms-param' && format === 'cloudformation') {
    const res = resourceAt(doc, ctx, t.line);
    const type = res && isMap(res.value) ? res.value.get('Type') : undefined;
    const keyPath = typeof type === 'string' ? CMK_PROPS[type]?.path.split('.') : undefined;
    const owner = { ruleId: t.ruleId, line: t.line, what: spec.what };
    const ref = refText(ctx, spec.param.name);
    let set: ReturnType<typeof setOnResource>;
    if (!keyPath) set = { why: 'not a resource type whose KMS key hookguard knows' };
    else if (keyPath.length === 1) set = setOnResource(doc, ctx, t.line, keyPath[0]!, '', ref);
    else {
      const props = (res!.value as YAMLMap).get('Properties', true);
      const parent = isMap(props) ? props.get(keyPath[0], true) : undefined;
      set = isMap(parent)
        ? setInMap(parent, keyPath[1]!, '', ctx, parent, ref)
        : { why: `no ${keyPath[0]} block written here: add ${keyPath.join('.')} by hand` };
    }
    e = withParam(doc, ctx, spec.param, set, params, owner);
  } else if (spec.kind === 'cfn-replace' && format === 'cloudformation') {
    const res = resourceAt(doc, ctx, t.line);
    const node = res && keyedScalarOn(res.value, ctx, t.line, spec.key);
    const type = res && isMap(res.value) ? res.value.get('Type') : undefined;
    if (node && !literal(node))
      e = { why: `${spec.key} is set from elsewhere (a reference or a tag): change it there` };
    else if (node) {
      const r = range(node)!;
      const src = text.slice(r[0], r[1]);
      const q = /^["']/.test(src) ? src[0]! : '';
      if (!spec.when((node as { value: unknown }).value)) e = { why: `${spec.key} is not what the rule reported` };
      else {
        // A number stays a number (`365` → `90`, not `"90"`).
        const num = typeof (node as { value: unknown }).value === 'number' && /^\d+$/.test(spec.value);
        const json = num ? spec.value : JSON.stringify(spec.value);
        e = { start: r[0], end: r[1], text: ctx.json ? json : `${q}${spec.value}${q}` };
      }
    } else if (typeof spec.orSet === 'object' && (!spec.orSet.types || spec.orSet.types.includes(String(type))))
      e = setOnResource(doc, ctx, t.line, spec.orSet.key, spec.orSet.value);
    else if (spec.orSet && typeof type === 'string' && spec.paths[type]?.includes(spec.key))
      e = setOnResource(doc, ctx, t.line, spec.key, spec.value);
    else e = { why: `no ${spec.key} written on that line: set it by hand` };
  } else if (spec.kind === 'cfn-set-in' && format === 'cloudformation') {
    const res = resourceAt(doc, ctx, t.line);
    const type = res && isMap(res.value) ? res.value.get('Type') : undefined;
    const props = res && isMap(res.value) ? res.value.get('Properties', true) : undefined;
    const paths = typeof type === 'string' ? spec.paths[type] : undefined;
    const block = paths && innermostAt(props, paths, ctx, t.line);
    const value = block && spec.pick ? spec.pick(block.toJSON() as Record<string, unknown>) : spec.value;
    // A reference replaces a literal written empty (`WebACLId: ''`); one written otherwise is left with a reason.
    const set = block
      ? isRef(value) && literal(block.get(spec.key, true)) && block.get(spec.key) !== ''
        ? { why: `${spec.key} is already set: check its value by hand` }
        : isRef(value)
          ? setInMap(block, spec.key, '', ctx, block, refText(ctx, value.Ref))
          : setInMap(block, spec.key, value, ctx, block)
      : { why: `no block of ${paths?.join(' or ') ?? 'a known path'} at that line: set ${spec.key} by hand` };
    const owner = { ruleId: t.ruleId, line: t.line, what: spec.what };
    e = spec.param ? withParam(doc, ctx, spec.param, set, params, owner) : set;
  } else if (spec.kind === 'cfn-set-refs' && format === 'cloudformation') {
    e = setRefs(doc, ctx, spec.refs, t, spec.what, params);
  } else if (spec.kind === 'cfn-cors-origin' && format === 'cloudformation') {
    const owner = { ruleId: t.ruleId, line: t.line, what: spec.what };
    const edit = corsOrigin(doc, ctx, t.line, spec.param);
    e = edit && 'param' in edit ? withParam(doc, ctx, spec.param, edit.edit, params, owner) : edit;
  } else if (spec.kind === 'cfn-param-set' && format === 'cloudformation') {
    const p = resourceAt(doc, ctx, t.line, 'Parameters');
    e =
      p && isMap(p.value)
        ? setInMap(p.value, spec.key, spec.value, ctx, p.value)
        : { why: 'the finding is where the value is used: set NoEcho: true on its parameter' };
  } else if (spec.kind === 'cfn-deny-insecure' && format === 'cloudformation') {
    e = denyInsecure(doc, ctx, t.line);
  } else if (spec.kind === 'cfn-world-param' && format === 'cloudformation') {
    const res = resourceAt(doc, ctx, t.line);
    const node = res && worldScalarOn(res.value, ctx, t.line);
    if (!node) e = { why: 'no literal world CIDR on that line (a !Ref or a default: change it where it is set)' };
    else {
      const p = node.v6 && spec.param.ipv6 ? spec.param.ipv6 : spec.param;
      const r = range(node.node)!;
      const owner = { ruleId: t.ruleId, line: t.line, what: spec.what };
      e = withParam(doc, ctx, p, { start: r[0], end: r[1], text: refText(ctx, p.name) }, params, owner);
    }
  } else if (format === 'ansible') e = ansibleEdits(doc, ctx, spec, t);
  return e;
}

/**
 * Whether an argument the task leaves out can be added: the finding is at the task (its first line or its module's
 * line), the module is one of `add.modules` (`community.aws.ecs_ecr` is `ecs_ecr`), and neither the argument nor an
 * alias of it is written.
 */
function addableAt(
  task: YAMLMap,
  mod: { key: string; args: unknown },
  ctx: Ctx,
  line: number,
  add: { key: string; modules: string[]; aliases?: string[] },
): boolean {
  const args = mod.args;
  if (!isMap(args) || !add.modules.includes(mod.key.split('.').pop()!)) return false;
  if ([add.key, ...(add.aliases ?? [])].some((k) => args.has(k))) return false;
  const modPair = task.items.find((p) => isScalar(p.key) && p.key.value === mod.key);
  const lines = [range(task)?.[0], range(modPair?.key)?.[0]].map((o) => (o === undefined ? -1 : lineOf(ctx, o)));
  return lines.includes(line);
}

/** The edits of one Ansible finding's fix, or why it is not fixed. */
function ansibleEdits(
  doc: Document,
  ctx: Ctx,
  spec: FixSpec,
  t: FixTarget,
): Edit | Edit[] | { why: string } | undefined {
  const text = ctx.text;
  let e: Edit | Edit[] | { why: string } | undefined;
  if (spec.kind === 'ans-world-var') {
    const task = taskAt(doc.contents, ctx, t.line);
    const node = task && worldScalarOn(task, ctx, t.line);
    if (!node) e = { why: 'no literal world CIDR on that line (a variable: change it where it is set)' };
    else {
      const name = node.v6 ? spec.ipv6 : spec.variable;
      const r = range(node.node)!;
      const eol = lineEnd(text, r[1]);
      const hasComment = /\s#/.test(text.slice(r[1], eol));
      e = [
        { start: r[0], end: r[1], text: `"{{ ${name} }}"` },
        ...(hasComment
          ? []
          : [{ start: eol, end: eol, text: `  # hookguard: set ${name} to ${spec.decision} (the team's decision)` }]),
      ];
    }
  } else if (spec.kind === 'ans-set') {
    const task = taskAt(doc.contents, ctx, t.line);
    const mod = task && moduleArgs(task);
    if (!task || !mod) e = { why: 'no task at that line' };
    else if (isMap(mod.args)) {
      const cur = mod.args.get(spec.key, true);
      if (spec.when && !(isScalar(cur) && spec.when(cur.value)))
        e = { why: `${spec.key} is not what the rule reported` };
      else e = setInMap(mod.args, spec.key, spec.value, ctx, mod.args);
    } else e = { why: `${mod.key} takes its arguments inline (key=value): change ${spec.key} by hand` };
  } else if (spec.kind === 'ans-args') {
    const task = taskAt(doc.contents, ctx, t.line);
    const mod = task && moduleArgs(task);
    if (!task || !mod) e = { why: 'no task at that line' };
    else if (!isMap(mod.args)) e = { why: `${mod.key} takes its arguments inline (key=value): change them by hand` };
    else {
      const hit = argOnLine(mod.args, ctx, t.line, spec.sets);
      const add = !hit && spec.add && addableAt(task, mod, ctx, t.line, spec.add) ? spec.add : undefined;
      e = hit
        ? setInMap(hit.map, hit.set.key, hit.set.value, ctx, hit.map)
        : add
          ? setInMap(mod.args, add.key, add.value, ctx, mod.args, add.raw)
          : { why: 'no argument written wrong on that line (left out, or set from a variable): set it by hand' };
    }
  } else if (spec.kind === 'ans-task') {
    const task = taskAt(doc.contents, ctx, t.line);
    e = task ? setInMap(task, spec.key, spec.value, ctx, task) : { why: 'no task at that line' };
  }
  return e;
}

export function applyFixes(text: string, targets: FixTarget[], format: 'cloudformation' | 'ansible'): FixOutcome {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  const out: FixOutcome = { text, applied: [], skipped: [] };
  if (doc.errors.length) {
    for (const t of targets) out.skipped.push({ ruleId: t.ruleId, line: t.line, why: 'the file does not parse' });
    return out;
  }
  const ctx: Ctx = { text, lc, json: /^\s*[{[]/.test(text) };
  const edits: Array<Edit & Owner & { also?: Owner[] }> = [];
  const params: NewParams = new Map();
  for (const t of targets) {
    const spec = FIXES[t.ruleId];
    if (!spec) continue;
    const e = editsFor(doc, ctx, spec, t, format, params);
    if (!e) continue;
    if (!Array.isArray(e) && 'why' in e) out.skipped.push({ ruleId: t.ruleId, line: t.line, why: e.why });
    else
      for (const one of Array.isArray(e) ? e : [e])
        edits.push({ ...one, ruleId: t.ruleId, line: t.line, what: spec.what });
  }
  edits.push(...paramEdits(doc, ctx, params));
  // One edit per place (two findings asking for the same change), applied from the end.
  const seen = new Map<string, (typeof edits)[number]>();
  const unique = edits.filter((e) => {
    const k = `${e.start}:${e.end}:${e.text}`;
    const first = seen.get(k);
    if (first) {
      // The one edit fixes this finding too.
      first.also = [...(first.also ?? []), { ruleId: e.ruleId, line: e.line, what: e.what }];
      return false;
    }
    seen.set(k, e);
    return true;
  });
  mergeBlocks(unique, ctx.json);
  // From the end of the text backwards; insertions at the same place in reverse, so they read in the order given.
  const order = new Map(unique.map((e, i) => [e, i]));
  // Insertions at one place that close different blocks (a nested entry added at the end of a block, and a new
  // property after that block): the deeper one first, so it stays inside its block.
  const depth = (e: Edit) => (e.start === e.end ? (/^,?\n( *)/.exec(e.text)?.[1]?.length ?? 0) : 0);
  unique.sort((a, b) => b.start - a.start || b.end - a.end || depth(a) - depth(b) || order.get(b)! - order.get(a)!);
  let result = text;
  let lastStart = Infinity;
  for (const e of unique) {
    if (e.end > lastStart) {
      out.skipped.push({ ruleId: e.ruleId, line: e.line, why: 'overlaps another fix: run hookguard fix again' });
      continue;
    }
    result = result.slice(0, e.start) + e.text + result.slice(e.end);
    lastStart = e.start;
    // One entry per finding fixed (a fix may take several edits, an edit serve several fixes).
    for (const o of [e, ...(e.also ?? [])])
      if (!out.applied.some((x) => x.ruleId === o.ruleId && x.line === o.line))
        out.applied.push({ ruleId: o.ruleId, line: o.line, what: o.what });
  }
  out.text = result;
  return out;
}
