/**
 * `hookguard init --global` (issue 26, git-secrets' template-directory parity): every repository of the user is
 * protected, the ones that exist and the ones created later; each repository's own hooks still run; a repository whose
 * hook manager sets its own core.hooksPath is told apart by doctor; `uninstall --global` restores the previous global
 * setting exactly. A temporary HOME, real git, the real CLI.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, Repo, ROOT } from '../helpers.js';
import { commitSecret, installed, runHusky } from './husky.js';

afterAll(cleanup);

/** Another repository under the same HOME. */
function sibling(first: Repo, name: string): Repo {
  const r = new Repo(path.join(path.dirname(first.dir), name), first.home);
  first.git('init', '-q', '-b', 'main', r.dir);
  r.commit('init', { 'README.md': `# ${name}\n` });
  return r;
}

describe('init --global', () => {
  it('protects existing and new repositories, chains their own hooks, and uninstall --global restores the setting', () => {
    const existing = Repo.init();
    existing.commit('init', { 'README.md': '# x\n' });
    // The repository's own hook, which must still run.
    const own = path.join(existing.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(own, '#!/bin/sh\necho ran > .git/own-hook-ran\n');
    chmodSync(own, 0o755);
    // A global hooks path of another tool: left alone without --force.
    existing.git('config', '--global', 'core.hooksPath', '~/old-hooks');
    const refused = existing.hookguard(['init', '--global']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already sets core.hooksPath to "~/old-hooks"');
    const init = existing.hookguard(['init', '--global', '--force']);
    expect(init.code, init.stderr).toBe(0);
    const dir = path.join(existing.home, '.config', 'hookguard', 'hooks');
    expect(existing.git('config', '--global', 'core.hooksPath')).toBe(dir);
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    // The hooks use the user's own copy of hookguard, never this checkout or npx's cache.
    const hook = readFileSync(path.join(dir, 'pre-commit'), 'utf8');
    expect(hook).toContain(path.join(existing.home, '.local', 'share', 'hookguard', version, 'bin', 'hookguard.cjs'));
    expect(hook).not.toContain(ROOT + '/bin');

    const blocked = commitSecret(existing);
    expect(blocked.code, blocked.out).not.toBe(0);
    expect(blocked.out).toContain('github-pat');
    expect(blocked.out).not.toContain(blocked.token);
    expect(existsSync(path.join(existing.dir, '.git', 'own-hook-ran'))).toBe(false);
    existing.git('reset', '-q', '--hard');
    existing.write('ok.txt', 'fine\n');
    existing.git('add', 'ok.txt');
    expect(existing.gitRun(['commit', '-q', '-m', 'ok']).code).toBe(0);
    expect(existsSync(path.join(existing.dir, '.git', 'own-hook-ran'))).toBe(true);

    // A repository created after init --global.
    const later = sibling(existing, 'later');
    const b2 = commitSecret(later);
    expect(b2.code, b2.out).not.toBe(0);
    expect(b2.out).toContain('github-pat');
    const doc = later.hookguard(['doctor']);
    expect(doc.code, doc.stdout).toBe(0);
    expect(doc.stdout).toContain('(core.hooksPath, global config)');
    expect(doc.stdout).toMatch(/ON {3}pre-commit +hookguard: runs hookguard/);

    // A repository with hookguard's own native hooks: they run once, not twice.
    const native = sibling(existing, 'native');
    native.git('config', '--global', '--unset', 'core.hooksPath');
    expect(native.hookguard(['init']).code).toBe(0);
    native.git('config', '--global', 'core.hooksPath', dir);
    const b3 = commitSecret(native);
    expect(b3.code).not.toBe(0);
    // One report, not two.
    expect(b3.out.match(/✖ hookguard: /g)?.length).toBe(1);

    // A husky repository: its own core.hooksPath wins; doctor says the global hooks do not run there.
    const husky = sibling(existing, 'husky-app');
    husky.commit('pkg', { 'package.json': '{ "name": "h" }\n', '.gitignore': 'node_modules/\n' });
    installed(husky.dir);
    runHusky(husky);
    const hd = husky.hookguard(['doctor']);
    expect(hd.stdout).toContain("hookguard's global hooks");
    expect(hd.code).toBe(1);

    const again = existing.hookguard(['init', '--global']);
    expect(again.stdout).toContain('nothing changed');
    const un = existing.hookguard(['uninstall', '--global']);
    expect(un.code, un.stderr).toBe(0);
    expect(existing.git('config', '--global', 'core.hooksPath')).toBe('~/old-hooks');
    expect(existsSync(dir)).toBe(false);
    // Without a previous value, uninstall --global unsets it.
    existing.git('config', '--global', '--unset', 'core.hooksPath');
    expect(existing.hookguard(['init', '--global']).code).toBe(0);
    expect(existing.hookguard(['uninstall', '--global']).code).toBe(0);
    expect(existing.gitRun(['config', '--global', 'core.hooksPath']).code).toBe(1);
  });
});
