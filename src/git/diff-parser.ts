/**
 * Incremental parser of `git diff -U0` / `git log -p -U0` output. Fed raw bytes as they stream in; emits one
 * FilePatch per file (or several parts for very large files, so a file is never held whole).
 * Pure: no processes, no fs.
 */
import type { Chunk, CommitInfo } from '../types.js';

export interface FilePatch {
  path: string;
  oldPath?: string;
  commit?: CommitInfo;
  /** Full blob id of the new version, when git printed one (`--full-index`). */
  blob?: string;
  /** Full blob id of the old version (absent for a new file). */
  oldBlob?: string;
  mode?: string;
  binary: boolean;
  deleted: boolean;
  submodule: boolean;
  symlink: boolean;
  chunks: Chunk[];
  changed: Array<[number, number]>;
  bytes: number;
  /** More parts of the same file follow / preceded this one (large additions are split). */
  part: number;
  /** Lines longer than the cap were cut (only lines that are not scanned are ever cut now). */
  truncatedLines: number;
}

/** Commit header lines are written by our --format as RS + fields separated by US. */
export const COMMIT_FORMAT = '--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s';

const ZERO_BLOB = /^0+$/;

/** Undo git's C-style quoting of a path ("a\tb", octal escapes for bytes). */
export function unquotePath(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"') || s.length < 2) return s;
  const body = s.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      continue;
    }
    const n = body[++i];
    if (n === undefined) break;
    if (/[0-7]/.test(n)) {
      const oct = body.slice(i, i + 3);
      bytes.push(parseInt(oct, 8));
      i += 2;
      continue;
    }
    const map: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
    bytes.push(map[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

function stripPrefix(p: string, prefix: string): string {
  const u = unquotePath(p);
  return u.startsWith(prefix) ? u.slice(prefix.length) : u;
}

/** `diff --git a/X b/Y`: exact when quoted, or when both names are equal (no rename); otherwise a best guess that
 * the `rename to` / `+++` lines correct. */
function pathsFromHeader(rest: string): { a: string; b: string } {
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*")\s+(.*)$/.exec(rest);
    if (m) return { a: stripPrefix(m[1]!, 'a/'), b: stripPrefix(m[2]!, 'b/') };
  }
  if (rest.endsWith('"')) {
    const idx = rest.lastIndexOf(' "');
    if (idx > 0) return { a: stripPrefix(rest.slice(0, idx), 'a/'), b: stripPrefix(rest.slice(idx + 1), 'b/') };
  }
  if ((rest.length - 1) % 2 === 0) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (a.startsWith('a/') && b.startsWith('b/') && a.slice(2) === b.slice(2)) return { a: a.slice(2), b: b.slice(2) };
  }
  const idx = rest.indexOf(' b/');
  return { a: stripPrefix(rest.slice(0, idx), 'a/'), b: stripPrefix(rest.slice(idx + 1), 'b/') };
}

export interface ParserOptions {
  /** Flush a file's collected lines as a part once they exceed this many bytes. */
  partBytes?: number;
  /** Added lines longer than this are scanned in overlapping pieces of this size; other lines are cut. */
  maxLineBytes?: number;
  onPatch: (p: FilePatch) => void;
  onCommit?: (c: CommitInfo) => void;
}

/** Between two added lines of a run: the line end (and the CR of a CRLF line) and the next line's '+'. */
const ADDED_SEP = /\r?\n\+/g;

/** Bytes shared by consecutive pieces of an over-long added line (longer than any secret a rule matches). */
const LONG_OVERLAP = 16 * 1024;

/** The largest offset ≤ i that starts a UTF-8 character (never splits a multi-byte sequence). */
function charStart(b: Buffer, i: number): number {
  let j = Math.min(i, b.length);
  while (j > 0 && j < b.length && (b[j]! & 0xc0) === 0x80) j--;
  return j;
}

export class DiffParser {
  private cur?: FilePatch;
  private commit?: CommitInfo;
  private inHunk = false;
  private nextLine = 0;
  private chunkLines: string[] = [];
  private chunkStart = 0;
  private chunkBytes = 0;
  private pending: Buffer[] = [];
  private pendingLen = 0;
  /** An added line longer than maxLine, being emitted in pieces. */
  private long?: { line: number; column: number };
  private readonly partBytes: number;
  private readonly maxLine: number;

  constructor(private readonly opts: ParserOptions) {
    this.partBytes = opts.partBytes ?? 4 * 1024 * 1024;
    this.maxLine = opts.maxLineBytes ?? 1024 * 1024;
  }

  /** Feed raw bytes. */
  write(buf: Buffer): void {
    let start = 0;
    for (;;) {
      // Fast paths for hunk lines held whole in this buffer: removed and context lines are skipped without being
      // cut out of the buffer, and a run of added lines is decoded in one go.
      if (this.inHunk && this.cur && !this.pendingLen && !this.long && start < buf.length) {
        const first = buf[start];
        if (first === 45 /* - */ || first === 32 /* ' ' */ || first === 92 /* \ */) {
          const nl = buf.indexOf(10, start);
          if (nl !== -1) {
            if (first === 32) this.nextLine++;
            start = nl + 1;
            continue;
          }
        } else if (first === 43 /* + */) {
          const next = this.addedRun(buf, start);
          if (next !== start) {
            start = next;
            continue;
          }
        }
      }
      const nl = buf.indexOf(10, start);
      if (nl === -1) {
        this.append(buf.subarray(start));
        return;
      }
      let lineBuf = buf.subarray(start, nl);
      if (this.pendingLen || this.long) {
        this.append(lineBuf);
        if (this.long) {
          this.endLong();
          start = nl + 1;
          continue;
        }
        lineBuf = Buffer.concat(this.pending);
        this.pending = [];
        this.pendingLen = 0;
      } else if (lineBuf.length > this.maxLine && this.splittable(lineBuf[0])) {
        this.append(lineBuf);
        this.endLong();
        start = nl + 1;
        continue;
      }
      this.line(lineBuf);
      start = nl + 1;
    }
  }

  end(): void {
    if (this.long) this.endLong();
    else if (this.pendingLen) {
      const b = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingLen = 0;
      this.line(b);
    }
    this.flushFile();
  }

  /** An added line can be scanned in pieces (other lines are only read for their first bytes). */
  private splittable(first: number | undefined): boolean {
    return first === 43 /* + */ && this.inHunk && this.cur !== undefined;
  }

  /** Collect part of an unfinished line. An over-long added line is scanned in overlapping pieces, never cut; any
   * other over-long line keeps only its first maxLine bytes. */
  private append(seg: Buffer): void {
    if (!seg.length) return;
    if (!this.long && this.pendingLen + seg.length > this.maxLine) {
      const first = this.pendingLen ? this.pending[0]![0] : seg[0];
      if (this.splittable(first)) {
        this.pending.push(Buffer.from(seg));
        this.pendingLen += seg.length;
        this.startLong();
        seg = Buffer.alloc(0);
      }
    }
    if (this.long) {
      if (seg.length) {
        this.pending.push(Buffer.from(seg));
        this.pendingLen += seg.length;
      }
      while (this.pendingLen > this.maxLine) this.longPiece(false);
      return;
    }
    if (this.pendingLen < this.maxLine + 1) {
      const take = seg.subarray(0, this.maxLine + 1 - this.pendingLen);
      this.pending.push(Buffer.from(take));
      this.pendingLen += take.length;
    }
  }

  private startLong(): void {
    this.flushChunk();
    const all = Buffer.concat(this.pending); // without its leading '+'
    this.pending = [all.subarray(1)];
    this.pendingLen = all.length - 1;
    this.long = { line: this.nextLine, column: 1 };
  }

  /** Emit the collected bytes of a long added line as a chunk that starts mid-line; keep an overlap (cut at a
   * character boundary) so a secret across the cut is still seen whole. */
  private longPiece(last: boolean): void {
    const long = this.long!;
    const cur = this.cur!;
    let data = Buffer.concat(this.pending);
    if (last && data.length && data[data.length - 1] === 13) data = data.subarray(0, -1);
    let end = last ? data.length : charStart(data, data.length - 1);
    if (end <= 0) end = data.length; // not UTF-8 at all: cut anywhere
    const overlap = Math.min(LONG_OVERLAP, this.maxLine >> 1);
    let keep = last ? end : charStart(data, Math.max(1, end - overlap));
    if (keep <= 0) keep = end;
    const text = data.toString('utf8', 0, end);
    cur.chunks.push({ startLine: long.line, startColumn: long.column, text });
    cur.bytes += keep;
    if (!last) {
      long.column += data.toString('utf8', 0, keep).length;
      this.pending = [Buffer.from(data.subarray(keep))];
      this.pendingLen = data.length - keep;
    }
    // Each piece goes on as its own part: a huge line is never held whole.
    this.opts.onPatch(cur);
    this.cur = { ...cur, chunks: [], changed: [], bytes: 0, part: cur.part + 1, truncatedLines: 0 };
  }

  private endLong(): void {
    this.longPiece(true);
    this.pending = [];
    this.pendingLen = 0;
    this.long = undefined;
    this.nextLine++;
  }

  private line(buf: Buffer): void {
    let cut = false;
    if (buf.length > this.maxLine) {
      buf = buf.subarray(0, this.maxLine);
      cut = true;
    }
    const first = buf[0];
    if (this.inHunk && this.cur) {
      if (first === 43 /* + */) {
        let text = buf.toString('utf8', 1);
        if (text.endsWith('\r')) text = text.slice(0, -1);
        if (cut) this.cur.truncatedLines++;
        this.added(text, buf.length);
        return;
      }
      if (first === 45 /* - */ || first === 32 /* ' ' */ || first === 92 /* \ */) {
        if (first === 32) this.nextLine++;
        return;
      }
      this.inHunk = false;
    }
    const s = buf.toString('utf8');
    if (first === 0x1e) {
      this.flushFile();
      const [sha = '', author, email, date, summary] = s.slice(1).split('\x1f');
      this.commit = {
        sha,
        ...(author ? { author } : {}),
        ...(email ? { email } : {}),
        ...(date ? { date } : {}),
        ...(summary ? { summary } : {}),
      };
      this.opts.onCommit?.(this.commit);
      return;
    }
    if (s.startsWith('diff --git ')) {
      this.flushFile();
      const { a, b } = pathsFromHeader(s.slice(11));
      this.cur = {
        path: b,
        ...(a !== b ? { oldPath: a } : {}),
        ...(this.commit ? { commit: this.commit } : {}),
        binary: false,
        deleted: false,
        submodule: false,
        symlink: false,
        chunks: [],
        changed: [],
        bytes: 0,
        part: 0,
        truncatedLines: 0,
      };
      return;
    }
    const cur = this.cur;
    if (!cur) return;
    if (s.startsWith('@@')) {
      const m = /^@@@* -[0-9,]+(?: -[0-9,]+)* \+(\d+)(?:,(\d+))? @@/.exec(s);
      if (m) {
        this.inHunk = true;
        const start = Number(m[1]);
        const count = m[2] === undefined ? 1 : Number(m[2]);
        if (this.chunkLines.length && start !== this.nextLine) this.flushChunk();
        this.nextLine = start;
        // A pure deletion (`+N,0`) touches the lines around it: removing a property changes its resource.
        const range: [number, number] = count > 0 ? [start, start + count - 1] : [Math.max(1, start), start + 1];
        const last = cur.changed[cur.changed.length - 1];
        if (last && last[1] + 1 >= range[0]) last[1] = Math.max(last[1], range[1]);
        else cur.changed.push(range);
      }
      return;
    }
    if (s.startsWith('+++ ')) {
      const p = s.slice(4);
      if (p === '/dev/null') cur.deleted = true;
      else cur.path = stripPrefix(p.replace(/\t$/, ''), 'b/');
      return;
    }
    if (s.startsWith('--- ')) return;
    if (s.startsWith('index ')) {
      const m = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d+))?/.exec(s);
      if (m) {
        if (!ZERO_BLOB.test(m[1]!)) cur.oldBlob = m[1]!;
        if (!ZERO_BLOB.test(m[2]!)) cur.blob = m[2]!;
        if (m[3]) this.setMode(m[3]);
      }
      return;
    }
    if (s.startsWith('new file mode ')) return this.setMode(s.slice(14));
    if (s.startsWith('new mode ')) return this.setMode(s.slice(9));
    if (s.startsWith('deleted file mode ')) {
      cur.deleted = true;
      return;
    }
    if (s.startsWith('rename to ') || s.startsWith('copy to ')) {
      cur.path = unquotePath(s.slice(s.indexOf(' to ') + 4));
      return;
    }
    if (s.startsWith('rename from ') || s.startsWith('copy from ')) {
      cur.oldPath = unquotePath(s.slice(s.indexOf(' from ') + 6));
      return;
    }
    if (s.startsWith('Binary files ') || s.startsWith('GIT binary patch')) {
      cur.binary = true;
      return;
    }
  }

  private setMode(mode: string): void {
    if (!this.cur) return;
    this.cur.mode = mode.trim();
    this.cur.submodule = this.cur.mode === '160000';
    this.cur.symlink = this.cur.mode === '120000';
  }

  /**
   * Consecutive added lines of `buf` from `start` (each whole, none over-long), decoded at once; stops after the line
   * that fills a part, as line by line would. Returns where it stopped (`start` when it took nothing).
   */
  private addedRun(buf: Buffer, start: number): number {
    let i = start;
    let count = 0;
    let bytes = 0;
    let end = start;
    while (i < buf.length && buf[i] === 43) {
      const nl = buf.indexOf(10, i);
      if (nl === -1 || nl - i > this.maxLine) break;
      count++;
      bytes += nl - i;
      end = nl;
      i = nl + 1;
      if (this.chunkBytes + bytes >= this.partBytes) break;
    }
    if (count === 0) return start;
    let text = buf.toString('utf8', start + 1, end);
    if (count > 1) text = text.replace(ADDED_SEP, '\n');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const cur = this.cur!;
    if (this.chunkLines.length === 0) this.chunkStart = this.nextLine;
    this.chunkLines.push(text);
    this.chunkBytes += bytes;
    cur.bytes += bytes;
    this.nextLine += count;
    if (this.chunkBytes >= this.partBytes) {
      this.flushChunk();
      this.emitPart();
    }
    return i;
  }

  private added(text: string, bytes: number): void {
    const cur = this.cur!;
    if (this.chunkLines.length === 0) this.chunkStart = this.nextLine;
    this.chunkLines.push(text);
    this.chunkBytes += bytes;
    cur.bytes += bytes;
    this.nextLine++;
    if (this.chunkBytes >= this.partBytes) {
      this.flushChunk();
      this.emitPart();
    }
  }

  private flushChunk(): void {
    if (!this.chunkLines.length || !this.cur) return;
    this.cur.chunks.push({ startLine: this.chunkStart, text: this.chunkLines.join('\n') });
    this.chunkLines = [];
    this.chunkBytes = 0;
  }

  /** Emit what has been collected of a large file, and continue the same file in a new part. */
  private emitPart(): void {
    const cur = this.cur!;
    this.opts.onPatch(cur);
    this.cur = { ...cur, chunks: [], changed: [], bytes: 0, part: cur.part + 1, truncatedLines: 0 };
  }

  private flushFile(): void {
    this.flushChunk();
    this.inHunk = false;
    if (this.cur) this.opts.onPatch(this.cur);
    this.cur = undefined;
  }
}
