/** husky projects as a user has them: what `npm install` leaves behind, husky's `prepare`, a commit of a secret. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { Repo, ROOT } from '../helpers.js';

/** What `npm install` leaves behind: node_modules/hookguard (this checkout) and husky. */
export function installed(dir: string): void {
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, path.join(dir, 'node_modules', 'hookguard'));
  symlinkSync(path.join(ROOT, 'node_modules', 'husky'), path.join(dir, 'node_modules', 'husky'));
}

/** `npm install` in a clone runs `prepare: husky`: husky sets core.hooksPath=.husky/_ (relative) and makes .husky/_. */
export function runHusky(repo: Repo, cwd = repo.dir): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'husky', 'bin.js')], {
    cwd,
    env: repo.env,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
}

export function huskyProject(pkg: Record<string, unknown> = { name: 'app', version: '1.0.0' }): Repo {
  const repo = Repo.init();
  repo.commit('init', { 'package.json': JSON.stringify(pkg, null, 2) + '\n', '.gitignore': 'node_modules/\n' });
  return repo;
}

export function commitSecret(repo: Repo, cwd = repo.dir) {
  const token = fakeGithubToken();
  writeFileSync(path.join(cwd, 'leak.env'), `TOKEN=${token}\n`);
  spawnSync('git', ['add', 'leak.env'], { cwd, env: repo.env });
  const r = spawnSync('git', ['commit', '-q', '-m', 'leak'], { cwd, env: repo.env, encoding: 'utf8' });
  return { code: r.status ?? -1, out: (r.stdout ?? '') + (r.stderr ?? ''), token };
}
