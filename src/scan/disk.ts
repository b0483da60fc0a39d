/**
 * One file on disk → targets: read whole (up to a bound), or in pieces within a time budget; binary files skipped,
 * unreadable ones reported. The same steps on the main thread and in a scan worker.
 */
import type { FileError, Target } from '../types.js';
import type { WalkEntry } from '../disk/walk.js';
import { PKCS12_MAX_BYTES, PKCS12_NAME } from './binaries.js';

export interface DiskLimits {
  contentBytes: number;
  wholeBytes: number;
  pieceBytes: number;
  maxBytes: number;
}

export interface DiskSink {
  target(t: Target): Promise<void>;
  /** A binary file whose bytes the checks want (a PKCS#12 file: does it open with a default password?). */
  binary?(b: { path: string; bytes: Uint8Array }): Promise<void>;
  skip(kind: 'binary' | 'large'): void;
  error(e: FileError): void;
}

export async function scanDiskFile(
  e: WalkEntry,
  wantsContent: boolean,
  limits: DiskLimits,
  budgetMs: number,
  sink: DiskSink,
): Promise<void> {
  const { readTextFile } = await import('../disk/walk.js');
  // Large files arrive in pieces, each scanned before the next is read, within one time budget per file.
  const deadline = Date.now() + budgetMs;
  const r = await readTextFile(
    e.abs,
    e.size,
    { ...limits, contentBytes: wantsContent ? limits.contentBytes : 0 },
    async (c) => {
      if (Date.now() > deadline) {
        sink.error({
          file: e.rel,
          line: c.startLine,
          message: `time budget spent: lines from ${c.startLine} on were not scanned`,
          incomplete: true,
        });
        return false;
      }
      await sink.target({ path: e.rel, chunks: [c], bytes: Buffer.byteLength(c.text) });
      return true;
    },
  );
  if (r.kind === 'binary') {
    if (sink.binary && PKCS12_NAME.test(e.rel) && e.size <= PKCS12_MAX_BYTES) {
      const { readFile } = await import('node:fs/promises');
      const bytes = await readFile(e.abs).catch(() => undefined);
      if (bytes) await sink.binary({ path: e.rel, bytes });
    }
    sink.skip('binary');
  } else if (r.kind === 'error') sink.error({ file: e.rel, message: r.message });
  else if (r.pieces) {
    sink.skip('large');
    if (e.size > limits.maxBytes && !r.stopped)
      sink.error({
        file: e.rel,
        message: `only the first ${limits.maxBytes >> 20} MiB were scanned`,
        incomplete: true,
      });
  } else
    await sink.target({
      path: e.rel,
      chunks: r.chunks,
      ...(r.content !== undefined ? { content: r.content } : {}),
      bytes: e.size,
    });
}
