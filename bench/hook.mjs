// The pre-commit hook's cost on a realistic staged change (10 files, ~500 added lines), against `git diff --cached`
// alone and `node -e 0`, measured in the same run, interleaved. Target: hook median <= 1.5x node -e 0.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compare, table } from './util.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin', 'hookguard.cjs');
const runs = Number(process.env.BENCH_RUNS ?? 30);

const dir = mkdtempSync(path.join(tmpdir(), 'hg-bench-hook-'));
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@b',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@b',
};
const git = (...a) => spawnSync('git', a, { cwd: dir, env, stdio: 'ignore' });
try {
  git('init', '-q', '-b', 'main');
  // An existing project...
  for (let i = 0; i < 40; i++) {
    mkdirSync(path.join(dir, 'src', `m${i % 5}`), { recursive: true });
    writeFileSync(
      path.join(dir, 'src', `m${i % 5}`, `f${i}.js`),
      Array.from({ length: 80 }, (_, j) => `export const v${j} = compute(${j}, "value-${j}");`).join('\n') + '\n',
    );
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  // ...and a change: 10 files, ~500 added lines (code, config, docs; no secrets: the common case).
  const kinds = [
    (j) => `  const result${j} = await fetchUser(id, { retries: ${j % 5}, timeout: ${j * 10} });`,
    (j) => `  password_hint_${j}: "see the wiki page ${j}"`,
    (j) => `| row ${j} | some text describing the change in detail | ${j * 3} |`,
    (j) => `  token_count_${j} = len(tokens) + ${j}  # not a secret`,
  ];
  for (let f = 0; f < 10; f++) {
    const ext = ['js', 'ts', 'md', 'py', 'js', 'ts', 'md', 'py', 'js', 'ts'][f];
    const lines = Array.from({ length: 50 }, (_, j) => kinds[f % kinds.length](j + f * 50));
    writeFileSync(path.join(dir, 'src', `change${f}.${ext}`), lines.join('\n') + '\n');
  }
  writeFileSync(path.join(dir, 'src', 'm0', 'f0.js'), 'export const touched = 1;\n', { flag: 'a' });
  git('add', '-A');

  const opts = { cwd: dir, env };
  const m = compare(
    [
      { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], opts },
      { name: 'git diff --cached', cmd: 'git', args: ['diff', '--cached', '-U0'], opts },
      {
        name: 'hookguard scan --staged',
        cmd: process.execPath,
        args: [bin, 'scan', '--staged'],
        opts,
        expectStatus: 0,
      },
    ],
    runs,
  );
  const base = m['node -e 0'];
  console.log(`hook benchmark: 11 staged files, ~500 added lines, ${runs} interleaved runs each (medians)`);
  console.log(
    table([
      ['command', 'median ms', 'x node -e 0'],
      ...Object.entries(m).map(([k, v]) => [k, v.toFixed(1), (v / base).toFixed(2)]),
    ]),
  );
  const ratio = m['hookguard scan --staged'] / base;
  console.log(`hook / node -e 0 = ${ratio.toFixed(2)} (target <= 1.5)`);
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
