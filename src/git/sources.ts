/**
 * Git sources: the index, pre-push ranges, history and base..head ranges, turned into Targets.
 * Everything streams: `git diff` / `git log -p` output is parsed as it arrives and each file is handed on before the
 * next is read.
 */
import type { Chunk, CommitInfo, FileError, Target } from '../types.js';
import { UsageError } from '../types.js';
import { BlobReader, type BlobText } from './blobs.js';
import { COMMIT_FORMAT, DiffParser, type FilePatch } from './diff-parser.js';
import { git, gitOk, gitStream, firstLine } from './run.js';
import { DIFF_ARGS, STAGED_ARGS, type Prestarted } from './prestart.js';
import { mergeFilter, mergeHeads } from './merge.js';

export interface Sink {
  target(t: Target): Promise<void>;
  skip(kind: 'binary' | 'large' | 'other', path: string): void;
  /** A binary file that `SourceOptions.binaryHead` asked about, with its first bytes (when it could be read), and all
   * of them when `SourceOptions.binaryWhole` asked for it and it is within the bound. */
  binary?(b: { path: string; head?: Uint8Array; bytes?: Uint8Array; commit?: CommitInfo }): Promise<void>;
  commit?(c: CommitInfo): void;
  error(e: FileError): void;
}

export interface SourceOptions {
  /** Fetch full content for IaC rules of files for which this says yes. */
  wantsContent: (path: string) => boolean;
  /** Largest file whose full content is read for IaC rules. */
  maxContentBytes: number;
  /** Largest UTF-16 file decoded (git shows it as binary); a larger one is reported as not scanned. */
  maxDecodeBytes?: number;
  /** Binary files whose first bytes `Sink.binary` wants (a path declared encrypted: is the blob really?). */
  binaryHead?: (path: string) => boolean;
  /** Of those, the binary files `Sink.binary` wants whole, up to this many bytes (a PKCS#12 file: 0 when none). */
  binaryWhole?: (path: string) => number;
}

/** Files that are binary by name: never read to look for a UTF-16 byte-order mark. */
const BINARY_NAME =
  /\.(?:png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|o|a|woff2?|ttf|otf|eot|mp[34]|mov|avi|wasm|pyc)$/i;

/** A UTF-16 text (git diffs it as binary): its lines that the old version did not have, as chunks. */
async function utf16Target(p: FilePatch, reader: BlobReader, sink: Sink, opts: SourceOptions): Promise<boolean> {
  const max = opts.maxDecodeBytes ?? 8 * 1024 * 1024;
  const blob = await reader.read(p.blob!, max, p.path);
  if (blob.kind === 'large' && blob.utf16) {
    sink.error({
      file: p.path,
      ...(p.commit ? { commit: p.commit.sha } : {}),
      message: `UTF-16 text of ${(blob.size / 1048576).toFixed(1)} MiB is over the ${max >> 20} MiB bound for decoding and was not scanned`,
      incomplete: true,
    });
    return true;
  }
  if (blob.kind !== 'text') return false;
  const lines = blob.text.replace(/\r\n?/g, '\n').split('\n');
  const old = new Map<string, number>();
  if (p.oldBlob) {
    const o = await reader.read(p.oldBlob, max);
    if (o.kind === 'text')
      for (const l of o.text.replace(/\r\n?/g, '\n').split('\n')) old.set(l, (old.get(l) ?? 0) + 1);
  }
  const chunks: Chunk[] = [];
  const changed: Array<[number, number]> = [];
  let run: string[] = [];
  let runStart = 0;
  const flush = () => {
    if (!run.length) return;
    chunks.push({ startLine: runStart, text: run.join('\n') });
    changed.push([runStart, runStart + run.length - 1]);
    run = [];
  };
  lines.forEach((l, i) => {
    const n = old.get(l) ?? 0;
    if (n > 0) {
      old.set(l, n - 1);
      flush();
      return;
    }
    if (!run.length) runStart = i + 1;
    run.push(l);
  });
  flush();
  if (!chunks.length) return true;
  const text = blob.text.replace(/\r\n?/g, '\n');
  await sink.target({
    path: p.path,
    chunks,
    changed,
    bytes: Buffer.byteLength(text),
    ...(opts.wantsContent(p.path) && text.length <= opts.maxContentBytes ? { content: text } : {}),
    ...(p.commit ? { commit: p.commit } : {}),
  });
  return true;
}

export const ZERO_SHA = /^0+$/;

async function runDiff(
  root: string,
  args: string[],
  sink: Sink,
  opts: SourceOptions,
  input?: string,
  pre?: Prestarted,
  worktree?: string,
  prefetch = false,
): Promise<number> {
  const reader = new BlobReader(root, opts.maxContentBytes, worktree);
  const queue: FilePatch[] = [];
  const parser = new DiffParser({
    onPatch: (p) => queue.push(p),
    onCommit: (c) => sink.commit?.(c),
  });
  // With `prefetch` (commit scans), the blobs of the next patches that need one are asked of git in one write: one
  // wake-up of git and of node for several files, not one each. At most PREFETCH are held at a time.
  const fetched = new Map<FilePatch, Promise<BlobText>>();
  const drain = async () => {
    while (queue.length) {
      const p = queue.shift()!;
      if (prefetch && !fetched.has(p) && needsBlob(p, opts)) {
        const next: FilePatch[] = [p];
        for (let i = 0; i < queue.length && next.length < PREFETCH; i++)
          if (needsBlob(queue[i]!, opts)) next.push(queue[i]!);
        if (next.length > 1)
          reader.batch(() => {
            for (const q of next) fetched.set(q, reader.read(q.blob!, undefined, q.path));
          });
      }
      const blob = fetched.get(p);
      fetched.delete(p);
      await toTarget(p, reader, sink, opts, blob);
    }
  };
  try {
    const { code, stderr } = await gitStream(
      root,
      args,
      async (b) => {
        parser.write(b);
        await drain();
      },
      input,
      pre,
    );
    parser.end();
    await drain();
    if (code !== 0) throw new UsageError(`git ${args[0]} failed: ${firstLine(stderr)}`);
    return code;
  } finally {
    reader.close();
  }
}

/** Blob reads asked of git at once by a commit scan (see runDiff). */
const PREFETCH = 16;

/** Whether toTarget reads the patch's new blob for its whole text (the same test, in the same order). */
function needsBlob(p: FilePatch, opts: SourceOptions): boolean {
  return (
    !p.deleted &&
    !p.submodule &&
    !p.symlink &&
    !p.binary &&
    (p.chunks.length > 0 || p.changed.length > 0) &&
    p.part === 0 &&
    p.blob !== undefined &&
    p.blob !== '' &&
    opts.wantsContent(p.path)
  );
}

/** `fetched`: the read of the patch's blob, when runDiff asked for it ahead. */
async function toTarget(
  p: FilePatch,
  reader: BlobReader,
  sink: Sink,
  opts: SourceOptions,
  fetched?: Promise<BlobText>,
): Promise<void> {
  if (p.deleted) return;
  if (p.submodule || p.symlink) {
    if (p.part === 0) sink.skip('other', p.path);
    return;
  }
  if (p.binary) {
    // git diffs UTF-16 text as binary; a disk scan decodes it, and so does every git mode.
    if (p.part === 0 && p.blob && !BINARY_NAME.test(p.path) && (await utf16Target(p, reader, sink, opts))) return;
    if (p.part === 0 && p.blob && sink.binary && opts.binaryHead?.(p.path)) {
      const whole = opts.binaryWhole?.(p.path) ?? 0;
      const b = await reader.read(p.blob, Math.max(64, whole), p.path);
      await sink.binary({
        path: p.path,
        ...(b.kind === 'binary' || b.kind === 'large' ? { head: b.head } : {}),
        ...(b.kind === 'binary' && whole > 0 ? { bytes: b.body } : {}),
        ...(p.commit ? { commit: p.commit } : {}),
      });
    }
    sink.skip('binary', p.path);
    return;
  }
  if (p.chunks.length === 0 && p.changed.length === 0) return; // pure rename or mode change: nothing added
  const t: Target = {
    path: p.path,
    chunks: p.chunks,
    changed: p.changed,
    bytes: p.bytes,
    ...(p.commit ? { commit: p.commit } : {}),
  };
  if (p.truncatedLines)
    sink.error({
      file: p.path,
      ...(p.commit ? { commit: p.commit.sha } : {}),
      message: `${p.truncatedLines} over-long line(s) scanned only in part`,
    });
  if (p.part === 0 && p.blob && opts.wantsContent(p.path)) {
    const blob = await (fetched ?? reader.read(p.blob, undefined, p.path));
    if (blob.kind === 'text') t.content = blob.text;
    else if (blob.kind === 'binary') {
      sink.skip('binary', p.path);
      return;
    } else if (blob.kind === 'large') sink.skip('large', p.path);
  }
  await sink.target(t);
}

/** The index against HEAD (or the empty tree before the first commit). */
export async function stagedSource(root: string, sink: Sink, opts: SourceOptions, pre?: Prestarted): Promise<void> {
  // During a merge only what is on neither parent counts as added (see merge.ts).
  const heads = await mergeHeads(root);
  if (heads.length) {
    const keep = await mergeFilter(root, heads);
    const inner = sink;
    sink = {
      target: (t) => inner.target(keep(t)),
      skip: (kind, path) => inner.skip(kind, path),
      error: (e) => inner.error(e),
    };
  }
  // Staged blobs are read from the working tree when the file there still hashes to them (BlobReader).
  await runDiff(root, STAGED_ARGS, sink, opts, undefined, pre, root);
}

const LOG_ARGS = ['log', '-p', ...DIFF_ARGS, COMMIT_FORMAT, '--diff-filter=ACMRT'];

/** Every commit in a list (newline-separated shas), each with its own diff against its first parent. */
export async function commitsSource(root: string, shas: string[], sink: Sink, opts: SourceOptions): Promise<void> {
  if (!shas.length) return;
  await runDiff(
    root,
    [...LOG_ARGS, '--no-walk=unsorted', '--stdin'],
    sink,
    opts,
    shas.join('\n') + '\n',
    undefined,
    undefined,
    true,
  );
}

/** `git log -p` over revision arguments (a range, --all…), streamed. */
export async function logSource(root: string, revs: string[], sink: Sink, opts: SourceOptions): Promise<void> {
  await runDiff(root, [...LOG_ARGS, ...revs, '--'], sink, opts, undefined, undefined, undefined, true);
}

/** The commits `git log REVS` shows, in its order (newest first); empty when git cannot list them (the log that
 * follows then reports why). */
export async function listCommits(root: string, revs: string[]): Promise<string[]> {
  const r = await git(root, ['rev-list', ...revs, '--']);
  return r.code === 0 ? r.stdout.toString('utf8').split('\n').filter(Boolean) : [];
}

export async function countCommits(root: string, revs: string[]): Promise<number> {
  const r = await git(root, ['rev-list', '--count', ...revs, '--']);
  return r.code === 0 ? Number(r.stdout.toString().trim()) || 0 : 0;
}

export async function commitExists(root: string, rev: string): Promise<boolean> {
  const r = await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return r.code === 0;
}

export async function hasCommits(root: string): Promise<boolean> {
  const r = await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (r.code === 0) return true;
  const refs = await git(root, ['for-each-ref', '--count=1', '--format=%(refname)']);
  return refs.stdout.toString().trim() !== '';
}

/**
 * The commits a push sends, from git's pre-push stdin (`<local ref> <local sha> <remote ref> <remote sha>` lines).
 * Deletions are skipped; a known remote sha gives `remote..local`; otherwise the commits not on the remote yet.
 */
export async function prePushCommits(
  root: string,
  stdin: string,
  remote?: string,
): Promise<{ shas: string[]; tips: string[] }> {
  const remotes = (await gitOk(root, ['remote'], 'listing remotes')).split('\n').filter(Boolean);
  const knownRemote = remote && remotes.includes(remote) ? remote : undefined;
  const all = new Set<string>();
  const ordered: string[] = [];
  const tips: string[] = [];
  for (const raw of stdin.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split(/\s+/);
    if (parts.length < 4 || !/^[0-9a-f]{40,64}$/.test(parts[1]!) || !/^[0-9a-f]{40,64}$/.test(parts[3]!))
      throw new UsageError(
        `pre-push: unexpected input line "${line.slice(0, 200)}" (expected "<local ref> <local sha> <remote ref> <remote sha>")`,
      );
    const local = parts[1]!;
    const remoteSha = parts[3]!;
    if (ZERO_SHA.test(local)) continue; // deleting a remote ref pushes nothing
    if (!tips.includes(local)) tips.push(local);
    let revs: string[];
    if (!ZERO_SHA.test(remoteSha) && (await commitExists(root, remoteSha))) revs = [`${remoteSha}..${local}`];
    else revs = [local, '--not', knownRemote ? `--remotes=${knownRemote}` : '--remotes'];
    const out = await gitOk(
      root,
      ['rev-list', '--reverse', ...revs, '--'],
      `pre-push: listing commits for ${parts[0]}`,
    );
    for (const sha of out.split('\n')) {
      if (sha && !all.has(sha)) {
        all.add(sha);
        ordered.push(sha);
      }
    }
  }
  return { shas: ordered, tips };
}

/** Files as they are in given commits (missing or too large → no text), read through one `git cat-file --batch`. */
export async function readAtRevs(
  root: string,
  wanted: Array<{ rev: string; path: string }>,
  maxBytes: number,
): Promise<Array<{ rev: string; path: string; text?: string }>> {
  const reader = new BlobReader(root, maxBytes);
  try {
    return await Promise.all(
      wanted.map(async (w) => {
        const b = await reader.readAt(w.rev, w.path);
        return b.kind === 'text' ? { ...w, text: b.text } : w;
      }),
    );
  } finally {
    reader.close();
  }
}
