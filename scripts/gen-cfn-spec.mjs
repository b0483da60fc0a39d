// Generates src/cloud/cfn-spec.json: the CloudFormation resource specification trimmed to what hookguard asks of it —
// for each AWS::* resource type its property names and their structure (scalar, list or map of what, nested property
// types) — from the devDependency @aws-cdk/aws-service-spec (the CDK team's database of CloudFormation schemas).
// `node scripts/gen-cfn-spec.mjs --check` fails when the committed file differs from what the installed package gives
// (test/cloud/spec.test.ts runs the same comparison).
//
// The file is committed (not written at build time) so that src/ tests, the Action bundle and a clone without the
// devDependency all read the same data; it changes only when the package is upgraded.
//
// Format: { source, resources: { "AWS::S3::Bucket": "Prop=T;Prop=T…" }, types: [ "Prop=T;…" ] } — each property set one
// string, decoded only when a template uses that resource type (a JSON of ~11,000 strings parses several times faster
// than one of ~100,000 small objects). Identical property types are stored once. A type T is
//   s string · b boolean · n number/integer · j free JSON (anything below) · t a tag ({Key, Value})
//   <digits> a property type: the index in `types`
//   [T a list of T · {T a map of string to T · (T,T,…) one of (a union, or the current and older shapes)
// AWS::Serverless::* (SAM) types are left out: the SAM transform defines them, and the database's copy is partial.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'src', 'cloud', 'cfn-spec.json');

export function generate() {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('@aws-cdk/aws-service-spec/package.json', { paths: [root] });
  const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  const db = JSON.parse(gunzipSync(readFileSync(path.join(path.dirname(pkgJson), 'db.json.gz'))).toString('utf8'));
  const defs = new Map(db.schema.typeDefinition.entities.map((t) => [t.$id, t]));
  const types = [];
  const index = new Map();

  const def = (id) => {
    let i = index.get(id);
    if (i !== undefined) return i;
    i = types.length;
    index.set(id, i);
    types.push(null);
    const d = defs.get(id);
    if (!d) throw new Error(`type definition ${id} not found`);
    types[i] = props(d.properties);
    return i;
  };
  const code = (t) => {
    switch (t.type) {
      case 'string':
        return 's';
      case 'boolean':
        return 'b';
      case 'integer':
      case 'number':
        return 'n';
      case 'json':
        return 'j';
      case 'tag':
        return 't';
      case 'date-time':
        return 's';
      case 'ref':
        return String(def(t.reference.$ref));
      case 'array':
        return `[${code(t.element)}`;
      case 'map':
        return `{${code(t.element)}`;
      case 'union':
        return oneOf(t.types.map(code));
      default:
        throw new Error(`unknown type ${JSON.stringify(t)}`);
    }
  };
  const oneOf = (codes) => {
    const u = [...new Set(codes)];
    return u.length === 1 ? u[0] : `(${u.join(',')})`;
  };
  // A property's current shape, and older ones a template may still use.
  const props = (ps) =>
    Object.keys(ps)
      .sort()
      .map((name) => `${name}=${oneOf([code(ps[name].type), ...(ps[name].previousTypes ?? []).map(code)])}`)
      .join(';');

  const resources = {};
  const all = db.schema.resource.entities
    .filter((r) => r.cloudFormationType.startsWith('AWS::') && !r.cloudFormationType.startsWith('AWS::Serverless::'))
    .sort((a, b) => (a.cloudFormationType < b.cloudFormationType ? -1 : 1));
  for (const r of all) resources[r.cloudFormationType] = props(r.properties);
  const { resources: res, types: ts } = dedupe(resources, types);
  return `${JSON.stringify({ source: `@aws-cdk/aws-service-spec ${version}`, resources: res, types: ts })}\n`;
}

/** Store identical property types once: merge types whose text is equal, renumber, until nothing changes. */
function dedupe(resources, types) {
  const renumber = (text, map) => text.replace(/(?<==|[[{(,])(\d+)/g, (_, n) => String(map[Number(n)]));
  for (let distinct = Infinity; ;) {
    const first = new Map();
    const map = types.map((t, i) => {
      if (!first.has(t)) first.set(t, i);
      return first.get(t);
    });
    if (first.size >= distinct) break;
    distinct = first.size;
    types = types.map((t) => renumber(t, map));
    for (const k of Object.keys(resources)) resources[k] = renumber(resources[k], map);
  }
  // Keep the types still referenced, in order of first use.
  const order = [];
  const seen = new Map();
  const visit = (text) => {
    for (const m of text.matchAll(/(?<==|[[{(,])(\d+)/g)) {
      const n = Number(m[1]);
      if (seen.has(n)) continue;
      seen.set(n, order.length);
      order.push(n);
      visit(types[n]);
    }
  };
  for (const k of Object.keys(resources)) visit(resources[k]);
  const map = [];
  for (const [old, idx] of seen) map[old] = idx;
  const out = {};
  for (const k of Object.keys(resources)) out[k] = renumber(resources[k], map);
  return { resources: out, types: order.map((n) => renumber(types[n], map)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = generate();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      /* missing: stale */
    }
    if (current !== text) {
      console.error('src/cloud/cfn-spec.json is stale: run node scripts/gen-cfn-spec.mjs');
      process.exit(1);
    }
    console.error('src/cloud/cfn-spec.json is fresh');
  } else {
    writeFileSync(out, text);
    console.error(`wrote src/cloud/cfn-spec.json (${text.length} bytes)`);
  }
}
