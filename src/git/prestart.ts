/**
 * The staged diff, started before the rest of hookguard has loaded: `bin/hookguard.cjs` calls this first for
 * `scan --staged`, so git computes the diff on the other core while node compiles the scanner. Tiny on purpose
 * (it is its own entry point): only node:child_process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

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

export interface Prestarted {
  cwd: string;
  args: string[];
  child: ChildProcessWithoutNullStreams;
  /** Set when the process failed to start or exited before anyone listened. */
  error?: NodeJS.ErrnoException;
  exit?: number;
  stderr: Buffer[];
  used?: boolean;
}

export function startStagedDiff(cwd: string): Prestarted {
  const child = spawn('git', [...GIT_BASE_ARGS, ...STAGED_ARGS], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
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
