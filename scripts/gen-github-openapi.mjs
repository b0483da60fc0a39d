// Generates test/action/github-openapi.json: the request-body schemas of the GitHub REST operations the Action writes
// with (check runs, reviews, review comments, review requests), taken from GitHub's OpenAPI description as npm
// `@octokit/openapi` ships it (api.github.com, dereferenced). The fake GitHub of test/action validates every request
// body against them. The package is ~385 MB unpacked, so it is not a devDependency: to refresh the extract,
//   npm install --no-save @octokit/openapi && node scripts/gen-github-openapi.mjs   (--check compares instead)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'test', 'action', 'github-openapi.json');
const OPERATIONS = [
  'checks/create',
  'checks/update',
  'pulls/create-review',
  'pulls/update-review-comment',
  'pulls/request-reviewers',
];

/** The schema without prose (descriptions, examples): what validation needs, smaller to keep. */
function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== 'object') return node;
  const o = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' || k === 'example' || k === 'examples' || k === 'title') continue;
    o[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([n, s]) => [n, strip(s)])) : strip(v);
  }
  return o;
}

const require = createRequire(import.meta.url);
const pkgFile = require.resolve('@octokit/openapi/package.json', { paths: [root] });
const version = JSON.parse(readFileSync(pkgFile, 'utf8')).version;
const spec = JSON.parse(
  readFileSync(path.join(path.dirname(pkgFile), 'generated', 'api.github.com.deref.json'), 'utf8'),
);
const operations = {};
for (const [p, methods] of Object.entries(spec.paths))
  for (const [method, op] of Object.entries(methods))
    if (OPERATIONS.includes(op?.operationId))
      operations[op.operationId] = {
        method: method.toUpperCase(),
        path: p,
        body: strip(op.requestBody?.content?.['application/json']?.schema ?? {}),
      };
const missing = OPERATIONS.filter((o) => !operations[o]);
if (missing.length) throw new Error(`not in the description: ${missing.join(', ')}`);
const text = `${JSON.stringify({ source: `@octokit/openapi ${version} api.github.com`, operations }, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== text) {
    console.error('test/action/github-openapi.json is stale: run node scripts/gen-github-openapi.mjs');
    process.exit(1);
  }
} else writeFileSync(out, text);
