/**
 * The README's hook-manager integrations, run with the real managers in temporary repositories (issue 16):
 * the pre-commit framework (installed from Debian in .ci/run), lefthook (pinned npm devDependency, binary inside the
 * npm package) and husky. Each proves: a staged secret blocks the commit, a clean change passes, a pushed commit with
 * a secret blocks the push, and the secret is never printed whole.
 * The configuration files are read from the README, so the documentation is what is tested.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, Repo, ROOT } from '../helpers.js';
import { snapshot } from './snapshot.js';

afterAll(cleanup);

/** The fenced block that follows `<!-- snippet: NAME -->` in README.md. */
export function readmeSnippet(name: string): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(`<!-- snippet: ${name} -->`);
  if (at < 0) throw new Error(`README.md has no snippet marked ${name}`);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!m) throw new Error(`README.md: no code block after the ${name} marker`);
  return m[1]!;
}

interface Result {
  code: number;
  out: string;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, input = ''): Result {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** A repository with a bare remote that already has its first (clean) commit. */
function withRemote(files: Record<string, string>): { repo: Repo; remote: string } {
  const repo = Repo.init();
  const remote = path.join(repo.home, '..', 'remote.git');
  repo.git('init', '-q', '--bare', remote);
  repo.git('remote', 'add', 'origin', remote);
  repo.commit('init', { 'README.md': '# app\n', '.gitignore': 'node_modules/\n', ...files });
  return { repo, remote };
}

/** The four checks every manager must pass. */
function checkManager(repo: Repo, remote: string, env: NodeJS.ProcessEnv, firstPushVerified = true): void {
  const git = (args: string[]) => run('git', args, repo.dir, env);
  if (firstPushVerified) {
    const first = git(['push', 'origin', 'main']);
    expect(first.code, first.out).toBe(0);
  } else expect(git(['push', '-q', '--no-verify', 'origin', 'main']).code).toBe(0);

  // A clean change passes.
  repo.write('src/app.js', 'export const answer = 42;\n');
  git(['add', '-A']);
  const clean = git(['commit', '-q', '-m', 'clean']);
  expect(clean.code, clean.out).toBe(0);

  // A secret pasted into the commit message blocks the commit (the commit-msg hook), never printed whole.
  const msgToken = fakeGithubToken();
  repo.write('src/more.js', 'export const more = 1;\n');
  git(['add', '-A']);
  const msg = git(['commit', '-q', '-m', `rotate the deploy token (was ${msgToken})`]);
  expect(msg.code, msg.out).not.toBe(0);
  expect(msg.out).toContain('github-pat');
  expect(msg.out).not.toContain(msgToken);
  expect(repo.git('log', '-1', '--format=%s')).toBe('clean');
  expect(git(['commit', '-q', '-m', 'more']).code).toBe(0);
  git(['reset', '-q', '--soft', 'HEAD~1']);
  git(['commit', '-q', '--no-verify', '-m', 'clean']);

  // A staged secret blocks the commit, and is never printed whole.
  const token = fakeGithubToken();
  repo.write('config/app.env', `GITHUB_TOKEN=${token}\n`);
  git(['add', '-A']);
  const blocked = git(['commit', '-q', '-m', 'add token']);
  expect(blocked.code, blocked.out).not.toBe(0);
  expect(blocked.out).toContain('github-pat');
  expect(blocked.out).not.toContain(token);
  expect(repo.git('log', '-1', '--format=%s')).toBe('clean');

  // A pushed commit with a secret (committed with --no-verify) blocks the push.
  expect(git(['commit', '-q', '--no-verify', '-m', 'add token anyway']).code).toBe(0);
  const bad = repo.git('rev-parse', 'HEAD');
  const push = git(['push', 'origin', 'main']);
  expect(push.code, push.out).not.toBe(0);
  expect(push.out).toContain('github-pat');
  expect(push.out).not.toContain(token);
  expect(repo.git('ls-remote', remote, 'refs/heads/main')).not.toContain(bad);

  // Without it, the push goes through.
  git(['reset', '-q', '--hard', 'HEAD~1']);
  const ok = git(['push', 'origin', 'main']);
  expect(ok.code, ok.out).toBe(0);
}

/** npm with this machine's package cache (tests get a private HOME), preferring what is cached: works offline. */
function npmEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    npm_config_cache: process.env.npm_config_cache ?? path.join(homedir(), '.npm'),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

describe('pre-commit framework', () => {
  it('the README config with this repository as its repo: commit and push are checked', () => {
    const version = run('pre-commit', ['--version'], ROOT, process.env);
    expect(version.code, 'pre-commit must be installed (.ci/run installs it: apt-get install pre-commit)').toBe(0);
    const snippet = readmeSnippet('.pre-commit-config.yaml');
    // This repository as it is now, committed; pre-commit clones it, runs npm install and installs `npm pack`'s tarball.
    const snap = snapshot({ linkNodeModules: false });
    const config = snippet.replace(/^(\s*- repo: ).*$/m, `$1${snap.dir}`).replace(/^(\s*rev: ).*$/m, `$1${snap.sha}`);
    expect(config.split('\n').filter((l, i) => l !== snippet.split('\n')[i])).toHaveLength(2);

    const { repo, remote } = withRemote({ '.pre-commit-config.yaml': config });
    const env = npmEnv({ ...repo.env, PRE_COMMIT_HOME: path.join(repo.home, 'pre-commit-cache') });
    const install = run('pre-commit', ['install'], repo.dir, env);
    expect(install.code, install.out).toBe(0);
    for (const hook of ['pre-commit', 'pre-merge-commit', 'pre-push', 'commit-msg'])
      expect(existsSync(path.join(repo.dir, '.git', 'hooks', hook)), hook).toBe(true);
    const envs = run('pre-commit', ['install-hooks'], repo.dir, env);
    expect(envs.code, envs.out).toBe(0);
    expect(envs.out).not.toMatch(/deprecat/i);

    // The very first push of a branch (pre-commit then passes no FROM/TO refs) is checked too.
    const token = fakeGithubToken();
    repo.write('first.env', `TOKEN=${token}\n`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'first with token');
    const firstPush = run('git', ['push', 'origin', 'main'], repo.dir, env);
    expect(firstPush.code, firstPush.out).not.toBe(0);
    expect(firstPush.out).toContain('github-pat');
    expect(firstPush.out).not.toContain(token);
    repo.git('reset', '-q', '--hard', 'HEAD~1');

    checkManager(repo, remote, env);
  }, 900_000);
});

describe('lefthook', () => {
  it('the README lefthook.yml with the pinned lefthook (its binary comes inside the npm package)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies.lefthook).toBe('2.2.1');
    // Its binary comes inside an npm package (no download at install), and its postinstall (which would install
    // hooks into this repository) is denied.
    const arch = process.arch === 'x64' ? 'x64' : process.arch;
    const os = process.platform === 'win32' ? 'windows' : process.platform;
    const exe = path.join(
      ROOT,
      'node_modules',
      `lefthook-${os}-${arch}`,
      'bin',
      os === 'windows' ? 'lefthook.exe' : 'lefthook',
    );
    expect(existsSync(exe), exe).toBe(true);
    expect(pkg.allowScripts?.lefthook).toBe(false);
    const { repo, remote } = withRemote({ 'lefthook.yml': readmeSnippet('lefthook.yml') });
    // What npm install leaves: hookguard and lefthook in node_modules.
    const nm = path.join(repo.dir, 'node_modules');
    mkdirSync(path.join(nm, '.bin'), { recursive: true });
    symlinkSync(ROOT, path.join(nm, 'hookguard'));
    symlinkSync(path.join(ROOT, 'bin', 'hookguard.cjs'), path.join(nm, '.bin', 'hookguard'));
    symlinkSync(path.join(ROOT, 'node_modules', 'lefthook'), path.join(nm, 'lefthook'));
    symlinkSync(path.join(ROOT, 'node_modules', 'lefthook', 'bin', 'index.js'), path.join(nm, '.bin', 'lefthook'));
    const env = npmEnv(repo.env);
    const install = run(path.join(nm, '.bin', 'lefthook'), ['install'], repo.dir, env);
    expect(install.code, install.out).toBe(0);
    expect(readFileSync(path.join(repo.dir, '.git', 'hooks', 'pre-push'), 'utf8')).toMatch(/lefthook/);
    checkManager(repo, remote, env);
  }, 300_000);
});

describe('husky (hookguard init)', () => {
  it('init in a package.json project: commit and push are checked', () => {
    const { repo, remote } = withRemote({ 'package.json': '{ "name": "app", "version": "1.0.0" }\n' });
    const nm = path.join(repo.dir, 'node_modules');
    mkdirSync(nm);
    symlinkSync(ROOT, path.join(nm, 'hookguard'));
    symlinkSync(path.join(ROOT, 'node_modules', 'husky'), path.join(nm, 'husky'));
    const init = repo.hookguard(['init']);
    expect(init.code, init.stderr).toBe(0);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'hookguard');
    checkManager(repo, remote, repo.env);
  }, 300_000);
});
