// Benchmark: lint a generated Ansible role tree (≥2,000 task files, built from the rule fixtures) through the built
// library, and — when `ansible-lint` is on PATH — time ansible-lint on the same tree in the same run.
// Run after a build:  node bench/ansible.mjs [--roles N] [--runs R] [--lint-runs L]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './util.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'ansible', 'rules');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const TASK_FILES_PER_ROLE = 20;
const ROLES = Math.max(100, arg('roles', 110)); // 110 roles × 20 task files = 2,200 task files
const RUNS = Math.max(3, arg('runs', 5));
const LINT_RUNS = Math.max(1, arg('lint-runs', 1));
const LINT_TIMEOUT_MS = 30 * 60 * 1000;

/** Every fixture file, with its logical path (below fail/ or pass/). */
function fixtureFiles() {
  const out = [];
  const walk = (d, base) => {
    for (const e of readdirSync(d).sort()) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p, base);
      else out.push({ logical: path.relative(base, p).split(path.sep).join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  for (const rule of readdirSync(fixtures).sort())
    for (const kind of ['fail', 'pass']) {
      const d = path.join(fixtures, rule, kind);
      try {
        walk(d, d);
      } catch {
        // a rule without this kind of fixture
      }
    }
  return out;
}

const all = fixtureFiles();
// Task lists (role tasks, tasks/ files), without the expectation markers of the test suite.
const strip = (t) => t.replace(/\s+[#;]\s*expect:.*$/gm, '');
const taskTexts = all.filter((f) => /(?:^|\/)tasks\/[^/]+\.ya?ml$/.test(f.logical)).map((f) => strip(f.text));
const varsTexts = all
  .filter(
    (f) =>
      /(?:^|\/)(?:group_vars|host_vars|defaults)\/[^/]+\.ya?ml$/.test(f.logical) &&
      !f.text.startsWith('$ANSIBLE_VAULT'),
  )
  .map((f) => strip(f.text));
if (taskTexts.length < 10) throw new Error(`too few task fixtures in ${fixtures}`);

const dir = mkdtempSync(path.join(tmpdir(), 'hookguard-bench-ansible-'));
let files = 0;
let taskFiles = 0;
let bytes = 0;
const rename = (text, tag) => text.replace(/^(\s*- name: )([^"'\n#].*)$/gm, `$1$2 (${tag})`);
const write = (rel, text) => {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  files++;
  bytes += Buffer.byteLength(text);
};

try {
  let k = 0;
  const roles = [];
  for (let r = 0; r < ROLES; r++) {
    const role = `role_${String(r).padStart(3, '0')}`;
    roles.push(role);
    const includes = [];
    for (let i = 1; i < TASK_FILES_PER_ROLE; i++) {
      const name = `part_${String(i).padStart(2, '0')}.yml`;
      // Task names differ per copy so the texts are not identical.
      write(`roles/${role}/tasks/${name}`, rename(taskTexts[k++ % taskTexts.length], `${role}/${i}`));
      includes.push(`- name: Include ${name}\n  ansible.builtin.include_tasks: ${name}\n`);
      taskFiles++;
    }
    write(
      `roles/${role}/tasks/main.yml`,
      `${rename(taskTexts[k++ % taskTexts.length], `${role}/0`)}\n${includes.join('')}`,
    );
    taskFiles++;
    write(
      `roles/${role}/handlers/main.yml`,
      `- name: Restart app\n  ansible.builtin.service:\n    name: app-${r}\n    state: restarted\n`,
    );
    write(`roles/${role}/defaults/main.yml`, varsTexts[r % varsTexts.length]);
    write(
      `roles/${role}/meta/main.yml`,
      `galaxy_info:\n  author: bench\n  description: ${role}\n  license: MIT\n  min_ansible_version: "2.14"\n  platforms: []\ndependencies: []\n`,
    );
  }
  write('site.yml', `- name: Site\n  hosts: all\n  roles:\n${roles.map((r) => `    - ${r}\n`).join('')}`);
  write('inventory/hosts', '[web]\nweb1 ansible_host=10.0.0.1\n\n[web:vars]\nansible_user=deploy\n');
  write('ansible.cfg', '[defaults]\ninventory = inventory/hosts\nroles_path = roles\n');

  // ansible-lint discovers files with `git ls-files` (and lints only the argument when given one): make the tree a
  // throw-away repository and run it without arguments.
  const gitInit = spawnSync('git', ['init', '-q', '.'], { cwd: dir });
  if (gitInit.status !== 0) console.log('git init failed in the bench tree: ansible-lint may see only some files');

  console.log(`ansible bench tree: ${dir}`);
  console.log(`  ${ROLES} roles, ${taskFiles} task files, ${files} files in all, ${(bytes / 1024).toFixed(0)} KiB`);

  // --- hookguard, through the built library -------------------------------------------------------------------
  const { scan } = await import('../lib/index.js');
  const opts = { cwd: dir, noBaseline: true, failOn: 'none' };
  await scan({ kind: 'paths', paths: [dir] }, opts); // warm-up: loads the YAML parser and the rule family
  const times = [];
  let findings = 0;
  let scanned = 0;
  let errors = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const { result } = await scan({ kind: 'paths', paths: [dir] }, opts);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    findings = result.findings.filter((f) => f.category === 'ansible').length;
    scanned = result.summary.files;
    errors = result.errors.length;
  }
  const med = median(times);
  console.log(
    `hookguard: ${scanned} files scanned, ${RUNS} runs · median ${med.toFixed(0)} ms · ` +
      `${((files / med) * 1000).toFixed(0)} files/s (${((taskFiles / med) * 1000).toFixed(0)} task files/s) · ` +
      `${findings} ansible findings · ${errors} errors · runs ${times.map((t) => t.toFixed(0)).join('/')} ms`,
  );

  // --- ansible-lint, on the same tree ---------------------------------------------------------------------------
  const which = spawnSync('sh', ['-c', 'command -v ansible-lint'], { encoding: 'utf8' });
  const lintBin = which.status === 0 ? which.stdout.trim() : '';
  if (!lintBin) {
    console.log(
      'ansible-lint: not on PATH — skipped (the Debian package installs with `apt-get install -y ansible-lint`).',
    );
  } else {
    const version = (
      spawnSync(lintBin, ['--version'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stdout ?? ''
    )
      .split('\n')[0]
      .replace(/\x1b\[[0-9;]*m/g, '');
    const lintTimes = [];
    let status = 0;
    for (let r = 0; r < LINT_RUNS; r++) {
      const t0 = process.hrtime.bigint();
      const res = spawnSync(lintBin, ['--offline', '--nocolor', '-p'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: LINT_TIMEOUT_MS,
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, ANSIBLE_LINT_SKIP_SCHEMA_UPDATE: '1', NO_COLOR: '1' },
      });
      lintTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
      status = res.status ?? -1;
      if (res.error) {
        console.log(`ansible-lint: ${res.error.message} — timing is a lower bound`);
        break;
      }
    }
    const lmed = median(lintTimes);
    console.log(
      `ansible-lint (${version.trim()}): ${lintTimes.length} run(s) · median ${lmed.toFixed(0)} ms · ` +
        `${((files / lmed) * 1000).toFixed(0)} files/s · exit ${status} · ` +
        `hookguard is ${(lmed / med).toFixed(1)}× faster on this tree`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
