import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, Repo, ROOT, tempDir } from '../helpers.js';

afterAll(cleanup);

function hookFile(repo: Repo, name: string): string {
  return path.join(repo.dir, '.git', 'hooks', name);
}

/** A PATH with git and the shell tools hooks need, but no node: what a GUI git client often has. */
function pathWithoutNode(): string {
  const dir = tempDir('hg-bin-');
  for (const tool of [
    'git',
    'sh',
    'dirname',
    'cat',
    'printf',
    'basename',
    'sed',
    'env',
    'mktemp',
    'rm',
    'tr',
    'head',
  ]) {
    for (const base of ['/usr/bin', '/bin']) {
      const p = path.join(base, tool);
      if (existsSync(p)) {
        symlinkSync(p, path.join(dir, tool));
        break;
      }
    }
  }
  return dir;
}

describe('hookguard init (native hooks, no package.json)', () => {
  it('installs hooks that block a real commit with a secret and let a clean one through', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    const init = repo.hookguard(['init']);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/installed pre-commit hook/);
    expect(existsSync(hookFile(repo, 'pre-commit'))).toBe(true);
    expect(existsSync(hookFile(repo, 'pre-push'))).toBe(true);

    repo.write('clean.txt', 'nothing to see\n');
    repo.git('add', '-A');
    expect(repo.gitRun(['commit', '-q', '-m', 'clean']).code).toBe(0);

    const token = fakeGithubToken();
    repo.write('secret.env', `TOKEN=${token}\n`);
    repo.git('add', '-A');
    const blocked = repo.gitRun(['commit', '-q', '-m', 'oops']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('github-pat');
    expect(blocked.stdout + blocked.stderr).not.toContain(token);
    expect(repo.git('log', '--format=%s')).not.toContain('oops');

    // HOOKGUARD=0 skips, like HUSKY=0.
    expect(repo.gitRun(['commit', '-q', '-m', 'skipped'], { HOOKGUARD: '0' }).code).toBe(0);
  });

  it('is idempotent and chains an existing hook, which uninstall restores', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    const mine = '#!/bin/sh\necho "my hook ran" > "$(git rev-parse --show-toplevel)/.my-hook-ran"\n';
    writeFileSync(hookFile(repo, 'pre-commit'), mine);
    chmodSync(hookFile(repo, 'pre-commit'), 0o755);

    const first = repo.hookguard(['init']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/kept your existing pre-commit hook/);
    const installed = readFileSync(hookFile(repo, 'pre-commit'), 'utf8');
    const second = repo.hookguard(['init']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/nothing changed/);
    expect(readFileSync(hookFile(repo, 'pre-commit'), 'utf8')).toBe(installed);

    repo.write('ok.txt', 'fine\n');
    repo.git('add', '-A');
    expect(repo.gitRun(['commit', '-q', '-m', 'ok']).code).toBe(0);
    expect(existsSync(path.join(repo.dir, '.my-hook-ran'))).toBe(true);

    const un = repo.hookguard(['uninstall']);
    expect(un.code).toBe(0);
    expect(readFileSync(hookFile(repo, 'pre-commit'), 'utf8')).toBe(mine);
    expect(existsSync(hookFile(repo, 'pre-push'))).toBe(false);
  });

  it('explains a foreign core.hooksPath instead of overwriting it, and --force installs there, chaining', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    mkdirSync(path.join(repo.dir, '.lefthook-hooks'));
    const theirs = '#!/bin/sh\nexit 0\n';
    writeFileSync(path.join(repo.dir, '.lefthook-hooks', 'pre-commit'), theirs, { mode: 0o755 });
    repo.git('config', 'core.hooksPath', '.lefthook-hooks');
    const r = repo.hookguard(['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/core\.hooksPath is set to "\.lefthook-hooks"/);
    expect(r.stderr).toMatch(/--force/);
    expect(readFileSync(path.join(repo.dir, '.lefthook-hooks', 'pre-commit'), 'utf8')).toBe(theirs);
    expect(existsSync(hookFile(repo, 'pre-commit'))).toBe(false);

    const forced = repo.hookguard(['init', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(repo.dir, '.lefthook-hooks', 'pre-commit.pre-hookguard'), 'utf8')).toBe(theirs);
    repo.write('s.env', `T=${fakeGithubToken()}\n`);
    repo.git('add', '-A');
    expect(repo.gitRun(['commit', '-q', '-m', 'x']).code).not.toBe(0);
    expect(repo.hookguard(['uninstall']).code).toBe(0);
    expect(readFileSync(path.join(repo.dir, '.lefthook-hooks', 'pre-commit'), 'utf8')).toBe(theirs);
    expect(repo.git('config', 'core.hooksPath')).toBe('.lefthook-hooks');
  });

  it('works when the GUI client PATH has no node, and says so in one line when hookguard cannot be found', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    expect(repo.hookguard(['init']).code).toBe(0);
    const bin = pathWithoutNode();
    repo.write('s.env', `T=${fakeGithubToken()}\n`);
    repo.git('add', '-A');
    const blocked = repo.gitRun(['commit', '-q', '-m', 'x'], { PATH: bin });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout + blocked.stderr).toContain('github-pat');

    // Point the recorded paths at nothing: the check cannot run. By default the hook says so in one line on every
    // commit and lets it through (a broken tool must not stop all work, but never silently); configured, it blocks.
    const file = hookFile(repo, 'pre-commit');
    const text = readFileSync(file, 'utf8').replaceAll(/"\/[^"]*bin\/hookguard\.cjs"/g, '"/nonexistent/hookguard.cjs"');
    writeFileSync(file, text);
    const stopped = repo.gitRun(['commit', '-q', '-m', 'x'], { PATH: bin, HOOKGUARD_ON_ERROR: 'block' });
    expect(stopped.code).not.toBe(0);
    expect(stopped.stderr.trim().split('\n')).toHaveLength(1);
    expect(stopped.stderr).toMatch(
      /^hookguard: NOT CHECKED, so stopped .*cannot find hookguard .*gone since.*rerun: npx hookguard init/,
    );
    repo.git('config', 'hookguard.onError', 'block');
    expect(repo.gitRun(['commit', '-q', '-m', 'x'], { PATH: bin }).code).not.toBe(0);
    repo.git('config', '--unset', 'hookguard.onError');
    const missing = repo.gitRun(['commit', '-q', '-m', 'x'], { PATH: bin });
    expect(missing.code).toBe(0);
    // One line (the commit-msg hook, which finds hookguard here, says nothing about a clean message).
    const lines = missing.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hookguard: WARNING: this was NOT checked for secrets: cannot find hookguard/);
    // A team can make it block for everyone, in the committed config.
    repo.write('.hookguard.yaml', 'hookErrors: block\n');
    repo.write('more.env', `T=${fakeGithubToken()}\n`);
    repo.git('add', '-A');
    const team = repo.gitRun(['commit', '-q', '-m', 'y'], { PATH: bin });
    expect(team.code).not.toBe(0);
    expect(team.stderr).toMatch(/NOT CHECKED, so stopped/);
  });

  it('exits 2 outside a git repository', () => {
    const repo = Repo.init();
    const r = repo.hookguard(['init'], { cwd: repo.home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a git repository/);
  });
});

/** What `npm install` leaves behind: node_modules/hookguard (here, this checkout). */
function installed(repo: Repo): void {
  mkdirSync(path.join(repo.dir, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, path.join(repo.dir, 'node_modules', 'hookguard'));
}

describe('hookguard init with package.json (husky)', () => {
  it('adds devDependencies and prepare, creates .husky hooks, activates husky, and blocks a commit', () => {
    const repo = Repo.init();
    const pkg = { name: 'app', version: '1.0.0', scripts: { test: 'echo ok' } };
    repo.commit('init', { 'package.json': JSON.stringify(pkg, null, 2) + '\n', '.gitignore': 'node_modules/\n' });
    installed(repo);
    const r = repo.hookguard(['init']);
    expect(r.code).toBe(0);
    // .husky/hookguard.sh is committed and shared: it records no path from this machine.
    expect(readFileSync(path.join(repo.dir, '.husky', 'hookguard.sh'), 'utf8')).not.toContain(ROOT);
    const after = JSON.parse(readFileSync(path.join(repo.dir, 'package.json'), 'utf8'));
    expect(after.scripts).toEqual({ test: 'echo ok', prepare: 'husky' });
    expect(Object.keys(after.devDependencies)).toEqual(['hookguard', 'husky']);
    expect(readFileSync(path.join(repo.dir, '.husky', 'pre-commit'), 'utf8')).toContain('hookguard.sh" pre-commit');
    // Absolute, so linked worktrees (which have no gitignored .husky/_) run the hooks too.
    // husky's own relative path: it survives moving the repository.
    expect(repo.git('config', 'core.hooksPath')).toBe('.husky/_');

    repo.write('s.env', `T=${fakeGithubToken()}\n`);
    repo.git('add', '-A');
    const blocked = repo.gitRun(['commit', '-q', '-m', 'x']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('github-pat');

    const again = repo.hookguard(['init']);
    expect(again.stdout).toMatch(/nothing changed/);

    expect(repo.hookguard(['uninstall']).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'package.json'), 'utf8'))).toEqual(pkg);
    expect(existsSync(path.join(repo.dir, '.husky'))).toBe(false);
    expect(repo.gitRun(['config', 'core.hooksPath']).code).toBe(1);
  });

  it("husky's pre-push passes git's stdin through to hookguard: a pushed secret blocks", () => {
    const repo = Repo.init();
    const remote = path.join(repo.home, 'remote.git');
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    repo.commit('init', { 'package.json': '{ "name": "app" }\n', '.gitignore': 'node_modules/\n' });
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    installed(repo);
    expect(repo.hookguard(['init']).code).toBe(0);
    const bad = repo.commit('bad', { 'k.env': `T=${fakeGithubToken()}\n` });
    const push = repo.gitRun(['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stdout + push.stderr).toContain(bad.slice(0, 10));
    expect(repo.git('ls-remote', remote, 'refs/heads/main')).not.toContain(bad);
  });

  it('adds our line to existing husky hooks without replacing them, and removes only our line', () => {
    const repo = Repo.init();
    const pkg = { name: 'app', scripts: { prepare: 'husky' }, devDependencies: { husky: '^9.0.0' } };
    const existing = 'echo "lint ran" > .lint-ran\n';
    repo.commit('init', {
      'package.json': JSON.stringify(pkg, null, 2) + '\n',
      '.husky/pre-commit': existing,
      '.gitignore': 'node_modules/\n',
    });
    installed(repo);
    repo.git('config', 'core.hooksPath', '.husky/_');
    const r = repo.hookguard(['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/added hookguard to your existing \.husky\/pre-commit/);
    const hook = readFileSync(path.join(repo.dir, '.husky', 'pre-commit'), 'utf8');
    // Our line goes first: a failing command after it cannot skip the scan.
    expect(hook).toBe(`sh "\${0%/*}/hookguard.sh" pre-commit # hookguard\n${existing}`);
    repo.write('ok.txt', 'ok\n');
    repo.git('add', '-A');
    expect(repo.gitRun(['commit', '-q', '-m', 'ok']).code).toBe(0);
    expect(existsSync(path.join(repo.dir, '.lint-ran'))).toBe(true);
    expect(repo.hookguard(['uninstall']).code).toBe(0);
    expect(readFileSync(path.join(repo.dir, '.husky', 'pre-commit'), 'utf8')).toBe(existing);
    expect(repo.git('config', 'core.hooksPath')).toBe('.husky/_');
  });
});

describe('pre-push', () => {
  function withRemote(): { repo: Repo; remote: string } {
    const repo = Repo.init();
    const remote = path.join(repo.home, 'remote.git');
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    repo.commit('init', { 'README.md': '# x\n' });
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    expect(repo.hookguard(['init']).code).toBe(0);
    return { repo, remote };
  }

  it('blocks a push of a secret added in one commit and removed in the next, naming the commit', () => {
    const { repo } = withRemote();
    const token = fakeGithubToken();
    const added = repo.commit('add secret', { 'cfg.env': `T=${token}\n` });
    repo.commit('remove secret', { 'cfg.env': 'T=${T}\n' });
    const push = repo.gitRun(['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stdout + push.stderr).toContain(added.slice(0, 10));
    expect(push.stdout + push.stderr).not.toContain(token);
    // The JSON view of the same push names the commit in full.
    const local = repo.git('rev-parse', 'HEAD');
    const remoteSha = repo.git('rev-parse', 'origin/main');
    const { code, report } = repo.json(['scan', '--pre-push', 'origin'], {
      input: `refs/heads/main ${local} refs/heads/main ${remoteSha}\n`,
    });
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ commit: added, file: 'cfg.env', line: 1 });
    expect(report.summary.commits).toBe(2);
  });

  it('lets a clean push and a branch deletion through; scans a new branch against what the remote has', () => {
    const { repo } = withRemote();
    repo.commit('clean', { 'a.txt': 'a\n' });
    expect(repo.gitRun(['push', '-q', 'origin', 'main']).code).toBe(0);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('feature', { 'b.txt': 'b\n' });
    expect(repo.gitRun(['push', '-q', 'origin', 'feature']).code).toBe(0);
    expect(repo.gitRun(['push', '-q', 'origin', '--delete', 'feature']).code).toBe(0);
    repo.git('checkout', '-q', '-b', 'feature2');
    const bad = repo.commit('bad', { 'c.env': `T=${fakeGithubToken()}\n` });
    const r = repo.gitRun(['push', 'origin', 'feature2']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(bad.slice(0, 10));
  });

  it('accepts 64-character zero shas and rejects malformed input with exit 2', () => {
    const { repo } = withRemote();
    const del = `refs/heads/x ${'0'.repeat(64)} refs/heads/x ${'a'.repeat(64)}\n`;
    expect(repo.hookguard(['scan', '--pre-push', 'origin'], { input: del }).code).toBe(0);
    const bad = repo.hookguard(['scan', '--pre-push', 'origin'], { input: 'garbage\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/pre-push: unexpected input line/);
  });
});
