// Recall and precision of the Ansible rules on a corpus written from the modules' documentation
// (bench/ansible-corpus): insecure/ holds one case per check of issue 15 (AWS, Azure, GCP and general), each marked
// `# expect: RULE-ID` (`; expect:` in INI) on the line the finding belongs to; secure/ holds the same estates
// configured as the docs recommend. Reports, per area, the share of expected findings found (target ≥ 85%), the
// findings nobody asked for, and every blocking (high or critical) finding on the secure corpus (target: none).
// Run after a build:  node bench/ansible-corpus.mjs [--verbose]
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.join(here, 'ansible-corpus');
const verbose = process.argv.includes('--verbose');
const { scan } = await import('../lib/index.js');

const walk = (d) =>
  readdirSync(d).flatMap((e) => {
    const p = path.join(d, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

function expectations(root) {
  const out = new Set();
  for (const f of walk(root)) {
    const rel = path.relative(root, f).split(path.sep).join('/');
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((l, i) => {
        const m = /[#;]\s*expect:\s*([A-Za-z0-9, -]+?)\s*$/.exec(l);
        if (m) for (const id of m[1].split(/[\s,]+/).filter(Boolean)) out.add(`${rel}:${i + 1}:${id}`);
      });
  }
  return out;
}

/** Scan a copy of `dir` (outside this repository, so its configuration does not apply). */
async function findings(dir) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'hg-ans-corpus-'));
  try {
    cpSync(dir, tmp, { recursive: true });
    const { result } = await scan({ kind: 'paths', paths: [tmp] }, { cwd: tmp, noBaseline: true, failOn: 'none' });
    return { list: result.findings, errors: result.errors };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const BLOCKING = new Set(['critical', 'high']);
let total = 0;
let found = 0;
let ok = true;
console.log('Ansible corpus (bench/ansible-corpus), written from the module docs:\n');
console.log('area      expected  found  recall  unexpected  errors');
for (const area of readdirSync(path.join(corpus, 'insecure')).sort()) {
  const root = path.join(corpus, 'insecure', area);
  const want = expectations(root);
  const { list, errors } = await findings(root);
  const got = new Set(list.map((f) => `${f.file}:${f.line}:${f.ruleId}`));
  const hit = [...want].filter((w) => got.has(w));
  const missed = [...want].filter((w) => !got.has(w));
  const extra = list.filter((f) => !want.has(`${f.file}:${f.line}:${f.ruleId}`));
  total += want.size;
  found += hit.length;
  const pct = want.size ? (100 * hit.length) / want.size : 100;
  console.log(
    `${area.padEnd(9)} ${String(want.size).padStart(8)} ${String(hit.length).padStart(6)} ${pct.toFixed(1).padStart(6)}% ${String(extra.length).padStart(11)} ${String(errors.length).padStart(7)}`,
  );
  for (const m of missed) console.log(`  missed      ${m}`);
  if (verbose) for (const f of extra) console.log(`  unexpected  ${f.file}:${f.line} ${f.ruleId} (${f.severity})`);
  for (const e of errors) console.log(`  error       ${e.file ?? ''} ${e.message}`);
  // Molecule scenarios are test material: their findings must be low and say so.
  for (const f of list.filter((x) => x.file.startsWith('molecule/')))
    if (f.severity !== 'low' || !/test material/.test(f.message)) {
      ok = false;
      console.log(`  molecule finding not lowered: ${f.file}:${f.line} ${f.ruleId} (${f.severity})`);
    }
}
const recall = (100 * found) / total;
console.log(`\nrecall: ${found}/${total} = ${recall.toFixed(1)}% (target ≥ 85%)`);
if (recall < 85) ok = false;

let blocking = 0;
for (const area of readdirSync(path.join(corpus, 'secure')).sort()) {
  const { list, errors } = await findings(path.join(corpus, 'secure', area));
  const block = list.filter((f) => BLOCKING.has(f.severity));
  blocking += block.length;
  const bySev = {};
  for (const f of list) bySev[f.severity] = (bySev[f.severity] ?? 0) + 1;
  console.log(`secure/${area}: ${list.length} findings ${JSON.stringify(bySev)}, ${errors.length} errors`);
  for (const f of block) console.log(`  BLOCKING ${f.file}:${f.line} ${f.ruleId} (${f.severity}) ${f.message}`);
  if (verbose)
    for (const f of list)
      if (!BLOCKING.has(f.severity)) console.log(`  ${f.file}:${f.line} ${f.ruleId} (${f.severity})`);
}
console.log(`secure corpus: ${blocking} blocking findings (target 0)`);
if (blocking > 0) ok = false;
process.exitCode = ok ? 0 : 1;
