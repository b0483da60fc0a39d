/**
 * Protection is never silently off (issue 23): hooks survive moving the repository, leave git's pre-push input to the
 * commands after hookguard's line, never depend on npx's temporary cache, set up monorepos and husky 8 projects, and
 * `hookguard doctor` says whether protection is on. Real git, the real CLI, real husky (8 and 9) and git-lfs.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { BIN, cleanup, Repo, ROOT } from '../helpers.js';
import { commitSecret, huskyProject, installed, runHusky } from './husky.js';

afterAll(cleanup);

/** The same repository after `mv` to a new folder (its HOME stays). */
function moved(repo: Repo, name: string): Repo {
  const to = path.join(path.dirname(repo.dir), name);
  renameSync(repo.dir, to);
  return new Repo(to, repo.home);
}

describe('moving or renaming the repository', () => {
  it('husky hooks keep blocking after mv, in a worktree of the moved repository, and in a fresh clone', () => {
    const repo = huskyProject();
    installed(repo.dir);
    expect(repo.hookguard(['init']).code).toBe(0);
    repo.commit('hooks', {});
    const wt = path.join(repo.home, '..', 'wt');
    repo.git('worktree', 'add', '-q', '-b', 'feature', wt);

    const app2 = moved(repo, 'app2');
    const blocked = commitSecret(app2);
    expect(blocked.code, blocked.out).not.toBe(0);
    expect(blocked.out).toContain('github-pat');
    expect(blocked.out).not.toContain(blocked.token);
    app2.git('reset', '-q', '--hard');

    // git's own worktree links are absolute: after a move, git asks for `git worktree repair`; then the hooks work.
    app2.git('worktree', 'repair', wt);
    const inWt = commitSecret(app2, wt);
    expect(inWt.code, inWt.out).not.toBe(0);
    expect(inWt.out).toContain('github-pat');

    // A fresh clone, after npm install (node_modules + husky's prepare).
    const clone = new Repo(path.join(app2.home, '..', 'clone'), app2.home);
    app2.git('clone', '-q', app2.dir, clone.dir);
    installed(clone.dir);
    runHusky(clone);
    const inClone = commitSecret(clone);
    expect(inClone.code, inClone.out).not.toBe(0);
    expect(inClone.out).toContain('github-pat');
  });

  it('an absolute core.hooksPath left by an older hookguard: doctor says protection is off after a move; init heals', () => {
    const repo = huskyProject();
    installed(repo.dir);
    expect(repo.hookguard(['init']).code).toBe(0);
    // What hookguard < 0.2 wrote: the main worktree's .husky/_ by its absolute path.
    repo.git('config', 'core.hooksPath', path.join(repo.dir, '.husky', '_'));
    const app2 = moved(repo, 'renamed');
    // git looks in a folder that no longer exists and runs nothing (the bug: a silent pass).
    expect(commitSecret(app2).code).toBe(0);
    app2.git('reset', '-q', 'HEAD~1');
    const doc = app2.hookguard(['doctor']);
    expect(doc.code).toBe(1);
    expect(doc.stdout).toMatch(/does not exist: git runs NO hook/);
    expect(doc.stdout).toMatch(/protection is OFF in this clone — fix: npx hookguard init/);
    const init = app2.hookguard(['init']);
    expect(init.code, init.stderr).toBe(0);
    expect(app2.git('config', 'core.hooksPath')).toBe('.husky/_');
    expect(init.stdout).toContain('hookguard doctor: protection is on in this clone');
    const again = commitSecret(app2);
    expect(again.code).not.toBe(0);
    expect(again.out).toContain('github-pat');
    expect(app2.hookguard(['doctor']).code).toBe(0);
  });

  it('native hooks (no package.json) keep blocking after mv', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    expect(repo.hookguard(['init']).code).toBe(0);
    const app2 = moved(repo, 'elsewhere');
    const r = commitSecret(app2);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('github-pat');
  });
});

/** A pre-push hook command that records the ref lines it reads from stdin. */
const RECORDER = 'cat > "$(git rev-parse --git-common-dir)/seen-by-next-command"';

describe("pre-push: git's input reaches the commands after hookguard's line", () => {
  function pushProject() {
    const repo = huskyProject({ name: 'app', version: '1.0.0', scripts: { prepare: 'husky' } });
    const remote = path.join(repo.home, 'remote.git');
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    installed(repo.dir);
    runHusky(repo);
    return { repo, remote };
  }

  it('husky: a second command in .husky/pre-push reads exactly the ref lines git sent', () => {
    const { repo, remote } = pushProject();
    repo.commit('husky', { '.husky/pre-push': `${RECORDER}\n` });
    expect(repo.hookguard(['init']).code).toBe(0);
    expect(readFileSync(path.join(repo.dir, '.husky', 'pre-push'), 'utf8').split('\n')[1]).toBe(RECORDER);
    repo.commit('hooks', {});
    const head = repo.git('rev-parse', 'HEAD');
    const old = repo.git('rev-parse', 'origin/main');
    const push = repo.gitRun(['push', 'origin', 'main']);
    expect(push.code, push.stderr).toBe(0);
    const seen = readFileSync(path.join(repo.dir, '.git', 'seen-by-next-command'), 'utf8');
    expect(seen).toBe(`refs/heads/main ${head} refs/heads/main ${old}\n`);
    expect(repo.git('ls-remote', remote, 'refs/heads/main')).toContain(head);
    // No file of ours is left behind.
    expect(readdirSync(process.env.TMPDIR ?? '/tmp').filter((f) => f.startsWith('hookguard-push.'))).toEqual([]);

    // A pushed secret still blocks, and the command after ours never runs then.
    rmSync(path.join(repo.dir, '.git', 'seen-by-next-command'));
    const bad = repo.commit('bad', { 'k.env': `T=${fakeGithubToken()}\n` });
    const blocked = repo.gitRun(['push', 'origin', 'main']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain(bad.slice(0, 10));
    expect(existsSync(path.join(repo.dir, '.git', 'seen-by-next-command'))).toBe(false);
  });

  it('native: a chained pre-push hook reads exactly the ref lines git sent, and nothing when git sends nothing', () => {
    const repo = Repo.init();
    const remote = path.join(repo.home, 'remote.git');
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    repo.commit('init', { 'README.md': '# x\n' });
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    const mine = path.join(repo.dir, '.git', 'hooks', 'pre-push');
    writeFileSync(mine, `#!/bin/sh\n${RECORDER}\n`);
    chmodSync(mine, 0o755);
    expect(repo.hookguard(['init']).code).toBe(0);
    const head = repo.commit('more', { 'a.txt': 'a\n' });
    expect(repo.gitRun(['push', 'origin', 'main']).code).toBe(0);
    const seen = path.join(repo.dir, '.git', 'seen-by-next-command');
    expect(readFileSync(seen, 'utf8')).toMatch(new RegExp(`^refs/heads/main ${head} refs/heads/main [0-9a-f]{40}\\n$`));
    // Everything up to date: git sends no line, and the chained hook gets no (empty) line either.
    rmSync(seen);
    repo.gitRun(['push', 'origin', 'main']);
    if (existsSync(seen)) expect(readFileSync(seen, 'utf8')).toBe('');
  });

  const lfs = spawnSync('git', ['lfs', 'version'], { encoding: 'utf8' }).status === 0;
  it.runIf(lfs || process.env.CI)(
    'git-lfs after hookguard in .husky/pre-push: the LFS object reaches the remote',
    () => {
      const { repo, remote } = pushProject();
      repo.git('lfs', 'install', '--local', '--skip-repo');
      // The LFS filters for this repository; with husky, git-lfs's pre-push goes in .husky/pre-push (its docs' advice).
      repo.commit('lfs', {
        '.husky/pre-push': 'git lfs pre-push "$@"\n',
        '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n',
      });
      expect(repo.hookguard(['init']).code).toBe(0);
      const blob = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
      repo.write('asset.bin', blob);
      repo.git('add', '-A');
      repo.git('commit', '-q', '--no-verify', '-m', 'asset');
      const pointer = repo.git('show', 'HEAD:asset.bin');
      expect(pointer).toContain('git-lfs.github.com/spec');
      const oid = /oid sha256:([0-9a-f]{64})/.exec(pointer)![1]!;
      const push = repo.gitRun(['push', 'origin', 'main']);
      expect(push.code, push.stdout + push.stderr).toBe(0);
      const obj = path.join(remote, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid);
      expect(existsSync(obj), push.stdout + push.stderr).toBe(true);
      expect(readFileSync(obj).equals(blob)).toBe(true);
    },
  );
});

describe('npx: the hooks never depend on its temporary cache', () => {
  it('init from npx copies hookguard to a lasting place; after npm prunes the cache, commits are still checked', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    // hookguard as `npx hookguard` runs it: from ~/.npm/_npx/<hash>/node_modules/hookguard.
    const npx = path.join(repo.home, '.npm', '_npx', '0123abcd', 'node_modules', 'hookguard');
    mkdirSync(npx, { recursive: true });
    for (const part of ['package.json', 'bin', 'lib', 'hooks', 'patterns'])
      cpSync(path.join(ROOT, part), path.join(npx, part), { recursive: true });
    const init = spawnSync(process.execPath, [path.join(npx, 'bin', 'hookguard.cjs'), 'init'], {
      cwd: repo.dir,
      env: repo.env,
      encoding: 'utf8',
    });
    expect(init.status, init.stderr).toBe(0);
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const durable = path.join(repo.home, '.local', 'share', 'hookguard', version);
    expect(init.stdout).toContain(`copied hookguard ${version} to ${durable}`);
    const hook = readFileSync(path.join(repo.dir, '.git', 'hooks', 'pre-commit'), 'utf8');
    expect(hook).not.toContain('_npx');
    expect(hook).toContain(path.join(durable, 'bin', 'hookguard.cjs'));
    // npm prunes its npx cache.
    rmSync(path.join(repo.home, '.npm'), { recursive: true, force: true });
    // A GUI client's PATH: no hookguard on it, so only the recorded copy can serve.
    const r = commitSecret(repo);
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toContain('github-pat');
    expect(r.out).not.toContain(r.token);
  });
});

describe('monorepos: the only package.json in a subfolder', () => {
  it('sets husky up as husky documents (hooks at the root, prepare in the package), and uninstall restores it', () => {
    const repo = Repo.init();
    const pkg = { name: 'frontend', version: '1.0.0', scripts: { build: 'echo build' } };
    repo.commit('init', {
      'frontend/package.json': JSON.stringify(pkg, null, 2) + '\n',
      '.gitignore': 'node_modules/\n',
      'infra/site.yml': '- hosts: all\n  tasks: []\n',
    });
    const init = repo.hookguard(['init']);
    expect(init.code, init.stderr).toBe(0);
    const written = JSON.parse(readFileSync(path.join(repo.dir, 'frontend', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(written.scripts.prepare).toBe('cd .. && husky');
    expect(Object.keys(written.devDependencies)).toEqual(['hookguard', 'husky']);
    expect(existsSync(path.join(repo.dir, '.husky', 'pre-commit'))).toBe(true);
    expect(existsSync(path.join(repo.dir, 'frontend', '.husky'))).toBe(false);
    expect(init.stdout).toContain('the package is in frontend/');
    expect(init.stderr).toContain('run "npm install" in frontend now');
    // npm install in frontend/: node_modules there, and prepare (cd .. && husky) at the root.
    installed(path.join(repo.dir, 'frontend'));
    runHusky(repo);
    const blocked = commitSecret(repo);
    expect(blocked.code, blocked.out).not.toBe(0);
    expect(blocked.out).toContain('github-pat');
    repo.git('reset', '-q', '--hard');
    expect(repo.hookguard(['doctor']).code).toBe(0);
    const un = repo.hookguard(['uninstall']);
    expect(un.code, un.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'frontend', 'package.json'), 'utf8'))).toEqual(pkg);
    expect(existsSync(path.join(repo.dir, '.husky', 'pre-commit'))).toBe(false);
  });

  it('several packages and none at the root: native hooks, and init says they are not shared and how to share', () => {
    const repo = Repo.init();
    repo.commit('init', {
      'web/package.json': '{ "name": "web" }\n',
      'api/package.json': '{ "name": "api" }\n',
    });
    const init = repo.hookguard(['init']);
    expect(init.code).toBe(0);
    expect(init.stderr).toMatch(/several package\.json files \(api, web\).*NOT shared.*--package DIR/);
    expect(existsSync(path.join(repo.dir, '.git', 'hooks', 'pre-commit'))).toBe(true);
    expect(repo.hookguard(['uninstall']).code).toBe(0);
    const chosen = repo.hookguard(['init', '--package', 'web']);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'web', 'package.json'), 'utf8')).scripts.prepare).toBe(
      'cd .. && husky',
    );
    expect(repo.hookguard(['init', '--package', 'nowhere']).code).toBe(2);
  });
});

describe('husky 8 projects', () => {
  it("works with the project's husky 8: its hook format, no deprecation banner, commits blocked", () => {
    const pkg = {
      name: 'app',
      version: '1.0.0',
      scripts: { prepare: 'husky install' },
      devDependencies: { husky: '^8.0.3' },
    };
    const repo = huskyProject(pkg);
    mkdirSync(path.join(repo.dir, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, path.join(repo.dir, 'node_modules', 'hookguard'));
    symlinkSync(path.join(ROOT, 'node_modules', 'husky8'), path.join(repo.dir, 'node_modules', 'husky'));
    // npm install runs husky 8's install: core.hooksPath=.husky, .husky/_/husky.sh.
    const inst = spawnSync(
      process.execPath,
      [path.join(repo.dir, 'node_modules', 'husky', 'lib', 'bin.js'), 'install'],
      {
        cwd: repo.dir,
        env: repo.env,
        encoding: 'utf8',
      },
    );
    expect(inst.status, inst.stderr).toBe(0);
    expect(repo.git('config', 'core.hooksPath')).toBe('.husky');
    const init = repo.hookguard(['init']);
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'package.json'), 'utf8')).scripts.prepare).toBe('husky install');
    const hook = readFileSync(path.join(repo.dir, '.husky', 'pre-commit'), 'utf8');
    expect(hook.split('\n').slice(0, 2)).toEqual(['#!/usr/bin/env sh', '. "$(dirname -- "$0")/_/husky.sh"']);
    expect(hook).toContain('hookguard.sh" pre-commit');
    expect(repo.git('config', 'core.hooksPath')).toBe('.husky');
    expect(existsSync(path.join(repo.dir, '.husky', '_', 'h'))).toBe(false);
    const blocked = commitSecret(repo);
    expect(blocked.code, blocked.out).not.toBe(0);
    expect(blocked.out).toContain('github-pat');
    expect(blocked.out).not.toMatch(/DEPRECATED/);
    repo.git('reset', '-q', '--hard');
    repo.write('ok.txt', 'fine\n');
    repo.git('add', 'ok.txt');
    const ok = repo.gitRun(['commit', '-q', '-m', 'ok']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout + ok.stderr).not.toMatch(/DEPRECATED/);
    expect(repo.hookguard(['doctor']).code).toBe(0);
  });
});

describe('hookguard doctor', () => {
  it("answers for a teammate's clone before npm install, after it, and for lefthook and a foreign hook", () => {
    const origin = huskyProject();
    installed(origin.dir);
    expect(origin.hookguard(['init']).code).toBe(0);
    origin.commit('hooks', {});
    const clone = new Repo(path.join(origin.home, '..', 'clone2'), origin.home);
    origin.git('clone', '-q', origin.dir, clone.dir);
    // Before npm install: git runs no husky hook in this clone.
    const before = clone.hookguard(['doctor']);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/set up by the repository: husky/);
    expect(before.stdout).toMatch(/OFF {2}pre-commit/);
    expect(before.stdout).toMatch(/fix: npm install$/m);
    installed(clone.dir);
    runHusky(clone);
    const after = clone.hookguard(['doctor', '--format', 'json']);
    expect(after.code, after.stdout).toBe(0);
    const report = JSON.parse(after.stdout) as {
      ok: boolean;
      hooks: Array<{ hook: string; active: boolean; manager: string }>;
      runner: { cli: string; version: string };
    };
    expect(report.hooks.map((h) => [h.hook, h.active, h.manager])).toEqual([
      ['pre-commit', true, 'husky'],
      ['pre-merge-commit', true, 'husky'],
      ['pre-push', true, 'husky'],
      ['commit-msg', true, 'husky'],
    ]);
    expect(report.runner.cli).toContain('node_modules/hookguard/bin/hookguard.cjs');
    // A hook file that lost its executable bit: git skips it.
    chmodSync(path.join(clone.dir, '.husky', '_', 'pre-push'), 0o644);
    const noexec = clone.hookguard(['doctor']);
    expect(noexec.code).toBe(1);
    expect(noexec.stdout).toMatch(/OFF {2}pre-push .*not executable/);

    // A foreign hook that does not call hookguard, in a repository that never ran init.
    const plain = Repo.init();
    plain.commit('init', { 'README.md': '# x\n' });
    const mine = path.join(plain.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(mine, '#!/bin/sh\nexit 0\n');
    chmodSync(mine, 0o755);
    const d = plain.hookguard(['doctor']);
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(/OFF {2}pre-commit +other: this hook does not call hookguard/);
    expect(d.stdout).toMatch(/fix: npx hookguard init$/m);
    expect(plain.hookguard(['doctor'], { cwd: plain.home }).code).toBe(2);
    expect(spawnSync(process.execPath, [BIN, 'doctor', '--bogus'], { cwd: plain.dir, encoding: 'utf8' }).status).toBe(
      2,
    );
  });
});
