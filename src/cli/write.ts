/**
 * Output without node's stream machinery: `process.stdout` builds a stream (and loads node:stream, net or tty) the
 * first time it is touched, a cost every commit would pay for one line of text. A synchronous write to the file
 * descriptor is what a short-lived CLI wants anyway: nothing is lost when the process exits right after.
 */
import { writeSync } from 'node:fs';
import { nodeRequire, pause } from '../git/prestart.js';

/** Write all of `text` to `fd`; a closed pipe (`hookguard scan … | head`) ends the process quietly, as for any Unix tool. */
export function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length) {
    try {
      buf = buf.subarray(writeSync(fd, buf));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A descriptor left non-blocking by whoever opened it: wait until the reader catches up.
      if (code === 'EAGAIN') pause(2);
      else if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      else throw e;
    }
  }
}

interface TtyBinding {
  isTTY?: (fd: number) => boolean;
}

/**
 * Whether `fd` is a terminal. node:tty's isatty loads net and stream along with tty (~12M instructions, a tenth of
 * what a clean commit costs beyond node's own start); the binding it calls answers alone. process.binding is
 * deprecated in documentation only; when the user asked to see pending deprecations, the public module answers.
 */
export function isTerminal(fd: number): boolean {
  const pending =
    process.execArgv.includes('--pending-deprecation') || /--pending-deprecation/.test(process.env.NODE_OPTIONS ?? '');
  if (!pending) {
    try {
      const binding = (process as unknown as { binding: (name: string) => TtyBinding }).binding;
      const isTTY = binding('tty_wrap').isTTY;
      if (typeof isTTY === 'function') return isTTY(fd);
    } catch {
      // Not available in this node: the public way below.
    }
  }
  return (nodeRequire('node:tty') as typeof import('node:tty')).isatty(fd);
}
