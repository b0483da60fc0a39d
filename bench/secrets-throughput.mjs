// Throughput benchmark: MB/s of scan() over a large generated directory ({kind:'paths'}) and over the history of a
// generated repository ({kind:'history'}), next to `git log -p > /dev/null` alone in the same run (the floor any
// history scan pays). Medians of several interleaved runs. Runs the built library: `npm run build` first.
// Usage: node bench/secrets-throughput.mjs [--mb 40] [--commits 3000] [--runs 5]
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FAKE_SECRETS, rand, ALNUM, B64 } from '../scripts/fakes.mjs';
import { median, table } from './util.mjs';

const { scan } = await import('../lib/index.js');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const MB = arg('--mb', 40);
const COMMITS = arg('--commits', 3000);
const RUNS = arg('--runs', 5);

const secrets = Object.values(FAKE_SECRETS);
const words = [
  'const',
  'return',
  'function',
  'value',
  'config',
  'user',
  'import',
  'export',
  'await',
  'data',
  'id',
  'items',
  'map',
  'filter',
  'length',
  'result',
  'error',
  'props',
  'state',
  'index',
  'token',
  'key',
];
const word = () => words[Math.floor(Math.random() * words.length)];
/** A line of code-like text; one line in 2000 carries a fake secret. */
function line() {
  const r = Math.random();
  if (r < 0.0005) return secrets[Math.floor(Math.random() * secrets.length)]();
  if (r < 0.05) return `  "${word()}_${word()}": "${rand(ALNUM, 12).toLowerCase()}",`;
  if (r < 0.07) return `  integrity sha512-${rand(B64, 86)}==`;
  if (r < 0.08)
    return `var a=${rand(ALNUM, 6)}(${word()}),b={${word()}:${rand(ALNUM, 4)}.${word()},${word()}:"${rand(ALNUM, 10)}"};`.repeat(
      20,
    );
  return `  ${word()} ${word()} = ${word()}(${word()}, ${rand(ALNUM, 8)}); // ${word()} ${word()} ${word()}`;
}
function fileText(bytes) {
  const out = [];
  let n = 0;
  while (n < bytes) {
    const l = line();
    out.push(l);
    n += l.length + 1;
  }
  return out.join('\n') + '\n';
}

const root = mkdtempSync(path.join(tmpdir(), 'hg-bench-'));
try {
  // --- a large directory
  const dir = path.join(root, 'tree');
  let total = 0;
  for (let i = 0; total < MB * 1024 * 1024; i++) {
    const sub = path.join(dir, `pkg${i % 40}`, `mod${i % 7}`);
    mkdirSync(sub, { recursive: true });
    const text = fileText(8 * 1024 + Math.floor(Math.random() * 64 * 1024));
    writeFileSync(path.join(sub, `file${i}.${['js', 'ts', 'py', 'yaml', 'json', 'env'][i % 6]}`), text);
    total += text.length;
  }

  // --- a repository with long history (git fast-import: quick to build)
  const repo = path.join(root, 'repo');
  mkdirSync(repo);
  const git = (...a) => execFileSync('git', a, { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  const chunks = [];
  for (let c = 1; c <= COMMITS; c++) {
    const files = 1 + (c % 3);
    let commands = '';
    for (let f = 0; f < files; f++) {
      const content = fileText(2 * 1024 + Math.floor(Math.random() * 6 * 1024));
      const data = Buffer.from(content);
      commands += `M 100644 inline src/m${(c * 7 + f) % 300}.js\ndata ${data.length}\n${content}\n`;
    }
    const msg = `commit ${c}`;
    chunks.push(
      `commit refs/heads/main\ncommitter Bench <bench@example.test> ${1_600_000_000 + c * 60} +0000\ndata ${msg.length}\n${msg}\n${c > 1 ? '' : ''}${commands}\n`,
    );
  }
  const fi = spawnSync('git', ['fast-import', '--quiet'], { cwd: repo, input: chunks.join('') });
  if (fi.status !== 0) throw new Error(`git fast-import failed: ${fi.stderr}`);
  git('reset', '-q', '--hard', 'main');
  const logBytes = Number(
    spawnSync('sh', ['-c', 'git log -p --all | wc -c'], { cwd: repo, encoding: 'utf8' }).stdout.trim(),
  );

  const times = { paths: [], history: [], gitlog: [] };
  let pathsBytes = 0;
  let pathsFindings = 0;
  let historyFindings = 0;
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    const a = await scan({ kind: 'paths', paths: [dir] }, { cwd: dir, noBaseline: true, failOn: 'none' });
    times.paths.push(performance.now() - t0);
    pathsBytes = a.result.summary.bytes || total;
    pathsFindings = a.result.findings.length;

    t0 = performance.now();
    const out = openSync('/dev/null', 'w');
    spawnSync('git', ['log', '-p', '--all'], { cwd: repo, stdio: ['ignore', out, 'ignore'] });
    closeSync(out);
    times.gitlog.push(performance.now() - t0);

    t0 = performance.now();
    const h = await scan({ kind: 'history' }, { cwd: repo, noBaseline: true, failOn: 'none' });
    times.history.push(performance.now() - t0);
    historyFindings = h.result.findings.length;
  }
  const mbps = (bytes, ms) => (bytes / 1024 / 1024 / (ms / 1000)).toFixed(1);
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  console.log(
    table([
      ['what', 'input', 'median ms', 'MB/s', 'findings'],
      [
        'scan paths',
        `${(pathsBytes / 1024 / 1024).toFixed(1)} MB`,
        m.paths.toFixed(0),
        mbps(pathsBytes, m.paths),
        pathsFindings,
      ],
      [
        'git log -p > /dev/null',
        `${COMMITS} commits, ${(logBytes / 1024 / 1024).toFixed(1)} MB`,
        m.gitlog.toFixed(0),
        mbps(logBytes, m.gitlog),
        '-',
      ],
      ['scan --history', `${COMMITS} commits`, m.history.toFixed(0), mbps(logBytes, m.history), historyFindings],
    ]),
  );
  console.log(`history scan costs ${(m.history / m.gitlog).toFixed(1)}× git log -p alone (medians of ${RUNS} runs)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
