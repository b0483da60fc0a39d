/**
 * Staged scans during a merge (MERGE_HEAD exists: the pre-merge-commit hook, or the pre-commit hook when a conflicted
 * merge is committed). The staged diff is against HEAD, our side, so everything the other branch brings looks added,
 * and the person merging would be blamed for the other branch's secrets. What a merge itself adds is what is on
 * neither parent: a line of the merge result counts as added only when it is added relative to every parent (like
 * `git diff --cc`'s `++` lines) — conflict resolutions and edits made while merging. The other branch's own commits
 * are checked where they were committed, pushed, and in the pull request.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Chunk, Target } from '../types.js';
import { DiffParser } from './diff-parser.js';
import { git, gitStream } from './run.js';
import { DIFF_ARGS } from './prestart.js';

/** The worktree's git directory, without running git (the hook's hot path). */
function gitDir(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    return m ? path.resolve(root, m[1]!) : undefined;
  } catch {
    return undefined;
  }
}

const SHA = /^[0-9a-f]{40,64}$/;

/**
 * The other parents of a merge in progress, or [] when none is. A conflicted merge being committed has MERGE_HEAD.
 * `git merge` running pre-merge-commit has not written it yet: there the commits being merged are the arguments in
 * GIT_REFLOG_ACTION (`merge feature`), or, for `git pull`, the for-merge lines of FETCH_HEAD.
 */
export async function mergeHeads(root: string, reflogAction = process.env.GIT_REFLOG_ACTION): Promise<string[]> {
  const dir = gitDir(root);
  if (!dir) return [];
  const read = (name: string) => {
    const file = path.join(dir, name);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  const merging = read('MERGE_HEAD')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => SHA.test(l));
  if (merging.length || !reflogAction) return merging;
  const [verb, ...names] = reflogAction.trim().split(/\s+/);
  if (verb === 'pull')
    return read('FETCH_HEAD')
      .split('\n')
      .map((l) => l.split('\t'))
      .filter((f) => SHA.test(f[0] ?? '') && f[1] === '')
      .map((f) => f[0]!);
  if (verb !== 'merge') return [];
  const out: string[] = [];
  for (const name of names.filter((n) => n && !n.startsWith('-'))) {
    const r = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`]);
    const sha = r.stdout.toString('utf8').trim();
    if (r.code === 0 && SHA.test(sha)) out.push(sha);
  }
  return out;
}

interface Added {
  lines: Set<number>;
  changed: Array<[number, number]>;
}

/** Per path, the lines of the index that are added relative to `parent`. */
async function addedAgainst(root: string, parent: string): Promise<Map<string, Added>> {
  const out = new Map<string, Added>();
  const parser = new DiffParser({
    onPatch: (p) => {
      if (p.deleted) return;
      const a = out.get(p.path) ?? { lines: new Set<number>(), changed: [] };
      for (const c of p.chunks) {
        const n = c.text.split('\n').length;
        for (let i = 0; i < n; i++) a.lines.add(c.startLine + i);
      }
      a.changed.push(...p.changed);
      out.set(p.path, a);
    },
  });
  const { code } = await gitStream(root, ['diff', '--cached', ...DIFF_ARGS, '--diff-filter=ACMRT', parent], (b) => {
    parser.write(b);
    return Promise.resolve();
  });
  parser.end();
  if (code !== 0) throw new Error(`git diff --cached ${parent} failed`);
  return out;
}

function intersectRanges(a: Array<[number, number]>, b: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [s1, e1] of a)
    for (const [s2, e2] of b) {
      const s = Math.max(s1, s2);
      const e = Math.min(e1, e2);
      if (s <= e) out.push([s, e]);
    }
  return out;
}

/** Keep only the lines of `chunks` that are in `keep`, as contiguous chunks. */
function keepLines(chunks: Chunk[], keep: Set<number>): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    let cur: { startLine: number; lines: string[] } | undefined;
    c.text.split('\n').forEach((line, i) => {
      const n = c.startLine + i;
      if (keep.has(n)) {
        if (cur && cur.startLine + cur.lines.length === n) cur.lines.push(line);
        else {
          if (cur) out.push({ startLine: cur.startLine, text: cur.lines.join('\n') });
          cur = { startLine: n, lines: [line] };
        }
      }
    });
    if (cur) out.push({ startLine: cur.startLine, text: cur.lines.join('\n') });
  }
  return out;
}

/**
 * A filter for staged targets during a merge: lines count as added only when they are added against every other
 * parent too (the staged diff already has them added against HEAD).
 */
export async function mergeFilter(root: string, heads: string[]): Promise<(t: Target) => Target> {
  const perParent = await Promise.all(heads.map((h) => addedAgainst(root, h)));
  return (t) => {
    let lines: Set<number> | undefined;
    let changed: Array<[number, number]> = t.changed ?? [[1, Number.MAX_SAFE_INTEGER]];
    for (const m of perParent) {
      const a = m.get(t.path);
      if (!a) return { ...t, chunks: [], changed: [] }; // the same as that parent: nothing new
      lines = lines ? new Set([...lines].filter((n) => a.lines.has(n))) : a.lines;
      changed = intersectRanges(changed, a.changed);
    }
    return { ...t, chunks: keepLines(t.chunks, lines ?? new Set()), changed };
  };
}
