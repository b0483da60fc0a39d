/** Running git: the only place that spawns it. */
import { UsageError } from '../types.js';

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

import { childProcess, GIT_BASE_ARGS as BASE_ARGS, pipedChunks, type Prestarted } from './prestart.js';

export function git(cwd: string, args: string[], input?: string | Buffer): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', [...BASE_ARGS, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new UsageError('git is not installed or not on PATH') : e),
    );
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** Run git and return trimmed stdout, or throw a UsageError naming what failed. */
export async function gitOk(cwd: string, args: string[], what: string, input?: string): Promise<string> {
  const r = await git(cwd, args, input);
  if (r.code !== 0) throw new UsageError(`${what}: ${firstLine(r.stderr) || `git ${args[0]} failed`}`);
  return r.stdout.toString('utf8');
}

export function firstLine(s: string): string {
  return (
    s
      .trim()
      .split('\n')[0]
      ?.replace(/^(fatal|error): /, '') ?? ''
  );
}

/**
 * Stream a git command's stdout into `onData`, awaiting it between chunks (backpressure), so a long history is
 * never held in memory.
 */
export async function gitStream(
  cwd: string,
  args: string[],
  onData: (b: Buffer) => void | Promise<void>,
  input?: string,
  pre?: Prestarted,
): Promise<{ code: number; stderr: string }> {
  const reuse = pre && !pre.used && pre.args.join('\0') === args.join('\0') ? pre : undefined;
  if (reuse) reuse.used = true;
  if (reuse?.fd !== undefined) {
    // The hook's pipe (lib/staged.sh): git already ran; its exit status ends the stream.
    for (const chunk of pipedChunks(reuse)) await onData(chunk);
    return { code: reuse.exit ?? 1, stderr: Buffer.concat(reuse.stderr).toString('utf8') };
  }
  const child =
    reuse?.child ?? childProcess().spawn('git', [...BASE_ARGS, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const err: Buffer[] = reuse?.stderr ?? [];
  let errLen = 0;
  if (!reuse)
    child.stderr.on('data', (b: Buffer) => {
      if (errLen < 65536) {
        err.push(b);
        errLen += b.length;
      }
    });
  const gitError = (e: NodeJS.ErrnoException) =>
    e.code === 'ENOENT' ? new UsageError('git is not installed or not on PATH') : e;
  const closed = new Promise<number>((resolve, reject) => {
    if (reuse?.error) return reject(gitError(reuse.error));
    if (reuse?.exit !== undefined) return resolve(reuse.exit);
    child.on('error', (e: NodeJS.ErrnoException) => reject(gitError(e)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  if (!reuse) {
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  }
  for await (const chunk of child.stdout) await onData(chunk as Buffer);
  const code = await closed;
  return { code, stderr: Buffer.concat(err).toString('utf8') };
}
