// npm run bench: every benchmark in turn (each prints medians and ratios against a baseline measured in the same run).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const all = [
  'hook',
  'policies',
  'speed',
  'secrets-corpus',
  'secrets-contexts',
  'secrets-throughput',
  'cloudformation',
  'ansible',
  'env',
  'memory',
];
let failed = 0;
for (const name of only.length ? only : all) {
  const file = path.join(here, `${name}.mjs`);
  if (!existsSync(file)) continue;
  console.log(`\n=== bench/${name}.mjs`);
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
