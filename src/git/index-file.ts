/**
 * A look into git's index file without git, for one question: can a path ending in `name` be staged? It answers only
 * when it is sure: "no" when the index is version 2 or 3 (paths stored whole) without a split or sparse index and its
 * bytes do not hold `name` at all; "maybe" in every other case (version 4 compresses paths, a split index keeps
 * entries in another file, a sparse index folds folders), where the caller asks git. It saves a `git` process on the
 * hook's path, which costs more than reading a few hundred kilobytes.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The index a hook sees: GIT_INDEX_FILE (git sets it for pre-commit, relative to the top) or .git/index. */
function indexFile(root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.GIT_INDEX_FILE) return path.resolve(root, env.GIT_INDEX_FILE);
  if (env.GIT_DIR) return undefined;
  try {
    return statSync(path.join(root, '.git')).isDirectory() ? path.join(root, '.git', 'index') : undefined;
  } catch {
    return undefined;
  }
}

/** Up to this size the index is read whole (a repository with ~50,000 files); a larger one goes to git. */
const MAX_BYTES = 8 << 20;

export function indexMayHold(root: string, env: NodeJS.ProcessEnv, name: string): 'no' | 'maybe' {
  return indexMayHoldAny(root, env, [name]);
}

/** indexMayHold for several names, reading the index once: 'no' when it surely holds none of them. */
export function indexMayHoldAny(root: string, env: NodeJS.ProcessEnv, names: readonly string[]): 'no' | 'maybe' {
  const file = indexFile(root, env);
  if (!file) return 'maybe';
  let buf: Buffer;
  try {
    if (statSync(file).size > MAX_BYTES) return 'maybe';
    buf = readFileSync(file);
  } catch (e) {
    // No index yet (a fresh repository): nothing is staged under any name.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no' : 'maybe';
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return 'maybe';
  const version = buf.readUInt32BE(4);
  if (version !== 2 && version !== 3) return 'maybe';
  // Extension signatures that move or fold entries; their bytes may also occur in a path, which only costs a git run.
  if (buf.includes('link') || buf.includes('sdir')) return 'maybe';
  return names.some((n) => buf.includes(n)) ? 'maybe' : 'no';
}
