/** Reading blobs through one long-lived `git cat-file --batch`, bounded in size. */
import { isAscii } from 'node:buffer';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { childProcess } from './prestart.js';
import { digestHex } from '../sha.js';

export type BlobText =
  | { kind: 'text'; text: string }
  /** `head`: its first bytes (a file format's or an encryption tool's header); `body`: all of them, as read. */
  | { kind: 'binary'; head: Buffer; body: Buffer }
  /** Over the size bound; `utf16` when its first bytes are a UTF-16 byte-order mark (text that cannot be read whole). */
  | { kind: 'large'; size: number; utf16?: boolean; head: Buffer }
  | { kind: 'missing' };

interface Pending {
  sha: string;
  resolve: (b: BlobText) => void;
  /** Size bound for this read (default: the reader's). */
  max?: number;
}

export class BlobReader {
  private child?: ChildProcessWithoutNullStreams;
  private queue: Pending[] = [];
  private buf: Buffer = Buffer.alloc(0);
  private need:
    { size: number; kind: 'blob' | 'other'; discarded?: number; utf16?: boolean; head?: Buffer } | undefined;

  /**
   * `worktree`: the staged files' working tree. A blob is read from the file there when the file's bytes hash to
   * the blob's id (git's object hash, SHA-1 or SHA-256 by its length): the same bytes, without starting git, which
   * costs more than the read on a commit that stages a template or two. A file edited again after `git add`, or
   * changed by a filter (end-of-line conversion, LFS…), does not hash to its blob and is read from git as before.
   */
  constructor(
    private readonly cwd: string,
    private readonly maxBytes: number,
    private readonly worktree?: string,
  ) {}

  /** `path`: where the blob is in the working tree (used with `worktree`). */
  read(sha: string, max?: number, path?: string): Promise<BlobText> {
    if (!/^[0-9a-f]{7,64}$/.test(sha)) return Promise.resolve({ kind: 'missing' });
    if (this.worktree !== undefined && path !== undefined) {
      const same = fromWorktree(this.worktree, path, sha, max ?? this.maxBytes);
      if (same) return Promise.resolve(same);
    }
    return this.readSpec(sha, max);
  }

  /** A blob named `REV:PATH` (a file as it is in a commit), or `:PATH` (as it is staged) when `rev` is empty. */
  readAt(rev: string, path: string, max?: number): Promise<BlobText> {
    if ((rev !== '' && !/^[0-9a-f]{7,64}$/.test(rev)) || !path || /[\n\r]/.test(path))
      return Promise.resolve({ kind: 'missing' });
    return this.readSpec(`${rev}:${path}`, max);
  }

  /**
   * For a reader nobody closes: its git process holds the event loop only while a read is pending, so an idle reader
   * never keeps hookguard from exiting (git then reads the end of its input and exits too).
   */
  onlyWhileBusy(): this {
    this.weak = true;
    return this;
  }

  private weak = false;

  private hold(on: boolean): void {
    if (!this.weak || !this.child) return;
    for (const h of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as Array<{
      ref(): void;
      unref(): void;
    }>)
      if (on) h.ref();
      else h.unref();
  }

  /** Reads asked within `f` reach git in one write (git answers them in order, as it would one by one). */
  batch(f: () => void): void {
    const { stdin } = this.start();
    stdin.cork();
    try {
      f();
    } finally {
      stdin.uncork();
    }
  }

  private readSpec(spec: string, max?: number): Promise<BlobText> {
    const child = this.start();
    this.hold(true);
    return new Promise((resolve) => {
      this.queue.push({ sha: spec, resolve, ...(max !== undefined ? { max } : {}) });
      child.stdin.write(spec + '\n');
    });
  }

  /** Settle the oldest read; an emptied queue lets go of the event loop (onlyWhileBusy). */
  private settle(b: BlobText): void {
    this.queue.shift()?.resolve(b);
    if (!this.queue.length) this.hold(false);
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = childProcess().spawn('git', ['cat-file', '--batch'], {
      cwd: this.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b: Buffer) => this.onData(b));
    child.stdin.on('error', () => {});
    child.on('close', () => {
      for (const p of this.queue.splice(0)) p.resolve({ kind: 'missing' });
    });
    child.stderr.resume();
    this.child = child;
    return child;
  }

  private onData(b: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, b]) : b;
    for (;;) {
      if (!this.need) {
        const nl = this.buf.indexOf(10);
        if (nl === -1) return;
        const header = this.buf.toString('utf8', 0, nl);
        this.buf = this.buf.subarray(nl + 1);
        const m = /^\S+ (\S+) (\d+)$/.exec(header);
        if (!m) {
          this.settle({ kind: 'missing' });
          continue;
        }
        this.need = { size: Number(m[2]), kind: m[1] === 'blob' ? 'blob' : 'other' };
      }
      if (this.need.size > (this.queue[0]?.max ?? this.maxBytes)) {
        // Too large to examine whole: drop its bytes as they arrive rather than holding them (noting a UTF-16 BOM).
        if (this.need.discarded === undefined) {
          const head = Math.min(HEAD_BYTES, this.need.size);
          if (this.buf.length < head) return;
          this.need.utf16 = hasUtf16Bom(this.buf);
          this.need.head = Buffer.from(this.buf.subarray(0, head));
        }
        const drop = Math.min(
          this.buf.length,
          this.need.discarded === undefined ? this.need.size + 1 : this.need.discarded,
        );
        const left = (this.need.discarded ?? this.need.size + 1) - drop;
        this.buf = this.buf.subarray(drop);
        if (left > 0) {
          this.need.discarded = left;
          return;
        }
        const { size, utf16, head } = this.need;
        this.need = undefined;
        this.settle({ kind: 'large', size, head: head ?? Buffer.alloc(0), ...(utf16 ? { utf16 } : {}) });
        continue;
      }
      if (this.buf.length < this.need.size + 1) return;
      const body = this.buf.subarray(0, this.need.size);
      this.buf = this.buf.subarray(this.need.size + 1);
      const { kind } = this.need;
      this.need = undefined;
      if (!this.queue.length) continue;
      this.settle(kind === 'blob' ? blobText(body) : { kind: 'missing' });
    }
  }
}

/** The working tree's file as the blob `sha` would read, when its bytes are that blob's (see BlobReader). */
function fromWorktree(root: string, rel: string, sha: string, max: number): BlobText | undefined {
  if (sha.length !== 40 && sha.length !== 64) return undefined;
  let body: Buffer;
  try {
    const file = join(root, rel);
    const st = lstatSync(file);
    if (!st.isFile() || st.size > max) return undefined;
    body = readFileSync(file);
  } catch {
    return undefined;
  }
  // Hashed in JavaScript for a small file (src/sha.ts): the hook does not load node:crypto for a template or two.
  if (digestHex(sha.length === 40 ? 'sha1' : 'sha256', `blob ${body.length}\0`, body) !== sha) return undefined;
  return blobText(body);
}

/** A whole blob's bytes as read: binary (its first bytes kept) or decoded text. */
function blobText(body: Buffer): BlobText {
  return isBinary(body)
    ? { kind: 'binary', head: Buffer.from(body.subarray(0, HEAD_BYTES)), body }
    : { kind: 'text', text: decodeText(body) };
}

/** How many first bytes of a binary or over-large blob are kept (headers: git-crypt's is 10 bytes). */
const HEAD_BYTES = 16;

/** A NUL byte in the first 8000 bytes means binary (git's own heuristic). UTF-16 with a BOM is text. */
export function isBinary(b: Buffer): boolean {
  if (hasUtf16Bom(b)) return false;
  return b.subarray(0, 8000).includes(0);
}

function hasUtf16Bom(b: Buffer): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

/** Decode file bytes: UTF-8 (BOM stripped), UTF-16 with BOM, else UTF-8 with replacement characters. */
export function decodeText(b: Buffer): string {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.toString('utf8', 3);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.toString('utf16le', 2);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  // ASCII (most source files): the same string, copied without UTF-8 decoding (twice as fast).
  return isAscii(b) ? b.toString('latin1') : b.toString('utf8');
}
