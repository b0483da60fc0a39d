// Benchmark: environment parity over a generated tree of hundreds of environment files (4 environments × N roles of
// ~40 keys each, in YAML, dotenv, INI and JSON), through the built CLI (`hookguard env DIR --format json`), against
// `node -e 0` measured in the same run. Also a staged commit touching one of them (`scan --staged`), which compares
// it against every other environment's file read from the index, against `git diff --cached` in the same run.
// Run after a build:  node bench/env.mjs [--roles N] [--runs R]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, table } from './util.mjs';
import { ALNUM, rand } from '../scripts/fakes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'hookguard.cjs');
function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const ROLES = Math.max(10, arg('roles', 100));
const RUNS = Math.max(3, arg('runs', 7));
const ENVS = ['dev', 'qa', 'staging', 'prod'];

const dir = mkdtempSync(path.join(tmpdir(), 'hookguard-bench-env-'));
const w = (rel, text) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
};
const shared = rand(ALNUM, 20);
let files = 0;
for (let r = 0; r < ROLES; r++) {
  for (const env of ENVS) {
    const keys = [];
    for (let k = 0; k < 36; k++) keys.push([`setting_${k}`, `value-${k}`]);
    keys.push(['db_password', r % 10 === 0 && env !== 'qa' ? shared : rand(ALNUM, 20)]);
    keys.push(['validate_certs', env === 'staging' && r % 7 === 0 ? 'false' : 'true']);
    keys.push(['api_url', `https://${env}.example.test/${r}`]);
    if (env === 'dev' && r % 5 === 0) keys.push(['debug_toolbar', 'on']);
    switch (r % 4) {
      case 0:
        w(`inventories/${env}/group_vars/role${r}.yml`, keys.map(([k, v]) => `${k}: "${v}"`).join('\n') + '\n');
        break;
      case 1:
        w(`services/svc${r}/.env.${env}`, keys.map(([k, v]) => `${k.toUpperCase()}=${v}`).join('\n') + '\n');
        break;
      case 2:
        w(`config/${env}/app${r}.ini`, '[main]\n' + keys.map(([k, v]) => `${k} = ${v}`).join('\n') + '\n');
        break;
      default:
        w(
          `cfn/params${r}.${env}.json`,
          JSON.stringify(
            keys.map(([k, v]) => ({ ParameterKey: k, ParameterValue: v })),
            null,
            1,
          ),
        );
    }
    files++;
  }
}
const git = (...a) => spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
git('init', '-q', '-b', 'main');
git('add', '-A');
git('-c', 'user.email=b@b', '-c', 'user.name=b', 'commit', '-q', '--no-verify', '-m', 'envs');
// One staged change to one environment's file.
w('inventories/staging/group_vars/role4.yml', 'validate_certs: "false"\n');
git('add', '-A');

const env = { ...process.env, NO_COLOR: '1' };
const m = compare(
  [
    { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], opts: { env } },
    { name: 'git diff --cached', cmd: 'git', args: ['diff', '--cached', '--quiet'], opts: { cwd: dir, env } },
    {
      name: `hookguard env (${files} files)`,
      cmd: process.execPath,
      args: [bin, 'env', dir, '--format', 'json'],
      opts: { cwd: dir, env },
      expectStatus: 0,
    },
    {
      name: 'hookguard scan --staged (1 env file)',
      cmd: process.execPath,
      args: [bin, 'scan', '--staged', '--fail-on', 'none'],
      opts: { cwd: dir, env },
      expectStatus: 0,
    },
  ],
  RUNS,
);
const base = m['node -e 0'];
console.log(
  `environment parity: ${files} files (${ROLES} roles × ${ENVS.length} environments), medians of ${RUNS} interleaved runs`,
);
console.log(
  table([
    ['', 'median ms', '× node -e 0'],
    ...Object.entries(m).map(([k, v]) => [k, v.toFixed(1), (v / base).toFixed(2)]),
  ]),
);
console.log(
  `compare cost over start-up: ${(m[`hookguard env (${files} files)`] - base).toFixed(1)} ms for ${files} files`,
);
if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
