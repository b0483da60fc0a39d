// Audit speed (issue 14): history, directory and pre-push scans as ratios against baselines measured in the same run,
// medians of interleaved runs, on material built here (bench/material.mjs: a library-like history, a tree copied
// from node_modules). Wall times are what the goals are about; CPU times (user+sys of the process and its children)
// are shown too, since they hold on a shared machine. HOOKGUARD_WORKERS=0 rows are the one-thread path; commit
// scans use worker threads by default only from 3 cores (src/scan/parallel.ts says why), so a row forces 2.
//   history:   hookguard scan --history      vs  git log -p -U0 --all > /dev/null          goal <= 1.1x (issue 30)
//   directory: hookguard scan DIR            vs  rg with 20 secret patterns (else a readFileSync walk)   goal <= 3.5x (issue 30)
//   pre-push:  a new branch of 500 commits   vs  scan --history of the same 500 commits    goal <= 1.2x
// "floor" rows are what no scanner on this machine can beat, measured with the rest: git's own work split over the
// cores with nothing scanned, and node reading the files (bench/floor-read.mjs).
// Usage: node bench/speed.mjs [history|directory|prepush ...]   env: BENCH_RUNS (default 5), BENCH_COMMITS (2000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { GIT_ENV, makeHistory, makeTree, ROOT } from './material.mjs';
import { median, table } from './util.mjs';

const bin = path.join(ROOT, 'bin', 'hookguard.cjs');
const FLOOR = path.join(ROOT, 'bench', 'floor-read.mjs');

/** Twenty common secret formats, as ripgrep would be given them (Rust regex syntax, no look-around). */
const RG_PATTERNS = [
  'ghp_[A-Za-z0-9]{36}',
  'gh[ousr]_[A-Za-z0-9]{36}',
  'github_pat_[A-Za-z0-9_]{82}',
  '(AKIA|ASIA)[A-Z2-7]{16}',
  'AIza[0-9A-Za-z_-]{35}',
  'xox[baprs]-[0-9A-Za-z-]{10,}',
  'sk_live_[0-9a-zA-Z]{24,}',
  'rk_live_[0-9a-zA-Z]{24,}',
  'npm_[A-Za-z0-9]{36}',
  'glpat-[A-Za-z0-9_-]{20,}',
  '-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY-----',
  'eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}',
  'hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+',
  'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
  '[a-z][a-z0-9+.-]*://[^\\s:@/]+:[^\\s:@/]+@[A-Za-z0-9.-]+',
  '(?i)(password|passwd|pwd|secret|token|api[_-]?key)"?\\s*[:=]\\s*"[^"\\s]{8,}"',
  'AccountKey=[A-Za-z0-9+/=]{88}',
  'shpat_[a-fA-F0-9]{32}',
  'dop_v1_[a-f0-9]{64}',
  'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}',
];

/** The baseline without ripgrep: read every file (what any scanner must at least do). */
const WALK =
  'const fs=require("fs"),p=require("path");let n=0;const w=d=>{for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=p.join(d,e.name);if(e.isDirectory()){if(e.name!=="node_modules")w(f)}else if(e.isFile())n+=fs.readFileSync(f).length}};w(process.argv[1]);';
const runs = Number(process.env.BENCH_RUNS ?? 5);
const commits = Number(process.env.BENCH_COMMITS ?? 2000);
const only = process.argv.slice(2);
const want = (k) => !only.length || only.includes(k);

/** Wall ms and CPU ms (user+sys, children included) of a shell command. */
function measure(cmd, cwd, env = GIT_ENV) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', 'sh', '-c', cmd], { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: exit ${r.status}\n${r.stderr}`);
  const [wall, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms: wall * 1000, cpu: (user + sys) * 1000 };
}

/** Each contender `runs` times, interleaved; medians of wall and CPU ms. */
function race(contenders, cwd) {
  const t = Object.fromEntries(contenders.map((c) => [c.name, { ms: [], cpu: [] }]));
  for (let i = 0; i < runs; i++)
    for (const c of contenders) {
      const m = measure(c.cmd, cwd, c.env);
      t[c.name].ms.push(m.ms);
      t[c.name].cpu.push(m.cpu);
    }
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { ms: median(v.ms), cpu: median(v.cpu) }]));
}

function rows(res, base, goal) {
  const b = res[base];
  return Object.entries(res).map(([name, r]) => [
    name,
    r.ms.toFixed(0),
    r.cpu.toFixed(0),
    name === base ? '1.00 (baseline)' : (r.ms / b.ms).toFixed(2),
    name === base || name.startsWith('floor') ? '' : goal,
  ]);
}
const HEAD = ['', 'median wall ms', 'median cpu ms', 'ratio (wall)', 'goal'];
const hg = (args, workers) =>
  `${workers !== undefined ? `HOOKGUARD_WORKERS=${workers} ` : ''}"${process.execPath}" "${bin}" ${args} --format json --fail-on none > /dev/null`;

console.log(`cores: ${availableParallelism()}; medians of ${runs} interleaved runs`);
const work = mkdtempSync(path.join(tmpdir(), 'hg-bench-speed-'));
try {
  if (want('history') || want('prepush')) {
    const repo = path.join(work, 'history');
    const t0 = Date.now();
    await makeHistory(repo, { commits });
    const patch = spawnSync('sh', ['-c', 'git log -p -U0 --all | wc -c'], { cwd: repo, encoding: 'utf8' });
    const n = spawnSync('git', ['rev-list', '--all', '--count'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
    console.log(
      `\nhistory: ${n} commits, ${(Number(patch.stdout) / 1048576).toFixed(1)} MB of -U0 patches (built in ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
    if (want('history')) {
      // The floor on two cores: git's own work with nothing scanned, the commits cut in two halves (as workers would),
      // each half a `git log -p` of its own, both at once.
      const list = spawnSync('git', ['rev-list', '--all'], { cwd: repo, encoding: 'utf8' }).stdout.split('\n');
      const shas = list.filter(Boolean);
      const half = Math.ceil(shas.length / 2);
      writeFileSync(path.join(work, 'half1'), shas.slice(0, half).join('\n') + '\n');
      writeFileSync(path.join(work, 'half2'), shas.slice(half).join('\n') + '\n');
      const halfLog = (f) => `git log -p -U0 --no-walk=unsorted --stdin < "${path.join(work, f)}" > /dev/null`;
      const res = race(
        [
          { name: 'git log -p -U0 --all', cmd: 'git log -p -U0 --all > /dev/null' },
          {
            name: 'floor: git log in two halves at once, no scan',
            cmd: `${halfLog('half1')} & ${halfLog('half2')}; s=$?; wait $! || s=1; test $s = 0`,
          },
          { name: 'hookguard scan --history', cmd: hg('scan --history') },
          { name: 'same, HOOKGUARD_WORKERS=0 (one thread)', cmd: hg('scan --history', 0) },
          { name: 'same, HOOKGUARD_WORKERS=2', cmd: hg('scan --history', 2) },
        ],
        repo,
      );
      console.log(table([HEAD, ...rows(res, 'git log -p -U0 --all', '<= 1.10')]));
    }
    if (want('prepush')) {
      // A repository whose whole history is a 500-commit branch never pushed: the push sends all of it.
      const small = path.join(work, 'push');
      await makeHistory(small, { commits: 500, seed: 2 });
      const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: small, encoding: 'utf8' }).stdout.trim();
      const line = `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}`;
      const res = race(
        [
          { name: 'scan --history (500 commits)', cmd: hg('scan --history') },
          { name: 'scan --pre-push, new branch', cmd: `echo "${line}" | ${hg('scan --pre-push origin')}` },
        ],
        small,
      );
      console.log('\npre-push of a new branch with 500 commits');
      console.log(table([HEAD, ...rows(res, 'scan --history (500 commits)', '<= 1.20')]));
    }
  }

  if (want('directory')) {
    const tree = makeTree(path.join(work, 'tree'));
    let files = 0;
    let bytes = 0;
    const count = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules') count(p);
        } else if (e.isFile()) {
          files++;
          bytes += statSync(p).size;
        }
      }
    };
    count(tree);
    console.log(`\ndirectory: ${files} files, ${(bytes / 1048576).toFixed(0)} MB (node_modules packages copied)`);
    const rg = spawnSync('rg', ['--version']).status === 0;
    const base = rg
      ? {
          name: 'rg, 20 secret patterns',
          cmd: `rg --hidden --no-require-git -g '!node_modules' -c ${RG_PATTERNS.map((p) => `-e '${p}'`).join(' ')} . > /dev/null; test $? -le 1`,
        }
      : { name: 'readFileSync walk', cmd: `"${process.execPath}" -e '${WALK}' .` };
    const res = race(
      [
        base,
        { name: 'hookguard scan (full catalog)', cmd: hg('scan .') },
        { name: 'same, HOOKGUARD_WORKERS=0 (one thread)', cmd: hg('scan .', 0) },
        // The floor of any node scanner (bench/floor-read.mjs): walk and read every file, then also find the twenty
        // patterns' literals with one regular expression.
        { name: 'floor: node reads every file', cmd: `"${process.execPath}" "${FLOOR}" .` },
        { name: 'floor: + one keyword regex', cmd: `"${process.execPath}" "${FLOOR}" --keywords .` },
      ],
      tree,
    );
    console.log(table([HEAD, ...rows(res, base.name, rg ? '<= 3.50' : '')]));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
