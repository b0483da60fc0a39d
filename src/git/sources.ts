/**
 * Git sources: the index, pre-push ranges, history and base..head ranges, turned into Targets.
 * Everything streams: `git diff` / `git log -p` output is parsed as it arrives and each file is handed on before the
 * next is read.
 */
import type { CommitInfo, FileError, Target } from '../types.js';
import { UsageError } from '../types.js';
import { BlobReader } from './blobs.js';
import { COMMIT_FORMAT, DiffParser, type FilePatch } from './diff-parser.js';
import { git, gitOk, gitStream, firstLine } from './run.js';
import { DIFF_ARGS, STAGED_ARGS, type Prestarted } from './prestart.js';

export interface Sink {
  target(t: Target): Promise<void>;
  skip(kind: 'binary' | 'large' | 'other', path: string): void;
  commit?(c: CommitInfo): void;
  error(e: FileError): void;
}

export interface SourceOptions {
  /** Fetch full content for IaC rules of files for which this says yes. */
  wantsContent: (path: string) => boolean;
  /** Largest file whose full content is read for IaC rules. */
  maxContentBytes: number;
}

export const ZERO_SHA = /^0+$/;

async function runDiff(
  root: string,
  args: string[],
  sink: Sink,
  opts: SourceOptions,
  input?: string,
  pre?: Prestarted,
): Promise<number> {
  const reader = new BlobReader(root, opts.maxContentBytes);
  const queue: FilePatch[] = [];
  const parser = new DiffParser({
    onPatch: (p) => queue.push(p),
    onCommit: (c) => sink.commit?.(c),
  });
  const drain = async () => {
    while (queue.length) await toTarget(queue.shift()!, reader, sink, opts);
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

async function toTarget(p: FilePatch, reader: BlobReader, sink: Sink, opts: SourceOptions): Promise<void> {
  if (p.deleted) return;
  if (p.submodule || p.symlink) {
    if (p.part === 0) sink.skip('other', p.path);
    return;
  }
  if (p.binary) {
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
    const blob = await reader.read(p.blob);
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
  await runDiff(root, STAGED_ARGS, sink, opts, undefined, pre);
}

const LOG_ARGS = ['log', '-p', ...DIFF_ARGS, COMMIT_FORMAT, '--diff-filter=ACMRT'];

/** Every commit in a list (newline-separated shas), each with its own diff against its first parent. */
export async function commitsSource(root: string, shas: string[], sink: Sink, opts: SourceOptions): Promise<void> {
  if (!shas.length) return;
  await runDiff(root, [...LOG_ARGS, '--no-walk=unsorted', '--stdin'], sink, opts, shas.join('\n') + '\n');
}

/** `git log -p` over revision arguments (a range, --all…), streamed. */
export async function logSource(root: string, revs: string[], sink: Sink, opts: SourceOptions): Promise<void> {
  await runDiff(root, [...LOG_ARGS, ...revs, '--'], sink, opts);
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
