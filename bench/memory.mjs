// Peak memory and time of `hookguard scan --history` on generated histories of growing length (streamed: memory should
// stay flat), next to `git log -p -U0 --all > /dev/null` on the same repository in the same run; on one thread
// (the default on two cores) and with two worker threads (HOOKGUARD_WORKERS=2).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeGithubToken } from '../scripts/fakes.mjs';
import { median, table } from './util.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin', 'hookguard.cjs');
const sizes = (process.env.BENCH_COMMITS ?? '2000,20000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/** A history of `n` commits, each adding a 20-line file; every 100th adds a fake token. Built with fast-import. */
function makeRepo(n) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hg-bench-mem-'));
  spawnSync('git', ['init', '-q', '-b', 'main', dir], { env });
  let s = '';
  for (let i = 1; i <= n; i++) {
    const lines = Array.from(
      { length: 20 },
      (_, j) => `line ${j} of file ${i}: some ordinary text, value=${(i * 31 + j) % 997}`,
    );
    if (i % 100 === 0) lines.push(`token = "${fakeGithubToken()}"`);
    const body = lines.join('\n') + '\n';
    s += `commit refs/heads/main\nmark :${i}\ncommitter Bench <b@b> ${1700000000 + i} +0000\ndata 8\ncommit ${String(i % 10)}\n`;
    if (i > 1) s += `from :${i - 1}\n`;
    s += `M 100644 inline src/d${i % 50}/f${i}.txt\ndata ${Buffer.byteLength(body)}\n${body}\n`;
  }
  const file = path.join(dir, 'import.txt');
  writeFileSync(file, s);
  spawnSync('sh', ['-c', `git fast-import --quiet < "${file}" && rm "${file}"`], { cwd: dir, env });
  return dir;
}

/** Wall time and peak RSS (of the command and its children, e.g. git under hookguard), plus node's own peak when
 * hookguard reports it (DEBUG=hookguard:*). */
function measure(cmd, cwd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'sh', '-c', cmd], {
    cwd,
    env: { ...env, DEBUG: 'hookguard:*' },
    encoding: 'utf8',
  });
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  const own = /peak RSS (\d+) MB/.exec(r.stderr);
  return { ms: secs * 1000, mb: kb / 1024, nodeMb: own ? Number(own[1]) : NaN };
}

const nodeOpts = process.env.BENCH_NODE_OPTIONS ?? '';
const rows = [
  [
    'commits',
    'git log -p -U0 ms',
    'git peak MB',
    'hookguard ms',
    'ratio',
    'node peak MB',
    '2 workers ms',
    'ratio',
    'node peak MB',
    'findings',
  ],
];
for (const n of sizes) {
  const dir = makeRepo(n);
  try {
    const g = [];
    const h = [];
    const w = [];
    const scan = (out, workers) =>
      `${workers ? `HOOKGUARD_WORKERS=${workers} ` : ''}"${process.execPath}" ${nodeOpts} "${bin}" scan --history --format json --fail-on none > ${out}`;
    for (let i = 0; i < runs; i++) {
      g.push(measure('git log -p -U0 --all > /dev/null', dir));
      h.push(measure(scan('out.json', 0), dir));
      w.push(measure(scan('out2.json', 2), dir));
    }
    const read = (f) => JSON.parse(spawnSync('cat', [f], { cwd: dir, encoding: 'utf8' }).stdout);
    const findings = read('out.json').findings.length;
    if (read('out2.json').findings.length !== findings) throw new Error('workers found something else');
    const gm = median(g.map((x) => x.ms));
    const hm = median(h.map((x) => x.ms));
    const wm = median(w.map((x) => x.ms));
    rows.push([
      n,
      gm.toFixed(0),
      median(g.map((x) => x.mb)).toFixed(0),
      hm.toFixed(0),
      (hm / gm).toFixed(2),
      median(h.map((x) => x.nodeMb)).toFixed(0),
      wm.toFixed(0),
      (wm / gm).toFixed(2),
      median(w.map((x) => x.nodeMb)).toFixed(0),
      findings,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `history scan: medians of ${runs} interleaved runs on ${availableParallelism()} cores; git's peak RSS from /usr/bin/time, node's own (worker threads included) from process.resourceUsage()`,
);
console.log(table(rows));
