// Benchmark: lint ≥1,000 CloudFormation templates (generated from the rule fixtures) through the built library.
// Run after a build:  node bench/cloudformation.mjs [--templates N] [--runs R]
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './util.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'cloudformation', 'rules');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const TEMPLATES = Math.max(1000, arg('templates', 1200));
const RUNS = Math.max(3, arg('runs', 5));

const { scan } = await import('../lib/index.js');

const sources = readdirSync(fixtures)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(path.join(fixtures, f), 'utf8'));
if (!sources.length) throw new Error(`no fixtures in ${fixtures}`);

const dir = mkdtempSync(path.join(tmpdir(), 'hookguard-bench-cfn-'));
let bytes = 0;
try {
  // Copies of the fixtures, each variant with its logical ids renamed so the texts differ; one subfolder per 100.
  for (let i = 0; i < TEMPLATES; i++) {
    const src = sources[i % sources.length];
    const variant = Math.floor(i / sources.length);
    const text = variant ? src.replace(/^( {2})([A-Za-z][A-Za-z0-9]*):/gm, `$1$2V${variant}:`) : src;
    const sub = path.join(dir, `batch-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `stack-${i}.yaml`), text);
    bytes += Buffer.byteLength(text);
  }

  const times = [];
  let findings = 0;
  let files = 0;
  // One warm-up run (loads the YAML parser and the rule family), then the measured runs.
  await scan({ kind: 'paths', paths: [dir] }, { cwd: dir, noBaseline: true, failOn: 'none' });
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const out = await scan({ kind: 'paths', paths: [dir] }, { cwd: dir, noBaseline: true, failOn: 'none' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    times.push(ms);
    const { result } = out;
    findings = result.findings.length + result.existing.length + result.suppressed.length;
    files = result.summary.files;
    if (result.errors.length)
      throw new Error(`scan reported ${result.errors.length} errors, e.g. ${result.errors[0].message}`);
  }
  const med = median(times);
  const perSec = (TEMPLATES / med) * 1000;
  console.log(
    `cloudformation: ${TEMPLATES} templates (${(bytes / 1024).toFixed(0)} KiB, ${files} files scanned), ${RUNS} runs` +
      ` · median ${med.toFixed(0)} ms · ${perSec.toFixed(0)} templates/s · ${findings} findings` +
      ` · runs ${times.map((t) => t.toFixed(0)).join('/')} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
