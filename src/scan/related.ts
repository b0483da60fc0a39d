/**
 * How the engine reads a file a playbook refers to (vars_files, role defaults): from the disk for a scan of paths,
 * else from the index (staged) or the commit being scanned. Small regular files only; cached for the run.
 */
import path from 'node:path';
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
