/**
 * Checks a request against GitHub's published OpenAPI description (the extract in github-openapi.json, made by
 * scripts/extract-openapi.mjs from npm `@octokit/openapi`): the method and path must be an operation the extract
 * holds, path and query parameters must have the declared types (unknown query parameters are errors: GitHub ignores
 * them, so a misspelt `per_page` would silently page wrong), required ones must be present, and the JSON body must
 * validate against the operation's request-body schema.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}
type Schema = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  parameters: Param[];
  requestBody?: { required: boolean; schema: Schema };
}
interface Extract {
  package: string;
  operations: Record<string, Operation>;
}

export const description = JSON.parse(
  readFileSync(new URL('./github-openapi.json', import.meta.url), 'utf8'),
) as Extract;

/** OpenAPI 3.0 schema → JSON Schema: `nullable: true` becomes a "null" member of `type`. */
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== 'object') return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s as Schema)) {
    if (k === 'example' || k === 'examples' || k.startsWith('x-') || k === 'discriminator' || k === 'nullable')
      continue;
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, toJsonSchema(ps)]))
        : toJsonSchema(v);
  }
  // Objects are closed: a property the description does not name is a misspelt or invented field, which GitHub
  // ignores or refuses — either way the Action did not send what it meant to.
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if ((s as Schema).nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (out.enum) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d\d-\d\dT/.test(v));
ajv.addFormat('uri', (v: string) => /^[a-z][a-z0-9+.-]*:/i.test(v));
for (const f of ['int32', 'int64', 'email', 'uri-template', 'date', 'binary']) ajv.addFormat(f, true);

const compiled = new Map<string, ValidateFunction>();
function validator(key: string, schema: Schema): ValidateFunction {
  let v = compiled.get(key);
  if (!v) compiled.set(key, (v = ajv.compile(toJsonSchema(schema) as Schema)));
  return v;
}

const routes = Object.entries(description.operations).map(([id, op]) => ({
  id,
  op,
  re: new RegExp('^' + op.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)') + '$'),
}));

/** Problems with one request; empty when it matches the description. */
export function checkRequest(method: string, path: string, query: URLSearchParams, body: string): string[] {
  const where = `${method} ${path}`;
  let match: { id: string; op: Operation; groups: Record<string, string> } | undefined;
  for (const r of routes) {
    const m = r.op.method === method ? r.re.exec(path) : null;
    if (m) match = { id: r.id, op: r.op, groups: m.groups ?? {} };
  }
  if (!match) return [`${where}: no operation in ${description.package} that the Action is known to call`];
  const { id, op, groups } = match;
  const errs: string[] = [];
  const coerce = (schema: Schema, raw: string): unknown =>
    schema.type === 'integer' || schema.type === 'number' ? (/^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw) : raw;
  for (const p of op.parameters) {
    const raw = p.in === 'path' ? groups[p.name] : p.in === 'query' ? query.get(p.name) : undefined;
    if (raw === undefined || raw === null) {
      if (p.required && p.in !== 'header') errs.push(`${id}: required ${p.in} parameter ${p.name} missing`);
      continue;
    }
    const v = validator(`${id}#${p.in}.${p.name}`, p.schema);
    if (!v(coerce(p.schema, decodeURIComponent(raw))))
      errs.push(`${id}: ${p.in} parameter ${p.name}=${raw}: ${ajv.errorsText(v.errors)}`);
  }
  const known = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const k of query.keys()) if (!known.has(k)) errs.push(`${id}: unknown query parameter ${k}`);
  if (op.requestBody) {
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      errs.push(`${id}: body is not JSON`);
    }
    if (json === undefined) {
      if (op.requestBody.required) errs.push(`${id}: request body required`);
    } else {
      const v = validator(`${id}#body`, op.requestBody.schema);
      if (!v(json)) errs.push(`${id}: body: ${ajv.errorsText(v.errors, { separator: '; ' })}`);
    }
  } else if (body) errs.push(`${id}: takes no request body`);
  return errs;
}
