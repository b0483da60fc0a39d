/**
 * A copy of this repository as it is now (tracked and not-ignored files of the working tree), committed in a temp
 * git repository: what a fresh clone of the current change looks like. node_modules is linked from this checkout, so
 * builds in the copy work offline.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir, testEnv } from '../helpers.js';

export interface Snapshot {
  dir: string;
  sha: string;
  env: NodeJS.ProcessEnv;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export function snapshot(opts: { linkNodeModules?: boolean } = {}): Snapshot {
  const base = tempDir('hg-snap-');
  const home = path.join(base, 'home');
  mkdirSync(home);
  const dir = path.join(base, 'hookguard');
  mkdirSync(dir);
  const env = testEnv(home);
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT, env)
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    const from = path.join(ROOT, f);
    const to = path.join(dir, f);
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      copyFileSync(from, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // deleted in the working tree
    }
  }
  if (opts.linkNodeModules !== false) symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  run('git', ['init', '-q', '-b', 'main'], dir, env);
  // .gitignore's `node_modules/` does not match a symlink.
  writeFileSync(path.join(dir, '.git', 'info', 'exclude'), 'node_modules\n');
  run('git', ['add', '-A'], dir, env);
  run('git', ['commit', '-q', '--no-verify', '-m', 'snapshot'], dir, env);
  return { dir, sha: run('git', ['rev-parse', 'HEAD'], dir, env).trim(), env };
}
