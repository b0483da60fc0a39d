/**
 * The CloudFormation resource specification, trimmed to names and shapes: for each AWS::* resource type, its
 * properties and, below them, the property types' properties, with whether each is a scalar, a list or a map of what.
 * Generated from npm `@aws-cdk/aws-service-spec` by scripts/gen-cfn-spec.mjs into cfn-spec.json (format described
 * there). Enough to answer "does path X.Y[].Z exist on type T", and "which real property was meant".
 *
 * The data is a JSON of short strings (~650 KB). The builds keep it out of the bundles (scripts/cfn-spec-plugin.mjs):
 * there the import is a function that reads the file next to the bundle, called on the first question (~5 ms, read
 * and parse) rather than a JavaScript object built whenever the module loads; each
 * resource type's and property type's string is then decoded the first time it is asked about. Only the
 * CloudFormation rule family imports this module, and the family is loaded only when a scanned file looks like a
 * template: a commit of code never pays for it.
 *
 * Types this data does not know (newer than the package, `Custom::*`, third-party registry types, SAM's
 * `AWS::Serverless::*`) are unknown, never wrong.
 */
import raw from './cfn-spec.json' with { type: 'json' };

interface RawSpec {
  source: string;
  resources: Record<string, string>;
  types: string[];
}

/** A property's shape. */
export type Shape =
  | { t: 'string' | 'boolean' | 'number' | 'json' | 'tag' }
  | { t: 'object'; index: number }
  | { t: 'list' | 'map'; of: Shape }
  | { t: 'union'; of: Shape[] };

/** The answer of {@link lookupPath}. */
export type Lookup =
  | 'ok'
  | 'unknown-kind'
  | {
      /** The first segment of the path that the type does not have. */
      missing: string;
      /** Its index in the path. */
      at: number;
      /** The closest real property name at that place, when one is close enough to be a misspelling. */
      suggestion?: string;
    };

let parsed: RawSpec | undefined;
/** The data: in the bundles a function that reads it (see above), in tests and tsc the JSON module. */
function spec(): RawSpec {
  const r = raw as unknown as RawSpec | (() => string);
  return (parsed ??= typeof r === 'function' ? (JSON.parse(r()) as RawSpec) : r);
}
const decodedResources = new Map<string, Map<string, Shape>>();
const decodedTypes = new Map<number, Map<string, Shape>>();

/** The package and version the data was generated from (e.g. `@aws-cdk/aws-service-spec 0.1.216`). */
export function specSource(): string {
  return spec().source;
}

/**
 * Resource types the data never judges: SAM's, anything not `AWS::` (Custom::, Alexa::, third-party), and
 * `AWS::CloudFormation::CustomResource`, which passes any property it is given to its provider.
 */
export function judged(kind: string): boolean {
  return (
    kind.startsWith('AWS::') && !kind.startsWith('AWS::Serverless::') && kind !== 'AWS::CloudFormation::CustomResource'
  );
}

function parseShape(code: string): Shape {
  let i = 0;
  const one = (): Shape => {
    const c = code[i++];
    switch (c) {
      case 's':
        return { t: 'string' };
      case 'b':
        return { t: 'boolean' };
      case 'n':
        return { t: 'number' };
      case 'j':
        return { t: 'json' };
      case 't':
        return { t: 'tag' };
      case '[':
        return { t: 'list', of: one() };
      case '{':
        return { t: 'map', of: one() };
      case '(': {
        const of: Shape[] = [one()];
        while (code[i] === ',') {
          i++;
          of.push(one());
        }
        i++; // ')'
        return { t: 'union', of };
      }
      default: {
        const start = i - 1;
        while (i < code.length && code[i]! >= '0' && code[i]! <= '9') i++;
        const index = Number(code.slice(start, i));
        if (!Number.isInteger(index) || start === i) throw new Error(`cfn-spec.json: bad type code ${code}`);
        return { t: 'object', index };
      }
    }
  };
  return one();
}

function decodeProps(text: string): Map<string, Shape> {
  const out = new Map<string, Shape>();
  if (!text) return out;
  for (const entry of text.split(';')) {
    const eq = entry.indexOf('=');
    out.set(entry.slice(0, eq), parseShape(entry.slice(eq + 1)));
  }
  return out;
}

/** The properties of a resource type (`AWS::S3::Bucket`), or undefined when the data does not know the type. */
export function resourceProperties(kind: string): ReadonlyMap<string, Shape> | undefined {
  if (!judged(kind)) return undefined;
  let m = decodedResources.get(kind);
  if (!m) {
    const { resources } = spec();
    const text = Object.prototype.hasOwnProperty.call(resources, kind) ? resources[kind] : undefined;
    if (text === undefined) return undefined;
    m = decodeProps(text);
    decodedResources.set(kind, m);
  }
  return m;
}

/** The properties of a property type (the `index` of an object shape). */
export function typeProperties(index: number): ReadonlyMap<string, Shape> {
  let m = decodedTypes.get(index);
  if (!m) {
    const text = spec().types[index];
    if (text === undefined) throw new Error(`cfn-spec.json: no property type ${index}`);
    m = decodeProps(text);
    decodedTypes.set(index, m);
  }
  return m;
}

const TAG: ReadonlyMap<string, Shape> = new Map([
  ['Key', { t: 'string' }],
  ['Value', { t: 'string' }],
]);

/** The names a value of this shape may hold as a mapping: undefined when any name goes (json, map) or none (scalars). */
export function propertiesOf(shape: Shape): ReadonlyMap<string, Shape> | 'any' | undefined {
  switch (shape.t) {
    case 'object':
      return typeProperties(shape.index);
    case 'tag':
      return TAG;
    case 'json':
    case 'map':
      return 'any';
    case 'union': {
      const merged = new Map<string, Shape>();
      for (const s of shape.of) {
        const p = propertiesOf(s);
        if (p === 'any') return 'any';
        if (p) for (const [k, v] of p) if (!merged.has(k)) merged.set(k, v);
      }
      return merged.size ? merged : undefined;
    }
    default:
      return undefined;
  }
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/**
 * The real name `name` most likely misspells: one that differs only in case, else the closest by edit distance when
 * the distance is at most 1 for names up to 5 characters, 2 up to 11, 3 beyond (ties go to the first in order).
 */
export function suggest(name: string, names: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    if (n.toLowerCase() === lower) return n;
    const d = editDistance(lower, n.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  const limit = name.length <= 5 ? 1 : name.length <= 11 ? 2 : 3;
  return bestD <= limit ? best : undefined;
}

/** A path segment: `Name`, `Name[]`, `Name[0]`, `Name[*]` (a list's items), or `[]` / `0` / `*` alone. */
function splitSegment(seg: string): { name: string | undefined; lists: number } {
  let s = seg;
  let lists = 0;
  for (;;) {
    const m = /\[(?:\d*|\*)\]$/.exec(s);
    if (!m) break;
    lists++;
    s = s.slice(0, m.index);
  }
  if (s === '' || s === '*' || /^\d+$/.test(s)) return { name: undefined, lists: lists + (s === '' ? 0 : 1) };
  return { name: s, lists };
}

/** Step into a list's items (a list, or a union with a list); a non-list stays as it is (CloudFormation is lenient). */
function items(shape: Shape): Shape {
  if (shape.t === 'list') return shape.of;
  if (shape.t === 'union') {
    const of = shape.of.flatMap((s) => (s.t === 'list' ? [s.of] : []));
    if (of.length) return of.length === 1 ? of[0]! : { t: 'union', of };
  }
  return shape;
}

/**
 * Does the property path exist on the resource type? `path` is property names from `Properties` down, a list's items
 * written `Name[]` (or `Name[0]`, `Name[*]`, or a separate `[]`/number segment): `['BucketEncryption',
 * 'ServerSideEncryptionConfiguration[]', 'ServerSideEncryptionByDefault', 'SSEAlgorithm']`. Below a map any key goes;
 * below free JSON (a policy document) anything goes. 'unknown-kind' for a type the data does not judge.
 */
export function lookupPath(kind: string, path: readonly string[]): Lookup {
  const r = resolvePath(kind, path);
  return typeof r === 'object' && 'shape' in r ? 'ok' : r;
}

/**
 * The shape at the end of a property path (as {@link lookupPath} reads it): `{ shape }` where the path exists, with
 * `shape` undefined below free JSON or a map key that has no known shape; otherwise what lookupPath answers.
 */
export function resolvePath(
  kind: string,
  path: readonly string[],
): Exclude<Lookup, 'ok'> | { shape: Shape | undefined } {
  const top = resourceProperties(kind);
  if (!top) return 'unknown-kind';
  let cur: Shape | undefined;
  for (let at = 0; at < path.length; at++) {
    const { name, lists } = splitSegment(path[at]!);
    if (name !== undefined) {
      if (cur?.t === 'map')
        cur = cur.of; // the key of a map: any name goes
      else {
        const names = cur ? propertiesOf(cur) : top;
        if (names === 'any') return { shape: undefined };
        const next = names?.get(name);
        if (!next) {
          const suggestion = names ? suggest(name, names.keys()) : undefined;
          return { missing: name, at, ...(suggestion ? { suggestion } : {}) };
        }
        cur = next;
      }
    }
    for (let k = 0; k < lists && cur; k++) cur = items(cur);
    if (cur?.t === 'json') return { shape: undefined };
  }
  return { shape: cur };
}

/** The shape of a list's items, when the shape is (or may be) a list. */
export function listItems(shape: Shape): Shape | undefined {
  const s = items(shape);
  return s === shape ? undefined : s;
}

/** The shape of a map's values, when the shape is (or may be) a map of string to something. */
export function mapValues(shape: Shape): Shape | undefined {
  if (shape.t === 'map') return shape.of;
  if (shape.t === 'union') {
    const of = shape.of.flatMap((s) => (s.t === 'map' ? [s.of] : []));
    if (of.length) return of.length === 1 ? of[0]! : { t: 'union', of };
  }
  return undefined;
}
