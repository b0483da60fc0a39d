/** Finding the repository root. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { git } from './run.js';
import { UsageError } from '../types.js';

/**
 * The work-tree root: found by walking up to a `.git` entry (no process spawned — this runs in every hook), or by
 * asking git when the environment redirects it (GIT_DIR, GIT_WORK_TREE…) or nothing was found.
 */
export async function repoRoot(cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string | undefined> {
  if (!env.GIT_DIR && !env.GIT_WORK_TREE && !env.GIT_CEILING_DIRECTORIES && !env.GIT_DISCOVERY_ACROSS_FILESYSTEM) {
    for (let d = path.resolve(cwd); ;) {
      if (existsSync(path.join(d, '.git'))) return d;
      const parent = path.dirname(d);
      if (parent === d) break;
      d = parent;
    }
  }
  const r = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (r.code !== 0) return undefined;
  return r.stdout.toString('utf8').trim() || undefined;
}

export async function isBareRepo(cwd: string): Promise<boolean> {
  const r = await git(cwd, ['rev-parse', '--is-bare-repository']);
  return r.code === 0 && r.stdout.toString().trim() === 'true';
}

/**
 * Absolute paths of the tracked and untracked (not ignored) files under `cwd`, or under the given paths (git-secrets'
 * `--scan --untracked`): what `git ls-files --cached --others --exclude-standard` lists.
 */
export async function trackedAndUntracked(cwd: string, paths: string[]): Promise<string[]> {
  const r = await git(cwd, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...paths]);
  if (r.code !== 0) throw new UsageError(`--untracked: git ls-files failed: ${r.stderr.trim().split('\n')[0] ?? ''}`);
  const seen = new Set<string>();
  for (const rel of r.stdout.toString('utf8').split('\0')) if (rel) seen.add(path.resolve(cwd, rel));
  return [...seen];
}
