/**
 * The source stage of a scan: one source per mode (as gitleaks' sources), each turning its request into targets that
 * it writes to the examiner's sink (./examine.ts). A source checks its own arguments (a range's commits, a path) and
 * says which commits a push ends at: those decide the IaC findings of a push (./merge.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError, type FileError, type ScanRequest, type Target } from '../types.js';
import type { Prestarted } from '../git/prestart.js';
import {
  commitsSource,
  commitExists,
  hasCommits,
  listCommits,
  logSource,
  prePushCommits,
  stagedSource,
} from '../git/sources.js';
import type { WalkEntry } from '../disk/walk.js';
import { commentChars, commitMessages, messageText } from '../git/messages.js';
import { trackedAndUntracked } from '../git/repo.js';
import { scanDiskFile } from './disk.js';
import { fileJobs, workerCount, type Item } from './parallel.js';
import { declaredNear } from './wants.js';
import type { Examiner } from './examine.js';
import { LIMITS } from './limits.js';

export interface SourceContext {
  root: string;
  cwd: string;
  /** Config `ignore` (a directory walk always has one). */
  ignore: import('ignore').Ignore | undefined;
  prestarted: Prestarted | undefined;
  /** `root` is a git repository's (false: a scan outside one, rooted at the working directory). */
  inRepo?: boolean;
  /** The environment git runs in (undefined: unknown, git is asked what it would read). */
  env?: NodeJS.ProcessEnv;
}

export interface SourceDone {
  /** The commits a push ends at (pre-push only). */
  pushedTips: string[];
}

type Source<K extends ScanRequest['kind']> = (
  request: Extract<ScanRequest, { kind: K }>,
  ex: Examiner,
  c: SourceContext,
) => Promise<SourceDone>;

const none: SourceDone = { pushedTips: [] };

/** What to do about a secret in a commit message, by where the message is. */
export const MESSAGE_FIX = {
  writing:
    'The commit message holds a secret: remove it from the message before committing (git keeps your message in .git/COMMIT_EDITMSG; commit again with the secret taken out).',
  pushing:
    'A commit message holds a secret: reword the commit before pushing (git rebase -i, "reword"), and rotate the credential if it was shared anywhere else.',
  pushed:
    'A commit message cannot be edited once it is pushed: rotate this credential (revoke it and issue a new one), then accept the finding in the baseline.',
  shown:
    'Edit the secret out of it, and rotate the credential (revoke it and issue a new one): the old text stays in its edit history and in notifications already sent.',
} as const;

/** A message as a target: no file, one chunk from line 1. */
export function messageTarget(text: string, commit?: Target['commit']): Target {
  return {
    path: '',
    in: 'message',
    chunks: [{ startLine: 1, text }],
    bytes: Buffer.byteLength(text),
    ...(commit ? { commit } : {}),
  };
}

/** The messages of scanned commits, each a target of its own. */
async function scanMessages(ex: Examiner, root: string, shas: string[], fix: string): Promise<void> {
  await commitMessages(root, shas, (commit, message) => ex.onMessage(messageTarget(message, commit), fix));
  ex.s.onPhase?.('commit messages scanned');
}

/** Text from stdin, as one file named by its label: the label decides which families look at it (a template, a
 * playbook, an .env file). */
const stdin: Source<'stdin'> = async (request, ex) => {
  const text = request.text.replace(/\r\n?/g, '\n');
  await ex.onTarget({
    path: request.label,
    chunks: [{ startLine: 1, text }],
    bytes: Buffer.byteLength(request.text),
    ...(ex.srcOpts.wantsContent(request.label) && text.length <= LIMITS.contentBytes ? { content: text } : {}),
  });
  return none;
};

/** The message of the commit being made (the commit-msg hook), without git's comments and what follows scissors. */
const commitMsg: Source<'commit-msg'> = async (request, ex, c) => {
  const text = messageText(request.text, await commentChars(c.inRepo ? c.root : undefined, c.env));
  if (text.trim()) await ex.onMessage(messageTarget(text), MESSAGE_FIX.writing);
  return none;
};

/** The index: every staged file's added lines (and its whole staged text where rules need it). */
const staged: Source<'staged'> = async (_request, ex, c) => {
  await stagedSource(c.root, ex.sink, ex.srcOpts, c.prestarted);
  ex.s.onPhase?.('staged diff read');
  await ex.flushBatch(true);
  return none;
};

/** Every commit a push sends (git's pre-push lines on stdin), the snapshot at the last pushed tip. */
const prePush: Source<'pre-push'> = async (request, ex, c) => {
  const { shas, tips } = await prePushCommits(c.root, request.stdin, request.remote);
  ex.out.progress.commitsTotal = shas.length;
  if (shas.length) await ex.snapshot.get(tips[tips.length - 1] ?? shas[shas.length - 1]);
  // Newest first, as git log gives a history: git then reads the commits' files in the order its delta-base
  // cache serves best (500 commits: ~10% less git time than oldest first, on a repacked clone too).
  const newest = [...shas].reverse();
  await ex.scanCommits(newest, () => commitsSource(c.root, newest, ex.sink, ex.srcOpts));
  await scanMessages(ex, c.root, newest, MESSAGE_FIX.pushing);
  return { pushedTips: tips };
};

/** Every commit of BASE..HEAD (what the Action scans), the snapshot at HEAD. */
const range: Source<'range'> = async (request, ex, c) => {
  const m = /^(.+?)\.\.\.?(.+)$/.exec(request.range);
  if (!m) throw new UsageError(`--diff expects BASE..HEAD, got "${request.range}"`);
  for (const rev of [m[1]!, m[2]!])
    if (!(await commitExists(c.root, rev)))
      throw new UsageError(
        `--diff: commit ${rev} is not in this clone; fetch it (git fetch origin ${rev}) or, in GitHub Actions, check out with fetch-depth: 0`,
      );
  const revs = [`${m[1]}..${m[2]}`];
  await ex.snapshot.get(m[2], m[1]);
  const shas = await listCommits(c.root, revs);
  ex.out.progress.commitsTotal = shas.length;
  await ex.scanCommits(shas, () => logSource(c.root, revs, ex.sink, ex.srcOpts));
  await scanMessages(ex, c.root, shas, MESSAGE_FIX.pushed);
  for (const t of request.texts ?? [])
    if (t.text.trim()) await ex.onMessage(messageTarget(t.text), MESSAGE_FIX.shown, `In the ${t.name}: `);
  return none;
};

/** Every commit's added lines (all refs, or since a revision), the snapshot at HEAD. */
const history: Source<'history'> = async (request, ex, c) => {
  if (!(await hasCommits(c.root))) return none; // a repository with no commits has no history to scan
  if (request.since && !(await commitExists(c.root, request.since)))
    throw new UsageError(`--since: ${request.since} is not a commit in this repository`);
  const revs = request.since ? [`${request.since}..HEAD`] : ['--all'];
  if (await commitExists(c.root, 'HEAD')) await ex.snapshot.get('HEAD');
  const shas = await listCommits(c.root, revs);
  ex.out.progress.commitsTotal = shas.length;
  await ex.scanCommits(shas, () => logSource(c.root, revs, ex.sink, ex.srcOpts));
  await scanMessages(ex, c.root, shas, MESSAGE_FIX.pushed);
  return none;
};

type Walked = { k: 'file'; e: WalkEntry } | { k: 'skip'; kind: 'binary' | 'large' | 'other' } | FileError;

/** Files on disk: the walk first (cheap), in order; then the files, on worker threads when there is enough to read. */
const paths: Source<'paths'> = async (request, ex, c) => {
  for (const p of request.paths)
    if (!existsSync(path.resolve(c.cwd, p))) throw new UsageError(`path ${p} does not exist`);
  let targets = request.paths.length ? request.paths : ['.'];
  if (request.index) {
    if (!c.inRepo) throw new UsageError('reading the index needs a git repository');
    return indexFiles(ex, c, targets);
  }
  if (request.untracked) {
    if (!c.inRepo) throw new UsageError('--untracked needs a git repository (it lists files as git does)');
    // Named files are scanned whatever .gitignore says: a tracked file that an ignore pattern matches is one of them.
    targets = (await trackedAndUntracked(c.cwd, request.paths)).filter((p) => existsSync(p));
    if (!targets.length) return none;
  }
  const { walk } = await import('../disk/walk.js');
  const walked: Walked[] = [];
  await walk(
    c.root,
    targets.map((p) => path.resolve(c.cwd, p)),
    c.ignore!,
    {
      skip: (kind) => {
        if (kind !== 'ignored') walked.push({ k: 'skip', kind });
      },
      error: (rel, message) => walked.push({ file: rel, message }),
      file: async (e) => {
        walked.push({ k: 'file', e });
      },
    },
  );
  ex.s.onPhase?.('directories walked');
  const files: Array<{ e: WalkEntry; at: number }> = [];
  walked.forEach((w, i) => {
    if ('k' in w && w.k === 'file') files.push({ e: w.e, at: i });
  });
  const bytes = files.reduce((n, f) => n + Math.min(f.e.size, LIMITS.maxBytes), 0);
  // A .sops.yaml on disk is read when the first file below it comes (Extras.probeDisk), and what is read then
  // decides what later files keep: with one anywhere near, the files stay in order on this thread.
  const sopsFile = declaredNear(c.root, ['.sops.yaml', '.sops.yml'], '');
  const sopsAround =
    files.some(({ e }) => /(?:^|\/)\.sops\.ya?ml$/.test(e.rel)) ||
    targets.some((t) => sopsFile(`${path.relative(c.root, path.resolve(c.cwd, t)).split(path.sep).join('/')}/x`));
  const n = sopsAround ? 0 : workerCount({ bytes, files: files.length }, ex.s.workersAsked);
  if (n >= 2 && (await walkedInWorkers(ex, walked, files, n))) {
    for (const w of walked) if ('k' in w && w.k === 'skip') ex.out.skipped[w.kind]++;
    ex.s.onPhase?.(`files scanned on ${n} worker threads`);
    return none;
  }
  await walkedHere(ex, walked);
  return none;
};

/** The index's files under `targets`, as staged (untracked files and unstaged edits are not part of it), in order. */
async function indexFiles(ex: Examiner, c: SourceContext, targets: string[]): Promise<SourceDone> {
  const { listSnapshot, readTexts } = await import('../git/snapshot.js');
  const under = targets.map((t) => path.relative(c.root, path.resolve(c.cwd, t)).split(path.sep).join('/'));
  const inside = (p: string) => under.some((u) => u === '' || p === u || p.startsWith(`${u}/`));
  const files = (await listSnapshot(c.root, { kind: 'index' })).filter((f) => inside(f.path));
  for (let i = 0; i < files.length; i += 256) {
    const batch = files.slice(i, i + 256);
    const texts = await readTexts(c.root, batch, LIMITS.wholeBytes);
    for (const f of batch) {
      const b = texts.get(f.path);
      if (b?.kind === 'binary') ex.sink.skip('binary', f.path);
      else if (b?.kind === 'large') {
        ex.sink.skip('large', f.path);
        ex.sink.error({
          file: f.path,
          message: `over ${LIMITS.wholeBytes >> 20} MiB in the index: not read for the policy`,
          incomplete: true,
        });
      } else if (b?.kind === 'text') {
        const text = b.text.replace(/\r\n?/g, '\n');
        await ex.sink.target({
          path: f.path,
          chunks: [{ startLine: 1, text }],
          bytes: Buffer.byteLength(b.text),
          ...(ex.srcOpts.wantsContent(f.path) && text.length <= LIMITS.contentBytes ? { content: text } : {}),
        });
      }
    }
  }
  ex.s.onPhase?.('index read');
  return none;
}

/** The walked files on `n` worker threads, each item put back in its place among the walk's events. */
async function walkedInWorkers(
  ex: Examiner,
  walked: Walked[],
  files: Array<{ e: WalkEntry; at: number }>,
  n: number,
): Promise<boolean> {
  const jobs = fileJobs(
    files.map(({ e }) => ({ abs: e.abs, rel: e.rel, size: e.size, wantsContent: ex.srcOpts.wantsContent(e.rel) })),
  );
  // An item's place: (the walk index of its file, its index among that file's items).
  const firstFile: number[] = [];
  let k = 0;
  for (const j of jobs) {
    firstFile.push(k);
    k += 'files' in j ? j.files.length : 0;
  }
  const cursor = new Map<number, { file: number; minor: number }>();
  // Walk errors take their place among the files' items; walk skips are counted by the caller.
  const walkErrors: Array<[number, number, Item]> = [];
  walked.forEach((w, i) => {
    if (!('k' in w)) walkErrors.push([i, 0, { k: 'error', e: w }]);
  });
  return ex.inWorkers(
    jobs,
    n,
    true,
    (job, _index, it) => {
      let cur = cursor.get(job);
      if (!cur) cursor.set(job, (cur = { file: firstFile[job]!, minor: 0 }));
      const place: [number, number] = [files[cur.file]!.at, cur.minor++];
      if (it.k === 'end') {
        cur.file++;
        cur.minor = 0;
      }
      return place;
    },
    walkErrors,
  );
}

/** The walked files on this thread, in walk order, with the walk's skips and errors where they came. */
async function walkedHere(ex: Examiner, walked: Walked[]): Promise<void> {
  const { out } = ex;
  const diskSink = {
    target: (t: Target) => ex.onTarget(t),
    // A disk file was walked past the ignore rules already (as its targets go straight to onTarget).
    binary: async (b: { path: string; bytes: Uint8Array }) => (await ex.snapshot.get()).onBinary(b),
    skip: (kind: 'binary' | 'large') => void out.skipped[kind]++,
    error: (e: FileError) => void out.errors.push(e),
  };
  for (const w of walked) {
    if (!('k' in w)) out.errors.push(w);
    else if (w.k === 'skip') out.skipped[w.kind]++;
    else await scanDiskFile(w.e, ex.srcOpts.wantsContent(w.e.rel), LIMITS, ex.s.engine.budgetMs ?? 10_000, diskSink);
  }
}

const SOURCES: { [K in ScanRequest['kind']]: Source<K> } = {
  staged,
  'pre-push': prePush,
  range,
  history,
  paths,
  'commit-msg': commitMsg,
  stdin,
};

/** Run the source of a request's mode into the examiner. */
export function runSource(request: ScanRequest, ex: Examiner, c: SourceContext): Promise<SourceDone> {
  // The table gives each mode its own request type; TypeScript cannot pair them through an index.
  return SOURCES[request.kind](request as never, ex, c);
}
