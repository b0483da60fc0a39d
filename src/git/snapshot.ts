/**
 * Whole-snapshot reads for checks that compare files with each other (environment parity) or need repository-wide
 * declarations (.gitattributes, .sops.yaml): the index (hooks) or a commit (push, PR, history).
 */
import { BlobReader, type BlobText } from './blobs.js';
import { DiffParser } from './diff-parser.js';
import { DIFF_ARGS } from './prestart.js';
import { git } from './run.js';

export type Snapshot = { kind: 'index' } | { kind: 'rev'; rev: string };

export interface SnapshotFile {
  path: string;
  sha: string;
}

/** Every regular file of a snapshot (no submodules, no symlinks). */
export async function listSnapshot(root: string, snap: Snapshot): Promise<SnapshotFile[]> {
  const r =
    snap.kind === 'index'
      ? await git(root, ['ls-files', '-s', '-z'])
      : await git(root, ['ls-tree', '-r', '-z', '--full-tree', snap.rev]);
  if (r.code !== 0) return [];
  const out: SnapshotFile[] = [];
  for (const rec of r.stdout.toString('utf8').split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab === -1) continue;
    const meta = rec.slice(0, tab).split(' ');
    const mode = meta[0];
    if (mode !== '100644' && mode !== '100755') continue;
    const sha = snap.kind === 'index' ? meta[1] : meta[2];
    if (snap.kind === 'index' && meta[2] !== '0') continue; // unmerged entries
    if (sha) out.push({ path: rec.slice(tab + 1), sha });
  }
  return out;
}

/** Paths of a snapshot matching pathspecs whose text contains one of `needles` (git grep: nothing else is read). */
export async function grepSnapshot(
  root: string,
  snap: Snapshot,
  needles: string[],
  pathspecs: string[],
): Promise<SnapshotFile[]> {
  const where = snap.kind === 'index' ? ['--cached'] : [snap.rev];
  const e = needles.flatMap((n) => ['-e', n]);
  const r = await git(root, ['grep', '-l', '-z', '-I', '-F', ...e, ...where, '--', ...pathspecs]);
  if (r.code !== 0) return [];
  const paths = r.stdout
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((p) => (snap.kind === 'rev' && p.startsWith(snap.rev + ':') ? p.slice(snap.rev.length + 1) : p));
  if (!paths.length) return [];
  // Blob ids for those paths.
  const ids = await git(
    root,
    ['cat-file', '--batch-check=%(objectname)'],
    paths.map((p) => `${snap.kind === 'index' ? '' : snap.rev}:${p}`).join('\n') + '\n',
  );
  const shas = ids.stdout.toString('utf8').split('\n');
  return paths.flatMap((p, i) => (/^[0-9a-f]{40,64}$/.test(shas[i] ?? '') ? [{ path: p, sha: shas[i]! }] : []));
}

/** The texts of blobs (binary, missing and over-large ones are left out). */
export async function readTexts(root: string, files: SnapshotFile[], maxBytes: number): Promise<Map<string, BlobText>> {
  const reader = new BlobReader(root, maxBytes);
  try {
    const out = new Map<string, BlobText>();
    const read = await Promise.all(files.map((f) => reader.read(f.sha)));
    files.forEach((f, i) => out.set(f.path, read[i]!));
    return out;
  } finally {
    reader.close();
  }
}

/** Lines of `tip` that `base..tip` added, per path (for paths that changed). Base undefined = root commit. */
export async function changedLines(
  root: string,
  base: string | undefined,
  tip: string,
  paths: string[],
): Promise<Map<string, Array<[number, number]>>> {
  const out = new Map<string, Array<[number, number]>>();
  if (!paths.length) return out;
  const from = base ?? (await emptyTree(root));
  const parser = new DiffParser({
    onPatch: (p) => {
      if (p.deleted) return;
      const l = out.get(p.path) ?? [];
      l.push(...p.changed);
      out.set(p.path, l);
    },
  });
  const r = await git(root, ['diff', ...DIFF_ARGS, '--no-renames', from, tip, '--', ...paths]);
  if (r.code !== 0) return out;
  parser.write(r.stdout);
  parser.end();
  return out;
}

async function emptyTree(root: string): Promise<string> {
  const r = await git(root, ['hash-object', '-t', 'tree', '--stdin'], '');
  return r.stdout.toString('utf8').trim();
}

/** The first parent of a commit, or undefined for a root commit (or a shallow boundary). */
export async function parentOf(root: string, sha: string): Promise<string | undefined> {
  const r = await git(root, ['rev-parse', '--verify', '--quiet', `${sha}^1`]);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

export async function mergeBase(root: string, a: string, b: string): Promise<string | undefined> {
  const r = await git(root, ['merge-base', a, b]);
  return r.code === 0 ? r.stdout.toString('utf8').trim() || undefined : undefined;
}
