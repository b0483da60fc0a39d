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
  const buf = readIndex(root, env);
  if (buf === 'none') return 'no';
  if (!buf) return 'maybe';
  return names.some((n) => buf.includes(n)) ? 'maybe' : 'no';
}

/**
 * The index's bytes when it stores paths whole (version 2 or 3, no split or sparse index, up to MAX_BYTES); 'none' when
 * there is no index yet (nothing is staged); undefined where only git can read it.
 */
function readIndex(root: string, env: NodeJS.ProcessEnv): Buffer | 'none' | undefined {
  const file = indexFile(root, env);
  if (!file) return undefined;
  let buf: Buffer;
  try {
    if (statSync(file).size > MAX_BYTES) return undefined;
    buf = readFileSync(file);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : undefined;
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = buf.readUInt32BE(4);
  if (version !== 2 && version !== 3) return undefined;
  // Extension signatures that move or fold entries; their bytes may also occur in a path, which only costs a git run.
  if (buf.includes('link') || buf.includes('sdir')) return undefined;
  return buf;
}

/**
 * The staged paths under `dirs` (recursively, in index order), read from the index without git — or undefined when
 * only git can say (no readable index, version 4, a split or sparse index, a larger one): the caller then asks git.
 * Entries of a conflicted path (stages 1–3) are listed once.
 */
export function indexPathsUnder(root: string, env: NodeJS.ProcessEnv, dirs: readonly string[]): string[] | undefined {
  const buf = readIndex(root, env);
  if (buf === 'none') return [];
  if (!buf) return undefined;
  const version = buf.readUInt32BE(4);
  const prefixes = dirs.map((d) => `${d.replace(/\/+$/, '')}/`);
  const out: string[] = [];
  let at = 12;
  for (let n = buf.readUInt32BE(8); n > 0; n--) {
    // 40 bytes of stat data, the object id (20), the flags (2), with version 3 extended flags (2) when flagged.
    if (at + 62 > buf.length) return undefined;
    const flags = buf.readUInt16BE(at + 60);
    const start = at + 62 + (version === 3 && flags & 0x4000 ? 2 : 0);
    const end = buf.indexOf(0, start);
    if (end < 0) return undefined;
    const p = buf.toString('utf8', start, end);
    // The entry is padded with 1 to 8 NUL bytes to a multiple of 8 from its start.
    at += (end - at + 8) & ~7;
    if (prefixes.some((x) => p.startsWith(x)) && out[out.length - 1] !== p) out.push(p);
  }
  return out;
}
