/**
 * Files on disk: walk directories honouring .gitignore files (nested, via `ignore`) and config ignores, never
 * following symlinks, skipping non-regular files; read each file as text in bounded pieces.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, lstatSync, openSync, readFileSync, readSync, readdirSync, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Chunk } from '../types.js';
import { decodeText, isBinary } from '../git/blobs.js';

export interface WalkEntry {
  /** A Buffer when the name is not valid UTF-8 (so it can still be opened). */
  abs: string | Buffer;
  /** Path relative to the report root, with '/' separators. */
  rel: string;
  size: number;
}

export interface WalkSink {
  file(e: WalkEntry): Promise<void>;
  skip(kind: 'binary' | 'large' | 'other' | 'ignored', rel: string): void;
  error(rel: string, message: string): void;
}

interface Layer {
  base: string; // relative dir of the .gitignore, '' for root
  ig: Ignore;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

const GITIGNORE = Buffer.from('.gitignore');

function loadGitignore(absDir: string | Buffer, relDir: string): Layer | undefined {
  let text: string;
  try {
    text = readFileSync(childPath(absDir, GITIGNORE), 'utf8');
  } catch {
    return undefined;
  }
  return { base: relDir, ig: ignore().add(text) };
}

/** A child's path: a string while every name is valid UTF-8, a Buffer once one is not (fs accepts both). */
function childPath(dir: string | Buffer, name: Buffer): string | Buffer {
  if (typeof dir === 'string' && isUtf8(name)) return path.join(dir, name.toString('utf8'));
  return Buffer.concat([typeof dir === 'string' ? Buffer.from(dir) : dir, Buffer.from(path.sep), name]);
}

/** A name for reports: as is when valid UTF-8, else with its bytes above 0x7f written as \xNN. */
function displayName(name: Buffer): string {
  if (isUtf8(name)) return name.toString('utf8');
  return Array.from(name, (b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16)}`)).join('');
}

/**
 * git's answer for a path: the deepest .gitignore with a pattern that matches it decides, then the shallower ones,
 * then .git/info/exclude (layers are kept in that order reversed). So a `!keep.env` below re-includes what a
 * `*.env` above ignores, and an `ignored.js` below ignores what a `!ignored.js` above kept.
 */
function ignoredBy(layers: Layer[], rel: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i]!;
    const sub = l.base ? rel.slice(l.base.length + 1) : rel;
    if (!sub) continue;
    const r = l.ig.test(isDir ? sub + '/' : sub);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/**
 * Walk `targets` (files or directories). `root` is what reported paths are relative to. `extraIgnore` holds the
 * config's ignore patterns (gitignore syntax, relative to root).
 */
export async function walk(root: string, targets: string[], extraIgnore: Ignore, sink: WalkSink): Promise<void> {
  // Lowest precedence first: .git/info/exclude, the top .gitignore, then each folder's below (ignoredBy).
  const rootLayers: Layer[] = [];
  try {
    rootLayers.push({ base: '', ig: ignore().add(readFileSync(path.join(root, '.git', 'info', 'exclude'), 'utf8')) });
  } catch {
    /* no exclude file */
  }
  const top = loadGitignore(root, '');
  if (top) rootLayers.push(top);
  const seen = new Set<string>();

  const visit = async (abs: string | Buffer, rel: string, layers: Layer[], explicit: boolean): Promise<void> => {
    let st: Stats;
    try {
      st = lstatSync(abs);
    } catch (e) {
      sink.error(rel, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    if (st.isSymbolicLink()) {
      sink.skip('other', rel);
      return;
    }
    const inside = rel !== '.' && !rel.startsWith('../');
    if (st.isDirectory()) {
      const name = rel.split('/').pop() ?? '';
      if (name === '.git' || (name === 'node_modules' && !explicit)) {
        if (name === 'node_modules') sink.skip('ignored', rel);
        return;
      }
      if (inside && !explicit && (ignoredBy(layers, rel, true) || extraIgnore.ignores(rel + '/'))) {
        sink.skip('ignored', rel);
        return;
      }
      const key = `${st.dev}:${st.ino}`;
      if (seen.has(key)) return;
      seen.add(key);
      let names: Buffer[];
      try {
        names = readdirSync(abs, { encoding: 'buffer' }).sort((a, b) => Buffer.compare(a, b));
      } catch (e) {
        sink.error(rel, `cannot list directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        return;
      }
      let next = layers;
      // Only a directory that lists a .gitignore is asked for one (a failed read per directory cost more). Any case:
      // on a case-insensitive file system `.GitIgnore` opens as `.gitignore`.
      if (
        inside &&
        names.some((n) => n.length === GITIGNORE.length && n.toString('latin1').toLowerCase() === '.gitignore')
      ) {
        const l = loadGitignore(abs, rel);
        if (l) next = [...layers, l];
      }
      const prefix = rel === '.' ? '' : `${rel}/`;
      for (const n of names) await visit(childPath(abs, n), prefix + displayName(n), next, false);
      return;
    }
    if (!st.isFile()) {
      sink.skip('other', rel);
      return;
    }
    if (inside && !explicit && (ignoredBy(layers, rel, false) || extraIgnore.ignores(rel))) {
      sink.skip('ignored', rel);
      return;
    }
    await sink.file({ abs, rel, size: st.size });
  };

  // A directory named on the command line is scanned even when an outer .gitignore excludes it (the user asked for
  // it: `hookguard scan vendor/`); .gitignore files inside it still apply, and so do config ignores.
  for (const t of targets) {
    const abs = path.resolve(t);
    const rel = toPosix(path.relative(root, abs)) || '.';
    await visit(abs, rel, rel === '.' ? rootLayers : [], true);
  }
}

export type ReadResult =
  { kind: 'text'; chunks: Chunk[]; content?: string } | { kind: 'binary' } | { kind: 'error'; message: string };

/**
 * Read a file as text. Files up to `wholeBytes` are read at once (and their content kept for IaC rules up to
 * `contentBytes`); larger ones are read in pieces of `pieceBytes`, cut at line ends, so memory stays bounded.
 */
export async function readTextFile(
  abs: string | Buffer,
  size: number,
  opts: { wholeBytes: number; contentBytes: number; pieceBytes: number; maxBytes: number },
  /** Called for each piece of a large file, awaited before the next is read; return false to stop reading. */
  onPiece?: (c: Chunk) => Promise<boolean>,
): Promise<ReadResult & { pieces?: number; stopped?: boolean }> {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch (e) {
    return { kind: 'error', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  try {
    if (size <= opts.wholeBytes) {
      const buf = readFileSync(fd);
      if (isBinary(buf)) return { kind: 'binary' };
      const decoded = decodeText(buf);
      const text = decoded.includes('\r') ? decoded.replace(/\r\n?/g, '\n') : decoded;
      return {
        kind: 'text',
        chunks: [{ startLine: 1, text }],
        ...(buf.length <= opts.contentBytes ? { content: text } : {}),
      };
    }
    // Large: bounded pieces.
    const head = Buffer.alloc(Math.min(8000, size));
    readSync(fd, head, 0, head.length, 0);
    if (isBinary(head)) return { kind: 'binary' };
    let pos = 0;
    let line = 1;
    let pieces = 0;
    let carry = Buffer.alloc(0);
    const piece = Buffer.alloc(opts.pieceBytes);
    while (pos < Math.min(size, opts.maxBytes)) {
      const n = readSync(fd, piece, 0, piece.length, pos);
      if (n <= 0) break;
      pos += n;
      let data = carry.length ? Buffer.concat([carry, piece.subarray(0, n)]) : Buffer.from(piece.subarray(0, n));
      let cut = data.lastIndexOf(10);
      if (cut === -1 && data.length < opts.pieceBytes * 2) {
        carry = data;
        continue;
      }
      if (cut === -1) cut = data.length - 1; // an enormous line: scan it in pieces
      const text = data
        .subarray(0, cut + 1)
        .toString('utf8')
        .replace(/\r\n?/g, '\n');
      carry = Buffer.from(data.subarray(cut + 1));
      data = Buffer.alloc(0);
      pieces++;
      if (onPiece && !(await onPiece({ startLine: line, text })))
        return { kind: 'text', chunks: [], pieces, stopped: true };
      line += (text.match(/\n/g) ?? []).length;
    }
    if (carry.length) {
      pieces++;
      await onPiece?.({ startLine: line, text: carry.toString('utf8').replace(/\r\n?/g, '\n') });
    }
    return { kind: 'text', chunks: [], pieces };
  } catch (e) {
    return { kind: 'error', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}
