/**
 * The staged diff, started before the rest of hookguard has loaded: `bin/hookguard.cjs` calls this first for
 * `scan --staged`, so git computes the diff on the other core while node compiles the scanner. Tiny on purpose
 * (it is its own entry point): only node:child_process, node:fs and node:module.
 *
 * The installed hook does better still: it runs `git diff --cached` itself, in a pipe into hookguard (lib/staged.sh,
 * written by the build from STAGED_ARGS below), so git starts with node instead of after it, and node never forks
 * (a fork+exec of git from node costs 10-20 ms here, more than git's own work on a typical commit). The pipe ends
 * with a trailer carrying git's exit status: `\n\0hookguard-exit N\n`. No diff line can hold a NUL (git shows a file
 * with one as binary), so the trailer is unambiguous, and a pipe that ends without it was cut short.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * For node built-ins loaded on first use, not at start-up (child_process, crypto, tty): each pulls in modules a clean
 * commit does not need. One require for the bundles that include this module (CommonJS and ES module builds alike).
 */
export const nodeRequire = createRequire(import.meta.url);

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Block this thread for `ms` (a descriptor that is non-blocking answered EAGAIN: wait for the other end). */
export function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

let cp: typeof import('node:child_process') | undefined;
/**
 * node:child_process, loaded on first use: it pulls in net and stream (~10% of a clean commit's instructions), and
 * the hook that pipes the diff in starts no process at all on a commit without findings.
 */
export function childProcess(): typeof import('node:child_process') {
  return (cp ??= nodeRequire('node:child_process') as typeof import('node:child_process'));
}

/** Options every git call gets: exact paths (no octal quoting of UTF-8), no colour. */
export const GIT_BASE_ARGS = ['-c', 'core.quotePath=false', '-c', 'color.ui=false'];

/** Diff options that make the output parseable whatever the user's config says. */
export const DIFF_ARGS = [
  '-U0',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--full-index',
  '-M',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

export const STAGED_ARGS = ['diff', '--cached', ...DIFF_ARGS, '--diff-filter=ACMRT'];

/** The flag lib/staged.sh passes with the diff on stdin. */
export const STAGED_STDIN_FLAG = '--staged-diff-stdin';
export const PIPE_TRAILER = '\n\0hookguard-exit ';

export interface Prestarted {
  cwd: string;
  args: string[];
  /** The early git process; absent when the diff comes on a pipe (`fd`). */
  child?: ChildProcessWithoutNullStreams;
  /** The diff arrives on this file descriptor (stdin), ending with the trailer. */
  fd?: number;
  /** Set when the process failed to start or exited before anyone listened. */
  error?: NodeJS.ErrnoException;
  exit?: number;
  stderr: Buffer[];
  used?: boolean;
}

export function startStagedDiff(cwd: string): Prestarted {
  const child = childProcess().spawn('git', [...GIT_BASE_ARGS, ...STAGED_ARGS], {
    cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const handle: Prestarted = { cwd, args: STAGED_ARGS, child, stderr: [] };
  child.on('error', (e: NodeJS.ErrnoException) => (handle.error = e));
  child.on('close', (code) => (handle.exit = code ?? 1));
  child.stderr.on('data', (b: Buffer) => handle.stderr.push(b));
  // Keep stdout paused but "listened to": node resumes (and so discards) unread child output when the child exits,
  // unless a 'readable' listener is attached. Paused, it buffers up to its high-water mark, then git waits.
  child.stdout.on('readable', () => {});
  child.stdin.on('error', () => {});
  child.stdin.end();
  return handle;
}

/** The staged diff on stdin, as lib/staged.sh pipes it. */
export function stagedDiffOnStdin(cwd: string): Prestarted {
  return { cwd, args: STAGED_ARGS, fd: 0, stderr: [] };
}

/**
 * The piped diff's bytes, without the trailer; sets `pre.exit` from it (1 with a note in `pre.stderr` when the pipe
 * ended without one). Synchronous reads: a pipe from the hook's shell is blocking, and this avoids loading node's
 * stream machinery on the hook's path.
 */
export function* pipedChunks(pre: Prestarted): Generator<Buffer> {
  const keep = PIPE_TRAILER.length + 12;
  let held = Buffer.alloc(0);
  for (;;) {
    const buf = Buffer.allocUnsafe(65536);
    let n: number;
    try {
      n = readSync(pre.fd!, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        pause(5);
        continue;
      }
      if (code === 'EOF') n = 0;
      else throw e;
    }
    if (n === 0) break;
    held = held.length ? Buffer.concat([held, buf.subarray(0, n)]) : buf.subarray(0, n);
    if (held.length > keep) {
      yield held.subarray(0, held.length - keep);
      held = Buffer.from(held.subarray(held.length - keep));
    }
  }
  const text = held.toString('latin1');
  const at = text.lastIndexOf(PIPE_TRAILER);
  const status = at >= 0 ? /^(\d+)\n$/.exec(text.slice(at + PIPE_TRAILER.length)) : null;
  if (!status) {
    pre.exit = 1;
    pre.stderr.push(Buffer.from('the staged diff piped in by the hook ended early (no exit status from git)'));
    if (held.length) yield held;
    return;
  }
  pre.exit = Number(status[1]);
  if (pre.exit !== 0) pre.stderr.push(Buffer.from(`git diff --cached exited with ${pre.exit} (its message is above)`));
  if (at > 0) yield held.subarray(0, at);
}
