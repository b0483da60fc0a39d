/**
 * How the engine reads a file a playbook refers to (vars_files, role defaults): from the disk for a scan of paths,
 * else from the index (staged) or the commit being scanned. Small regular files only; cached for the run.
 */
import path from 'node:path';
import { indexMayHoldAny, indexPathsUnder } from '../git/index-file.js';
import type { EngineOptions } from '../engine/index.js';

export function relatedReader(root: string, disk: boolean): NonNullable<EngineOptions['readRelated']> {
  const cache = new Map<string, Promise<string | undefined>>();
  const read = async (rel: string, commit?: string): Promise<string | undefined> => {
    if (!disk) {
      const { readTreeText } = await import('../git/related.js');
      return readTreeText(root, commit ?? '', rel);
    }
    if (!rel || rel.startsWith('/') || rel.split('/').includes('..')) return undefined;
    const { lstat, readFile } = await import('node:fs/promises');
    const abs = path.join(root, rel);
    const st = await lstat(abs).catch(() => undefined);
    if (!st?.isFile() || st.size > 1024 * 1024) return undefined;
    const b = await readFile(abs);
    return b.subarray(0, 8000).includes(0) ? undefined : b.toString('utf8');
  };
  return (rel, commit) => {
    const key = `${commit ?? ''}:${rel}`;
    let p = cache.get(key);
    if (!p) cache.set(key, (p = read(rel, commit).catch(() => undefined)));
    return p;
  };
}

/** How the engine lists folders' files (recursively; at most 512): the disk, the index or a commit's tree, in one git
 * call per set of folders; cached for the run. */
export function relatedLister(root: string, disk: boolean): NonNullable<EngineOptions['listRelated']> {
  const cache = new Map<string, Promise<string[]>>();
  const list = async (dirs: string[], commit?: string, names?: string[]): Promise<string[]> => {
    dirs = dirs.filter((d) => d && !d.startsWith('/') && !d.split('/').includes('..'));
    if (!dirs.length) return [];
    // The index (what a hook lists) read without git: when it surely holds no path with one of `names`
    // (`group_vars/`), there is nothing to list — a commit with a playbook then starts no git process for it.
    if (!disk && !commit && names?.length && indexMayHoldAny(root, process.env, names) === 'no') return [];
    // The index's own entries, read without git where its format allows (the hook's case).
    const staged = !disk && !commit ? indexPathsUnder(root, process.env, dirs) : undefined;
    if (staged) return staged.slice(0, 512);
    if (!disk) {
      const { git } = await import('../git/run.js');
      const r = commit
        ? await git(root, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', ...dirs])
        : await git(root, ['ls-files', '-z', '--', ...dirs]);
      return r.code === 0 ? r.stdout.toString('utf8').split('\0').filter(Boolean).slice(0, 512) : [];
    }
    const { readdir } = await import('node:fs/promises');
    const out: string[] = [];
    const walk = async (rel: string, depth: number): Promise<void> => {
      if (depth > 6 || out.length >= 512) return;
      const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.name === '.git' || e.name === 'node_modules') continue;
        const r = `${rel}/${e.name}`;
        if (e.isDirectory()) await walk(r, depth + 1);
        else if (e.isFile() && out.length < 512) out.push(r);
      }
    };
    for (const d of dirs) await walk(d.replace(/\/+$/, ''), 0);
    return out;
  };
  return (dirs, commit, names) => {
    const key = `${commit ?? ''}:${dirs.join('\0')}:${names?.join('\0') ?? ''}`;
    let p = cache.get(key);
    if (!p) cache.set(key, (p = list(dirs, commit, names).catch(() => [])));
    return p;
  };
}
