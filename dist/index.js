import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/types.ts
function isSeverity(v) {
  return typeof v === "string" && SEVERITIES.includes(v);
}
function atLeast(sev, threshold) {
  if (threshold === "none") return false;
  return SEVERITY_RANK[sev] >= SEVERITY_RANK[threshold];
}
var SEVERITIES, SEVERITY_RANK, UsageError;
var init_types = __esm({
  "src/types.ts"() {
    "use strict";
    SEVERITIES = ["critical", "high", "medium", "low", "info"];
    SEVERITY_RANK = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };
    UsageError = class extends Error {
      exitCode = 2;
      constructor(message) {
        super(message);
        this.name = "UsageError";
      }
    };
  }
});

// src/git/prestart.ts
var GIT_BASE_ARGS, DIFF_ARGS, STAGED_ARGS;
var init_prestart = __esm({
  "src/git/prestart.ts"() {
    "use strict";
    GIT_BASE_ARGS = ["-c", "core.quotePath=false", "-c", "color.ui=false"];
    DIFF_ARGS = [
      "-U0",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--no-relative",
      "--full-index",
      "-M",
      "--src-prefix=a/",
      "--dst-prefix=b/"
    ];
    STAGED_ARGS = ["diff", "--cached", ...DIFF_ARGS, "--diff-filter=ACMRT"];
  }
});

// src/git/run.ts
import { spawn } from "node:child_process";
function git(cwd, args, input) {
  return new Promise((resolve, reject2) => {
    const child = spawn("git", [...GIT_BASE_ARGS, ...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on(
      "error",
      (e) => reject2(e.code === "ENOENT" ? new UsageError("git is not installed or not on PATH") : e)
    );
    child.on(
      "close",
      (code2) => resolve({ code: code2 ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") })
    );
    child.stdin.on("error", () => {
    });
    child.stdin.end(input ?? "");
  });
}
async function gitOk(cwd, args, what, input) {
  const r = await git(cwd, args, input);
  if (r.code !== 0) throw new UsageError(`${what}: ${firstLine(r.stderr) || `git ${args[0]} failed`}`);
  return r.stdout.toString("utf8");
}
function firstLine(s) {
  return s.trim().split("\n")[0]?.replace(/^(fatal|error): /, "") ?? "";
}
async function gitStream(cwd, args, onData, input, pre) {
  const reuse = pre && !pre.used && pre.args.join("\0") === args.join("\0") ? pre : void 0;
  if (reuse) reuse.used = true;
  const child = reuse?.child ?? spawn("git", [...GIT_BASE_ARGS, ...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  const err = reuse?.stderr ?? [];
  let errLen = 0;
  if (!reuse)
    child.stderr.on("data", (b) => {
      if (errLen < 65536) {
        err.push(b);
        errLen += b.length;
      }
    });
  const gitError = (e) => e.code === "ENOENT" ? new UsageError("git is not installed or not on PATH") : e;
  const closed = new Promise((resolve, reject2) => {
    if (reuse?.error) return reject2(gitError(reuse.error));
    if (reuse?.exit !== void 0) return resolve(reuse.exit);
    child.on("error", (e) => reject2(gitError(e)));
    child.on("close", (code3) => resolve(code3 ?? 1));
  });
  if (!reuse) {
    child.stdin.on("error", () => {
    });
    child.stdin.end(input ?? "");
  }
  for await (const chunk of child.stdout) await onData(chunk);
  const code2 = await closed;
  return { code: code2, stderr: Buffer.concat(err).toString("utf8") };
}
var init_run = __esm({
  "src/git/run.ts"() {
    "use strict";
    init_types();
    init_prestart();
  }
});

// src/git/blobs.ts
import { spawn as spawn2 } from "node:child_process";
function isBinary(b) {
  if (hasUtf16Bom(b)) return false;
  return b.subarray(0, 8e3).includes(0);
}
function hasUtf16Bom(b) {
  return b.length >= 2 && (b[0] === 255 && b[1] === 254 || b[0] === 254 && b[1] === 255);
}
function decodeText(b) {
  if (b.length >= 3 && b[0] === 239 && b[1] === 187 && b[2] === 191) return b.toString("utf8", 3);
  if (b.length >= 2 && b[0] === 255 && b[1] === 254) return b.toString("utf16le", 2);
  if (b.length >= 2 && b[0] === 254 && b[1] === 255) {
    const swapped = Buffer.from(b.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  return b.toString("utf8");
}
var BlobReader;
var init_blobs = __esm({
  "src/git/blobs.ts"() {
    "use strict";
    BlobReader = class {
      constructor(cwd, maxBytes) {
        this.cwd = cwd;
        this.maxBytes = maxBytes;
      }
      cwd;
      maxBytes;
      child;
      queue = [];
      buf = Buffer.alloc(0);
      need;
      read(sha2, max) {
        if (!/^[0-9a-f]{7,64}$/.test(sha2)) return Promise.resolve({ kind: "missing" });
        return this.readSpec(sha2, max);
      }
      /** A blob named `REV:PATH` (a file as it is in a commit). */
      readAt(rev, path7) {
        if (!/^[0-9a-f]{7,64}$/.test(rev) || /[\n\r]/.test(path7)) return Promise.resolve({ kind: "missing" });
        return this.readSpec(`${rev}:${path7}`);
      }
      readSpec(spec, max) {
        const child = this.start();
        return new Promise((resolve) => {
          this.queue.push({ sha: spec, resolve, ...max !== void 0 ? { max } : {} });
          child.stdin.write(spec + "\n");
        });
      }
      close() {
        this.child?.stdin.end();
        this.child = void 0;
      }
      start() {
        if (this.child) return this.child;
        const child = spawn2("git", ["cat-file", "--batch"], { cwd: this.cwd, stdio: ["pipe", "pipe", "pipe"] });
        child.stdout.on("data", (b) => this.onData(b));
        child.stdin.on("error", () => {
        });
        child.on("close", () => {
          for (const p of this.queue.splice(0)) p.resolve({ kind: "missing" });
        });
        child.stderr.resume();
        this.child = child;
        return child;
      }
      onData(b) {
        this.buf = this.buf.length ? Buffer.concat([this.buf, b]) : b;
        for (; ; ) {
          if (!this.need) {
            const nl = this.buf.indexOf(10);
            if (nl === -1) return;
            const header = this.buf.toString("utf8", 0, nl);
            this.buf = this.buf.subarray(nl + 1);
            const m = /^\S+ (\S+) (\d+)$/.exec(header);
            if (!m) {
              this.queue.shift()?.resolve({ kind: "missing" });
              continue;
            }
            this.need = { size: Number(m[2]), kind: m[1] === "blob" ? "blob" : "other" };
          }
          if (this.need.size > (this.queue[0]?.max ?? this.maxBytes)) {
            if (this.need.discarded === void 0) {
              if (this.buf.length < 2) return;
              this.need.utf16 = hasUtf16Bom(this.buf);
            }
            const drop = Math.min(
              this.buf.length,
              this.need.discarded === void 0 ? this.need.size + 1 : this.need.discarded
            );
            const left = (this.need.discarded ?? this.need.size + 1) - drop;
            this.buf = this.buf.subarray(drop);
            if (left > 0) {
              this.need.discarded = left;
              return;
            }
            const { size, utf16 } = this.need;
            this.need = void 0;
            this.queue.shift()?.resolve({ kind: "large", size, ...utf16 ? { utf16 } : {} });
            continue;
          }
          if (this.buf.length < this.need.size + 1) return;
          const body = this.buf.subarray(0, this.need.size);
          this.buf = this.buf.subarray(this.need.size + 1);
          const { kind } = this.need;
          this.need = void 0;
          const p = this.queue.shift();
          if (!p) continue;
          if (kind !== "blob") p.resolve({ kind: "missing" });
          else if (isBinary(body)) p.resolve({ kind: "binary" });
          else p.resolve({ kind: "text", text: decodeText(body) });
        }
      }
    };
  }
});

// src/git/diff-parser.ts
function unquotePath(s) {
  if (!s.startsWith('"') || !s.endsWith('"') || s.length < 2) return s;
  const body = s.slice(1, -1);
  const bytes = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      for (const b of Buffer.from(c, "utf8")) bytes.push(b);
      continue;
    }
    const n = body[++i];
    if (n === void 0) break;
    if (/[0-7]/.test(n)) {
      const oct = body.slice(i, i + 3);
      bytes.push(parseInt(oct, 8));
      i += 2;
      continue;
    }
    const map = { n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 };
    bytes.push(map[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}
function stripPrefix(p, prefix) {
  const u = unquotePath(p);
  return u.startsWith(prefix) ? u.slice(prefix.length) : u;
}
function pathsFromHeader(rest) {
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*")\s+(.*)$/.exec(rest);
    if (m) return { a: stripPrefix(m[1], "a/"), b: stripPrefix(m[2], "b/") };
  }
  if (rest.endsWith('"')) {
    const idx2 = rest.lastIndexOf(' "');
    if (idx2 > 0) return { a: stripPrefix(rest.slice(0, idx2), "a/"), b: stripPrefix(rest.slice(idx2 + 1), "b/") };
  }
  if ((rest.length - 1) % 2 === 0) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (a.startsWith("a/") && b.startsWith("b/") && a.slice(2) === b.slice(2)) return { a: a.slice(2), b: b.slice(2) };
  }
  const idx = rest.indexOf(" b/");
  return { a: stripPrefix(rest.slice(0, idx), "a/"), b: stripPrefix(rest.slice(idx + 1), "b/") };
}
function charStart(b, i) {
  let j = Math.min(i, b.length);
  while (j > 0 && j < b.length && (b[j] & 192) === 128) j--;
  return j;
}
var COMMIT_FORMAT, ZERO_BLOB, LONG_OVERLAP, DiffParser;
var init_diff_parser = __esm({
  "src/git/diff-parser.ts"() {
    "use strict";
    COMMIT_FORMAT = "--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s";
    ZERO_BLOB = /^0+$/;
    LONG_OVERLAP = 16 * 1024;
    DiffParser = class {
      constructor(opts) {
        this.opts = opts;
        this.partBytes = opts.partBytes ?? 4 * 1024 * 1024;
        this.maxLine = opts.maxLineBytes ?? 1024 * 1024;
      }
      opts;
      cur;
      commit;
      inHunk = false;
      nextLine = 0;
      chunkLines = [];
      chunkStart = 0;
      chunkBytes = 0;
      pending = [];
      pendingLen = 0;
      /** An added line longer than maxLine, being emitted in pieces. */
      long;
      partBytes;
      maxLine;
      /** Feed raw bytes. */
      write(buf) {
        let start = 0;
        for (; ; ) {
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
      end() {
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
      splittable(first) {
        return first === 43 && this.inHunk && this.cur !== void 0;
      }
      /** Collect part of an unfinished line. An over-long added line is scanned in overlapping pieces, never cut; any
       * other over-long line keeps only its first maxLine bytes. */
      append(seg) {
        if (!seg.length) return;
        if (!this.long && this.pendingLen + seg.length > this.maxLine) {
          const first = this.pendingLen ? this.pending[0][0] : seg[0];
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
      startLong() {
        this.flushChunk();
        const all = Buffer.concat(this.pending);
        this.pending = [all.subarray(1)];
        this.pendingLen = all.length - 1;
        this.long = { line: this.nextLine, column: 1 };
      }
      /** Emit the collected bytes of a long added line as a chunk that starts mid-line; keep an overlap (cut at a
       * character boundary) so a secret across the cut is still seen whole. */
      longPiece(last) {
        const long = this.long;
        const cur = this.cur;
        let data = Buffer.concat(this.pending);
        if (last && data.length && data[data.length - 1] === 13) data = data.subarray(0, -1);
        let end = last ? data.length : charStart(data, data.length - 1);
        if (end <= 0) end = data.length;
        const overlap = Math.min(LONG_OVERLAP, this.maxLine >> 1);
        let keep = last ? end : charStart(data, Math.max(1, end - overlap));
        if (keep <= 0) keep = end;
        const text = data.toString("utf8", 0, end);
        cur.chunks.push({ startLine: long.line, startColumn: long.column, text });
        cur.bytes += keep;
        if (!last) {
          long.column += data.toString("utf8", 0, keep).length;
          this.pending = [Buffer.from(data.subarray(keep))];
          this.pendingLen = data.length - keep;
        }
        this.opts.onPatch(cur);
        this.cur = { ...cur, chunks: [], changed: [], bytes: 0, part: cur.part + 1, truncatedLines: 0 };
      }
      endLong() {
        this.longPiece(true);
        this.pending = [];
        this.pendingLen = 0;
        this.long = void 0;
        this.nextLine++;
      }
      line(buf) {
        let cut = false;
        if (buf.length > this.maxLine) {
          buf = buf.subarray(0, this.maxLine);
          cut = true;
        }
        const first = buf[0];
        if (this.inHunk && this.cur) {
          if (first === 43) {
            let text = buf.toString("utf8", 1);
            if (text.endsWith("\r")) text = text.slice(0, -1);
            if (cut) this.cur.truncatedLines++;
            this.added(text, buf.length);
            return;
          }
          if (first === 45 || first === 32 || first === 92) {
            if (first === 32) this.nextLine++;
            return;
          }
          this.inHunk = false;
        }
        const s = buf.toString("utf8");
        if (first === 30) {
          this.flushFile();
          const [sha2 = "", author, email, date, summary] = s.slice(1).split("");
          this.commit = {
            sha: sha2,
            ...author ? { author } : {},
            ...email ? { email } : {},
            ...date ? { date } : {},
            ...summary ? { summary } : {}
          };
          this.opts.onCommit?.(this.commit);
          return;
        }
        if (s.startsWith("diff --git ")) {
          this.flushFile();
          const { a, b } = pathsFromHeader(s.slice(11));
          this.cur = {
            path: b,
            ...a !== b ? { oldPath: a } : {},
            ...this.commit ? { commit: this.commit } : {},
            binary: false,
            deleted: false,
            submodule: false,
            symlink: false,
            chunks: [],
            changed: [],
            bytes: 0,
            part: 0,
            truncatedLines: 0
          };
          return;
        }
        const cur = this.cur;
        if (!cur) return;
        if (s.startsWith("@@")) {
          const m = /^@@@* -[0-9,]+(?: -[0-9,]+)* \+(\d+)(?:,(\d+))? @@/.exec(s);
          if (m) {
            this.inHunk = true;
            const start = Number(m[1]);
            const count = m[2] === void 0 ? 1 : Number(m[2]);
            if (this.chunkLines.length && start !== this.nextLine) this.flushChunk();
            this.nextLine = start;
            const range = count > 0 ? [start, start + count - 1] : [Math.max(1, start), start + 1];
            const last = cur.changed[cur.changed.length - 1];
            if (last && last[1] + 1 >= range[0]) last[1] = Math.max(last[1], range[1]);
            else cur.changed.push(range);
          }
          return;
        }
        if (s.startsWith("+++ ")) {
          const p = s.slice(4);
          if (p === "/dev/null") cur.deleted = true;
          else cur.path = stripPrefix(p.replace(/\t$/, ""), "b/");
          return;
        }
        if (s.startsWith("--- ")) return;
        if (s.startsWith("index ")) {
          const m = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d+))?/.exec(s);
          if (m) {
            if (!ZERO_BLOB.test(m[1])) cur.oldBlob = m[1];
            if (!ZERO_BLOB.test(m[2])) cur.blob = m[2];
            if (m[3]) this.setMode(m[3]);
          }
          return;
        }
        if (s.startsWith("new file mode ")) return this.setMode(s.slice(14));
        if (s.startsWith("new mode ")) return this.setMode(s.slice(9));
        if (s.startsWith("deleted file mode ")) {
          cur.deleted = true;
          return;
        }
        if (s.startsWith("rename to ") || s.startsWith("copy to ")) {
          cur.path = unquotePath(s.slice(s.indexOf(" to ") + 4));
          return;
        }
        if (s.startsWith("rename from ") || s.startsWith("copy from ")) {
          cur.oldPath = unquotePath(s.slice(s.indexOf(" from ") + 6));
          return;
        }
        if (s.startsWith("Binary files ") || s.startsWith("GIT binary patch")) {
          cur.binary = true;
          return;
        }
      }
      setMode(mode) {
        if (!this.cur) return;
        this.cur.mode = mode.trim();
        this.cur.submodule = this.cur.mode === "160000";
        this.cur.symlink = this.cur.mode === "120000";
      }
      added(text, bytes) {
        const cur = this.cur;
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
      flushChunk() {
        if (!this.chunkLines.length || !this.cur) return;
        this.cur.chunks.push({ startLine: this.chunkStart, text: this.chunkLines.join("\n") });
        this.chunkLines = [];
        this.chunkBytes = 0;
      }
      /** Emit what has been collected of a large file, and continue the same file in a new part. */
      emitPart() {
        const cur = this.cur;
        this.opts.onPatch(cur);
        this.cur = { ...cur, chunks: [], changed: [], bytes: 0, part: cur.part + 1, truncatedLines: 0 };
      }
      flushFile() {
        this.flushChunk();
        this.inHunk = false;
        if (this.cur) this.opts.onPatch(this.cur);
        this.cur = void 0;
      }
    };
  }
});

// src/git/sources.ts
async function utf16Target(p, reader, sink, opts) {
  const max = opts.maxDecodeBytes ?? 8 * 1024 * 1024;
  const blob = await reader.read(p.blob, max);
  if (blob.kind === "large" && blob.utf16) {
    sink.error({
      file: p.path,
      ...p.commit ? { commit: p.commit.sha } : {},
      message: `UTF-16 text of ${(blob.size / 1048576).toFixed(1)} MiB is over the ${max >> 20} MiB bound for decoding and was not scanned`,
      incomplete: true
    });
    return true;
  }
  if (blob.kind !== "text") return false;
  const lines = blob.text.replace(/\r\n?/g, "\n").split("\n");
  const old = /* @__PURE__ */ new Map();
  if (p.oldBlob) {
    const o = await reader.read(p.oldBlob, max);
    if (o.kind === "text")
      for (const l of o.text.replace(/\r\n?/g, "\n").split("\n")) old.set(l, (old.get(l) ?? 0) + 1);
  }
  const chunks = [];
  const changed = [];
  let run2 = [];
  let runStart = 0;
  const flush = () => {
    if (!run2.length) return;
    chunks.push({ startLine: runStart, text: run2.join("\n") });
    changed.push([runStart, runStart + run2.length - 1]);
    run2 = [];
  };
  lines.forEach((l, i) => {
    const n = old.get(l) ?? 0;
    if (n > 0) {
      old.set(l, n - 1);
      flush();
      return;
    }
    if (!run2.length) runStart = i + 1;
    run2.push(l);
  });
  flush();
  if (!chunks.length) return true;
  const text = blob.text.replace(/\r\n?/g, "\n");
  await sink.target({
    path: p.path,
    chunks,
    changed,
    bytes: Buffer.byteLength(text),
    ...opts.wantsContent(p.path) && text.length <= opts.maxContentBytes ? { content: text } : {},
    ...p.commit ? { commit: p.commit } : {}
  });
  return true;
}
async function runDiff(root, args, sink, opts, input, pre) {
  const reader = new BlobReader(root, opts.maxContentBytes);
  const queue = [];
  const parser = new DiffParser({
    onPatch: (p) => queue.push(p),
    onCommit: (c) => sink.commit?.(c)
  });
  const drain = async () => {
    while (queue.length) await toTarget(queue.shift(), reader, sink, opts);
  };
  try {
    const { code: code2, stderr } = await gitStream(
      root,
      args,
      async (b) => {
        parser.write(b);
        await drain();
      },
      input,
      pre
    );
    parser.end();
    await drain();
    if (code2 !== 0) throw new UsageError(`git ${args[0]} failed: ${firstLine(stderr)}`);
    return code2;
  } finally {
    reader.close();
  }
}
async function toTarget(p, reader, sink, opts) {
  if (p.deleted) return;
  if (p.submodule || p.symlink) {
    if (p.part === 0) sink.skip("other", p.path);
    return;
  }
  if (p.binary) {
    if (p.part === 0 && p.blob && !BINARY_NAME.test(p.path) && await utf16Target(p, reader, sink, opts)) return;
    sink.skip("binary", p.path);
    return;
  }
  if (p.chunks.length === 0 && p.changed.length === 0) return;
  const t = {
    path: p.path,
    chunks: p.chunks,
    changed: p.changed,
    bytes: p.bytes,
    ...p.commit ? { commit: p.commit } : {}
  };
  if (p.truncatedLines)
    sink.error({
      file: p.path,
      ...p.commit ? { commit: p.commit.sha } : {},
      message: `${p.truncatedLines} over-long line(s) scanned only in part`
    });
  if (p.part === 0 && p.blob && opts.wantsContent(p.path)) {
    const blob = await reader.read(p.blob);
    if (blob.kind === "text") t.content = blob.text;
    else if (blob.kind === "binary") {
      sink.skip("binary", p.path);
      return;
    } else if (blob.kind === "large") sink.skip("large", p.path);
  }
  await sink.target(t);
}
async function stagedSource(root, sink, opts, pre) {
  await runDiff(root, STAGED_ARGS, sink, opts, void 0, pre);
}
async function commitsSource(root, shas, sink, opts) {
  if (!shas.length) return;
  await runDiff(root, [...LOG_ARGS, "--no-walk=unsorted", "--stdin"], sink, opts, shas.join("\n") + "\n");
}
async function logSource(root, revs, sink, opts) {
  await runDiff(root, [...LOG_ARGS, ...revs, "--"], sink, opts);
}
async function countCommits(root, revs) {
  const r = await git(root, ["rev-list", "--count", ...revs, "--"]);
  return r.code === 0 ? Number(r.stdout.toString().trim()) || 0 : 0;
}
async function commitExists(root, rev) {
  const r = await git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  return r.code === 0;
}
async function hasCommits(root) {
  const r = await git(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (r.code === 0) return true;
  const refs = await git(root, ["for-each-ref", "--count=1", "--format=%(refname)"]);
  return refs.stdout.toString().trim() !== "";
}
async function prePushCommits(root, stdin, remote) {
  const remotes = (await gitOk(root, ["remote"], "listing remotes")).split("\n").filter(Boolean);
  const knownRemote = remote && remotes.includes(remote) ? remote : void 0;
  const all = /* @__PURE__ */ new Set();
  const ordered = [];
  const tips = [];
  for (const raw of stdin.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split(/\s+/);
    if (parts.length < 4 || !/^[0-9a-f]{40,64}$/.test(parts[1]) || !/^[0-9a-f]{40,64}$/.test(parts[3]))
      throw new UsageError(
        `pre-push: unexpected input line "${line.slice(0, 200)}" (expected "<local ref> <local sha> <remote ref> <remote sha>")`
      );
    const local = parts[1];
    const remoteSha = parts[3];
    if (ZERO_SHA.test(local)) continue;
    if (!tips.includes(local)) tips.push(local);
    let revs;
    if (!ZERO_SHA.test(remoteSha) && await commitExists(root, remoteSha)) revs = [`${remoteSha}..${local}`];
    else revs = [local, "--not", knownRemote ? `--remotes=${knownRemote}` : "--remotes"];
    const out = await gitOk(
      root,
      ["rev-list", "--reverse", ...revs, "--"],
      `pre-push: listing commits for ${parts[0]}`
    );
    for (const sha2 of out.split("\n")) {
      if (sha2 && !all.has(sha2)) {
        all.add(sha2);
        ordered.push(sha2);
      }
    }
  }
  return { shas: ordered, tips };
}
async function readAtRevs(root, wanted, maxBytes) {
  const reader = new BlobReader(root, maxBytes);
  try {
    return await Promise.all(
      wanted.map(async (w) => {
        const b = await reader.readAt(w.rev, w.path);
        return b.kind === "text" ? { ...w, text: b.text } : w;
      })
    );
  } finally {
    reader.close();
  }
}
var BINARY_NAME, ZERO_SHA, LOG_ARGS;
var init_sources = __esm({
  "src/git/sources.ts"() {
    "use strict";
    init_types();
    init_blobs();
    init_diff_parser();
    init_run();
    init_prestart();
    BINARY_NAME = /\.(?:png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|o|a|woff2?|ttf|otf|eot|mp[34]|mov|avi|wasm|pyc)$/i;
    ZERO_SHA = /^0+$/;
    LOG_ARGS = ["log", "-p", ...DIFF_ARGS, COMMIT_FORMAT, "--diff-filter=ACMRT"];
  }
});

// src/rules/secrets/entropy.ts
function shannonEntropy(s) {
  if (s.length === 0) return 0;
  const counts2 = /* @__PURE__ */ new Map();
  for (const ch of s) counts2.set(ch, (counts2.get(ch) ?? 0) + 1);
  let h = 0;
  const n = s.length;
  for (const c of counts2.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}
var init_entropy = __esm({
  "src/rules/secrets/entropy.ts"() {
    "use strict";
  }
});

// src/rules/secrets/validators.ts
function placeholderTier(value) {
  const v = value.trim().replace(/^["'`]|["'`]$/g, "");
  if (v.length === 0) return { tier: "mask", why: "empty value" };
  const ref = referenceKind(v);
  if (ref) return { tier: "reference", why: ref };
  if (/^(.)\1{3,}$/.test(v)) return { tier: "mask", why: "a run of one character" };
  if (/^[x*•.#-]{4,}$/i.test(v) || /x{5,}|\*{4,}|\.{3}|…/i.test(v))
    return { tier: "mask", why: "masked or elided value" };
  if (/^<[^>]*>?$|^\[\[|^__[A-Z0-9_]+__$|^@[A-Za-z_]+@$/.test(v)) return { tier: "mask", why: "template placeholder" };
  if (EMPTY_WORDS.test(v)) return { tier: "mask", why: 'a word meaning "no value"' };
  if (/\byour[\s_-]|\bunique phrase\b|\bgoes here\b|\bhere$/i.test(v))
    return { tier: "mask", why: "instructions, not a value" };
  if (/(?:your[-_]?(?:api[-_]?)?(?:token|key|secret|password|pass)|insert[-_]?(?:your|key|token)|replace[-_]?(?:me|with))/i.test(
    v
  ))
    return { tier: "mask", why: "instructions, not a value" };
  if (v.length >= 8 && new Set(v.replace(/[^A-Za-z0-9]/g, "")).size <= 2)
    return { tier: "mask", why: "at most two distinct characters" };
  if (PLAUSIBLE_PLACEHOLDERS.test(v)) return { tier: "plausible", why: "placeholder-like value" };
  if (/(?:example|placeholder|changeme|change[_-]me|dummy|redacted)/i.test(v))
    return { tier: "plausible", why: "placeholder-like value" };
  if (/abcdefghij|0123456789abcdef|1234567890|123456789|qwertyuiop/i.test(v))
    return { tier: "plausible", why: "hand-written fake (a keyboard or alphabet run)" };
  return void 0;
}
function referenceKind(v) {
  if (/^\$\{|^\$\(|^\{\{|\{\{.*\}\}|^%\(|^%\{|^#\{|^\$\[|\$\{\{/.test(v)) return "reference (template or variable)";
  if (/^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_]+%$|^\$env:/i.test(v)) return "reference (environment variable)";
  if (/\$\{|\$\([^)]*\)|\$[A-Z_][A-Z0-9_]{2,}\b/.test(v)) return "reference (interpolated variable)";
  if (/^\$ANSIBLE_VAULT|^!vault|^ENC\[|^vault:v\d+:|^AQICA[A-Za-z0-9+/]{20}/.test(v)) return "encrypted value";
  if (/process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|ENV\[|ENV\.fetch|env\(|Environment\.|secrets\.|vault\(|lookup\(|\bvar\.|\blocal\.|\bdata\.|!Ref|!Sub|!GetAtt|!ImportValue|Fn::|fn::secret|resolve:|\{\{\s*\.Values/i.test(
    v
  ))
    return "reference (environment, vault or template lookup)";
  if (/^(?:arn:aws[\w-]*:|@Microsoft\.KeyVault\(|keyvault:|akv:\/\/|vault:|secretsmanager:|ssm:|sm:\/\/|op:\/\/|gcp-secret:|gsm:|doppler:|bws:|azurekeyvault:|secret:\/\/|kms:|sops:)/i.test(
    v
  ) || /^projects\/[^/]+\/secrets\/|\.vault\.azure\.net\/secrets\//i.test(v))
    return "reference (ARN or secret-store path)";
  return void 0;
}
function isPlaceholder(value) {
  return placeholderTier(value) !== void 0;
}
function keyOf(match, secret) {
  const at = match.lastIndexOf(secret);
  const head = at > 0 ? match.slice(0, at) : match;
  return head.replace(/[\s"'`:=>,<]+$/, "").replace(/^[^A-Za-z0-9_.-]+/, "").toLowerCase();
}
function looksLikeWords(v) {
  const t = v.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  if (!/^[A-Za-z]+$/.test(t)) return false;
  const words = t.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? [];
  if (words.length === 0 || words.length > 6) return false;
  return words.every((w) => w.length >= 2) && t.length / words.length >= 3.5;
}
function looksLikeIdentifier(v) {
  if (looksLikeWords(v)) return true;
  if (/^[A-Za-z_$][\w$]*</.test(v)) return true;
  if (/^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+$/.test(v) && !/\d{3}/.test(v)) return true;
  if (/^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(v)) return true;
  if (/^[a-z]+(?:[_.-][a-z]+)+$/.test(v)) return true;
  if (/^[A-Z]+(?:_[A-Z0-9]+)+$/.test(v)) return true;
  if (/^[a-z][a-z0-9]*(?:[_.-][a-z0-9]{1,12}){2,}$/.test(v) && (v.match(/[a-z]{3,}/g) ?? []).length >= 2) return true;
  return false;
}
function dictionaryLike(v) {
  const t = v.replace(/[0-9!?.#*$@]{1,4}$/, "").replace(/0/g, "o").replace(/[1!|]/g, "i").replace(/3/g, "e").replace(/[4@]/g, "a").replace(/[5$]/g, "s").replace(/7/g, "t");
  return t.length >= 4 && (/^[a-z]+$/.test(t) || /^(?:[A-Z][a-z]+)+$/.test(t) || /^[A-Z][a-z]+$/.test(t));
}
function weakOrStrong(secret, pwKey) {
  const e = shannonEntropy(secret);
  const tier = placeholderTier(secret);
  if (tier?.tier === "plausible")
    return {
      verdict: "unknown",
      confidence: "low",
      severity: "low",
      quality: "placeholder",
      why: `${tier.why} under a credential-named key`
    };
  const weak = pwKey && (e < 3 || secret.length < 8 || dictionaryLike(secret)) || /pass(?:word)?|secret|token|test|demo|sample|local|dev|admin|root/i.test(secret) && e < 3.6;
  if (weak)
    return {
      verdict: "unknown",
      confidence: "medium",
      severity: "medium",
      quality: "weak",
      why: "weak but real-looking password (dictionary word) assigned to a credential-named key"
    };
  return { verdict: "unknown", confidence: "medium", why: "high-entropy literal assigned to a credential-named key" };
}
function crossesStringBoundary(match, secret, text, index) {
  const at = match.lastIndexOf(secret);
  if (at <= 0) return false;
  const q = match.charAt(at - 1);
  if (q !== '"' && q !== "'") return false;
  const lineStart = text.lastIndexOf("\n", index) + 1;
  const before = text.slice(lineStart, index + at - 1).replace(/\\./g, "");
  let n = 0;
  for (const ch of before) if (ch === q) n++;
  return n % 2 === 1;
}
function decodeBase64(s) {
  const clean = s.replace(/\\n/g, "\n").replace(/[^A-Za-z0-9+/=]/g, "");
  if (clean.length < 16) return void 0;
  try {
    return Buffer.from(clean, "base64");
  } catch {
    return void 0;
  }
}
function crc32(s) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 4294967295;
  for (const b of Buffer.from(s, "utf8")) crc = crcTable[(crc ^ b) & 255] ^ crc >>> 8;
  return (crc ^ 4294967295) >>> 0;
}
function base62Decode(s) {
  let n = 0;
  for (const ch of s) {
    const d = B62.indexOf(ch);
    if (d < 0) return void 0;
    n = n * 62 + d;
  }
  return n;
}
function base62ChecksumOk(token) {
  const m = /^[a-z]{3}_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(token);
  if (!m) return void 0;
  const want = base62Decode(m[2]);
  return want !== void 0 && want === crc32(m[1]);
}
function checksumValidator(kind) {
  return ({ secret }) => {
    const ok = base62ChecksumOk(secret);
    if (ok === void 0) return { verdict: "unknown", why: `${kind} token of an older format (no checksum)` };
    if (!ok)
      return {
        verdict: "invalid",
        why: `${kind} token shape, but its CRC-32 checksum does not match: a fake or mistyped token`
      };
    return { verdict: "valid", confidence: "high", why: `${kind} token with a valid checksum` };
  };
}
function awsAccountFromKeyId(keyId) {
  const body = keyId.slice(4);
  if (!/^[A-Z2-7]{16}$/.test(body)) return void 0;
  if ("ABCDEFGHIJKLMNOP".includes(body[0])) return void 0;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0n;
  for (const ch of body.slice(0, 10)) bits = bits << 5n | BigInt(alphabet.indexOf(ch));
  const first6 = bits >> 2n;
  const account = (first6 & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, "0");
}
function b64urlJson(part) {
  try {
    const v = JSON.parse(Buffer.from(part.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? v : void 0;
  } catch {
    return void 0;
  }
}
function pgpPacket(buf, at) {
  const b = buf[at];
  if (b === void 0 || !(b & 128)) return void 0;
  let tag;
  let len;
  let p = at + 1;
  if (b & 64) {
    tag = b & 63;
    const l0 = buf[p++];
    if (l0 === void 0) return void 0;
    if (l0 < 192) len = l0;
    else if (l0 < 224) len = (l0 - 192 << 8) + (buf[p++] ?? 0) + 192;
    else if (l0 === 255) {
      len = buf.readUInt32BE(p);
      p += 4;
    } else return void 0;
  } else {
    tag = b >> 2 & 15;
    const lt = b & 3;
    if (lt === 0) len = buf[p++] ?? 0;
    else if (lt === 1) {
      len = buf.readUInt16BE(p);
      p += 2;
    } else if (lt === 2) {
      len = buf.readUInt32BE(p);
      p += 4;
    } else len = buf.length - p;
  }
  return { tag, start: p, end: Math.min(buf.length, p + len) };
}
function pgpKeyProtected(armored) {
  const body = armored.replace(/\\n/g, "\n").replace(/-----(?:BEGIN|END) PGP PRIVATE KEY BLOCK-----/g, "").split(/\r?\n/).filter((l) => l && !/^[\w-]+: /.test(l) && !l.startsWith("=")).join("");
  const buf = decodeBase64(body);
  if (!buf) return void 0;
  try {
    const pk = pgpPacket(buf, 0);
    if (!pk || pk.tag !== 5 && pk.tag !== 7) return void 0;
    let p = pk.start;
    if (buf[p] !== 4) return void 0;
    p += 5;
    const algo = buf[p++];
    const mpi = () => {
      const bitsLen = buf.readUInt16BE(p);
      p += 2 + Math.ceil(bitsLen / 8);
    };
    const oid = () => {
      p += 1 + buf[p];
    };
    if (algo === 1 || algo === 2 || algo === 3)
      [mpi, mpi].forEach((f) => f());
    else if (algo === 17)
      [mpi, mpi, mpi, mpi].forEach((f) => f());
    else if (algo === 16 || algo === 20)
      [mpi, mpi, mpi].forEach((f) => f());
    else if (algo === 19 || algo === 22) {
      oid();
      mpi();
    } else if (algo === 18) {
      oid();
      mpi();
      p += 1 + buf[p];
    } else return void 0;
    if (p >= pk.end) return void 0;
    return buf[p] !== 0;
  } catch {
    return void 0;
  }
}
var EMPTY_WORDS, PLAUSIBLE_PLACEHOLDERS, NOT_A_SECRET_KEY, PUBLIC_KEY_NAME, PASSWORD_NAME, FIELD_WORDS, reject, genericValue, B62, crcTable, awsKeyId, jwt, privateKey, credentialValue, dockerAuth, k8sSecretData, notPlaceholder, VALIDATORS;
var init_validators = __esm({
  "src/rules/secrets/validators.ts"() {
    "use strict";
    init_entropy();
    EMPTY_WORDS = /^(?:null|none|nil|undefined|true|false|todo|tbd|fixme|redacted|removed|hidden|masked|omitted|required|optional|n\/a|xxx+|your[_-].*|insert[_-].*|replace[_-].*|enter[_-].*|put[_-].*)$/i;
    PLAUSIBLE_PLACEHOLDERS = /^(?:changeme|change[_-]?me|changeit|change[_-]?this|change[_-]?me[_-]?please|password|passwd|passw0rd|pass|pwd|secret|secrets|example|sample|placeholder|dummy|test(?:ing)?|foo|bar|baz|foobar|admin|root|guest|user|letmein|s3cr3t|secret\d{1,4}|password\d{1,4}|pass\d{1,4}|admin\d{1,4}|test\d{1,4}|notasecret|not[_-]?a[_-]?secret|my[_-]?(?:password|secret|token|key|pass)|super[_-]?secret|fake[_-].*|mock[_-].*|dummy[_-].*|test[_-].*|qwerty\d*|default|demo|123456\d*|1234\d*|abc123)$/i;
    NOT_A_SECRET_KEY = /(?:tokeniz|_?(?:id|ids|name|names|ref|refs|arn|path|file|files|dir|url|uri|endpoint|header|hint|label|field|policy|expiry|expires?|expiration|ttl|version|type|types|format|pattern|regex|length|len|size|count|limit|min|max|prefix|suffix|hash|hashed|digest|sha\d*|md5|checksum|salt|algorithm|algo|strength|reset|rotation|mode|provider|source|encoding|enabled|required|placeholder|label|text|message|msg|error|prompt|description|desc|title|template|cmd|command|env|var|key_?id|manager|store|storage|backend|location|usage|budget|tokens|per_?minute|rule|rules|policy|option|options|flag|flags|style|class|selector|icon|color|colour|event|action|route|key_?vault|vault|secret_?ref|plugin|plugins|binding|bindings|dependency|package|module)$)/i;
    PUBLIC_KEY_NAME = /publishable|public[_.-]?(?:key|token|api[_-]?key)|^public|[_.-]public$|(?:^|[_.-])pk$|csrf|xsrf|client[_.-]?id|app[_.-]?id|application[_.-]?id|site[_.-]?key|recaptcha|anon[_.-]?key|measurement[_.-]?id|tracking[_.-]?id/i;
    PASSWORD_NAME = /passw|pwd|passphrase/i;
    FIELD_WORDS = /^(?:string|number|boolean|text|input|field|value|type|required|optional|invalid|valid|match|mismatch|confirm|confirmed|empty|missing|strong|weak|medium|hidden|visible|show|hide|disabled|enabled|readonly|autocomplete|current-password|new-password|off|on|yes|no|any|object|unknown|never|void|str|int|bytes|secretstr|minlength|maxlength|sha256|bcrypt|argon2|scrypt|plain|plaintext|md5|sha1|keyring|prompt|ask|env|file|stdin|none)$/i;
    reject = (why) => ({ verdict: "reject", why });
    genericValue = ({ secret, match, text, index }) => {
      const tier = placeholderTier(secret);
      if (tier && tier.tier !== "plausible") return reject(tier.why);
      const after = text.charAt(index + match.length);
      if (after === "(" || after === "<") return reject("code (a call), not a value");
      const unquoted = match.endsWith(secret) && !/["'`]$/.test(match.slice(0, match.length - secret.length));
      if (unquoted && (after === "[" || after === ";" || after === "." && /^\.[A-Za-z_$]/.test(text.slice(index + match.length))))
        return reject("code (a variable), not a value");
      if (/\w\?[\w.$#]*:\w/.test(secret) && /[&|.(?]/.test(secret) || /&&|\|\||\?\?/.test(secret))
        return reject("code (an expression), not a value");
      if (/^[A-Za-z_$][\w$]*\$\d*$|^[A-Za-z_]\w*\$[A-Za-z]\w*$/.test(secret))
        return reject("code (a generated identifier)");
      if (crossesStringBoundary(match, secret, text, index)) return reject("code: the match runs across a string boundary");
      if (/^\+|\+$/.test(secret) && /[A-Za-z_$][\w$]*\(/.test(secret)) return reject("code (a concatenation)");
      const lineEnd = text.indexOf("\n", index);
      const line = text.slice(text.lastIndexOf("\n", index) + 1, lineEnd === -1 ? void 0 : lineEnd);
      if (/badge\.svg|\/graph\/badge|shields\.io/.test(line)) return reject("public badge token");
      if (/fn::secret|\bsecure:\s*v1:/i.test(line) || /^v1:[A-Za-z0-9+/=]{8,}$/.test(secret))
        return reject("encrypted value (Pulumi secret)");
      const key = keyOf(match, secret);
      const bareKey = key.replace(/["'\]]+$/, "");
      if (NOT_A_SECRET_KEY.test(bareKey)) return reject(`the name "${bareKey.slice(-40)}" holds something about a secret`);
      if (PUBLIC_KEY_NAME.test(bareKey)) return reject("public by design (publishable key, client/app id, CSRF token)");
      if (/^pk_(?:live|test)_/.test(secret)) return reject("public by design (Stripe publishable key)");
      if (/^(?:this\.)?#?[A-Za-z_$][\w$]*(?:\??\.#?[A-Za-z_$][\w$]*)+/.test(secret) && !/\d{4}/.test(secret))
        return reject("code (a property reference), not a value");
      if (/^[A-Za-z_$][\w$.]*\(/.test(secret)) return reject("code (a call), not a value");
      if (/\|\||&&|\?\.|=>|!==|===|\)\s*[;,]?$|^!|^\[|\]$/.test(secret)) return reject("code (an expression), not a value");
      if (/^(?:\/|\.\/|\.\.\/|~\/|[A-Za-z]:\\|file:)/.test(secret)) return reject("a path or route");
      if (/^(?:https?|ftp|wss?):\/\//i.test(secret) && !/\/\/[^/@\s]+:[^/@\s]+@/.test(secret))
        return reject("a URL without credentials");
      if (/^data:|;base64,/.test(secret)) return reject("a data URI");
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(secret) && !/key|token|secret|pass/.test(key))
        return reject("a UUID under a name that is not a credential");
      if (/^[~^<>=]*v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?$/.test(secret)) return reject("a version");
      if (/^\d{1,5}\.v[0-9a-f]{6,}(?:_[0-9a-f]+)*$|^v?\d{1,4}(?:\.\d{1,6}){1,3}[-.+][a-z][\w.+-]*$/.test(secret))
        return reject("a version (plugin or pre-release)");
      if (/^(?:npm|workspace|link|file|portal|patch|github|git\+\w+|catalog):/.test(secret))
        return reject("a package specifier");
      if (/^[\w.-]+:\d+(?:\.[\w-]+)+$|^[a-z][\w.-]*:[\w.-]+:v?\d[\w.-]*$/.test(secret))
        return reject("a plugin or Maven coordinate with a version");
      if (/^(?:sha(?:1|256|384|512)|md5)[-:]/i.test(secret)) return reject("a checksum");
      if (/\.(?:js|mjs|cjs|css|map|png|jpe?g|gif|svg|webp|woff2?|ttf|json|html?|ya?ml|txt|md|pem|crt|cer|key|p12|pfx|jks)$/i.test(
        secret
      ))
        return reject("a file name");
      const pwKey = PASSWORD_NAME.test(bareKey);
      if (pwKey && FIELD_WORDS.test(secret)) return reject("a word describing the field, not a password");
      if (!pwKey && secret.length < 8) return reject("too short for a key or token");
      if (pwKey && secret.length < 4) return reject("too short");
      if (/^[a-z_]+$/.test(secret) || /^[A-Z_]+$/.test(secret)) {
        if (!pwKey || /^[A-Z_]+$/.test(secret) || /_/.test(secret)) return reject("a single word or constant name");
        return weakOrStrong(secret, pwKey);
      }
      if (looksLikeIdentifier(secret)) return reject("an identifier, not a secret");
      if (tier) return weakOrStrong(secret, pwKey);
      const e = shannonEntropy(secret);
      if (!pwKey && e < 3) return reject(`entropy ${e.toFixed(1)} below 3.0`);
      if (pwKey && e < 1.5) return reject(`entropy ${e.toFixed(1)} below 1.5`);
      return weakOrStrong(secret, pwKey);
    };
    B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    awsKeyId = ({ secret }) => {
      const kind = secret.startsWith("ASIA") ? "temporary (STS) access key id" : "access key id";
      const account = awsAccountFromKeyId(secret);
      return {
        verdict: "valid",
        confidence: "high",
        why: account ? `AWS ${kind} of account ${account}` : `AWS ${kind} (older format, account not encoded)`
      };
    };
    jwt = ({ secret }) => {
      const parts = secret.split(".");
      if (parts.length < 2) return { verdict: "reject" };
      const header = b64urlJson(parts[0]);
      const payload = b64urlJson(parts[1]);
      if (!header || !payload || typeof header.alg !== "string") return { verdict: "reject" };
      const alg = header.alg.replace(/[^\w-]/g, "").slice(0, 16);
      const bits = [`alg ${alg}`];
      let confidence = "medium";
      let severity;
      if (alg.toLowerCase() === "none" || !parts[2]) {
        confidence = "low";
        severity = "low";
        bits.push("unsigned");
      }
      if (typeof payload.exp === "number") {
        const exp = new Date(payload.exp * 1e3);
        const expired = exp.getTime() < Date.now();
        bits.push(
          `${expired ? "expired" : "expires"} ${Number.isNaN(exp.getTime()) ? "?" : exp.toISOString().slice(0, 10)}`
        );
        if (expired) {
          confidence = "low";
          severity ??= "low";
        }
      } else bits.push("no expiry");
      if (payload.role === "anon") {
        severity = "low";
        confidence = "low";
        bits.push("anonymous role (publishable key)");
      }
      return { verdict: "valid", confidence, ...severity ? { severity } : {}, why: `JWT (${bits.join(", ")})` };
    };
    privateKey = ({ match }) => {
      const protectedKey = (why) => ({
        verdict: "valid",
        severity: "info",
        confidence: "high",
        why
      });
      if (/BEGIN ENCRYPTED PRIVATE KEY|BEGIN SSH2 ENCRYPTED PRIVATE KEY/.test(match) || /Proc-Type:\s*4,ENCRYPTED/i.test(match))
        return protectedKey("passphrase-protected private key");
      if (/PuTTY-User-Key-File/.test(match)) {
        const enc = /Encryption:\s*([\w-]+)/.exec(match)?.[1];
        if (enc && enc !== "none") return protectedKey(`PuTTY key encrypted with ${enc}`);
        return { verdict: "valid", confidence: "high", why: "unencrypted PuTTY private key (Encryption: none)" };
      }
      if (/BEGIN PGP PRIVATE KEY BLOCK/.test(match)) {
        const p = pgpKeyProtected(match);
        if (p === true) return protectedKey("passphrase-protected OpenPGP secret key");
        if (p === false) return { verdict: "valid", confidence: "high", why: "unprotected OpenPGP secret key" };
      }
      if (/BEGIN OPENSSH PRIVATE KEY/.test(match)) {
        const body = match.replace(/-----(?:BEGIN|END) OPENSSH PRIVATE KEY-----/g, "");
        const buf = decodeBase64(body);
        if (buf && buf.length > 19 && buf.subarray(0, 15).toString("latin1") === "openssh-key-v1\0") {
          const len = buf.readUInt32BE(15);
          const cipher = buf.subarray(19, 19 + Math.min(len, 40)).toString("latin1").replace(/[^\w@.-]/g, "");
          if (cipher !== "none") return protectedKey(`OpenSSH key encrypted with ${cipher}`);
          return { verdict: "valid", confidence: "high", why: "unencrypted OpenSSH private key" };
        }
      }
      const hasBody = /-----BEGIN[^\n]*(?:\n|\\n)[A-Za-z0-9+/=\s\\]{40,}/.test(match);
      if (!hasBody)
        return { verdict: "unknown", confidence: "low", severity: "medium", why: "private key header without a body" };
      return { verdict: "valid", confidence: "high", why: "unencrypted private key" };
    };
    credentialValue = ({ secret }) => {
      let v = secret;
      try {
        if (/%[0-9A-Fa-f]{2}/.test(v)) v = decodeURIComponent(v);
      } catch {
      }
      const tier = placeholderTier(v);
      if (tier && tier.tier !== "plausible") return reject(tier.why);
      if (/^\$|^%|^\{|^<|^!|^\*+$/.test(v)) return reject("reference or template");
      if (/^(?:x-oauth-basic|x-access-token|oauth2|oauth|bearer|anonymous|token)$/i.test(v))
        return reject("a fixed word that marks the user name as the credential");
      if (v.length < 3) return reject("too short");
      if (tier || /^(?:pass(?:word)?|pwd|secret|user(?:name)?|login|guest|root|postgres|mysql|redis|rabbit|rabbitmq|admin|mongo|sa|ftp|test)$/i.test(
        v
      ))
        return {
          verdict: "unknown",
          confidence: "low",
          severity: "low",
          quality: "placeholder",
          why: `${tier?.why ?? "placeholder-like value"} as the password`
        };
      if (shannonEntropy(v) < 2)
        return {
          verdict: "unknown",
          confidence: "low",
          severity: "low",
          quality: "placeholder",
          why: "low-entropy stand-in as the password"
        };
      if (shannonEntropy(v) < 3 || v.length < 8)
        return { verdict: "unknown", confidence: "medium", quality: "weak", why: "weak but literal password" };
      return { verdict: "unknown", confidence: "high", why: "literal password in a credential-bearing string" };
    };
    dockerAuth = ({ secret, match }) => {
      const buf = decodeBase64(secret.length >= 16 ? secret : secret.padEnd(16, "="));
      const text = buf?.toString("utf8") ?? "";
      const colon = text.indexOf(":");
      if (colon <= 0 || /[^\x20-\x7e]/.test(text)) return reject("does not decode to user:password");
      const pass = text.slice(colon + 1);
      const header = /authorization/i.test(match);
      const what = header ? "Basic authorization header (base64 user:password)" : "registry credentials (base64 user:password) in a docker config";
      const inner = credentialValue({ secret: pass, match: pass, text: pass, index: 0 });
      if (inner.verdict === "reject") return reject(`the encoded password is ${inner.why ?? "not a literal"}`);
      if (inner.quality === "placeholder")
        return {
          verdict: "unknown",
          confidence: "low",
          severity: "low",
          quality: "placeholder",
          why: `${what}; ${inner.why}`
        };
      return {
        verdict: "valid",
        confidence: "high",
        ...inner.quality ? { quality: inner.quality } : {},
        why: what
      };
    };
    k8sSecretData = ({ secret, text, index }) => {
      const before = text.slice(Math.max(0, index - 2e4), index);
      const block = before.lastIndexOf("\ndata:") > before.lastIndexOf("\nstringData:") ? "data" : "stringData";
      const header = Math.max(
        before.lastIndexOf("\ndata:"),
        before.lastIndexOf("\nstringData:"),
        before.startsWith("data:") ? 0 : -1
      );
      if (header < 0) return { verdict: "reject" };
      if (/\n[A-Za-z]/.test(before.slice(header + 2))) return { verdict: "reject" };
      if (!/kind:\s*["']?Secret\b/.test(text)) return { verdict: "reject" };
      let value = secret;
      if (block === "data") {
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return { verdict: "reject" };
        const buf = Buffer.from(secret, "base64");
        value = buf.toString("utf8");
        if (/[^\x09\x0a\x0d\x20-\x7e]/.test(value)) {
          return { verdict: "valid", confidence: "medium", why: "binary value in a Kubernetes Secret (base64 data)" };
        }
      }
      const v = value.trim();
      if (isPlaceholder(v) || v.length < 6 || shannonEntropy(v) < 2.5) return { verdict: "reject" };
      if (/^(?:[a-z][a-z0-9.-]*|\d+|true|false)$/i.test(v) && !/\d/.test(v)) return { verdict: "reject" };
      return {
        verdict: "valid",
        confidence: "medium",
        why: `literal value in a Kubernetes Secret's ${block}${block === "data" ? " (decoded from base64)" : ""}`
      };
    };
    notPlaceholder = ({ secret }) => isPlaceholder(secret) ? { verdict: "reject" } : { verdict: "unknown" };
    VALIDATORS = {
      "generic-value": genericValue,
      "private-key": privateKey,
      "github-checksum": checksumValidator("GitHub"),
      "npm-checksum": checksumValidator("npm"),
      "aws-key-id": awsKeyId,
      jwt,
      "credential-value": credentialValue,
      "docker-auth": dockerAuth,
      "k8s-secret-data": k8sSecretData,
      "not-placeholder": notPlaceholder
    };
  }
});

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap6 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair4 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar6 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq6 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode4(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar6(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias3;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap6;
    exports.isNode = isNode4;
    exports.isPair = isPair4;
    exports.isScalar = isScalar6;
    exports.isSeq = isSeq6;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit2(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit2.BREAK = BREAK;
    visit2.SKIP = SKIP;
    visit2.REMOVE = REMOVE;
    function visit_(key, node, visitor, path7) {
      const ctrl = callVisitor(key, node, visitor, path7);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path7, ctrl);
        return visit_(key, ctrl, visitor, path7);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path7 = Object.freeze(path7.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path7);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path7 = Object.freeze(path7.concat(node));
          const ck = visit_("key", node.key, visitor, path7);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path7);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path7) {
      const ctrl = await callVisitor(key, node, visitor, path7);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path7, ctrl);
        return visitAsync_(key, ctrl, visitor, path7);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path7 = Object.freeze(path7.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path7);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path7 = Object.freeze(path7.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path7);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path7);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path7) {
      if (typeof visitor === "function")
        return visitor(key, node, path7);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path7);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path7);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path7);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path7);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path7);
      return void 0;
    }
    function replaceNode(key, path7, node) {
      const parent = path7[path7.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit2;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit2 = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc3) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc3 && tagEntries.length > 0 && identity.isNode(doc3.contents)) {
          const tags = {};
          visit2.visit(doc3.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc3 || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit2 = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit2.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc3, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc3));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj2, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj2, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc3, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc3))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: doc3,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit2 = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc3, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit2.visit(doc3, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc4, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc4, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc3, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc3);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc3, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc3, node.key, anchors2);
        const vc = getAliasCount(doc3, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar3 = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar3.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar3.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar3.PLAIN = "PLAIN";
    Scalar3.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar3.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar3;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar3 = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar3.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar3.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path7, value) {
      let v = value;
      for (let i = path7.length - 1; i >= 0; --i) {
        const k = path7[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path7) => path7 == null || typeof path7 === "object" && !!path7[Symbol.iterator]().next().done;
    var Collection2 = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path7, value) {
        if (isEmptyPath(path7))
          this.add(value);
        else {
          const [key, ...rest] = path7;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path7) {
        const [key, ...rest] = path7;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path7, keepScalar) {
        const [key, ...rest] = path7;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path7) {
        const [key, ...rest] = path7;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path7, value) {
        const [key, ...rest] = path7;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection2;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str4) => str4.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str4, indent, comment) => str4.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str4.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar3 = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str4) => /^(%|---|\.\.\.)/m.test(str4);
    function lineLengthOverLimit(str4, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str4.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str4[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str4 = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str4 += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str4 += json.slice(start, i);
                const code2 = json.substr(i + 2, 4);
                switch (code2) {
                  case "0000":
                    str4 += "\\0";
                    break;
                  case "0007":
                    str4 += "\\a";
                    break;
                  case "000b":
                    str4 += "\\v";
                    break;
                  case "001b":
                    str4 += "\\e";
                    break;
                  case "0085":
                    str4 += "\\N";
                    break;
                  case "00a0":
                    str4 += "\\_";
                    break;
                  case "2028":
                    str4 += "\\L";
                    break;
                  case "2029":
                    str4 += "\\P";
                    break;
                  default:
                    if (code2.substr(0, 2) === "00")
                      str4 += "\\x" + code2.substr(2);
                    else
                      str4 += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str4 += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str4 += "\n";
                  i += 2;
                }
                str4 += indent;
                if (json[i + 2] === " ")
                  str4 += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str4 = start ? str4 + json.slice(start) : json;
      return implicitKey ? str4 : foldFlowLines.foldFlowLines(str4, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal2 = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar3.Scalar.BLOCK_FOLDED ? false : type === Scalar3.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal2 ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal2) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar3.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar3.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str4 = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str4);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str4 : foldFlowLines.foldFlowLines(str4, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar3.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar3.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar3.Scalar.BLOCK_FOLDED:
          case Scalar3.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar3.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar3.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar3.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc3, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc3.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc: doc3,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj2;
      if (identity.isScalar(item)) {
        obj2 = item.value;
        let match = tags.filter((t) => t.identify?.(obj2));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj2 = item;
        tagObj = tags.find((t) => t.nodeClass && obj2 instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj2?.constructor?.name ?? (obj2 === null ? "null" : typeof obj2);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc: doc3 }) {
      if (!doc3.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc3.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str4 = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str4;
      return identity.isScalar(node) || str4[0] === "{" || str4[0] === "[" ? `${props} ${str4}` : `${props}
${ctx.indent}${str4}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar3 = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc: doc3, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar3.Scalar.BLOCK_FOLDED || key.type === Scalar3.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str4 = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str4.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str4 === "" ? "?" : explicitKey ? `? ${str4}` : str4;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str4 = `? ${str4}`;
        if (keyComment && !keyCommentDone) {
          str4 += stringifyComment.lineComment(str4, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str4;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str4 += stringifyComment.lineComment(str4, ctx.indent, commentString(keyComment));
        str4 = `? ${str4}
${indent}:`;
      } else {
        str4 = `${str4}:`;
        if (keyComment)
          str4 += stringifyComment.lineComment(str4, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc3.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str4.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str4 += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str4 += stringifyComment.lineComment(str4, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str4;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar3 = require_Scalar();
    var MERGE_KEY = "<<";
    var merge2 = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar3.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge2.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar3.Scalar.PLAIN) && merge2.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge2.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge2;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge2 = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge2.isMergeKey(ctx, key))
        merge2.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair2(k, v);
    }
    var Pair2 = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair2;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str5 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str5 += stringifyComment.lineComment(str5, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str5);
      }
      let str4;
      if (lines.length === 0) {
        str4 = flowChars.start + flowChars.end;
      } else {
        str4 = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str4 += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str4 += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str4;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str4 = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str4.includes("\n"));
        if (i < items.length - 1) {
          str4 += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str4.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str4 += ",";
          }
        }
        if (comment)
          str4 += stringifyComment.lineComment(str4, itemIndent, commentString(comment));
        lines.push(str4);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str4 = start;
          for (const line of lines)
            str4 += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str4}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection2 = require_Collection();
    var identity = require_identity();
    var Pair2 = require_Pair();
    var Scalar3 = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap2 = class extends Collection2.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj2, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj2, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair2.createPair(key, value, ctx));
        };
        if (obj2 instanceof Map) {
          for (const [key, value] of obj2)
            add(key, value);
        } else if (obj2 && typeof obj2 === "object") {
          for (const key of Object.keys(obj2))
            add(key, obj2[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair2.Pair(pair, pair?.value);
        } else
          _pair = new Pair2.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar3.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair2.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap2;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap2 = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap2.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj2, ctx) => YAMLMap2.YAMLMap.from(schema, obj2, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection2 = require_Collection();
    var identity = require_identity();
    var Scalar3 = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq2 = class extends Collection2.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar3.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj2, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj2 && Symbol.iterator in Object(obj2)) {
          let i = 0;
          for (let it of obj2) {
            if (typeof replacer === "function") {
              const key = obj2 instanceof Set ? it : String(i++);
              it = replacer.call(obj2, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq2;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq2 = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq2.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj2, ctx) => YAMLSeq2.YAMLSeq.from(schema, obj2, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str4) => str4,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar3 = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar3.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar3.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar3 = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str4) => new Scalar3.Scalar(str4[0] === "t" || str4[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar3 = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str4) => str4.slice(-3).toLowerCase() === "nan" ? NaN : str4[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str4) => parseFloat(str4),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str4) {
        const node = new Scalar3.Scalar(parseFloat(str4));
        const dot = str4.indexOf(".");
        if (dot !== -1 && str4[str4.length - 1] === "0")
          node.minFractionDigits = str4.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str4, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str4) : parseInt(str4.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str4, _onError, opt) => intResolve(str4, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str4, _onError, opt) => intResolve(str4, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str4, _onError, opt) => intResolve(str4, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar3 = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str4) => str4,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar3.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str4) => str4 === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str4, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str4) : parseInt(str4, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str4) => parseFloat(str4),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str4, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str4)}`);
        return str4;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar3 = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str4 = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str4.length);
          for (let i = 0; i < str4.length; ++i)
            buffer[i] = str4.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str4;
        if (typeof node_buffer.Buffer === "function") {
          str4 = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str4 = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar3.Scalar.BLOCK_LITERAL);
        if (type !== Scalar3.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str4.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str4.substr(o, lineWidth);
          }
          str4 = lines.join(type === Scalar3.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str4 }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair2 = require_Pair();
    var Scalar3 = require_Scalar();
    var YAMLSeq2 = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair2.Pair(new Scalar3.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair2.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq2.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair2.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap2 = require_YAMLMap();
    var YAMLSeq2 = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq2.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap2.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap2.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap2.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap2.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap2.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar3 = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar3.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar3.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar3 = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str4) => str4.slice(-3).toLowerCase() === "nan" ? NaN : str4[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str4) => parseFloat(str4.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str4) {
        const node = new Scalar3.Scalar(parseFloat(str4.replace(/_/g, "")));
        const dot = str4.indexOf(".");
        if (dot !== -1) {
          const f = str4.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str4, offset, radix, { intAsBigInt }) {
      const sign = str4[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str4 = str4.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str4 = `0b${str4}`;
            break;
          case 8:
            str4 = `0o${str4}`;
            break;
          case 16:
            str4 = `0x${str4}`;
            break;
        }
        const n2 = BigInt(str4);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str4, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str4 = value.toString(radix);
        return value < 0 ? "-" + prefix + str4.substr(1) : prefix + str4;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str4, _onError, opt) => intResolve(str4, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str4, _onError, opt) => intResolve(str4, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str4, _onError, opt) => intResolve(str4, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str4, _onError, opt) => intResolve(str4, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair2 = require_Pair();
    var YAMLMap2 = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap2.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair2.Pair(key.key, null);
        else
          pair = new Pair2.Pair(key, null);
        const prev = YAMLMap2.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap2.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap2.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair2.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair2.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str4, asBigInt) {
      const sign = str4[0];
      const parts = sign === "-" || sign === "+" ? str4.substring(1) : str4;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str4, _onError, { intAsBigInt }) => parseSexagesimal(str4, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str4) => parseSexagesimal(str4, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str4) {
        const match = str4.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge2 = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge2.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge2 = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge2.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge2.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge2.merge) ? schemaTags.concat(merge2.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge2.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge: merge2, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge2);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc3, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc3.directives) {
        const dir = doc3.directives.toString(doc3);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc3.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc3, options);
      const { commentString } = ctx.options;
      if (doc3.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc3.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc3.contents) {
        if (identity.isNode(doc3.contents)) {
          if (doc3.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc3.contents.commentBefore) {
            const cs = commentString(doc3.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc3.comment;
          contentComment = doc3.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc3.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc3.contents, ctx));
      }
      if (doc3.directives?.docEnd) {
        if (doc3.comment) {
          const cs = commentString(doc3.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc3.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection2 = require_Collection();
    var identity = require_identity();
    var Pair2 = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path7, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path7, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair2.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path7) {
        if (Collection2.isEmptyPath(path7)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path7) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path7, keepScalar) {
        if (Collection2.isEmptyPath(path7))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path7, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path7) {
        if (Collection2.isEmptyPath(path7))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path7) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection2.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path7, value) {
        if (Collection2.isEmptyPath(path7)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection2.collectionFromPath(this.schema, Array.from(path7), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path7, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code2, message) {
        super();
        this.name = name;
        this.code = code2;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLParseError", pos, code2, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLWarning", pos, code2, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair2 = require_Pair();
    var YAMLMap2 = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap2.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep: sep2, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep2?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep2) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep2 ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep2, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair2.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair2.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq2 = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq2.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep2 = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep2 + cb;
              sep2 = "";
              break;
            }
            case "newline":
              if (comment)
                sep2 += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair2 = require_Pair();
    var YAMLMap2 = require_YAMLMap();
    var YAMLSeq2 = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap6 = fc.start.source === "{";
      const fcName = isMap6 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap6 ? YAMLMap2.YAMLMap : YAMLSeq2.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep: sep2, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep2?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep2 && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap6 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap6 && !sep2 && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep2, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep2 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap6 && !props.found && ctx.options.strict) {
              if (sep2)
                for (const st of sep2) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep2, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair2.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap6) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap2.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap6 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar3 = require_Scalar();
    var YAMLMap2 = require_YAMLMap();
    var YAMLSeq2 = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap2.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq2.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar3.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar3 = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar3.Scalar.BLOCK_FOLDED : Scalar3.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep2 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar3.Scalar.BLOCK_LITERAL) {
          value += sep2 + indent.slice(trimIndent) + content;
          sep2 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep2 === " ")
            sep2 = "\n";
          else if (!prevMoreIndented && sep2 === "\n")
            sep2 = "\n\n";
          value += sep2 + indent.slice(trimIndent) + content;
          sep2 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep2 === "\n")
            value += "\n";
          else
            sep2 = "\n";
        } else {
          value += sep2 + content;
          sep2 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar3 = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code2, msg) => onError(offset + rel, code2, msg);
      switch (type) {
        case "scalar":
          _type = Scalar3.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar3.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar3.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep2 = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep2 === "\n")
            res += sep2;
          else
            sep2 = "\n";
        } else {
          res += sep2 + lm;
          sep2 = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep2 + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code2 = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code2);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar3 = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar3.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar3.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc3 = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc3.directives,
        options: doc3.options,
        schema: doc3.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc3.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc3.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc3.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc3.comment = re.comment;
      doc3.range = [offset, contentEnd, re.offset];
      return doc3;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code2, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code2, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code2, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc3, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc3.contents;
          if (afterDoc) {
            doc3.comment = doc3.comment ? `${doc3.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc3.directives.docStart || !dc) {
            doc3.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc3.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc3.warnings.push(this.warnings[i]);
        } else {
          doc3.errors = this.errors;
          doc3.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc3 = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc3.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc3, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc3;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc3 = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc3.range = [0, endOffset, endOffset];
          this.decorate(doc3, false);
          yield doc3;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code2, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code2, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code2, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep: sep2, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep2)
        for (const st of sep2)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit2(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit2.BREAK = BREAK;
    visit2.SKIP = SKIP;
    visit2.REMOVE = REMOVE;
    visit2.itemAtPath = (cst, path7) => {
      let item = cst;
      for (const [field, index] of path7) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit2.parentCollection = (cst, path7) => {
      const parent = visit2.itemAtPath(cst, path7.slice(0, -1));
      const field = path7[path7.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path7, item, visitor) {
      let ctrl = visitor(item, path7);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path7.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path7);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path7) : ctrl;
    }
    exports.visit = visit2;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar6 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar6;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list2, type) {
      for (let i = 0; i < list2.length; ++i)
        if (list2[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list2) {
      for (let i = 0; i < list2.length; ++i) {
        switch (list2[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc3 = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc3.start.push(this.sourceToken);
            this.stack.push(doc3);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc3) {
        if (doc3.value)
          return yield* this.lineEnd(doc3);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc3.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc3.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc3.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc3);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep2;
          if (scalar.end) {
            sep2 = scalar.end;
            sep2.push(this.sourceToken);
            delete scalar.end;
          } else
            sep2 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep: sep2 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep2 = it.sep;
                  sep2.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep: sep2 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep2 = fc.end.splice(1, fc.end.length);
            sep2.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep2 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc3 of docs) {
          doc3.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc3.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc3 = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc3)
          doc3 = _doc;
        else if (doc3.options.logLevel !== "silent") {
          doc3.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc3.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc3.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc3;
    }
    function parse4(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc3 = parseDocument2(src, options);
      if (!doc3)
        return null;
      doc3.warnings.forEach((warning) => log.warn(doc3.options.logLevel, warning));
      if (doc3.errors.length > 0) {
        if (doc3.options.logLevel !== "silent")
          throw doc3.errors[0];
        else
          doc3.errors = [];
      }
      return doc3.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse4;
    exports.parseAllDocuments = parseAllDocuments2;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair2 = require_Pair();
    var Scalar3 = require_Scalar();
    var YAMLMap2 = require_YAMLMap();
    var YAMLSeq2 = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit2 = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair2.Pair;
    exports.Scalar = Scalar3.Scalar;
    exports.YAMLMap = YAMLMap2.YAMLMap;
    exports.YAMLSeq = YAMLSeq2.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit2.visit;
    exports.visitAsync = visit2.visitAsync;
  }
});

// src/rules/secrets/load.ts
import { readFileSync as readFileSync2, readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
function validatePatterns(raw, where, locate2) {
  const errors = [];
  const patterns = [];
  if (!Array.isArray(raw)) return { patterns, errors: [`${where}: expected a list of rules`] };
  raw.forEach((r, i) => {
    const at = (key) => locate2 ? locate2(i, key) : where;
    const label = `${at()}: rule ${i + 1}`;
    if (typeof r !== "object" || r === null || Array.isArray(r)) {
      errors.push(`${label}: expected a mapping`);
      return;
    }
    const o = r;
    const name = (key) => typeof o.id === "string" ? `${at(key)}: rule "${o.id}"` : `${at(key)}: rule ${i + 1}`;
    const bad = (m, key) => errors.push(`${name(key)}: ${m}`);
    for (const k of Object.keys(o)) if (!KNOWN_KEYS.has(k)) bad(`unknown key "${k}"`, k);
    if (typeof o.id !== "string" || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(o.id)) bad("id must be kebab-case", "id");
    if (typeof o.title !== "string" || !o.title) bad("title is required", "title");
    if (!isSeverity(o.severity)) bad("severity must be one of critical, high, medium, low, info", "severity");
    if (!Array.isArray(o.keywords) || o.keywords.length === 0 || !o.keywords.every((k) => typeof k === "string" && k))
      bad("keywords must be a non-empty list of strings", "keywords");
    let groups = 0;
    if (typeof o.regex !== "string" || !o.regex) bad("regex is required", "regex");
    else {
      const flags = o.caseInsensitive ? "i" : "";
      try {
        new RegExp(o.regex, flags);
        groups = (new RegExp(o.regex + "|", flags).exec("")?.length ?? 1) - 1;
      } catch (e) {
        bad(`regex does not compile: ${e.message}`, "regex");
      }
    }
    if (o.secretGroup !== void 0 && (!Number.isInteger(o.secretGroup) || o.secretGroup > groups))
      bad(`secretGroup ${String(o.secretGroup)} does not exist in the regex (it has ${groups} groups)`, "secretGroup");
    if (o.entropy !== void 0 && (typeof o.entropy !== "number" || o.entropy < 0 || o.entropy > 8))
      bad("entropy must be a number of bits per character between 0 and 8", "entropy");
    if (o.validate !== void 0 && (typeof o.validate !== "string" || !VALIDATORS[o.validate]))
      bad(`unknown validator "${String(o.validate)}" (known: ${Object.keys(VALIDATORS).join(", ")})`, "validate");
    if (o.allow !== void 0) {
      if (!Array.isArray(o.allow) || !o.allow.every((a) => typeof a === "string"))
        bad("allow must be a list of regexes", "allow");
      else
        for (const a of o.allow) {
          try {
            new RegExp(a);
          } catch (e) {
            bad(`allow regex does not compile: ${e.message}`, "allow");
          }
        }
    }
    if (o.confidence !== void 0 && !["high", "medium", "low"].includes(o.confidence))
      bad("confidence must be high, medium or low", "confidence");
    if (typeof o.remediation !== "string" || !o.remediation) bad("remediation is required", "remediation");
    const ex = o.examples;
    if (!ex || typeof ex !== "object" || !Array.isArray(ex.match) || ex.match.length === 0 || !Array.isArray(ex.nomatch ?? []) || ![...ex.match, ...ex.nomatch ?? []].every((s) => typeof s === "string"))
      bad("examples.match (non-empty) and examples.nomatch must be lists of strings", "examples");
    patterns.push({
      ...o,
      keywords: Array.isArray(o.keywords) ? o.keywords.map((k) => String(k).toLowerCase()) : [],
      examples: { match: ex?.match ?? [], nomatch: ex?.nomatch ?? [] }
    });
  });
  const seen = /* @__PURE__ */ new Set();
  for (const p of patterns) {
    if (seen.has(p.id)) errors.push(`${where}: duplicate rule id "${p.id}"`);
    seen.add(p.id);
  }
  return { patterns, errors };
}
function compileRuleSet(patterns) {
  return ruleSetOf(patterns.map((p) => new CompiledRule(p)));
}
function ruleSetOf(rules2) {
  const byKeyword = /* @__PURE__ */ new Map();
  for (const r of rules2)
    for (const k of r.p.keywords) {
      const list2 = byKeyword.get(k) ?? [];
      list2.push(r);
      byKeyword.set(k, list2);
    }
  let keywordRe;
  return {
    rules: rules2,
    byKeyword,
    // Built on first use: small texts (every commit) are prefiltered without it, and building it costs start-up time.
    get keywordRe() {
      keywordRe ??= new RegExp(keywordTrie([...byKeyword.keys()]) || "(?!)", "gi");
      return keywordRe;
    }
  };
}
function keywordTrie(keywords) {
  const root = { end: false, next: /* @__PURE__ */ new Map() };
  for (const k of keywords) {
    let n = root;
    for (const ch of k.toLowerCase()) {
      let c = n.next.get(ch);
      if (!c) n.next.set(ch, c = { end: false, next: /* @__PURE__ */ new Map() });
      n = c;
    }
    n.end = true;
  }
  const esc = (c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  const emit = (n) => {
    const branches = [...n.next].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([ch, c]) => esc(ch) + emit(c));
    if (branches.length === 0) return "";
    const body = branches.length === 1 ? branches[0] : `(?:${branches.join("|")})`;
    return n.end ? branches.length === 1 && branches[0].length === 1 ? `${body}?` : `(?:${body})?` : body;
  };
  return emit(root);
}
function findPatternsDir() {
  for (const rel of ["../patterns/", "../../patterns/", "../../../patterns/"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return void 0;
}
async function loadBuiltinPatterns() {
  for (const rel of ["./patterns.json", "../patterns.json"]) {
    const compiled2 = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(compiled2)) return JSON.parse(readFileSync2(compiled2, "utf8"));
  }
  const dir = findPatternsDir();
  if (!dir) throw new Error("built-in patterns not found (run npm run build)");
  return readPatternDir(dir);
}
async function readPatternDir(dir) {
  const mod = await Promise.resolve().then(() => __toESM(require_dist(), 1));
  const parse4 = mod.parse ?? mod.default.parse;
  const all = [];
  const errors = [];
  for (const f of readdirSync(dir).filter((f2) => /\.ya?ml$/.test(f2)).sort()) {
    const raw = parse4(readFileSync2(dir + "/" + f, "utf8"));
    const { patterns, errors: errs } = validatePatterns(raw, `patterns/${f}`);
    errors.push(...errs);
    all.push(...patterns.map((p) => ({ ...p, source: `patterns/${f}` })));
  }
  const ids = /* @__PURE__ */ new Map();
  for (const p of all) {
    if (ids.has(p.id)) errors.push(`${p.source}: rule id "${p.id}" is already used in ${ids.get(p.id)}`);
    ids.set(p.id, p.source ?? "");
  }
  if (errors.length) throw new Error(errors.join("\n"));
  return all;
}
var KNOWN_KEYS, CompiledRule;
var init_load = __esm({
  "src/rules/secrets/load.ts"() {
    "use strict";
    init_types();
    init_validators();
    KNOWN_KEYS = /* @__PURE__ */ new Set([
      "id",
      "title",
      "severity",
      "keywords",
      "regex",
      "secretGroup",
      "entropy",
      "validate",
      "allow",
      "caseInsensitive",
      "confidence",
      "remediation",
      "docs",
      "examples"
    ]);
    CompiledRule = class {
      constructor(p) {
        this.p = p;
        this.group = p.secretGroup ?? -1;
      }
      p;
      re;
      allowRes;
      group;
      /** Compiled on first use, like the regex. */
      get allow() {
        this.allowRes ??= (this.p.allow ?? []).map((a) => new RegExp(a));
        return this.allowRes;
      }
      /** Compiled on first use: most rules never see their keyword in a typical commit. */
      get regex() {
        this.re ??= new RegExp(this.p.regex, "gd" + (this.p.caseInsensitive ? "i" : ""));
        return this.re;
      }
    };
  }
});

// src/rules/secrets/decode.ts
function table(chars) {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}
function* runs(text, cls, min, padding) {
  if (text.length <= SMALL_TEXT && min === 16 && regexBudget > 0) {
    regexBudget -= text.length;
    const re = cls === B64_CHARS ? B64_RUN : PCT_RUN;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      yield [m.index, m.index + m[0].length];
    }
    return;
  }
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 128 || !cls[c]) {
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d >= 128 || !cls[d]) break;
      i++;
    }
    let end = i;
    if (padding) while (end < n && end - i < 2 && text.charCodeAt(end) === 61) end++;
    if (end - start >= min) yield [start, end];
    i = end > i ? end : i;
  }
}
function printable(buf) {
  if (buf.length < 8) return false;
  let bad = 0;
  for (const b of buf) if (!(b === 9 || b === 10 || b === 13 || b >= 32 && b < 127)) bad++;
  return bad <= buf.length * 0.02;
}
function lowVariety(s) {
  const seen = /* @__PURE__ */ new Set();
  for (let i = 0; i < s.length && i < 32; i++) seen.add(s[i]);
  return seen.size < 8;
}
function findEncoded(text) {
  const out = [];
  let examined = 0;
  let bytes = 0;
  const full = () => out.length >= DECODE_LIMITS.maxDecoded || bytes >= DECODE_LIMITS.maxDecodedBytes;
  for (const [start, end] of runs(text, B64_CHARS, DECODE_LIMITS.minLength, true)) {
    if (full() || ++examined > DECODE_LIMITS.maxExamined) break;
    if (end - start > DECODE_LIMITS.maxLength) continue;
    const run2 = text.slice(start, end);
    if (lowVariety(run2)) continue;
    if (text.slice(Math.max(0, start - 8), start).endsWith("base64,")) continue;
    if (/^[0-9a-fA-F]+$/.test(run2)) {
      if (run2.length >= 32 && run2.length % 2 === 0 && /[a-fA-F]/.test(run2) && /\d/.test(run2)) {
        const buf2 = Buffer.from(run2, "hex");
        if (printable(buf2)) {
          out.push({ encoding: "hex", start, end: start + run2.length, decoded: buf2.toString("latin1") });
          bytes += buf2.length;
        }
      }
      continue;
    }
    const body = run2.replace(/=+$/, "");
    if (body.length % 4 === 1) continue;
    if (/^[A-Za-z]+$/.test(body) && !/[A-Z].*[a-z].*[A-Z]/.test(body)) continue;
    if (shannonEntropy(run2.length > 256 ? run2.slice(0, 256) : run2) < 3.2) continue;
    const buf = Buffer.from(body, "base64");
    if (!printable(buf)) continue;
    out.push({ encoding: "base64", start, end: start + run2.length, decoded: buf.toString("latin1") });
    bytes += buf.length;
  }
  if (!full() && text.includes("%")) {
    for (const [start, end] of runs(text, PCT_CHARS, DECODE_LIMITS.minLength, false)) {
      if (full() || ++examined > DECODE_LIMITS.maxExamined) break;
      if (end - start > DECODE_LIMITS.maxLength) continue;
      const run2 = text.slice(start, end);
      if (!run2.includes("%")) continue;
      const escapes = run2.match(/%[0-9A-Fa-f]{2}/g);
      if (!escapes || escapes.length < 2) continue;
      let decoded;
      try {
        decoded = decodeURIComponent(run2.replace(/\+/g, " "));
      } catch {
        continue;
      }
      out.push({ encoding: "percent", start, end, decoded });
      bytes += decoded.length;
    }
  }
  return out;
}
function mapBack(run2, dStart, dEnd) {
  if (run2.encoding === "hex") return [run2.start + dStart * 2, Math.min(run2.end, run2.start + dEnd * 2)];
  if (run2.encoding === "base64") {
    const s = run2.start + Math.floor(dStart / 3) * 4;
    const e = run2.start + Math.ceil(dEnd / 3) * 4;
    return [s, Math.min(run2.end, e)];
  }
  return [run2.start, run2.end];
}
var DECODE_LIMITS, ALNUM, B64_CHARS, PCT_CHARS, B64_RUN, PCT_RUN, SMALL_TEXT, regexBudget;
var init_decode = __esm({
  "src/rules/secrets/decode.ts"() {
    "use strict";
    init_entropy();
    DECODE_LIMITS = {
      /** Shortest run worth decoding (a 12-byte value in base64). */
      minLength: 16,
      /** Longest run decoded (a kubeconfig or PEM in base64 fits; inline fonts and images do not). */
      maxLength: 16384,
      /** Runs examined per chunk (cheap checks), and runs actually decoded and rescanned per chunk. */
      maxExamined: 2e3,
      maxDecoded: 64,
      maxDecodedBytes: 256 * 1024
    };
    ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    B64_CHARS = table(ALNUM + "+/_-");
    PCT_CHARS = table(ALNUM + "._~+%:/@=&?-");
    B64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
    PCT_RUN = /[A-Za-z0-9._~+%:/@=&?-]{16,}/g;
    SMALL_TEXT = 64 * 1024;
    regexBudget = 256 * 1024;
  }
});

// src/rules/secrets/context.ts
function placeOf(path7) {
  let p = placeCache.get(path7);
  if (p) return p;
  const example = EXAMPLE_PATH.test(path7);
  p = {
    test: TEST_PATH.test(path7),
    docs: DOCS_PATH.test(path7),
    example,
    generated: GENERATED_PATH.test(path7),
    deploy: !example && DEPLOY_PATH.test(path7)
  };
  if (placeCache.size > 4096) placeCache.clear();
  placeCache.set(path7, p);
  return p;
}
function isMinifiedLine(line) {
  if (line.length < 500) return false;
  let ws = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) ws++;
  }
  return ws / line.length < 0.05;
}
function isNowhereHost(host) {
  return NOWHERE_HOST.test(host.replace(/:\d+$|:\$\{[^}]*\}$|:\w+$/, ""));
}
function urlHostAfter(text, end) {
  if (text.charAt(end) !== "@") return void 0;
  const m = /^@((?:\[[^\]]*\]|\$\{[^}\n]*\}|[^\s/?#"'`<>)])+)/.exec(text.slice(end, end + 300));
  return m?.[1];
}
function lineMentionsNowhereHost(line) {
  return /\/\/(?:[^\s/@]*@)?(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0|[\w.-]*example\.(?:com|org|net)|[\w.-]+\.(?:test|example|invalid|localhost))\b|['"](?:localhost|127\.0\.0\.1)['"]/i.test(
    line
  );
}
function lineAround(text, at) {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const nl = text.indexOf("\n", at);
  return { line: text.slice(start, nl === -1 ? void 0 : nl), start };
}
function inComment(line, col) {
  const head = line.slice(0, col);
  if (/^\s*(?:\/\/|#(?!!)|--\s|;|\*|\/\*|<!--)/.test(head)) return true;
  const bare = head.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
  return /(?:^|\s)\/\/|\s#\s/.test(bare) && !/:\/\/$/.test(bare.trimEnd());
}
function inDocstring(text, at) {
  const before = text.slice(Math.max(0, at - 4e3), at);
  const triple = (before.match(/"""|'''/g) ?? []).length;
  if (triple % 2 === 1) return true;
  const open = before.lastIndexOf("/*");
  return open !== -1 && before.indexOf("*/", open) === -1;
}
function capAt(s, cap) {
  return SEVERITY_ORDER.indexOf(s) > SEVERITY_ORDER.indexOf(cap) ? cap : s;
}
function raiseTo(s, floor) {
  return SEVERITY_ORDER.indexOf(s) < SEVERITY_ORDER.indexOf(floor) ? floor : s;
}
var TEST_PATH, DOCS_PATH, EXAMPLE_PATH, GENERATED_PATH, DEPLOY_PATH, placeCache, NOWHERE_HOST, SEVERITY_ORDER;
var init_context = __esm({
  "src/rules/secrets/context.ts"() {
    "use strict";
    TEST_PATH = /(?:^|\/)(?:tests?|__tests__|__mocks__|mocks?|specs?|fixtures?|__fixtures__|testdata|test[-_]data|e2e|cypress|testing|test[-_]?utils)\/|(?:^|\/)[^/]*[._-](?:test|spec|tests|specs|e2e)\.[A-Za-z0-9]+$|(?:^|\/)test_[^/]*\.py$|_test\.(?:go|py|rb|exs?)$|(?:Test|Tests|Spec|IT)\.(?:java|kt|cs|scala|groovy|swift)$|(?:^|\/)conftest\.py$/i;
    DOCS_PATH = /\.(?:md|mdx|markdown|rst|adoc|asciidoc|textile|rdoc)$|(?:^|\/)(?:docs?|documentation|examples?|samples?|demos?|website\/docs)\/|(?:^|\/)(?:README|CHANGELOG|CHANGES|HISTORY|CONTRIBUTING|UPGRADING|MIGRATION)(?:\.[^/]*)?$/i;
    EXAMPLE_PATH = /\.(?:example|examples|sample|samples|template|tmpl|tpl|dist|default|defaults|skel)$|(?:^|\/)[^/]*\.(?:example|sample|template)\.[A-Za-z0-9]+$/i;
    GENERATED_PATH = /\.min\.(?:m?js|cjs|css)$|\.(?:m?js|cjs|css)\.map$|\.map$|(?:^|\/)\.yarn\/(?:releases|plugins|sdks|cache)\/|(?:^|\/)\.pnp\.c?js$|(?:^|\/)(?:dist|build|bundles?|out|public\/build)\/(?:[^/]+\/)*[^/]+\.(?:m?js|cjs)$|\.(?:bundle|chunk)\.m?js$|(?:^|\/)vendor(?:ed)?\/(?:[^/]+\/)*[^/]+\.m?js$/i;
    DEPLOY_PATH = /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$|(?:^|\/)\.env(?:\.[\w-]+)?$|(?:^|\/)[^/]+\.env$|(?:^|\/)(?:group_vars|host_vars|vars|defaults)\/|(?:^|\/)(?:k8s|kube|kubernetes|manifests|helm|charts|deploy|deployment|deployments|overlays|base)\/[^/]*\.ya?ml$|(?:^|\/)values(?:[.-][\w-]+)?\.ya?ml$|\.tfvars(?:\.json)?$|(?:^|\/)(?:secrets?|credentials)\.(?:ya?ml|json|ini|conf|properties)$|(?:^|\/)application(?:-[\w-]+)?\.(?:ya?ml|properties)$|(?:^|\/)(?:settings|config)\.(?:ini|conf|cfg)$/i;
    placeCache = /* @__PURE__ */ new Map();
    NOWHERE_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[?::1\]?|(?:[\w-]+\.)*(?:example|localhost|test|invalid|local)|(?:[\w-]+\.)*example\.(?:com|org|net|edu)|host|hostname|server|domain|your[-_]?\w*|my[-_]?\w*|[\w.-]*\$\{[^}]*\}[\w.-]*|\$\w+|<[^>]*>|\{\{[^}]*\}\})$/i;
    SEVERITY_ORDER = ["info", "low", "medium", "high", "critical"];
  }
});

// src/rules/secrets/detect.ts
function capSeverity(s, cap) {
  const order = ["info", "low", "medium", "high", "critical"];
  return order.indexOf(s) > order.indexOf(cap) ? cap : s;
}
function contained(set, kw) {
  let map = containedKeywords.get(set);
  if (!map) containedKeywords.set(set, map = /* @__PURE__ */ new Map());
  let list2 = map.get(kw);
  if (!list2) {
    list2 = [kw];
    for (const o of set.byKeyword.keys()) if (o !== kw && kw.includes(o)) list2.push(o);
    map.set(kw, list2);
  }
  return list2;
}
function candidateRules(text, set) {
  const found = /* @__PURE__ */ new Set();
  if (text.length <= SMALL_TEXT2 && includesBudget > 0) {
    includesBudget -= text.length;
    const lower = text.toLowerCase();
    for (const [kw, rules2] of set.byKeyword) if (lower.includes(kw)) for (const r of rules2) found.add(r);
    return [...found];
  }
  const re = set.keywordRe;
  const seenKw = /* @__PURE__ */ new Set();
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    const kw = m[0].toLowerCase();
    re.lastIndex = m.index + 1;
    if (seenKw.has(kw)) continue;
    for (const k of contained(set, kw)) {
      if (seenKw.has(k)) continue;
      seenKw.add(k);
      for (const r of set.byKeyword.get(k) ?? []) found.add(r);
    }
    if (seenKw.size === set.byKeyword.size) break;
  }
  return [...found];
}
function narrowRuleSet(set, text) {
  const rules2 = new Set(candidateRules(text, set));
  for (const run2 of findEncoded(text)) for (const r of candidateRules(run2.decoded, set)) rules2.add(r);
  return ruleSetOf([...rules2]);
}
function detectSecrets(text, set, globalAllow = [], ctx = {}) {
  const hits = scanText(text, set, globalAllow, ctx);
  for (const run2 of findEncoded(text)) {
    for (const h of scanText(run2.decoded, set, globalAllow, { ...ctx.path ? { path: ctx.path } : {} })) {
      const [start, end] = mapBack(run2, h.start, h.end);
      hits.push({
        ...h,
        secret: text.slice(start, end),
        start,
        end,
        why: `${h.why}; inside ${run2.encoding}-encoded text`
      });
    }
  }
  return dedupe(hits);
}
function describe(rule127, secret) {
  const e = rule127.p.entropy !== void 0 ? `, entropy ${shannonEntropy(secret).toFixed(1)}` : "";
  return `matched ${rule127.p.id}${e}`;
}
function isHeuristic(rule127) {
  return rule127.p.id.startsWith("generic-") || HEURISTIC_VALIDATORS.has(rule127.p.validate ?? "");
}
function docsExampleKey(s) {
  return `${s.length}:${crc32(s).toString(36)}:${crc32([...s].reverse().join("")).toString(36)}`;
}
function isDocsExample(s) {
  return s.length >= 16 && s.length <= 400 && DOCS_EXAMPLES.has(docsExampleKey(s));
}
function weigh(rule127, text, start, end, severity, confidence, why, quality, path7) {
  const secret = text.slice(start, end);
  if (isDocsExample(secret))
    return { severity: "low", confidence: "low", why: `${why}; identical to an example in the provider's public docs` };
  const { line, start: ls } = lineAround(text, start);
  if (!isHeuristic(rule127)) {
    if (rule127.p.id === "gcp-api-key" && /authDomain|messagingSenderId|firebaseConfig|initializeApp\(/.test(
      text.slice(Math.max(0, start - 600), end + 600)
    ))
      return {
        severity: capAt(severity, "low"),
        confidence: "low",
        why: `${why}; in a Firebase web config, where the key is public by design (restrict it by referrer and API)`
      };
    const after = text.slice(end, end + 8);
    if (FILE_EXT_AFTER.test(after)) return { drop: "part of a file name, not a token" };
    const seg = line.slice(0, start - ls).split(/[\s"'`(=]/).pop() ?? "";
    if (/:\/\/|^\/|\//.test(seg) && /<img|!\[|\bsrc=|\.(?:png|jpe?g|gif|svg|webp)\b/i.test(line) && !/[?&]/.test(seg))
      return { drop: "part of an image path, not a token" };
    return { severity, confidence, why };
  }
  const place = path7 !== void 0 ? placeOf(path7) : void 0;
  if (place?.generated)
    return { drop: "generated file (minified bundle, source map or vendored release)", generated: true };
  if (isMinifiedLine(line)) return { drop: "minified line (generated code)", generated: true };
  const notes = [];
  let sev = severity;
  let conf = confidence;
  const cap = (to, note) => {
    const capped = capAt(sev, to);
    if (capped !== sev) notes.push(note);
    sev = capped;
    if (to === "low") conf = "low";
  };
  if (quality === "weak" && place?.deploy && !place.test) {
    sev = raiseTo(sev, "high");
    notes.push("deploy configuration");
  }
  const host = urlHostAfter(text, end);
  if (host !== void 0 ? isNowhereHost(host) : lineMentionsNowhereHost(line))
    cap(
      "low",
      host !== void 0 ? `for ${host.replace(/\$\{[^}]*\}/g, "${\u2026}").slice(0, 60)}, a loopback or example host` : "next to a loopback or example host"
    );
  if (place?.test) cap("low", "test code");
  if (quality === "placeholder") cap("low", "placeholder-like");
  if (inComment(line, start - ls)) cap("medium", "in a comment");
  else if (inDocstring(text, start)) cap("medium", "in a docstring or block comment");
  if (place?.docs) cap(quality ? "low" : "medium", "documentation");
  else if (place?.example) cap(quality ? "low" : "medium", "an example/template file");
  return { severity: sev, confidence: conf, why: notes.length ? `${why}; ${notes.join(", ")}` : why };
}
function scanText(text, set, globalAllow, ctx) {
  const drop = (rule127, start, end, reason, generated) => ctx.onDrop?.({
    ruleId: rule127.p.id,
    start,
    end,
    secret: text.slice(start, end),
    reason,
    ...generated ? { generated } : {}
  });
  const hits = [];
  for (const rule127 of candidateRules(text, set)) {
    const re = rule127.regex;
    re.lastIndex = 0;
    let count = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (++count > MAX_MATCHES_PER_RULE) break;
      let g = rule127.group;
      if (g < 0) {
        g = 0;
        for (let i = 1; i < m.length; i++)
          if (m[i] !== void 0) {
            g = i;
            break;
          }
      }
      const secret = m[g];
      const span = m.indices?.[g];
      if (secret === void 0 || !span) continue;
      const [start, end] = span;
      if (rule127.allow.some((a) => a.test(secret))) {
        drop(rule127, start, end, "the rule's allow list (a documented example or placeholder)");
        continue;
      }
      const allowed = globalAllow.find((a) => a.test(secret));
      if (rule127.p.entropy !== void 0) {
        const e = shannonEntropy(secret);
        if (e < rule127.p.entropy) {
          drop(rule127, start, end, `entropy ${e.toFixed(1)} below the rule's ${rule127.p.entropy}`);
          continue;
        }
      }
      let severity = rule127.p.severity;
      let confidence = rule127.p.confidence ?? "high";
      let why = describe(rule127, secret);
      let quality;
      if (rule127.p.validate) {
        const v = VALIDATORS[rule127.p.validate]?.({ secret, match: m[0], text, index: m.index });
        if (v) {
          if (v.verdict === "reject") {
            drop(rule127, start, end, v.why ?? `rejected by the ${rule127.p.validate} check`);
            continue;
          }
          quality = v.quality;
          if (v.verdict === "invalid") {
            severity = capSeverity(severity, "low");
            confidence = "low";
          }
          if (v.severity) severity = v.verdict === "invalid" ? capSeverity(v.severity, "low") : v.severity;
          if (v.confidence) confidence = v.confidence;
          if (v.why) why = v.why;
        }
      }
      const w = weigh(rule127, text, start, end, severity, confidence, why, quality, ctx.path);
      if ("drop" in w) {
        drop(rule127, start, end, w.drop, w.generated);
        continue;
      }
      ({ severity, confidence, why } = w);
      hits.push({
        rule: rule127,
        secret,
        start,
        end,
        severity,
        confidence,
        why,
        ...allowed ? { allowedBy: `config allow: ${allowed.source}` } : {}
      });
    }
  }
  return hits;
}
function dedupe(hits) {
  const rank = (h) => (h.rule.p.id.startsWith("generic") ? 0 : CONTAINER_VALIDATORS.has(h.rule.p.validate ?? "") ? 1e8 : 2e8) + (h.end - h.start) * 100 + ["info", "low", "medium", "high", "critical"].indexOf(h.severity) * 10 + ["low", "medium", "high"].indexOf(h.confidence);
  const sorted = [...hits].sort((a, b) => rank(b) - rank(a));
  const kept = [];
  for (const h of sorted) {
    if (kept.some((k) => h.start < k.end && k.start < h.end)) continue;
    kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}
var MAX_MATCHES_PER_RULE, containedKeywords, SMALL_TEXT2, includesBudget, HEURISTIC_VALIDATORS, DOCS_EXAMPLES, FILE_EXT_AFTER, CONTAINER_VALIDATORS;
var init_detect = __esm({
  "src/rules/secrets/detect.ts"() {
    "use strict";
    init_entropy();
    init_load();
    init_validators();
    init_decode();
    init_context();
    MAX_MATCHES_PER_RULE = 200;
    containedKeywords = /* @__PURE__ */ new WeakMap();
    SMALL_TEXT2 = 32 * 1024;
    includesBudget = 256 * 1024;
    HEURISTIC_VALIDATORS = /* @__PURE__ */ new Set(["generic-value", "credential-value", "docker-auth"]);
    DOCS_EXAMPLES = /* @__PURE__ */ new Set(["155:1lc66x2:z60ehr", "32:x4y0s0:1p2wv51", "32:12rhejz:1jivp3x", "28:xza3rx:1uyqbot"]);
    FILE_EXT_AFTER = /^\.(?:png|jpe?g|gif|svg|webp|ico|bmp|html?|php|aspx?|jsp|css|m?js|pdf|md|txt)\b/i;
    CONTAINER_VALIDATORS = /* @__PURE__ */ new Set(["generic-value", "k8s-secret-data", "docker-auth", "credential-value"]);
  }
});

// src/owners/index.ts
function escape(c) {
  return /[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
}
function patternRegExp(pattern) {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let p = pattern.replace(/\\(.)/g, "\0$1");
  const dirOnly = p.endsWith("/");
  if (dirOnly) p = p.replace(/\/+$/, "");
  const anchored = p.startsWith("/") || p.includes("/");
  p = p.replace(/^\/+/, "");
  const segments = p.split("/");
  const last = segments[segments.length - 1];
  let body = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\0") {
      body += escape(p[++i] ?? "");
    } else if (c === "*") {
      if (p[i + 1] === "*") {
        const before = i === 0 || p[i - 1] === "/";
        const after = p[i + 2];
        if (before && after === "/") {
          body += "(?:.*/)?";
          i += 2;
        } else if (before && after === void 0) {
          body += ".*";
          i += 1;
        } else {
          body += "[^/]*";
          i += 1;
        }
      } else body += "[^/]*";
    } else if (c === "?") body += "[^/]";
    else body += escape(c);
  }
  const prefix = anchored ? "^" : "^(?:.*/)?";
  const suffix = dirOnly ? "/.*$" : last === "*" ? "$" : "(?:/.*)?$";
  const re = new RegExp(prefix + body + suffix);
  cache.set(pattern, re);
  return re;
}
function pathMatches(pattern, file) {
  return patternRegExp(pattern).test(file);
}
function ruleMatches(selector, f) {
  const s = selector.toLowerCase();
  if (s === f.category) return true;
  const id = f.ruleId.toLowerCase();
  if (!/[*?]/.test(s)) return s === id;
  const re = new RegExp(
    "^" + s.split("").map((c) => c === "*" ? ".*" : c === "?" ? "." : escape(c)).join("") + "$"
  );
  return re.test(id);
}
function isOwner(s) {
  return OWNER.test(s);
}
function parseCodeowners(text, file = "CODEOWNERS") {
  const out = { rules: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const tokens = [];
    let cur = "";
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (c === "\\" && j + 1 < line.length) {
        cur += c + line[++j];
      } else if (/\s/.test(c)) {
        if (cur) tokens.push(cur);
        cur = "";
      } else if (c === "#" && !cur)
        break;
      else cur += c;
    }
    if (cur) tokens.push(cur);
    const [pattern, ...owners] = tokens;
    if (!pattern) return;
    const bad = owners.filter((o) => !isOwner(o));
    if (bad.length) out.problems.push({ line: i + 1, message: `not an owner: ${bad.join(", ")} (ignored)` });
    if (pattern.startsWith("!") || /(?<!\\)\[/.test(pattern)) {
      out.problems.push({
        line: i + 1,
        message: `"${pattern}": CODEOWNERS does not support ${pattern.startsWith("!") ? "! negation" : "[ ] ranges"} (line ignored)`
      });
      return;
    }
    out.rules.push({ paths: [pattern], owners: owners.filter(isOwner), source: `${file}:${i + 1}` });
  });
  return out;
}
function ownersFor(o, f) {
  for (let i = o.rules.length - 1; i >= 0; i--) {
    const r = o.rules[i];
    if (r.paths && !r.paths.some((p) => pathMatches(p, f.file))) continue;
    if (r.rules && !r.rules.some((s) => ruleMatches(s, f))) continue;
    return r.owners;
  }
  return [];
}
function assignOwners(o, findings) {
  for (const f of findings) f.owners = ownersFor(o, f);
}
var CODEOWNERS_PATHS, cache, OWNER;
var init_owners = __esm({
  "src/owners/index.ts"() {
    "use strict";
    CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];
    cache = /* @__PURE__ */ new Map();
    OWNER = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;
  }
});

// src/rules/secrets/types.ts
function unsplit(s) {
  return s.split(EXAMPLE_SPLIT).join("");
}
var EXAMPLE_SPLIT;
var init_types2 = __esm({
  "src/rules/secrets/types.ts"() {
    "use strict";
    EXAMPLE_SPLIT = "\u2039\u203A";
  }
});

// src/rules/secrets/mask.ts
function mask(secret) {
  const pem = /^-----BEGIN [A-Z0-9 ]{1,40}-----/.exec(secret);
  if (pem && secret.length > pem[0].length + 16) return `${pem[0]}\u2026`;
  const n = secret.length;
  if (n === 0) return "";
  if (n < 8) return "*".repeat(Math.max(3, n));
  const prefix = n >= 24 ? Math.min(4, Math.floor(n / 6)) : n >= 12 ? 2 : 1;
  const suffix = n >= 16 ? 2 : 0;
  const shown = secret.slice(0, prefix) + "\u2026" + (suffix ? secret.slice(n - suffix) : "");
  return shown;
}
function entropy(s) {
  const counts2 = /* @__PURE__ */ new Map();
  for (const ch of s) counts2.set(ch, (counts2.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts2.values()) h -= c / s.length * Math.log2(c / s.length);
  return h;
}
function credentialLikeRanges(line) {
  const out = [];
  const add = (m, group2) => {
    const v = m[group2];
    const span = m.indices?.[group2];
    if (v && span && v.length >= 4 && !/^\$\{|^\{\{|^<[^>]*>$|^\*+$|^(?:null|none|true|false|undefined)$/i.test(v))
      out.push([span[0], span[1]]);
  };
  for (const m of line.matchAll(
    /(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|credentials?|private[_-]?key)[\w.-]{0,20}["'\]]{0,2}\s{0,3}(?::=|=>|=|:)\s{0,3}["'`]?([^\s"'`,;<>(){}[\]]+)/dgi
  ))
    add(m, 1);
  for (const m of line.matchAll(/\/\/[^\s:/@"'`]{1,100}:([^\s@/"'`]{1,200})@/dg)) add(m, 1);
  for (const m of line.matchAll(/\b(?:Basic|Bearer|Token)\s{1,3}([A-Za-z0-9+/=_.~-]{8,})/dg)) add(m, 1);
  for (const m of line.matchAll(/[A-Za-z0-9+/=_~-]{20,}(?:\.[A-Za-z0-9+/=_~-]{8,}){0,2}/dg)) {
    const v = m[0];
    if (/[0-9]/.test(v) && /[A-Za-z]/.test(v) && entropy(v) >= 3.5 && !/^[a-z_-]+$|^[A-Z_-]+$/.test(v))
      out.push([m.index, m.index + v.length]);
  }
  return out;
}
function mergeRanges(ranges) {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
function maskLine(line, ranges, width = 160) {
  const anchor = ranges.length ? Math.min(...ranges.map((r) => r[0])) : -1;
  const lo = Math.max(0, anchor - width - 200);
  const hi = Math.min(line.length, Math.max(anchor, 0) + 2 * width + 200);
  const extra = credentialLikeRanges(line.slice(lo, hi)).map(([s, e]) => [s + lo, e + lo]);
  const sorted = mergeRanges([...ranges, ...extra]);
  let out = "";
  let pos = 0;
  let firstStart = -1;
  for (const [s, e] of sorted) {
    if (s < pos) continue;
    out += line.slice(pos, s);
    if (firstStart < 0 && (anchor < 0 || s <= anchor && anchor < e)) firstStart = out.length;
    out += mask(line.slice(s, e));
    pos = e;
  }
  out += line.slice(pos);
  out = out.replace(/\t/g, " ").replace(/[\u0000-\u001f\u007f]/g, "?");
  if (out.length <= width) return out.trimEnd();
  const from = Math.max(0, (firstStart < 0 ? 0 : firstStart) - Math.floor(width / 3));
  const to = Math.min(out.length, from + width);
  return (from > 0 ? "\u2026" : "") + out.slice(from, to) + (to < out.length ? "\u2026" : "");
}
var init_mask = __esm({
  "src/rules/secrets/mask.ts"() {
    "use strict";
  }
});

// src/rules/secrets/safety.ts
function checkRegexSafety(source) {
  const stack = [{ start: 0, unbounded: false, alternatives: [], altStart: 0 }];
  let inClass = false;
  const isUnboundedQuantAt = (i) => {
    const c = source[i];
    if (c === "*" || c === "+") return { unbounded: true, quantified: true, len: 1 };
    if (c === "?") return { unbounded: false, quantified: true, len: 1 };
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m) {
        const unbounded = m[2] !== void 0 && (m[3] === "" || Number(m[3]) > 100);
        return { unbounded, quantified: true, len: m[0].length };
      }
    }
    return { unbounded: false, quantified: false, len: 0 };
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      continue;
    }
    if (c === "(") {
      stack.push({ start: i, unbounded: false, alternatives: [], altStart: i + 1 });
      continue;
    }
    if (c === "|") {
      const top = stack[stack.length - 1];
      top.alternatives.push(source.slice(top.altStart, i));
      top.altStart = i + 1;
      continue;
    }
    if (c === ")") {
      const frame = stack.pop();
      if (!frame || stack.length === 0) return void 0;
      frame.alternatives.push(source.slice(frame.altStart, i));
      const q2 = isUnboundedQuantAt(i + 1);
      if (q2.unbounded && frame.unbounded) {
        return `nested unbounded repetition in ${source.slice(frame.start, i + 1 + q2.len)} can backtrack exponentially`;
      }
      if (q2.unbounded) {
        const alts = frame.alternatives.map((a) => a.replace(/^\?(?::|<?[=!]|<[A-Za-z_]\w*>)/, ""));
        if (new Set(alts).size < alts.length)
          return `repeated alternation with identical branches in ${source.slice(frame.start, i + 1)}`;
      }
      const parent = stack[stack.length - 1];
      if (frame.unbounded || q2.unbounded) parent.unbounded = true;
      i += q2.len;
      continue;
    }
    const q = isUnboundedQuantAt(i);
    if (q.unbounded) stack[stack.length - 1].unbounded = true;
    if (q.len > 1) i += q.len - 1;
  }
  return void 0;
}
var init_safety = __esm({
  "src/rules/secrets/safety.ts"() {
    "use strict";
  }
});

// src/parse/yaml.ts
var yaml_exports = {};
__export(yaml_exports, {
  isAlias: () => import_yaml2.isAlias,
  isMap: () => import_yaml2.isMap,
  isPair: () => import_yaml2.isPair,
  isScalar: () => import_yaml2.isScalar,
  isSeq: () => import_yaml2.isSeq,
  nodePos: () => nodePos,
  parse: () => import_yaml2.parse,
  parseYaml: () => parseYaml,
  parseYamlAll: () => parseYamlAll
});
function cleanMessage(msg) {
  return msg.split("\n")[0].replace(/ at line \d+, column \d+:?.*$/, "").trim();
}
function parseYamlAll(text) {
  const lc = new import_yaml.LineCounter();
  const docs = (0, import_yaml.parseAllDocuments)(text, { ...LIMITS, lineCounter: lc });
  const list2 = Array.isArray(docs) ? docs : [];
  const errors = [];
  for (const d of list2)
    for (const e of d.errors) errors.push({ line: lc.linePos(e.pos[0]).line, message: cleanMessage(e.message) });
  return { docs: list2, lc, errors };
}
function parseYaml(text) {
  const lc = new import_yaml.LineCounter();
  const doc3 = (0, import_yaml.parseDocument)(text, { ...LIMITS, lineCounter: lc });
  const errors = doc3.errors.map((e) => ({ line: lc.linePos(e.pos[0]).line, message: cleanMessage(e.message) }));
  return { doc: doc3, lc, errors };
}
function nodePos(node, lc) {
  if (!(0, import_yaml.isNode)(node) || !node.range) return void 0;
  const [start, valueEnd] = node.range;
  const s = lc.linePos(start);
  const e = lc.linePos(valueEnd);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
var import_yaml, import_yaml2, LIMITS;
var init_yaml = __esm({
  "src/parse/yaml.ts"() {
    "use strict";
    import_yaml = __toESM(require_dist(), 1);
    import_yaml2 = __toESM(require_dist(), 1);
    LIMITS = { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false, strict: false };
  }
});

// src/config/load.ts
import { existsSync as existsSync2, readFileSync as readFileSync3 } from "node:fs";
import path from "node:path";
function emptyConfig() {
  return { ignore: [], rules: /* @__PURE__ */ new Map(), allow: [], patterns: [] };
}
function findConfig(root) {
  for (const n of CONFIG_NAMES) {
    const p = path.join(root, n);
    if (existsSync2(p)) return p;
  }
  return void 0;
}
async function loadConfig(file, knownRules, display = file, knownCategories = /* @__PURE__ */ new Set(["secret", "cloudformation", "ansible"])) {
  let text;
  try {
    text = readFileSync3(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `config ${display}: cannot read (${e.code ?? e.message})`
    );
  }
  const { parseYaml: parseYaml2, isMap: isMap6, isScalar: isScalar6, isSeq: isSeq6 } = await Promise.resolve().then(() => (init_yaml(), yaml_exports));
  const { doc: doc3, lc, errors: parseErrors } = parseYaml2(text);
  const lastLine = Math.max(1, text.replace(/\n$/, "").split("\n").length);
  const errors = parseErrors.map((e) => `${display}:${Math.min(e.line ?? 1, lastLine)}: ${e.message}`);
  const at = (node) => {
    const r = node?.range;
    return r ? lc.linePos(r[0]).line : 1;
  };
  const cfg = { ...emptyConfig(), file };
  if (errors.length) throw new UsageError(`invalid config:
  ${errors.join("\n  ")}`);
  const root = doc3.contents;
  if (root === null || isScalar6(root) && (root.value === null || root.value === "")) return cfg;
  if (!isMap6(root)) throw new UsageError(`invalid config:
  ${display}:${at(root)}: expected a mapping of settings`);
  const err = (node, msg) => errors.push(`${display}:${at(node)}: ${msg}`);
  const strings2 = (node, what) => {
    if (!isSeq6(node)) {
      err(node, `${what} must be a list of strings`);
      return [];
    }
    const out = [];
    for (const item of node.items) {
      if (isScalar6(item) && typeof item.value === "string") out.push(item.value);
      else err(item, `${what}: every entry must be a string`);
    }
    return out;
  };
  const mapping = (node, what, keys) => {
    if (!isMap6(node)) {
      err(node, `${what} must be a mapping (${keys.join(", ")})`);
      return void 0;
    }
    const m = /* @__PURE__ */ new Map();
    for (const p of node.items) {
      const k = isScalar6(p.key) ? String(p.key.value) : "";
      if (!keys.includes(k)) err(p.key, `${what}: unknown key "${k}" (known: ${keys.join(", ")})`);
      else m.set(k, p.value ?? p.key);
    }
    return m;
  };
  const text1 = (node, what) => {
    if (isScalar6(node) && typeof node.value === "string" && node.value.trim()) return node.value.trim();
    err(node, `${what} must be a non-empty string`);
    return void 0;
  };
  let patternsNode;
  const ruleNodes = [];
  const selectorNodes = [];
  for (const pair of root.items) {
    const key = isScalar6(pair.key) ? String(pair.key.value) : "";
    const v = pair.value;
    switch (key) {
      case "failOn": {
        const s = isScalar6(v) ? v.value : void 0;
        if (s === "none" || isSeverity(s) && s !== "info") cfg.failOn = s;
        else err(v ?? pair.key, `failOn must be one of critical, high, medium, low, none`);
        break;
      }
      case "ignore":
        cfg.ignore = strings2(v, "ignore");
        break;
      case "baseline":
        if (isScalar6(v) && typeof v.value === "string") cfg.baseline = v.value;
        else err(v ?? pair.key, "baseline must be a file path");
        break;
      case "allow":
        for (const [i, s] of strings2(v, "allow").entries()) {
          try {
            const re = new RegExp(s);
            const unsafe = checkRegexSafety(s);
            if (unsafe) err(isSeq6(v) ? v.items[i] : v, `allow regex /${s}/ is unsafe: ${unsafe}`);
            else cfg.allow.push(re);
          } catch (e) {
            err(isSeq6(v) ? v.items[i] : v, `allow regex does not compile: ${e.message}`);
          }
        }
        break;
      case "rules":
        if (!isMap6(v)) {
          err(v ?? pair.key, "rules must map rule ids to off or a severity");
          break;
        }
        for (const rp of v.items) {
          const id = isScalar6(rp.key) ? String(rp.key.value) : "";
          const val = isScalar6(rp.value) ? rp.value.value : void 0;
          const setting = val === false ? "off" : val;
          if (setting !== "off" && !isSeverity(setting))
            err(rp.value ?? rp.key, `rules.${id}: expected off or one of critical, high, medium, low, info`);
          else cfg.rules.set(id.toLowerCase(), setting);
          ruleNodes.push([id, rp.key]);
        }
        break;
      case "patterns":
        patternsNode = v;
        break;
      case "owners": {
        if (!isSeq6(v)) {
          err(v ?? pair.key, "owners must be a list of {paths, rules, owners} entries");
          break;
        }
        cfg.owners = [];
        for (const [i, item] of v.items.entries()) {
          const what = `owners[${i}]`;
          const m = mapping(item, what, ["paths", "rules", "owners"]);
          if (!m) continue;
          const entry = { owners: [], source: `${display}:${at(item)}` };
          if (!m.has("owners"))
            err(item, `${what}: owners is required (a list of @user, @org/team or e-mail; [] for nobody)`);
          else
            for (const [j, o] of strings2(m.get("owners"), `${what}.owners`).entries()) {
              if (isOwner(o)) entry.owners.push(o);
              else
                err(
                  m.get("owners").items[j],
                  `${what}.owners: "${o}" is not @user, @org/team or an e-mail address`
                );
            }
          if (m.has("paths")) {
            const node = m.get("paths");
            entry.paths = strings2(node, `${what}.paths`);
            entry.paths.forEach((p, j) => {
              if (p.startsWith("!") || p.includes("["))
                err(
                  node.items?.[j],
                  `${what}.paths: "${p}": negation and [ ] ranges are not supported (as in CODEOWNERS)`
                );
            });
          }
          if (m.has("rules")) {
            const node = m.get("rules");
            entry.rules = strings2(node, `${what}.rules`);
            entry.rules.forEach((r, j) => selectorNodes.push([r, node.items?.[j]]));
          }
          cfg.owners.push(entry);
        }
        break;
      }
      case "escalation": {
        const m = mapping(v ?? pair.key, "escalation", ["contact", "doc"]);
        if (!m) break;
        const esc = {};
        if (m.has("contact")) {
          const c = text1(m.get("contact"), "escalation.contact");
          if (c) esc.contact = c;
        }
        if (m.has("doc")) {
          const d = text1(m.get("doc"), "escalation.doc");
          if (d) esc.doc = d;
        }
        if (!m.size) err(v ?? pair.key, "escalation needs a contact, a doc or both");
        cfg.escalation = esc;
        break;
      }
      case "revoked": {
        const m = mapping(v ?? pair.key, "revoked", ["users", "keys"]);
        if (!m) break;
        const users = m.has("users") ? strings2(m.get("users"), "revoked.users") : [];
        const keysNode = m.get("keys");
        const keys = m.has("keys") ? strings2(keysNode, "revoked.keys") : [];
        keys.forEach((k, j) => {
          if (/^SHA256:/i.test(k) && !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(k))
            err(
              keysNode?.items?.[j],
              `revoked.keys: "${k}" is not a SHA256 fingerprint as ssh-keygen -l prints it (SHA256: and 43 base64 characters)`
            );
        });
        cfg.revoked = { users, keys };
        break;
      }
      default:
        err(pair.key, `unknown key "${key}" (known: ${KEYS.join(", ")})`);
    }
  }
  if (patternsNode !== void 0) {
    const raw = patternsNode.toJSON?.() ?? null;
    const items = isSeq6(patternsNode) ? patternsNode.items : [];
    const nodeOf2 = (i, key) => {
      const item = items[i];
      if (key && isMap6(item)) {
        const pair = item.items.find((p) => isScalar6(p.key) && p.key.value === key);
        if (pair) return pair.key;
      }
      return item ?? patternsNode;
    };
    const lineOf = (i, key) => `${display}:${at(nodeOf2(i, key))}: patterns`;
    const { patterns, errors: perrs } = validatePatterns(raw, `${display}:${at(patternsNode)}: patterns`, lineOf);
    errors.push(...perrs);
    for (const [i, p] of patterns.entries()) {
      if (knownRules.has(p.id)) errors.push(`${lineOf(i, "id")}: rule "${p.id}" has the id of a built-in rule`);
      const unsafe = typeof p.regex === "string" ? checkRegexSafety(p.regex) : void 0;
      if (unsafe) errors.push(`${lineOf(i, "regex")}: rule "${p.id}" regex is unsafe: ${unsafe}`);
    }
    if (!errors.length)
      for (const [pi, p] of patterns.entries()) {
        const set = compileRuleSet([p]);
        p.examples.match.forEach((ex, i) => {
          if (!detectSecrets(unsplit(ex), set).length)
            errors.push(`${lineOf(pi, "examples")}: rule "${p.id}" does not match its example ${i + 1} (${mask(ex)})`);
        });
        p.examples.nomatch.forEach((ex, i) => {
          if (detectSecrets(unsplit(ex), set).length)
            errors.push(`${lineOf(pi, "examples")}: rule "${p.id}" matches its nomatch example ${i + 1} (${mask(ex)})`);
        });
      }
    cfg.patterns = patterns.map((p) => ({ ...p, keywords: p.keywords.map((k) => k.toLowerCase()), source: display }));
  }
  const known2 = /* @__PURE__ */ new Set([...knownRules, ...cfg.patterns.map((p) => p.id)]);
  for (const [id, node] of ruleNodes)
    if (!known2.has(id.toLowerCase())) err(node, `rules: unknown rule id "${id}" (see hookguard rules)`);
  if (knownRules.size)
    for (const [sel, node] of selectorNodes) {
      const s = sel.toLowerCase();
      if (knownCategories.has(s) || known2.has(s)) continue;
      if (/[*?]/.test(s)) {
        if ([...known2].some((k) => ruleMatches(s, { ruleId: k, category: "" }))) continue;
        err(node, `owners: rule glob "${sel}" matches no rule (see hookguard rules)`);
      } else
        err(
          node,
          `owners: "${sel}" is neither a rule id nor a category (${[...knownCategories].sort().join(", ")}; see hookguard rules)`
        );
    }
  if (errors.length) throw new UsageError(`invalid config:
  ${errors.join("\n  ")}`);
  return cfg;
}
var CONFIG_NAMES, KEYS;
var init_load2 = __esm({
  "src/config/load.ts"() {
    "use strict";
    init_types();
    init_owners();
    init_load();
    init_detect();
    init_types2();
    init_mask();
    init_safety();
    CONFIG_NAMES = [".hookguard.yaml", ".hookguard.yml"];
    KEYS = ["failOn", "ignore", "rules", "allow", "patterns", "baseline", "owners", "escalation", "revoked"];
  }
});

// src/suppress/inline.ts
function hookguardAllow(lineText2, ruleId, isRuleId) {
  if (!lineText2.toLowerCase().includes("hookguard:allow")) return void 0;
  let problem;
  for (const m of lineText2.matchAll(MARKER2)) {
    const rest = (m[1] ?? "").replace(/\s*(?:\*\/|-->|%>|#>|\}\})\s*$/, "").trim();
    const [first = "", ...others] = rest.split(/\s+/);
    const named = first && isRuleId(first.toLowerCase()) ? first.toLowerCase() : void 0;
    if (!named && RULE_SHAPED.test(first)) {
      problem ??= { unknownRule: first };
      continue;
    }
    if (named && named !== ruleId.toLowerCase()) continue;
    const reason = (named ? others.join(" ") : rest).trim();
    return { reason: reason || "inline hookguard:allow (no reason given)" };
  }
  return problem;
}
function inlineAllow(lineText2, ruleId, isRuleId, opts = {}) {
  const here = hookguardAllow(lineText2, ruleId, isRuleId);
  if (here && "reason" in here) return here;
  const above = opts.above !== void 0 && /^\s*(?:#|\/\/|\/\*|\*|--|;|<!--|%|'|rem\b)/i.test(opts.above) ? hookguardAllow(opts.above, ruleId, isRuleId) : void 0;
  if (above && "reason" in above) return { ...above, reason: above.reason };
  if (opts.secret)
    for (const f of FOREIGN) {
      const text = f.above ? opts.above : lineText2;
      if (text !== void 0 && f.re.test(text))
        return { reason: `${f.name} marker`, marker: f.name.replace(/ \(.*$/, "") };
    }
  return here ?? above;
}
function isProblem(a) {
  return a !== void 0 && "unknownRule" in a;
}
var MARKER2, FOREIGN, RULE_SHAPED;
var init_inline = __esm({
  "src/suppress/inline.ts"() {
    "use strict";
    MARKER2 = /hookguard:allow(?![-\w])([^\n]*)/gi;
    FOREIGN = [
      { re: /pragma:\s*allowlist[ -]secret/i, name: "pragma: allowlist secret (detect-secrets)" },
      {
        re: /pragma:\s*allowlist[ -]nextline[ -]secret/i,
        name: "pragma: allowlist nextline secret (detect-secrets)",
        above: true
      },
      { re: /gitleaks:allow\b/i, name: "gitleaks:allow (gitleaks)" },
      { re: /trufflehog:ignore\b/i, name: "trufflehog:ignore (trufflehog)" },
      { re: /#\s*nosec\b/i, name: "# nosec (bandit)" }
    ];
    RULE_SHAPED = /^(?:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+){1,3}|[a-z0-9]+(?:-[a-z0-9]+)*-(?:key|keys|token|tokens|secret|secrets|password|pat|webhook|id|credentials?|assignment|cert)(?:-[a-z0-9]+)*)$/;
  }
});

// src/rules/cloudformation/detect.ts
function looksLikeCloudFormation(path7, content) {
  if (NOT_TEMPLATE.test(path7)) return false;
  return CONTENT.test(content);
}
var NOT_TEMPLATE, CONTENT;
var init_detect2 = __esm({
  "src/rules/cloudformation/detect.ts"() {
    "use strict";
    NOT_TEMPLATE = /\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|cs|php|swift|scala|c|h|cc|cpp|hpp|sh|bash|zsh|ps1|md|markdown|rst|adoc|html?|css|scss|lock|map|svg|xml|csv|ini|toml|tf|tfvars|hcl|lua|sql)$/i;
    CONTENT = /AWSTemplateFormatVersion|(?:^|[\s{,])["']?Type["']?\s*:\s*["']?(?:AWS|Custom|Alexa)::/m;
  }
});

// src/parse/ansible-modules.ts
function isKnownModule(key) {
  return MODULE_NAMES.has(key) || FQCN.test(key) || MODULE_PREFIX.test(key);
}
var NAMES, MODULE_NAMES, MODULE_PREFIX, FQCN;
var init_ansible_modules = __esm({
  "src/parse/ansible-modules.ts"() {
    "use strict";
    NAMES = // ansible.builtin
    "add_host apt apt_key apt_repository assemble assert async_status blockinfile command copy cron deb822_repository debconf debug dnf dnf5 dpkg_selections expect fail fetch file find gather_facts get_url getent git group group_by hostname import_playbook import_role import_tasks include include_role include_tasks include_vars iptables known_hosts lineinfile meta mount_facts package package_facts pause ping pip raw reboot replace rpm_key script service service_facts set_fact set_stats setup shell slurp stat subversion systemd systemd_service sysvinit tempfile template unarchive uri user validate_argument_spec wait_for wait_for_connection yum yum_repository acl at authorized_key firewalld mount patch seboolean selinux synchronize sysctl timezone ufw modprobe pam_limits locale_gen npm gem pipx homebrew snap flatpak zypper apk pacman htpasswd ini_file make git_config filesystem lvg lvol parted capabilities alternatives cronvar nmcli supervisorctl dconf xml ldap_entry ldap_attrs openssh_keypair openssl_privatekey openssl_csr openssl_certificate x509_certificate acme_certificate mysql_user mysql_db mysql_query mysql_variables postgresql_user postgresql_db postgresql_privs postgresql_query postgresql_ext postgresql_pg_hba mongodb_user mssql_db redis rabbitmq_user rabbitmq_vhost consul consul_kv helm helm_repository k8s k8s_info kubectl_exec docker_container docker_image docker_network docker_volume docker_login docker_compose docker_compose_v2 docker_swarm docker_secret docker_config podman_container podman_image podman_login lxc_container proxmox proxmox_kvm haproxy nginx_status_info jenkins_plugin jenkins_job vault_kv2_get hashivault_read slack mail grafana_dashboard keycloak_client s3_bucket lambda lambda_policy lambda_alias sqs_queue sns_topic sns kms_key iam cloudtrail cloudfront_distribution kinesis_stream efs redshift opensearch elasticsearch_domain codebuild_project acm_certificate api_gateway sts_assume_role config_aggregator xray_sampling_rule wafv2_web_acl dynamodb_table cloudwatchlogs_log_group route53 route53_zone ses_identity ses_identity_policy secretsmanager_secret ecs_ecr ecs_cluster ecs_service ecs_taskdefinition elasticache rds rds_instance rds_cluster ec2";
    MODULE_NAMES = new Set(NAMES.split(/\s+/).filter(Boolean));
    MODULE_PREFIX = /^(?:win|azure_rm|gcp|ec2|aws|iam|rds|elb|s3|ecs|cloudformation|cloudfront|cloudwatch|route53|vmware|ovirt|openstack|os|nxos|ios|eos|junos|vyos|fortios|panos|netbox|zabbix|grafana|k8s|docker|podman|mysql|postgresql|openssl|x509|gitlab|github|redshift|elasticache|kinesis|dynamodb|lambda|sqs|sns|ses|kms|efs|elb|wafv2|opensearch|acm|api_gateway|iam|sts|codebuild|codecommit|codepipeline|ecs|eks|ssm|secretsmanager)_[a-z0-9_]+$/;
    FQCN = /^[a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+$/;
  }
});

// src/parse/ansible-sniff.ts
function looksLikeIniInventory(base, text) {
  if (!/^[^.]+$|\.ini$/i.test(base)) return false;
  return /^\[[\w.-]+(?::(?:vars|children))?\][ \t]*$/m.test(text) && /^[^#;\n[]*\bansible_\w+[ \t]*=/m.test(text);
}
function looksLikeAnsibleCfg(base, text) {
  if (base === "ansible.cfg" || base === ".ansible.cfg") return true;
  if (!/^[^.]+$|\.(?:cfg|ini|conf)$/i.test(base)) return false;
  if (CFG_SECTION.test(text)) return true;
  return /^\[defaults\][ \t]*$/m.test(text) && CFG_DEFAULTS_KEY.test(text);
}
function isProgram(base, text) {
  return /\.(?:py|sh|rb|pl|js|ts|php|go|ps1|exe)$/i.test(base) || text.startsWith("#!");
}
function mayBeTaskList(text) {
  const first = /^(?:[ \t]*(?:#[^\n]*)?\r?\n|---[^\n]*\n)*[ \t]*(\S)/.exec(text);
  if (first?.[1] !== "-") return false;
  KEY_LINE.lastIndex = 0;
  let n = 0;
  for (let m = KEY_LINE.exec(text); m && n < 400; m = KEY_LINE.exec(text), n++) if (isKnownModule(m[1])) return true;
  return false;
}
function mayBeYamlInventory(text) {
  const first = /^(?:[ \t]*(?:#[^\n]*)?\r?\n|---[^\n]*\n)*([\w.-]+):[ \t]*(?:#[^\n]*)?\r?\n/.exec(text);
  return !!first && /^[ \t]+(?:hosts|children):[ \t]*(?:#[^\n]*)?\r?$/m.test(text);
}
var CFG_SECTION, CFG_DEFAULTS_KEY, TEST_PATH2, KEY_LINE;
var init_ansible_sniff = __esm({
  "src/parse/ansible-sniff.ts"() {
    "use strict";
    init_ansible_modules();
    CFG_SECTION = /^\[(?:privilege_escalation|paramiko_connection|ssh_connection|persistent_connection|galaxy|galaxy_server\.[\w.-]+|inventory_plugins?|selinux|colors|diff)\][ \t]*$/m;
    CFG_DEFAULTS_KEY = /^[ \t]*(?:inventory|remote_user|host_key_checking|roles_path|forks|vault_password_file|retry_files_enabled|gathering|callbacks_enabled|callback_whitelist|stdout_callback|private_key_file|collections_paths?|library|interpreter_python|allow_unsafe_lookups|ansible_managed|become|become_user|become_method|remote_port|log_path|timeout|nocows|deprecation_warnings|display_skipped_hosts|fact_caching|strategy)[ \t]*[=:]/m;
    TEST_PATH2 = /(?:^|\/)(?:molecule|tests?)\//;
    KEY_LINE = /^[ \t]*(?:-[ \t]+)?([a-z][a-z0-9_]*(?:\.[a-z0-9_]+){0,2})[ \t]*:/gm;
  }
});

// src/rules/ansible/detect.ts
function looksLikeAnsible(path7, content) {
  const base = path7.split("/").pop() ?? "";
  if (looksLikeAnsibleCfg(base, content)) return true;
  if (/(?:^|\/)(?:group_vars|host_vars|inventory|inventories)\//.test(path7)) return !isProgram(base, content);
  if (/^(?:hosts|inventory)(?:\.ini|\.ya?ml)?$/i.test(base)) return true;
  if (/^[^.]+$|\.ini$/i.test(base)) return looksLikeIniInventory(base, content);
  if (!/\.ya?ml$/i.test(base)) return false;
  if (/^requirements\.ya?ml$/i.test(base)) return true;
  if (/(?:^|\/)(?:roles|playbooks|tasks|handlers|vars|defaults)\//.test(path7)) return true;
  return /^\s*-?\s*(?:hosts|import_playbook|tasks|become|ansible\.(?:builtin|legacy)\.[a-z_]+|include_tasks|import_tasks|ansible_(?:password|ssh_pass|become_pass(?:word)?|user|host))\s*:/m.test(
    content
  ) || mayBeTaskList(content) || mayBeYamlInventory(content);
}
var init_detect3 = __esm({
  "src/rules/ansible/detect.ts"() {
    "use strict";
    init_ansible_sniff();
  }
});

// src/parse/cloudformation.ts
function str2(n) {
  return (0, import_yaml3.isScalar)(n) && typeof n.value === "string" ? n.value : void 0;
}
function asBool(v) {
  if (v === true || v === false) return v;
  if (typeof v === "string") {
    const l = v.toLowerCase();
    if (l === "true") return true;
    if (l === "false") return false;
  }
  return void 0;
}
function asNum(v) {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^\s*-?\d+(?:\.\d+)?\s*$/.test(v)) return Number(v);
  return void 0;
}
function isKnown(v) {
  return v.value !== UNKNOWN;
}
function parseTemplate(text) {
  let parsed;
  try {
    parsed = parseYaml(text);
  } catch (e) {
    return {
      matched: TEMPLATE_HINT.test(text),
      errors: [{ message: `could not parse template: ${String(e.message).split("\n")[0]}` }]
    };
  }
  const { doc: doc3, lc, errors } = parsed;
  if (errors.length) {
    if (!TEMPLATE_HINT.test(text) || !/(?:AWS|Custom|Alexa)::/.test(text)) return { matched: false, errors: [] };
    return { matched: true, errors: errors.map((e) => ({ ...e, message: `invalid YAML/JSON: ${e.message}` })) };
  }
  const root = doc3.contents;
  if (!(0, import_yaml3.isMap)(root)) return { matched: false, errors: [] };
  const keys = new Set(root.items.map((p) => (0, import_yaml3.isScalar)(p.key) ? String(p.key.value) : ""));
  let matched = keys.has("AWSTemplateFormatVersion");
  const resources = root.items.find((p) => (0, import_yaml3.isScalar)(p.key) && p.key.value === "Resources")?.value;
  if (!matched && (0, import_yaml3.isMap)(resources))
    matched = resources.items.some((p) => {
      const t = (0, import_yaml3.isMap)(p.value) ? p.value.items.find((q) => (0, import_yaml3.isScalar)(q.key) && q.key.value === "Type")?.value : null;
      return (0, import_yaml3.isScalar)(t) && typeof t.value === "string" && /^(?:AWS|Custom|Alexa)::/.test(t.value);
    });
  if (!matched) return { matched: false, errors: [] };
  const template = new CfnTemplate(doc3, lc);
  return { matched: true, template, errors: [...template.errors] };
}
var import_yaml3, SHORT_TAGS, UNKNOWN, PSEUDO, MAX_DEPTH, CfnTemplate, nullNode, TEMPLATE_HINT;
var init_cloudformation = __esm({
  "src/parse/cloudformation.ts"() {
    "use strict";
    import_yaml3 = __toESM(require_dist(), 1);
    init_yaml();
    SHORT_TAGS = {
      "!Ref": "Ref",
      "!Condition": "Condition",
      "!Sub": "Fn::Sub",
      "!GetAtt": "Fn::GetAtt",
      "!If": "Fn::If",
      "!Join": "Fn::Join",
      "!Select": "Fn::Select",
      "!Split": "Fn::Split",
      "!FindInMap": "Fn::FindInMap",
      "!Equals": "Fn::Equals",
      "!Not": "Fn::Not",
      "!And": "Fn::And",
      "!Or": "Fn::Or",
      "!Base64": "Fn::Base64",
      "!Cidr": "Fn::Cidr",
      "!ImportValue": "Fn::ImportValue",
      "!GetAZs": "Fn::GetAZs",
      "!Transform": "Fn::Transform",
      "!Length": "Fn::Length",
      "!ToJsonString": "Fn::ToJsonString"
    };
    UNKNOWN = /* @__PURE__ */ Symbol("unknown");
    PSEUDO = /^AWS::/;
    MAX_DEPTH = 24;
    CfnTemplate = class {
      constructor(doc3, lc) {
        this.doc = doc3;
        this.lc = lc;
        this.root = doc3.contents;
        this.link(this.root, 0);
        const transform = this.get(this.root, "Transform");
        const tv = transform ? this.listValues(transform) : [];
        this.sam = tv.some((v) => typeof v.value === "string" && v.value.startsWith("AWS::Serverless"));
        this.readParameters();
        this.readResources();
      }
      doc;
      lc;
      resources = [];
      parameters = /* @__PURE__ */ new Map();
      errors = [];
      root;
      sam;
      parents = /* @__PURE__ */ new WeakMap();
      byId = /* @__PURE__ */ new Map();
      /** Record parent links for every node (paths and key lookups). */
      link(node, depth) {
        if (!node || depth > 200) return;
        if ((0, import_yaml3.isMap)(node)) {
          for (const p of node.items) {
            const k = (0, import_yaml3.isScalar)(p.key) ? String(p.key.value) : "?";
            if (p.value && typeof p.value === "object")
              this.parents.set(p.value, {
                parent: node,
                key: k,
                ...(0, import_yaml3.isScalar)(p.key) ? { keyNode: p.key } : {}
              });
            this.link(p.value, depth + 1);
          }
        } else if ((0, import_yaml3.isSeq)(node)) {
          node.items.forEach((it, i) => {
            if (it && typeof it === "object") this.parents.set(it, { parent: node, key: i });
            this.link(it, depth + 1);
          });
        }
      }
      readParameters() {
        const params = this.get(this.root, "Parameters");
        if (!(0, import_yaml3.isMap)(params)) return;
        for (const p of params.items) {
          const name = str2(p.key);
          if (!name || !(0, import_yaml3.isScalar)(p.key) || !p.value) continue;
          const node = p.value;
          const noEchoNode = this.get(node, "NoEcho");
          this.parameters.set(name, {
            name,
            node,
            keyNode: p.key,
            type: str2(this.get(node, "Type")),
            defaultNode: this.get(node, "Default"),
            noEcho: noEchoNode !== void 0 && (0, import_yaml3.isScalar)(noEchoNode) && asBool(noEchoNode.value) === true,
            scope: this.scopeOf(p.key, node)
          });
        }
      }
      readResources() {
        const res = this.get(this.root, "Resources");
        if (res === void 0) return;
        if (!(0, import_yaml3.isMap)(res)) {
          this.errors.push({ line: this.line(res), message: "Resources must be a mapping of logical ids to resources" });
          return;
        }
        for (const p of res.items) {
          const id = (0, import_yaml3.isScalar)(p.key) ? String(p.key.value) : void 0;
          if (!id || !(0, import_yaml3.isScalar)(p.key)) continue;
          const node = p.value;
          if (!(0, import_yaml3.isMap)(node)) {
            this.errors.push({ line: this.line(p.key), message: `resource ${id} is not a mapping` });
            continue;
          }
          const typeNode = this.get(node, "Type");
          const type = str2(typeNode);
          if (typeNode === void 0) {
            this.errors.push({ line: this.line(p.key), message: `resource ${id} has no Type` });
            continue;
          }
          if (type === void 0 || (0, import_yaml3.isScalar)(typeNode) === false || typeNode.tag) {
            this.errors.push({ line: this.line(typeNode), message: `resource ${id}: Type must be a string` });
            continue;
          }
          const r = {
            id,
            type,
            node,
            keyNode: p.key,
            props: this.get(node, "Properties"),
            metadata: this.get(node, "Metadata"),
            scope: this.scopeOf(p.key, node),
            path: `Resources.${id}`
          };
          this.resources.push(r);
          this.byId.set(id, r);
        }
      }
      resource(id) {
        return this.byId.get(id);
      }
      /** [first line, last line] of a key and its value. */
      scopeOf(keyNode, value) {
        const s = this.line(keyNode) ?? 1;
        const end = value.range ? this.lc.linePos(Math.max(value.range[0], value.range[1] - 1)).line : s;
        return [s, Math.max(s, end)];
      }
      line(node) {
        return nodePos(node, this.lc)?.line;
      }
      pos(node) {
        return nodePos(node, this.lc);
      }
      /** The key scalar whose value is `node`, if any. */
      keyOf(node) {
        return this.parents.get(node)?.keyNode;
      }
      parentOf(node) {
        return this.parents.get(node)?.parent;
      }
      /** Stable logical path of a node, e.g. `Resources.Web.Properties.SecurityGroupIngress[0].CidrIp`. */
      pathOf(node) {
        const parts = [];
        let cur = node;
        for (let guard = 0; cur && guard < 200; guard++) {
          const link = this.parents.get(cur);
          if (!link) break;
          parts.push(typeof link.key === "number" ? `[${link.key}]` : `.${link.key}`);
          cur = link.parent;
        }
        return parts.reverse().join("").replace(/^\./, "");
      }
      deref(node) {
        if ((0, import_yaml3.isAlias)(node)) {
          const r = node.resolve(this.doc);
          return r ?? void 0;
        }
        return node ?? void 0;
      }
      /** Map lookup (follows aliases). Returns undefined when `node` is not a map or lacks the key. */
      get(node, key) {
        const n = this.deref(node);
        if (!(0, import_yaml3.isMap)(n)) return void 0;
        for (const p of n.items) {
          if ((0, import_yaml3.isScalar)(p.key) && p.key.value === key) return this.deref(p.value) ?? nullNode;
        }
        return void 0;
      }
      /** Lookup along a dotted path of map keys. */
      at(node, path7) {
        let cur = node;
        for (const k of path7.split(".")) {
          if (cur === void 0) return void 0;
          cur = this.get(cur, k);
        }
        return cur;
      }
      /** Entries of a map node (key, key node, value). */
      entries(node) {
        const n = this.deref(node);
        if (!(0, import_yaml3.isMap)(n)) return [];
        const out = [];
        for (const p of n.items)
          if ((0, import_yaml3.isPair)(p) && (0, import_yaml3.isScalar)(p.key))
            out.push({ key: String(p.key.value), keyNode: p.key, value: this.deref(p.value) ?? nullNode });
        return out;
      }
      /** The intrinsic function a node is, short or long form. */
      intrinsic(node) {
        const n = this.deref(node);
        if (!n) return void 0;
        if (n.tag && SHORT_TAGS[n.tag]) return { fn: SHORT_TAGS[n.tag], arg: n };
        if ((0, import_yaml3.isMap)(n) && n.items.length === 1) {
          const k = str2(n.items[0].key);
          if (k && (k === "Ref" || k === "Condition" || k.startsWith("Fn::")))
            return { fn: k, arg: this.deref(n.items[0].value) ?? null };
        }
        return void 0;
      }
      /** The node itself, or the nodes of every `!If` branch (recursively), without `AWS::NoValue` branches. */
      branches(node, depth = 0) {
        const n = this.deref(node);
        if (!n || n === nullNode) return n ? [n] : [];
        const fn = this.intrinsic(n);
        if (fn?.fn === "Fn::If" && depth < MAX_DEPTH) {
          const args = this.listArgs(fn.arg);
          return [...this.branches(args[1], depth + 1), ...this.branches(args[2], depth + 1)];
        }
        if (fn?.fn === "Ref" && this.scalarArg(fn.arg) === "AWS::NoValue") return [];
        return [n];
      }
      /** Items of a sequence (each `!If` branch expanded); a non-sequence gives its branches. */
      items(node) {
        const out = [];
        for (const b of this.branches(node)) {
          if ((0, import_yaml3.isSeq)(b) && !this.intrinsic(b)) for (const it of b.items) out.push(...this.branches(it));
          else out.push(b);
        }
        return out;
      }
      listArgs(arg) {
        const a = this.deref(arg);
        if (!(0, import_yaml3.isSeq)(a)) return [];
        return a.items.map((i) => this.deref(i));
      }
      scalarArg(arg) {
        const a = this.deref(arg);
        return (0, import_yaml3.isScalar)(a) ? String(a.value) : void 0;
      }
      /** Every value a scalar-valued property may take. Sequences and mappings are UNKNOWN (walk them with `items`). */
      values(node, depth = 0) {
        const n = this.deref(node);
        if (!n) return [];
        if (depth > MAX_DEPTH) return [{ value: UNKNOWN }];
        const fn = this.intrinsic(n);
        if (!fn) {
          if ((0, import_yaml3.isScalar)(n)) {
            const v = n.value;
            if (typeof v === "string") {
              if (v.includes("{{resolve:")) return [{ value: UNKNOWN, why: "dynamic reference" }];
              return [{ value: v }];
            }
            if (typeof v === "number" || typeof v === "boolean" || v === null) return [{ value: v }];
            return [{ value: UNKNOWN }];
          }
          return [{ value: UNKNOWN }];
        }
        switch (fn.fn) {
          case "Ref":
            return this.refValues(this.scalarArg(fn.arg), depth);
          case "Fn::If": {
            const args = this.listArgs(fn.arg);
            return [...this.values(args[1], depth + 1), ...this.values(args[2], depth + 1)];
          }
          case "Fn::Sub":
            return [this.sub(fn.arg, depth)];
          case "Fn::Join":
            return [this.join(fn.arg, depth)];
          case "Fn::Select": {
            const args = this.listArgs(fn.arg);
            const idx = this.single(args[0], depth);
            const i = idx && isKnown(idx) ? asNum(idx.value) : void 0;
            if (i === void 0) return [{ value: UNKNOWN }];
            const list2 = this.listValues(args[1], depth + 1);
            if (list2.some((v) => !isKnown(v)) || i < 0 || i >= list2.length) return [{ value: UNKNOWN }];
            return [list2[i]];
          }
          case "Fn::FindInMap":
            return this.findInMap(fn.arg, depth);
          default:
            return [{ value: UNKNOWN }];
        }
      }
      /** Values of a list-valued property: items of a sequence, a Split of a known string, a CommaDelimitedList default. */
      listValues(node, depth = 0) {
        const out = [];
        for (const b of this.branches(node)) {
          const fn = this.intrinsic(b);
          if ((0, import_yaml3.isSeq)(b) && !fn) {
            for (const it of b.items) out.push(...this.values(it, depth + 1));
          } else if (fn?.fn === "Fn::Split") {
            const args = this.listArgs(fn.arg);
            const d = this.single(args[0], depth);
            const s = this.single(args[1], depth);
            if (d && s && typeof d.value === "string" && typeof s.value === "string")
              out.push(...s.value.split(d.value).map((x) => ({ value: x, ...s.why ? { why: s.why } : {} })));
            else out.push({ value: UNKNOWN });
          } else if (fn?.fn === "Ref") {
            const name = this.scalarArg(fn.arg);
            const param = name ? this.parameters.get(name) : void 0;
            const vals = this.values(b, depth + 1);
            if (param?.type && /List|CommaDelimited/.test(param.type))
              for (const v of vals) {
                if (typeof v.value === "string")
                  out.push(...v.value.split(",").map((x) => ({ value: x.trim(), ...v.why ? { why: v.why } : {} })));
                else out.push(v);
              }
            else out.push(...vals);
          } else out.push(...this.values(b, depth + 1));
        }
        return out;
      }
      /** Exactly one value, or undefined when there are several or none. */
      single(node, depth = 0) {
        const v = this.values(node, depth + 1);
        return v.length === 1 ? v[0] : void 0;
      }
      refValues(name, depth) {
        if (!name) return [{ value: UNKNOWN }];
        if (name === "AWS::NoValue") return [];
        if (PSEUDO.test(name)) return [{ value: UNKNOWN, why: `pseudo parameter ${name}` }];
        const p = this.parameters.get(name);
        if (!p) return [{ value: UNKNOWN, why: `reference to ${name}` }];
        if (!p.defaultNode) return [{ value: UNKNOWN, why: `parameter ${name} has no Default` }];
        const why = `Default of parameter ${name}`;
        return this.values(p.defaultNode, depth + 1).map((v) => ({ value: v.value, why: v.why ?? why }));
      }
      sub(arg, depth) {
        const a = this.deref(arg);
        let template;
        let vars;
        if ((0, import_yaml3.isScalar)(a)) template = typeof a.value === "string" ? a.value : void 0;
        else if ((0, import_yaml3.isSeq)(a)) {
          const t = this.deref(a.items[0]);
          template = (0, import_yaml3.isScalar)(t) && typeof t.value === "string" ? t.value : void 0;
          vars = this.deref(a.items[1]);
        }
        if (template === void 0) return { value: UNKNOWN };
        if (template.includes("{{resolve:")) return { value: UNKNOWN, why: "dynamic reference" };
        let unknown = false;
        const whys = [];
        const out = template.replace(/\$\{([^}]*)\}/g, (m, inner) => {
          if (inner.startsWith("!")) return `\${${inner.slice(1)}}`;
          const name = inner.trim();
          const local = vars ? this.get(vars, name) : void 0;
          const v = local ? this.single(local, depth) : name.includes(".") ? void 0 : (() => {
            const r = this.refValues(name, depth + 1);
            return r.length === 1 ? r[0] : void 0;
          })();
          if (!v || !isKnown(v)) {
            unknown = true;
            return m;
          }
          if (v.why) whys.push(v.why);
          return String(v.value);
        });
        if (unknown) return { value: UNKNOWN };
        return { value: out, ...whys.length ? { why: [...new Set(whys)].join(", ") } : {} };
      }
      join(arg, depth) {
        const args = this.listArgs(arg);
        const d = this.single(args[0], depth);
        if (!d || typeof d.value !== "string") return { value: UNKNOWN };
        const parts = this.listValues(args[1], depth + 1);
        if (parts.some((p) => !isKnown(p))) return { value: UNKNOWN };
        const whys = parts.flatMap((p) => p.why ? [p.why] : []);
        return {
          value: parts.map((p) => String(p.value)).join(d.value),
          ...whys.length ? { why: [...new Set(whys)].join(", ") } : {}
        };
      }
      findInMap(arg, depth) {
        const args = this.listArgs(arg);
        const keys = args.slice(0, 3).map((a) => this.single(a, depth));
        if (keys.length < 3 || keys.some((k) => !k || !isKnown(k))) return [{ value: UNKNOWN }];
        const node = this.at(this.get(this.root, "Mappings"), keys.map((k) => String(k.value)).join("."));
        return node ? this.values(node, depth + 1) : [{ value: UNKNOWN }];
      }
      /** The template string of a `!Sub` (short or long form), unresolved. */
      subTemplate(node) {
        const fn = this.intrinsic(node);
        if (fn?.fn !== "Fn::Sub") return void 0;
        const a = this.deref(fn.arg);
        const t = (0, import_yaml3.isScalar)(a) ? a : (0, import_yaml3.isSeq)(a) ? this.deref(a.items[0]) : void 0;
        return (0, import_yaml3.isScalar)(t) && typeof t.value === "string" ? t.value : void 0;
      }
      /** Names of resources a node refers to (Ref, GetAtt, ${Name} in Sub), anywhere inside it. */
      references(node, out = /* @__PURE__ */ new Set(), depth = 0) {
        const n = this.deref(node);
        if (!n || depth > 60) return out;
        const fn = this.intrinsic(n);
        if (fn?.fn === "Ref") {
          const s = this.scalarArg(fn.arg);
          if (s) out.add(s);
        } else if (fn?.fn === "Fn::GetAtt") {
          const a = this.deref(fn.arg);
          const s = (0, import_yaml3.isScalar)(a) ? String(a.value).split(".")[0] : (0, import_yaml3.isSeq)(a) ? str2(this.deref(a.items[0])) : void 0;
          if (s) out.add(s);
        } else if (fn?.fn === "Fn::Sub") {
          const a = this.deref(fn.arg);
          const t = (0, import_yaml3.isScalar)(a) ? a : (0, import_yaml3.isSeq)(a) ? this.deref(a.items[0]) : void 0;
          if ((0, import_yaml3.isScalar)(t) && typeof t.value === "string")
            for (const m of t.value.matchAll(/\$\{([^!}][^}.]*)/g)) out.add(m[1].trim());
        }
        if ((0, import_yaml3.isMap)(n)) for (const p of n.items) this.references(p.value, out, depth + 1);
        else if ((0, import_yaml3.isSeq)(n)) for (const i of n.items) this.references(i, out, depth + 1);
        return out;
      }
    };
    nullNode = new import_yaml3.Scalar(null);
    TEMPLATE_HINT = /AWSTemplateFormatVersion|["']?Resources["']?\s*:/;
  }
});

// src/rules/cloudformation/suppress.ts
function readSuppressions(t, a, knownIds, warn) {
  const out = /* @__PURE__ */ new Map();
  if (!a.metadata) return out;
  const add = (ids, reason, line, label) => {
    if (!reason) warn(line, `resource ${a.id}: suppression of ${label} has no reason (add reason: "\u2026")`);
    for (const id of ids) if (!out.has(id)) out.set(id, { reason: reason || "(no reason given)", line });
  };
  for (const entry of t.items(t.at(a.metadata, "hookguard.suppress"))) {
    const idVal = t.single(t.get(entry, "rule") ?? t.get(entry, "id"));
    const id = idVal && typeof idVal.value === "string" ? idVal.value.trim().toUpperCase() : void 0;
    const line = t.line(entry);
    if (!id) {
      warn(line, `resource ${a.id}: hookguard suppression without a rule id is ignored`);
      continue;
    }
    if (!knownIds.has(id)) {
      warn(line, `resource ${a.id}: hookguard suppression names unknown rule ${id}`);
      continue;
    }
    add([id], reasonOf(t, entry), line, id);
  }
  for (const entry of t.items(t.at(a.metadata, "cfn_nag.rules_to_suppress"))) {
    const idVal = t.single(t.get(entry, "id"));
    const nag = idVal && (typeof idVal.value === "string" || typeof idVal.value === "number") ? String(idVal.value) : "";
    const mapped = CFN_NAG_MAP[nag.trim().toUpperCase()];
    if (!mapped) continue;
    add(mapped, reasonOf(t, entry), t.line(entry), `cfn_nag ${nag}`);
  }
  return out;
}
function reasonOf(t, entry) {
  const v = t.single(t.get(entry, "reason"));
  return v && typeof v.value === "string" && v.value.trim() ? v.value.trim() : void 0;
}
var CFN_NAG_MAP;
var init_suppress = __esm({
  "src/rules/cloudformation/suppress.ts"() {
    "use strict";
    CFN_NAG_MAP = {
      // security groups
      W2: ["CFN-SG-001", "CFN-SG-002", "CFN-SG-003", "CFN-SG-004", "CFN-SG-006"],
      // cidr open to world on ingress
      W5: ["CFN-SG-005"],
      // cidr open to world on egress
      W40: ["CFN-SG-005"],
      // egress with IpProtocol -1
      W42: ["CFN-SG-003"],
      // ingress with IpProtocol -1
      W27: ["CFN-SG-004"],
      // ingress port range instead of a single port
      W33: ["CFN-EC2-002"],
      // subnet MapPublicIpOnLaunch
      W60: ["CFN-VPC-001"],
      // VPC without flow log
      // IAM
      F2: ["CFN-IAM-006"],
      // role trust policy: * action / wildcard
      F3: ["CFN-IAM-001", "CFN-IAM-002"],
      // role permissions policy: * action
      F4: ["CFN-IAM-001", "CFN-IAM-002"],
      // policy: * action
      F5: ["CFN-IAM-001", "CFN-IAM-002"],
      // managed policy: * action
      W11: ["CFN-IAM-002"],
      // role: * resource
      W12: ["CFN-IAM-002"],
      // policy: * resource
      W13: ["CFN-IAM-002"],
      // managed policy: * resource
      F6: ["CFN-IAM-009"],
      // role trust policy Allow + NotPrincipal
      W14: ["CFN-IAM-003"],
      // role Allow + NotAction
      W15: ["CFN-IAM-003"],
      // role Allow + NotAction (trust policy)
      W16: ["CFN-IAM-003"],
      // policy Allow + NotAction
      W17: ["CFN-IAM-003"],
      // managed policy Allow + NotAction
      W21: ["CFN-IAM-004"],
      // role Allow + NotResource
      W22: ["CFN-IAM-004"],
      // policy Allow + NotResource
      W23: ["CFN-IAM-004"],
      // managed policy Allow + NotResource
      F38: ["CFN-IAM-005"],
      // role: PassRole on *
      F39: ["CFN-IAM-005"],
      // policy: PassRole on *
      F40: ["CFN-IAM-005"],
      // managed policy: PassRole on *
      F10: ["CFN-IAM-007"],
      // inline policy on a user
      F43: ["CFN-IAM-007"],
      // inline policy on a user (managed variant)
      // resource policies
      F15: ["CFN-S3-004"],
      // bucket policy * action
      F16: ["CFN-S3-004"],
      // bucket policy * principal
      F18: ["CFN-SNS-001"],
      // topic policy * principal
      F20: ["CFN-SQS-001"],
      // queue policy * action
      F21: ["CFN-SQS-001"],
      // queue policy * principal
      F13: ["CFN-LAMBDA-001"],
      // lambda permission * principal
      F76: ["CFN-KMS-001"],
      // key policy * principal without condition
      // public access, encryption, logging
      F14: ["CFN-S3-002"],
      // bucket PublicReadWrite ACL
      W31: ["CFN-S3-002"],
      // bucket PublicRead ACL
      W35: ["CFN-S3-005"],
      // bucket access logging
      W41: ["CFN-S3-001"],
      // bucket encryption
      F22: ["CFN-RDS-003"],
      // RDS publicly accessible
      F23: ["CFN-CRED-006"],
      // RDS master password literal
      F24: ["CFN-CRED-006"],
      // RDS master password literal (Default)
      F26: ["CFN-RDS-002"],
      // DBCluster StorageEncrypted
      F27: ["CFN-RDS-001"],
      // DBInstance StorageEncrypted
      F1: ["CFN-EC2-006"],
      // EBS volume encryption
      F19: ["CFN-KMS-002"],
      // KMS key rotation
      F32: ["CFN-EFS-001"],
      // EFS encryption
      F33: ["CFN-EC-001"],
      // ElastiCache at-rest encryption
      F51: ["CFN-CRED-003"],
      // IAM user login profile password
      W26: ["CFN-ELB-003"],
      // classic ELB access logging
      W52: ["CFN-ELB-003"],
      // ELBv2 access logging
      W56: ["CFN-ELB-001"],
      // ELBv2 listener not HTTPS
      W10: ["CFN-CF-004"],
      // CloudFront access logging
      W47: ["CFN-SNS-002"],
      // SNS KmsMasterKeyId
      W48: ["CFN-SQS-002"],
      // SQS KmsMasterKeyId
      W49: ["CFN-KIN-001"],
      // Kinesis StreamEncryption
      W84: ["CFN-LOG-003"],
      // log group KmsKeyId
      W86: ["CFN-LOG-005"]
      // log group RetentionInDays
    };
  }
});

// src/rules/cloudformation/util.ts
function dedent(text) {
  const lines = text.replace(/^\s*\n/, "").trimEnd().split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}
function doc(p) {
  return [
    "## What it checks",
    p.what,
    "",
    "## Why it matters",
    p.why,
    "",
    "## Example",
    "```yaml",
    dedent(p.example),
    "```",
    "",
    "## Fix",
    p.fix,
    ...p.fixed ? ["", "```yaml", dedent(p.fixed), "```"] : [],
    "",
    "## References",
    ...p.refs.map((r) => `- ${r}`)
  ].join("\n");
}
function findVal(vals, pred) {
  return vals.find((v) => isKnown(v) && pred(v));
}
function isTrue(v) {
  return asBool(v.value) === true;
}
function isFalse(v) {
  return asBool(v.value) === false;
}
function boolProp(t, node) {
  if (node === void 0) return { absent: true };
  const vals = t.values(node);
  const falseVal = findVal(vals, isFalse);
  const trueVal = findVal(vals, isTrue);
  return { absent: false, ...falseVal ? { falseVal } : {}, ...trueVal ? { trueVal } : {} };
}
function requireTrue(opts) {
  return {
    meta: opts.meta,
    check(ctx) {
      for (const r of ctx.resources) {
        if (opts.when && !opts.when(ctx.t, r)) continue;
        const node = ctx.t.at(r.props, opts.prop);
        const b = boolProp(ctx.t, node);
        if (b.absent) {
          if (!opts.absentOk) ctx.report(r, parentOrUndefined(ctx.t, r, opts.prop), opts.absentMessage(r));
        } else if (b.falseVal) ctx.report(r, node, opts.falseMessage(r), { why: b.falseVal.why });
      }
    }
  };
}
function parentOrUndefined(t, r, path7) {
  const parts = path7.split(".");
  for (let i = parts.length - 1; i > 0; i--) {
    const n = t.at(r.props, parts.slice(0, i).join("."));
    if (n !== void 0) return n;
  }
  return void 0;
}
function requireProp(opts) {
  return {
    meta: opts.meta,
    check(ctx) {
      for (const r of ctx.resources) {
        if (opts.when && !opts.when(ctx.t, r)) continue;
        const node = ctx.t.at(r.props, opts.prop);
        if (node === void 0 || ctx.t.values(node).every((v) => v.value === null))
          ctx.report(r, node ?? parentOrUndefined(ctx.t, r, opts.prop), opts.message(r));
      }
    }
  };
}
function meta(id, title, severity, resources, docs, remediation) {
  return { id, title, severity, category: "cloudformation", resources, docs, remediation };
}
function sgRules(t, resources, dir) {
  const out = [];
  const inline = dir === "ingress" ? "SecurityGroupIngress" : "SecurityGroupEgress";
  const standalone = dir === "ingress" ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress";
  for (const r of resources) {
    if (r.type === "AWS::EC2::SecurityGroup") {
      for (const it of t.items(t.get(r.props, inline))) out.push({ node: it, res: r });
    } else if (r.type === standalone && r.props) out.push({ node: r.props, res: r });
  }
  return out;
}
function worldCidr(t, rule127) {
  for (const [key, world] of [
    ["CidrIp", WORLD4],
    ["CidrIpv6", WORLD6]
  ]) {
    const n = t.get(rule127, key);
    if (!n) continue;
    const v = findVal(t.values(n), (x) => typeof x.value === "string" && world.has(x.value.trim()));
    if (v) return { node: n, val: v, cidr: String(v.value) };
  }
  return void 0;
}
function portSpans(t, rule127) {
  const protos = t.values(t.get(rule127, "IpProtocol"));
  const froms = t.values(t.get(rule127, "FromPort"));
  const tos = t.values(t.get(rule127, "ToPort"));
  const out = [];
  for (const p of protos.length ? protos : [{ value: UNKNOWN }]) {
    if (!isKnown(p)) continue;
    const proto = String(p.value).toLowerCase();
    if (proto === "-1" || proto === "all") {
      out.push({ all: true, from: 0, to: 65535, protocol: proto, why: p.why });
      continue;
    }
    if (!["tcp", "udp", "6", "17"].includes(proto)) continue;
    for (const f of froms)
      for (const to of tos) {
        const a = asNum(f.value);
        const b = asNum(to.value);
        if (a === void 0 || b === void 0) continue;
        const lo = a === -1 ? 0 : a;
        const hi = b === -1 ? 65535 : b;
        out.push({ all: lo <= 0 && hi >= 65535, from: lo, to: hi, protocol: proto, why: f.why ?? to.why });
      }
  }
  return out;
}
function spanIncludes(s, port) {
  return s.from <= port && port <= s.to;
}
function statements(t, docNode) {
  if (!docNode) return [];
  const out = [];
  for (const d of t.branches(docNode))
    for (const s of t.items(t.get(d, "Statement"))) {
      const effect = t.values(t.get(s, "Effect"));
      const actionNode = t.get(s, "Action");
      const resourceNode = t.get(s, "Resource");
      out.push({
        node: s,
        allow: effect.some((e) => isKnown(e) && String(e.value) === "Allow"),
        deny: effect.some((e) => isKnown(e) && String(e.value) === "Deny"),
        actionNode,
        notActionNode: t.get(s, "NotAction"),
        resourceNode,
        notResourceNode: t.get(s, "NotResource"),
        principalNode: t.get(s, "Principal"),
        notPrincipalNode: t.get(s, "NotPrincipal"),
        conditionNode: t.get(s, "Condition"),
        actions: actionNode ? t.listValues(actionNode) : [],
        resources: resourceNode ? t.listValues(resourceNode) : []
      });
    }
  return out;
}
function identityPolicyDocs(t, r) {
  switch (r.type) {
    case "AWS::IAM::Policy":
    case "AWS::IAM::ManagedPolicy":
    case "AWS::IAM::RolePolicy":
    case "AWS::IAM::UserPolicy":
    case "AWS::IAM::GroupPolicy": {
      const d = t.get(r.props, "PolicyDocument");
      return d ? [d] : [];
    }
    case "AWS::IAM::Role":
    case "AWS::IAM::User":
    case "AWS::IAM::Group":
      return t.items(t.get(r.props, "Policies")).flatMap((p) => {
        const d = t.get(p, "PolicyDocument");
        return d ? [d] : [];
      });
    case "AWS::Serverless::Function":
    case "AWS::Serverless::StateMachine":
      return t.items(t.get(r.props, "Policies")).filter((p) => t.get(p, "Statement") !== void 0);
    default:
      return [];
  }
}
function actionCovers(pattern, action2) {
  const re = new RegExp(
    `^${pattern.trim().replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`,
    "i"
  );
  return re.test(action2);
}
function strVal(v) {
  return isKnown(v) && typeof v.value === "string" ? v.value.trim() : void 0;
}
function wildcardPrincipal(t, principal) {
  if (!principal) return void 0;
  for (const b of t.branches(principal)) {
    const direct = findVal(t.values(b), (v) => strVal(v) === "*");
    if (direct) return { node: b, val: direct };
    for (const e of t.entries(b)) {
      if (e.key !== "AWS" && e.key !== "CanonicalUser") continue;
      const v = findVal(t.listValues(e.value), (x) => strVal(x) === "*");
      if (v) return { node: e.value, val: v };
    }
  }
  return void 0;
}
function hasCondition(t, s) {
  return s.conditionNode !== void 0 && t.entries(s.conditionNode).length > 0;
}
function openPortsCheck(ports) {
  return (ctx) => {
    for (const { node, res } of sgRules(ctx.t, ctx.resources, "ingress")) {
      const w = worldCidr(ctx.t, node);
      if (!w) continue;
      for (const s of portSpans(ctx.t, node)) {
        if (s.all) continue;
        const hit = ports.find(([p]) => spanIncludes(s, p));
        if (!hit) continue;
        ctx.report(res, w.node, `${hit[1]} (port ${hit[0]}) is open to ${w.cidr} in ${res.id}`, {
          why: w.val.why ?? s.why
        });
        break;
      }
    }
  };
}
function publicPolicyCheck(prop) {
  return (ctx) => {
    for (const r of ctx.resources)
      for (const p of publicStatements(ctx.t, ctx.t.get(r.props, prop)))
        ctx.report(r, p.node, `${r.id} allows any principal ("*") without a condition`, { why: p.why });
  };
}
function publicStatements(t, docNode) {
  const out = [];
  for (const s of statements(t, docNode)) {
    if (!s.allow || hasCondition(t, s)) continue;
    const w = wildcardPrincipal(t, s.principalNode);
    if (w) out.push({ s, node: w.node, why: w.val.why });
  }
  return out;
}
function looksSecretName(name) {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}
function literalSecretValue(v) {
  const s = strVal(v);
  if (s === void 0 || s.length < 4) return false;
  if (/^\$\{|^\{\{|^arn:|^<.*>$|^(?:changeme|change-me|none|null|todo|xxx+|\*+|placeholder|example|dummy|test)$/i.test(s))
    return false;
  return true;
}
function forbidTrue(opts) {
  return {
    meta: opts.meta,
    check(ctx) {
      for (const r of ctx.resources) {
        if (opts.when && !opts.when(ctx.t, r)) continue;
        const node = ctx.t.at(r.props, opts.prop);
        const b = boolProp(ctx.t, node);
        if (b.absent) {
          if (opts.absentMessage) ctx.report(r, parentOrUndefined(ctx.t, r, opts.prop), opts.absentMessage(r));
        } else if (b.trueVal) ctx.report(r, node, opts.trueMessage(r), { why: b.trueVal.why });
      }
    }
  };
}
var WORLD4, WORLD6, IDENTITY_POLICY_TYPES, NAME_PRINCIPALS_FIX, NAME_PRINCIPALS_REMEDIATION, PRINCIPAL_REF, SECRET_NAME, NOT_SECRET_NAME;
var init_util = __esm({
  "src/rules/cloudformation/util.ts"() {
    "use strict";
    init_cloudformation();
    WORLD4 = /* @__PURE__ */ new Set(["0.0.0.0/0"]);
    WORLD6 = /* @__PURE__ */ new Set(["::/0", "::0/0", "0::0/0", "0:0:0:0:0:0:0:0/0"]);
    IDENTITY_POLICY_TYPES = [
      "AWS::IAM::Policy",
      "AWS::IAM::ManagedPolicy",
      "AWS::IAM::RolePolicy",
      "AWS::IAM::UserPolicy",
      "AWS::IAM::GroupPolicy",
      "AWS::IAM::Role",
      "AWS::IAM::User",
      "AWS::IAM::Group",
      "AWS::Serverless::Function",
      "AWS::Serverless::StateMachine"
    ];
    NAME_PRINCIPALS_FIX = "Name the principals (accounts, roles, services) that need access, or restrict the statement with a condition such as `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`.";
    NAME_PRINCIPALS_REMEDIATION = "Name the principals explicitly or add a restricting Condition.";
    PRINCIPAL_REF = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html";
    SECRET_NAME = /passw(?:or)?d|passphrase|secret|token|api[-_]?key|apikey|private[-_]?key|access[-_]?key|credential|auth[-_]?key|client[-_]?secret|(?:^|[-_])pwd(?:$|[-_])/i;
    NOT_SECRET_NAME = /arn$|(?:^|[-_])(?:id|name|arn|path|length|type|rotation|policy|usage|file|field|version|region|header|url|uri|location|param(?:eter)?|ssm)$|secretsmanager|secretname|secretid|secretarn|keyid|keyname|tokenurl|tokenendpoint|passwordlength|passwordpolicy|expir|ttl|enabled|requir/i;
  }
});

// src/rules/cloudformation/rules/apigw-001.ts
var rule, apigw_001_default;
var init_apigw_001 = __esm({
  "src/rules/cloudformation/rules/apigw-001.ts"() {
    "use strict";
    init_util();
    rule = {
      meta: meta(
        "CFN-APIGW-001",
        "API Gateway method has no authorization",
        "medium",
        ["AWS::ApiGateway::Method"],
        doc({
          what: "An `AWS::ApiGateway::Method` with `AuthorizationType: NONE` and no `ApiKeyRequired: true`. `OPTIONS` methods (CORS pre-flight) are skipped.",
          why: "Anyone on the internet can call the method; unless the backend authenticates every request itself, data and actions behind it are public.",
          example: `GetItems:
  Type: AWS::ApiGateway::Method
  Properties:
    RestApiId: !Ref Api
    ResourceId: !Ref ItemsResource
    HttpMethod: GET
    AuthorizationType: NONE`,
          fix: "Use `AWS_IAM`, `COGNITO_USER_POOLS` or a `CUSTOM` Lambda authorizer. For intentionally public endpoints, suppress with the reason.",
          refs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html"]
        }),
        "Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          if (findVal(t.values(t.get(r.props, "HttpMethod")), (v2) => strVal(v2)?.toUpperCase() === "OPTIONS")) continue;
          if (findVal(t.values(t.get(r.props, "ApiKeyRequired")), (v2) => String(v2.value).toLowerCase() === "true"))
            continue;
          const n = t.get(r.props, "AuthorizationType");
          const v = findVal(t.values(n), (x) => strVal(x)?.toUpperCase() === "NONE");
          if (v) ctx.report(r, n, `${r.id} has no authorization (AuthorizationType: NONE)`, { why: v.why });
        }
      }
    };
    apigw_001_default = rule;
  }
});

// src/rules/cloudformation/rules/apigw-002.ts
var rule2, apigw_002_default;
var init_apigw_002 = __esm({
  "src/rules/cloudformation/rules/apigw-002.ts"() {
    "use strict";
    init_util();
    rule2 = {
      meta: meta(
        "CFN-APIGW-002",
        "API Gateway custom domain allows TLS 1.0",
        "medium",
        ["AWS::ApiGateway::DomainName", "AWS::ApiGatewayV2::DomainName"],
        doc({
          what: "An API Gateway custom domain whose `SecurityPolicy` (REST) or `DomainNameConfigurations[].SecurityPolicy` (HTTP/WebSocket) is `TLS_1_0`.",
          why: "TLS 1.0 is deprecated (RFC 8996) and has known weaknesses; clients that negotiate it get weaker protection in transit.",
          example: `Domain:
  Type: AWS::ApiGateway::DomainName
  Properties:
    DomainName: api.example.com
    RegionalCertificateArn: !Ref Cert
    SecurityPolicy: TLS_1_0`,
          fix: "Set `SecurityPolicy: TLS_1_2`.",
          refs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html"]
        }),
        "Set SecurityPolicy: TLS_1_2."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const nodes = r.type === "AWS::ApiGateway::DomainName" ? [t.get(r.props, "SecurityPolicy")] : t.items(t.get(r.props, "DomainNameConfigurations")).map((c) => t.get(c, "SecurityPolicy"));
          for (const n of nodes) {
            const v = findVal(t.values(n), (x) => strVal(x)?.toUpperCase() === "TLS_1_0");
            if (v) ctx.report(r, n, `${r.id} allows TLS 1.0`, { why: v.why });
          }
        }
      }
    };
    apigw_002_default = rule2;
  }
});

// src/rules/cloudformation/rules/apigw-003.ts
var rule3, apigw_003_default;
var init_apigw_003 = __esm({
  "src/rules/cloudformation/rules/apigw-003.ts"() {
    "use strict";
    init_util();
    rule3 = requireProp({
      meta: meta(
        "CFN-APIGW-003",
        "API Gateway stage has no access logging",
        "low",
        ["AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage"],
        doc({
          what: "An `AWS::ApiGateway::Stage` or `AWS::ApiGatewayV2::Stage` without `AccessLogSetting`.",
          why: "Without access logs you cannot tell who called the API, from where, or with what result.",
          example: `Stage:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    StageName: prod`,
          fix: "Set `AccessLogSetting: { DestinationArn: !GetAtt ApiLogs.Arn, Format: \u2026 }`.",
          refs: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html"]
        }),
        "Set AccessLogSetting on the stage."
      ),
      prop: "AccessLogSetting",
      message: (r) => `${r.id} has no AccessLogSetting`
    });
    apigw_003_default = rule3;
  }
});

// src/rules/cloudformation/rules/backup-001.ts
var rule4, backup_001_default;
var init_backup_001 = __esm({
  "src/rules/cloudformation/rules/backup-001.ts"() {
    "use strict";
    init_util();
    rule4 = requireProp({
      meta: meta(
        "CFN-BACKUP-001",
        "Backup vault does not use a customer managed KMS key",
        "low",
        ["AWS::Backup::BackupVault"],
        doc({
          what: "An `AWS::Backup::BackupVault` without `EncryptionKeyArn`.",
          why: "Backups are encrypted with the AWS managed `aws/backup` key, whose policy you cannot restrict; a customer managed key lets you separate who can restore from who can administer backups.",
          example: `Vault:
  Type: AWS::Backup::BackupVault
  Properties:
    BackupVaultName: prod`,
          fix: "Set `EncryptionKeyArn` to a customer managed key.",
          refs: ["https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html"]
        }),
        "Set EncryptionKeyArn on the vault."
      ),
      prop: "EncryptionKeyArn",
      message: (r) => `${r.id} has no EncryptionKeyArn`
    });
    backup_001_default = rule4;
  }
});

// src/rules/cloudformation/rules/cf-001.ts
var rule5, cf_001_default;
var init_cf_001 = __esm({
  "src/rules/cloudformation/rules/cf-001.ts"() {
    "use strict";
    init_util();
    rule5 = {
      meta: meta(
        "CFN-CF-001",
        "CloudFront allows plain HTTP to viewers",
        "medium",
        ["AWS::CloudFront::Distribution"],
        doc({
          what: "`ViewerProtocolPolicy: allow-all` on the `DefaultCacheBehavior` or any `CacheBehaviors` entry of a distribution.",
          why: "Viewers can use HTTP, so their requests, cookies and the content served can be read or modified in transit.",
          example: `Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Enabled: true
      DefaultCacheBehavior:
        TargetOriginId: site
        ViewerProtocolPolicy: allow-all`,
          fix: "Use `redirect-to-https` (or `https-only`).",
          refs: [
            "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html"
          ]
        }),
        "Set ViewerProtocolPolicy to redirect-to-https."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const cfg = t.get(r.props, "DistributionConfig");
          const behaviors = [t.get(cfg, "DefaultCacheBehavior"), ...t.items(t.get(cfg, "CacheBehaviors"))];
          for (const b of behaviors) {
            const n = t.get(b, "ViewerProtocolPolicy");
            const v = findVal(t.values(n), (x) => strVal(x) === "allow-all");
            if (v) ctx.report(r, n, `${r.id} lets viewers use plain HTTP (allow-all)`, { why: v.why });
          }
        }
      }
    };
    cf_001_default = rule5;
  }
});

// src/rules/cloudformation/rules/cf-002.ts
var rule6, cf_002_default;
var init_cf_002 = __esm({
  "src/rules/cloudformation/rules/cf-002.ts"() {
    "use strict";
    init_util();
    rule6 = {
      meta: meta(
        "CFN-CF-002",
        "CloudFront talks to a custom origin over plain HTTP",
        "medium",
        ["AWS::CloudFront::Distribution"],
        doc({
          what: "An origin whose `CustomOriginConfig.OriginProtocolPolicy` is `http-only`, or `match-viewer` while some behavior still allows HTTP viewers.",
          why: "The leg between CloudFront and the origin crosses the internet; over HTTP, content and forwarded headers (cookies, authorization) are exposed.",
          example: `Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Enabled: true
      Origins:
        - Id: api
          DomainName: api.example.com
          CustomOriginConfig:
            OriginProtocolPolicy: http-only`,
          fix: "Use `OriginProtocolPolicy: https-only` with `OriginSSLProtocols: [TLSv1.2]`.",
          refs: [
            "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html"
          ]
        }),
        "Set OriginProtocolPolicy: https-only."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const cfg = t.get(r.props, "DistributionConfig");
          const behaviors = [t.get(cfg, "DefaultCacheBehavior"), ...t.items(t.get(cfg, "CacheBehaviors"))];
          const httpViewers = behaviors.some(
            (b) => findVal(t.values(t.get(b, "ViewerProtocolPolicy")), (x) => strVal(x) === "allow-all")
          );
          for (const o of t.items(t.get(cfg, "Origins"))) {
            const n = t.at(o, "CustomOriginConfig.OriginProtocolPolicy");
            const v = findVal(
              t.values(n),
              (x) => strVal(x) === "http-only" || httpViewers && strVal(x) === "match-viewer"
            );
            if (v) ctx.report(r, n, `${r.id} connects to an origin over plain HTTP (${strVal(v)})`, { why: v.why });
          }
        }
      }
    };
    cf_002_default = rule6;
  }
});

// src/rules/cloudformation/rules/cf-003.ts
var OLD, rule7, cf_003_default;
var init_cf_003 = __esm({
  "src/rules/cloudformation/rules/cf-003.ts"() {
    "use strict";
    init_util();
    OLD = /* @__PURE__ */ new Set(["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016"]);
    rule7 = {
      meta: meta(
        "CFN-CF-003",
        "CloudFront accepts viewer connections older than TLS 1.2",
        "medium",
        ["AWS::CloudFront::Distribution"],
        doc({
          what: "A distribution with its own certificate (`AcmCertificateArn` or `IamCertificateId`) whose `ViewerCertificate.MinimumProtocolVersion` is SSLv3, TLSv1, TLSv1_2016 or TLSv1.1_2016, or is not set (CloudFormation then uses TLSv1). The default `*.cloudfront.net` certificate is left alone: its policy is not yours to choose.",
          why: "SSLv3, TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996); PCI DSS and most security baselines require TLS 1.2 or later.",
          example: `Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      ViewerCertificate:
        AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
        SslSupportMethod: sni-only
        MinimumProtocolVersion: TLSv1`,
          fix: "Set `MinimumProtocolVersion: TLSv1.2_2021` (or later).",
          refs: [
            "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html"
          ]
        }),
        "Set ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const cert = t.at(r.props, "DistributionConfig.ViewerCertificate");
          if (!cert) continue;
          const own = t.get(cert, "AcmCertificateArn") ?? t.get(cert, "IamCertificateId");
          if (!own) continue;
          const n = t.get(cert, "MinimumProtocolVersion");
          if (!n) {
            ctx.report(r, cert, `${r.id} sets no MinimumProtocolVersion, so viewers may connect with TLS 1.0`);
            continue;
          }
          const v = findVal(t.values(n), (x) => OLD.has(strVal(x) ?? ""));
          if (v) ctx.report(r, n, `${r.id} accepts viewers on ${strVal(v)}`, { why: v.why });
        }
      }
    };
    cf_003_default = rule7;
  }
});

// src/rules/cloudformation/rules/cf-004.ts
var rule8, cf_004_default;
var init_cf_004 = __esm({
  "src/rules/cloudformation/rules/cf-004.ts"() {
    "use strict";
    init_util();
    rule8 = requireProp({
      meta: meta(
        "CFN-CF-004",
        "CloudFront distribution access logging is off",
        "low",
        ["AWS::CloudFront::Distribution"],
        doc({
          what: "An `AWS::CloudFront::Distribution` without `DistributionConfig.Logging`.",
          why: "Without access logs there is no record of who requested what \u2014 needed to investigate abuse, scraping or data exposure.",
          example: `Cdn:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Enabled: true`,
          fix: "Set `Logging: { Bucket: logs-bucket.s3.amazonaws.com, Prefix: cdn/ }` (or configure real-time logs / standard logging v2).",
          refs: ["https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html"]
        }),
        "Enable DistributionConfig.Logging."
      ),
      prop: "DistributionConfig.Logging",
      message: (r) => `${r.id} has no access logging`
    });
    cf_004_default = rule8;
  }
});

// src/rules/cloudformation/rules/cred-001.ts
var rule9, cred_001_default;
var init_cred_001 = __esm({
  "src/rules/cloudformation/rules/cred-001.ts"() {
    "use strict";
    init_util();
    rule9 = {
      meta: meta(
        "CFN-CRED-001",
        "Template creates a long-lived IAM access key",
        "medium",
        ["AWS::IAM::AccessKey"],
        doc({
          what: "Any `AWS::IAM::AccessKey` resource.",
          why: "Access keys never expire, are copied into CI systems and laptops, and are the most common way AWS accounts are breached. Keys created by a template also end up in stack outputs or parameters.",
          example: `Key:
  Type: AWS::IAM::AccessKey
  Properties:
    UserName: !Ref Deployer`,
          fix: "Use roles: IAM roles for workloads, OIDC federation for CI (GitHub Actions, GitLab), IAM Identity Center for people.",
          refs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles"]
        }),
        "Use IAM roles or OIDC federation instead of access keys."
      ),
      check(ctx) {
        for (const r of ctx.resources) ctx.report(r, void 0, `${r.id} creates a long-lived access key`);
      }
    };
    cred_001_default = rule9;
  }
});

// src/rules/cloudformation/rules/cred-002.ts
function findSecretAtt(t, node, depth = 0) {
  if (depth > 20) return void 0;
  const fn = t.intrinsic(node);
  if (fn?.fn === "Fn::GetAtt") {
    const a = fn.arg;
    const s = (0, import_yaml5.isScalar)(a) ? String(a.value) : (0, import_yaml5.isSeq)(a) ? a.items.map((i) => (0, import_yaml5.isScalar)(i) ? String(i.value) : "").join(".") : "";
    if (/\.SecretAccessKey$/.test(s)) return node;
  }
  if (fn?.fn === "Fn::Sub") {
    const a = fn.arg;
    const tpl = (0, import_yaml5.isScalar)(a) ? a : (0, import_yaml5.isSeq)(a) ? a.items[0] : void 0;
    if ((0, import_yaml5.isScalar)(tpl) && /\$\{[^}]*\.SecretAccessKey\}/.test(String(tpl.value))) return node;
  }
  const children = (0, import_yaml5.isMap)(node) ? node.items.map((p) => p.value) : (0, import_yaml5.isSeq)(node) ? node.items : [];
  for (const c of children) {
    if (!c || typeof c !== "object") continue;
    const h = findSecretAtt(t, c, depth + 1);
    if (h) return h;
  }
  return void 0;
}
var import_yaml5, rule10, cred_002_default;
var init_cred_002 = __esm({
  "src/rules/cloudformation/rules/cred-002.ts"() {
    "use strict";
    import_yaml5 = __toESM(require_dist(), 1);
    init_util();
    rule10 = {
      meta: meta(
        "CFN-CRED-002",
        "Stack output exposes a secret access key",
        "critical",
        [],
        doc({
          what: "An entry under `Outputs` whose `Value` is `!GetAtt <AccessKey>.SecretAccessKey` (short or long form, also inside `!Sub`/`!Join`).",
          why: "Stack outputs are readable by anyone with `cloudformation:DescribeStacks`, shown in the console and logged by deployment tools: the secret key is effectively published.",
          example: `Outputs:
  SecretKey:
    Value: !GetAtt Key.SecretAccessKey`,
          fix: "Do not output secrets. Store the key in Secrets Manager (`AWS::SecretsManager::Secret` with `SecretString: !GetAtt Key.SecretAccessKey`) \u2014 or better, avoid access keys entirely.",
          refs: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html"]
        }),
        "Never output SecretAccessKey; store it in Secrets Manager or use roles."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const o of t.entries(t.get(t.root, "Outputs"))) {
          const value = t.get(o.value, "Value");
          if (!value) continue;
          const hit = findSecretAtt(t, value);
          if (hit)
            ctx.report(
              {
                id: `Outputs.${o.key}`,
                keyNode: o.keyNode,
                scope: t.scopeOf(o.keyNode, o.value),
                path: `Outputs.${o.key}`
              },
              hit,
              `output ${o.key} exposes a SecretAccessKey`
            );
        }
      }
    };
    cred_002_default = rule10;
  }
});

// src/rules/cloudformation/rules/cred-003.ts
var rule11, cred_003_default;
var init_cred_003 = __esm({
  "src/rules/cloudformation/rules/cred-003.ts"() {
    "use strict";
    init_util();
    rule11 = {
      meta: meta(
        "CFN-CRED-003",
        "IAM user login profile has a password in the template",
        "critical",
        ["AWS::IAM::User"],
        doc({
          what: "An `AWS::IAM::User` whose `LoginProfile.Password` is a literal string, or a `!Ref` to a parameter whose Default supplies it. Dynamic references (`{{resolve:secretsmanager:\u2026}}`) and parameters without a Default are fine.",
          why: "The password is stored in version control and visible in the template to anyone who can read the stack.",
          example: `Alice:
  Type: AWS::IAM::User
  Properties:
    LoginProfile:
      Password: Sup3rSecretPassw0rd!`,
          fix: "Reference a secret: `Password: '{{resolve:secretsmanager:alice-initial:SecretString:password}}'` with `PasswordResetRequired: true`, or use IAM Identity Center.",
          refs: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html"]
        }),
        "Use a {{resolve:secretsmanager:\u2026}} dynamic reference for the password."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          const n = ctx.t.at(r.props, "LoginProfile.Password");
          const v = findVal(ctx.t.values(n), (x) => (strVal(x) ?? "").length > 0);
          if (v) ctx.report(r, n, `${r.id} has a literal login password`, { why: v.why, secret: !v.why });
        }
      }
    };
    cred_003_default = rule11;
  }
});

// src/rules/cloudformation/rules/cred-004.ts
var rule12, cred_004_default;
var init_cred_004 = __esm({
  "src/rules/cloudformation/rules/cred-004.ts"() {
    "use strict";
    init_util();
    rule12 = {
      meta: meta(
        "CFN-CRED-004",
        "Secret-looking parameter without NoEcho",
        "medium",
        [],
        doc({
          what: "A parameter whose name looks like a secret (Password, Secret, Token, ApiKey, PrivateKey\u2026) of type String without `NoEcho: true`. Names such as `SecretArn`, `PasswordLength` or `TokenUrl` are not secrets and are skipped.",
          why: "Without NoEcho the value is shown in plain text in the console, in `describe-stacks` output and in deployment logs.",
          example: `Parameters:
  DbPassword:
    Type: String`,
          fix: "Set `NoEcho: true` \u2014 better, drop the parameter and use a `{{resolve:secretsmanager:\u2026}}` dynamic reference where the value is used.",
          fixed: `Parameters:
  DbPassword:
    Type: String
    NoEcho: true`,
          refs: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html"]
        }),
        "Set NoEcho: true on secret parameters (or use dynamic references)."
      ),
      check(ctx) {
        for (const p of ctx.t.parameters.values()) {
          if (p.noEcho || !looksSecretName(p.name)) continue;
          if (p.type && p.type !== "String" && !p.type.startsWith("AWS::SSM::Parameter::Value<String")) continue;
          const anchor = { id: `Parameters.${p.name}`, keyNode: p.keyNode, scope: p.scope, path: `Parameters.${p.name}` };
          ctx.report(anchor, void 0, `parameter ${p.name} looks like a secret but has no NoEcho: true`);
        }
      }
    };
    cred_004_default = rule12;
  }
});

// src/rules/cloudformation/rules/cred-005.ts
var rule13, cred_005_default;
var init_cred_005 = __esm({
  "src/rules/cloudformation/rules/cred-005.ts"() {
    "use strict";
    init_util();
    rule13 = {
      meta: meta(
        "CFN-CRED-005",
        "Secret-looking parameter has a Default value",
        "high",
        [],
        doc({
          what: "A parameter whose name looks like a secret (Password, Secret, Token, ApiKey\u2026) with a non-empty literal `Default`, whether or not it has `NoEcho`.",
          why: "The Default is the secret, committed to version control; NoEcho hides it in the console but not in the repository.",
          example: `Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: Sup3rSecretPassw0rd!`,
          fix: "Remove the Default and supply the value at deploy time, or store it in Secrets Manager and use a dynamic reference.",
          refs: ["https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds"]
        }),
        "Remove the Default from secret parameters; use Secrets Manager."
      ),
      check(ctx) {
        for (const p of ctx.t.parameters.values()) {
          if (!p.defaultNode || !looksSecretName(p.name)) continue;
          if (p.type && p.type !== "String") continue;
          const v = findVal(ctx.t.values(p.defaultNode), (x) => (strVal(x) ?? "").length > 0);
          if (!v) continue;
          const anchor = { id: `Parameters.${p.name}`, keyNode: p.keyNode, scope: p.scope, path: `Parameters.${p.name}` };
          ctx.report(anchor, p.defaultNode, `parameter ${p.name} has a Default that looks like a secret`, { secret: true });
        }
      }
    };
    cred_005_default = rule13;
  }
});

// src/rules/cloudformation/rules/cred-006.ts
var PASSWORD_PROPS, rule14, cred_006_default;
var init_cred_006 = __esm({
  "src/rules/cloudformation/rules/cred-006.ts"() {
    "use strict";
    init_util();
    PASSWORD_PROPS = {
      "AWS::RDS::DBInstance": ["MasterUserPassword"],
      "AWS::RDS::DBCluster": ["MasterUserPassword"],
      "AWS::Redshift::Cluster": ["MasterUserPassword"],
      "AWS::DocDB::DBCluster": ["MasterUserPassword"],
      "AWS::Neptune::DBCluster": ["MasterUserPassword"],
      "AWS::DMS::Endpoint": ["Password"],
      "AWS::DirectoryService::MicrosoftAD": ["Password"],
      "AWS::DirectoryService::SimpleAD": ["Password"],
      "AWS::OpenSearchService::Domain": ["AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword"],
      "AWS::Elasticsearch::Domain": ["AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword"],
      "AWS::ElastiCache::ReplicationGroup": ["AuthToken"],
      "AWS::ElastiCache::User": ["Passwords"],
      "AWS::AmazonMQ::Broker": ["Users[].Password"],
      "AWS::MemoryDB::User": ["AuthenticationMode.Passwords"]
    };
    rule14 = {
      meta: meta(
        "CFN-CRED-006",
        "Password property has a literal value",
        "critical",
        Object.keys(PASSWORD_PROPS),
        doc({
          what: `A password property (${[...new Set(Object.values(PASSWORD_PROPS).flat())].join(", ")}) whose value is a literal string, or a \`!Ref\` to a parameter that supplies it through a Default. Dynamic references (\`{{resolve:secretsmanager:\u2026}}\`, \`{{resolve:ssm-secure:\u2026}}\`), \`ManageMasterUserPassword\`, and \`!Ref\` to a parameter without a Default are fine.`,
          why: "A password in the template is in version control, in every copy of the repository, and visible to anyone who can read the stack template.",
          example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    MasterUsername: app
    MasterUserPassword: Sup3rSecretPassw0rd!`,
          fix: "Use `ManageMasterUserPassword: true` (RDS), or a dynamic reference to Secrets Manager.",
          fixed: `    MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'`,
          refs: [
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html",
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html"
          ]
        }),
        "Use a {{resolve:secretsmanager:\u2026}} dynamic reference or a managed password."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          for (const path7 of PASSWORD_PROPS[r.type] ?? []) {
            let nodes;
            if (path7.includes("[].")) {
              const [list2, prop] = path7.split("[].");
              nodes = t.items(t.at(r.props, list2)).map((u) => t.get(u, prop));
            } else nodes = [t.at(r.props, path7)];
            for (const n of nodes) {
              if (!n) continue;
              for (const item of t.items(n)) {
                const v = findVal(t.values(item), (x) => (strVal(x) ?? "").length > 0);
                if (v)
                  ctx.report(r, item, `${r.id} has a literal ${path7.split(".").pop().replace("[]", "")}`, {
                    why: v.why,
                    secret: !v.why
                  });
              }
            }
          }
        }
      }
    };
    cred_006_default = rule14;
  }
});

// src/rules/cloudformation/rules/cred-007.ts
var rule15, cred_007_default;
var init_cred_007 = __esm({
  "src/rules/cloudformation/rules/cred-007.ts"() {
    "use strict";
    init_util();
    rule15 = {
      meta: meta(
        "CFN-CRED-007",
        "Lambda environment variable holds a secret in plain text",
        "high",
        ["AWS::Lambda::Function", "AWS::Serverless::Function"],
        doc({
          what: "`Environment.Variables` of a Lambda or SAM function where a variable named like a secret (PASSWORD, SECRET, TOKEN, API_KEY\u2026) has a literal value (or one supplied by a parameter Default). References (`!Ref`, `!GetAtt`, `{{resolve:\u2026}}`) and ARNs/names of secrets are fine.",
          why: "Environment variables are stored in the template and shown in the Lambda console and `GetFunctionConfiguration` to anyone with read access.",
          example: `Fn:
  Type: AWS::Lambda::Function
  Properties:
    Environment:
      Variables:
        API_TOKEN: not-a-real-token-123`,
          fix: "Store the secret in Secrets Manager or SSM Parameter Store (SecureString) and read it at runtime; pass only its ARN or name.",
          fixed: `      Variables:
        API_TOKEN_SECRET_ARN: !Ref ApiTokenSecret`,
          refs: [
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption"
          ]
        }),
        "Read secrets from Secrets Manager at runtime; pass only their ARN."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources)
          for (const e of t.entries(t.at(r.props, "Environment.Variables"))) {
            if (!looksSecretName(e.key)) continue;
            const v = findVal(t.values(e.value), literalSecretValue);
            if (v)
              ctx.report(r, e.value, `${r.id} sets environment variable ${e.key} to a literal secret`, {
                why: v.why,
                secret: !v.why
              });
          }
      }
    };
    cred_007_default = rule15;
  }
});

// src/rules/cloudformation/rules/cred-008.ts
var rule16, cred_008_default;
var init_cred_008 = __esm({
  "src/rules/cloudformation/rules/cred-008.ts"() {
    "use strict";
    init_util();
    rule16 = {
      meta: meta(
        "CFN-CRED-008",
        "ECS container environment variable holds a secret in plain text",
        "high",
        ["AWS::ECS::TaskDefinition"],
        doc({
          what: "`ContainerDefinitions[].Environment[]` entries whose `Name` looks like a secret (PASSWORD, SECRET, TOKEN, API_KEY\u2026) and whose `Value` is a literal.",
          why: "Plain environment values are stored in the task definition, visible to anyone who can describe it, and copied into every revision.",
          example: `Task:
  Type: AWS::ECS::TaskDefinition
  Properties:
    ContainerDefinitions:
      - Name: app
        Image: app:1
        Environment:
          - Name: DB_PASSWORD
            Value: Sup3rSecretPassw0rd!`,
          fix: "Use the container definition's `Secrets` list with `ValueFrom` pointing at Secrets Manager or SSM Parameter Store.",
          fixed: `      - Name: app
        Image: app:1
        Secrets:
          - Name: DB_PASSWORD
            ValueFrom: !Ref DbSecret`,
          refs: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html"]
        }),
        "Use Secrets (ValueFrom) instead of Environment for secret values."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources)
          for (const c of t.items(t.get(r.props, "ContainerDefinitions")))
            for (const env of t.items(t.get(c, "Environment"))) {
              const name = t.single(t.get(env, "Name"));
              const n = name ? strVal(name) : void 0;
              if (!n || !looksSecretName(n)) continue;
              const valueNode = t.get(env, "Value");
              const v = findVal(t.values(valueNode), literalSecretValue);
              if (v)
                ctx.report(r, valueNode, `${r.id} sets container environment variable ${n} to a literal secret`, {
                  why: v.why,
                  secret: !v.why
                });
            }
      }
    };
    cred_008_default = rule16;
  }
});

// src/rules/cloudformation/rules/cred-009.ts
var rule17, cred_009_default;
var init_cred_009 = __esm({
  "src/rules/cloudformation/rules/cred-009.ts"() {
    "use strict";
    init_util();
    rule17 = {
      meta: meta(
        "CFN-CRED-009",
        "Secrets Manager secret has no rotation schedule",
        "low",
        ["AWS::SecretsManager::Secret"],
        doc({
          what: "An `AWS::SecretsManager::Secret` that no `AWS::SecretsManager::RotationSchedule` in the same template refers to (through `SecretId: !Ref Secret`).",
          why: "Secrets that never rotate stay valid forever after a leak; rotation limits the window an exposed credential is useful.",
          example: `DbSecret:
  Type: AWS::SecretsManager::Secret
  Properties:
    GenerateSecretString: { PasswordLength: 32 }`,
          fix: "Add a rotation schedule (for RDS, `HostedRotationLambda`), or suppress with a reason for secrets that cannot rotate (third-party API keys).",
          fixed: `DbSecretRotation:
  Type: AWS::SecretsManager::RotationSchedule
  Properties:
    SecretId: !Ref DbSecret
    HostedRotationLambda: { RotationType: PostgreSQLSingleUser }
    RotationRules: { AutomaticallyAfterDays: 30 }`,
          refs: ["https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html"]
        }),
        "Add an AWS::SecretsManager::RotationSchedule for the secret."
      ),
      check(ctx) {
        const t = ctx.t;
        const rotated = /* @__PURE__ */ new Set();
        for (const r of t.resources)
          if (r.type === "AWS::SecretsManager::RotationSchedule")
            for (const id of t.references(t.get(r.props, "SecretId"))) rotated.add(id);
        for (const r of ctx.resources)
          if (!rotated.has(r.id)) ctx.report(r, void 0, `${r.id} has no RotationSchedule in this template`);
      }
    };
    cred_009_default = rule17;
  }
});

// src/rules/cloudformation/rules/cred-010.ts
var rule18, cred_010_default;
var init_cred_010 = __esm({
  "src/rules/cloudformation/rules/cred-010.ts"() {
    "use strict";
    init_util();
    rule18 = {
      meta: meta(
        "CFN-CRED-010",
        "CodeBuild project has a secret in a plain-text environment variable",
        "high",
        ["AWS::CodeBuild::Project"],
        doc({
          what: "`Environment.EnvironmentVariables[]` of a CodeBuild project whose `Name` looks like a secret, whose `Type` is `PLAINTEXT` (the default) and whose `Value` is a literal.",
          why: "PLAINTEXT variables are shown in the CodeBuild console and API, and stored in the template.",
          example: `Build:
  Type: AWS::CodeBuild::Project
  Properties:
    Environment:
      EnvironmentVariables:
        - Name: NPM_TOKEN
          Value: not-a-real-token-123`,
          fix: "Use `Type: SECRETS_MANAGER` or `PARAMETER_STORE` with the secret's name as `Value`.",
          fixed: `        - Name: NPM_TOKEN
          Type: SECRETS_MANAGER
          Value: ci/npm-token`,
          refs: [
            "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.secrets-manager"
          ]
        }),
        "Use Type SECRETS_MANAGER or PARAMETER_STORE for secret variables."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources)
          for (const env of t.items(t.at(r.props, "Environment.EnvironmentVariables"))) {
            const name = t.single(t.get(env, "Name"));
            const n = name ? strVal(name) : void 0;
            if (!n || !looksSecretName(n)) continue;
            const type = t.single(t.get(env, "Type"));
            if (type && strVal(type) !== void 0 && strVal(type) !== "PLAINTEXT") continue;
            if (type && !strVal(type)) continue;
            const valueNode = t.get(env, "Value");
            const v = findVal(t.values(valueNode), literalSecretValue);
            if (v)
              ctx.report(r, valueNode, `${r.id} sets build variable ${n} to a literal secret`, {
                why: v.why,
                secret: !v.why
              });
          }
      }
    };
    cred_010_default = rule18;
  }
});

// src/rules/cloudformation/rules/ddb-001.ts
var rule19, ddb_001_default;
var init_ddb_001 = __esm({
  "src/rules/cloudformation/rules/ddb-001.ts"() {
    "use strict";
    init_util();
    rule19 = requireTrue({
      meta: meta(
        "CFN-DDB-001",
        "DynamoDB table is not encrypted with a KMS key",
        "low",
        ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"],
        doc({
          what: "A DynamoDB table without `SSESpecification.SSEEnabled: true`. Tables are always encrypted with an AWS owned key; this rule asks for a KMS key (AWS managed or customer managed) so that key use is controlled and logged.",
          why: 'With the AWS owned key there is no key policy separating "read the table" from "decrypt the data", and no CloudTrail record of key usage.',
          example: `Table:
  Type: AWS::DynamoDB::Table
  Properties:
    BillingMode: PAY_PER_REQUEST
    KeySchema: [{ AttributeName: pk, KeyType: HASH }]
    AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]`,
          fix: "Set `SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref Key }`.",
          refs: ["https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html"]
        }),
        "Set SSESpecification.SSEEnabled: true (with a KMS key)."
      ),
      prop: "SSESpecification.SSEEnabled",
      absentMessage: (r) => `${r.id} does not set SSESpecification.SSEEnabled (it defaults to the AWS owned key)`,
      falseMessage: (r) => `${r.id} sets SSESpecification.SSEEnabled to false`
    });
    ddb_001_default = rule19;
  }
});

// src/rules/cloudformation/rules/dms-001.ts
var rule20, dms_001_default;
var init_dms_001 = __esm({
  "src/rules/cloudformation/rules/dms-001.ts"() {
    "use strict";
    init_util();
    rule20 = forbidTrue({
      meta: meta(
        "CFN-DMS-001",
        "DMS replication instance is publicly accessible",
        "high",
        ["AWS::DMS::ReplicationInstance"],
        doc({
          what: "An `AWS::DMS::ReplicationInstance` with `PubliclyAccessible: true` \u2014 or without the property, because the DMS default is **true**.",
          why: "The replication instance holds credentials for both source and target databases and streams their data; a public IP exposes it to the internet.",
          example: `Replicator:
  Type: AWS::DMS::ReplicationInstance
  Properties:
    ReplicationInstanceClass: dms.t3.medium`,
          fix: "Set `PubliclyAccessible: false` explicitly.",
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/dms-controls.html#dms-1"]
        }),
        "Set PubliclyAccessible: false explicitly."
      ),
      prop: "PubliclyAccessible",
      trueMessage: (r) => `${r.id} is publicly accessible`,
      absentMessage: (r) => `${r.id} does not set PubliclyAccessible, and the DMS default is true`
    });
    dms_001_default = rule20;
  }
});

// src/rules/cloudformation/rules/docdb-001.ts
var rule21, docdb_001_default;
var init_docdb_001 = __esm({
  "src/rules/cloudformation/rules/docdb-001.ts"() {
    "use strict";
    init_util();
    rule21 = requireTrue({
      meta: meta(
        "CFN-DOCDB-001",
        "DocumentDB/Neptune cluster storage is not encrypted",
        "high",
        ["AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"],
        doc({
          what: "An `AWS::DocDB::DBCluster` or `AWS::Neptune::DBCluster` without `StorageEncrypted: true` (snapshot restores inherit encryption and are skipped).",
          why: "Unencrypted cluster storage and snapshots expose the data to anyone who obtains a copy; encryption cannot be enabled later.",
          example: `Docs:
  Type: AWS::DocDB::DBCluster
  Properties:
    MasterUsername: admin`,
          fix: "Set `StorageEncrypted: true`.",
          refs: ["https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html"]
        }),
        "Set StorageEncrypted: true."
      ),
      prop: "StorageEncrypted",
      when: (t, r) => !t.get(r.props, "SnapshotIdentifier"),
      absentMessage: (r) => `${r.id} does not set StorageEncrypted (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets StorageEncrypted to false`
    });
    docdb_001_default = rule21;
  }
});

// src/rules/cloudformation/rules/ec-001.ts
var rule22, ec_001_default;
var init_ec_001 = __esm({
  "src/rules/cloudformation/rules/ec-001.ts"() {
    "use strict";
    init_util();
    rule22 = requireTrue({
      meta: meta(
        "CFN-EC-001",
        "ElastiCache replication group is not encrypted at rest",
        "medium",
        ["AWS::ElastiCache::ReplicationGroup"],
        doc({
          what: "An `AWS::ElastiCache::ReplicationGroup` without `AtRestEncryptionEnabled: true`.",
          why: "Cached data, swap and backups are stored unencrypted; caches often hold session tokens and personal data.",
          example: `Cache:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    ReplicationGroupDescription: cache
    Engine: redis`,
          fix: "Set `AtRestEncryptionEnabled: true` (optionally with `KmsKeyId`).",
          refs: ["https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/at-rest-encryption.html"]
        }),
        "Set AtRestEncryptionEnabled: true."
      ),
      prop: "AtRestEncryptionEnabled",
      absentMessage: (r) => `${r.id} does not set AtRestEncryptionEnabled (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets AtRestEncryptionEnabled to false`
    });
    ec_001_default = rule22;
  }
});

// src/rules/cloudformation/rules/ec-002.ts
var rule23, ec_002_default;
var init_ec_002 = __esm({
  "src/rules/cloudformation/rules/ec-002.ts"() {
    "use strict";
    init_util();
    rule23 = requireTrue({
      meta: meta(
        "CFN-EC-002",
        "ElastiCache replication group does not encrypt traffic in transit",
        "medium",
        ["AWS::ElastiCache::ReplicationGroup"],
        doc({
          what: "An `AWS::ElastiCache::ReplicationGroup` without `TransitEncryptionEnabled: true`.",
          why: "Clients and replicas talk to the cache in plain text, exposing cached data and AUTH tokens on the network.",
          example: `Cache:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    ReplicationGroupDescription: cache
    Engine: redis`,
          fix: "Set `TransitEncryptionEnabled: true`.",
          refs: ["https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/in-transit-encryption.html"]
        }),
        "Set TransitEncryptionEnabled: true."
      ),
      prop: "TransitEncryptionEnabled",
      absentMessage: (r) => `${r.id} does not set TransitEncryptionEnabled (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets TransitEncryptionEnabled to false`
    });
    ec_002_default = rule23;
  }
});

// src/rules/cloudformation/rules/ec2-001.ts
var rule24, ec2_001_default;
var init_ec2_001 = __esm({
  "src/rules/cloudformation/rules/ec2-001.ts"() {
    "use strict";
    init_util();
    rule24 = {
      meta: meta(
        "CFN-EC2-001",
        "Instance gets a public IP address",
        "medium",
        ["AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"],
        doc({
          what: "`AssociatePublicIpAddress: true` on an instance's `NetworkInterfaces`, a launch template's `LaunchTemplateData.NetworkInterfaces`, or a launch configuration.",
          why: "A public IP makes the instance directly reachable from the internet; any security group mistake is immediately exploitable. Most workloads belong in private subnets behind a load balancer or NAT.",
          example: `Web:
  Type: AWS::EC2::Instance
  Properties:
    ImageId: ami-12345678
    NetworkInterfaces:
      - DeviceIndex: '0'
        SubnetId: !Ref Subnet
        AssociatePublicIpAddress: true`,
          fix: "Launch in a private subnet without a public IP; expose services through a load balancer, and reach instances with SSM Session Manager.",
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9"]
        }),
        "Do not associate public IPs; use private subnets and a load balancer."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const nodes = r.type === "AWS::AutoScaling::LaunchConfiguration" ? [t.get(r.props, "AssociatePublicIpAddress")] : t.items(
            t.at(
              r.props,
              r.type === "AWS::EC2::Instance" ? "NetworkInterfaces" : "LaunchTemplateData.NetworkInterfaces"
            )
          ).map((ni) => t.get(ni, "AssociatePublicIpAddress"));
          for (const n of nodes) {
            const b = boolProp(t, n);
            if (b.trueVal) ctx.report(r, n, `${r.id} associates a public IP address`, { why: b.trueVal.why });
          }
        }
      }
    };
    ec2_001_default = rule24;
  }
});

// src/rules/cloudformation/rules/ec2-002.ts
var rule25, ec2_002_default;
var init_ec2_002 = __esm({
  "src/rules/cloudformation/rules/ec2-002.ts"() {
    "use strict";
    init_util();
    rule25 = forbidTrue({
      meta: meta(
        "CFN-EC2-002",
        "Subnet assigns public IPs on launch",
        "medium",
        ["AWS::EC2::Subnet"],
        doc({
          what: "An `AWS::EC2::Subnet` with `MapPublicIpOnLaunch: true`.",
          why: "Every instance launched in the subnet gets a public IP, so one missing security group rule puts it on the internet. Public load balancers do not need it.",
          example: `PublicSubnet:
  Type: AWS::EC2::Subnet
  Properties:
    VpcId: !Ref Vpc
    CidrBlock: 10.0.0.0/24
    MapPublicIpOnLaunch: true`,
          fix: "Set `MapPublicIpOnLaunch: false`; give public IPs (or Elastic IPs) only to the instances that need them, or put them behind a load balancer or NAT gateway.",
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15"]
        }),
        "Set MapPublicIpOnLaunch: false."
      ),
      prop: "MapPublicIpOnLaunch",
      trueMessage: (r) => `${r.id} assigns a public IP to every instance launched in it`
    });
    ec2_002_default = rule25;
  }
});

// src/rules/cloudformation/rules/ec2-003.ts
var rule26, ec2_003_default;
var init_ec2_003 = __esm({
  "src/rules/cloudformation/rules/ec2-003.ts"() {
    "use strict";
    init_util();
    rule26 = {
      meta: meta(
        "CFN-EC2-003",
        "EC2 instance is launched in the default VPC",
        "low",
        ["AWS::EC2::Instance"],
        doc({
          what: "An `AWS::EC2::Instance` with neither `SubnetId` nor `NetworkInterfaces`, which launches in a default subnet of the default VPC.",
          why: "Default subnets are public: instances get a public IP and a route to the internet gateway unless someone intervenes.",
          example: `Worker:
  Type: AWS::EC2::Instance
  Properties:
    ImageId: ami-12345678
    InstanceType: t3.micro`,
          fix: "Set `SubnetId` to a private subnet of a purpose-built VPC.",
          refs: ["https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html"]
        }),
        "Set SubnetId to a private subnet."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          if (ctx.t.get(r.props, "SubnetId") !== void 0 || ctx.t.get(r.props, "NetworkInterfaces") !== void 0)
            continue;
          if (ctx.t.get(r.props, "LaunchTemplate") !== void 0) continue;
          ctx.report(r, void 0, `${r.id} has no SubnetId, so it launches in the default VPC`);
        }
      }
    };
    ec2_003_default = rule26;
  }
});

// src/rules/cloudformation/rules/ec2-004.ts
function metadataOptionsPath(type) {
  return type === "AWS::EC2::LaunchTemplate" ? "LaunchTemplateData.MetadataOptions" : "MetadataOptions";
}
var rule27, ec2_004_default;
var init_ec2_004 = __esm({
  "src/rules/cloudformation/rules/ec2-004.ts"() {
    "use strict";
    init_util();
    rule27 = {
      meta: meta(
        "CFN-EC2-004",
        "Instance metadata service allows IMDSv1",
        "high",
        ["AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::Instance"],
        doc({
          what: "`MetadataOptions.HttpTokens: optional` on a launch template (`LaunchTemplateData.MetadataOptions`), a launch configuration or an instance. (A launch template that does not set HttpTokens at all is reported by CFN-EC2-005.)",
          why: "IMDSv1 answers unauthenticated GET requests, so any server-side request forgery in the application can read the instance role's credentials \u2014 the root cause of several large breaches.",
          example: `Lt:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      MetadataOptions:
        HttpTokens: optional`,
          fix: "Set `HttpTokens: required` (IMDSv2 only).",
          fixed: `      MetadataOptions:
        HttpTokens: required
        HttpPutResponseHopLimit: 1`,
          refs: ["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html"]
        }),
        "Set MetadataOptions.HttpTokens: required."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          const n = ctx.t.at(r.props, `${metadataOptionsPath(r.type)}.HttpTokens`);
          const v = findVal(ctx.t.values(n), (x) => strVal(x)?.toLowerCase() === "optional");
          if (v) ctx.report(r, n, `${r.id} allows IMDSv1 (HttpTokens: optional)`, { why: v.why });
        }
      }
    };
    ec2_004_default = rule27;
  }
});

// src/rules/cloudformation/rules/ec2-005.ts
var rule28, ec2_005_default;
var init_ec2_005 = __esm({
  "src/rules/cloudformation/rules/ec2-005.ts"() {
    "use strict";
    init_util();
    init_ec2_004();
    rule28 = {
      meta: meta(
        "CFN-EC2-005",
        "Launch template does not require IMDSv2",
        "low",
        ["AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"],
        doc({
          what: "A launch template or launch configuration that does not set `MetadataOptions.HttpTokens` at all. Whether IMDSv1 is then allowed depends on the AMI and account defaults; an explicit `optional` is reported by CFN-EC2-004.",
          why: "Relying on defaults means a different AMI or account silently re-enables IMDSv1, exposing role credentials to SSRF.",
          example: `Lt:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      ImageId: ami-12345678`,
          fix: "Set `MetadataOptions: { HttpTokens: required }` explicitly.",
          refs: ["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html"]
        }),
        "Set MetadataOptions.HttpTokens: required explicitly."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          const opts = metadataOptionsPath(r.type);
          if (ctx.t.at(r.props, `${opts}.HttpTokens`) !== void 0) continue;
          const near = ctx.t.at(r.props, opts) ?? (r.type === "AWS::EC2::LaunchTemplate" ? ctx.t.get(r.props, "LaunchTemplateData") : void 0);
          ctx.report(r, near, `${r.id} does not set MetadataOptions.HttpTokens to required`);
        }
      }
    };
    ec2_005_default = rule28;
  }
});

// src/rules/cloudformation/rules/ec2-006.ts
var rule29, ec2_006_default;
var init_ec2_006 = __esm({
  "src/rules/cloudformation/rules/ec2-006.ts"() {
    "use strict";
    init_util();
    rule29 = requireTrue({
      meta: meta(
        "CFN-EC2-006",
        "EBS volume is not encrypted",
        "medium",
        ["AWS::EC2::Volume"],
        doc({
          what: "An `AWS::EC2::Volume` without `Encrypted: true` (volumes created from a snapshot inherit its encryption and are skipped).",
          why: "Unencrypted volumes and their snapshots can be read by anyone who gets access to a snapshot copy; encryption cannot be added in place. Stating it in the template also protects accounts where EBS encryption by default is off.",
          example: `Data:
  Type: AWS::EC2::Volume
  Properties:
    Size: 100
    AvailabilityZone: us-east-1a`,
          fix: "Set `Encrypted: true` (optionally with `KmsKeyId`).",
          refs: ["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"]
        }),
        "Set Encrypted: true."
      ),
      prop: "Encrypted",
      when: (t, r) => !t.get(r.props, "SnapshotId"),
      absentMessage: (r) => `${r.id} does not set Encrypted (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets Encrypted to false`
    });
    ec2_006_default = rule29;
  }
});

// src/rules/cloudformation/rules/ec2-007.ts
var rule30, ec2_007_default;
var init_ec2_007 = __esm({
  "src/rules/cloudformation/rules/ec2-007.ts"() {
    "use strict";
    init_util();
    rule30 = {
      meta: meta(
        "CFN-EC2-007",
        "Block device mapping creates an unencrypted EBS volume",
        "medium",
        ["AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"],
        doc({
          what: "`BlockDeviceMappings[].Ebs` of an instance, launch template (`LaunchTemplateData.BlockDeviceMappings`) or launch configuration where `Encrypted` is false or not set (mappings from a snapshot inherit its encryption and are skipped).",
          why: "Volumes created at launch are unencrypted unless the account enforces EBS encryption by default \u2014 a setting the template cannot see.",
          example: `Lt:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 50`,
          fix: "Set `Encrypted: true` (and optionally `KmsKeyId`) on every `Ebs` mapping.",
          refs: ["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"]
        }),
        "Set Ebs.Encrypted: true in block device mappings."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const path7 = r.type === "AWS::EC2::LaunchTemplate" ? "LaunchTemplateData.BlockDeviceMappings" : "BlockDeviceMappings";
          for (const m of t.items(t.at(r.props, path7))) {
            const ebs = t.get(m, "Ebs");
            if (!ebs || t.get(ebs, "SnapshotId") !== void 0) continue;
            const n = t.get(ebs, "Encrypted");
            const b = boolProp(t, n);
            if (b.absent) ctx.report(r, ebs, `${r.id} maps an EBS volume without Encrypted: true`);
            else if (b.falseVal) ctx.report(r, n, `${r.id} maps an unencrypted EBS volume`, { why: b.falseVal.why });
          }
        }
      }
    };
    ec2_007_default = rule30;
  }
});

// src/rules/cloudformation/rules/efs-001.ts
var rule31, efs_001_default;
var init_efs_001 = __esm({
  "src/rules/cloudformation/rules/efs-001.ts"() {
    "use strict";
    init_util();
    rule31 = requireTrue({
      meta: meta(
        "CFN-EFS-001",
        "EFS file system is not encrypted",
        "high",
        ["AWS::EFS::FileSystem"],
        doc({
          what: "An `AWS::EFS::FileSystem` without `Encrypted: true`.",
          why: "File system data at rest is unprotected if the underlying storage is ever exposed; encryption can only be chosen at creation.",
          example: `Files:
  Type: AWS::EFS::FileSystem
  Properties:
    PerformanceMode: generalPurpose`,
          fix: "Set `Encrypted: true` (optionally with `KmsKeyId`).",
          refs: ["https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html"]
        }),
        "Set Encrypted: true."
      ),
      prop: "Encrypted",
      absentMessage: (r) => `${r.id} does not set Encrypted (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets Encrypted to false`
    });
    efs_001_default = rule31;
  }
});

// src/rules/cloudformation/rules/elb-001.ts
var rule32, elb_001_default;
var init_elb_001 = __esm({
  "src/rules/cloudformation/rules/elb-001.ts"() {
    "use strict";
    init_util();
    rule32 = {
      meta: meta(
        "CFN-ELB-001",
        "Load balancer listener serves plain HTTP without redirecting to HTTPS",
        "medium",
        ["AWS::ElasticLoadBalancingV2::Listener"],
        doc({
          what: "An `AWS::ElasticLoadBalancingV2::Listener` with `Protocol: HTTP` whose `DefaultActions` do anything other than `redirect` (to HTTPS) or a `fixed-response`. A port-80 listener that only redirects is the normal setup and is not reported.",
          why: "Traffic forwarded over HTTP \u2014 cookies, tokens, form posts \u2014 can be read and modified by anyone on the path.",
          example: `HttpListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref Alb
    Port: 80
    Protocol: HTTP
    DefaultActions:
      - Type: forward
        TargetGroupArn: !Ref Tg`,
          fix: "Serve the application on an HTTPS listener and make the HTTP listener redirect.",
          fixed: `    DefaultActions:
      - Type: redirect
        RedirectConfig: { Protocol: HTTPS, Port: '443', StatusCode: HTTP_301 }`,
          refs: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html"]
        }),
        "Forward only on HTTPS listeners; make HTTP listeners redirect to HTTPS."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const p = t.get(r.props, "Protocol");
          const http = findVal(t.values(p), (v) => strVal(v)?.toUpperCase() === "HTTP");
          if (!http) continue;
          const actions = t.items(t.get(r.props, "DefaultActions"));
          const serves = actions.some(
            (a) => findVal(t.values(t.get(a, "Type")), (v) => !["redirect", "fixed-response"].includes(strVal(v) ?? ""))
          );
          if (serves)
            ctx.report(r, p, `${r.id} serves traffic over plain HTTP instead of redirecting to HTTPS`, { why: http.why });
        }
      }
    };
    elb_001_default = rule32;
  }
});

// src/rules/cloudformation/rules/elb-002.ts
var MODERN, rule33, elb_002_default;
var init_elb_002 = __esm({
  "src/rules/cloudformation/rules/elb-002.ts"() {
    "use strict";
    init_util();
    MODERN = /TLS13-1-[23]|TLS-1-2|FS-1-2|ELBSecurityPolicy-TLS13-1-2|Policy-Min-TLS-1-2/i;
    rule33 = {
      meta: meta(
        "CFN-ELB-002",
        "Load balancer listener allows outdated TLS versions",
        "medium",
        ["AWS::ElasticLoadBalancingV2::Listener"],
        doc({
          what: "An HTTPS or TLS listener whose `SslPolicy` still allows TLS 1.0/1.1 (for example `ELBSecurityPolicy-2016-08`, `ELBSecurityPolicy-TLS-1-1-2017-01`, `ELBSecurityPolicy-FS-2018-06`). Policies named `\u2026TLS13-1-2\u2026`, `\u2026TLS-1-2\u2026`, `\u2026FS-1-2\u2026` pass. A listener without `SslPolicy` gets the current AWS default and is not reported.",
          why: "TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996); PCI DSS forbids them.",
          example: `HttpsListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref Alb
    Port: 443
    Protocol: HTTPS
    SslPolicy: ELBSecurityPolicy-2016-08
    Certificates: [{ CertificateArn: !Ref Cert }]
    DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }]`,
          fix: "Use `ELBSecurityPolicy-TLS13-1-2-2021-06` (or a newer TLS 1.2+ policy).",
          refs: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html"]
        }),
        "Use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          const n = ctx.t.get(r.props, "SslPolicy");
          const v = findVal(ctx.t.values(n), (x) => {
            const s = strVal(x);
            return s !== void 0 && s !== "" && !MODERN.test(s);
          });
          if (v) ctx.report(r, n, `${r.id} uses SslPolicy ${strVal(v)}, which allows TLS below 1.2`, { why: v.why });
        }
      }
    };
    elb_002_default = rule33;
  }
});

// src/rules/cloudformation/rules/elb-003.ts
var rule34, elb_003_default;
var init_elb_003 = __esm({
  "src/rules/cloudformation/rules/elb-003.ts"() {
    "use strict";
    init_util();
    rule34 = {
      meta: meta(
        "CFN-ELB-003",
        "Load balancer access logging is off",
        "low",
        ["AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"],
        doc({
          what: 'An application/network load balancer without the `access_logs.s3.enabled: "true"` attribute in `LoadBalancerAttributes`, or a classic load balancer without `AccessLoggingPolicy.Enabled: true`. Gateway load balancers are skipped.',
          why: "Load balancer logs record every request with client IP, path and response; without them, abuse and attacks against the service cannot be investigated.",
          example: `Alb:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    Subnets: [!Ref SubnetA, !Ref SubnetB]`,
          fix: "Enable access logs to an S3 bucket.",
          fixed: `  Properties:
    Subnets: [!Ref SubnetA, !Ref SubnetB]
    LoadBalancerAttributes:
      - Key: access_logs.s3.enabled
        Value: 'true'
      - Key: access_logs.s3.bucket
        Value: !Ref LogBucket`,
          refs: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html"]
        }),
        "Enable access logs (access_logs.s3.enabled / AccessLoggingPolicy)."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          if (r.type === "AWS::ElasticLoadBalancing::LoadBalancer") {
            const n = t.at(r.props, "AccessLoggingPolicy.Enabled");
            if (!findVal(t.values(n), (v) => String(v.value).toLowerCase() === "true"))
              ctx.report(r, n ?? t.get(r.props, "AccessLoggingPolicy"), `${r.id} has no access logging`);
            continue;
          }
          if (findVal(t.values(t.get(r.props, "Type")), (v) => v.value === "gateway")) continue;
          const attrs = t.items(t.get(r.props, "LoadBalancerAttributes"));
          const entry = attrs.find((a) => findVal(t.values(t.get(a, "Key")), (v) => v.value === "access_logs.s3.enabled"));
          const valNode = entry ? t.get(entry, "Value") : void 0;
          const vals = t.values(valNode);
          if (vals.some((v) => v.value !== "true" && v.value !== true && typeof v.value !== "symbol") || !entry)
            ctx.report(r, valNode ?? t.get(r.props, "LoadBalancerAttributes"), `${r.id} has no access logging`);
        }
      }
    };
    elb_003_default = rule34;
  }
});

// src/rules/cloudformation/rules/elb-004.ts
var rule35, elb_004_default;
var init_elb_004 = __esm({
  "src/rules/cloudformation/rules/elb-004.ts"() {
    "use strict";
    init_util();
    rule35 = {
      meta: meta(
        "CFN-ELB-004",
        "Classic load balancer listens on plain HTTP",
        "medium",
        ["AWS::ElasticLoadBalancing::LoadBalancer"],
        doc({
          what: "A Classic Load Balancer listener whose `Protocol` is HTTP. A Classic Load Balancer cannot redirect to HTTPS, so an HTTP listener always serves the application in clear text.",
          why: "Traffic on an HTTP listener (credentials, session cookies, personal data) can be read and altered by anyone on the path.",
          example: `Web:
  Type: AWS::ElasticLoadBalancing::LoadBalancer
  Properties:
    Listeners:
      - LoadBalancerPort: '80'
        InstancePort: '80'
        Protocol: HTTP`,
          fix: "Listen on HTTPS with an ACM certificate; better, move to an Application Load Balancer, whose HTTP listener can redirect to HTTPS.",
          refs: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-https-load-balancers.html"]
        }),
        "Use an HTTPS listener (or an ALB that redirects HTTP to HTTPS)."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources)
          for (const l of t.items(t.get(r.props, "Listeners"))) {
            const p = t.get(l, "Protocol");
            const http = findVal(t.values(p), (v) => strVal(v)?.toUpperCase() === "HTTP");
            if (http) ctx.report(r, p, `${r.id} has a plain-HTTP listener`, { why: http.why });
          }
      }
    };
    elb_004_default = rule35;
  }
});

// src/rules/cloudformation/rules/es-001.ts
var rule36, es_001_default;
var init_es_001 = __esm({
  "src/rules/cloudformation/rules/es-001.ts"() {
    "use strict";
    init_util();
    rule36 = requireTrue({
      meta: meta(
        "CFN-ES-001",
        "OpenSearch/Elasticsearch domain is not encrypted at rest",
        "high",
        ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
        doc({
          what: "An OpenSearch or Elasticsearch domain without `EncryptionAtRestOptions.Enabled: true`.",
          why: "Indices, logs and automated snapshots are stored unencrypted. Encryption at rest is also a prerequisite for fine-grained access control.",
          example: `Search:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.11`,
          fix: "Set `EncryptionAtRestOptions: { Enabled: true }`.",
          refs: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html"]
        }),
        "Set EncryptionAtRestOptions.Enabled: true."
      ),
      prop: "EncryptionAtRestOptions.Enabled",
      absentMessage: (r) => `${r.id} does not set EncryptionAtRestOptions.Enabled (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets EncryptionAtRestOptions.Enabled to false`
    });
    es_001_default = rule36;
  }
});

// src/rules/cloudformation/rules/es-002.ts
var rule37, es_002_default;
var init_es_002 = __esm({
  "src/rules/cloudformation/rules/es-002.ts"() {
    "use strict";
    init_util();
    rule37 = requireTrue({
      meta: meta(
        "CFN-ES-002",
        "OpenSearch/Elasticsearch domain does not enforce HTTPS",
        "medium",
        ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
        doc({
          what: "An OpenSearch or Elasticsearch domain without `DomainEndpointOptions.EnforceHTTPS: true`.",
          why: "Without it the domain accepts plain HTTP, so queries, documents and credentials travel unencrypted.",
          example: `Search:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.11`,
          fix: "Set `DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07 }`.",
          refs: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html"]
        }),
        "Set DomainEndpointOptions.EnforceHTTPS: true."
      ),
      prop: "DomainEndpointOptions.EnforceHTTPS",
      absentMessage: (r) => `${r.id} does not set DomainEndpointOptions.EnforceHTTPS (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets DomainEndpointOptions.EnforceHTTPS to false`
    });
    es_002_default = rule37;
  }
});

// src/rules/cloudformation/rules/es-003.ts
var rule38, es_003_default;
var init_es_003 = __esm({
  "src/rules/cloudformation/rules/es-003.ts"() {
    "use strict";
    init_util();
    rule38 = requireTrue({
      meta: meta(
        "CFN-ES-003",
        "OpenSearch/Elasticsearch node-to-node encryption is off",
        "medium",
        ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
        doc({
          what: "An OpenSearch or Elasticsearch domain without `NodeToNodeEncryptionOptions.Enabled: true`.",
          why: "Traffic between cluster nodes (replication, queries) is unencrypted inside the VPC.",
          example: `Search:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.11`,
          fix: "Set `NodeToNodeEncryptionOptions: { Enabled: true }`.",
          refs: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html"]
        }),
        "Set NodeToNodeEncryptionOptions.Enabled: true."
      ),
      prop: "NodeToNodeEncryptionOptions.Enabled",
      absentMessage: (r) => `${r.id} does not set NodeToNodeEncryptionOptions.Enabled (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets NodeToNodeEncryptionOptions.Enabled to false`
    });
    es_003_default = rule38;
  }
});

// src/rules/cloudformation/rules/iam-001.ts
var rule39, iam_001_default;
var init_iam_001 = __esm({
  "src/rules/cloudformation/rules/iam-001.ts"() {
    "use strict";
    init_util();
    rule39 = {
      meta: meta(
        "CFN-IAM-001",
        'IAM policy allows every action (Action: "*")',
        "high",
        IDENTITY_POLICY_TYPES,
        doc({
          what: "An `Allow` statement whose `Action` is `*` in an identity policy: `AWS::IAM::Policy`, `ManagedPolicy`, inline `Policies` of roles, users and groups, and SAM function `Policies` statements. `Deny` statements are never reported.",
          why: '`Action: "*"` grants administrator rights over whatever the Resource names \u2014 including IAM itself, which lets the holder escalate to full account control.',
          example: `AdminPolicy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Action: '*'
          Resource: '*'`,
          fix: "List the specific actions the principal needs (IAM Access Analyzer can generate a policy from CloudTrail activity).",
          fixed: `        - Effect: Allow
          Action: [s3:GetObject, s3:PutObject]
          Resource: !Sub '\${Bucket.Arn}/*'`,
          refs: [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
            "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1"
          ]
        }),
        'Replace Action "*" with the specific actions needed.'
      ),
      check(ctx) {
        for (const r of ctx.resources)
          for (const d of identityPolicyDocs(ctx.t, r))
            for (const s of statements(ctx.t, d)) {
              if (!s.allow) continue;
              const v = findVal(s.actions, (a) => strVal(a) === "*");
              if (v) ctx.report(r, s.actionNode, `${r.id} allows every action ("*")`, { why: v.why });
            }
      }
    };
    iam_001_default = rule39;
  }
});

// src/rules/cloudformation/rules/iam-002.ts
var rule40, iam_002_default;
var init_iam_002 = __esm({
  "src/rules/cloudformation/rules/iam-002.ts"() {
    "use strict";
    init_util();
    rule40 = {
      meta: meta(
        "CFN-IAM-002",
        "IAM policy allows all actions of a service on all resources",
        "medium",
        IDENTITY_POLICY_TYPES,
        doc({
          what: 'An `Allow` statement with a service-wide action such as `s3:*` or `iam:*` **and** `Resource: "*"`. (`Action: "*"` is reported by CFN-IAM-001.) `Deny` statements are never reported.',
          why: "A service wildcard on every resource grants destructive and privilege-changing actions (`s3:DeleteBucket`, `iam:CreateAccessKey`) on everything in the account, not just the resources the workload uses.",
          example: `Policy:
  Type: AWS::IAM::Policy
  Properties:
    PolicyName: p
    Roles: [!Ref Role]
    PolicyDocument:
      Statement:
        - Effect: Allow
          Action: s3:*
          Resource: '*'`,
          fix: "Name the actions and scope `Resource` to the ARNs the workload uses.",
          refs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"]
        }),
        "Scope service:* actions to specific actions and resource ARNs."
      ),
      check(ctx) {
        for (const r of ctx.resources)
          for (const d of identityPolicyDocs(ctx.t, r))
            for (const s of statements(ctx.t, d)) {
              if (!s.allow) continue;
              const star = findVal(s.resources, (v) => strVal(v) === "*");
              if (!star) continue;
              const svc = findVal(s.actions, (a) => /^[a-z0-9-]+:\*$/i.test(strVal(a) ?? ""));
              if (svc)
                ctx.report(r, s.actionNode, `${r.id} allows ${strVal(svc)} on every resource`, {
                  why: svc.why ?? star.why
                });
            }
      }
    };
    iam_002_default = rule40;
  }
});

// src/rules/cloudformation/rules/iam-003.ts
var rule41, iam_003_default;
var init_iam_003 = __esm({
  "src/rules/cloudformation/rules/iam-003.ts"() {
    "use strict";
    init_util();
    rule41 = {
      meta: meta(
        "CFN-IAM-003",
        "IAM policy uses Allow with NotAction",
        "medium",
        IDENTITY_POLICY_TYPES,
        doc({
          what: "An `Allow` statement that uses `NotAction` in an identity policy.",
          why: "`Allow` + `NotAction` grants every action except the listed ones \u2014 including actions of services launched after the policy was written. It is almost always broader than intended.",
          example: `Policy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Statement:
        - Effect: Allow
          NotAction: iam:*
          Resource: '*'`,
          fix: "Use `Action` with an explicit list. `NotAction` is fine in a `Deny` statement.",
          refs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html"]
        }),
        "Use an explicit Action list instead of Allow + NotAction."
      ),
      check(ctx) {
        for (const r of ctx.resources)
          for (const d of identityPolicyDocs(ctx.t, r))
            for (const s of statements(ctx.t, d))
              if (s.allow && s.notActionNode) ctx.report(r, s.notActionNode, `${r.id} uses Allow with NotAction`);
      }
    };
    iam_003_default = rule41;
  }
});

// src/rules/cloudformation/rules/iam-004.ts
var rule42, iam_004_default;
var init_iam_004 = __esm({
  "src/rules/cloudformation/rules/iam-004.ts"() {
    "use strict";
    init_util();
    rule42 = {
      meta: meta(
        "CFN-IAM-004",
        "IAM policy uses Allow with NotResource",
        "medium",
        IDENTITY_POLICY_TYPES,
        doc({
          what: "An `Allow` statement that uses `NotResource` in an identity policy.",
          why: "`Allow` + `NotResource` applies to every resource except the listed ones, including resources created later and in other services.",
          example: `Policy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Statement:
        - Effect: Allow
          Action: s3:GetObject
          NotResource: arn:aws:s3:::secret-bucket/*`,
          fix: "List the resources the statement applies to in `Resource`. `NotResource` is fine in a `Deny` statement.",
          refs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html"]
        }),
        "Use an explicit Resource list instead of Allow + NotResource."
      ),
      check(ctx) {
        for (const r of ctx.resources)
          for (const d of identityPolicyDocs(ctx.t, r))
            for (const s of statements(ctx.t, d))
              if (s.allow && s.notResourceNode) ctx.report(r, s.notResourceNode, `${r.id} uses Allow with NotResource`);
      }
    };
    iam_004_default = rule42;
  }
});

// src/rules/cloudformation/rules/iam-005.ts
var rule43, iam_005_default;
var init_iam_005 = __esm({
  "src/rules/cloudformation/rules/iam-005.ts"() {
    "use strict";
    init_util();
    rule43 = {
      meta: meta(
        "CFN-IAM-005",
        "IAM policy allows iam:PassRole on every role",
        "high",
        IDENTITY_POLICY_TYPES,
        doc({
          what: 'An `Allow` statement whose actions include `iam:PassRole` (directly or via a wildcard such as `iam:Pass*` or `iam:*`, but not `*`, which CFN-IAM-001 reports) with `Resource: "*"`.',
          why: "PassRole on every role lets the principal hand any role \u2014 including administrator roles \u2014 to a service (EC2, Lambda, CloudFormation) it controls, which is a classic privilege escalation path.",
          example: `Policy:
  Type: AWS::IAM::Policy
  Properties:
    PolicyName: deploy
    Roles: [!Ref Role]
    PolicyDocument:
      Statement:
        - Effect: Allow
          Action: iam:PassRole
          Resource: '*'`,
          fix: "Limit `Resource` to the ARNs of the roles that may be passed, and add an `iam:PassedToService` condition.",
          fixed: `        - Effect: Allow
          Action: iam:PassRole
          Resource: !GetAtt LambdaRole.Arn
          Condition:
            StringEquals: { iam:PassedToService: lambda.amazonaws.com }`,
          refs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html"]
        }),
        "Scope iam:PassRole to specific role ARNs."
      ),
      check(ctx) {
        for (const r of ctx.resources)
          for (const d of identityPolicyDocs(ctx.t, r))
            for (const s of statements(ctx.t, d)) {
              if (!s.allow) continue;
              const star = findVal(s.resources, (v) => strVal(v) === "*");
              if (!star) continue;
              const a = findVal(s.actions, (v) => {
                const x = strVal(v);
                return x !== void 0 && x !== "*" && actionCovers(x, "iam:PassRole");
              });
              if (a) ctx.report(r, s.actionNode, `${r.id} allows iam:PassRole on every role`, { why: a.why ?? star.why });
            }
      }
    };
    iam_005_default = rule43;
  }
});

// src/rules/cloudformation/rules/iam-006.ts
var rule44, iam_006_default;
var init_iam_006 = __esm({
  "src/rules/cloudformation/rules/iam-006.ts"() {
    "use strict";
    init_util();
    rule44 = {
      meta: meta(
        "CFN-IAM-006",
        "IAM role can be assumed by any AWS principal",
        "critical",
        ["AWS::IAM::Role"],
        doc({
          what: 'A role whose `AssumeRolePolicyDocument` has an `Allow` statement with `Principal: "*"` or `Principal: {AWS: "*"}` and no `Condition`.',
          why: "Anyone with an AWS account \u2014 anywhere \u2014 can assume the role and receive its permissions.",
          example: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { AWS: '*' }
          Action: sts:AssumeRole`,
          fix: "Name the trusted accounts, roles or services, or constrain the statement with a condition such as `aws:PrincipalOrgID` or `sts:ExternalId`.",
          refs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html"]
        }),
        "Name trusted principals explicitly or add a restricting Condition."
      ),
      check(ctx) {
        for (const r of ctx.resources)
          for (const s of statements(ctx.t, ctx.t.get(r.props, "AssumeRolePolicyDocument"))) {
            if (!s.allow || hasCondition(ctx.t, s)) continue;
            const w = wildcardPrincipal(ctx.t, s.principalNode);
            if (w)
              ctx.report(r, w.node, `${r.id} trusts every AWS principal ("*") without a condition`, { why: w.val.why });
          }
      }
    };
    iam_006_default = rule44;
  }
});

// src/rules/cloudformation/rules/iam-007.ts
var rule45, iam_007_default;
var init_iam_007 = __esm({
  "src/rules/cloudformation/rules/iam-007.ts"() {
    "use strict";
    init_util();
    rule45 = {
      meta: meta(
        "CFN-IAM-007",
        "IAM user has inline policies",
        "low",
        ["AWS::IAM::User", "AWS::IAM::Policy", "AWS::IAM::UserPolicy"],
        doc({
          what: "An `AWS::IAM::User` with `Policies`, an `AWS::IAM::UserPolicy`, or an `AWS::IAM::Policy` attached to `Users`.",
          why: "Permissions attached directly to users are hard to audit and tend to accumulate; grant them through groups or roles instead.",
          example: `Deployer:
  Type: AWS::IAM::User
  Properties:
    Policies:
      - PolicyName: deploy
        PolicyDocument: { Statement: [] }`,
          fix: "Attach the policy to a group the user belongs to, or better, have the user assume a role.",
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2"]
        }),
        "Grant permissions through groups or roles, not inline on users."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          if (r.type === "AWS::IAM::User") {
            const p = ctx.t.get(r.props, "Policies");
            if (p && ctx.t.items(p).length) ctx.report(r, p, `${r.id} has inline policies`);
          } else if (r.type === "AWS::IAM::UserPolicy") {
            ctx.report(r, ctx.t.get(r.props, "UserName"), `${r.id} is an inline policy on a user`);
          } else {
            const u = ctx.t.get(r.props, "Users");
            if (u && ctx.t.items(u).length) ctx.report(r, u, `${r.id} attaches a policy directly to users`);
          }
        }
      }
    };
    iam_007_default = rule45;
  }
});

// src/rules/cloudformation/rules/iam-008.ts
var ADMIN, rule46, iam_008_default;
var init_iam_008 = __esm({
  "src/rules/cloudformation/rules/iam-008.ts"() {
    "use strict";
    init_util();
    ADMIN = /(?:^|:policy\/)AdministratorAccess$/;
    rule46 = {
      meta: meta(
        "CFN-IAM-008",
        "AdministratorAccess managed policy is attached",
        "high",
        [
          "AWS::IAM::Role",
          "AWS::IAM::User",
          "AWS::IAM::Group",
          "AWS::Serverless::Function",
          "AWS::Serverless::StateMachine"
        ],
        doc({
          what: "The AWS managed policy `arn:aws:iam::aws:policy/AdministratorAccess` in `ManagedPolicyArns` (literal, `!Sub` with `${AWS::Partition}`, or a parameter Default), or `AdministratorAccess` in a SAM function's `Policies`.",
          why: "Full administrator access for a workload or user means any compromise of it is a compromise of the whole account.",
          example: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument: { Statement: [] }
    ManagedPolicyArns:
      - arn:aws:iam::aws:policy/AdministratorAccess`,
          fix: "Attach a policy with only the permissions the workload needs.",
          refs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"]
        }),
        "Replace AdministratorAccess with a least-privilege policy."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          const sam = r.type.startsWith("AWS::Serverless::");
          for (const prop of sam ? ["Policies", "ManagedPolicyArns"] : ["ManagedPolicyArns"]) {
            for (const item of ctx.t.items(ctx.t.get(r.props, prop))) {
              const v = findVal(ctx.t.values(item), (x) => ADMIN.test(strVal(x) ?? ""));
              const sub = ctx.t.subTemplate(item);
              if (v || sub && ADMIN.test(sub))
                ctx.report(r, item, `${r.id} attaches the AdministratorAccess managed policy`, { why: v?.why });
            }
          }
        }
      }
    };
    iam_008_default = rule46;
  }
});

// src/rules/cloudformation/rules/iam-009.ts
var rule47, iam_009_default;
var init_iam_009 = __esm({
  "src/rules/cloudformation/rules/iam-009.ts"() {
    "use strict";
    init_util();
    rule47 = {
      meta: meta(
        "CFN-IAM-009",
        "IAM role trust policy uses Allow with NotPrincipal",
        "high",
        ["AWS::IAM::Role"],
        doc({
          what: "A role whose `AssumeRolePolicyDocument` has an `Allow` statement with `NotPrincipal`.",
          why: "`Allow` + `NotPrincipal` trusts every principal except the listed ones \u2014 effectively anyone.",
          example: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          NotPrincipal: { AWS: arn:aws:iam::123456789012:root }
          Action: sts:AssumeRole`,
          fix: "Use `Principal` with the principals that may assume the role.",
          refs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html"]
        }),
        "Use Principal with explicit trusted principals instead of Allow + NotPrincipal."
      ),
      check(ctx) {
        for (const r of ctx.resources)
          for (const s of statements(ctx.t, ctx.t.get(r.props, "AssumeRolePolicyDocument")))
            if (s.allow && s.notPrincipalNode)
              ctx.report(r, s.notPrincipalNode, `${r.id} trust policy uses Allow with NotPrincipal`);
      }
    };
    iam_009_default = rule47;
  }
});

// src/rules/cloudformation/rules/kin-001.ts
var rule48, kin_001_default;
var init_kin_001 = __esm({
  "src/rules/cloudformation/rules/kin-001.ts"() {
    "use strict";
    init_util();
    rule48 = requireProp({
      meta: meta(
        "CFN-KIN-001",
        "Kinesis stream is not encrypted",
        "medium",
        ["AWS::Kinesis::Stream"],
        doc({
          what: "An `AWS::Kinesis::Stream` without `StreamEncryption`.",
          why: "Records are stored unencrypted for the whole retention period (up to a year).",
          example: `Stream:
  Type: AWS::Kinesis::Stream
  Properties:
    ShardCount: 1`,
          fix: "Set `StreamEncryption: { EncryptionType: KMS, KeyId: alias/aws/kinesis }` (or a customer managed key).",
          refs: ["https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html"]
        }),
        "Set StreamEncryption with EncryptionType KMS."
      ),
      prop: "StreamEncryption",
      message: (r) => `${r.id} has no StreamEncryption`
    });
    kin_001_default = rule48;
  }
});

// src/rules/cloudformation/rules/kms-001.ts
var rule49, kms_001_default;
var init_kms_001 = __esm({
  "src/rules/cloudformation/rules/kms-001.ts"() {
    "use strict";
    init_util();
    rule49 = {
      meta: meta(
        "CFN-KMS-001",
        "KMS key policy allows any principal without a condition",
        "high",
        ["AWS::KMS::Key"],
        doc({
          what: 'An `Allow` statement in the `KeyPolicy` of `AWS::KMS::Key` (`Resource: "*"` is normal in key policies and is not reported) whose `Principal` is `"*"` or `{AWS: "*"}` and that has no `Condition`.',
          why: "A wildcard principal with no condition grants the statement's actions to anyone on the internet (signed or anonymous, depending on the service).",
          example: `Key:
  Type: AWS::KMS::Key
  Properties:
    KeyPolicy:
      Statement:
        - Effect: Allow
          Principal: { AWS: '*' }
          Action: kms:*
          Resource: '*'`,
          fix: NAME_PRINCIPALS_FIX,
          refs: [PRINCIPAL_REF, "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html"]
        }),
        NAME_PRINCIPALS_REMEDIATION
      ),
      check: publicPolicyCheck("KeyPolicy")
    };
    kms_001_default = rule49;
  }
});

// src/rules/cloudformation/rules/kms-002.ts
var rule50, kms_002_default;
var init_kms_002 = __esm({
  "src/rules/cloudformation/rules/kms-002.ts"() {
    "use strict";
    init_util();
    rule50 = requireTrue({
      meta: meta(
        "CFN-KMS-002",
        "KMS key rotation is not enabled",
        "medium",
        ["AWS::KMS::Key"],
        doc({
          what: "A symmetric `AWS::KMS::Key` (KeySpec absent or `SYMMETRIC_DEFAULT`) without `EnableKeyRotation: true`. Asymmetric and HMAC keys cannot rotate automatically and are skipped.",
          why: "Automatic rotation limits how much data is protected by one key version and is required by most compliance frameworks (CIS, PCI DSS).",
          example: `Key:
  Type: AWS::KMS::Key
  Properties:
    KeyPolicy: { Statement: [] }`,
          fix: "Set `EnableKeyRotation: true`.",
          refs: ["https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"]
        }),
        "Set EnableKeyRotation: true."
      ),
      prop: "EnableKeyRotation",
      when: (t, r) => {
        const spec = t.get(r.props, "KeySpec");
        if (!spec) return true;
        return findVal(t.values(spec), (v) => strVal(v) === "SYMMETRIC_DEFAULT") !== void 0;
      },
      absentMessage: (r) => `${r.id} does not enable key rotation`,
      falseMessage: (r) => `${r.id} disables key rotation`
    });
    kms_002_default = rule50;
  }
});

// src/rules/cloudformation/rules/lambda-001.ts
var rule51, lambda_001_default;
var init_lambda_001 = __esm({
  "src/rules/cloudformation/rules/lambda-001.ts"() {
    "use strict";
    init_util();
    rule51 = {
      meta: meta(
        "CFN-LAMBDA-001",
        "Lambda permission allows any principal without a source restriction",
        "high",
        ["AWS::Lambda::Permission"],
        doc({
          what: 'An `AWS::Lambda::Permission` with `Principal: "*"` and neither `SourceArn`, `SourceAccount` nor `PrincipalOrgID`.',
          why: "Anyone can invoke the function (and run up cost, or reach whatever it can reach).",
          example: `Permission:
  Type: AWS::Lambda::Permission
  Properties:
    FunctionName: !Ref Fn
    Action: lambda:InvokeFunction
    Principal: '*'`,
          fix: "Name the invoking service or account in `Principal` and set `SourceArn`/`SourceAccount`.",
          fixed: `    Principal: s3.amazonaws.com
    SourceArn: !GetAtt Bucket.Arn
    SourceAccount: !Ref AWS::AccountId`,
          refs: ["https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html"]
        }),
        "Name the invoking principal and set SourceArn/SourceAccount."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          const p = ctx.t.get(r.props, "Principal");
          const v = findVal(ctx.t.values(p), (x) => strVal(x) === "*");
          if (!v) continue;
          if (["SourceArn", "SourceAccount", "PrincipalOrgID"].some((k) => ctx.t.get(r.props, k) !== void 0)) continue;
          ctx.report(r, p, `${r.id} lets any principal ("*") invoke the function`, { why: v.why });
        }
      }
    };
    lambda_001_default = rule51;
  }
});

// src/rules/cloudformation/rules/lambda-002.ts
var rule52, lambda_002_default;
var init_lambda_002 = __esm({
  "src/rules/cloudformation/rules/lambda-002.ts"() {
    "use strict";
    init_util();
    rule52 = {
      meta: meta(
        "CFN-LAMBDA-002",
        "Lambda function URL has no authentication",
        "high",
        ["AWS::Lambda::Url", "AWS::Serverless::Function"],
        doc({
          what: "`AWS::Lambda::Url` with `AuthType: NONE`, or a SAM function whose `FunctionUrlConfig.AuthType` is `NONE`.",
          why: "The function gets a public HTTPS endpoint that anyone can call; unless the code authenticates every request itself, it is open to the internet.",
          example: `Url:
  Type: AWS::Lambda::Url
  Properties:
    TargetFunctionArn: !GetAtt Fn.Arn
    AuthType: NONE`,
          fix: "Use `AuthType: AWS_IAM`, or front the function with API Gateway and an authorizer. If the endpoint is intentionally public (a webhook that verifies signatures), suppress with a reason.",
          refs: ["https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"]
        }),
        "Set AuthType: AWS_IAM (or use API Gateway with an authorizer)."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          const n = ctx.t.at(r.props, r.type === "AWS::Lambda::Url" ? "AuthType" : "FunctionUrlConfig.AuthType");
          const v = findVal(ctx.t.values(n), (x) => strVal(x)?.toUpperCase() === "NONE");
          if (v) ctx.report(r, n, `${r.id} has a function URL with AuthType NONE`, { why: v.why });
        }
      }
    };
    lambda_002_default = rule52;
  }
});

// src/rules/cloudformation/rules/log-001.ts
var rule53, log_001_default;
var init_log_001 = __esm({
  "src/rules/cloudformation/rules/log-001.ts"() {
    "use strict";
    init_util();
    rule53 = requireTrue({
      meta: meta(
        "CFN-LOG-001",
        "CloudTrail log file validation is off",
        "medium",
        ["AWS::CloudTrail::Trail"],
        doc({
          what: "An `AWS::CloudTrail::Trail` without `EnableLogFileValidation: true`.",
          why: "Without digest files you cannot prove that logs were not modified or deleted after delivery \u2014 exactly what an intruder would do.",
          example: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket`,
          fix: "Set `EnableLogFileValidation: true`.",
          refs: ["https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html"]
        }),
        "Set EnableLogFileValidation: true."
      ),
      prop: "EnableLogFileValidation",
      absentMessage: (r) => `${r.id} does not set EnableLogFileValidation (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets EnableLogFileValidation to false`
    });
    log_001_default = rule53;
  }
});

// src/rules/cloudformation/rules/log-002.ts
var rule54, log_002_default;
var init_log_002 = __esm({
  "src/rules/cloudformation/rules/log-002.ts"() {
    "use strict";
    init_util();
    rule54 = requireTrue({
      meta: meta(
        "CFN-LOG-002",
        "CloudTrail trail is not multi-region",
        "low",
        ["AWS::CloudTrail::Trail"],
        doc({
          what: "An `AWS::CloudTrail::Trail` without `IsMultiRegionTrail: true`.",
          why: "Activity in other regions \u2014 a favourite place to start crypto-mining or hide resources \u2014 is not recorded.",
          example: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket`,
          fix: "Set `IsMultiRegionTrail: true` (and `IncludeGlobalServiceEvents: true`).",
          refs: [
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html"
          ]
        }),
        "Set IsMultiRegionTrail: true."
      ),
      prop: "IsMultiRegionTrail",
      absentMessage: (r) => `${r.id} does not set IsMultiRegionTrail (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets IsMultiRegionTrail to false`
    });
    log_002_default = rule54;
  }
});

// src/rules/cloudformation/rules/log-003.ts
var rule55, log_003_default;
var init_log_003 = __esm({
  "src/rules/cloudformation/rules/log-003.ts"() {
    "use strict";
    init_util();
    rule55 = requireProp({
      meta: meta(
        "CFN-LOG-003",
        "CloudWatch log group is not encrypted with a KMS key",
        "low",
        ["AWS::Logs::LogGroup"],
        doc({
          what: "An `AWS::Logs::LogGroup` without `KmsKeyId`. Log groups are always encrypted by CloudWatch; this asks for a customer managed key when logs may hold sensitive data.",
          why: "With a customer managed key you control and audit who can decrypt the logs, and can make them unreadable by revoking the key.",
          example: `Logs:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 90`,
          fix: "Set `KmsKeyId` to the ARN of a key whose policy allows the CloudWatch Logs service principal.",
          refs: ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"]
        }),
        "Set KmsKeyId on log groups holding sensitive data."
      ),
      prop: "KmsKeyId",
      message: (r) => `${r.id} has no KmsKeyId`
    });
    log_003_default = rule55;
  }
});

// src/rules/cloudformation/rules/log-004.ts
var rule56, log_004_default;
var init_log_004 = __esm({
  "src/rules/cloudformation/rules/log-004.ts"() {
    "use strict";
    init_util();
    rule56 = requireProp({
      meta: meta(
        "CFN-LOG-004",
        "CloudTrail logs are not encrypted with a KMS key",
        "low",
        ["AWS::CloudTrail::Trail"],
        doc({
          what: "An `AWS::CloudTrail::Trail` without `KMSKeyId`.",
          why: "With SSE-KMS, reading the audit trail needs both S3 and KMS permissions, which keeps the log of everyone\u2019s actions away from everyone who can read the bucket.",
          example: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket`,
          fix: "Set `KMSKeyId` to a key whose policy allows CloudTrail to encrypt.",
          refs: [
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html"
          ]
        }),
        "Set KMSKeyId on the trail."
      ),
      prop: "KMSKeyId",
      message: (r) => `${r.id} has no KMSKeyId`
    });
    log_004_default = rule56;
  }
});

// src/rules/cloudformation/rules/log-005.ts
var rule57, log_005_default;
var init_log_005 = __esm({
  "src/rules/cloudformation/rules/log-005.ts"() {
    "use strict";
    init_util();
    rule57 = requireProp({
      meta: meta(
        "CFN-LOG-005",
        "CloudWatch log group has no retention",
        "low",
        ["AWS::Logs::LogGroup"],
        doc({
          what: "An `AWS::Logs::LogGroup` without `RetentionInDays`.",
          why: "Logs kept forever grow cost without bound and keep personal data longer than most policies (GDPR, internal retention rules) allow.",
          example: `Logs:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: /app/web`,
          fix: "Set `RetentionInDays` to what your retention policy requires (e.g. 90, 365).",
          refs: [
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention"
          ]
        }),
        "Set RetentionInDays."
      ),
      prop: "RetentionInDays",
      message: (r) => `${r.id} has no RetentionInDays (logs are kept forever)`
    });
    log_005_default = rule57;
  }
});

// src/rules/cloudformation/rules/nacl-001.ts
function worldAllowEntry(t, r) {
  const action2 = t.values(t.get(r.props, "RuleAction"));
  if (!findVal(action2, (v) => strVal(v)?.toLowerCase() === "allow")) return void 0;
  for (const [key, world] of [
    ["CidrBlock", WORLD4],
    ["Ipv6CidrBlock", WORLD6]
  ]) {
    const n = t.get(r.props, key);
    const v = findVal(t.values(n), (x) => world.has(strVal(x) ?? ""));
    if (n && v) return { cidr: n, egress: !!findVal(t.values(t.get(r.props, "Egress")), isTrue), why: v.why };
  }
  return void 0;
}
var rule58, nacl_001_default;
var init_nacl_001 = __esm({
  "src/rules/cloudformation/rules/nacl-001.ts"() {
    "use strict";
    init_util();
    rule58 = {
      meta: meta(
        "CFN-NACL-001",
        "Network ACL allows all traffic from the whole internet",
        "medium",
        ["AWS::EC2::NetworkAclEntry"],
        doc({
          what: "An ingress `AWS::EC2::NetworkAclEntry` with `RuleAction: allow`, a world CIDR (`0.0.0.0/0`, `::/0`) and `Protocol: -1` (all protocols) or a port range covering every port.",
          why: "A NACL is the subnet-level second line of defence; allowing everything from everywhere removes it, leaving security groups as the only control.",
          example: `AllowAll:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref Acl
    RuleNumber: 100
    Protocol: -1
    RuleAction: allow
    CidrBlock: 0.0.0.0/0`,
          fix: "Allow only the protocols and port ranges the subnet serves (for a public subnet: 443, 80 and the ephemeral return ports).",
          refs: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"]
        }),
        "Allow only the needed protocols and ports in network ACLs."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const e = worldAllowEntry(t, r);
          if (!e || e.egress) continue;
          const proto = t.values(t.get(r.props, "Protocol"));
          const all = findVal(proto, (v) => ["-1", "all"].includes(String(v.value)));
          const from = t.single(t.at(r.props, "PortRange.From"));
          const to = t.single(t.at(r.props, "PortRange.To"));
          const allPorts = from && to && Number(from.value) <= 0 && Number(to.value) >= 65535;
          if (all || allPorts)
            ctx.report(r, e.cidr, `${r.id} allows all inbound traffic from the internet`, { why: e.why });
        }
      }
    };
    nacl_001_default = rule58;
  }
});

// src/rules/cloudformation/rules/nacl-002.ts
var PORTS, rule59, nacl_002_default;
var init_nacl_002 = __esm({
  "src/rules/cloudformation/rules/nacl-002.ts"() {
    "use strict";
    init_cloudformation();
    init_util();
    init_nacl_001();
    PORTS = [
      [22, "SSH"],
      [3389, "RDP"]
    ];
    rule59 = {
      meta: meta(
        "CFN-NACL-002",
        "Network ACL allows SSH or RDP from the whole internet",
        "medium",
        ["AWS::EC2::NetworkAclEntry"],
        doc({
          what: "An ingress `AWS::EC2::NetworkAclEntry` with `RuleAction: allow` from `0.0.0.0/0` or `::/0` whose TCP `PortRange` includes 22 or 3389 (all-protocol entries are reported by CFN-NACL-001).",
          why: "Administration ports should be reachable only from a management network at every layer; the NACL is the subnet-wide guard if a security group is misconfigured.",
          example: `Ssh:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref Acl
    RuleNumber: 100
    Protocol: 6
    RuleAction: allow
    CidrBlock: 0.0.0.0/0
    PortRange: { From: 22, To: 22 }`,
          fix: "Restrict the CIDR to your management network, or rely on SSM Session Manager and drop the entry.",
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21"]
        }),
        "Allow admin ports in NACLs only from a management CIDR."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const e = worldAllowEntry(t, r);
          if (!e || e.egress) continue;
          if (!findVal(t.values(t.get(r.props, "Protocol")), (v) => String(v.value) === "6" || String(v.value) === "tcp"))
            continue;
          const from = t.single(t.at(r.props, "PortRange.From"));
          const to = t.single(t.at(r.props, "PortRange.To"));
          const a = from ? asNum(from.value) : void 0;
          const b = to ? asNum(to.value) : void 0;
          if (a === void 0 || b === void 0) continue;
          const hit = PORTS.find(([p]) => a <= p && p <= b);
          if (hit) ctx.report(r, e.cidr, `${r.id} allows ${hit[1]} (port ${hit[0]}) from the internet`, { why: e.why });
        }
      }
    };
    nacl_002_default = rule59;
  }
});

// src/rules/cloudformation/rules/rds-001.ts
var rule60, rds_001_default;
var init_rds_001 = __esm({
  "src/rules/cloudformation/rules/rds-001.ts"() {
    "use strict";
    init_util();
    rule60 = requireTrue({
      meta: meta(
        "CFN-RDS-001",
        "RDS instance storage is not encrypted",
        "high",
        ["AWS::RDS::DBInstance"],
        doc({
          what: "An `AWS::RDS::DBInstance` without `StorageEncrypted: true`. Aurora instances (Engine `aurora*` or with `DBClusterIdentifier`) take encryption from their cluster and are skipped (see CFN-RDS-002); so are read replicas and snapshot restores, which inherit it.",
          why: "Unencrypted database storage, snapshots and backups can be read by anyone who obtains a copy of the volume or a shared snapshot. Encryption cannot be turned on later without a snapshot-and-restore migration.",
          example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    DBInstanceClass: db.t3.micro`,
          fix: "Set `StorageEncrypted: true` (optionally with `KmsKeyId`).",
          refs: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html"]
        }),
        "Set StorageEncrypted: true."
      ),
      prop: "StorageEncrypted",
      when: (t, r) => !t.get(r.props, "DBClusterIdentifier") && !t.get(r.props, "SourceDBInstanceIdentifier") && !t.get(r.props, "DBSnapshotIdentifier") && !findVal(t.values(t.get(r.props, "Engine")), (v) => (strVal(v) ?? "").startsWith("aurora")),
      absentMessage: (r) => `${r.id} does not set StorageEncrypted (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets StorageEncrypted to false`
    });
    rds_001_default = rule60;
  }
});

// src/rules/cloudformation/rules/rds-002.ts
var rule61, rds_002_default;
var init_rds_002 = __esm({
  "src/rules/cloudformation/rules/rds-002.ts"() {
    "use strict";
    init_util();
    rule61 = requireTrue({
      meta: meta(
        "CFN-RDS-002",
        "RDS/Aurora cluster storage is not encrypted",
        "high",
        ["AWS::RDS::DBCluster"],
        doc({
          what: "An `AWS::RDS::DBCluster` without `StorageEncrypted: true`. Clusters restored from a snapshot or created as replicas inherit encryption and are skipped.",
          why: "Unencrypted cluster volumes, snapshots and backups expose all data to anyone who gets a copy; encryption cannot be enabled on an existing cluster.",
          example: `Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    Engine: aurora-postgresql`,
          fix: "Set `StorageEncrypted: true` (optionally with `KmsKeyId`).",
          refs: ["https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html"]
        }),
        "Set StorageEncrypted: true."
      ),
      prop: "StorageEncrypted",
      when: (t, r) => !t.get(r.props, "SnapshotIdentifier") && !t.get(r.props, "ReplicationSourceIdentifier") && !t.get(r.props, "SourceDBClusterIdentifier"),
      absentMessage: (r) => `${r.id} does not set StorageEncrypted (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets StorageEncrypted to false`
    });
    rds_002_default = rule61;
  }
});

// src/rules/cloudformation/rules/rds-003.ts
var rule62, rds_003_default;
var init_rds_003 = __esm({
  "src/rules/cloudformation/rules/rds-003.ts"() {
    "use strict";
    init_util();
    rule62 = forbidTrue({
      meta: meta(
        "CFN-RDS-003",
        "RDS instance is publicly accessible",
        "high",
        ["AWS::RDS::DBInstance"],
        doc({
          what: "An `AWS::RDS::DBInstance` with `PubliclyAccessible: true`.",
          why: "A public database gets a public DNS name and IP: the only thing between it and the internet is a security group and a password.",
          example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    PubliclyAccessible: true`,
          fix: "Set `PubliclyAccessible: false` and reach the database through the VPC (bastion, SSM port forwarding, VPN).",
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2"]
        }),
        "Set PubliclyAccessible: false."
      ),
      prop: "PubliclyAccessible",
      trueMessage: (r) => `${r.id} is publicly accessible`
    });
    rds_003_default = rule62;
  }
});

// src/rules/cloudformation/rules/redshift-001.ts
var rule63, redshift_001_default;
var init_redshift_001 = __esm({
  "src/rules/cloudformation/rules/redshift-001.ts"() {
    "use strict";
    init_util();
    rule63 = requireTrue({
      meta: meta(
        "CFN-REDSHIFT-001",
        "Redshift cluster is not encrypted",
        "high",
        ["AWS::Redshift::Cluster"],
        doc({
          what: "An `AWS::Redshift::Cluster` without `Encrypted: true`.",
          why: "Data warehouse contents and snapshots are stored unencrypted; warehouses usually hold the most sensitive aggregated data.",
          example: `Warehouse:
  Type: AWS::Redshift::Cluster
  Properties:
    ClusterType: single-node
    NodeType: ra3.xlplus`,
          fix: "Set `Encrypted: true` (optionally with `KmsKeyId`).",
          refs: ["https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html"]
        }),
        "Set Encrypted: true."
      ),
      prop: "Encrypted",
      absentMessage: (r) => `${r.id} does not set Encrypted (it defaults to off)`,
      falseMessage: (r) => `${r.id} sets Encrypted to false`
    });
    redshift_001_default = rule63;
  }
});

// src/rules/cloudformation/rules/redshift-002.ts
var rule64, redshift_002_default;
var init_redshift_002 = __esm({
  "src/rules/cloudformation/rules/redshift-002.ts"() {
    "use strict";
    init_util();
    rule64 = forbidTrue({
      meta: meta(
        "CFN-REDSHIFT-002",
        "Redshift cluster is publicly accessible",
        "high",
        ["AWS::Redshift::Cluster"],
        doc({
          what: "An `AWS::Redshift::Cluster` with `PubliclyAccessible: true`.",
          why: "A public warehouse endpoint is reachable from the internet, protected only by a security group and credentials.",
          example: `Warehouse:
  Type: AWS::Redshift::Cluster
  Properties:
    ClusterType: single-node
    PubliclyAccessible: true`,
          fix: "Set `PubliclyAccessible: false`.",
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1"]
        }),
        "Set PubliclyAccessible: false."
      ),
      prop: "PubliclyAccessible",
      trueMessage: (r) => `${r.id} is publicly accessible`
    });
    redshift_002_default = rule64;
  }
});

// src/rules/cloudformation/rules/s3-001.ts
var rule65, s3_001_default;
var init_s3_001 = __esm({
  "src/rules/cloudformation/rules/s3-001.ts"() {
    "use strict";
    init_util();
    rule65 = {
      meta: meta(
        "CFN-S3-001",
        "S3 bucket encryption is configured without a KMS key",
        "low",
        ["AWS::S3::Bucket"],
        doc({
          what: "A bucket whose `BucketEncryption` rule sets `SSEAlgorithm: AES256` (S3-managed keys), or sets `aws:kms` without naming a customer managed key, or has a rule without `ServerSideEncryptionByDefault`. Buckets without `BucketEncryption` are encrypted with SSE-S3 by default and are not reported.",
          why: 'With S3-managed keys, anyone who can read the object can decrypt it: there is no key policy to separate "read the bucket" from "decrypt the data", and no CloudTrail record of key use.',
          example: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault:
            SSEAlgorithm: AES256`,
          fix: "Use `aws:kms` (or `aws:kms:dsse`) with a customer managed key, and enable `BucketKeyEnabled` to keep KMS costs down.",
          fixed: `        - ServerSideEncryptionByDefault:
            SSEAlgorithm: aws:kms
            KMSMasterKeyID: !Ref DataKey
          BucketKeyEnabled: true`,
          refs: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html"]
        }),
        "Use SSEAlgorithm aws:kms with a customer managed key."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const cfg = t.at(r.props, "BucketEncryption.ServerSideEncryptionConfiguration");
          if (!cfg) continue;
          for (const item of t.items(cfg)) {
            const def = t.get(item, "ServerSideEncryptionByDefault");
            if (!def) {
              ctx.report(r, item, `${r.id} has an encryption rule without ServerSideEncryptionByDefault`);
              continue;
            }
            const algNode = t.get(def, "SSEAlgorithm");
            const aes = findVal(t.values(algNode), (v) => strVal(v) === "AES256");
            if (aes) {
              ctx.report(r, algNode, `${r.id} uses S3-managed keys (AES256) rather than a KMS key`, { why: aes.why });
              continue;
            }
            const kms = findVal(t.values(algNode), (v) => (strVal(v) ?? "").startsWith("aws:kms"));
            if (kms && t.get(def, "KMSMasterKeyID") === void 0)
              ctx.report(r, algNode, `${r.id} uses the AWS managed aws/s3 key rather than a customer managed key`, {
                why: kms.why
              });
          }
        }
      }
    };
    s3_001_default = rule65;
  }
});

// src/rules/cloudformation/rules/s3-002.ts
var PUBLIC, rule66, s3_002_default;
var init_s3_002 = __esm({
  "src/rules/cloudformation/rules/s3-002.ts"() {
    "use strict";
    init_util();
    PUBLIC = /* @__PURE__ */ new Set(["PublicRead", "PublicReadWrite", "AuthenticatedRead"]);
    rule66 = {
      meta: meta(
        "CFN-S3-002",
        "S3 bucket has a public canned ACL",
        "high",
        ["AWS::S3::Bucket"],
        doc({
          what: "A bucket whose `AccessControl` is `PublicRead`, `PublicReadWrite` (critical) or `AuthenticatedRead` (any AWS account).",
          why: "Public buckets are the most common source of large data leaks; PublicReadWrite also lets anyone store (and make you pay for) arbitrary content.",
          example: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    AccessControl: PublicRead`,
          fix: "Remove `AccessControl` (ACLs are disabled by default with `BucketOwnerEnforced`). To serve public content, use CloudFront with origin access control.",
          refs: [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
            "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html"
          ]
        }),
        "Remove the public ACL; serve public content through CloudFront with OAC."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          const n = ctx.t.get(r.props, "AccessControl");
          const v = findVal(ctx.t.values(n), (x) => PUBLIC.has(strVal(x) ?? ""));
          if (v)
            ctx.report(r, n, `${r.id} has the ${strVal(v)} ACL`, {
              why: v.why,
              ...strVal(v) === "PublicReadWrite" ? { severity: "critical" } : {}
            });
        }
      }
    };
    s3_002_default = rule66;
  }
});

// src/rules/cloudformation/rules/s3-003.ts
var FLAGS, rule67, s3_003_default;
var init_s3_003 = __esm({
  "src/rules/cloudformation/rules/s3-003.ts"() {
    "use strict";
    init_util();
    FLAGS = ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"];
    rule67 = {
      meta: meta(
        "CFN-S3-003",
        "S3 public access block is turned off",
        "medium",
        ["AWS::S3::Bucket"],
        doc({
          what: `A bucket whose \`PublicAccessBlockConfiguration\` sets any of ${FLAGS.map((f) => `\`${f}\``).join(", ")} to false. (Since April 2023 new buckets block public access by default; a template has to turn it off explicitly.)`,
          why: "The public access block is the guard rail that keeps a mistaken ACL or bucket policy from publishing the bucket.",
          example: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    PublicAccessBlockConfiguration:
      BlockPublicAcls: false
      BlockPublicPolicy: true
      IgnorePublicAcls: true
      RestrictPublicBuckets: true`,
          fix: "Set all four flags to true. For a deliberately public website bucket, prefer CloudFront with origin access control; otherwise suppress with a reason.",
          refs: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"]
        }),
        "Set all four PublicAccessBlockConfiguration flags to true."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const pab = t.get(r.props, "PublicAccessBlockConfiguration");
          if (!pab) continue;
          for (const f of FLAGS) {
            const n = t.get(pab, f);
            const b = boolProp(t, n);
            if (b.falseVal) ctx.report(r, n, `${r.id} sets ${f} to false`, { why: b.falseVal.why });
          }
        }
      }
    };
    s3_003_default = rule67;
  }
});

// src/rules/cloudformation/rules/s3-004.ts
var rule68, s3_004_default;
var init_s3_004 = __esm({
  "src/rules/cloudformation/rules/s3-004.ts"() {
    "use strict";
    init_util();
    rule68 = {
      meta: meta(
        "CFN-S3-004",
        "S3 bucket policy allows any principal without a condition",
        "high",
        ["AWS::S3::BucketPolicy"],
        doc({
          what: 'An `Allow` statement in the `PolicyDocument` of `AWS::S3::BucketPolicy` whose `Principal` is `"*"` or `{AWS: "*"}` and that has no `Condition`.',
          why: "A wildcard principal with no condition grants the statement's actions to anyone on the internet (signed or anonymous, depending on the service).",
          example: `BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref Bucket
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: '*'
          Action: s3:GetObject
          Resource: !Sub '\${Bucket.Arn}/*'`,
          fix: NAME_PRINCIPALS_FIX,
          refs: [PRINCIPAL_REF, "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html"]
        }),
        NAME_PRINCIPALS_REMEDIATION
      ),
      check: publicPolicyCheck("PolicyDocument")
    };
    s3_004_default = rule68;
  }
});

// src/rules/cloudformation/rules/s3-005.ts
var rule69, s3_005_default;
var init_s3_005 = __esm({
  "src/rules/cloudformation/rules/s3-005.ts"() {
    "use strict";
    init_util();
    rule69 = {
      meta: meta(
        "CFN-S3-005",
        "S3 bucket access logging is not enabled",
        "low",
        ["AWS::S3::Bucket"],
        doc({
          what: "A bucket without `LoggingConfiguration`. Buckets that are themselves log targets (named as another bucket's `DestinationBucketName`, or with `AccessControl: LogDeliveryWrite`) are skipped.",
          why: "Without server access logs there is no record of who read or changed objects \u2014 needed for incident response and often for compliance.",
          example: `Bucket:
  Type: AWS::S3::Bucket
  Properties: {}`,
          fix: "Add `LoggingConfiguration` pointing at a dedicated log bucket (or enable CloudTrail S3 data events).",
          fixed: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    LoggingConfiguration:
      DestinationBucketName: !Ref LogBucket
      LogFilePrefix: bucket/`,
          refs: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"]
        }),
        "Add LoggingConfiguration pointing at a log bucket."
      ),
      check(ctx) {
        const t = ctx.t;
        const targets = /* @__PURE__ */ new Set();
        for (const r of ctx.resources)
          for (const id of t.references(t.at(r.props, "LoggingConfiguration.DestinationBucketName"))) targets.add(id);
        for (const r of ctx.resources) {
          if (targets.has(r.id) || t.get(r.props, "LoggingConfiguration") !== void 0) continue;
          if (findVal(t.values(t.get(r.props, "AccessControl")), (v) => strVal(v) === "LogDeliveryWrite")) continue;
          ctx.report(r, void 0, `${r.id} has no access logging`);
        }
      }
    };
    s3_005_default = rule69;
  }
});

// src/rules/cloudformation/rules/s3-006.ts
var rule70, s3_006_default;
var init_s3_006 = __esm({
  "src/rules/cloudformation/rules/s3-006.ts"() {
    "use strict";
    init_util();
    rule70 = {
      meta: meta(
        "CFN-S3-006",
        "S3 bucket policy does not deny plain-HTTP requests",
        "medium",
        ["AWS::S3::BucketPolicy"],
        doc({
          what: "An `AWS::S3::BucketPolicy` with no `Deny` statement conditioned on `aws:SecureTransport` being false. Only buckets that have a policy in the template are checked.",
          why: "S3 accepts plain HTTP unless a policy refuses it; requests and data then travel unencrypted and can be read or altered in transit.",
          example: `BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref Bucket
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { AWS: !GetAtt Role.Arn }
          Action: s3:GetObject
          Resource: !Sub '\${Bucket.Arn}/*'`,
          fix: "Add a statement denying every action when `aws:SecureTransport` is false.",
          fixed: `        - Effect: Deny
          Principal: '*'
          Action: 's3:*'
          Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
          Condition:
            Bool: { aws:SecureTransport: false }`,
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5"]
        }),
        "Add a Deny statement for aws:SecureTransport = false."
      ),
      check(ctx) {
        const t = ctx.t;
        for (const r of ctx.resources) {
          const d = t.get(r.props, "PolicyDocument");
          if (!d) continue;
          const ok = statements(t, d).some((s) => {
            if (!s.deny || !s.conditionNode) return false;
            for (const op of t.entries(s.conditionNode))
              for (const c of t.entries(op.value))
                if (c.key.toLowerCase() === "aws:securetransport")
                  return t.listValues(c.value).some((v) => strVal(v)?.toLowerCase() === "false" || v.value === false);
            return false;
          });
          if (!ok) ctx.report(r, d, `${r.id} does not deny requests over plain HTTP (aws:SecureTransport)`);
        }
      }
    };
    s3_006_default = rule70;
  }
});

// src/rules/cloudformation/rules/sg-001.ts
var ADMIN_PORTS, rule71, sg_001_default;
var init_sg_001 = __esm({
  "src/rules/cloudformation/rules/sg-001.ts"() {
    "use strict";
    init_util();
    ADMIN_PORTS = [
      [22, "SSH"],
      [3389, "RDP"]
    ];
    rule71 = {
      meta: meta(
        "CFN-SG-001",
        "Security group allows SSH or RDP from the whole internet",
        "high",
        ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
        doc({
          what: "Ingress rules (inline `SecurityGroupIngress` items and standalone `AWS::EC2::SecurityGroupIngress`) whose `CidrIp` is `0.0.0.0/0` or `CidrIpv6` is `::/0` and whose port range includes 22 (SSH) or 3389 (RDP). A `!Ref` to a parameter whose Default is open counts; a parameter without a Default does not.",
          why: "Remote administration ports open to the internet are scanned and brute-forced within minutes of exposure, and a single weak or leaked credential gives an attacker a shell.",
          example: `BastionSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: ssh
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 22
        ToPort: 22
        CidrIp: 0.0.0.0/0`,
          fix: "Restrict the source to your bastion or VPN range (or a prefix list), or use SSM Session Manager and close the port entirely.",
          fixed: `      - IpProtocol: tcp
        FromPort: 22
        ToPort: 22
        CidrIp: 10.20.0.0/16`,
          refs: [
            "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13",
            "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html"
          ]
        }),
        "Restrict SSH/RDP to a bastion or VPN CIDR, or use SSM Session Manager."
      ),
      check: openPortsCheck(ADMIN_PORTS)
    };
    sg_001_default = rule71;
  }
});

// src/rules/cloudformation/rules/sg-002.ts
var DATA_PORTS, rule72, sg_002_default;
var init_sg_002 = __esm({
  "src/rules/cloudformation/rules/sg-002.ts"() {
    "use strict";
    init_util();
    DATA_PORTS = [
      [3306, "MySQL"],
      [5432, "PostgreSQL"],
      [1433, "SQL Server"],
      [1521, "Oracle"],
      [27017, "MongoDB"],
      [6379, "Redis"],
      [9200, "Elasticsearch"],
      [9300, "Elasticsearch transport"],
      [5601, "Kibana"],
      [11211, "Memcached"],
      [2379, "etcd"],
      [2380, "etcd peer"],
      [5439, "Redshift"],
      [9042, "Cassandra"],
      [5984, "CouchDB"],
      [8086, "InfluxDB"],
      [7474, "Neo4j"],
      [5672, "AMQP"],
      [9092, "Kafka"]
    ];
    rule72 = {
      meta: meta(
        "CFN-SG-002",
        "Security group exposes a database or cache port to the whole internet",
        "high",
        ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
        doc({
          what: `Ingress from \`0.0.0.0/0\` or \`::/0\` whose port range includes a database, cache or search port: ${DATA_PORTS.map(([p, n]) => `${p} (${n})`).join(", ")}.`,
          why: "Data stores exposed to the internet are found by automated scanners and routinely ransomed or dumped; many (Redis, Memcached, Elasticsearch) have no authentication by default.",
          example: `DbSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: db
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 5432
        ToPort: 5432
        CidrIp: 0.0.0.0/0`,
          fix: "Allow the port only from the application tier: use `SourceSecurityGroupId` instead of a CIDR, or a private VPC range.",
          fixed: `      - IpProtocol: tcp
        FromPort: 5432
        ToPort: 5432
        SourceSecurityGroupId: !Ref AppSG`,
          refs: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"]
        }),
        "Allow database ports only from the application security group, never from 0.0.0.0/0."
      ),
      check: openPortsCheck(DATA_PORTS)
    };
    sg_002_default = rule72;
  }
});

// src/rules/cloudformation/rules/sg-003.ts
var rule73, sg_003_default;
var init_sg_003 = __esm({
  "src/rules/cloudformation/rules/sg-003.ts"() {
    "use strict";
    init_util();
    rule73 = {
      meta: meta(
        "CFN-SG-003",
        "Security group allows all ports or all protocols from the whole internet",
        "critical",
        ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
        doc({
          what: "Ingress from `0.0.0.0/0` or `::/0` with `IpProtocol: -1` (all traffic) or a port range covering 0-65535.",
          why: "Every service listening on the instance \u2014 including ones started later by accident \u2014 becomes reachable from the internet.",
          example: `OpenSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: everything
    SecurityGroupIngress:
      - IpProtocol: '-1'
        CidrIp: 0.0.0.0/0`,
          fix: "Open only the ports the workload serves, to the sources that need them.",
          fixed: `      - IpProtocol: tcp
        FromPort: 443
        ToPort: 443
        CidrIp: 0.0.0.0/0`,
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18"]
        }),
        "Open only the specific ports the service needs."
      ),
      check(ctx) {
        for (const { node, res } of sgRules(ctx.t, ctx.resources, "ingress")) {
          const w = worldCidr(ctx.t, node);
          if (!w) continue;
          const s = portSpans(ctx.t, node).find((x) => x.all);
          if (!s) continue;
          const what = s.protocol === "-1" || s.protocol === "all" ? "all protocols and ports" : "every port";
          ctx.report(res, w.node, `${res.id} allows ${what} from ${w.cidr}`, { why: w.val.why ?? s.why });
        }
      }
    };
    sg_003_default = rule73;
  }
});

// src/rules/cloudformation/rules/sg-006.ts
var REMOTE_PORTS, rule74, sg_006_default;
var init_sg_006 = __esm({
  "src/rules/cloudformation/rules/sg-006.ts"() {
    "use strict";
    init_util();
    REMOTE_PORTS = [
      [21, "FTP"],
      [23, "Telnet"],
      [135, "MS RPC"],
      [137, "NetBIOS"],
      [139, "NetBIOS"],
      [445, "SMB"],
      [2375, "Docker API"],
      [2376, "Docker API (TLS)"],
      [5900, "VNC"],
      [5985, "WinRM"],
      [5986, "WinRM (TLS)"],
      [6443, "Kubernetes API"],
      [10250, "kubelet"]
    ];
    rule74 = {
      meta: meta(
        "CFN-SG-006",
        "Security group exposes a remote-access or management service to the whole internet",
        "high",
        ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
        doc({
          what: `Ingress from \`0.0.0.0/0\` or \`::/0\` including one of: ${REMOTE_PORTS.map(([p, n]) => `${p} (${n})`).join(", ")}.`,
          why: "These protocols are either unencrypted (FTP, Telnet), frequently exploited (SMB, RPC) or give full control of the host or cluster (Docker, kubelet, WinRM).",
          example: `WinSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: win
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 445
        ToPort: 445
        CidrIp: 0.0.0.0/0`,
          fix: "Restrict the source to a management network or VPN, or remove the rule.",
          refs: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html"]
        }),
        "Restrict management ports to a management network or VPN."
      ),
      check: openPortsCheck(REMOTE_PORTS)
    };
    sg_006_default = rule74;
  }
});

// src/rules/cloudformation/rules/sg-004.ts
var KNOWN, rule75, sg_004_default;
var init_sg_004 = __esm({
  "src/rules/cloudformation/rules/sg-004.ts"() {
    "use strict";
    init_util();
    init_sg_001();
    init_sg_002();
    init_sg_006();
    KNOWN = [...ADMIN_PORTS, ...DATA_PORTS, ...REMOTE_PORTS].map(([p]) => p);
    rule75 = {
      meta: meta(
        "CFN-SG-004",
        "Security group opens a wide port range to the whole internet",
        "medium",
        ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
        doc({
          what: "Ingress from `0.0.0.0/0` or `::/0` over a range of more than one port (that is not already reported as including an admin or database port, and is not all ports). A single port such as 443 or 80 open to the world is normal for a public endpoint and is not reported.",
          why: "Port ranges open services nobody intended to publish; public endpoints serve one or two well-known ports.",
          example: `AppSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 8000
        ToPort: 8080
        CidrIp: 0.0.0.0/0`,
          fix: "List the individual ports the service listens on, or put it behind a load balancer.",
          refs: ["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"]
        }),
        "Open individual ports, not ranges, to the internet."
      ),
      check(ctx) {
        for (const { node, res } of sgRules(ctx.t, ctx.resources, "ingress")) {
          const w = worldCidr(ctx.t, node);
          if (!w) continue;
          const s = portSpans(ctx.t, node).find((x) => !x.all && x.to > x.from && !KNOWN.some((p) => spanIncludes(x, p)));
          if (!s) continue;
          ctx.report(res, w.node, `${res.id} opens ports ${s.from}-${s.to} to ${w.cidr}`, { why: w.val.why ?? s.why });
        }
      }
    };
    sg_004_default = rule75;
  }
});

// src/rules/cloudformation/rules/sg-005.ts
var rule76, sg_005_default;
var init_sg_005 = __esm({
  "src/rules/cloudformation/rules/sg-005.ts"() {
    "use strict";
    init_util();
    rule76 = {
      meta: meta(
        "CFN-SG-005",
        "Security group allows all outbound traffic to the whole internet",
        "low",
        ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupEgress"],
        doc({
          what: "Egress rules to `0.0.0.0/0` or `::/0` on all protocols (`IpProtocol: -1`) or all ports, inline or standalone.",
          why: "Unrestricted egress lets compromised workloads exfiltrate data and reach command-and-control servers on any port. (A group with no egress rules also allows all egress; this rule reports the explicit case.)",
          example: `AppSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app
    SecurityGroupEgress:
      - IpProtocol: '-1'
        CidrIp: 0.0.0.0/0`,
          fix: "Allow only the destinations and ports the workload needs (for example 443 to a VPC endpoint or proxy).",
          fixed: `    SecurityGroupEgress:
      - IpProtocol: tcp
        FromPort: 443
        ToPort: 443
        DestinationPrefixListId: pl-0123456789abcdef0`,
          refs: ["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"]
        }),
        "Restrict egress to the ports and destinations the workload needs."
      ),
      check(ctx) {
        for (const { node, res } of sgRules(ctx.t, ctx.resources, "egress")) {
          const w = worldCidr(ctx.t, node);
          if (!w) continue;
          const s = portSpans(ctx.t, node).find((x) => x.all);
          if (!s) continue;
          ctx.report(res, w.node, `${res.id} allows all outbound traffic to ${w.cidr}`, { why: w.val.why ?? s.why });
        }
      }
    };
    sg_005_default = rule76;
  }
});

// src/rules/cloudformation/rules/sg-007.ts
var rule77, sg_007_default;
var init_sg_007 = __esm({
  "src/rules/cloudformation/rules/sg-007.ts"() {
    "use strict";
    init_util();
    rule77 = {
      meta: meta(
        "CFN-SG-007",
        "Security group is created in the default VPC",
        "low",
        ["AWS::EC2::SecurityGroup"],
        doc({
          what: "An `AWS::EC2::SecurityGroup` without `VpcId`, which CloudFormation creates in the account's default VPC.",
          why: "The default VPC has public subnets with public IPs on launch and an internet gateway in every Availability Zone; workloads placed there are internet-facing unless someone remembers otherwise.",
          example: `AppSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app`,
          fix: "Create the group in a purpose-built VPC by setting `VpcId`.",
          fixed: `AppSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app
    VpcId: !Ref Vpc`,
          refs: ["https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html"]
        }),
        "Set VpcId so the group is not created in the default VPC."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          if (ctx.t.get(r.props, "VpcId") === void 0)
            ctx.report(r, void 0, `${r.id} has no VpcId, so it is created in the default VPC`);
        }
      }
    };
    sg_007_default = rule77;
  }
});

// src/rules/cloudformation/rules/sns-001.ts
var rule78, sns_001_default;
var init_sns_001 = __esm({
  "src/rules/cloudformation/rules/sns-001.ts"() {
    "use strict";
    init_util();
    rule78 = {
      meta: meta(
        "CFN-SNS-001",
        "SNS topic policy allows any principal without a condition",
        "high",
        ["AWS::SNS::TopicPolicy"],
        doc({
          what: 'An `Allow` statement in the `PolicyDocument` of `AWS::SNS::TopicPolicy` whose `Principal` is `"*"` or `{AWS: "*"}` and that has no `Condition`.',
          why: "A wildcard principal with no condition grants the statement's actions to anyone on the internet (signed or anonymous, depending on the service).",
          example: `TopicPolicy:
  Type: AWS::SNS::TopicPolicy
  Properties:
    Topics: [!Ref Topic]
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { AWS: '*' }
          Action: sns:Publish
          Resource: '*'`,
          fix: NAME_PRINCIPALS_FIX,
          refs: [PRINCIPAL_REF, "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html"]
        }),
        NAME_PRINCIPALS_REMEDIATION
      ),
      check: publicPolicyCheck("PolicyDocument")
    };
    sns_001_default = rule78;
  }
});

// src/rules/cloudformation/rules/sns-002.ts
var rule79, sns_002_default;
var init_sns_002 = __esm({
  "src/rules/cloudformation/rules/sns-002.ts"() {
    "use strict";
    init_util();
    rule79 = requireProp({
      meta: meta(
        "CFN-SNS-002",
        "SNS topic is not encrypted with KMS",
        "low",
        ["AWS::SNS::Topic"],
        doc({
          what: "An `AWS::SNS::Topic` without `KmsMasterKeyId`.",
          why: "Messages are stored unencrypted at rest while awaiting delivery; notifications often carry alert details, personal data or tokens.",
          example: `Topic:
  Type: AWS::SNS::Topic
  Properties:
    TopicName: alerts`,
          fix: "Set `KmsMasterKeyId` to a customer managed key (or `alias/aws/sns`).",
          refs: ["https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html"]
        }),
        "Set KmsMasterKeyId."
      ),
      prop: "KmsMasterKeyId",
      message: (r) => `${r.id} has no KmsMasterKeyId (messages are stored unencrypted)`
    });
    sns_002_default = rule79;
  }
});

// src/rules/cloudformation/rules/sqs-001.ts
var rule80, sqs_001_default;
var init_sqs_001 = __esm({
  "src/rules/cloudformation/rules/sqs-001.ts"() {
    "use strict";
    init_util();
    rule80 = {
      meta: meta(
        "CFN-SQS-001",
        "SQS queue policy allows any principal without a condition",
        "high",
        ["AWS::SQS::QueuePolicy"],
        doc({
          what: 'An `Allow` statement in the `PolicyDocument` of `AWS::SQS::QueuePolicy` whose `Principal` is `"*"` or `{AWS: "*"}` and that has no `Condition`.',
          why: "A wildcard principal with no condition grants the statement's actions to anyone on the internet (signed or anonymous, depending on the service).",
          example: `QueuePolicy:
  Type: AWS::SQS::QueuePolicy
  Properties:
    Queues: [!Ref Queue]
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: '*'
          Action: sqs:SendMessage
          Resource: '*'`,
          fix: NAME_PRINCIPALS_FIX,
          refs: [
            PRINCIPAL_REF,
            "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html"
          ]
        }),
        NAME_PRINCIPALS_REMEDIATION
      ),
      check: publicPolicyCheck("PolicyDocument")
    };
    sqs_001_default = rule80;
  }
});

// src/rules/cloudformation/rules/sqs-002.ts
var rule81, sqs_002_default;
var init_sqs_002 = __esm({
  "src/rules/cloudformation/rules/sqs-002.ts"() {
    "use strict";
    init_util();
    rule81 = {
      meta: meta(
        "CFN-SQS-002",
        "SQS queue encryption is turned off",
        "medium",
        ["AWS::SQS::Queue"],
        doc({
          what: "An `AWS::SQS::Queue` with `SqsManagedSseEnabled: false` and no `KmsMasterKeyId`. (Queues are encrypted with SSE-SQS by default; this reports a template that turns it off.)",
          why: "Messages \u2014 often containing personal data or job parameters with credentials \u2014 are stored unencrypted for up to 14 days.",
          example: `Queue:
  Type: AWS::SQS::Queue
  Properties:
    SqsManagedSseEnabled: false`,
          fix: "Remove `SqsManagedSseEnabled: false`, or set `KmsMasterKeyId` to a KMS key.",
          refs: [
            "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html"
          ]
        }),
        "Keep SSE on: remove SqsManagedSseEnabled: false or set KmsMasterKeyId."
      ),
      check(ctx) {
        for (const r of ctx.resources) {
          if (ctx.t.get(r.props, "KmsMasterKeyId") !== void 0) continue;
          const n = ctx.t.get(r.props, "SqsManagedSseEnabled");
          const b = boolProp(ctx.t, n);
          if (b.falseVal) ctx.report(r, n, `${r.id} turns off queue encryption`, { why: b.falseVal.why });
        }
      }
    };
    sqs_002_default = rule81;
  }
});

// src/rules/cloudformation/rules/vpc-001.ts
var rule82, vpc_001_default;
var init_vpc_001 = __esm({
  "src/rules/cloudformation/rules/vpc-001.ts"() {
    "use strict";
    init_util();
    rule82 = {
      meta: meta(
        "CFN-VPC-001",
        "VPC has no flow log",
        "medium",
        ["AWS::EC2::VPC"],
        doc({
          what: "An `AWS::EC2::VPC` that no `AWS::EC2::FlowLog` in the same template refers to (`ResourceId: !Ref Vpc`, or `ResourceIds`).",
          why: "Flow logs are the record of which addresses talked to what; without them, investigating exfiltration or lateral movement is guesswork.",
          example: `Vpc:
  Type: AWS::EC2::VPC
  Properties:
    CidrBlock: 10.0.0.0/16`,
          fix: "Add an `AWS::EC2::FlowLog` for the VPC (to CloudWatch Logs or S3). If flow logs are created centrally elsewhere, suppress with that reason.",
          fixed: `VpcFlowLog:
  Type: AWS::EC2::FlowLog
  Properties:
    ResourceId: !Ref Vpc
    ResourceType: VPC
    TrafficType: ALL
    LogDestinationType: s3
    LogDestination: !GetAtt FlowLogBucket.Arn`,
          refs: ["https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html"]
        }),
        "Add an AWS::EC2::FlowLog for the VPC."
      ),
      check(ctx) {
        const t = ctx.t;
        const logged = /* @__PURE__ */ new Set();
        for (const r of t.resources)
          if (r.type === "AWS::EC2::FlowLog")
            for (const k of ["ResourceId", "ResourceIds"]) for (const id of t.references(t.get(r.props, k))) logged.add(id);
        for (const r of ctx.resources)
          if (!logged.has(r.id)) ctx.report(r, void 0, `${r.id} has no flow log in this template`);
      }
    };
    vpc_001_default = rule82;
  }
});

// src/rules/cloudformation/index.ts
var cloudformation_exports = {};
__export(cloudformation_exports, {
  RULES: () => RULES,
  family: () => family,
  lintTemplate: () => lintTemplate
});
function locate(t, a, node, secret) {
  const fallback = t.pos(a.keyNode) ?? { line: a.scope[0], column: 1, endLine: a.scope[0], endColumn: 1 };
  if (!node) return fallback;
  const vp = t.pos(node);
  if (!vp) return fallback;
  if (secret) {
    const quoted = node.type;
    if ((quoted === "QUOTE_DOUBLE" || quoted === "QUOTE_SINGLE") && vp.line === vp.endLine)
      return {
        line: vp.line,
        column: vp.column + 1,
        endLine: vp.endLine,
        endColumn: Math.max(vp.column + 1, vp.endColumn - 1)
      };
    return vp;
  }
  const key = t.keyOf(node);
  const kp = key ? t.pos(key) : void 0;
  if (!kp) return vp;
  if (vp.line === kp.line && vp.endLine === kp.line)
    return { line: kp.line, column: kp.column, endLine: vp.endLine, endColumn: vp.endColumn };
  return kp;
}
function lintTemplate(content, rules2 = RULES) {
  const parsed = parseTemplate(content);
  if (!parsed.matched) return { matched: false, findings: [], errors: [] };
  const errors = [...parsed.errors];
  const t = parsed.template;
  if (!t || parsed.errors.some((e) => e.message.startsWith("invalid YAML")))
    return { matched: true, findings: [], errors };
  const findings = [];
  const suppressions = /* @__PURE__ */ new Map();
  const suppressionsOf = (a) => {
    let s = suppressions.get(a);
    if (!s) {
      s = readSuppressions(t, a, KNOWN_IDS, (line, message) => errors.push({ ...line ? { line } : {}, message }));
      suppressions.set(a, s);
    }
    return s;
  };
  for (const r of t.resources) suppressionsOf(r);
  for (const rule127 of rules2) {
    const types = new Set(rule127.meta.resources);
    const ctx = {
      t,
      resources: types.size ? t.resources.filter((r) => types.has(r.type)) : t.resources,
      report(a, node, message, extra = {}) {
        const secret = extra.secret === true && node !== void 0;
        const pos = locate(t, a, node, secret);
        const why = extra.why;
        const f = {
          ruleId: rule127.meta.id,
          severity: extra.severity ?? rule127.meta.severity,
          message: why && !message.includes(why) ? `${message} (${why})` : message,
          path: node && t.pathOf(node) ? t.pathOf(node) : a.path,
          scope: a.scope,
          ...pos,
          ...secret ? { secret: true } : {},
          ...why ? { why } : {}
        };
        const sup = suppressionsOf(a).get(rule127.meta.id);
        if (sup) f.suppressed = { by: "metadata", reason: sup.reason };
        findings.push(f);
      }
    };
    try {
      rule127.check(ctx);
    } catch (e) {
      errors.push({ message: `rule ${rule127.meta.id} failed: ${e instanceof Error ? e.name : "error"}` });
    }
  }
  const seen = /* @__PURE__ */ new Set();
  const unique = findings.filter((f) => {
    const k = `${f.ruleId}\0${f.path}\0${f.line}\0${f.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { matched: true, findings: unique, errors };
}
var RULES, KNOWN_IDS, family;
var init_cloudformation2 = __esm({
  "src/rules/cloudformation/index.ts"() {
    "use strict";
    init_cloudformation();
    init_suppress();
    init_apigw_001();
    init_apigw_002();
    init_apigw_003();
    init_backup_001();
    init_cf_001();
    init_cf_002();
    init_cf_003();
    init_cf_004();
    init_cred_001();
    init_cred_002();
    init_cred_003();
    init_cred_004();
    init_cred_005();
    init_cred_006();
    init_cred_007();
    init_cred_008();
    init_cred_009();
    init_cred_010();
    init_ddb_001();
    init_dms_001();
    init_docdb_001();
    init_ec_001();
    init_ec_002();
    init_ec2_001();
    init_ec2_002();
    init_ec2_003();
    init_ec2_004();
    init_ec2_005();
    init_ec2_006();
    init_ec2_007();
    init_efs_001();
    init_elb_001();
    init_elb_002();
    init_elb_003();
    init_elb_004();
    init_es_001();
    init_es_002();
    init_es_003();
    init_iam_001();
    init_iam_002();
    init_iam_003();
    init_iam_004();
    init_iam_005();
    init_iam_006();
    init_iam_007();
    init_iam_008();
    init_iam_009();
    init_kin_001();
    init_kms_001();
    init_kms_002();
    init_lambda_001();
    init_lambda_002();
    init_log_001();
    init_log_002();
    init_log_003();
    init_log_004();
    init_log_005();
    init_nacl_001();
    init_nacl_002();
    init_rds_001();
    init_rds_002();
    init_rds_003();
    init_redshift_001();
    init_redshift_002();
    init_s3_001();
    init_s3_002();
    init_s3_003();
    init_s3_004();
    init_s3_005();
    init_s3_006();
    init_sg_001();
    init_sg_002();
    init_sg_003();
    init_sg_004();
    init_sg_005();
    init_sg_006();
    init_sg_007();
    init_sns_001();
    init_sns_002();
    init_sqs_001();
    init_sqs_002();
    init_vpc_001();
    RULES = [
      apigw_001_default,
      apigw_002_default,
      apigw_003_default,
      backup_001_default,
      cf_001_default,
      cf_002_default,
      cf_003_default,
      cf_004_default,
      cred_001_default,
      cred_002_default,
      cred_003_default,
      cred_004_default,
      cred_005_default,
      cred_006_default,
      cred_007_default,
      cred_008_default,
      cred_009_default,
      cred_010_default,
      ddb_001_default,
      dms_001_default,
      docdb_001_default,
      ec_001_default,
      ec_002_default,
      ec2_001_default,
      ec2_002_default,
      ec2_003_default,
      ec2_004_default,
      ec2_005_default,
      ec2_006_default,
      ec2_007_default,
      efs_001_default,
      elb_001_default,
      elb_002_default,
      elb_003_default,
      elb_004_default,
      es_001_default,
      es_002_default,
      es_003_default,
      iam_001_default,
      iam_002_default,
      iam_003_default,
      iam_004_default,
      iam_005_default,
      iam_006_default,
      iam_007_default,
      iam_008_default,
      iam_009_default,
      kin_001_default,
      kms_001_default,
      kms_002_default,
      lambda_001_default,
      lambda_002_default,
      log_001_default,
      log_002_default,
      log_003_default,
      log_004_default,
      log_005_default,
      nacl_001_default,
      nacl_002_default,
      rds_001_default,
      rds_002_default,
      rds_003_default,
      redshift_001_default,
      redshift_002_default,
      s3_001_default,
      s3_002_default,
      s3_003_default,
      s3_004_default,
      s3_005_default,
      s3_006_default,
      sg_001_default,
      sg_002_default,
      sg_003_default,
      sg_004_default,
      sg_005_default,
      sg_006_default,
      sg_007_default,
      sns_001_default,
      sns_002_default,
      sqs_001_default,
      sqs_002_default,
      vpc_001_default
    ];
    KNOWN_IDS = new Set(RULES.map((r) => r.meta.id));
    family = {
      category: "cloudformation",
      rules: RULES.map((r) => r.meta),
      lint(_path, content) {
        return lintTemplate(content);
      }
    };
  }
});

// src/parse/ini.ts
function commentStart(s) {
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ((c === "#" || c === ";") && (i === 0 || /\s/.test(s[i - 1]))) return i;
  }
  return -1;
}
function unquote(v, col) {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0])
    return { value: v.slice(1, -1), col: col + 1 };
  return { value: v, col };
}
function parseIni(text, opts = {}) {
  const doc3 = { sections: [], entries: [], other: [], errors: [] };
  const lines = text.split("\n");
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let raw = lines[i].replace(/\r$/, "");
    const c = commentStart(raw);
    if (c !== -1) raw = raw.slice(0, c);
    raw = raw.replace(/\s+$/, "");
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trimStart();
    if (!body) continue;
    if (body.startsWith("[")) {
      const m = /^\[([^\]]*)\]$/.exec(body);
      if (!m) {
        doc3.errors.push({ line: lineNo, message: "malformed section header" });
        continue;
      }
      section = m[1].trim();
      doc3.sections.push({ name: section, line: lineNo });
      continue;
    }
    const kv = /^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(body);
    if (kv && !/\s/.test(kv[1]) && (opts.entriesIn?.(section) ?? true)) {
      const key = kv[1];
      const afterKey = body.indexOf(kv[2], key.length);
      const vcol = lead + (kv[2] ? afterKey : body.length) + 1;
      const u = unquote(kv[2], vcol);
      doc3.entries.push({
        section,
        key,
        value: u.value,
        line: lineNo,
        keyCol: lead + 1,
        valueCol: u.col,
        valueEndCol: u.col + u.value.length
      });
      continue;
    }
    doc3.other.push({ section, line: lineNo, text: body, col: lead + 1 });
  }
  return doc3;
}
function parseHostLine(l) {
  const s = l.text;
  const tokens = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i])) i++;
    if (i >= s.length) break;
    const start = i;
    let quote = "";
    while (i < s.length && (quote || !/\s/.test(s[i]))) {
      const c = s[i];
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
      i++;
    }
    tokens.push({ text: s.slice(start, i), start, end: i });
  }
  const [first, ...rest] = tokens;
  const out = { host: first?.text ?? "", line: l.line, col: l.col, vars: [] };
  for (const t of rest) {
    const eq = t.text.indexOf("=");
    if (eq <= 0) continue;
    const key = t.text.slice(0, eq);
    const vStart = l.col + t.start + eq + 1;
    const u = unquote(t.text.slice(eq + 1), vStart);
    out.vars.push({
      key,
      value: u.value,
      line: l.line,
      keyCol: l.col + t.start,
      valueCol: u.col,
      valueEndCol: u.col + u.value.length
    });
  }
  return out;
}
var init_ini = __esm({
  "src/parse/ini.ts"() {
    "use strict";
  }
});

// src/parse/ansible.ts
function isJinja(v) {
  return typeof v === "string" && /\{\{|\{%/.test(v);
}
function truthy(v) {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : void 0;
  if (typeof v !== "string") return void 0;
  const s = v.trim().toLowerCase();
  if (["yes", "true", "on", "y", "1", "t"].includes(s)) return true;
  if (["no", "false", "off", "n", "0", "f"].includes(s)) return false;
  return void 0;
}
function moduleParts(m) {
  const segs = m.split(".");
  if (segs.length >= 3) return { short: segs[segs.length - 1], collection: segs.slice(0, 2).join(".") };
  return { short: m, collection: "" };
}
function keyName(p) {
  return (0, import_yaml6.isScalar)(p.key) && (typeof p.key.value === "string" || typeof p.key.value === "number") ? String(p.key.value) : void 0;
}
function plain(n) {
  if (!(0, import_yaml6.isNode)(n)) return n;
  try {
    return n.toJSON();
  } catch {
    return void 0;
  }
}
function hasModuleKey(n) {
  if (!(0, import_yaml6.isMap)(n)) return false;
  if (n.items.some((p) => {
    const k = keyName(p);
    return !!k && (k === "block" || isKnownModule(k));
  }))
    return true;
  return taskShape(n) !== void 0;
}
function taskShape(n) {
  if (!(0, import_yaml6.isMap)(n) || !n.items.length) return void 0;
  let module;
  let block = false;
  for (const p of n.items) {
    const k = keyName(p);
    if (k === void 0) return void 0;
    if (k === "block") block = true;
    else if (TASK_KEYWORDS.has(k) || k.startsWith("with_")) continue;
    else if (module !== void 0) return void 0;
    else module = k;
  }
  if (block) return module === void 0 ? { known: true } : void 0;
  if (module === void 0) {
    const action2 = n.items.find((p) => ["action", "local_action"].includes(keyName(p) ?? ""));
    return action2 ? { known: true } : void 0;
  }
  return { known: isKnownModule(module) };
}
function looksLikeTaskList(root) {
  if (!(0, import_yaml6.isSeq)(root) || !root.items.length) return false;
  let known2 = 0;
  for (const item of root.items) {
    const shape = taskShape(item);
    if (!shape) return false;
    if (shape.known) known2++;
  }
  return known2 > 0 && known2 * 2 >= root.items.length;
}
function looksLikeYamlInventoryDoc(root) {
  if (!(0, import_yaml6.isMap)(root) || !root.items.length) return false;
  let structural = false;
  for (const p of root.items) {
    const v = p.value;
    if (v === null || (0, import_yaml6.isScalar)(v) && v.value === null) continue;
    if (!(0, import_yaml6.isMap)(v)) return false;
    for (const q of v.items) {
      const k = keyName(q);
      if (k !== "hosts" && k !== "children" && k !== "vars") return false;
      const qv = q.value;
      if (!(qv === null || (0, import_yaml6.isScalar)(qv) && qv.value === null || (0, import_yaml6.isMap)(qv))) return false;
      if (k === "hosts" || k === "children") structural = true;
    }
  }
  return structural;
}
function looksLikeYamlInventory(text) {
  for (const raw of text.split("\n")) {
    const l = raw.trim();
    if (!l || l.startsWith("#") || l === "---") continue;
    return !l.startsWith("[") && /^[\w.-]+:\s*(?:#.*)?$/.test(l);
  }
  return false;
}
function mapVars(n) {
  const out = /* @__PURE__ */ new Map();
  if ((0, import_yaml6.isMap)(n))
    for (const p of n.items) {
      const k = keyName(p);
      if (k) out.set(k, (0, import_yaml6.isNode)(p.value) ? p.value : null);
    }
  return out;
}
function kindByPath(path7, text) {
  const base = path7.split("/").pop() ?? "";
  if (looksLikeAnsibleCfg(base, text)) return "config";
  if (VARS_PATH.test(path7)) return "vars";
  if (META_PATH.test(path7)) return "meta";
  if (REQUIREMENTS_BASE.test(base)) return "requirements";
  if ((INVENTORY_PATH.test(path7) || INVENTORY_BASE.test(base) || looksLikeIniInventory(base, text)) && !isProgram(base, text)) {
    if (/\.ya?ml$/i.test(base) || looksLikeYamlInventory(text)) return "inventory";
    if (/\.json$/i.test(base)) return void 0;
    return "inventory-ini";
  }
  if (TASKS_PATH.test(path7)) return "tasks";
  return void 0;
}
function loadAnsible(path7, text) {
  if (isProgram(path7.split("/").pop() ?? "", text)) return { matched: false, errors: [] };
  const byPath = kindByPath(path7, text);
  if (/^\s*\$ANSIBLE_VAULT;/.test(text)) {
    const b2 = new Builder(path7, text, void 0, "vault");
    return { matched: true, file: b2.file, errors: [] };
  }
  if (byPath === "config") {
    const b2 = new Builder(path7, text, void 0, "config");
    b2.file.cfg = parseIni(text);
    for (const e of b2.file.cfg.errors) b2.file.errors.push({ line: e.line, message: `ansible.cfg: ${e.message}` });
    return { matched: true, file: b2.file, errors: b2.file.errors };
  }
  if (byPath === "inventory-ini") {
    const b2 = new Builder(path7, text, void 0, "inventory");
    b2.inventoryIni();
    return { matched: true, file: b2.file, errors: b2.file.errors };
  }
  const parsed = parseYamlAll(text);
  if (parsed.errors.length && !byPath && !/\.ya?ml$/i.test(path7)) return { matched: false, errors: [] };
  if (parsed.errors.length)
    return { matched: true, errors: parsed.errors.map((e) => ({ ...e, message: `invalid YAML: ${e.message}` })) };
  const roots = parsed.docs.map((d) => d.contents).filter((c) => c !== null && c !== void 0);
  const foreign = roots.some(
    (r) => (0, import_yaml6.isMap)(r) && r.items.some(
      (p) => ["apiVersion", "kind", "services", "jobs", "stages", "AWSTemplateFormatVersion"].includes(keyName(p) ?? "")
    )
  );
  if (foreign && byPath !== "vars" && byPath !== "inventory") return { matched: false, errors: [] };
  const root = roots[0];
  let kind = byPath;
  if (!kind) {
    if ((0, import_yaml6.isSeq)(root)) {
      const maps = root.items.filter(import_yaml6.isMap);
      if (maps.some((m) => m.items.some((p) => PLAY_KEYS.includes(keyName(p) ?? "")))) kind = "playbook";
      else if (looksLikeTaskList(root)) kind = "tasks";
    } else if ((0, import_yaml6.isMap)(root)) {
      const keys = root.items.map((p) => keyName(p) ?? "");
      if (keys.some((k) => /^ansible_/.test(k))) kind = "vars";
      else if (looksLikeYamlInventoryDoc(root)) kind = "inventory";
    }
  } else if (kind === "tasks" && (0, import_yaml6.isSeq)(root) && root.items.some((m) => (0, import_yaml6.isMap)(m) && m.items.some((p) => PLAY_KEYS.includes(keyName(p) ?? ""))))
    kind = "playbook";
  if (!kind) return { matched: false, errors: [] };
  if (kind === "tasks" && root !== void 0 && !((0, import_yaml6.isSeq)(root) && (!root.items.length || root.items.some(hasModuleKey))))
    return { matched: false, errors: [] };
  if (kind === "inventory" && root !== void 0 && !((0, import_yaml6.isMap)(root) && root.items.every((p) => p.value === null || (0, import_yaml6.isMap)(p.value) || (0, import_yaml6.isScalar)(p.value) && p.value.value === null)))
    return { matched: false, errors: [] };
  const b = new Builder(path7, text, parsed.lc, kind);
  switch (kind) {
    case "playbook":
      if ((0, import_yaml6.isSeq)(root)) root.items.forEach((p, i) => b.play(p, i));
      break;
    case "tasks": {
      const handlers = /(?:^|\/)handlers(?:\/|\.ya?ml$)/.test(path7);
      b.taskList(root, handlers ? "handler" : "task", handlers ? "handlers" : "tasks", false);
      break;
    }
    case "vars":
      for (const r of roots) b.varsOfMap(r, "vars-file", (v) => `${path7}:${v}`);
      break;
    case "inventory":
      for (const r of roots)
        if ((0, import_yaml6.isMap)(r))
          for (const p of r.items) {
            const g = keyName(p);
            if (g) b.inventoryYaml(p.value, g);
          }
      break;
    default:
      break;
  }
  return { matched: true, file: b.file, errors: [] };
}
function pairKey(p) {
  return keyName(p);
}
function posOf(file, n) {
  return new Builder(file.path, "", file.lc, file.kind).pos(n);
}
function locateIn(file, range, sub) {
  if (!file.lc || !range || !sub) return void 0;
  const i = file.text.indexOf(sub, range[0]);
  if (i === -1 || i + sub.length > range[1]) return void 0;
  const s = file.lc.linePos(i);
  const e = file.lc.linePos(i + sub.length);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
var import_yaml6, TASK_KEYWORDS, PLAY_KEYS, VARS_PATH, INVENTORY_PATH, INVENTORY_BASE, TASKS_PATH, META_PATH, REQUIREMENTS_BASE, Builder;
var init_ansible = __esm({
  "src/parse/ansible.ts"() {
    "use strict";
    import_yaml6 = __toESM(require_dist(), 1);
    init_yaml();
    init_ini();
    init_ansible_modules();
    init_ansible_sniff();
    init_ansible_sniff();
    TASK_KEYWORDS = /* @__PURE__ */ new Set([
      "name",
      "action",
      "local_action",
      "args",
      "any_errors_fatal",
      "async",
      "become",
      "become_exe",
      "become_flags",
      "become_method",
      "become_user",
      "changed_when",
      "check_mode",
      "collections",
      "connection",
      "debugger",
      "delay",
      "delegate_facts",
      "delegate_to",
      "diff",
      "environment",
      "failed_when",
      "ignore_errors",
      "ignore_unreachable",
      "loop",
      "loop_control",
      "module_defaults",
      "no_log",
      "notify",
      "poll",
      "port",
      "register",
      "remote_user",
      "retries",
      "run_once",
      "tags",
      "throttle",
      "timeout",
      "until",
      "vars",
      "when",
      "listen",
      "block",
      "rescue",
      "always",
      // Pre-2.0 spellings still found in old playbooks.
      "sudo",
      "sudo_user",
      "su",
      "su_user",
      "static"
    ]);
    PLAY_KEYS = ["hosts", "import_playbook", "ansible.builtin.import_playbook", "ansible.legacy.import_playbook"];
    VARS_PATH = /(?:^|\/)(?:group_vars|host_vars)\/|(?:^|\/)roles\/[^/]+\/(?:defaults|vars)\/|(?:^|\/)vars\//;
    INVENTORY_PATH = /(?:^|\/)(?:inventory|inventories)\//;
    INVENTORY_BASE = /^(?:hosts|inventory)(?:\.ini|\.ya?ml)?$/i;
    TASKS_PATH = /(?:^|\/)(?:tasks|handlers)\//;
    META_PATH = /(?:^|\/)roles\/[^/]+\/meta\/|(?:^|\/)meta\/main\.ya?ml$/;
    REQUIREMENTS_BASE = /^requirements\.ya?ml$/i;
    Builder = class {
      constructor(path7, text, lc, kind) {
        this.path = path7;
        this.text = text;
        this.lc = lc;
        this.lines = text.split("\n");
        this.file = {
          kind,
          path: path7,
          text,
          lines: this.lines,
          tasks: [],
          vars: [],
          errors: [],
          facts: [],
          ...lc ? { lc } : {}
        };
      }
      path;
      text;
      lc;
      lines;
      file;
      /** The variables of the play/block being read. */
      env = { vars: /* @__PURE__ */ new Map(), files: [] };
      pos(n) {
        return (this.lc && nodePos(n, this.lc)) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
      }
      /** Last line of a node, ignoring trailing blank and comment-only lines. */
      lastLine(n, first) {
        if (!this.lc || !n.range) return first;
        const end = Math.max(n.range[0], n.range[1] - 1);
        let line = this.lc.linePos(end).line;
        while (line > first) {
          const t = (this.lines[line - 1] ?? "").trim();
          if (t && !t.startsWith("#")) break;
          line--;
        }
        return line;
      }
      scopeOf(n, start) {
        const first = this.pos(start ?? n).line;
        return [first, this.lastLine(n, first)];
      }
      arg(p, key) {
        const v = p.value;
        return {
          key,
          keyPos: this.pos(p.key),
          valuePos: (0, import_yaml6.isNode)(v) ? this.pos(v) : this.pos(p.key),
          ...(0, import_yaml6.isNode)(v) ? { node: v } : {},
          value: plain(v),
          ...(0, import_yaml6.isNode)(v) && v.range ? { range: [v.range[0], v.range[1]] } : {},
          vault: (0, import_yaml6.isNode)(v) && v.tag === "!vault"
        };
      }
      /** Position of `sub` inside a value's source, or undefined when it cannot be found there. */
      locate(range, sub) {
        if (!this.lc || !range || !sub) return void 0;
        const i = this.text.indexOf(sub, range[0]);
        if (i === -1 || i + sub.length > range[1]) return void 0;
        const s = this.lc.linePos(i);
        const e = this.lc.linePos(i + sub.length);
        return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
      }
      varsOfMap(m, where, pathOf, scopeOf) {
        if (!(0, import_yaml6.isMap)(m)) return;
        for (const p of m.items) {
          const name = keyName(p);
          if (!name) continue;
          const a = this.arg(p, name);
          const scope = scopeOf ? scopeOf(p) : [a.keyPos.line, (0, import_yaml6.isNode)(p.value) ? this.lastLine(p.value, a.keyPos.line) : a.keyPos.line];
          this.file.vars.push({ ...a, scope, path: pathOf(name), where });
        }
      }
      /** Split free-form arguments into `k=v` pairs and the rest (shell-style quoting). */
      freeForm(a, text, commandLike, args) {
        if (commandLike) return { ...a, value: text };
        const rest = [];
        const re = /(?:[^\s"']+|"[^"]*"|'[^']*')+/g;
        for (const m of text.matchAll(re)) {
          const tok = m[0];
          const eq = tok.indexOf("=");
          if (eq <= 0 || !/^[A-Za-z_][\w]*$/.test(tok.slice(0, eq))) {
            rest.push(tok);
            continue;
          }
          const key = tok.slice(0, eq);
          let value = tok.slice(eq + 1);
          if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]))
            value = value.slice(1, -1);
          const found = this.locate(a.range, tok);
          const kp = found ?? a.valuePos;
          const quoted = value.length !== tok.length - eq - 1 ? 1 : 0;
          const valuePos = found && found.line === found.endLine ? { ...found, column: found.column + eq + 1 + quoted, endColumn: found.endColumn - quoted } : kp;
          if (!args.has(key)) args.set(key, { key, keyPos: kp, valuePos, value, vault: false });
        }
        return rest.length ? { ...a, value: rest.join(" ") } : void 0;
      }
      task(n, kind, path7, inheritedNoLog) {
        const keywords = /* @__PURE__ */ new Map();
        let modPair;
        let modName = "";
        for (const p of n.items) {
          const k = keyName(p);
          if (!k) continue;
          if (TASK_KEYWORDS.has(k) || k.startsWith("with_")) {
            if (k === "action" || k === "local_action") {
              modPair = p;
              modName = k;
            }
            keywords.set(k, this.arg(p, k));
          } else if (!modPair) {
            modPair = p;
            modName = k;
          }
        }
        const name = keywords.get("name")?.value;
        const pos = this.pos(n.items[0]?.key ?? n);
        const args = /* @__PURE__ */ new Map();
        let module = modName;
        let freeForm;
        let modulePos = pos;
        if (modPair) {
          modulePos = this.pos(modPair.key);
          const a = this.arg(modPair, modName);
          let body = modPair.value;
          if (modName === "action" || modName === "local_action") {
            if ((0, import_yaml6.isMap)(body)) {
              const mp = body.items.find((p) => keyName(p) === "module");
              module = typeof plain(mp?.value) === "string" ? plain(mp?.value) : "";
            } else if (typeof a.value === "string") {
              const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(a.value);
              module = m?.[1] ?? "";
              body = void 0;
              const ffText = m?.[2] ?? "";
              const cmd = /(?:^|\.)(?:command|shell|raw|script|win_shell|win_command)$/.test(module);
              if (ffText) freeForm = this.freeForm(a, ffText, cmd, args);
            }
          }
          if ((0, import_yaml6.isMap)(body)) {
            for (const p of body.items) {
              const k = keyName(p);
              if (!k || k === "module") continue;
              args.set(k, this.arg(p, k));
            }
          } else if (body !== void 0 && typeof a.value === "string" && modName !== "action" && modName !== "local_action") {
            const cmd = /(?:^|\.)(?:command|shell|raw|script|win_shell|win_command)$/.test(module);
            freeForm = this.freeForm(a, a.value, cmd, args);
          }
        }
        const argsKw = keywords.get("args");
        if (argsKw?.node && (0, import_yaml6.isMap)(argsKw.node))
          for (const p of argsKw.node.items) {
            const k = keyName(p);
            if (k && !args.has(k)) args.set(k, this.arg(p, k));
          }
        const cmdArg = args.get("cmd") ?? args.get("_raw_params");
        if (!freeForm && cmdArg && typeof cmdArg.value === "string") freeForm = cmdArg;
        const nl = keywords.get("no_log");
        const noLog = nl ? isJinja(nl.value) ? void 0 : truthy(nl.value) ?? false : inheritedNoLog;
        const parts = moduleParts(module);
        const t = {
          node: n,
          kind,
          ...typeof name === "string" ? { name } : {},
          path: path7,
          pos,
          scope: this.scopeOf(n, n.items[0]?.key),
          module,
          short: parts.short,
          collection: parts.collection,
          modulePos,
          ...freeForm ? { freeForm } : {},
          args,
          keywords,
          noLog,
          env: { vars: mapVars(keywords.get("vars")?.node), files: [], parent: this.env }
        };
        if (parts.short === "set_fact") {
          for (const [k, a] of args)
            if (k !== "cacheable") this.file.facts.push({ line: t.pos.line, name: k, node: a.node ?? null });
        }
        const tv = keywords.get("vars");
        if (tv?.node)
          this.varsOfMap(
            tv.node,
            "task",
            (v) => `${path7}.vars.${v}`,
            () => t.scope
          );
        return t;
      }
      label(n, i) {
        if ((0, import_yaml6.isMap)(n)) {
          const nm = plain(n.items.find((p) => keyName(p) === "name")?.value);
          if (typeof nm === "string" && nm && !isJinja(nm)) return `[${JSON.stringify(nm)}]`;
        }
        return `[${i}]`;
      }
      taskList(seq, kind, prefix, inheritedNoLog) {
        if (!(0, import_yaml6.isSeq)(seq)) return;
        seq.items.forEach((item, i) => {
          if (!(0, import_yaml6.isMap)(item)) return;
          const path7 = `${prefix}${this.label(item, i)}`;
          const blockPair = item.items.find((p) => keyName(p) === "block");
          if (blockPair) {
            const nlPair = item.items.find((p) => keyName(p) === "no_log");
            const nlv = plain(nlPair?.value);
            const noLog = nlPair ? isJinja(nlv) ? void 0 : truthy(nlv) ?? false : inheritedNoLog;
            const varsPair = item.items.find((p) => keyName(p) === "vars");
            if (varsPair) {
              const blockScope = this.scopeOf(item, item.items[0]?.key);
              this.varsOfMap(
                varsPair.value,
                "block",
                (v) => `${path7}.vars.${v}`,
                () => blockScope
              );
            }
            const outer = this.env;
            this.env = { vars: mapVars(varsPair?.value), files: [], parent: outer };
            for (const section of ["block", "rescue", "always"]) {
              const sp = item.items.find((p) => keyName(p) === section);
              if (sp) this.taskList(sp.value, kind, `${path7}.${section}`, noLog);
            }
            this.env = outer;
            return;
          }
          const t = this.task(item, kind, path7, inheritedNoLog);
          if (t) this.file.tasks.push(t);
        });
      }
      play(n, i) {
        if (!(0, import_yaml6.isMap)(n)) return;
        const prefix = `plays${this.label(n, i)}`;
        const get = (k) => n.items.find((p) => keyName(p) === k);
        const nlPair = get("no_log");
        const nlv = plain(nlPair?.value);
        const noLog = nlPair ? isJinja(nlv) ? void 0 : truthy(nlv) ?? false : false;
        const varsPair = get("vars");
        if (varsPair) this.varsOfMap(varsPair.value, "play", (v) => `${prefix}.vars.${v}`);
        const roles = get("roles")?.value;
        if ((0, import_yaml6.isSeq)(roles))
          roles.items.forEach((r, j) => {
            if (!(0, import_yaml6.isMap)(r)) return;
            const rname = plain(r.items.find((p) => ["role", "name"].includes(keyName(p) ?? ""))?.value);
            const rp = `${prefix}.roles[${typeof rname === "string" ? JSON.stringify(rname) : j}]`;
            const scope = this.scopeOf(r);
            for (const p of r.items) {
              const k = keyName(p);
              if (!k || ["role", "name", "when", "tags", "become", "become_user"].includes(k)) continue;
              if (k === "vars")
                this.varsOfMap(
                  p.value,
                  "role",
                  (v) => `${rp}.vars.${v}`,
                  () => scope
                );
              else this.file.vars.push({ ...this.arg(p, k), scope, path: `${rp}.${k}`, where: "role" });
            }
          });
        const files = plain(get("vars_files")?.value);
        const outer = this.env;
        this.env = {
          vars: mapVars(varsPair?.value),
          files: (Array.isArray(files) ? files : [files]).filter(
            (f) => typeof f === "string" && !!f && !isJinja(f)
          ),
          parent: outer
        };
        for (const section of ["pre_tasks", "tasks", "post_tasks", "handlers"])
          this.taskList(get(section)?.value, section === "handlers" ? "handler" : "task", `${prefix}.${section}`, noLog);
        this.env = outer;
      }
      inventoryYaml(n, group2) {
        if (!(0, import_yaml6.isMap)(n)) return;
        for (const p of n.items) {
          const k = keyName(p);
          if (!k) continue;
          if (k === "hosts" && (0, import_yaml6.isMap)(p.value)) {
            for (const hp of p.value.items) {
              const host = keyName(hp);
              if (host) this.varsOfMap(hp.value, "inventory", (v) => `${this.path}:${host}.${v}`);
            }
          } else if (k === "vars") this.varsOfMap(p.value, "inventory", (v) => `${this.path}:${group2}.vars.${v}`);
          else if (k === "children" && (0, import_yaml6.isMap)(p.value)) {
            for (const cp of p.value.items) {
              const child = keyName(cp);
              if (child) this.inventoryYaml(cp.value, child);
            }
          }
        }
      }
      inventoryIni() {
        const doc3 = parseIni(this.text, { entriesIn: (s) => s.endsWith(":vars") });
        for (const e of doc3.errors) this.file.errors.push({ line: e.line, message: `inventory: ${e.message}` });
        const add = (v, path7) => this.file.vars.push({
          key: v.key,
          keyPos: { line: v.line, column: v.keyCol, endLine: v.line, endColumn: v.keyCol + v.key.length },
          valuePos: { line: v.line, column: v.valueCol, endLine: v.line, endColumn: v.valueEndCol },
          value: v.value,
          vault: false,
          scope: [v.line, v.line],
          path: path7,
          where: "inventory"
        });
        for (const e of doc3.entries) add(e, `${this.path}:[${e.section}]:${e.key}`);
        for (const l of doc3.other) {
          if (l.section.endsWith(":children") || l.section.endsWith(":vars")) continue;
          const h = parseHostLine(l);
          for (const v of h.vars) add(v, `${this.path}:${h.host}:${v.key}`);
        }
      }
    };
  }
});

// src/parse/ansible-resolve.ts
function relatedPaths(path7, text) {
  const dir = path7.includes("/") ? path7.slice(0, path7.lastIndexOf("/") + 1) : "";
  const out = [];
  const role = /^(.*?\/)?(?:tasks|handlers)\/[^/]+$/.exec(path7);
  if (role) {
    const base = role[1] ?? "";
    for (const sub of ["defaults", "vars"]) out.push(`${base}${sub}/main.yml`, `${base}${sub}/main.yaml`);
  }
  if (text.includes("vars_files")) {
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const m = /^(\s*)(?:-\s+)?vars_files:\s*(.*)$/.exec(lines[i]);
      if (!m) continue;
      const inline = m[2].replace(/\s+#.*$/, "").trim();
      const names = [];
      if (inline.startsWith("[")) names.push(...inline.replace(/^\[|\]$/g, "").split(","));
      else if (inline) names.push(inline);
      else
        for (let j = i + 1; j < lines.length; j++) {
          const it = /^\s*-\s+(.+?)\s*(?:#.*)?$/.exec(lines[j]);
          if (!it) break;
          names.push(it[1]);
        }
      for (const raw of names) {
        const n = raw.trim().replace(/^["']|["']$/g, "");
        if (!n || n.includes("{{") || n.startsWith("/")) continue;
        out.push(normalise(dir + n));
      }
    }
  }
  return [...new Set(out.filter((p) => p && p !== path7))];
}
function normalise(p) {
  const out = [];
  for (const seg of p.split("/")) {
    if (seg === "." || seg === "") continue;
    if (seg === "..") {
      if (!out.length) return "";
      out.pop();
    } else out.push(seg);
  }
  return out.join("/");
}
function varsOfText(text) {
  if (/^\s*\$ANSIBLE_VAULT;/.test(text)) return void 0;
  const parsed = parseYamlAll(text);
  if (parsed.errors.length) return void 0;
  const root = parsed.docs[0]?.contents;
  if (!(0, import_yaml8.isMap)(root)) return void 0;
  const out = /* @__PURE__ */ new Map();
  for (const p of root.items) {
    const k = (0, import_yaml8.isScalar)(p.key) ? p.key.value : void 0;
    if (typeof k === "string" && !((0, import_yaml8.isNode)(p.value) && p.value.tag === "!vault"))
      out.set(k, (0, import_yaml8.isNode)(p.value) ? p.value.toJSON() : p.value);
  }
  return out;
}
function plainOf(v) {
  if ("plain" in v) return v.plain;
  return v.node ? v.node.toJSON() : null;
}
function synth(v, range, depth = 0) {
  let n;
  if (Array.isArray(v) && depth < 20) {
    const s = new import_yaml8.YAMLSeq();
    s.items = v.map((x) => synth(x, range, depth + 1));
    n = s;
  } else if (v && typeof v === "object" && depth < 20) {
    const m = new import_yaml8.YAMLMap();
    for (const [k, x] of Object.entries(v)) {
      const key = new import_yaml8.Scalar(k);
      if (range) key.range = range;
      m.items.push(new import_yaml8.Pair(key, synth(x, range, depth + 1)));
    }
    n = m;
  } else n = new import_yaml8.Scalar(v);
  if (range) n.range = range;
  return n;
}
function nodeOf(v, range) {
  return "plain" in v ? synth(v.plain, range) : v.node;
}
function mentions(v, name) {
  const re = new RegExp(`\\{\\{[^}]*\\b${name}\\b`);
  if (typeof v === "string") return re.test(v);
  if (Array.isArray(v)) return v.some((x) => mentions(x, name));
  if (v && typeof v === "object") return Object.values(v).some((x) => mentions(x, name));
  return false;
}
var import_yaml8, MAX_DEPTH2, MAX_ITEMS, SECRETISH, EXPR, STEP, Resolver;
var init_ansible_resolve = __esm({
  "src/parse/ansible-resolve.ts"() {
    "use strict";
    import_yaml8 = __toESM(require_dist(), 1);
    init_yaml();
    MAX_DEPTH2 = 6;
    MAX_ITEMS = 64;
    SECRETISH = /pass|secret|token|key|cred|vault_/i;
    EXPR = /^\{\{\s*([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*|\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\])*)\s*\}\}$/;
    STEP = /\.([A-Za-z_]\w*)|\[\s*(?:(\d+)|'([^']*)'|"([^"]*)")\s*\]/g;
    Resolver = class {
      constructor(file, related) {
        this.file = file;
        this.related = related;
        this.dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/") + 1) : "";
        const role = /^(.*?\/)?(?:tasks|handlers)\/[^/]+$/.exec(file.path);
        const base = role ? role[1] ?? "" : void 0;
        this.roleDefaults = base !== void 0 ? this.varsFile(`${base}defaults/main.yml`, `${base}defaults/main.yaml`) : /* @__PURE__ */ new Map();
        this.roleVars = base !== void 0 ? this.varsFile(`${base}vars/main.yml`, `${base}vars/main.yaml`) : /* @__PURE__ */ new Map();
      }
      file;
      related;
      fileVars = /* @__PURE__ */ new Map();
      roleDefaults;
      roleVars;
      dir;
      varsFile(...paths) {
        for (const p of paths) {
          if (!this.fileVars.has(p)) {
            const text = this.related.get(p);
            this.fileVars.set(p, text === void 0 ? void 0 : varsOfText(text));
          }
          const v = this.fileVars.get(p);
          if (v) return v;
        }
        return /* @__PURE__ */ new Map();
      }
      /** A variable by name, in Ansible's order of precedence (roughly): facts, task/block/play (vars_files over vars), role. */
      lookup(name, f) {
        if (f.loop && name === f.loop.name) return f.loop.item;
        for (let i = this.file.facts.length - 1; i >= 0; i--) {
          const fact = this.file.facts[i];
          if (fact.name === name && fact.line < f.line) return { node: fact.node };
        }
        for (let s = f.env; s; s = s.parent) {
          for (let i = s.files.length - 1; i >= 0; i--) {
            const p = normalise(this.dir + s.files[i]);
            const vars = this.varsFile(p);
            if (vars.has(name)) return { plain: vars.get(name), from: p };
          }
          if (s.vars.has(name)) return { node: s.vars.get(name) ?? null };
        }
        if (this.roleVars.has(name)) return { plain: this.roleVars.get(name), from: "role vars" };
        if (this.roleDefaults.has(name)) return { plain: this.roleDefaults.get(name), from: "role defaults" };
        return void 0;
      }
      /** `{{ name.attr[0] }}` → its value, following variables that are themselves a single expression. */
      expr(text, f, depth = 0) {
        const m = EXPR.exec(text.trim());
        if (!m || depth > MAX_DEPTH2 || SECRETISH.test(text)) return void 0;
        let v = this.lookup(m[1], f);
        if (!v) return void 0;
        v = this.settle(v, f, depth);
        if (!v) return void 0;
        for (const s of m[2].matchAll(STEP)) {
          const key = s[1] ?? s[3] ?? s[4];
          const index = s[2] !== void 0 ? Number(s[2]) : void 0;
          v = this.step(v, key, index);
          if (!v) return void 0;
          v = this.settle(v, f, depth);
          if (!v) return void 0;
        }
        return v;
      }
      /** A value that is itself `{{ … }}` is followed; other strings with Jinja are unknown. */
      settle(v, f, depth) {
        const p = "plain" in v ? v.plain : (0, import_yaml8.isScalar)(v.node) ? v.node.value : void 0;
        if (typeof p === "string" && p.includes("{{")) return this.expr(p, f, depth + 1);
        return v;
      }
      step(v, key, index) {
        if ("plain" in v) {
          const p = v.plain;
          if (index !== void 0)
            return Array.isArray(p) && index < p.length ? { plain: p[index], from: v.from } : void 0;
          if (p && typeof p === "object" && !Array.isArray(p) && key !== void 0 && key in p)
            return { plain: p[key], from: v.from };
          return void 0;
        }
        const n = v.node;
        if (index !== void 0) return (0, import_yaml8.isSeq)(n) && index < n.items.length ? { node: n.items[index] } : void 0;
        if ((0, import_yaml8.isMap)(n) && key !== void 0) {
          const pair = n.items.find((q) => (0, import_yaml8.isScalar)(q.key) && q.key.value === key);
          return pair ? { node: (0, import_yaml8.isNode)(pair.value) ? pair.value : null } : void 0;
        }
        return void 0;
      }
      /** A string with `{{ }}` in part of it, when every expression is a known scalar. */
      interpolate(text, f) {
        let ok = true;
        const out = text.replace(/\{\{[\s\S]*?\}\}/g, (e) => {
          const v = this.expr(e, f);
          const p = v ? plainOf(v) : void 0;
          if (p === void 0 || p === null || typeof p === "object") {
            ok = false;
            return e;
          }
          return String(p);
        });
        return ok && !out.includes("{{") ? out : void 0;
      }
      /** A node with every resolvable expression in it resolved; undefined when nothing changed. */
      node(n, f, depth = 0) {
        if (!n || depth > 30) return void 0;
        if ((0, import_yaml8.isScalar)(n)) {
          if (typeof n.value !== "string" || !n.value.includes("{{")) return void 0;
          const whole = this.expr(n.value, f);
          if (whole) {
            const r = nodeOf(whole, n.range ?? void 0);
            return r ? this.node(r, f, depth + 1) ?? r : void 0;
          }
          const s = this.interpolate(n.value, f);
          if (s === void 0) return void 0;
          const sc = new import_yaml8.Scalar(s);
          if (n.range) sc.range = n.range;
          return sc;
        }
        if ((0, import_yaml8.isSeq)(n)) {
          let changed = false;
          const items = n.items.map((x) => {
            const r = (0, import_yaml8.isNode)(x) ? this.node(x, f, depth + 1) : void 0;
            if (r) changed = true;
            return r ?? x;
          });
          if (!changed) return void 0;
          const s = new import_yaml8.YAMLSeq();
          s.items = items;
          if (n.range) s.range = n.range;
          return s;
        }
        if ((0, import_yaml8.isMap)(n)) {
          let changed = false;
          const items = n.items.map((p) => {
            const r = (0, import_yaml8.isNode)(p.value) ? this.node(p.value, f, depth + 1) : void 0;
            if (!r) return p;
            changed = true;
            return new import_yaml8.Pair(p.key, r);
          });
          if (!changed) return void 0;
          const m = new import_yaml8.YAMLMap();
          m.items = items;
          if (n.range) m.range = n.range;
          return m;
        }
        return void 0;
      }
      /** The items of a task's loop, when they are literal. */
      loopItems(t) {
        const lc = t.keywords.get("loop_control")?.value;
        const name = typeof lc?.loop_var === "string" ? lc.loop_var : "item";
        const f = { env: t.env, line: t.pos.line };
        for (const kw of ["loop", "with_items", "with_list", "with_dict"]) {
          const a = t.keywords.get(kw);
          if (!a) continue;
          let v = { node: a.node ?? null };
          const raw = a.node && (0, import_yaml8.isScalar)(a.node) ? a.node.value : void 0;
          if (typeof raw === "string")
            v = raw.includes("{{") ? this.expr(raw, f) : /^[A-Za-z_]\w*$/.test(raw.trim()) ? this.lookup(raw.trim(), f) : void 0;
          if (!v) return void 0;
          const via = `${kw} over ${typeof raw === "string" ? raw.trim() : "a literal list"}`;
          if (kw === "with_dict") {
            const entries = [];
            if ("plain" in v) {
              const p = v.plain;
              if (!p || typeof p !== "object" || Array.isArray(p)) return void 0;
              for (const [k, x] of Object.entries(p)) entries.push({ plain: { key: k, value: x }, from: v.from });
            } else {
              if (!(0, import_yaml8.isMap)(v.node)) return void 0;
              for (const pair of v.node.items) {
                const m = new import_yaml8.YAMLMap();
                const key = new import_yaml8.Scalar("key");
                const value = new import_yaml8.Scalar("value");
                m.items.push(new import_yaml8.Pair(key, pair.key), new import_yaml8.Pair(value, pair.value));
                const r = (0, import_yaml8.isNode)(pair.key) && pair.key.range || void 0;
                if (r) m.range = key.range = value.range = r;
                entries.push({ node: m });
              }
            }
            return { name, items: entries.slice(0, MAX_ITEMS), via };
          }
          let items;
          if ("plain" in v) {
            if (!Array.isArray(v.plain)) return void 0;
            const from = v.from;
            items = v.plain.map((x) => ({ plain: x, from }));
          } else {
            if (!(0, import_yaml8.isSeq)(v.node)) return void 0;
            items = v.node.items.map((x) => ({ node: (0, import_yaml8.isNode)(x) ? x : null }));
          }
          if (kw === "with_items")
            items = items.flatMap(
              (it) => "plain" in it ? Array.isArray(it.plain) ? it.plain.map((x) => ({ plain: x, from: it.from })) : [it] : (0, import_yaml8.isSeq)(it.node) ? it.node.items.map((x) => ({ node: (0, import_yaml8.isNode)(x) ? x : null })) : [it]
            );
          return { name, items: items.slice(0, MAX_ITEMS), via };
        }
        return void 0;
      }
      resolveArgs(t, f) {
        let changed = false;
        const args = /* @__PURE__ */ new Map();
        for (const [k, a] of t.args) {
          const n = a.node ? this.node(a.node, f) : void 0;
          if (n) {
            changed = true;
            args.set(k, { ...a, node: n, value: n.toJSON() });
          } else if (!a.node && typeof a.value === "string" && a.value.includes("{{")) {
            const s = this.interpolate(a.value, f);
            if (s !== void 0) {
              changed = true;
              args.set(k, { ...a, value: s });
            } else args.set(k, a);
          } else args.set(k, a);
        }
        let freeForm = t.freeForm;
        if (freeForm && typeof freeForm.value === "string" && freeForm.value.includes("{{")) {
          const s = this.interpolate(freeForm.value, f);
          if (s !== void 0) {
            changed = true;
            freeForm = { ...freeForm, value: s };
          }
        }
        return { args, freeForm, changed };
      }
      /** The file's tasks with literal values resolved; loops over literal items become one task per item. */
      tasks() {
        const out = [];
        for (const t of this.file.tasks) {
          const loop = this.loopItems(t);
          const usesLoop = loop && [...t.args.values(), ...t.freeForm ? [t.freeForm] : []].some((a) => mentions(a.value, loop.name));
          if (loop && usesLoop && loop.items.length) {
            loop.items.forEach((item, i) => {
              const r2 = this.resolveArgs(t, { env: t.env, line: t.pos.line, loop: { name: loop.name, item } });
              out.push({
                ...t,
                args: r2.args,
                ...r2.freeForm ? { freeForm: r2.freeForm } : {},
                path: `${t.path}{${i}}`,
                via: `${loop.via}, item ${i + 1}${"from" in item ? ` (from ${item.from})` : ""}`
              });
            });
            continue;
          }
          const r = this.resolveArgs(t, { env: t.env, line: t.pos.line });
          out.push(r.changed ? { ...t, args: r.args, ...r.freeForm ? { freeForm: r.freeForm } : {} } : t);
        }
        return out;
      }
    };
  }
});

// src/rules/ansible/context.ts
function makeContext(file, onReport) {
  return {
    file,
    tasksFor: (modules) => file.tasks.filter((t) => modules.includes(t.short)),
    report: onReport,
    pos: (n) => posOf(file, n),
    locate: (a, sub) => locateIn(file, a.range, sub)
  };
}
function argPath(t, key) {
  return `${t.path}.${t.module || "task"}.${key}`;
}
function atArg(ctx, t, a, message, extra = {}) {
  ctx.report({ at: a.keyPos, scope: t.scope, path: argPath(t, a.key), message, ...extra });
}
function atTask(ctx, t, message, key = "task") {
  ctx.report({ at: t.pos, scope: t.scope, path: argPath(t, key), message });
}
function atSecretValue(ctx, a, scope, path7, message) {
  const v = a.valuePos;
  const single = v.line === v.endLine && v.line === a.keyPos.line;
  ctx.report({ at: single ? v : a.keyPos, scope, path: path7, message, secret: single });
}
function str3(a) {
  return a && typeof a.value === "string" ? a.value : void 0;
}
function known(a) {
  const s = str3(a);
  return s !== void 0 && !a.vault && !isJinja(s) ? s : void 0;
}
function isFalse2(a) {
  return !!a && !isJinja(a.value) && truthy(a.value) === false;
}
function isTrue2(a) {
  return !!a && !isJinja(a.value) && truthy(a.value) === true;
}
function isSecretName(name) {
  return SECRET_NAME2.test(name) && !NOT_SECRET_NAME2.test(name);
}
function plaintextSecret(a) {
  if (!a || a.vault) return void 0;
  const v = typeof a.value === "number" ? String(a.value) : a.value;
  if (typeof v !== "string") return void 0;
  const s = v.trim();
  if (!s || isJinja(s) || s.startsWith("$ANSIBLE_VAULT") || PLACEHOLDER.test(s)) return void 0;
  return s;
}
function jinjaVars(s) {
  const out = [];
  for (const m of s.matchAll(/\{\{([\s\S]*?)\}\}/g))
    for (const id of m[1].matchAll(/[A-Za-z_][\w]*/g)) out.push(id[0]);
  return out;
}
function mentionsSecretVar(s) {
  return jinjaVars(s).some((v) => isSecretName(v) || /^vault_/.test(v));
}
function commandOf(t) {
  if (!COMMAND_MODULES.includes(t.short)) return void 0;
  if (t.freeForm && typeof t.freeForm.value === "string") return { text: t.freeForm.value, arg: t.freeForm };
  const cmd = t.args.get("cmd") ?? t.args.get("command");
  if (cmd && typeof cmd.value === "string") return { text: cmd.value, arg: cmd };
  const argv = t.args.get("argv");
  if (argv && Array.isArray(argv.value)) return { text: argv.value.map(String).join(" "), arg: argv };
  return void 0;
}
function strings(v, out = []) {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
  return out;
}
function modeOf(file, a) {
  if (!a || a.vault || isJinja(a.value)) return void 0;
  const raw = a.range ? file.text.slice(a.range[0], a.range[1]).trim() : String(a.value);
  const quoted = /^["']/.test(raw);
  if (typeof a.value === "number" && !quoted) {
    if (/^0o?[0-7]+$/i.test(raw)) return { kind: "octal", bits: parseInt(raw.replace(/^0o?/i, "") || "0", 8) };
    if (/^\d+$/.test(raw)) return { kind: "decimal", bits: a.value & 4095, written: a.value };
    return void 0;
  }
  if (typeof a.value !== "string") return void 0;
  const s = a.value.trim();
  if (/^(?:0o?)?[0-7]{1,4}$/i.test(s)) return { kind: "octal", bits: parseInt(s.replace(/^0o/i, ""), 8) };
  if (/^[ugoa]*[-+=][rwxXstugo]*(?:,[ugoa]*[-+=][rwxXstugo]*)*$/.test(s)) return { kind: "symbolic", text: s };
  return void 0;
}
function symbolicGrants(text, who, perm) {
  let granted = false;
  for (const clause of text.split(",")) {
    const m = /^([ugoa]*)([-+=])([rwxXstugo]*)$/.exec(clause);
    if (!m) continue;
    const whos = m[1] || "a";
    if (!whos.includes(who) && !whos.includes("a")) continue;
    if (m[2] === "-") {
      if (m[3].includes(perm)) granted = false;
    } else if (m[2] === "=") granted = m[3].includes(perm);
    else if (m[3].includes(perm)) granted = true;
  }
  return granted;
}
function internalHost(host) {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1" || h.endsWith(".localhost")) return true;
  if (/^127\./.test(h) || /^10\./.test(h) || /^192\.168\./.test(h) || /^172\.(?:1[6-9]|2\d|3[01])\./.test(h))
    return true;
  if (/\.(?:local|internal|intranet|corp|lan|home\.arpa|svc|cluster\.local)$/.test(h)) return true;
  return !h.includes(".") && !h.includes(":");
}
function urlHost(url) {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url.trim());
  return m?.[1];
}
function pairsOf(ctx, n) {
  if (!(0, import_yaml6.isMap)(n)) return [];
  const out = [];
  for (const p of n.items) {
    const key = pairKey(p);
    if (key === void 0) continue;
    const v = p.value;
    out.push({
      key,
      keyPos: ctx.pos(p.key),
      valuePos: v ? ctx.pos(v) : ctx.pos(p.key),
      ...v && (0, import_yaml6.isNode)(v) ? { node: v } : {},
      value: plain(v),
      ...v?.range ? { range: [v.range[0], v.range[1]] } : {},
      vault: v?.tag === "!vault"
    });
  }
  return out;
}
var SECRET_NAME2, NOT_SECRET_NAME2, PLACEHOLDER, COMMAND_MODULES;
var init_context2 = __esm({
  "src/rules/ansible/context.ts"() {
    "use strict";
    init_ansible();
    init_ansible();
    SECRET_NAME2 = /(?:^|_)(?:pass|password|passwd|passphrase|pwd|secret|token|api_?key|apikey|secret_?key|private_?key|client_secret|auth_?key|credentials?)$/i;
    NOT_SECRET_NAME2 = /(?:^|_)(?:update_password|password_lock|no_log|token_type|pass_through)$/i;
    PLACEHOLDER = /^(?:changeme|change_me|todo|tbd|x{3,}|\*+|<[^>]*>|\$\{[^}]*\}|redacted|none|null|~)$/i;
    COMMAND_MODULES = ["command", "shell", "raw", "script", "win_shell", "win_command", "expect"];
  }
});

// src/rules/ansible/noqa.ts
function noqaOn(line) {
  if (!line) return void 0;
  const m = /#.*?\bnoqa\b:?([^#]*)/i.exec(line);
  if (!m) return void 0;
  const tokens = (m[1] ?? "").split(/[\s,]+/).map((t) => t.trim()).filter(Boolean);
  return { tokens };
}
function noqaMatch(n, ruleId) {
  if (!n.tokens.length) return "";
  const id = ruleId.toLowerCase();
  for (const t of n.tokens) {
    const lower = t.toLowerCase();
    if (lower === id) return t;
    const mapped = ANSIBLE_LINT_MAP[lower.replace(/\[.*\]$/, "")];
    if (mapped?.some((m) => m.toLowerCase() === id)) return t;
  }
  return void 0;
}
var ANSIBLE_LINT_MAP;
var init_noqa = __esm({
  "src/rules/ansible/noqa.ts"() {
    "use strict";
    ANSIBLE_LINT_MAP = {
      "risky-file-permissions": ["ANS-PERM-001", "ANS-PERM-003", "ANS-PERM-004"],
      "risky-octal": ["ANS-PERM-002"],
      "no-log-password": ["ANS-SECRET-006", "ANS-EXEC-003"],
      "command-instead-of-module": ["ANS-EXEC-001"],
      "risky-shell-pipe": ["ANS-EXEC-001"],
      "command-instead-of-shell": [],
      "partial-become": []
    };
  }
});

// src/rules/ansible/docs.ts
function doc2(p) {
  return [
    "## What it does",
    p.what,
    "",
    "## Why it is bad",
    p.why,
    "",
    "## Example",
    "```yaml",
    p.bad.trim(),
    "```",
    "",
    "## Fix",
    "```yaml",
    p.good.trim(),
    "```",
    "",
    "## References",
    ...p.refs.map((r) => `- ${r}`)
  ].join("\n");
}
var init_docs = __esm({
  "src/rules/ansible/docs.ts"() {
    "use strict";
  }
});

// src/rules/ansible/rules/tls-001.ts
var KEYS2, rule83, tls_001_default;
var init_tls_001 = __esm({
  "src/rules/ansible/rules/tls-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    KEYS2 = ["validate_certs", "verify_ssl", "verify_certs", "validate_cert"];
    rule83 = {
      meta: {
        id: "ANS-TLS-001",
        title: "TLS certificate verification disabled",
        severity: "high",
        category: "ansible",
        modules: [
          "uri",
          "get_url",
          "apt_key",
          "rpm_key",
          "win_get_url",
          "win_uri",
          "ec2_instance",
          "s3_object",
          "docker_image"
        ],
        docs: doc2({
          what: "Flags any module called with `validate_certs: no` (or `false`, `verify_ssl: false`): uri, get_url, every amazon.aws and community module.",
          why: "Without certificate verification anyone on the network path can impersonate the server: downloaded code, API responses and credentials sent to it are no longer protected.",
          bad: "- ansible.builtin.get_url:\n    url: https://example.com/tool.tgz\n    dest: /tmp/tool.tgz\n    validate_certs: no",
          good: "- ansible.builtin.get_url:\n    url: https://example.com/tool.tgz\n    dest: /tmp/tool.tgz\n    checksum: sha256:\u2026",
          refs: [
            "https://docs.ansible.com/ansible/latest/collections/ansible/builtin/get_url_module.html",
            "CWE-295: Improper Certificate Validation"
          ]
        }),
        remediation: "Remove validate_certs: no; trust the internal CA with ca_path or the system store instead."
      },
      check(ctx) {
        for (const t of ctx.file.tasks)
          for (const k of KEYS2) {
            const a = t.args.get(k);
            if (isFalse2(a))
              atArg(ctx, t, a, `${t.module} is called with ${k}: ${String(a.value)}; TLS certificates are not checked.`);
          }
      }
    };
    tls_001_default = rule83;
  }
});

// src/rules/ansible/rules/tls-002.ts
var URL_ARGS, HTTP, rule84, tls_002_default;
var init_tls_002 = __esm({
  "src/rules/ansible/rules/tls-002.ts"() {
    "use strict";
    init_context2();
    init_docs();
    URL_ARGS = {
      get_url: ["url"],
      win_get_url: ["url"],
      uri: ["url"],
      win_uri: ["url"],
      unarchive: ["src"],
      apt_key: ["url"],
      rpm_key: ["key"],
      yum_repository: ["baseurl", "mirrorlist", "metalink", "gpgkey"],
      apt_repository: ["repo"],
      deb822_repository: ["uris", "signed_by"],
      apt: ["deb"],
      yum: ["name"],
      dnf: ["name"],
      package: ["name"],
      git: ["repo"]
    };
    HTTP = /\bhttp:\/\/[^\s"'\]]+/gi;
    rule84 = {
      meta: {
        id: "ANS-TLS-002",
        title: "Plain-HTTP URL for a download, repository or key",
        severity: "medium",
        category: "ansible",
        modules: Object.keys(URL_ARGS),
        docs: doc2({
          what: "Flags `http://` URLs (outside localhost and private networks) in get_url, uri, unarchive, apt_key, rpm_key, yum_repository, apt_repository and package names.",
          why: "Anything fetched over plain HTTP can be read and replaced in transit: a signing key, a repository definition or a tarball fetched this way lets a network attacker run code on the host.",
          bad: "- ansible.builtin.rpm_key:\n    key: http://repo.example.com/RPM-GPG-KEY",
          good: "- ansible.builtin.rpm_key:\n    key: https://repo.example.com/RPM-GPG-KEY",
          refs: [
            "CWE-319: Cleartext Transmission of Sensitive Information",
            "CWE-494: Download of Code Without Integrity Check"
          ]
        }),
        remediation: "Use an https:// URL."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(Object.keys(URL_ARGS)))
          for (const k of URL_ARGS[t.short] ?? []) {
            const a = t.args.get(k);
            if (!a) continue;
            const bad = strings(a.value).filter((s) => !isJinja(s)).flatMap((s) => [...s.matchAll(HTTP)].map((m) => m[0])).find((u) => {
              const h = urlHost(u);
              return h !== void 0 && !isJinja(h) && !internalHost(h);
            });
            if (bad)
              atArg(
                ctx,
                t,
                a,
                `${t.module} ${k} uses plain HTTP (${urlHost(bad)}); the content can be tampered with in transit.`
              );
          }
      }
    };
    tls_002_default = rule84;
  }
});

// src/rules/ansible/rules/tls-003.ts
var PATTERNS, rule85, tls_003_default;
var init_tls_003 = __esm({
  "src/rules/ansible/rules/tls-003.ts"() {
    "use strict";
    init_context2();
    init_docs();
    PATTERNS = [
      [/\bcurl\b[^|;&\n]*\s(?:--insecure\b|-[a-zA-Z]*k[a-zA-Z]*\b)/, "curl --insecure"],
      [/\bwget\b[^|;&\n]*\s--no-check-certificate\b/, "wget --no-check-certificate"],
      [/\bpip[0-9.]*\b[^|;&\n]*\s--trusted-host\b/, "pip --trusted-host"],
      [/\bhttp\.sslverify\s*[= ]\s*(?:false|0|no)\b/i, "git http.sslVerify=false"],
      [/\bGIT_SSL_NO_VERIFY=(?!0|false)\S/i, "GIT_SSL_NO_VERIFY"],
      [/\bstrict-ssl\s*[= ]\s*false\b/i, "npm strict-ssl false"]
    ];
    rule85 = {
      meta: {
        id: "ANS-TLS-003",
        title: "Command disables TLS verification",
        severity: "high",
        category: "ansible",
        modules: ["command", "shell", "raw", "script", "pip"],
        docs: doc2({
          what: "Flags command lines that turn certificate checks off: `curl -k/--insecure`, `wget --no-check-certificate`, `pip --trusted-host`, `git -c http.sslVerify=false`, `GIT_SSL_NO_VERIFY`, `npm \u2026 strict-ssl false` (also in pip `extra_args`).",
          why: "The download or clone can then be intercepted and replaced by anyone on the network path.",
          bad: "- ansible.builtin.shell: curl -sSk https://example.com/setup.json -o /etc/app.json",
          good: "- ansible.builtin.get_url:\n    url: https://example.com/setup.json\n    dest: /etc/app.json",
          refs: ["CWE-295: Improper Certificate Validation"]
        }),
        remediation: "Remove the flag; install the CA the server uses into the trust store instead."
      },
      check(ctx) {
        for (const t of ctx.file.tasks) {
          const cmd = commandOf(t);
          const candidates = [
            ...cmd ? [{ text: cmd.text, arg: cmd.arg }] : [],
            ...t.short === "pip" && str3(t.args.get("extra_args")) ? [{ text: `pip ${str3(t.args.get("extra_args"))}`, arg: t.args.get("extra_args") }] : []
          ];
          for (const c of candidates) {
            const hit = PATTERNS.find(([re]) => re.test(c.text));
            if (hit) atArg(ctx, t, c.arg, `${t.module} runs ${hit[1]}: TLS certificates are not checked.`);
          }
        }
      }
    };
    tls_003_default = rule85;
  }
});

// src/rules/ansible/rules/tls-004.ts
var rule86, tls_004_default;
var init_tls_004 = __esm({
  "src/rules/ansible/rules/tls-004.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule86 = {
      meta: {
        id: "ANS-TLS-004",
        title: "Environment variable disables TLS verification",
        severity: "high",
        category: "ansible",
        modules: [],
        docs: doc2({
          what: "Flags task `environment:` settings that switch off certificate checks for the tools the task runs: `GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED: 0`, `PYTHONHTTPSVERIFY: 0`.",
          why: "Every HTTPS connection the command makes then accepts any certificate, so it can be intercepted.",
          bad: '- ansible.builtin.command: npm ci\n  environment:\n    NODE_TLS_REJECT_UNAUTHORIZED: "0"',
          good: "- ansible.builtin.command: npm ci\n  environment:\n    NODE_EXTRA_CA_CERTS: /etc/pki/internal-ca.pem",
          refs: ["CWE-295: Improper Certificate Validation"]
        }),
        remediation: "Drop the variable and trust the needed CA (NODE_EXTRA_CA_CERTS, GIT_SSL_CAINFO, SSL_CERT_FILE)."
      },
      check(ctx) {
        for (const t of ctx.file.tasks) {
          for (const a of pairsOf(ctx, t.keywords.get("environment")?.node)) {
            const { key, value } = a;
            if (isJinja(value)) continue;
            const bad = key === "GIT_SSL_NO_VERIFY" && value !== void 0 && value !== null && value !== "" && !isFalse2(a) || (key === "NODE_TLS_REJECT_UNAUTHORIZED" || key === "PYTHONHTTPSVERIFY") && String(value).trim() === "0";
            if (bad)
              ctx.report({
                at: a.keyPos,
                scope: t.scope,
                path: `${t.path}.environment.${key}`,
                message: `environment ${key} switches TLS certificate verification off for this task.`
              });
          }
        }
      }
    };
    tls_004_default = rule86;
  }
});

// src/rules/ansible/rules/tls-005.ts
var rule87, tls_005_default;
var init_tls_005 = __esm({
  "src/rules/ansible/rules/tls-005.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule87 = {
      meta: {
        id: "ANS-TLS-005",
        title: "Package repository with SSL verification off",
        severity: "high",
        category: "ansible",
        modules: ["yum_repository", "ini_file"],
        docs: doc2({
          what: "Flags `sslverify: no` on yum_repository, and `sslverify=0` written with ini_file into a repository or dnf configuration.",
          why: "The package manager then accepts any certificate from the mirror: metadata and packages can be swapped in transit.",
          bad: "- ansible.builtin.yum_repository:\n    name: internal\n    baseurl: https://repo.example.com/el9\n    sslverify: no",
          good: "- ansible.builtin.yum_repository:\n    name: internal\n    baseurl: https://repo.example.com/el9\n    sslcacert: /etc/pki/internal-ca.pem",
          refs: ["https://docs.ansible.com/ansible/latest/collections/ansible/builtin/yum_repository_module.html"]
        }),
        remediation: "Remove sslverify: no; point sslcacert at the repository CA."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["yum_repository"])) {
          const a = t.args.get("sslverify");
          if (isFalse2(a)) atArg(ctx, t, a, `yum_repository ${String(t.args.get("name")?.value ?? "")} has sslverify off.`);
        }
        for (const t of ctx.tasksFor(["ini_file"])) {
          const opt = known(t.args.get("option"));
          const v = t.args.get("value");
          if (opt?.toLowerCase() === "sslverify" && isFalse2(v))
            atArg(ctx, t, v, "ini_file sets sslverify=0 for a repository.");
        }
      }
    };
    tls_005_default = rule87;
  }
});

// src/rules/ansible/rules/dl-001.ts
var rule88, dl_001_default;
var init_dl_001 = __esm({
  "src/rules/ansible/rules/dl-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule88 = {
      meta: {
        id: "ANS-DL-001",
        title: "Download from outside the organisation without a checksum",
        severity: "medium",
        category: "ansible",
        modules: ["get_url", "win_get_url"],
        docs: doc2({
          what: "Flags get_url downloads from public hosts (not localhost, private addresses or internal domains such as `.internal`, `.corp`, `.local`) that do not pin a `checksum`.",
          why: 'Without a checksum the task installs whatever the server returns today: a compromised mirror, a moved "latest" tag or a hijacked domain ends up on every host.',
          bad: "- ansible.builtin.get_url:\n    url: https://github.com/org/tool/releases/download/v1.2.3/tool\n    dest: /usr/local/bin/tool",
          good: "- ansible.builtin.get_url:\n    url: https://github.com/org/tool/releases/download/v1.2.3/tool\n    dest: /usr/local/bin/tool\n    checksum: sha256:3b1f\u2026",
          refs: [
            "https://docs.ansible.com/ansible/latest/collections/ansible/builtin/get_url_module.html",
            "CWE-494: Download of Code Without Integrity Check"
          ]
        }),
        remediation: "Add checksum: sha256:<digest> (or a checksum URL) to the get_url task."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["get_url", "win_get_url"])) {
          const url = known(t.args.get("url"));
          if (!url) continue;
          const host = urlHost(url);
          if (!host || internalHost(host) || /^file:/i.test(url)) continue;
          const sum = t.args.get("checksum");
          if (sum && sum.value !== null && sum.value !== "") continue;
          atTask(ctx, t, `${t.module} downloads from ${host} without a checksum; the content is not verified.`, "checksum");
        }
      }
    };
    dl_001_default = rule88;
  }
});

// src/rules/ansible/rules/exec-001.ts
var PIPE_TO_SHELL, rule89, exec_001_default;
var init_exec_001 = __esm({
  "src/rules/ansible/rules/exec-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    PIPE_TO_SHELL = /\b(?:curl|wget|fetch)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+)?(?:\/usr)?(?:\/bin\/)?(?:ba|z|k|da|c|tc|fi)?sh\b|\b(?:ba|z)?sh\s+(?:-c\s+)?["']?\$\(\s*(?:curl|wget)\b|\b(?:ba|z)?sh\s+<\(\s*(?:curl|wget)\b|\b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+)?(?:python[0-9.]*|perl|ruby|node)\b(?!\s+-m\s+json)/;
    rule89 = {
      meta: {
        id: "ANS-EXEC-001",
        title: "Remote script piped into a shell",
        severity: "high",
        category: "ansible",
        modules: ["shell", "command", "raw", "script"],
        docs: doc2({
          what: 'Flags `curl \u2026 | sh`, `wget -O- \u2026 | bash`, `bash <(curl \u2026)` and `sh -c "$(curl \u2026)"` in shell, command and raw tasks.',
          why: "Whatever the URL serves at that moment runs as the task user (often root), unreviewed and unpinned; a truncated download even runs half a script.",
          bad: "- ansible.builtin.shell: curl -fsSL https://get.example.com/install.sh | sh",
          good: '- ansible.builtin.get_url:\n    url: https://get.example.com/install-1.4.2.sh\n    dest: /tmp/install.sh\n    checksum: sha256:\u2026\n    mode: "0700"\n- ansible.builtin.command: /tmp/install.sh',
          refs: [
            "ansible-lint: risky-shell-pipe, command-instead-of-module",
            "CWE-494: Download of Code Without Integrity Check"
          ]
        }),
        remediation: "Download with get_url and a checksum (or use a package), then run the pinned file."
      },
      check(ctx) {
        for (const t of ctx.file.tasks) {
          const cmd = commandOf(t);
          if (cmd && PIPE_TO_SHELL.test(cmd.text))
            atArg(ctx, t, cmd.arg, `${t.module} pipes a download straight into an interpreter.`);
        }
      }
    };
    exec_001_default = rule89;
  }
});

// src/rules/ansible/rules/exec-002.ts
function literal(s) {
  return !!s && !isJinja(s) && !/^\$/.test(s) && !/^\{\{/.test(s) && !/^[<*x]+$/i.test(s);
}
var FORMS, rule90, exec_002_default;
var init_exec_002 = __esm({
  "src/rules/ansible/rules/exec-002.ts"() {
    "use strict";
    init_context2();
    init_docs();
    FORMS = [
      [/\bsshpass\s+-p\s*(['"]?)([^\s'"]+)\1/, "sshpass -p"],
      [/\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^|;&\n]*?\s-p(['"]?)([^\s'"-][^\s'"]*)\1/, "mysql -p"],
      [
        /--(?:[a-z0-9]+-)*(?:password|passwd|pass|pwd|token|secret|api-key|apikey|access-token)[= ](['"]?)([^\s'"-][^\s'"]*)\1/i,
        "--password"
      ],
      [/\b[A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|PASS|TOKEN|SECRET|API_KEY)=(['"]?)([^\s'"]+)\1/, "an environment assignment"],
      [/\bcurl\b[^|;&\n]*\s(?:-u|--user)\s+(['"]?)[^\s:'"]+:([^\s'"@]+)\1/, "curl -u user:password"],
      [/Authorization:\s*(?:Bearer|Basic|token)\s+(['"]?)([A-Za-z0-9._~+/=-]{8,})\1/i, "an Authorization header"],
      // The user part may be Jinja (`mysql://{{ db_user }}:literal@host`): the password is still literal.
      [/\b[a-z][a-z0-9+.-]*:\/\/(?:\{\{[^}]*\}\}|[^\s:/@'"{])+:([^\s@/'"{]+)()@/i, "credentials in a URL"]
    ];
    rule90 = {
      meta: {
        id: "ANS-EXEC-002",
        title: "Secret written on a command line",
        severity: "high",
        category: "ansible",
        modules: ["shell", "command", "raw", "script", "win_shell", "win_command"],
        docs: doc2({
          what: "Flags literal passwords and tokens inside shell/command tasks: `mysql -pSecret`, `--password=\u2026`, `PGPASSWORD=\u2026 psql`, `sshpass -p \u2026`, `curl -u user:pass`, `Authorization: Bearer \u2026`, `https://user:pass@host`.",
          why: "The secret is committed to the repository, appears in `ps` output on the host, in shell history and in Ansible logs and callbacks.",
          bad: "- ansible.builtin.shell: mysqldump -u backup -pSup3rSecretPassw0rd! app > /srv/app.sql",
          good: "- ansible.builtin.shell: mysqldump --defaults-extra-file=/root/.backup.cnf app > /srv/app.sql\n  no_log: true",
          refs: [
            "CWE-214: Invocation of Process Using Visible Sensitive Information",
            "CWE-798: Use of Hard-coded Credentials"
          ]
        }),
        remediation: "Move the secret to Ansible Vault and pass it through a file or environment with no_log: true."
      },
      check(ctx) {
        for (const t of ctx.file.tasks) {
          const cmd = commandOf(t);
          if (!cmd) continue;
          for (const [re, what] of FORMS) {
            const m = re.exec(cmd.text);
            const secret = m?.[2] || m?.[1];
            if (!m || !secret || !literal(secret)) continue;
            const whole = ctx.locate(cmd.arg, m[0]);
            const off = m[0].indexOf(secret);
            if (whole && whole.line === whole.endLine)
              ctx.report({
                at: {
                  line: whole.line,
                  column: whole.column + off,
                  endLine: whole.line,
                  endColumn: whole.column + off + secret.length
                },
                scope: t.scope,
                path: `${t.path}.${t.module}`,
                message: `${t.module} puts a literal secret on the command line (${what}).`,
                secret: true
              });
            else atArg(ctx, t, cmd.arg, `${t.module} puts a literal secret on the command line (${what}).`);
            break;
          }
        }
      }
    };
    exec_002_default = rule90;
  }
});

// src/rules/ansible/rules/exec-003.ts
var rule91, exec_003_default;
var init_exec_003 = __esm({
  "src/rules/ansible/rules/exec-003.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule91 = {
      meta: {
        id: "ANS-EXEC-003",
        title: "Secret variable on a command line without no_log",
        severity: "medium",
        category: "ansible",
        modules: ["shell", "command", "raw", "script", "win_shell", "win_command"],
        docs: doc2({
          what: "Flags shell/command tasks whose command line interpolates a secret-looking variable (`{{ db_password }}`, `{{ vault_api_token }}`) when the task (or its block/play) does not set `no_log: true`.",
          why: "Ansible prints the rendered command on failure and with `-v`, and callbacks (AWX, ARA, CI logs) store it: the secret leaks out of the vault.",
          bad: "- ansible.builtin.command: vault-cli login --token {{ vault_api_token }}",
          good: "- ansible.builtin.command: vault-cli login --token {{ vault_api_token }}\n  no_log: true",
          refs: [
            "ansible-lint: no-log-password",
            "https://docs.ansible.com/ansible/latest/reference_appendices/logging.html"
          ]
        }),
        remediation: "Add no_log: true to the task (or pass the secret through stdin or a file)."
      },
      check(ctx) {
        for (const t of ctx.file.tasks) {
          if (t.noLog !== false) continue;
          const cmd = commandOf(t);
          if (cmd && mentionsSecretVar(cmd.text))
            atArg(ctx, t, cmd.arg, `${t.module} renders a secret variable into its command line without no_log: true.`);
        }
      }
    };
    exec_003_default = rule91;
  }
});

// src/rules/ansible/rules/pkg-001.ts
var rule92, pkg_001_default;
var init_pkg_001 = __esm({
  "src/rules/ansible/rules/pkg-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule92 = {
      meta: {
        id: "ANS-PKG-001",
        title: "APT installs unauthenticated packages",
        severity: "high",
        category: "ansible",
        modules: ["apt", "shell", "command"],
        docs: doc2({
          what: "Flags `allow_unauthenticated: yes` and `force: yes` (which implies it) on the apt module, and `apt-get --allow-unauthenticated / --force-yes` in commands.",
          why: "APT then installs packages whose repository signature it could not verify: a mirror or network attacker can ship arbitrary code that runs as root.",
          bad: "- ansible.builtin.apt:\n    name: agent\n    allow_unauthenticated: yes",
          good: "- ansible.builtin.apt:\n    name: agent",
          refs: [
            "https://docs.ansible.com/ansible/latest/collections/ansible/builtin/apt_module.html",
            "CWE-347: Improper Verification of Cryptographic Signature"
          ]
        }),
        remediation: "Remove allow_unauthenticated/force and install the repository signing key instead."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["apt"]))
          for (const k of ["allow_unauthenticated", "force"]) {
            const a = t.args.get(k);
            if (isTrue2(a)) atArg(ctx, t, a, `apt ${k}: yes installs packages without verifying their signatures.`);
          }
        for (const t of ctx.file.tasks) {
          const cmd = commandOf(t);
          if (cmd && /\bapt(?:-get)?\b[^|;&\n]*\s--(?:allow-unauthenticated|force-yes)\b/.test(cmd.text))
            atArg(ctx, t, cmd.arg, `${t.module} runs apt with unauthenticated packages allowed.`);
        }
      }
    };
    pkg_001_default = rule92;
  }
});

// src/rules/ansible/rules/pkg-002.ts
var MODULES, rule93, pkg_002_default;
var init_pkg_002 = __esm({
  "src/rules/ansible/rules/pkg-002.ts"() {
    "use strict";
    init_context2();
    init_docs();
    MODULES = ["yum", "dnf", "dnf5", "package", "zypper"];
    rule93 = {
      meta: {
        id: "ANS-PKG-002",
        title: "Package installed with GPG signature check disabled",
        severity: "high",
        category: "ansible",
        modules: [...MODULES, "shell", "command"],
        docs: doc2({
          what: "Flags `disable_gpg_check: yes` on yum, dnf and zypper, and `--nogpgcheck` / `rpm --nosignature` in commands.",
          why: "The package is installed even when its signature is missing or wrong, so a tampered RPM runs its scriptlets as root.",
          bad: "- ansible.builtin.dnf:\n    name: https://example.com/agent.rpm\n    disable_gpg_check: yes",
          good: "- ansible.builtin.rpm_key:\n    key: https://example.com/RPM-GPG-KEY\n- ansible.builtin.dnf:\n    name: https://example.com/agent.rpm",
          refs: [
            "https://docs.ansible.com/ansible/latest/collections/ansible/builtin/dnf_module.html",
            "CWE-347: Improper Verification of Cryptographic Signature"
          ]
        }),
        remediation: "Import the vendor key with rpm_key and remove disable_gpg_check."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(MODULES)) {
          const a = t.args.get("disable_gpg_check");
          if (isTrue2(a)) atArg(ctx, t, a, `${t.module} disable_gpg_check: yes installs unsigned packages.`);
        }
        for (const t of ctx.file.tasks) {
          const cmd = commandOf(t);
          if (cmd && /\s--nogpgcheck\b|\brpm\b[^|;&\n]*\s--nosignature\b/.test(cmd.text))
            atArg(ctx, t, cmd.arg, `${t.module} installs packages without checking their signatures.`);
        }
      }
    };
    pkg_002_default = rule93;
  }
});

// src/rules/ansible/rules/pkg-003.ts
var rule94, pkg_003_default;
var init_pkg_003 = __esm({
  "src/rules/ansible/rules/pkg-003.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule94 = {
      meta: {
        id: "ANS-PKG-003",
        title: "Package repository without GPG checking",
        severity: "high",
        category: "ansible",
        modules: ["yum_repository", "zypper_repository", "ini_file"],
        docs: doc2({
          what: "Flags `gpgcheck: no` on yum_repository, `disable_gpg_check: yes` on zypper_repository, and `gpgcheck=0` written with ini_file.",
          why: "Every package from that repository is installed without signature verification, now and on every later update.",
          bad: "- ansible.builtin.yum_repository:\n    name: vendor\n    baseurl: https://repo.example.com/el9\n    gpgcheck: no",
          good: "- ansible.builtin.yum_repository:\n    name: vendor\n    baseurl: https://repo.example.com/el9\n    gpgcheck: yes\n    gpgkey: https://repo.example.com/RPM-GPG-KEY",
          refs: ["https://docs.ansible.com/ansible/latest/collections/ansible/builtin/yum_repository_module.html"]
        }),
        remediation: "Set gpgcheck: yes with the vendor gpgkey."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["yum_repository"])) {
          const a = t.args.get("gpgcheck");
          if (isFalse2(a)) atArg(ctx, t, a, "yum_repository has gpgcheck off: packages are not signature-checked.");
        }
        for (const t of ctx.tasksFor(["zypper_repository"])) {
          const a = t.args.get("disable_gpg_check");
          if (isTrue2(a)) atArg(ctx, t, a, "zypper_repository disables GPG checks for the repository.");
        }
        for (const t of ctx.tasksFor(["ini_file"])) {
          const opt = known(t.args.get("option"));
          const v = t.args.get("value");
          if (opt?.toLowerCase() === "gpgcheck" && isFalse2(v))
            atArg(ctx, t, v, "ini_file sets gpgcheck=0 for a repository.");
        }
      }
    };
    pkg_003_default = rule94;
  }
});

// src/rules/ansible/rules/pkg-004.ts
var TRUSTED, rule95, pkg_004_default;
var init_pkg_004 = __esm({
  "src/rules/ansible/rules/pkg-004.ts"() {
    "use strict";
    init_context2();
    init_docs();
    TRUSTED = /\[[^\]]*\b(?:trusted|allow-insecure|allow-weak|allow-downgrade-to-insecure)\s*=\s*yes\b[^\]]*\]/i;
    rule95 = {
      meta: {
        id: "ANS-PKG-004",
        title: "APT repository marked trusted",
        severity: "high",
        category: "ansible",
        modules: ["apt_repository", "deb822_repository", "copy", "lineinfile", "blockinfile", "template"],
        docs: doc2({
          what: "Flags APT sources with `[trusted=yes]` / `[allow-insecure=yes]` (apt_repository, or written with copy/lineinfile/blockinfile) and deb822_repository `trusted: yes` / `allow_insecure: yes`.",
          why: "APT skips signature checks for that source: anyone who can answer for the mirror can ship packages that install as root.",
          bad: '- ansible.builtin.apt_repository:\n    repo: "deb [trusted=yes] https://repo.example.com/apt stable main"',
          good: '- ansible.builtin.apt_repository:\n    repo: "deb [signed-by=/etc/apt/keyrings/example.gpg] https://repo.example.com/apt stable main"',
          refs: ["man sources.list(5): trusted option", "CWE-347: Improper Verification of Cryptographic Signature"]
        }),
        remediation: "Remove trusted=yes and reference the repository key with signed-by."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["apt_repository", "copy", "lineinfile", "blockinfile"])) {
          for (const k of ["repo", "content", "line", "block"]) {
            const a = t.args.get(k);
            if (a && strings(a.value).some((s) => !isJinja(s) && /\bdeb(?:-src)?\s/.test(s) && TRUSTED.test(s)))
              atArg(ctx, t, a, `${t.module} adds an APT source marked trusted; its packages are not signature-checked.`);
          }
        }
        for (const t of ctx.tasksFor(["deb822_repository"]))
          for (const k of ["trusted", "allow_insecure", "allow_weak"]) {
            const a = t.args.get(k);
            if (isTrue2(a)) atArg(ctx, t, a, `deb822_repository ${k}: yes disables signature checks for the source.`);
          }
      }
    };
    pkg_004_default = rule95;
  }
});

// src/rules/ansible/perm.ts
function octal(bits) {
  return `0${bits.toString(8).padStart(3, "0")}`;
}
var MODE_MODULES, MODE_KEYS;
var init_perm = __esm({
  "src/rules/ansible/perm.ts"() {
    "use strict";
    MODE_MODULES = [
      "file",
      "copy",
      "template",
      "get_url",
      "unarchive",
      "assemble",
      "archive",
      "lineinfile",
      "blockinfile",
      "replace",
      "ini_file",
      "git_config",
      "openssl_privatekey",
      "win_copy"
    ];
    MODE_KEYS = ["mode", "directory_mode"];
  }
});

// src/rules/ansible/rules/perm-001.ts
var rule96, perm_001_default;
var init_perm_001 = __esm({
  "src/rules/ansible/rules/perm-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_perm();
    rule96 = {
      meta: {
        id: "ANS-PERM-001",
        title: "World-writable file mode",
        severity: "high",
        category: "ansible",
        modules: MODE_MODULES,
        docs: doc2({
          what: 'Flags `mode`/`directory_mode` values that let every user write: octal (`0777`, `0666`, `"0777"`, `0o777`, and decimal ints such as `666`), and symbolic (`o+w`, `a+w`, `+w`, `o=rwx`).',
          why: "Any local user or compromised service can replace the file: configuration, scripts run by root and binaries become a privilege-escalation path.",
          bad: '- ansible.builtin.file:\n    path: /opt/app/run.sh\n    mode: "0777"',
          good: '- ansible.builtin.file:\n    path: /opt/app/run.sh\n    mode: "0755"',
          refs: ["ansible-lint: risky-file-permissions", "CWE-732: Incorrect Permission Assignment for Critical Resource"]
        }),
        remediation: 'Drop the write bit for others (e.g. mode: "0755" or "0644").'
      },
      check(ctx) {
        for (const t of ctx.tasksFor(MODE_MODULES))
          for (const k of MODE_KEYS) {
            const a = t.args.get(k);
            const m = modeOf(ctx.file, a);
            if (!m) continue;
            const ww = m.kind === "symbolic" ? symbolicGrants(m.text, "o", "w") : (m.bits & 2) !== 0;
            if (ww)
              atArg(
                ctx,
                t,
                a,
                `${t.module} ${k} ${m.kind === "symbolic" ? m.text : octal(m.bits)} is writable by every user.`
              );
          }
      }
    };
    perm_001_default = rule96;
  }
});

// src/rules/ansible/rules/perm-002.ts
var rule97, perm_002_default;
var init_perm_002 = __esm({
  "src/rules/ansible/rules/perm-002.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_perm();
    rule97 = {
      meta: {
        id: "ANS-PERM-002",
        title: "File mode written as a decimal number",
        severity: "medium",
        category: "ansible",
        modules: MODE_MODULES,
        docs: doc2({
          what: "Flags `mode: 644` / `mode: 755` written as a plain YAML integer without a leading zero.",
          why: "YAML reads `644` as the decimal number 644, which is octal 1204: the file gets odd, usually wrong permissions (sticky bit, no read for the owner, or world access) instead of rw-r--r--.",
          bad: "- ansible.builtin.copy:\n    src: app.conf\n    dest: /etc/app.conf\n    mode: 644",
          good: '- ansible.builtin.copy:\n    src: app.conf\n    dest: /etc/app.conf\n    mode: "0644"',
          refs: [
            "ansible-lint: risky-octal",
            "https://docs.ansible.com/ansible/latest/collections/ansible/builtin/file_module.html#parameter-mode"
          ]
        }),
        remediation: 'Quote the mode with a leading zero: mode: "0644".'
      },
      check(ctx) {
        for (const t of ctx.tasksFor(MODE_MODULES))
          for (const k of MODE_KEYS) {
            const a = t.args.get(k);
            const m = modeOf(ctx.file, a);
            if (m?.kind === "decimal" && m.written >= 8)
              atArg(
                ctx,
                t,
                a,
                `${t.module} ${k} ${m.written} is read as decimal, i.e. octal ${octal(m.bits)}; quote it as "0${m.written}".`
              );
          }
      }
    };
    perm_002_default = rule97;
  }
});

// src/rules/ansible/rules/perm-003.ts
var SECRET_FILE, rule98, perm_003_default;
var init_perm_003 = __esm({
  "src/rules/ansible/rules/perm-003.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_perm();
    SECRET_FILE = /(?:\.(?:pem|key|p12|pfx|jks|keystore|kdbx|ppk)$|(?:^|\/)id_(?:rsa|dsa|ecdsa|ed25519)$|(?:^|\/)(?:shadow|gshadow)$|(?:^|\/)\.env$|credentials|secrets?(?:\.|\/|$)|\.vault|(?:^|\/)\.kube\/config$|htpasswd|(?:^|\/)\.netrc$|(?:^|\/)\.pgpass$|(?:^|\/)\.my\.cnf$)/i;
    rule98 = {
      meta: {
        id: "ANS-PERM-003",
        title: "Secret file readable by every user",
        severity: "medium",
        category: "ansible",
        modules: MODE_MODULES,
        docs: doc2({
          what: "Flags private keys, certificates keys, `.env`, `.netrc`, `.pgpass`, credentials and secrets files (by `dest`/`path`) created with a mode that lets others read them (`0644`, `o+r`).",
          why: "Any local account or service can read the key or password and reuse it.",
          bad: '- ansible.builtin.copy:\n    src: tls.key\n    dest: /etc/ssl/private/site.key\n    mode: "0644"',
          good: '- ansible.builtin.copy:\n    src: tls.key\n    dest: /etc/ssl/private/site.key\n    mode: "0600"',
          refs: ["ansible-lint: risky-file-permissions", "CWE-732: Incorrect Permission Assignment for Critical Resource"]
        }),
        remediation: 'Use mode "0600" (or "0640" with a dedicated group) for key and secret files.'
      },
      check(ctx) {
        for (const t of ctx.tasksFor(MODE_MODULES)) {
          const dest = known(t.args.get("dest")) ?? known(t.args.get("path")) ?? known(t.args.get("name"));
          if (!dest || /\.pub$/.test(dest) || !SECRET_FILE.test(dest)) continue;
          const a = t.args.get("mode");
          const m = modeOf(ctx.file, a);
          if (!m || t.args.get("state")?.value === "directory") continue;
          const readable = m.kind === "symbolic" ? symbolicGrants(m.text, "o", "r") : (m.bits & 4) !== 0;
          if (readable)
            atArg(
              ctx,
              t,
              a,
              `${dest} looks like a secret but mode ${m.kind === "symbolic" ? m.text : octal(m.bits)} lets every user read it.`
            );
        }
      }
    };
    perm_003_default = rule98;
  }
});

// src/rules/ansible/rules/perm-004.ts
var rule99, perm_004_default;
var init_perm_004 = __esm({
  "src/rules/ansible/rules/perm-004.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_perm();
    rule99 = {
      meta: {
        id: "ANS-PERM-004",
        title: "setuid/setgid file mode",
        severity: "medium",
        category: "ansible",
        modules: MODE_MODULES,
        docs: doc2({
          what: 'Flags modes that set the setuid or setgid bit on files (`4755`, `"2755"`, `u+s`, `g+s`). Directories (`state: directory`) are left alone: setgid on a directory only sets group inheritance.',
          why: "A setuid binary runs with its owner's rights for every caller; any flaw in it becomes a root exploit.",
          bad: '- ansible.builtin.copy:\n    src: helper\n    dest: /usr/local/bin/helper\n    mode: "4755"',
          good: '- ansible.builtin.copy:\n    src: helper\n    dest: /usr/local/bin/helper\n    mode: "0755"',
          refs: ["ansible-lint: risky-file-permissions", "CWE-250: Execution with Unnecessary Privileges"]
        }),
        remediation: "Remove the setuid/setgid bit; grant the needed capability or a sudo rule instead."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(MODE_MODULES)) {
          if (t.args.get("state")?.value === "directory") continue;
          for (const k of MODE_KEYS) {
            if (k === "directory_mode") continue;
            const a = t.args.get(k);
            const m = modeOf(ctx.file, a);
            if (!m) continue;
            const suid = m.kind === "symbolic" ? symbolicGrants(m.text, "u", "s") || symbolicGrants(m.text, "g", "s") : (m.bits & 3072) !== 0;
            if (suid)
              atArg(ctx, t, a, `${t.module} ${k} ${m.kind === "symbolic" ? m.text : octal(m.bits)} sets setuid/setgid.`);
          }
        }
      }
    };
    perm_004_default = rule99;
  }
});

// src/rules/ansible/rules/secret-001.ts
var HASH, rule100, secret_001_default;
var init_secret_001 = __esm({
  "src/rules/ansible/rules/secret-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    HASH = /^(?:\$(?:1|2[abxy]?|5|6|7|y|gy|sha1|md5|argon2(?:id|i|d)?)\$\S+|[!*]+\S*)$/;
    rule100 = {
      meta: {
        id: "ANS-SECRET-001",
        title: "Plaintext password for a system user",
        severity: "critical",
        category: "ansible",
        modules: ["user"],
        docs: doc2({
          what: "Flags the user module given a literal `password:` that is not a crypt hash.",
          why: "The password is committed in clear text, and Ansible writes the value as-is into /etc/shadow, where it is not a valid hash: the account either cannot log in or \u2014 with some tools \u2014 the clear text is exposed to every reader of the repository.",
          bad: "- ansible.builtin.user:\n    name: deploy\n    password: Sup3rSecretPassw0rd!",
          good: `- ansible.builtin.user:
    name: deploy
    password: "{{ vault_deploy_password | password_hash('sha512') }}"
  no_log: true`,
          refs: [
            "https://docs.ansible.com/ansible/latest/reference_appendices/faq.html#how-do-i-generate-encrypted-passwords-for-the-user-module",
            "CWE-256: Plaintext Storage of a Password"
          ]
        }),
        remediation: "Store the password in Ansible Vault and pass it through password_hash()."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["user"])) {
          const a = t.args.get("password");
          const v = plaintextSecret(a);
          if (v && !HASH.test(v))
            atSecretValue(
              ctx,
              a,
              t.scope,
              argPath(t, "password"),
              "user password is a plaintext value, not a crypt hash."
            );
        }
      }
    };
    secret_001_default = rule100;
  }
});

// src/rules/ansible/varnames.ts
var CONNECTION_PASSWORD, BECOME_PASSWORD;
var init_varnames = __esm({
  "src/rules/ansible/varnames.ts"() {
    "use strict";
    CONNECTION_PASSWORD = /^ansible_(?:ssh_pass|ssh_password|password|pass|winrm_password|httpapi_pass|httpapi_password|net_password|psrp_password)$/;
    BECOME_PASSWORD = /^ansible_(?:become_pass|become_password|sudo_pass|sudo_password|su_pass|su_password|enable_pass|enable_password|net_auth_pass)$/;
  }
});

// src/rules/ansible/rules/secret-002.ts
var rule101, secret_002_default;
var init_secret_002 = __esm({
  "src/rules/ansible/rules/secret-002.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_varnames();
    rule101 = {
      meta: {
        id: "ANS-SECRET-002",
        title: "Plaintext connection password in vars or inventory",
        severity: "critical",
        category: "ansible",
        modules: [],
        docs: doc2({
          what: "Flags `ansible_password`, `ansible_ssh_pass`, `ansible_winrm_password`\u2026 with a literal value in group_vars, host_vars, vars files, play vars and inventories (INI and YAML).",
          why: "The password of every host it applies to is readable by anyone with the repository, in every clone and fork, forever (git history).",
          bad: "# group_vars/web.yml\nansible_password: Sup3rSecretPassw0rd!",
          good: '# group_vars/web.yml\nansible_password: "{{ vault_web_password }}"\n# group_vars/web/vault.yml (ansible-vault encrypt)',
          refs: [
            "https://docs.ansible.com/ansible/latest/vault_guide/index.html",
            "CWE-798: Use of Hard-coded Credentials"
          ]
        }),
        remediation: "Move the value to an ansible-vault encrypted file (or use SSH keys) and reference it."
      },
      check(ctx) {
        for (const v of ctx.file.vars)
          if (CONNECTION_PASSWORD.test(v.key) && plaintextSecret(v))
            atSecretValue(ctx, v, v.scope, v.path, `${v.key} holds a plaintext password; it should be vaulted.`);
      }
    };
    secret_002_default = rule101;
  }
});

// src/rules/ansible/rules/secret-003.ts
var rule102, secret_003_default;
var init_secret_003 = __esm({
  "src/rules/ansible/rules/secret-003.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_varnames();
    rule102 = {
      meta: {
        id: "ANS-SECRET-003",
        title: "Plaintext become (sudo) password",
        severity: "critical",
        category: "ansible",
        modules: [],
        docs: doc2({
          what: "Flags `ansible_become_password`, `ansible_become_pass`, `ansible_sudo_pass`, `ansible_su_pass` and network `ansible_enable_pass` with a literal value, wherever they are set (vars files, play/task vars, inventories).",
          why: "This is the root-equivalent password of the hosts; in the repository it is readable by everyone who can clone it.",
          bad: "[web:vars]\nansible_become_pass=Sup3rSecretPassw0rd!",
          good: '# group_vars/web/vault.yml, encrypted with ansible-vault\nvault_become_pass: \u2026\n# group_vars/web/main.yml\nansible_become_pass: "{{ vault_become_pass }}"',
          refs: [
            "https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_privilege_escalation.html",
            "CWE-798: Use of Hard-coded Credentials"
          ]
        }),
        remediation: "Vault the become password (ansible-vault) or use --ask-become-pass."
      },
      check(ctx) {
        for (const v of ctx.file.vars)
          if (BECOME_PASSWORD.test(v.key) && plaintextSecret(v))
            atSecretValue(
              ctx,
              v,
              v.scope,
              v.path,
              `${v.key} holds a plaintext privilege-escalation password; it should be vaulted.`
            );
      }
    };
    secret_003_default = rule102;
  }
});

// src/rules/ansible/dbmodules.ts
var DB_USER_MODULES, DB_HASH;
var init_dbmodules = __esm({
  "src/rules/ansible/dbmodules.ts"() {
    "use strict";
    DB_USER_MODULES = [
      "mysql_user",
      "postgresql_user",
      "mongodb_user",
      "mssql_login",
      "rabbitmq_user",
      "influxdb_user",
      "proxysql_mysql_users",
      "redis",
      "postgresql_db",
      "mysql_db",
      "cockroachdb_user"
    ];
    DB_HASH = /^(?:\*[0-9A-F]{40}|md5[0-9a-f]{32}|SCRAM-SHA-256\$\S+)$/;
  }
});

// src/rules/ansible/rules/secret-004.ts
var KEYS3, rule103, secret_004_default;
var init_secret_004 = __esm({
  "src/rules/ansible/rules/secret-004.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_dbmodules();
    KEYS3 = ["password", "user_password", "new_password"];
    rule103 = {
      meta: {
        id: "ANS-SECRET-004",
        title: "Plaintext database user password",
        severity: "critical",
        category: "ansible",
        modules: DB_USER_MODULES,
        docs: doc2({
          what: "Flags mysql_user, postgresql_user, mongodb_user, rabbitmq_user, mssql_login\u2026 called with a literal `password:` (pre-computed hashes such as mysql `*\u2026` or postgres `SCRAM-SHA-256$\u2026` are fine).",
          why: "The database credential is readable by everyone with the repository and stays in git history after it is removed.",
          bad: "- community.mysql.mysql_user:\n    name: app\n    password: Sup3rSecretPassw0rd!",
          good: '- community.mysql.mysql_user:\n    name: app\n    password: "{{ vault_app_db_password }}"\n  no_log: true',
          refs: [
            "https://docs.ansible.com/ansible/latest/collections/community/mysql/mysql_user_module.html",
            "CWE-798: Use of Hard-coded Credentials"
          ]
        }),
        remediation: "Put the password in Ansible Vault and reference it, with no_log: true on the task."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(DB_USER_MODULES))
          for (const k of KEYS3) {
            const a = t.args.get(k);
            const v = plaintextSecret(a);
            if (v && !DB_HASH.test(v))
              atSecretValue(ctx, a, t.scope, argPath(t, k), `${t.module} ${k} is a plaintext database password.`);
          }
      }
    };
    secret_004_default = rule103;
  }
});

// src/rules/ansible/rules/secret-005.ts
var AUTH_HEADER, rule104, secret_005_default;
var init_secret_005 = __esm({
  "src/rules/ansible/rules/secret-005.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_dbmodules();
    AUTH_HEADER = /^(?:authorization|proxy-authorization|x-api-key|x-auth-token|private-token|x-vault-token)$/i;
    rule104 = {
      meta: {
        id: "ANS-SECRET-005",
        title: "Literal credential in module arguments",
        severity: "high",
        category: "ansible",
        modules: ["uri", "get_url", "set_fact", "postgresql_db", "mysql_db", "s3_bucket"],
        docs: doc2({
          what: "Flags credential arguments (`login_password`, `url_password`, `api_token`, `aws_secret_key`, `client_secret`\u2026) and `Authorization`/API-key headers given a literal value in any module (the user password and database account passwords have their own rules).",
          why: "The credential is committed in clear text; anyone with read access to the repository can use it.",
          bad: "- ansible.builtin.uri:\n    url: https://api.example.com/deploy\n    headers:\n      Authorization: Bearer abcdef0123456789",
          good: '- ansible.builtin.uri:\n    url: https://api.example.com/deploy\n    headers:\n      Authorization: "Bearer {{ vault_deploy_token }}"\n  no_log: true',
          refs: [
            "CWE-798: Use of Hard-coded Credentials",
            "https://docs.ansible.com/ansible/latest/vault_guide/index.html"
          ]
        }),
        remediation: "Move the value to Ansible Vault and reference it with no_log: true."
      },
      check(ctx) {
        for (const t of ctx.file.tasks) {
          for (const a of t.args.values()) {
            if (!isSecretName(a.key)) continue;
            if (t.short === "user" && a.key === "password") continue;
            if (DB_USER_MODULES.includes(t.short) && ["password", "user_password", "new_password"].includes(a.key))
              continue;
            if (plaintextSecret(a))
              atSecretValue(ctx, a, t.scope, argPath(t, a.key), `${t.module} ${a.key} is a literal credential.`);
          }
          const headers = t.args.get("headers");
          for (const h of pairsOf(ctx, headers?.node))
            if (AUTH_HEADER.test(h.key)) {
              const v = plaintextSecret(h);
              if (v && !/^(?:Bearer|Basic|token)$/i.test(v))
                atSecretValue(
                  ctx,
                  h,
                  t.scope,
                  argPath(t, `headers.${h.key}`),
                  `${t.module} sends a literal ${h.key} header.`
                );
            }
        }
      }
    };
    secret_005_default = rule104;
  }
});

// src/rules/ansible/rules/secret-006.ts
var rule105, secret_006_default;
var init_secret_006 = __esm({
  "src/rules/ansible/rules/secret-006.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule105 = {
      meta: {
        id: "ANS-SECRET-006",
        title: "Secret argument without no_log",
        severity: "medium",
        category: "ansible",
        modules: ["user", "mysql_user", "postgresql_user", "uri", "set_fact"],
        docs: doc2({
          what: 'Flags tasks that pass a variable or vaulted value to a password/token argument (`password: "{{ db_password }}"`, `api_token: !vault \u2026`) without `no_log: true` on the task, its block or its play.',
          why: "Ansible shows module arguments on failure, with `-v`, and in callback plugins (AWX, ARA, CI logs): the value decrypted from the vault ends up in plain text in logs.",
          bad: '- community.postgresql.postgresql_user:\n    name: app\n    password: "{{ vault_app_db_password }}"',
          good: '- community.postgresql.postgresql_user:\n    name: app\n    password: "{{ vault_app_db_password }}"\n  no_log: true',
          refs: [
            "ansible-lint: no-log-password",
            "https://docs.ansible.com/ansible/latest/reference_appendices/logging.html"
          ]
        }),
        remediation: "Add no_log: true to the task."
      },
      check(ctx) {
        for (const t of ctx.file.tasks) {
          if (t.noLog !== false) continue;
          for (const a of t.args.values())
            if (isSecretName(a.key) && (a.vault || isJinja(a.value))) {
              atArg(ctx, t, a, `${t.module} passes ${a.key} without no_log: true; the value can appear in logs.`);
              break;
            }
        }
      }
    };
    secret_006_default = rule105;
  }
});

// src/rules/ansible/rules/secret-007.ts
function visit(ctx, v, a, path7, depth) {
  if (isSecretName(a.key) && !CONNECTION_PASSWORD.test(a.key) && !BECOME_PASSWORD.test(a.key) && plaintextSecret(a)) {
    atSecretValue(
      ctx,
      a,
      v.scope,
      path7,
      `${a.key} is a plaintext secret${v.where === "vars-file" || v.where === "inventory" ? " in a vars file; vault it" : ""}.`
    );
    return;
  }
  if (depth < 6) for (const c of pairsOf(ctx, a.node)) visit(ctx, v, c, `${path7}.${c.key}`, depth + 1);
}
var rule106, secret_007_default;
var init_secret_007 = __esm({
  "src/rules/ansible/rules/secret-007.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_varnames();
    rule106 = {
      meta: {
        id: "ANS-SECRET-007",
        title: "Plaintext secret in variables",
        severity: "high",
        category: "ansible",
        modules: [],
        docs: doc2({
          what: "Flags secret-looking variables (`*_password`, `*_token`, `*_secret`, `api_key`, `secret_key`\u2026, also nested in dictionaries) with a literal value in group_vars, host_vars, role defaults/vars, play/task vars and inventories. `!vault` values, vault-encrypted files and Jinja references are fine.",
          why: "A plaintext secret in the repository is readable by every clone and stays in git history; vars files are exactly what Ansible Vault is for.",
          bad: "# group_vars/db.yml\npostgres_admin_password: Sup3rSecretPassw0rd!",
          good: "# group_vars/db.yml\npostgres_admin_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  \u2026",
          refs: [
            "https://docs.ansible.com/ansible/latest/vault_guide/vault_encrypting_content.html",
            "CWE-798: Use of Hard-coded Credentials"
          ]
        }),
        remediation: "Encrypt the value with `ansible-vault encrypt_string` or move it to a vaulted file."
      },
      check(ctx) {
        for (const v of ctx.file.vars) visit(ctx, v, v, v.path, 0);
      }
    };
    secret_007_default = rule106;
  }
});

// src/rules/ansible/rules/ssh-001.ts
var rule107, ssh_001_default;
var init_ssh_001 = __esm({
  "src/rules/ansible/rules/ssh-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule107 = {
      meta: {
        id: "ANS-SSH-001",
        title: "SSH host key checking disabled",
        severity: "high",
        category: "ansible",
        modules: [],
        docs: doc2({
          what: "Flags `host_key_checking = False` in ansible.cfg, `ansible_host_key_checking: false` in vars and inventories, and `ANSIBLE_HOST_KEY_CHECKING: false` in a task environment.",
          why: "Ansible then connects to whatever answers at the address \u2014 and sends it passwords, become passwords and the playbook's secrets. A spoofed host is never noticed.",
          bad: "# ansible.cfg\n[defaults]\nhost_key_checking = False",
          good: "# ansible.cfg\n[defaults]\nhost_key_checking = True\n# distribute known_hosts (known_hosts module) or use SSH certificates",
          refs: [
            "https://docs.ansible.com/ansible/latest/inventory_guide/connection_details.html#managing-host-key-checking",
            "CWE-322: Key Exchange without Entity Authentication"
          ]
        }),
        remediation: "Keep host key checking on; pre-seed known_hosts or use SSH host certificates."
      },
      check(ctx) {
        for (const e of ctx.file.cfg?.entries ?? [])
          if (e.key.toLowerCase() === "host_key_checking" && truthy(e.value) === false)
            ctx.report({
              at: { line: e.line, column: e.keyCol, endLine: e.line, endColumn: e.keyCol + e.key.length },
              scope: [e.line, e.line],
              path: `ansible.cfg:[${e.section}].host_key_checking`,
              message: `ansible.cfg [${e.section}] host_key_checking = ${e.value}: SSH host keys are not verified.`
            });
        for (const v of ctx.file.vars)
          if (/^ansible_(?:ssh_)?host_key_checking$/.test(v.key) && isFalse2(v))
            ctx.report({
              at: v.keyPos,
              scope: v.scope,
              path: v.path,
              message: `${v.key} is false: SSH host keys are not verified.`
            });
        for (const t of ctx.file.tasks)
          for (const a of pairsOf(ctx, t.keywords.get("environment")?.node))
            if (a.key === "ANSIBLE_HOST_KEY_CHECKING" && isFalse2(a))
              ctx.report({
                at: a.keyPos,
                scope: t.scope,
                path: `${t.path}.environment.${a.key}`,
                message: "ANSIBLE_HOST_KEY_CHECKING is false for this task: SSH host keys are not verified."
              });
      }
    };
    ssh_001_default = rule107;
  }
});

// src/rules/ansible/rules/ssh-002.ts
var NO_CHECK, SKIP_ARGS, rule108, ssh_002_default;
var init_ssh_002 = __esm({
  "src/rules/ansible/rules/ssh-002.ts"() {
    "use strict";
    init_context2();
    init_docs();
    NO_CHECK = /StrictHostKeyChecking\s*[= ]\s*["']?(?:no|off|false)\b|UserKnownHostsFile\s*[= ]\s*["']?\/dev\/null\b/i;
    SKIP_ARGS = /* @__PURE__ */ new Set(["regexp", "search_string", "insertafter", "insertbefore"]);
    rule108 = {
      meta: {
        id: "ANS-SSH-002",
        title: "StrictHostKeyChecking=no in SSH options",
        severity: "high",
        category: "ansible",
        modules: ["command", "shell", "git", "synchronize", "lineinfile", "copy", "template"],
        docs: doc2({
          what: "Flags `StrictHostKeyChecking=no` (and `UserKnownHostsFile=/dev/null`) in ansible.cfg `ssh_args`/`ssh_common_args`/`ssh_extra_args`, in `ansible_ssh_common_args`/`ansible_ssh_extra_args` vars and inventories, in ssh commands, and in git/synchronize options or ssh_config lines written by tasks.",
          why: "The SSH client accepts any host key, so a man in the middle receives the connection and its credentials without a warning.",
          bad: '# group_vars/all.yml\nansible_ssh_common_args: "-o StrictHostKeyChecking=no"',
          good: '# group_vars/all.yml\nansible_ssh_common_args: "-o StrictHostKeyChecking=yes"\n# pre-seed known_hosts with the known_hosts module',
          refs: ["man ssh_config(5): StrictHostKeyChecking", "CWE-322: Key Exchange without Entity Authentication"]
        }),
        remediation: "Remove StrictHostKeyChecking=no; manage known_hosts (known_hosts module, or StrictHostKeyChecking=accept-new at most)."
      },
      check(ctx) {
        for (const e of ctx.file.cfg?.entries ?? [])
          if (/^ssh_(?:common_|extra_)?args$/i.test(e.key) && NO_CHECK.test(e.value))
            ctx.report({
              at: { line: e.line, column: e.keyCol, endLine: e.line, endColumn: e.keyCol + e.key.length },
              scope: [e.line, e.line],
              path: `ansible.cfg:[${e.section}].${e.key}`,
              message: `ansible.cfg ${e.key} turns SSH host key checking off.`
            });
        for (const v of ctx.file.vars)
          if (strings(v.value).some((s) => !isJinja(s) && NO_CHECK.test(s)))
            ctx.report({
              at: v.keyPos,
              scope: v.scope,
              path: v.path,
              message: `${v.key} turns SSH host key checking off.`
            });
        for (const t of ctx.file.tasks) {
          const args = [...t.freeForm ? [t.freeForm] : [], ...t.args.values()].filter((a) => !SKIP_ARGS.has(a.key));
          const hit = args.find((a) => strings(a.value).some((s) => NO_CHECK.test(s)));
          if (hit) atArg(ctx, t, hit, `${t.module} uses SSH with host key checking off.`);
        }
      }
    };
    ssh_002_default = rule108;
  }
});

// src/rules/ansible/rules/ssh-003.ts
var rule109, ssh_003_default;
var init_ssh_003 = __esm({
  "src/rules/ansible/rules/ssh-003.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule109 = {
      meta: {
        id: "ANS-SSH-003",
        title: "git accepts unknown SSH host keys",
        severity: "medium",
        category: "ansible",
        modules: ["git"],
        docs: doc2({
          what: "Flags the git module with `accept_hostkey: yes`.",
          why: "git is run with StrictHostKeyChecking=no: a spoofed git server can serve the host arbitrary code, which is then deployed.",
          bad: "- ansible.builtin.git:\n    repo: git@git.example.com:org/app.git\n    dest: /srv/app\n    accept_hostkey: yes",
          good: '- ansible.builtin.known_hosts:\n    name: git.example.com\n    key: "git.example.com ssh-ed25519 AAAA\u2026"\n- ansible.builtin.git:\n    repo: git@git.example.com:org/app.git\n    dest: /srv/app',
          refs: [
            "https://docs.ansible.com/ansible/latest/collections/ansible/builtin/git_module.html#parameter-accept_hostkey"
          ]
        }),
        remediation: "Add the server key with the known_hosts module (or use accept_newhostkey) and drop accept_hostkey."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["git"])) {
          const a = t.args.get("accept_hostkey");
          if (isTrue2(a)) atArg(ctx, t, a, "git accept_hostkey: yes accepts any SSH host key for the repository server.");
        }
      }
    };
    ssh_003_default = rule109;
  }
});

// src/rules/ansible/sshd.ts
function varNameRe(d) {
  const words = d.name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
  return new RegExp(`(?:^|_)${words.replace(/_/g, "_?")}$`, "i");
}
function badValue(d, v) {
  if (isJinja(v)) return false;
  if (d.bad.includes("yes") && truthy(v) === true) return true;
  return typeof v === "string" && d.bad.includes(v.trim().toLowerCase());
}
function regexes(d) {
  let r = compiled.get(d.name);
  if (!r) {
    r = { line: new RegExp(`^\\s*${d.name}\\s+(${d.bad.join("|")})\\s*(?:#.*)?$`, "im"), nameRe: varNameRe(d) };
    compiled.set(d.name, r);
  }
  return r;
}
function checkSshd(ctx, d, message) {
  const { line, nameRe } = regexes(d);
  for (const t of ctx.file.tasks) {
    const hit = [...t.args.values()].filter((a) => !SKIP_ARGS2.has(a.key)).find((a) => strings(a.value).some((s) => !isJinja(s) && line.test(s)));
    if (hit) atArg(ctx, t, hit, `${t.module} writes "${d.name} \u2026": ${message}`);
  }
  const visit2 = (v, a, path7, depth) => {
    if ((nameRe.test(a.key) || a.key.toLowerCase() === d.name.toLowerCase()) && badValue(d, a.value)) {
      ctx.report({ at: a.keyPos, scope: v.scope, path: path7, message: `${a.key}: ${String(a.value)} \u2014 ${message}` });
      return;
    }
    if (depth < 4) for (const c of pairsOf(ctx, a.node)) visit2(v, c, `${path7}.${c.key}`, depth + 1);
  };
  for (const v of ctx.file.vars) visit2(v, v, v.path, 0);
}
var SKIP_ARGS2, compiled;
var init_sshd = __esm({
  "src/rules/ansible/sshd.ts"() {
    "use strict";
    init_context2();
    SKIP_ARGS2 = /* @__PURE__ */ new Set(["regexp", "search_string", "insertafter", "insertbefore", "path", "dest", "src"]);
    compiled = /* @__PURE__ */ new Map();
  }
});

// src/rules/ansible/rules/ssh-004.ts
var rule110, ssh_004_default;
var init_ssh_004 = __esm({
  "src/rules/ansible/rules/ssh-004.ts"() {
    "use strict";
    init_docs();
    init_sshd();
    rule110 = {
      meta: {
        id: "ANS-SSH-004",
        title: "SSH server permits root login",
        severity: "critical",
        category: "ansible",
        modules: ["lineinfile", "replace", "blockinfile", "copy", "template"],
        docs: doc2({
          what: "Flags `PermitRootLogin yes` written into sshd_config by lineinfile/replace/blockinfile/copy, and sshd role variables that set it (`sshd_PermitRootLogin: yes`, `ssh_permit_root_login: yes`, `sshd: { PermitRootLogin: yes }`).",
          why: "This undoes SSH hardening: root can log in over SSH directly, so a guessed or leaked root password (or key) gives full control with no audit trail of who it was.",
          bad: "- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PermitRootLogin\n    line: PermitRootLogin yes",
          good: "- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PermitRootLogin\n    line: PermitRootLogin no\n    validate: sshd -t -f %s",
          refs: ["man sshd_config(5): PermitRootLogin", "CIS Benchmarks, SSH Server Configuration"]
        }),
        remediation: "Set PermitRootLogin no (or prohibit-password) and log in as a named user with sudo."
      },
      check(ctx) {
        checkSshd(
          ctx,
          { name: "PermitRootLogin", bad: ["yes"] },
          "root can log in over SSH directly, so a guessed or leaked root password (or key) gives full control with no audit trail of who it was."
        );
      }
    };
    ssh_004_default = rule110;
  }
});

// src/rules/ansible/rules/ssh-005.ts
var rule111, ssh_005_default;
var init_ssh_005 = __esm({
  "src/rules/ansible/rules/ssh-005.ts"() {
    "use strict";
    init_docs();
    init_sshd();
    rule111 = {
      meta: {
        id: "ANS-SSH-005",
        title: "SSH server allows password authentication",
        severity: "medium",
        category: "ansible",
        modules: ["lineinfile", "replace", "blockinfile", "copy", "template"],
        docs: doc2({
          what: "Flags `PasswordAuthentication yes` written into sshd_config by lineinfile/replace/blockinfile/copy, and sshd role variables that set it (`sshd_PasswordAuthentication: yes`, `ssh_password_authentication: yes`, `sshd: { PasswordAuthentication: yes }`).",
          why: "This undoes SSH hardening: passwords can be guessed and brute-forced over the network; keys or certificates cannot.",
          bad: "- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PasswordAuthentication\n    line: PasswordAuthentication yes",
          good: "- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PasswordAuthentication\n    line: PasswordAuthentication no\n    validate: sshd -t -f %s",
          refs: ["man sshd_config(5): PasswordAuthentication", "CIS Benchmarks, SSH Server Configuration"]
        }),
        remediation: "Set PasswordAuthentication no and use keys or SSH certificates."
      },
      check(ctx) {
        checkSshd(
          ctx,
          { name: "PasswordAuthentication", bad: ["yes"] },
          "passwords can be guessed and brute-forced over the network; keys or certificates cannot."
        );
      }
    };
    ssh_005_default = rule111;
  }
});

// src/rules/ansible/rules/ssh-006.ts
var rule112, ssh_006_default;
var init_ssh_006 = __esm({
  "src/rules/ansible/rules/ssh-006.ts"() {
    "use strict";
    init_docs();
    init_sshd();
    rule112 = {
      meta: {
        id: "ANS-SSH-006",
        title: "SSH server permits empty passwords",
        severity: "critical",
        category: "ansible",
        modules: ["lineinfile", "replace", "blockinfile", "copy", "template"],
        docs: doc2({
          what: "Flags `PermitEmptyPasswords yes` written into sshd_config by lineinfile/replace/blockinfile/copy, and sshd role variables that set it (`sshd_PermitEmptyPasswords: yes`, `ssh_permit_empty_passwords: yes`, `sshd: { PermitEmptyPasswords: yes }`).",
          why: "This undoes SSH hardening: any account without a password can log in over the network.",
          bad: "- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PermitEmptyPasswords\n    line: PermitEmptyPasswords yes",
          good: "- ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: ^#?PermitEmptyPasswords\n    line: PermitEmptyPasswords no\n    validate: sshd -t -f %s",
          refs: ["man sshd_config(5): PermitEmptyPasswords", "CIS Benchmarks, SSH Server Configuration"]
        }),
        remediation: "Set PermitEmptyPasswords no."
      },
      check(ctx) {
        checkSshd(
          ctx,
          { name: "PermitEmptyPasswords", bad: ["yes"] },
          "any account without a password can log in over the network."
        );
      }
    };
    ssh_006_default = rule112;
  }
});

// src/rules/ansible/rules/os-001.ts
var CONFIG_LINE, COMMAND, rule113, os_001_default;
var init_os_001 = __esm({
  "src/rules/ansible/rules/os-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    CONFIG_LINE = /^\s*SELINUX\s*=\s*(?:disabled|permissive)\s*$/im;
    COMMAND = /\bsetenforce\s+(?:0|permissive)\b|\bselinux=0\b|\benforcing=0\b/i;
    rule113 = {
      meta: {
        id: "ANS-OS-001",
        title: "SELinux disabled or permissive",
        severity: "high",
        category: "ansible",
        modules: ["selinux", "lineinfile", "replace", "copy", "command", "shell"],
        docs: doc2({
          what: "Flags `selinux: state: disabled|permissive`, `SELINUX=disabled|permissive` written into /etc/selinux/config, `setenforce 0`, `selinux=0`/`enforcing=0` kernel arguments, and the `selinux_state` role variable set to disabled/permissive.",
          why: "SELinux confines services: with it off, a compromised web server or daemon can reach every file and process its Unix user can, and usually escalate from there.",
          bad: "- ansible.posix.selinux:\n    state: disabled",
          good: "- ansible.posix.selinux:\n    policy: targeted\n    state: enforcing\n# fix the denial with a boolean or a local policy module instead",
          refs: [
            "https://docs.ansible.com/ansible/latest/collections/ansible/posix/selinux_module.html",
            "CIS Benchmarks: Ensure SELinux is enforcing"
          ]
        }),
        remediation: "Keep SELinux enforcing; allow the needed access with seboolean/sefcontext or a policy module."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["selinux"])) {
          const a = t.args.get("state");
          const s = known(a)?.toLowerCase();
          if (s === "disabled" || s === "permissive")
            atArg(ctx, t, a, `selinux state: ${s} turns SELinux enforcement off.`);
        }
        for (const t of ctx.file.tasks) {
          if (t.short === "selinux") continue;
          const cmd = commandOf(t);
          if (cmd && COMMAND.test(cmd.text)) {
            atArg(ctx, t, cmd.arg, `${t.module} turns SELinux enforcement off.`);
            continue;
          }
          const hit = ["line", "replace", "content", "block", "value"].map((k) => t.args.get(k)).find(
            (a) => a && strings(a.value).some((s) => !isJinja(s) && (CONFIG_LINE.test(s) || /\b(?:selinux|enforcing)=0\b/.test(s)))
          );
          if (hit) atArg(ctx, t, hit, `${t.module} configures SELinux as disabled or permissive.`);
        }
        for (const v of ctx.file.vars) {
          const s = typeof v.value === "string" ? v.value.toLowerCase() : "";
          if (/^selinux_state$/.test(v.key) && (s === "disabled" || s === "permissive"))
            ctx.report({
              at: v.keyPos,
              scope: v.scope,
              path: v.path,
              message: `${v.key}: ${s} turns SELinux enforcement off.`
            });
        }
      }
    };
    os_001_default = rule113;
  }
});

// src/rules/ansible/services.ts
function serviceTurnedOff(ctx, names, message) {
  for (const t of ctx.tasksFor(SERVICE_MODULES)) {
    const name = known(t.args.get("name"));
    if (!name || !names.test(name)) continue;
    const state = t.args.get("state");
    const enabled = t.args.get("enabled");
    const masked = t.args.get("masked");
    const bad = known(state) === "stopped" ? state : isFalse2(enabled) ? enabled : isTrue2(masked) ? masked : void 0;
    if (bad) atArg(ctx, t, bad, message(t, name));
  }
}
var SERVICE_MODULES;
var init_services = __esm({
  "src/rules/ansible/services.ts"() {
    "use strict";
    init_context2();
    SERVICE_MODULES = ["service", "systemd", "systemd_service", "sysvinit"];
  }
});

// src/rules/ansible/rules/os-002.ts
var COMMAND2, rule114, os_002_default;
var init_os_002 = __esm({
  "src/rules/ansible/rules/os-002.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_services();
    COMMAND2 = /\b(?:aa-teardown|aa-disable|aa-complain)\b|\bsystemctl\s+(?:stop|disable|mask)\s+(?:--now\s+)?apparmor\b|\bservice\s+apparmor\s+(?:stop|teardown)\b|\bapparmor=0\b/;
    rule114 = {
      meta: {
        id: "ANS-OS-002",
        title: "AppArmor disabled",
        severity: "medium",
        category: "ansible",
        modules: [...SERVICE_MODULES, "command", "shell", "lineinfile"],
        docs: doc2({
          what: "Flags tasks that stop, disable or mask the apparmor service, run `aa-teardown`/`aa-disable`/`aa-complain`, or add `apparmor=0` to the kernel command line.",
          why: "AppArmor profiles confine exposed services; turning them off removes that containment for every profile on the host.",
          bad: "- ansible.builtin.systemd:\n    name: apparmor\n    state: stopped\n    enabled: false",
          good: "# adjust the one profile instead\n- ansible.builtin.copy:\n    src: usr.sbin.nginx\n    dest: /etc/apparmor.d/local/usr.sbin.nginx",
          refs: ["https://ubuntu.com/server/docs/security-apparmor", "CIS Benchmarks: Ensure AppArmor is enabled"]
        }),
        remediation: "Keep AppArmor running; fix the specific profile (local overrides) instead."
      },
      check(ctx) {
        serviceTurnedOff(ctx, /^apparmor(?:\.service)?$/, (t) => `${t.module} turns the AppArmor service off.`);
        for (const t of ctx.file.tasks) {
          const cmd = commandOf(t);
          if (cmd && COMMAND2.test(cmd.text)) {
            atArg(ctx, t, cmd.arg, `${t.module} disables AppArmor.`);
            continue;
          }
          const hit = ["line", "replace", "content", "block"].map((k) => t.args.get(k)).find((a) => a && strings(a.value).some((s) => !isJinja(s) && /\bapparmor=0\b/.test(s)));
          if (hit) atArg(ctx, t, hit, `${t.module} disables AppArmor on the kernel command line.`);
        }
      }
    };
    os_002_default = rule114;
  }
});

// src/rules/ansible/rules/os-003.ts
var rule115, os_003_default;
var init_os_003 = __esm({
  "src/rules/ansible/rules/os-003.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_services();
    rule115 = {
      meta: {
        id: "ANS-OS-003",
        title: "Host firewall disabled",
        severity: "medium",
        category: "ansible",
        modules: [...SERVICE_MODULES, "ufw", "command", "shell"],
        docs: doc2({
          what: "Flags tasks that stop, disable or mask firewalld, ufw, nftables or iptables, `ufw: state: disabled`, and `ufw disable` / `systemctl stop firewalld` commands.",
          why: "Every listening service on the host becomes reachable from the network, including ones meant for localhost or a management network.",
          bad: "- ansible.builtin.service:\n    name: firewalld\n    state: stopped",
          good: "- ansible.posix.firewalld:\n    service: https\n    permanent: true\n    state: enabled",
          refs: ["CIS Benchmarks: Ensure a firewall is enabled"]
        }),
        remediation: "Keep the firewall running and open only the ports the service needs."
      },
      check(ctx) {
        serviceTurnedOff(
          ctx,
          /^(?:firewalld|ufw|nftables|iptables|ip6tables)(?:\.service)?$/,
          (t, n) => `${t.module} turns the ${n} firewall off.`
        );
        for (const t of ctx.tasksFor(["ufw"])) {
          const a = t.args.get("state");
          if (known(a) === "disabled") atArg(ctx, t, a, "ufw state: disabled turns the firewall off.");
        }
        for (const t of ctx.file.tasks) {
          const cmd = commandOf(t);
          if (cmd && /\bufw\s+(?:--force\s+)?disable\b|\bsystemctl\s+(?:stop|disable|mask)\s+(?:--now\s+)?(?:firewalld|ufw|nftables)\b/.test(
            cmd.text
          ))
            atArg(ctx, t, cmd.arg, `${t.module} turns the host firewall off.`);
        }
      }
    };
    os_003_default = rule115;
  }
});

// src/rules/ansible/rules/os-004.ts
var NOPASSWD_ALL, rule116, os_004_default;
var init_os_004 = __esm({
  "src/rules/ansible/rules/os-004.ts"() {
    "use strict";
    init_context2();
    init_docs();
    NOPASSWD_ALL = /^\s*[^#\s]\S*\s+\S+\s*=\s*(?:\([^)]*\)\s*)?NOPASSWD\s*:\s*ALL\s*$/im;
    rule116 = {
      meta: {
        id: "ANS-OS-004",
        title: "Passwordless sudo for every command",
        severity: "low",
        category: "ansible",
        modules: ["lineinfile", "copy", "blockinfile", "template", "sudoers"],
        docs: doc2({
          what: "Flags sudoers lines `\u2026 NOPASSWD: ALL` written by lineinfile/copy/blockinfile and the community.general.sudoers module with `commands: ALL` and `nopassword` left at its default (true).",
          why: "Anyone who gets a shell as that user \u2014 a leaked key, a compromised service \u2014 is root without any further secret.",
          bad: '- ansible.builtin.lineinfile:\n    path: /etc/sudoers.d/deploy\n    line: "deploy ALL=(ALL) NOPASSWD: ALL"\n    validate: visudo -cf %s',
          good: '- ansible.builtin.lineinfile:\n    path: /etc/sudoers.d/deploy\n    line: "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app"\n    validate: visudo -cf %s',
          refs: ["man sudoers(5)", "CWE-250: Execution with Unnecessary Privileges"]
        }),
        remediation: "Limit NOPASSWD to the specific commands the account needs."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["lineinfile", "copy", "blockinfile"])) {
          const hit = ["line", "content", "block"].map((k) => t.args.get(k)).find((a) => a && strings(a.value).some((s) => !isJinja(s) && NOPASSWD_ALL.test(s)));
          if (hit) atArg(ctx, t, hit, `${t.module} grants passwordless sudo for every command.`);
        }
        for (const t of ctx.tasksFor(["sudoers"])) {
          const cmds = t.args.get("commands");
          const all = known(cmds) === "ALL" || Array.isArray(cmds?.value) && cmds.value.includes("ALL");
          if (all && !isFalse2(t.args.get("nopassword")) && known(t.args.get("state")) !== "absent")
            atArg(ctx, t, cmds, "sudoers grants passwordless sudo for every command (nopassword defaults to true).");
        }
      }
    };
    os_004_default = rule116;
  }
});

// src/rules/ansible/containers.ts
var CONTAINER_MODULES, RUN_COMMAND;
var init_containers = __esm({
  "src/rules/ansible/containers.ts"() {
    "use strict";
    CONTAINER_MODULES = ["docker_container", "podman_container", "docker_swarm_service", "docker_run"];
    RUN_COMMAND = /\b(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|create)\b/;
  }
});

// src/rules/ansible/rules/ctr-001.ts
var rule117, ctr_001_default;
var init_ctr_001 = __esm({
  "src/rules/ansible/rules/ctr-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_containers();
    rule117 = {
      meta: {
        id: "ANS-CTR-001",
        title: "Privileged container",
        severity: "high",
        category: "ansible",
        modules: [...CONTAINER_MODULES, "command", "shell"],
        docs: doc2({
          what: "Flags docker_container/podman_container with `privileged: yes`, and `docker run --privileged` in commands.",
          why: "A privileged container has every capability and all host devices: escaping to root on the host is trivial.",
          bad: "- community.docker.docker_container:\n    name: agent\n    image: example/agent:1.2\n    privileged: yes",
          good: "- community.docker.docker_container:\n    name: agent\n    image: example/agent:1.2\n    capabilities: [NET_BIND_SERVICE]",
          refs: [
            "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
            "CIS Docker Benchmark 5.4"
          ]
        }),
        remediation: "Remove privileged; grant only the specific capabilities or devices needed."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(CONTAINER_MODULES)) {
          const a = t.args.get("privileged");
          if (isTrue2(a)) atArg(ctx, t, a, `${t.module} runs a privileged container.`);
        }
        for (const t of ctx.file.tasks) {
          const cmd = commandOf(t);
          if (cmd && RUN_COMMAND.test(cmd.text) && /\s--privileged(?:=true)?\b(?!=false)/.test(cmd.text))
            atArg(ctx, t, cmd.arg, `${t.module} starts a privileged container.`);
        }
      }
    };
    ctr_001_default = rule117;
  }
});

// src/rules/ansible/rules/ctr-002.ts
var SOCKET, rule118, ctr_002_default;
var init_ctr_002 = __esm({
  "src/rules/ansible/rules/ctr-002.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_containers();
    SOCKET = /(?:^|[\s:=,])\/(?:var\/)?run\/(?:docker|podman\/podman|containerd\/containerd|crio\/crio)\.sock\b|\/run\/user\/\d+\/podman\/podman\.sock\b/;
    rule118 = {
      meta: {
        id: "ANS-CTR-002",
        title: "Container runtime socket mounted into a container",
        severity: "high",
        category: "ansible",
        modules: [...CONTAINER_MODULES, "command", "shell"],
        docs: doc2({
          what: "Flags `/var/run/docker.sock` (and podman, containerd, cri-o sockets) in `volumes`, `mounts` or `-v` of container tasks.",
          why: "Whoever controls the container can start a privileged container through the socket: it is root on the host.",
          bad: "- community.docker.docker_container:\n    name: ci-runner\n    image: example/runner:2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock",
          good: "# use a rootless builder or a socket proxy that allows only the needed API calls",
          refs: ["CIS Docker Benchmark 5.31", "https://docs.docker.com/engine/security/#docker-daemon-attack-surface"]
        }),
        remediation: "Do not mount the runtime socket; use a restricted socket proxy or rootless tooling."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(CONTAINER_MODULES))
          for (const k of ["volumes", "mounts", "volume", "mount", "binds"]) {
            const a = t.args.get(k);
            if (a && strings(a.value).some((s) => !isJinja(s) && SOCKET.test(` ${s}`)))
              atArg(ctx, t, a, `${t.module} mounts the container runtime socket (${k}).`);
          }
        for (const t of ctx.file.tasks) {
          const cmd = commandOf(t);
          if (cmd && RUN_COMMAND.test(cmd.text) && SOCKET.test(cmd.text))
            atArg(ctx, t, cmd.arg, `${t.module} mounts the container runtime socket into a container.`);
        }
      }
    };
    ctr_002_default = rule118;
  }
});

// src/rules/ansible/rules/ctr-003.ts
var KEYS4, rule119, ctr_003_default;
var init_ctr_003 = __esm({
  "src/rules/ansible/rules/ctr-003.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_containers();
    KEYS4 = [
      "network_mode",
      "pid_mode",
      "ipc_mode",
      "userns_mode",
      "uts",
      "network",
      "pid",
      "ipc",
      "userns",
      "cgroupns_mode"
    ];
    rule119 = {
      meta: {
        id: "ANS-CTR-003",
        title: "Container shares host namespaces",
        severity: "medium",
        category: "ansible",
        modules: CONTAINER_MODULES,
        docs: doc2({
          what: "Flags container tasks with `network_mode`, `pid_mode`, `ipc_mode`, `userns_mode` (podman: `network`, `pid`, `ipc`, `userns`) set to `host`.",
          why: "The container sees and can signal host processes (pid), sniff or bind host interfaces (network), or read shared memory (ipc); user-namespace remapping is lost (userns).",
          bad: "- community.docker.docker_container:\n    name: exporter\n    image: example/exporter:3\n    pid_mode: host",
          good: '- community.docker.docker_container:\n    name: exporter\n    image: example/exporter:3\n    published_ports: ["127.0.0.1:9100:9100"]',
          refs: ["CIS Docker Benchmark 5.9, 5.15, 5.16, 5.30"]
        }),
        remediation: "Use the default (private) namespaces; publish only the ports needed."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(CONTAINER_MODULES))
          for (const k of KEYS4) {
            const a = t.args.get(k);
            if (known(a)?.toLowerCase() === "host")
              atArg(ctx, t, a, `${t.module} ${k}: host shares the host's namespace with the container.`);
          }
      }
    };
    ctr_003_default = rule119;
  }
});

// src/rules/ansible/rules/ctr-004.ts
var CAPS, OPTS, rule120, ctr_004_default;
var init_ctr_004 = __esm({
  "src/rules/ansible/rules/ctr-004.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_containers();
    CAPS = /^(?:CAP_)?(?:ALL|SYS_ADMIN|SYS_PTRACE|SYS_MODULE|DAC_READ_SEARCH|SYS_RAWIO|BPF)$/i;
    OPTS = /^(?:seccomp|apparmor|label|systempaths)[=:](?:unconfined|disable)$|^no-new-privileges[=:]false$/i;
    rule120 = {
      meta: {
        id: "ANS-CTR-004",
        title: "Container with dangerous capabilities or confinement off",
        severity: "medium",
        category: "ansible",
        modules: CONTAINER_MODULES,
        docs: doc2({
          what: "Flags container tasks adding ALL, SYS_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH, SYS_RAWIO or BPF capabilities, or with `security_opts` `seccomp=unconfined`, `apparmor=unconfined`, `label=disable`.",
          why: "These capabilities, or running without seccomp/AppArmor/SELinux confinement, are the usual building blocks of container escapes.",
          bad: "- community.docker.docker_container:\n    name: debug\n    image: example/tools:1\n    capabilities: [SYS_ADMIN]\n    security_opts: [seccomp=unconfined]",
          good: "- community.docker.docker_container:\n    name: debug\n    image: example/tools:1\n    cap_drop: [ALL]",
          refs: ["CIS Docker Benchmark 5.3, 5.21, 5.25", "https://docs.docker.com/engine/security/seccomp/"]
        }),
        remediation: "Drop the capability or security option; add only narrowly needed capabilities."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(CONTAINER_MODULES)) {
          for (const k of ["capabilities", "cap_add"]) {
            const a = t.args.get(k);
            const bad = a && strings(a.value).find((s) => !isJinja(s) && CAPS.test(s.trim()));
            if (bad) atArg(ctx, t, a, `${t.module} adds the ${bad.trim().toUpperCase()} capability.`);
          }
          for (const k of ["security_opts", "security_opt"]) {
            const a = t.args.get(k);
            const bad = a && strings(a.value).find((s) => !isJinja(s) && OPTS.test(s.trim()));
            if (bad) atArg(ctx, t, a, `${t.module} runs with ${bad.trim()}.`);
          }
        }
      }
    };
    ctr_004_default = rule120;
  }
});

// src/rules/ansible/rules/aws-001.ts
function portRanges(a) {
  const out = [];
  for (const v of a ? Array.isArray(a.value) ? a.value : [a.value] : []) {
    const s = String(v).trim();
    const m = /^(-?\d+)(?:\s*-\s*(\d+))?$/.exec(s);
    if (!m) continue;
    const lo = Number(m[1]);
    out.push(lo === -1 ? [0, 65535] : [lo, m[2] ? Number(m[2]) : lo]);
  }
  return out;
}
var ADMIN_PORTS2, WORLD, rule121, aws_001_default;
var init_aws_001 = __esm({
  "src/rules/ansible/rules/aws-001.ts"() {
    "use strict";
    init_context2();
    init_docs();
    ADMIN_PORTS2 = [
      21,
      22,
      23,
      135,
      139,
      445,
      1433,
      1521,
      2375,
      2376,
      3306,
      3389,
      5432,
      5900,
      5985,
      5986,
      6379,
      9200,
      11211,
      27017
    ];
    WORLD = /^(?:0\.0\.0\.0\/0|::\/0)$/;
    rule121 = {
      meta: {
        id: "ANS-AWS-001",
        title: "Security group open to the internet on an administrative port",
        severity: "critical",
        category: "ansible",
        modules: ["ec2_security_group", "ec2_group"],
        docs: doc2({
          what: "Flags ec2_security_group (ec2_group) ingress `rules` that allow `0.0.0.0/0` or `::/0` on SSH, RDP, WinRM, database, Docker API and similar administrative ports, or on all ports/protocols.",
          why: "Administrative services open to the whole internet are scanned within minutes and brute-forced or exploited.",
          bad: "- amazon.aws.ec2_security_group:\n    name: web\n    description: web\n    rules:\n      - proto: tcp\n        ports: [22]\n        cidr_ip: 0.0.0.0/0",
          good: "- amazon.aws.ec2_security_group:\n    name: web\n    description: web\n    rules:\n      - proto: tcp\n        ports: [22]\n        cidr_ip: 10.20.0.0/16",
          refs: [
            "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13",
            "CIS AWS Foundations 5.2"
          ]
        }),
        remediation: "Restrict the rule to a VPN/bastion CIDR, or use SSM Session Manager instead of open SSH/RDP."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["ec2_security_group", "ec2_group"])) {
          const rules2 = t.args.get("rules");
          if (!rules2?.node || !(0, import_yaml6.isSeq)(rules2.node)) continue;
          rules2.node.items.forEach((item, i) => {
            const args = new Map(pairsOf(ctx, item).map((a) => [a.key, a]));
            const cidr = ["cidr_ip", "cidr_ipv6"].map((k) => args.get(k)).find((a) => a && strings(a.value).some((s) => WORLD.test(s.trim())));
            if (!cidr) return;
            const proto = String(args.get("proto")?.value ?? "tcp").toLowerCase();
            if (isJinja(proto) || proto === "icmp" || proto === "icmpv6") return;
            let ranges = portRanges(args.get("ports"));
            const from = args.get("from_port");
            if (from) {
              const lo = Number(from.value);
              const hi = Number(args.get("to_port")?.value ?? lo);
              if (Number.isFinite(lo)) ranges.push(lo === -1 ? [0, 65535] : [lo, Number.isFinite(hi) ? hi : lo]);
            }
            const allTraffic = proto === "all" || proto === "-1";
            if (allTraffic) ranges = [[0, 65535]];
            const open = ADMIN_PORTS2.filter((p) => ranges.some(([lo, hi]) => p >= lo && p <= hi));
            if (!open.length) return;
            ctx.report({
              at: cidr.keyPos,
              scope: t.scope,
              path: `${t.path}.${t.module}.rules[${i}].${cidr.key}`,
              message: `${t.module} allows ${String(cidr.value)} on ${allTraffic ? "all ports" : `port${open.length > 1 ? "s" : ""} ${open.slice(0, 5).join(", ")}`}.`
            });
          });
        }
      }
    };
    aws_001_default = rule121;
  }
});

// src/rules/ansible/policy.ts
function parsePolicy(v) {
  if (typeof v === "string") {
    if (isJinja(v)) return void 0;
    try {
      const p = JSON.parse(v);
      return p && typeof p === "object" ? p : void 0;
    } catch {
      return void 0;
    }
  }
  return v && typeof v === "object" && !Array.isArray(v) ? v : void 0;
}
function statements2(doc3) {
  const raw = doc3.Statement ?? doc3.statement;
  const arr = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return arr.filter((s) => !!s && typeof s === "object").map((s) => {
    const pr = s.Principal;
    const principalStar = pr === "*" || !!pr && typeof pr === "object" && list(pr.AWS).includes("*");
    return {
      effect: String(s.Effect ?? ""),
      actions: list(s.Action),
      notActions: s.NotAction !== void 0,
      resources: list(s.Resource),
      principalStar,
      hasCondition: !!s.Condition
    };
  });
}
var list;
var init_policy = __esm({
  "src/rules/ansible/policy.ts"() {
    "use strict";
    init_context2();
    list = (v) => Array.isArray(v) ? v.map(String) : v === void 0 || v === null ? [] : [String(v)];
  }
});

// src/rules/ansible/rules/aws-002.ts
var PUBLIC_ACL, BLOCKS, rule122, aws_002_default;
var init_aws_002 = __esm({
  "src/rules/ansible/rules/aws-002.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_policy();
    PUBLIC_ACL = /^(?:public-read|public-read-write|authenticated-read)$/;
    BLOCKS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
    rule122 = {
      meta: {
        id: "ANS-AWS-002",
        title: "S3 bucket or object made public",
        severity: "high",
        category: "ansible",
        modules: ["s3_bucket", "s3_object", "aws_s3"],
        docs: doc2({
          what: 'Flags s3_bucket with public-access blocks turned off (`public_access: {block_public_acls: false\u2026}`, `delete_public_access: yes`), a public `acl`, or a bucket `policy` allowing `Principal: "*"` without a condition; and s3_object/aws_s3 uploads with `permission: public-read`/`public-read-write`.',
          why: "Public buckets are the most common source of cloud data leaks; the objects are readable (or writable) by anyone on the internet.",
          bad: "- amazon.aws.s3_object:\n    bucket: reports\n    object: q3.pdf\n    src: q3.pdf\n    mode: put\n    permission: public-read",
          good: "- amazon.aws.s3_object:\n    bucket: reports\n    object: q3.pdf\n    src: q3.pdf\n    mode: put\n    permission: private",
          refs: [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
            "CIS AWS Foundations 2.1.4"
          ]
        }),
        remediation: "Keep the bucket private with all four public-access blocks; share through CloudFront or presigned URLs."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["s3_bucket"])) {
          for (const b of pairsOf(ctx, t.args.get("public_access")?.node))
            if (BLOCKS.includes(b.key) && isFalse2(b))
              ctx.report({
                at: b.keyPos,
                scope: t.scope,
                path: `${t.path}.${t.module}.public_access.${b.key}`,
                message: `s3_bucket public_access.${b.key} is false.`
              });
          const del = t.args.get("delete_public_access");
          if (isTrue2(del)) atArg(ctx, t, del, "s3_bucket deletes the bucket's public access block.");
          const acl = t.args.get("acl");
          if (acl && PUBLIC_ACL.test(known(acl) ?? ""))
            atArg(ctx, t, acl, `s3_bucket acl ${known(acl)} makes the bucket public.`);
          const pol = t.args.get("policy");
          const policyDoc = parsePolicy(pol?.value);
          if (policyDoc && statements2(policyDoc).some((s) => s.effect === "Allow" && s.principalStar && !s.hasCondition))
            atArg(ctx, t, pol, 's3_bucket policy allows Principal "*" without a condition.');
        }
        for (const t of ctx.tasksFor(["s3_object", "aws_s3"])) {
          const p = t.args.get("permission");
          if (p && strings(p.value).some((s) => PUBLIC_ACL.test(s.trim())))
            atArg(ctx, t, p, `${t.module} uploads the object with a public ACL.`);
        }
      }
    };
    aws_002_default = rule122;
  }
});

// src/rules/ansible/rules/aws-003.ts
var POLICY_KEYS, ADMIN_ARN, rule123, aws_003_default;
var init_aws_003 = __esm({
  "src/rules/ansible/rules/aws-003.ts"() {
    "use strict";
    init_context2();
    init_docs();
    init_policy();
    POLICY_KEYS = ["policy_json", "policy_document", "policy", "assume_role_policy_document_raw"];
    ADMIN_ARN = /:policy\/(?:AdministratorAccess|IAMFullAccess|PowerUserAccess)$|^(?:AdministratorAccess|IAMFullAccess)$/;
    rule123 = {
      meta: {
        id: "ANS-AWS-003",
        title: "IAM policy grants full administrator access",
        severity: "critical",
        category: "ansible",
        modules: ["iam_policy", "iam_managed_policy", "iam_role", "iam_user", "iam_group"],
        docs: doc2({
          what: 'Flags IAM policies (iam_policy, iam_managed_policy) with an Allow statement of `Action: "*"` on `Resource: "*"`, and roles/users/groups attached to AdministratorAccess, IAMFullAccess or PowerUserAccess.',
          why: "Full `*:*` access defeats least privilege: one leaked key or compromised instance owns the whole account.",
          bad: '- amazon.aws.iam_policy:\n    iam_type: role\n    iam_name: app\n    policy_name: all\n    policy_json:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Action: "*"\n          Resource: "*"',
          good: '- amazon.aws.iam_policy:\n    iam_type: role\n    iam_name: app\n    policy_name: read-reports\n    policy_json:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Action: ["s3:GetObject"]\n          Resource: ["arn:aws:s3:::reports/*"]',
          refs: [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
            "CIS AWS Foundations 1.16"
          ]
        }),
        remediation: "Grant only the actions and resources the principal needs."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["iam_policy", "iam_managed_policy", "iam_role", "iam_user", "iam_group"]))
          for (const k of POLICY_KEYS) {
            const a = t.args.get(k);
            const d = parsePolicy(a?.value);
            if (d && statements2(d).some(
              (s) => s.effect === "Allow" && !s.notActions && s.actions.some((x) => x === "*" || x === "*:*") && s.resources.includes("*")
            ))
              atArg(ctx, t, a, `${t.module} ${k} allows every action on every resource.`);
          }
        for (const t of ctx.tasksFor(["iam_role", "iam_user", "iam_group"]))
          for (const k of ["managed_policies", "managed_policy"]) {
            const a = t.args.get(k);
            const admin = a && strings(a.value).find((s) => ADMIN_ARN.test(s.trim()));
            if (admin) atArg(ctx, t, a, `${t.module} attaches ${admin.trim().split("/").pop()}.`);
          }
      }
    };
    aws_003_default = rule123;
  }
});

// src/rules/ansible/rules/aws-004.ts
var rule124, aws_004_default;
var init_aws_004 = __esm({
  "src/rules/ansible/rules/aws-004.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule124 = {
      meta: {
        id: "ANS-AWS-004",
        title: "RDS instance publicly accessible",
        severity: "high",
        category: "ansible",
        modules: ["rds_instance", "rds_cluster"],
        docs: doc2({
          what: "Flags rds_instance / rds_cluster with `publicly_accessible: yes`.",
          why: "The database gets a public DNS name and address; combined with a permissive security group it is reachable (and brute-forceable) from the internet.",
          bad: "- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    publicly_accessible: yes",
          good: "- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    publicly_accessible: no\n    storage_encrypted: yes",
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2"]
        }),
        remediation: "Set publicly_accessible: no and reach the database from inside the VPC."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["rds_instance", "rds_cluster"])) {
          const a = t.args.get("publicly_accessible");
          if (isTrue2(a)) atArg(ctx, t, a, `${t.module} makes the database publicly accessible.`);
        }
      }
    };
    aws_004_default = rule124;
  }
});

// src/rules/ansible/rules/aws-005.ts
var rule125, aws_005_default;
var init_aws_005 = __esm({
  "src/rules/ansible/rules/aws-005.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule125 = {
      meta: {
        id: "ANS-AWS-005",
        title: "RDS storage not encrypted",
        severity: "high",
        category: "ansible",
        modules: ["rds_instance", "rds_cluster"],
        docs: doc2({
          what: "Flags rds_instance / rds_cluster that create a database (an `engine` is given, state present) with `storage_encrypted` false or missing. Read replicas and snapshot restores inherit encryption and are left alone.",
          why: "Unencrypted storage, snapshots and backups expose the data to anyone who obtains a snapshot or the underlying volume; encryption cannot be turned on later without a rebuild.",
          bad: "- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    db_instance_class: db.t3.micro\n    allocated_storage: 20",
          good: "- amazon.aws.rds_instance:\n    id: app-db\n    engine: postgres\n    db_instance_class: db.t3.micro\n    allocated_storage: 20\n    storage_encrypted: yes",
          refs: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3"]
        }),
        remediation: "Set storage_encrypted: yes (optionally with kms_key_id)."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["rds_instance", "rds_cluster"])) {
          const state = known(t.args.get("state")) ?? "present";
          if (state !== "present" || !t.args.has("engine")) continue;
          if ([
            "source_db_instance_identifier",
            "snapshot_identifier",
            "db_snapshot_identifier",
            "replication_source_identifier"
          ].some((k) => t.args.has(k)) || isTrue2(t.args.get("read_replica")))
            continue;
          const a = t.args.get("storage_encrypted");
          if (!a) atTask(ctx, t, `${t.module} creates a database without storage_encrypted.`, "storage_encrypted");
          else if (isFalse2(a)) atArg(ctx, t, a, `${t.module} storage_encrypted is false.`);
        }
      }
    };
    aws_005_default = rule125;
  }
});

// src/rules/ansible/rules/aws-006.ts
var rule126, aws_006_default;
var init_aws_006 = __esm({
  "src/rules/ansible/rules/aws-006.ts"() {
    "use strict";
    init_context2();
    init_docs();
    rule126 = {
      meta: {
        id: "ANS-AWS-006",
        title: "EBS volume not encrypted",
        severity: "medium",
        category: "ansible",
        modules: ["ec2_vol", "ec2_instance", "ec2_launch_template"],
        docs: doc2({
          what: "Flags ec2_vol creating a volume (`volume_size` or `snapshot` given) without `encrypted: yes`, and ec2_instance / ec2_launch_template block devices whose `ebs` settings lack `encrypted: true`.",
          why: "Unencrypted volumes and their snapshots expose data to anyone who can copy a snapshot or gets the underlying storage.",
          bad: "- amazon.aws.ec2_vol:\n    instance: i-0123456789abcdef0\n    volume_size: 50",
          good: "- amazon.aws.ec2_vol:\n    instance: i-0123456789abcdef0\n    volume_size: 50\n    encrypted: yes",
          refs: [
            "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3",
            "CIS AWS Foundations 2.2.1"
          ]
        }),
        remediation: "Set encrypted: yes (or turn on EBS encryption by default for the account)."
      },
      check(ctx) {
        for (const t of ctx.tasksFor(["ec2_vol"])) {
          if ((known(t.args.get("state")) ?? "present") !== "present") continue;
          if (!t.args.has("volume_size") && !t.args.has("snapshot")) continue;
          const a = t.args.get("encrypted");
          if (!a) atTask(ctx, t, "ec2_vol creates a volume without encrypted: yes.", "encrypted");
          else if (isFalse2(a)) atArg(ctx, t, a, "ec2_vol encrypted is false.");
        }
        for (const t of ctx.tasksFor(["ec2_instance", "ec2_launch_template"])) {
          const list2 = t.args.get("volumes") ?? t.args.get("block_device_mappings");
          if (!list2?.node || !(0, import_yaml6.isSeq)(list2.node)) continue;
          list2.node.items.forEach((item, i) => {
            const ebs = pairsOf(ctx, item).find((a) => a.key === "ebs");
            if (!ebs) return;
            const enc = pairsOf(ctx, ebs.node).find((a) => a.key === "encrypted");
            if (enc && isTrue2(enc)) return;
            if (enc && !isFalse2(enc)) return;
            const at = enc ?? ebs;
            ctx.report({
              at: at.keyPos,
              scope: t.scope,
              path: `${t.path}.${t.module}.${list2.key}[${i}].ebs.encrypted`,
              message: `${t.module} ${list2.key}[${i}] defines an EBS volume without encryption.`
            });
          });
        }
      }
    };
    aws_006_default = rule126;
  }
});

// src/rules/ansible/index.ts
var ansible_exports = {};
__export(ansible_exports, {
  family: () => family2,
  lintAnsible: () => lintAnsible,
  rules: () => rules
});
function lintAnsible(path7, content, only = rules, related = /* @__PURE__ */ new Map()) {
  let loaded;
  try {
    loaded = loadAnsible(path7, content);
  } catch (e) {
    return {
      matched: true,
      findings: [],
      errors: [{ message: `Ansible file could not be read (${e.name})` }]
    };
  }
  if (!loaded.matched) return { matched: false, findings: [], errors: [] };
  const file = loaded.file;
  const errors = [...loaded.errors];
  if (!file) return { matched: true, findings: [], errors };
  try {
    file.tasks = new Resolver(file, related).tasks();
  } catch (e) {
    errors.push({ message: `variables could not be resolved (${e.name})` });
  }
  const findings = [];
  const seen = /* @__PURE__ */ new Set();
  for (const rule127 of only) {
    const ctx = makeContext(file, (r) => {
      const key = `${rule127.meta.id}:${r.at.line}:${r.at.column}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({
        ruleId: rule127.meta.id,
        severity: rule127.meta.severity,
        message: r.message,
        path: r.path,
        scope: r.scope,
        line: r.at.line,
        column: r.at.column,
        endLine: r.at.endLine,
        endColumn: r.at.endColumn,
        ...r.secret ? { secret: true } : {},
        ...r.why ? { why: r.why } : {}
      });
    });
    try {
      rule127.check(ctx);
    } catch (e) {
      errors.push({ message: `rule ${rule127.meta.id} failed (${e.name})` });
    }
  }
  for (const f of findings) {
    const onLine = noqaOn(file.lines[f.line - 1]);
    const onTask = f.scope[0] !== f.line ? noqaOn(file.lines[f.scope[0] - 1]) : void 0;
    const hitLine = onLine ? noqaMatch(onLine, f.ruleId) : void 0;
    const hitTask = onTask && onTask.tokens.length ? noqaMatch(onTask, f.ruleId) : void 0;
    const hit = hitLine ?? hitTask;
    if (hit !== void 0) f.suppressed = { by: "inline", reason: hit ? `noqa ${hit}` : "noqa" };
  }
  const vias = file.tasks.filter((t) => t.via).map((t) => [t.path, t.via]);
  if (vias.length)
    for (const f of findings) {
      const v = vias.find(([p]) => f.path === p || f.path.startsWith(`${p}.`));
      if (v && !f.why) f.why = `Resolved through ${v[1]}`;
    }
  const test = TEST_PATH2.exec(path7);
  if (test) {
    for (const f of findings)
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK.low) {
        f.message += ` Reported as low (was ${f.severity}): ${test[0].replace(/^\//, "")} holds test material.`;
        f.severity = "low";
      }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { matched: true, findings, errors };
}
var rules, family2;
var init_ansible2 = __esm({
  "src/rules/ansible/index.ts"() {
    "use strict";
    init_ansible();
    init_ansible_resolve();
    init_types();
    init_context2();
    init_noqa();
    init_tls_001();
    init_tls_002();
    init_tls_003();
    init_tls_004();
    init_tls_005();
    init_dl_001();
    init_exec_001();
    init_exec_002();
    init_exec_003();
    init_pkg_001();
    init_pkg_002();
    init_pkg_003();
    init_pkg_004();
    init_perm_001();
    init_perm_002();
    init_perm_003();
    init_perm_004();
    init_secret_001();
    init_secret_002();
    init_secret_003();
    init_secret_004();
    init_secret_005();
    init_secret_006();
    init_secret_007();
    init_ssh_001();
    init_ssh_002();
    init_ssh_003();
    init_ssh_004();
    init_ssh_005();
    init_ssh_006();
    init_os_001();
    init_os_002();
    init_os_003();
    init_os_004();
    init_ctr_001();
    init_ctr_002();
    init_ctr_003();
    init_ctr_004();
    init_aws_001();
    init_aws_002();
    init_aws_003();
    init_aws_004();
    init_aws_005();
    init_aws_006();
    rules = [
      tls_001_default,
      tls_002_default,
      tls_003_default,
      tls_004_default,
      tls_005_default,
      dl_001_default,
      exec_001_default,
      exec_002_default,
      exec_003_default,
      pkg_001_default,
      pkg_002_default,
      pkg_003_default,
      pkg_004_default,
      perm_001_default,
      perm_002_default,
      perm_003_default,
      perm_004_default,
      secret_001_default,
      secret_002_default,
      secret_003_default,
      secret_004_default,
      secret_005_default,
      secret_006_default,
      secret_007_default,
      ssh_001_default,
      ssh_002_default,
      ssh_003_default,
      ssh_004_default,
      ssh_005_default,
      ssh_006_default,
      os_001_default,
      os_002_default,
      os_003_default,
      os_004_default,
      ctr_001_default,
      ctr_002_default,
      ctr_003_default,
      ctr_004_default,
      aws_001_default,
      aws_002_default,
      aws_003_default,
      aws_004_default,
      aws_005_default,
      aws_006_default
    ];
    family2 = {
      category: "ansible",
      rules: rules.map((r) => r.meta),
      lint: (path7, content, related) => lintAnsible(path7, content, rules, related),
      related: relatedPaths
    };
  }
});

// src/engine/index.ts
async function loadCrypto() {
  crypto ??= await import("node:crypto");
  return crypto;
}
function sha256(s) {
  return crypto.createHash("sha256").update(s).digest("hex");
}
function fingerprint(...parts) {
  return sha256(parts.join("\0")).slice(0, 32);
}
function contentKey(...parts) {
  return sha256(["key", ...parts].join("\0")).slice(0, 32);
}
function loadFamily(name) {
  families[name] ??= name === "cloudformation" ? Promise.resolve().then(() => (init_cloudformation2(), cloudformation_exports)).then((m) => m.family) : Promise.resolve().then(() => (init_ansible2(), ansible_exports)).then((m) => m.family);
  return families[name];
}
function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
function lineIndexAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
function lineText(text, starts, idx) {
  const s = starts[idx];
  const e = idx + 1 < starts.length ? starts[idx + 1] - 1 : text.length;
  return text.slice(s, e);
}
function overlaps(scope, changed) {
  if (!changed) return true;
  return changed.some(([s, e]) => scope[0] <= e && s <= scope[1]);
}
async function examine(t, opts) {
  const out = { findings: [], suppressed: [], errors: [] };
  const provenance = t.commit ? {
    commit: t.commit.sha,
    ...t.commit.author ? { author: t.commit.author } : {},
    ...t.commit.date ? { date: t.commit.date } : {}
  } : {};
  const reported = /* @__PURE__ */ new Set();
  const emit = (f, lines) => {
    const o = opts.overrides.get(f.ruleId);
    if (o === "off") {
      out.suppressed.push(toSuppressed(f, "config", `rule ${f.ruleId} is off in config`));
      return;
    }
    if (o) f.severity = o;
    let problem;
    for (const [n, line, above] of lines) {
      const allow = inlineAllow(line, f.ruleId, opts.isRuleId, {
        ...above !== void 0 ? { above } : {},
        secret: f.secret === true
      });
      if (isProblem(allow)) problem ??= { line: n, id: allow.unknownRule };
      else if (allow) {
        out.suppressed.push(toSuppressed(f, "inline", allow.reason));
        return;
      }
    }
    if (problem && !reported.has(problem.line)) {
      reported.add(problem.line);
      out.errors.push({
        file: t.path,
        line: problem.line,
        ...t.commit ? { commit: t.commit.sha } : {},
        message: `hookguard:allow names "${problem.id}", which is not a rule id, so it allows nothing ("hookguard rules" lists them)`
      });
    }
    out.findings.push(f);
  };
  let contentStarts;
  const contentLine = (n) => {
    if (t.content === void 0 || n < 1) return void 0;
    contentStarts ??= lineStarts(t.content);
    return n <= contentStarts.length ? lineText(t.content, contentStarts, n - 1) : void 0;
  };
  const deadline = Date.now() + (opts.budgetMs ?? 1e4);
  for (const [ci, chunk] of t.chunks.entries()) {
    if (ci > 0 && Date.now() > deadline) {
      out.errors.push({
        file: t.path,
        line: chunk.startLine,
        ...t.commit ? { commit: t.commit.sha } : {},
        message: `time budget spent: lines from ${chunk.startLine} on were not scanned`,
        incomplete: true
      });
      break;
    }
    let chunkStarts;
    const hits = detectSecrets(chunk.text, opts.secrets, opts.allow, {
      path: t.path,
      onDrop: (d) => {
        if (d.generated) out.generated = true;
        if (!opts.explainDropped) return;
        const starts2 = chunkStarts ??= lineStarts(chunk.text);
        const li = lineIndexAt(starts2, d.start);
        (out.dropped ??= []).push({
          file: t.path,
          line: chunk.startLine + li,
          column: d.start - starts2[li] + 1,
          ...t.commit ? { commit: t.commit.sha } : {},
          ruleId: d.ruleId,
          match: mask(d.secret),
          reason: d.reason
        });
      }
    });
    if (hits.length === 0) continue;
    await loadCrypto();
    const starts = chunkStarts ?? lineStarts(chunk.text);
    const rangesByLine = /* @__PURE__ */ new Map();
    const located = hits.map((h) => {
      const li = lineIndexAt(starts, h.start);
      const le = lineIndexAt(starts, Math.max(h.start, h.end - 1));
      const shift = (chunk.startColumn ?? 1) - 1;
      const col = h.start - starts[li] + 1 + (li === 0 ? shift : 0);
      const endCol = h.end - starts[le] + 1 + (le === 0 ? shift : 0);
      for (let i = li; i <= le; i++) {
        const s = i === li ? h.start - starts[i] : 0;
        const e = i === le ? h.end - starts[i] : lineText(chunk.text, starts, i).length;
        const list2 = rangesByLine.get(i) ?? [];
        list2.push([s, e]);
        rangesByLine.set(i, list2);
      }
      return { h, li, le, col, endCol };
    });
    for (const { h, li, le, col, endCol } of located) {
      const raw = lineText(chunk.text, starts, li);
      const p = h.rule.p;
      const f = {
        ruleId: p.id,
        category: "secret",
        severity: h.severity,
        title: p.title,
        message: `${p.title} found (${h.why}).`,
        remediation: p.remediation,
        file: t.path,
        line: chunk.startLine + li,
        column: col,
        endLine: chunk.startLine + le,
        endColumn: endCol,
        ...provenance,
        match: mask(h.secret),
        fingerprint: fingerprint(p.id, t.path, sha256(h.secret)),
        contentKey: contentKey(p.id, sha256(h.secret)),
        secret: true,
        confidence: h.confidence,
        why: h.why,
        snippet: maskLine(raw, rangesByLine.get(li) ?? []),
        blocking: true
      };
      if (h.allowedBy) {
        out.suppressed.push(toSuppressed(f, "config", h.allowedBy));
        continue;
      }
      if (opts.examples?.some((ex) => ex.includes(h.secret))) {
        out.suppressed.push(toSuppressed(f, "config", "example of a custom pattern in the config"));
        continue;
      }
      const above = li > 0 ? lineText(chunk.text, starts, li - 1) : contentLine(f.line - 1);
      emit(f, [[f.line, raw, above]]);
    }
  }
  const iacSecrets = [];
  if (opts.iac && t.content !== void 0) {
    const kinds = [];
    if (looksLikeCloudFormation(t.path, t.content)) kinds.push("cloudformation");
    else if (looksLikeAnsible(t.path, t.content)) kinds.push("ansible");
    for (const kind of kinds) {
      const fam = await loadFamily(kind);
      let res;
      const related = /* @__PURE__ */ new Map();
      if (fam.related && opts.readRelated)
        for (const p of fam.related(t.path, t.content).slice(0, 16))
          related.set(p, await opts.readRelated(p, t.commit?.sha).catch(() => void 0));
      try {
        res = fam.lint(t.path, t.content, related);
      } catch (e) {
        out.errors.push({
          file: t.path,
          ...t.commit ? { commit: t.commit.sha } : {},
          message: `${kind} rules failed: ${e.message}`
        });
        continue;
      }
      for (const err of res.errors)
        out.errors.push({
          file: t.path,
          ...err.line ? { line: err.line } : {},
          ...t.commit ? { commit: t.commit.sha } : {},
          message: err.message
        });
      if (!res.findings.length) continue;
      await loadCrypto();
      const starts = lineStarts(t.content);
      const metas = new Map(fam.rules.map((r) => [r.id, r]));
      const seen = /* @__PURE__ */ new Map();
      const ordered = [...res.findings].sort((a, b) => a.line - b.line || a.column - b.column);
      for (const r of ordered) {
        const occKey = `${r.ruleId}\0${r.path}`;
        const occ = seen.get(occKey) ?? 0;
        seen.set(occKey, occ + 1);
        const where = occ ? [r.path, `#${occ}`] : [r.path];
        const meta2 = metas.get(r.ruleId);
        const raw = lineText(t.content, starts, Math.min(r.line - 1, starts.length - 1));
        const secretRange = r.secret && r.endLine === r.line ? [[r.column - 1, r.endColumn - 1]] : [];
        const f = {
          ruleId: r.ruleId,
          category: fam.category,
          severity: r.severity,
          title: meta2?.title ?? r.ruleId,
          message: r.message,
          remediation: meta2?.remediation ?? "",
          file: t.path,
          line: r.line,
          column: r.column,
          endLine: r.endLine,
          endColumn: r.endColumn,
          ...provenance,
          ...r.secret && secretRange.length ? { match: mask(raw.slice(secretRange[0][0], secretRange[0][1])) } : {},
          fingerprint: fingerprint(r.ruleId, t.path, ...where),
          contentKey: contentKey(r.ruleId, ...where),
          ...r.secret ? { secret: true } : {},
          ...r.why ? { why: r.why } : {},
          snippet: maskLine(raw, secretRange),
          blocking: overlaps(r.scope, t.changed)
        };
        if (r.suppressed) {
          out.suppressed.push(toSuppressed(f, r.suppressed.by, r.suppressed.reason));
          continue;
        }
        const at = (n) => lineText(t.content, starts, Math.min(Math.max(n, 1) - 1, starts.length - 1));
        emit(f, [
          [r.line, raw, r.line > 1 ? at(r.line - 1) : void 0],
          [r.scope[0], at(r.scope[0]), r.scope[0] > 1 ? at(r.scope[0] - 1) : void 0]
        ]);
        if (r.secret) iacSecrets.push(f);
      }
    }
  }
  if (iacSecrets.length)
    out.findings = out.findings.filter(
      (f) => f.category !== "secret" || !iacSecrets.some((i) => i.line === f.line && f.column < i.endColumn && i.column < f.endColumn)
    );
  return out;
}
function toSuppressed(f, by, reason) {
  return {
    ruleId: f.ruleId,
    file: f.file,
    line: f.line,
    ...f.commit ? { commit: f.commit } : {},
    fingerprint: f.fingerprint,
    severity: f.severity,
    by,
    reason
  };
}
var crypto, families;
var init_engine = __esm({
  "src/engine/index.ts"() {
    "use strict";
    init_detect();
    init_mask();
    init_inline();
    init_detect2();
    init_detect3();
    families = {};
  }
});

// src/suppress/baseline.ts
function parseBaseline(text, display) {
  if (!text.trim()) return { entries: /* @__PURE__ */ new Map() };
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { error: `baseline ${display}: not valid JSON (${e.message})` };
  }
  const o = raw;
  if (!o || typeof o !== "object" || o.version !== 1 || !Array.isArray(o.findings))
    return {
      error: `baseline ${display}: expected {"version": 1, "findings": [...]} as written by "hookguard baseline"`
    };
  const entries = /* @__PURE__ */ new Map();
  for (const [i, f] of o.findings.entries()) {
    if (!f || typeof f.fingerprint !== "string")
      return { error: `baseline ${display}: findings[${i}] has no fingerprint` };
    entries.set(f.fingerprint, f);
  }
  return { entries };
}
var DEFAULT_BASELINE;
var init_baseline = __esm({
  "src/suppress/baseline.ts"() {
    "use strict";
    DEFAULT_BASELINE = ".hookguard-baseline.json";
  }
});

// src/git/repo.ts
import { existsSync as existsSync3 } from "node:fs";
import path2 from "node:path";
async function repoRoot(cwd, env = {}) {
  if (!env.GIT_DIR && !env.GIT_WORK_TREE && !env.GIT_CEILING_DIRECTORIES && !env.GIT_DISCOVERY_ACROSS_FILESYSTEM) {
    for (let d = path2.resolve(cwd); ; ) {
      if (existsSync3(path2.join(d, ".git"))) return d;
      const parent = path2.dirname(d);
      if (parent === d) break;
      d = parent;
    }
  }
  const r = await git(cwd, ["rev-parse", "--show-toplevel"]);
  if (r.code !== 0) return void 0;
  return r.stdout.toString("utf8").trim() || void 0;
}
async function isBareRepo(cwd) {
  const r = await git(cwd, ["rev-parse", "--is-bare-repository"]);
  return r.code === 0 && r.stdout.toString().trim() === "true";
}
var init_repo = __esm({
  "src/git/repo.ts"() {
    "use strict";
    init_run();
  }
});

// src/scan/owners.ts
import { readFileSync as readFileSync4 } from "node:fs";
import path3 from "node:path";
async function fromIndex(root) {
  const r = await git(root, ["cat-file", "--batch"], CODEOWNERS_PATHS.map((p) => `:${p}
`).join(""));
  if (r.code !== 0) return void 0;
  const buf = r.stdout;
  let at = 0;
  for (const file of CODEOWNERS_PATHS) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) return void 0;
    const header = buf.subarray(at, nl).toString("utf8");
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      at = nl + 1;
      continue;
    }
    const size = Number(m[2]);
    if (m[1] === "blob") return { file, text: buf.subarray(nl + 1, nl + 1 + size).toString("utf8") };
    at = nl + 1 + size + 1;
  }
  return void 0;
}
function fromDisk(root) {
  for (const file of CODEOWNERS_PATHS) {
    try {
      return { file, text: readFileSync4(path3.join(root, file), "utf8") };
    } catch {
    }
  }
  return void 0;
}
async function loadOwnership(root, config, staged) {
  if (config.owners) return { ownership: { from: "config", rules: config.owners }, problems: [] };
  const found = staged ? await fromIndex(root) : fromDisk(root);
  if (!found) return { problems: [] };
  const parsed = parseCodeowners(found.text, found.file);
  return {
    ownership: { from: found.file, rules: parsed.rules },
    problems: parsed.problems.map((p) => ({ file: found.file, line: p.line, message: p.message }))
  };
}
var init_owners2 = __esm({
  "src/scan/owners.ts"() {
    "use strict";
    init_run();
    init_owners();
  }
});

// src/git/related.ts
var related_exports = {};
__export(related_exports, {
  readTreeText: () => readTreeText
});
async function readTreeText(root, rev, path7) {
  if (!path7 || path7.startsWith("/") || path7.split("/").includes("..")) return void 0;
  const r = await git(root, ["cat-file", "blob", `${rev}:${path7}`]);
  if (r.code !== 0 || r.stdout.length > MAX_BYTES || isBinary(r.stdout)) return void 0;
  return decodeText(r.stdout);
}
var MAX_BYTES;
var init_related = __esm({
  "src/git/related.ts"() {
    "use strict";
    init_run();
    init_blobs();
    MAX_BYTES = 1024 * 1024;
  }
});

// node_modules/ignore/index.js
var require_ignore = __commonJS({
  "node_modules/ignore/index.js"(exports, module) {
    function makeArray(subject) {
      return Array.isArray(subject) ? subject : [subject];
    }
    var UNDEFINED = void 0;
    var EMPTY = "";
    var SPACE = " ";
    var ESCAPE = "\\";
    var REGEX_LITERAL_SPECIAL = /[.*+?()[\]{}^$|\\/]/;
    var BOM = "\uFEFF";
    var REGEX_ANCHORED_GLOBSTAR = /^\/\*{2,}$/;
    var REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION = /^\\!/;
    var REGEX_REPLACE_LEADING_EXCAPED_HASH = /^\\#/;
    var REGEX_SPLITALL_CRLF = /\r?\n/g;
    var DOUBLE_SLASH = "//";
    var SLASH_CODE = 47;
    var DOT_CODE = 46;
    var SLASH = "/";
    var TMP_KEY_IGNORE = "node-ignore";
    if (typeof Symbol !== "undefined") {
      TMP_KEY_IGNORE = /* @__PURE__ */ Symbol.for("node-ignore");
    }
    var KEY_IGNORE = TMP_KEY_IGNORE;
    var define = (object, key, value) => {
      Object.defineProperty(object, key, { value });
      return value;
    };
    var RETURN_FALSE = () => false;
    var POSIX_CLASSES = {
      alnum: "0-9A-Za-z",
      alpha: "A-Za-z",
      blank: " \\t",
      cntrl: "\\x00-\\x1f\\x7f",
      digit: "0-9",
      graph: "!-.0-~",
      lower: "a-z",
      print: " -.0-~",
      punct: "!-.:-@\\[-`{-~",
      // git's `sane-ctype.h` classifies \v and \f as control, not space,
      //   unlike C's `isspace`
      space: " \\t\\n\\r",
      upper: "A-Z",
      xdigit: "0-9A-Fa-f"
    };
    var CLASS_MEMBERS_TO_ESCAPE = "\\]^-[";
    var escapeMember = (char) => CLASS_MEMBERS_TO_ESCAPE.indexOf(char) < 0 ? char : ESCAPE + char;
    var NON_SLASH = "(?!\\/)";
    var classSource = (negated, body) => {
      if (negated) {
        return `[^\\/${body}]`;
      }
      const source = `[${body}]`;
      return new RegExp(source).test("/") ? NON_SLASH + source : source;
    };
    var scanBracket = (pattern, start) => {
      const { length } = pattern;
      let index = start + 1;
      let negated = EMPTY;
      const lead = pattern[index];
      if (lead === "!" || lead === "^") {
        negated = "^";
        index++;
      }
      let body = EMPTY;
      let prev = EMPTY;
      for (; ; ) {
        const char = pattern[index];
        if (char === UNDEFINED) {
          return null;
        }
        if (char === ESCAPE) {
          const escaped = pattern[++index];
          body += escapeMember(escaped);
          prev = escaped;
        } else if (char === "-" && prev && index + 1 < length && pattern[index + 1] !== "]") {
          index++;
          let to = pattern[index];
          if (to === ESCAPE) {
            to = pattern[index += 1];
          }
          if (prev <= to) {
            body += `-${escapeMember(to)}`;
          }
          prev = EMPTY;
        } else if (char === "[" && pattern[index + 1] === ":") {
          const nameStart = index + 2;
          let end = nameStart;
          while (end < length && pattern[end] !== "]") {
            end++;
          }
          if (end === length) {
            return null;
          }
          if (end > nameStart && pattern[end - 1] === ":") {
            const name = pattern.slice(nameStart, end - 1);
            if (!Object.prototype.hasOwnProperty.call(POSIX_CLASSES, name)) {
              return null;
            }
            body += POSIX_CLASSES[name];
            prev = EMPTY;
            index = end;
          } else {
            body += escapeMember("[");
            prev = "[";
            index = nameStart - 2;
          }
        } else {
          body += escapeMember(char);
          prev = char;
        }
        index++;
        if (pattern[index] === "]") {
          return {
            end: index,
            source: classSource(negated, body)
          };
        }
      }
    };
    var NEVER_MATCH = "[]";
    var PLACEHOLDER2 = "\0";
    var REGEX_RESTORE_PLACEHOLDER = new RegExp(
      `${PLACEHOLDER2}(\\d+)${PLACEHOLDER2}`,
      "g"
    );
    var TRAILING_WILDCARD = "\uE000";
    var TRAILING_DOUBLESTAR = "\uE001";
    var isReserved = (char) => char === PLACEHOLDER2 || char === TRAILING_WILDCARD || char === TRAILING_DOUBLESTAR;
    var extractBrackets = (pattern) => {
      const sources = [];
      const hold = (source) => `${PLACEHOLDER2}${sources.push(source) - 1}${PLACEHOLDER2}`;
      const { length } = pattern;
      let out = EMPTY;
      let index = 0;
      while (index < length) {
        const char = pattern[index];
        if (char === ESCAPE) {
          const escaped = pattern[index + 1];
          if (escaped === SLASH && index + 2 === length) {
            out += hold(NEVER_MATCH);
          } else if (escaped === "*" || escaped === "[" || escaped === SPACE) {
            out += pattern.slice(index, index + 2);
          } else {
            out += hold(
              REGEX_LITERAL_SPECIAL.test(escaped) ? ESCAPE + escaped : isReserved(escaped) ? `[${escaped}]` : escaped
            );
          }
          index += 2;
        } else if (isReserved(char)) {
          out += hold(`[${char}]`);
          index++;
        } else if (char === "[") {
          const scanned = scanBracket(pattern, index);
          if (scanned === null) {
            out += hold(NEVER_MATCH);
            index = length;
          } else {
            out += hold(scanned.source);
            index = scanned.end + 1;
          }
        } else {
          out += char;
          index++;
        }
      }
      return {
        source: out,
        sources
      };
    };
    var DIRECT = null;
    var REGEX_INNER_SLASH = /\/(?!$)/;
    var WILDCARD = "[^\\/]*";
    var REPLACERS = [
      // Replace (\ ) with ' '
      // Only a space: an escaped tab or other whitespace is already a literal by
      //   the time it reaches here, and a bare tab must be left as one, not turned
      //   into a space.
      // (\ ) -> ' '
      // (\\ ) -> '\\ '
      // (\\\ ) -> '\\ '
      [
        // A run of backslashes is taken whole, from its first one, so no match
        //   ever starts again inside it -- `(\\+?) ` did, which made a long run
        //   quadratic.
        /(\\+)( ?)/g,
        (_, run2, space) => space ? run2.slice(0, run2.length - run2.length % 2) + SPACE : run2,
        ESCAPE + SPACE
      ],
      // git's wildmatch() reads a run of two or more asterisks as one globstar
      //   whenever the run fills a path segment: it starts the pattern or follows
      //   a `/`, and it ends the pattern or comes before a `/`. A run of two is
      //   already `**`; a longer one is folded into `**` here, so the steps
      //   below only ever have to know `**`.
      // `***/foo` -> `**/foo`, `a/***/b` -> `a/**/b`, `a/***` -> `a/**`
      // git also takes a run beside a literal prefix (`a***/b`) or beside an
      //   escaped slash (`***\/b`) as a globstar, and this does not; the README
      //   lists both, under "A run of asterisks".
      [
        /(^|\/)\*{3,}(?=\/|$)/g,
        (_, start) => `${start}**`,
        "*"
      ],
      // Escape metacharacters
      // which is written down by users but means special for regular expressions.
      // > There are 12 characters with special meanings:
      // > - the backslash \,
      // > - the caret ^,
      // > - the dollar sign $,
      // > - the period or dot .,
      // > - the vertical bar or pipe symbol |,
      // > - the question mark ?,
      // > - the asterisk or star *,
      // > - the plus sign +,
      // > - the opening parenthesis (,
      // > - the closing parenthesis ),
      // > - and the opening square bracket [,
      // > - the opening curly brace {,
      // > These special characters are often called "metacharacters".
      [
        /[\\$.|*+(){^]/g,
        (match) => `\\${match}`
      ],
      [
        // > a question mark (?) matches a single character
        /(?!\\)\?/g,
        () => "[^/]",
        "?"
      ],
      // leading slash
      [
        // > A leading slash matches the beginning of the pathname.
        // > For example, "/*.c" matches "cat-file.c" but not "mozilla-sha1/sha1.c".
        // A leading slash matches the beginning of the pathname
        /^\//,
        () => "^",
        SLASH
      ],
      // replace special metacharacter slash after the leading slash
      [
        /\//g,
        () => "\\/",
        SLASH
      ],
      [
        // > A leading "**" followed by a slash means match in all directories.
        // > For example, "**/foo" matches file or directory "foo" anywhere,
        // > the same as pattern "foo".
        // > "**/foo/bar" matches file or directory "bar" anywhere that is directly
        // >   under directory "foo".
        // Notice that the '*'s have been replaced as '\\*'
        /^\^*(?:\\\*\\\*\\\/)+/,
        // '**/foo' <-> 'foo'
        () => "(?:^|\\/)",
        "*"
      ],
      // starting
      [
        // there will be no leading '/'
        //   (which has been replaced by section "leading slash")
        // If starts with '**', adding a '^' to the regular expression also works
        DIRECT,
        (source, pattern) => {
          if (!source || source[0] === "^" || source[0] === "(") {
            return source;
          }
          const anchor = !REGEX_INNER_SLASH.test(pattern) ? "(?:^|\\/)" : "^";
          return anchor + source;
        }
      ],
      // two globstars
      [
        // Use lookahead assertions so that we could match more than one `'/**'`
        /\\\/\\\*\\\*(?=\\\/|$)/g,
        // Zero, one or several directories
        // should not use '*', or it will be replaced by the next replacer
        // Check if it is not the last `'/**'`
        (_, index, str4) => index + 6 < str4.length ? str4.slice(index + 6) === "\\/" ? "(?:\\/[^\\/]+)+" : "(?:\\/[^\\/]+)*" : `\\/${TRAILING_DOUBLESTAR}`,
        "*"
      ],
      // normal intermediate wildcards
      [
        // Never replace escaped '*'
        // ignore rule '\*' will match the path '*'
        // 'abc.*/' -> go
        // 'abc.*'  -> skip this rule,
        //    coz trailing single wildcard will be handed by [trailing wildcard]
        /(^|[^\\])(?:\\\*)+(?!$)/g,
        // '*.js' matches '.js'
        // '*.js' doesn't match 'abc'
        // 1. An asterisk "*" matches anything except a slash.
        // 2. Other consecutive asterisks are considered regular asterisks
        //    and collapse into one non-slash wildcard run.
        (_, p1) => p1 + WILDCARD,
        "*"
      ],
      // trailing wildcard, held apart from a literal star
      [
        // The step above leaves a trailing `*` alone, so a single `\*` is all that
        //   can be left at the end here, and what stands in front of it says which
        //   kind it is. A wildcard arrives as the escaper wrote it, `\*` with
        //   nothing before it; a literal arrives as the user's own escape, which
        //   the escaper doubled, and then the star's own -- `\\` and then `\*`.
        //   There is no third case: every backslash still reaching the chain is
        //   one `\*`, `\[` or `\ ` carries itself, and each is followed by its
        //   own character, so a longer run can never form. This runs while the
        //   two are still distinct, before the unescape steps below collapse the
        //   literal onto the very `\*` a wildcard leaves behind.
        /(^|[^\\])((?:\\\\)*)\\\*$/,
        (match, p1, p2) => p2 === EMPTY ? p1 + TRAILING_WILDCARD : match,
        "*"
      ],
      [
        // unescape, revert step 3 except for back slash
        // For example, if a user escape a '\\*',
        // after step 3, the result will be '\\\\\\*'
        /\\\\\\(?=[$.|*+(){^])/g,
        () => ESCAPE,
        ESCAPE + ESCAPE
      ],
      [
        // '\\\\' -> '\\'
        /\\\\/g,
        () => ESCAPE,
        ESCAPE + ESCAPE
      ],
      [
        // Every real bracket expression -- POSIX classes included -- has already
        //   been held aside by `extractBrackets`, so the only `[` left in the
        //   pattern is an escaped, literal one.
        // A backslash could only stand at the end of the range if it quoted the
        //   `]`, and `\]` is held aside long before this.
        /\\\[([^\]/]*?)($|\])/g,
        // '\\[bar]' -> '\\\\[bar]'
        (match, range, close) => `\\[${range}${close}`,
        "["
      ],
      // ending
      [
        // 'js' will not match 'js.'
        // 'ab' will not match 'abc'
        DIRECT,
        // WTF!
        // https://git-scm.com/docs/gitignore
        // changes in [2.22.1](https://git-scm.com/docs/gitignore/2.22.1)
        // which re-fixes #24, #38
        // > If there is a separator at the end of the pattern then the pattern
        // > will only match directories, otherwise the pattern can match both
        // > files and directories.
        // 'js*' will not match 'a.js'
        // 'js/' will not match 'a.js'
        // 'js' will match 'a.js' and 'a.js/'
        (source) => {
          const last = source[source.length - 1];
          if (!last || last === TRAILING_WILDCARD || last === TRAILING_DOUBLESTAR) {
            return source;
          }
          return last === SLASH ? `${source}$` : `${source}(?=$|\\/$)`;
        }
      ]
    ];
    var REGEX_REPLACE_TRAILING_WILDCARD = /(^|\\\/)?\uE000$/;
    var MODE_IGNORE = "regex";
    var MODE_CHECK_IGNORE = "checkRegex";
    var UNDERSCORE = "_";
    var replaceTrailingWildcard = (_, p1) => {
      const prefix = p1 ? `${p1}[^/]+` : "[^/]*";
      return `${prefix}(?=$|\\/$)`;
    };
    var REGEX_REPLACE_TRAILING_DOUBLESTAR = /\uE001$/;
    var replaceTrailingDoublestar = () => "[\\s\\S]";
    var separatorAfter = (run2, at) => {
      let separator = EMPTY;
      for (let index = at + 1; index < run2.length && !run2[index].wildcard; index++) {
        separator += run2[index].single;
      }
      return separator;
    };
    var pinWildcards = (source) => {
      if (source.indexOf(WILDCARD) < 0) {
        return source;
      }
      const tokens = [];
      const { length } = source;
      let index = 0;
      while (index < length) {
        const char = source[index];
        if (source.startsWith(WILDCARD, index)) {
          tokens.push({ wildcard: true });
          index += WILDCARD.length;
        } else if (char === "[") {
          let end = index + 1;
          if (source[end] === "^") {
            end++;
          }
          if (source[end] === "]") {
            end++;
          }
          while (end < length && source[end] !== "]") {
            end += source[end] === ESCAPE ? 2 : 1;
          }
          end++;
          tokens.push({ single: source.slice(index, end) });
          index = end;
        } else if (char === ESCAPE) {
          tokens.push({ single: source.slice(index, index + 2) });
          index += 2;
        } else if (char === "(") {
          let depth = 0;
          let end = index;
          do {
            if (source[end] === ESCAPE) {
              end++;
            } else if (source[end] === "(") {
              depth++;
            } else if (source[end] === ")") {
              depth--;
            }
            end++;
          } while (end < length && depth > 0);
          if ("*+?".indexOf(source[end]) >= 0) {
            end++;
          }
          tokens.push({ boundary: source.slice(index, end) });
          index = end;
        } else if (char === "^" || char === "$") {
          tokens.push({ boundary: char });
          index++;
        } else {
          tokens.push({ single: char });
          index++;
        }
      }
      let out = EMPTY;
      let run2 = [];
      const flush = () => {
        let lastWildcard;
        run2.forEach((token, at) => {
          if (token.wildcard) {
            lastWildcard = at;
          }
        });
        run2.forEach((token, at) => {
          if (!token.wildcard) {
            out += token.single;
            return;
          }
          out += at === lastWildcard ? WILDCARD : `(?:(?!${separatorAfter(run2, at)})[^\\/])*`;
        });
        run2 = [];
      };
      tokens.forEach((token) => {
        if (token.boundary === void 0) {
          run2.push(token);
          return;
        }
        flush();
        out += token.boundary;
      });
      flush();
      return out;
    };
    var makeRegexPrefix = (pattern) => {
      if (REGEX_ANCHORED_GLOBSTAR.test(pattern)) {
        pattern = "**";
      }
      const { source, sources } = extractBrackets(pattern);
      const replaced = REPLACERS.reduce(
        // A pass whose matcher finds nothing hands back the very string it was
        //   given, so asking first costs a search and saves a rewrite. Ten of the
        //   fifteen passes never fire for a typical .gitignore line, and between
        //   them they were 45% of this chain.
        (prev, [matcher, replacer, required]) => {
          if (matcher === DIRECT) {
            return replacer(prev, pattern);
          }
          if (required !== UNDEFINED && prev.indexOf(required) < 0) {
            return prev;
          }
          return matcher.test(prev) ? prev.replace(matcher, replacer.bind(pattern)) : prev;
        },
        source
      );
      return sources.length ? replaced.replace(
        REGEX_RESTORE_PLACEHOLDER,
        (match, index) => sources[index]
      ) : replaced;
    };
    var checkSourceOf = (body, prefix) => {
      if (body[body.length - 1] === SLASH) {
        prefix = makeRegexPrefix(body.slice(0, -1));
      }
      const head = prefix.slice(0, -1);
      const last = prefix[prefix.length - 1];
      return last === TRAILING_WILDCARD ? `${head}$` : last === TRAILING_DOUBLESTAR ? head : NEVER_MATCH;
    };
    var matchesBasename = (body) => {
      const index = body.indexOf(SLASH);
      return index < 0 || index === body.length - 1;
    };
    var basenameOf = (path7) => {
      const end = path7.length - 1;
      const index = path7.lastIndexOf(
        SLASH,
        path7[end] === SLASH ? end - 1 : end
      );
      return index < 0 ? path7 : path7.slice(index + 1);
    };
    var parentOf = (path7) => {
      if (path7.charCodeAt(0) === SLASH_CODE || path7.indexOf(DOUBLE_SLASH) >= 0) {
        const slices = path7.split(SLASH).filter(Boolean);
        slices.pop();
        return slices.length ? slices.join(SLASH) + SLASH : EMPTY;
      }
      const end = path7.length - 1;
      const cut = path7.lastIndexOf(
        SLASH,
        path7.charCodeAt(end) === SLASH_CODE ? end - 1 : end
      );
      return cut < 0 ? EMPTY : path7.slice(0, cut + 1);
    };
    var isString = (subject) => typeof subject === "string";
    var checkPattern = (pattern) => pattern && isString(pattern);
    var splitPattern = (pattern) => (pattern[pattern.length - 1] === "\r" ? pattern.slice(0, -1) : pattern).split(REGEX_SPLITALL_CRLF).filter(Boolean);
    var IgnoreRule = class {
      constructor(pattern, mark, body, ignoreCase, negative, prefix) {
        this.pattern = pattern;
        this.mark = mark;
        this.negative = negative;
        define(this, "body", body);
        define(this, "ignoreCase", ignoreCase);
        define(this, "regexPrefix", prefix);
      }
      // Worked out on first use and kept behind an own property, the way `regex`
      //   caches itself in `_regex`. Deciding it in the constructor instead would
      //   add a fourth `defineProperty` to every rule ever built, which cost 4% of
      //   every compile -- including the compiles of rules that are never matched
      //   against anything.
      get _basenameOnly() {
        return define(this, "_basenameOnly", matchesBasename(this.body));
      }
      get regex() {
        const key = UNDERSCORE + MODE_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_IGNORE, key);
      }
      get checkRegex() {
        const key = UNDERSCORE + MODE_CHECK_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_CHECK_IGNORE, key);
      }
      _make(mode, key) {
        const str4 = pinWildcards(
          mode === MODE_IGNORE ? this.regexPrefix.replace(REGEX_REPLACE_TRAILING_WILDCARD, replaceTrailingWildcard).replace(REGEX_REPLACE_TRAILING_DOUBLESTAR, replaceTrailingDoublestar) : checkSourceOf(this.body, this.regexPrefix)
        );
        const regex = this.ignoreCase ? new RegExp(str4, "i") : new RegExp(str4);
        return define(this, key, regex);
      }
    };
    var hasTrailingBackslash = (str4) => {
      let count = 0;
      while (str4[str4.length - count - 1] === ESCAPE) {
        count++;
      }
      return count % 2 === 1;
    };
    var trimEnd = (body, stripLineEnd) => {
      let lineEnd = body.length;
      let end;
      for (; ; ) {
        if (stripLineEnd && body[lineEnd - 1] === "\r") {
          lineEnd--;
        }
        end = lineEnd;
        while (body[end - 1] === SPACE) {
          end--;
        }
        if (!stripLineEnd || body[end - 1] !== "\n") {
          break;
        }
        lineEnd = end - 1;
      }
      if (end === lineEnd) {
        return body.slice(0, lineEnd);
      }
      let backslashes = 0;
      while (body[end - backslashes - 1] === ESCAPE) {
        backslashes++;
      }
      return backslashes % 2 ? body.slice(0, end - 1) + SPACE : body.slice(0, end);
    };
    var createRule = (pattern, mark, ignoreCase, stripLineEnd, stripBOM) => {
      let body = stripBOM && pattern[0] === BOM ? pattern.slice(1) : pattern;
      if (body[0] === "#") {
        return;
      }
      let negative = false;
      if (body[0] === "!") {
        negative = true;
        body = body.slice(1);
      }
      const last = body[body.length - 1];
      if (last === SPACE || stripLineEnd && (last === "\r" || last === "\n")) {
        body = trimEnd(body, stripLineEnd);
      }
      if (!body || hasTrailingBackslash(body)) {
        return;
      }
      body = body.replace(REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION, "!").replace(REGEX_REPLACE_LEADING_EXCAPED_HASH, "#");
      const regexPrefix = makeRegexPrefix(body);
      return new IgnoreRule(
        pattern,
        mark,
        body,
        ignoreCase,
        negative,
        regexPrefix
      );
    };
    var RuleManager = class {
      constructor(ignoreCase) {
        this._ignoreCase = ignoreCase;
        this._rules = [];
        this._basenameCount = 0;
      }
      _add(pattern, index) {
        if (pattern && pattern[KEY_IGNORE]) {
          this._rules = this._rules.concat(pattern._rules._rules);
          this._basenameCount += pattern._rules._basenameCount;
          this._added = true;
          return;
        }
        const isStr = isString(pattern);
        const raw = isStr ? pattern : pattern.pattern;
        const rule127 = checkPattern(raw) && createRule(
          raw,
          isStr ? UNDEFINED : pattern.mark,
          this._ignoreCase,
          !this._split,
          this._stripBOM && !index
        );
        if (rule127) {
          this._added = true;
          this._rules.push(rule127);
          if (matchesBasename(rule127.body)) {
            this._basenameCount++;
          }
        }
      }
      // @param {Array<string> | string | Ignore} pattern
      add(pattern) {
        this._added = false;
        this._split = isString(pattern);
        this._stripBOM = !this._split || pattern[0] === BOM;
        makeArray(
          this._split ? splitPattern(pattern) : pattern
        ).forEach(this._add, this);
        if (this._added) {
          this._literalRules = UNDEFINED;
        }
        return this._added;
      }
      // Match the literal 'abc/' for `checkIgnore`, last rule wins. Only a rule
      //   ending in a wildcard can match it (see `checkSourceOf`), so the rest
      //   are left out once, rather than tested or compiled for every path.
      testLiteral(path7) {
        const rules2 = this._literalRules || (this._literalRules = this._rules.filter(
          ({ body }) => body[body.length - (body[body.length - 1] === SLASH ? 2 : 1)] === "*"
        ));
        let ignored = false;
        let unignored = false;
        let matchedRule;
        for (let index = rules2.length - 1; index >= 0; index--) {
          const rule127 = rules2[index];
          if (rule127.checkRegex.test(path7)) {
            ignored = !rule127.negative;
            unignored = rule127.negative;
            matchedRule = rule127.negative ? UNDEFINED : rule127;
            break;
          }
        }
        const ret = {
          ignored,
          unignored
        };
        if (matchedRule) {
          ret.rule = matchedRule;
        }
        return ret;
      }
      // Test one single path without recursively checking parent directories
      //
      // - mode `string` either `MODE_IGNORE` or `MODE_CHECK_IGNORE`
      // @returns {TestResult}
      test(path7, mode) {
        const rules2 = this._rules;
        const { length } = rules2;
        const shortcut = this._basenameCount * 2 >= length;
        const basename = shortcut ? basenameOf(path7) : path7;
        for (let index = length - 1; index >= 0; index--) {
          const rule127 = rules2[index];
          if (rule127[mode].test(
            shortcut && rule127._basenameOnly ? basename : path7
          )) {
            const { negative } = rule127;
            const ret = {
              ignored: !negative,
              unignored: negative
            };
            if (!negative) {
              ret.rule = rule127;
            }
            return ret;
          }
        }
        return {
          ignored: false,
          unignored: false
        };
      }
    };
    var throwError = (message, Ctor) => {
      throw new Ctor(message);
    };
    var checkPath = (path7, originalPath, doThrow) => {
      if (!isString(path7)) {
        return doThrow(
          `path must be a string, but got \`${originalPath}\``,
          TypeError
        );
      }
      if (!path7) {
        return doThrow(`path must not be empty`, TypeError);
      }
      if (checkPath.isNotRelative(path7)) {
        const r = "`path.relative()`d";
        return doThrow(
          `path should be a ${r} string, but got "${originalPath}"`,
          RangeError
        );
      }
      return true;
    };
    var isNotRelative = (path7) => {
      const first = path7.charCodeAt(0);
      if (first === SLASH_CODE) {
        return true;
      }
      if (first !== DOT_CODE) {
        return false;
      }
      if (path7.length === 1) {
        return true;
      }
      const second = path7.charCodeAt(1);
      if (second === SLASH_CODE) {
        return true;
      }
      if (second !== DOT_CODE) {
        return false;
      }
      return path7.length === 2 || path7.charCodeAt(2) === SLASH_CODE;
    };
    checkPath.isNotRelative = isNotRelative;
    checkPath.convert = (p) => p;
    var convertPath = (target) => isString(target) && checkPath.convert(target);
    var Ignore = class {
      constructor({
        ignorecase = true,
        ignoreCase = ignorecase,
        allowRelativePaths = false
      } = {}) {
        define(this, KEY_IGNORE, true);
        this._rules = new RuleManager(ignoreCase);
        this._strictPathCheck = !allowRelativePaths;
        this._initCache();
      }
      _initCache() {
        this._ignoreCache = /* @__PURE__ */ Object.create(null);
        this._testCache = /* @__PURE__ */ Object.create(null);
      }
      add(pattern) {
        if (this._rules.add(pattern)) {
          this._initCache();
        }
        return this;
      }
      // legacy
      addPattern(pattern) {
        return this.add(pattern);
      }
      // @returns {TestResult}
      _test(originalPath, cache2, path7) {
        checkPath(
          path7,
          originalPath,
          this._strictPathCheck ? throwError : RETURN_FALSE
        );
        return path7 ? this._t(path7, cache2) : {
          ignored: false,
          unignored: false
        };
      }
      checkIgnore(target) {
        const path7 = convertPath(target);
        if (!path7 || path7.charCodeAt(path7.length - 1) !== SLASH_CODE) {
          return this._test(target, this._testCache, path7);
        }
        const dir = this._t(path7, this._testCache);
        if (dir.ignored) {
          return dir;
        }
        const literal2 = this._rules.testLiteral(path7);
        return literal2.ignored || literal2.unignored ? literal2 : dir;
      }
      _t(path7, cache2) {
        if (path7 in cache2) {
          return cache2[path7];
        }
        const parentPath = parentOf(path7);
        const parent = parentPath ? this._t(parentPath, cache2) : UNDEFINED;
        return cache2[path7] = parent && parent.ignored ? parent : this._rules.test(path7, MODE_IGNORE);
      }
      ignores(path7) {
        return this._test(path7, this._ignoreCache, convertPath(path7)).ignored;
      }
      createFilter() {
        return (path7) => !this.ignores(path7);
      }
      filter(paths) {
        return makeArray(paths).filter(this.createFilter());
      }
      // @returns {TestResult}
      test(path7) {
        return this._test(path7, this._testCache, convertPath(path7));
      }
    };
    var factory = (options) => new Ignore(options);
    var isPathValid = (path7) => checkPath(convertPath(path7), path7, RETURN_FALSE);
    var setupWindows = () => {
      const makePosix = (str4) => /^\\\\\?\\/.test(str4) || /["<>|\u0000-\u001F]+/u.test(str4) ? str4 : str4.replace(/\\/g, "/");
      checkPath.convert = makePosix;
      const REGEX_TEST_WINDOWS_PATH_ABSOLUTE = /^[a-z]:\//i;
      checkPath.isNotRelative = (path7) => REGEX_TEST_WINDOWS_PATH_ABSOLUTE.test(path7) || isNotRelative(path7);
    };
    if (
      // Detect `process` so that it can run in browsers.
      typeof process !== "undefined" && process.platform === "win32"
    ) {
      setupWindows();
    }
    module.exports = factory;
    factory.default = factory;
    module.exports.isPathValid = isPathValid;
    define(module.exports, /* @__PURE__ */ Symbol.for("setupWindows"), setupWindows);
  }
});

// src/disk/walk.ts
var walk_exports = {};
__export(walk_exports, {
  readTextFile: () => readTextFile,
  walk: () => walk
});
import { closeSync, lstatSync, openSync, readFileSync as readFileSync5, readSync, readdirSync as readdirSync2 } from "node:fs";
import path4 from "node:path";
function toPosix(p) {
  return p.split(path4.sep).join("/");
}
function loadGitignore(absDir, relDir) {
  let text;
  try {
    text = readFileSync5(childPath(absDir, Buffer.from(".gitignore")), "utf8");
  } catch {
    return void 0;
  }
  return { base: relDir, ig: (0, import_ignore.default)().add(text) };
}
function childPath(dir, name) {
  const s = name.toString("utf8");
  if (typeof dir === "string" && Buffer.from(s).equals(name)) return path4.join(dir, s);
  return Buffer.concat([typeof dir === "string" ? Buffer.from(dir) : dir, Buffer.from(path4.sep), name]);
}
function displayName(name) {
  const s = name.toString("utf8");
  if (Buffer.from(s).equals(name)) return s;
  return Array.from(name, (b) => b < 128 ? String.fromCharCode(b) : `\\x${b.toString(16)}`).join("");
}
function ignoredBy(layers, rel, isDir) {
  for (const l of layers) {
    const sub = l.base ? rel.slice(l.base.length + 1) : rel;
    if (!sub) continue;
    if (l.ig.ignores(isDir ? sub + "/" : sub)) return true;
  }
  return false;
}
async function walk(root, targets, extraIgnore, sink) {
  const rootLayers = [];
  const top = loadGitignore(root, "");
  if (top) rootLayers.push(top);
  try {
    rootLayers.push({ base: "", ig: (0, import_ignore.default)().add(readFileSync5(path4.join(root, ".git", "info", "exclude"), "utf8")) });
  } catch {
  }
  const seen = /* @__PURE__ */ new Set();
  const visit2 = async (abs, rel, layers, explicit) => {
    let st;
    try {
      st = lstatSync(abs);
    } catch (e) {
      sink.error(rel, `cannot read: ${e.code ?? e.message}`);
      return;
    }
    if (st.isSymbolicLink()) {
      sink.skip("other", rel);
      return;
    }
    const inside = rel !== "." && !rel.startsWith("../");
    if (st.isDirectory()) {
      const name = rel.split("/").pop() ?? "";
      if (name === ".git" || name === "node_modules" && !explicit) {
        if (name === "node_modules") sink.skip("ignored", rel);
        return;
      }
      if (inside && !explicit && (ignoredBy(layers, rel, true) || extraIgnore.ignores(rel + "/"))) {
        sink.skip("ignored", rel);
        return;
      }
      const key = `${st.dev}:${st.ino}`;
      if (seen.has(key)) return;
      seen.add(key);
      let next = layers;
      if (inside) {
        const l = loadGitignore(abs, rel);
        if (l) next = [...layers, l];
      }
      let names;
      try {
        names = readdirSync2(abs, { encoding: "buffer" }).sort((a, b) => Buffer.compare(a, b));
      } catch (e) {
        sink.error(rel, `cannot list directory: ${e.code ?? e.message}`);
        return;
      }
      const prefix = rel === "." ? "" : `${rel}/`;
      for (const n of names) await visit2(childPath(abs, n), prefix + displayName(n), next, false);
      return;
    }
    if (!st.isFile()) {
      sink.skip("other", rel);
      return;
    }
    if (inside && !explicit && (ignoredBy(layers, rel, false) || extraIgnore.ignores(rel))) {
      sink.skip("ignored", rel);
      return;
    }
    await sink.file({ abs, rel, size: st.size });
  };
  for (const t of targets) {
    const abs = path4.resolve(t);
    const rel = toPosix(path4.relative(root, abs)) || ".";
    await visit2(abs, rel, rel === "." ? rootLayers : [], true);
  }
}
async function readTextFile(abs, size, opts, onPiece) {
  let fd;
  try {
    fd = openSync(abs, "r");
  } catch (e) {
    return { kind: "error", message: `cannot read: ${e.code ?? e.message}` };
  }
  try {
    if (size <= opts.wholeBytes) {
      const buf = readFileSync5(fd);
      if (isBinary(buf)) return { kind: "binary" };
      const text = decodeText(buf).replace(/\r\n?/g, "\n");
      return {
        kind: "text",
        chunks: [{ startLine: 1, text }],
        ...buf.length <= opts.contentBytes ? { content: text } : {}
      };
    }
    const head = Buffer.alloc(Math.min(8e3, size));
    readSync(fd, head, 0, head.length, 0);
    if (isBinary(head)) return { kind: "binary" };
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
      if (cut === -1) cut = data.length - 1;
      const text = data.subarray(0, cut + 1).toString("utf8").replace(/\r\n?/g, "\n");
      carry = Buffer.from(data.subarray(cut + 1));
      data = Buffer.alloc(0);
      pieces++;
      if (onPiece && !await onPiece({ startLine: line, text }))
        return { kind: "text", chunks: [], pieces, stopped: true };
      line += (text.match(/\n/g) ?? []).length;
    }
    if (carry.length) {
      pieces++;
      await onPiece?.({ startLine: line, text: carry.toString("utf8").replace(/\r\n?/g, "\n") });
    }
    return { kind: "text", chunks: [], pieces };
  } catch (e) {
    return { kind: "error", message: `cannot read: ${e.code ?? e.message}` };
  } finally {
    closeSync(fd);
  }
}
var import_ignore;
var init_walk = __esm({
  "src/disk/walk.ts"() {
    "use strict";
    import_ignore = __toESM(require_ignore(), 1);
    init_blobs();
  }
});

// src/scan/index.ts
var scan_exports = {};
__export(scan_exports, {
  LIMITS: () => LIMITS2,
  baselinePath: () => baselinePath,
  iacRuleDocs: () => iacRuleDocs,
  isNullDevice: () => isNullDevice,
  loadRulesAndConfig: () => loadRulesAndConfig,
  requireRepo: () => requireRepo,
  scan: () => scan,
  secretRuleDoc: () => secretRuleDoc,
  wantsIac: () => wantsIac
});
import { existsSync as existsSync4, readFileSync as readFileSync6 } from "node:fs";
import path5 from "node:path";
function relatedReader(root, disk) {
  const cache2 = /* @__PURE__ */ new Map();
  const read = async (rel, commit) => {
    if (!disk) {
      const { readTreeText: readTreeText2 } = await Promise.resolve().then(() => (init_related(), related_exports));
      return readTreeText2(root, commit ?? "", rel);
    }
    if (!rel || rel.startsWith("/") || rel.split("/").includes("..")) return void 0;
    const { lstat, readFile } = await import("node:fs/promises");
    const abs = path5.join(root, rel);
    const st = await lstat(abs).catch(() => void 0);
    if (!st?.isFile() || st.size > 1024 * 1024) return void 0;
    const b = await readFile(abs);
    return b.subarray(0, 8e3).includes(0) ? void 0 : b.toString("utf8");
  };
  return (rel, commit) => {
    const key = `${commit ?? ""}:${rel}`;
    let p = cache2.get(key);
    if (!p) cache2.set(key, p = read(rel, commit).catch(() => void 0));
    return p;
  };
}
function wantsIac(p) {
  return IAC_NAME.test(p) || NO_EXT.test(p);
}
async function loadIgnore() {
  const m = await Promise.resolve().then(() => __toESM(require_ignore(), 1));
  return m.default ?? m;
}
async function requireRepo(cwd, what, env = {}) {
  const root = await repoRoot(cwd, env);
  if (!root) {
    if (await isBareRepo(cwd)) throw new UsageError(`${what} needs a work tree; ${cwd} is a bare repository`);
    throw new UsageError(`${what} needs a git repository, and ${cwd} is not inside one`);
  }
  return root;
}
async function iacRuleDocs() {
  const fams = await Promise.all([loadFamily("cloudformation"), loadFamily("ansible")]);
  return fams.flatMap(
    (f) => f.rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      category: r.category,
      docs: r.docs,
      remediation: r.remediation
    }))
  );
}
function secretRuleDoc(p) {
  const lines = [
    p.docs ?? `Detects ${p.title.replace(/^./, (c) => c.toLowerCase())} in committed text.`,
    "",
    `Why: a credential in a repository is readable by everyone with access to it, and stays in its history after it is deleted.`,
    "",
    `Fix: ${p.remediation}`,
    "",
    `Keywords: ${p.keywords.join(", ")}${p.entropy ? ` \xB7 minimum entropy ${p.entropy}` : ""}${p.validate ? ` \xB7 validator ${p.validate}` : ""}`,
    p.source && p.source !== "builtin" && !p.source.startsWith("patterns/") ? `Defined in: ${p.source}` : ""
  ];
  return {
    id: p.id,
    title: p.title,
    severity: p.severity,
    category: "secret",
    docs: lines.join("\n").trim(),
    remediation: p.remediation
  };
}
async function loadRulesAndConfig(root, configFile, cwd) {
  const builtin = await loadBuiltinPatterns();
  let config = emptyConfig();
  const file = configFile ? path5.resolve(cwd, configFile) : findConfig(root);
  if (configFile && !existsSync4(file)) throw new UsageError(`config file ${configFile} does not exist`);
  if (file) {
    const builtinIds = new Set(builtin.map((p) => p.id));
    let iacIds;
    const categories = /* @__PURE__ */ new Set(["secret"]);
    const text = readFileSync6(file, "utf8");
    if (/^\s*rules\s*:/m.test(text)) {
      const docs = await iacRuleDocs();
      iacIds = new Set(docs.map((d) => d.id.toLowerCase()));
      for (const d of docs) categories.add(d.category);
    }
    const known2 = /* @__PURE__ */ new Set([...builtinIds, ...iacIds ?? []]);
    config = await loadConfig(file, known2, path5.relative(cwd, file) || file, categories);
  }
  const patterns = [...builtin, ...config.patterns];
  return { patterns, set: compileRuleSet(patterns), config };
}
function isNullDevice(p) {
  return p === "/dev/null" || p.toLowerCase() === "nul" || p === "\\\\.\\nul";
}
function baselinePath(root, cwd, flag, fromConfig) {
  const explicit = flag ?? fromConfig;
  if (explicit !== void 0 && isNullDevice(explicit)) return void 0;
  const file = explicit ? path5.resolve(explicit === flag ? cwd : root, explicit) : path5.join(root, DEFAULT_BASELINE);
  const rel = path5.relative(cwd, file);
  const display = !rel ? file : rel.startsWith("..") ? file : rel;
  return {
    file,
    display,
    explicit: explicit !== void 0,
    fromConfig: flag === void 0 && fromConfig !== void 0
  };
}
async function scan(request2, opts) {
  try {
    return await scanInner(request2, opts);
  } finally {
    if (opts.prestarted && !opts.prestarted.used) opts.prestarted.child.kill();
  }
}
async function scanInner(request2, opts) {
  const t0 = Date.now();
  const gitMode = request2.kind !== "paths";
  const label = { staged: "--staged", "pre-push": "--pre-push", history: "--history", range: "--diff", paths: "scan" }[request2.kind];
  const root = gitMode ? await requireRepo(opts.cwd, `hookguard scan ${label}`, opts.env) : await repoRoot(opts.cwd, opts.env) ?? opts.cwd;
  opts.onPhase?.("repository found");
  const { set, config, patterns } = await loadRulesAndConfig(root, opts.config, opts.cwd);
  opts.onPhase?.("rules and config loaded");
  const failOn = opts.failOn ?? config.failOn ?? "high";
  let baseline;
  const where = baselinePath(root, opts.cwd, opts.baseline, config.baseline);
  if (!opts.noBaseline && where) {
    if (existsSync4(where.file)) {
      const parsed = parseBaseline(readFileSync6(where.file, "utf8"), where.display);
      if ("error" in parsed) throw new UsageError(parsed.error);
      baseline = parsed.entries;
    } else if (where.explicit)
      throw new UsageError(
        `baseline file ${where.display}${where.fromConfig ? ` (baseline: in ${config.file ? path5.relative(opts.cwd, config.file) || config.file : "the config"})` : ""} does not exist: write it with "hookguard baseline", or scan without one with --no-baseline`
      );
  }
  const secretIds = new Set(patterns.map((p) => p.id.toLowerCase()));
  const engine = {
    secrets: set,
    allow: config.allow,
    overrides: config.rules,
    // IaC rule ids are recognised by their shape, so the hook need not load the IaC families to read an allow comment.
    isRuleId: (id) => secretIds.has(id) || IAC_ID.test(id),
    // Every mode runs every family: history audits included (each commit's changed templates and playbooks).
    iac: true,
    examples: config.patterns.flatMap((p) => p.examples.match),
    readRelated: relatedReader(root, request2.kind === "paths"),
    ...opts.verbose ? { explainDropped: true } : {}
  };
  const findings = [];
  const commitSeq = /* @__PURE__ */ new Map();
  const newestFirst = request2.kind === "history" || request2.kind === "range";
  const suppressed = [];
  const errors = [];
  const dropped = [];
  const generatedFiles = /* @__PURE__ */ new Set();
  const skipped = { binary: 0, large: 0, other: 0 };
  const progress = {
    commitsDone: 0,
    commitsTotal: 0,
    bytes: 0,
    files: 0
  };
  const ig = config.ignore.length || request2.kind === "paths" ? (await loadIgnore())().add(config.ignore) : void 0;
  const isIgnored = (p) => ig !== void 0 && config.ignore.length > 0 && ig.ignores(p);
  const onTarget = async (t, rules2 = engine) => {
    progress.files++;
    progress.bytes += t.bytes;
    const out = await examine(t, rules2);
    findings.push(...out.findings);
    suppressed.push(...out.suppressed);
    errors.push(...out.errors);
    if (out.dropped) dropped.push(...out.dropped);
    if (out.generated) generatedFiles.add(t.path);
    opts.onProgress?.(progress);
  };
  const batch = request2.kind === "staged" ? [] : void 0;
  let batchBytes = 0;
  const flushBatch = async (narrow) => {
    if (!batch?.length) return;
    const items = batch.splice(0);
    batchBytes = 0;
    const rules2 = narrow ? {
      ...engine,
      secrets: narrowRuleSet(engine.secrets, items.flatMap((t) => t.chunks.map((c) => c.text)).join("\n"))
    } : engine;
    for (const t of items) await onTarget(t, rules2);
  };
  const sink = {
    target: async (t) => {
      if (isIgnored(t.path)) return;
      if (!batch) return onTarget(t);
      batch.push(t);
      batchBytes += t.bytes + (t.content?.length ?? 0);
      if (batchBytes > LIMITS2.batchBytes) await flushBatch(false);
    },
    skip: (kind) => {
      skipped[kind]++;
    },
    commit: (c) => {
      commitSeq.set(c.sha, progress.commitsDone);
      progress.commitsDone++;
      opts.onProgress?.(progress);
    },
    error: (e) => errors.push(e)
  };
  let pushedTips = [];
  const srcOpts = {
    wantsContent: (p) => engine.iac && wantsIac(p),
    maxContentBytes: LIMITS2.contentBytes,
    maxDecodeBytes: LIMITS2.wholeBytes
  };
  switch (request2.kind) {
    case "staged":
      await stagedSource(root, sink, srcOpts, opts.prestarted);
      await flushBatch(true);
      break;
    case "pre-push": {
      const { shas, tips } = await prePushCommits(root, request2.stdin, request2.remote);
      progress.commitsTotal = shas.length;
      await commitsSource(root, shas, sink, srcOpts);
      pushedTips = tips;
      break;
    }
    case "range": {
      const m = /^(.+?)\.\.\.?(.+)$/.exec(request2.range);
      if (!m) throw new UsageError(`--diff expects BASE..HEAD, got "${request2.range}"`);
      for (const rev of [m[1], m[2]])
        if (!await commitExists(root, rev))
          throw new UsageError(
            `--diff: commit ${rev} is not in this clone; fetch it (git fetch origin ${rev}) or, in GitHub Actions, check out with fetch-depth: 0`
          );
      const revs = [`${m[1]}..${m[2]}`];
      progress.commitsTotal = await countCommits(root, revs);
      await logSource(root, revs, sink, srcOpts);
      break;
    }
    case "history": {
      if (!await hasCommits(root)) break;
      if (request2.since && !await commitExists(root, request2.since))
        throw new UsageError(`--since: ${request2.since} is not a commit in this repository`);
      const revs = request2.since ? [`${request2.since}..HEAD`] : ["--all"];
      progress.commitsTotal = await countCommits(root, revs);
      await logSource(root, revs, sink, srcOpts);
      break;
    }
    case "paths": {
      const targets = request2.paths.length ? request2.paths : ["."];
      for (const p of targets)
        if (!existsSync4(path5.resolve(opts.cwd, p))) throw new UsageError(`path ${p} does not exist`);
      const { readTextFile: readTextFile2, walk: walk2 } = await Promise.resolve().then(() => (init_walk(), walk_exports));
      await walk2(
        root,
        targets.map((p) => path5.resolve(opts.cwd, p)),
        ig,
        {
          skip: (kind) => {
            if (kind !== "ignored") skipped[kind]++;
          },
          error: (rel, message) => errors.push({ file: rel, message }),
          file: async (e) => {
            const deadline = Date.now() + (engine.budgetMs ?? 1e4);
            const r = await readTextFile2(
              e.abs,
              e.size,
              { ...LIMITS2, contentBytes: engine.iac && wantsIac(e.rel) ? LIMITS2.contentBytes : 0 },
              async (c) => {
                if (Date.now() > deadline) {
                  errors.push({
                    file: e.rel,
                    line: c.startLine,
                    message: `time budget spent: lines from ${c.startLine} on were not scanned`,
                    incomplete: true
                  });
                  return false;
                }
                await onTarget({ path: e.rel, chunks: [c], bytes: Buffer.byteLength(c.text) });
                return true;
              }
            );
            if (r.kind === "binary") skipped.binary++;
            else if (r.kind === "error") errors.push({ file: e.rel, message: r.message });
            else if (r.pieces) {
              skipped.large++;
              if (e.size > LIMITS2.maxBytes && !r.stopped)
                errors.push({
                  file: e.rel,
                  message: `only the first ${LIMITS2.maxBytes >> 20} MiB were scanned`,
                  incomplete: true
                });
            } else
              await onTarget({
                path: e.rel,
                chunks: r.chunks,
                ...r.content !== void 0 ? { content: r.content } : {},
                bytes: e.size
              });
          }
        }
      );
      break;
    }
  }
  opts.onPhase?.("sources scanned");
  if (pushedTips.length) {
    const atTips = await iacAtTips(
      root,
      pushedTips,
      findings.filter((f) => !f.secret && f.commit && f.blocking),
      engine
    );
    for (let i = findings.length - 1; i >= 0; i--) {
      const f = findings[i];
      if (!f.secret && f.commit && !atTips.has(f.fingerprint)) findings.splice(i, 1);
    }
  }
  const kept = [];
  const matchedBaseline = /* @__PURE__ */ new Set();
  const unmatched = [];
  for (const f of findings) {
    if (baseline?.has(f.fingerprint)) {
      matchedBaseline.add(f.fingerprint);
      suppressed.push(toSuppressed(f, "baseline", "accepted in baseline"));
      continue;
    }
    unmatched.push(f);
  }
  const byKey = /* @__PURE__ */ new Map();
  if (baseline) {
    for (const e of baseline.values())
      if (e.key && !matchedBaseline.has(e.fingerprint) && !existsSync4(path5.join(root, e.file))) byKey.set(e.key, e);
  }
  for (const f of unmatched) {
    const e = f.contentKey ? byKey.get(f.contentKey) : void 0;
    if (e) {
      byKey.delete(f.contentKey);
      matchedBaseline.add(e.fingerprint);
      suppressed.push(toSuppressed(f, "baseline", `accepted in baseline (as ${e.file})`));
      continue;
    }
    kept.push(f);
  }
  const seq = (f) => {
    const n = f.commit ? commitSeq.get(f.commit) : void 0;
    return n === void 0 ? void 0 : newestFirst ? -n : n;
  };
  const older = (a, b) => {
    const x = seq(a);
    const y = seq(b);
    return x !== void 0 && y !== void 0 && x < y;
  };
  const dedup = /* @__PURE__ */ new Map();
  for (const f of kept) {
    const key = f.category === "secret" ? `${f.fingerprint}:${f.commit ?? ""}:${f.file}:${f.line}` : f.fingerprint;
    const prev = dedup.get(key);
    if (!prev || !prev.blocking && f.blocking || prev.blocking === f.blocking && older(f, prev)) dedup.set(key, f);
  }
  const all = [...dedup.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)
  );
  let ownersFrom;
  if (all.length) {
    const own = await loadOwnership(root, config, request2.kind === "staged");
    if (own.ownership) {
      assignOwners(own.ownership, all);
      ownersFrom = own.ownership.from;
    }
    errors.push(...own.problems);
  }
  const blocking = all.filter((f) => f.blocking);
  const existing = all.filter((f) => !f.blocking);
  const fullScan = request2.kind === "paths" || request2.kind === "history" && !request2.since;
  const staleBaseline = fullScan && baseline ? [...baseline.keys()].filter((k) => !matchedBaseline.has(k)) : [];
  const bySeverity = {};
  for (const f of blocking) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  const result2 = {
    findings: blocking,
    existing,
    suppressed,
    errors,
    staleBaseline,
    summary: {
      files: progress.files,
      bytes: progress.bytes,
      ...request2.kind === "paths" || request2.kind === "staged" ? {} : { commits: progress.commitsDone },
      skipped,
      ...generatedFiles.size ? { generated: generatedFiles.size } : {},
      durationMs: Date.now() - t0,
      bySeverity
    },
    ...opts.verbose ? { dropped } : {},
    ...ownersFrom ? { ownersFrom } : {},
    ...config.escalation ? { escalation: config.escalation } : {}
  };
  const hook2 = request2.kind === "staged" || request2.kind === "pre-push";
  const exitCode = blocking.some((f) => atLeast(f.severity, failOn)) || hook2 && failOn !== "none" && errors.some((e) => e.incomplete) ? 1 : 0;
  return { result: result2, failOn, root, exitCode, config };
}
async function iacAtTips(root, tips, found, engine) {
  const out = /* @__PURE__ */ new Set();
  const files = [...new Set(found.map((f) => f.file))];
  if (!files.length) return out;
  const blobs = await readAtRevs(
    root,
    tips.flatMap((tip) => files.map((file) => ({ rev: tip, path: file }))),
    LIMITS2.contentBytes
  );
  for (const b of blobs) {
    if (b.text === void 0) continue;
    const r = await examine({ path: b.path, chunks: [], content: b.text, bytes: b.text.length }, engine);
    for (const f of r.findings) out.add(f.fingerprint);
  }
  return out;
}
var LIMITS2, IAC_NAME, NO_EXT, IAC_ID;
var init_scan = __esm({
  "src/scan/index.ts"() {
    "use strict";
    init_types();
    init_load();
    init_detect();
    init_load2();
    init_engine();
    init_baseline();
    init_repo();
    init_owners();
    init_owners2();
    init_sources();
    LIMITS2 = {
      /** Largest file read whole for IaC rules. */
      contentBytes: 2 * 1024 * 1024,
      /** Disk files up to this are read in one go; larger ones in pieces. */
      wholeBytes: 8 * 1024 * 1024,
      pieceBytes: 1024 * 1024,
      /** A staged change up to this size is prefiltered as a whole (see flushBatch). */
      batchBytes: 512 * 1024,
      /** Disk files are scanned up to this many bytes; the rest is reported as not scanned. */
      maxBytes: 256 * 1024 * 1024
    };
    IAC_NAME = /\.(?:ya?ml|json|template|tmpl|cfn)$|(?:^|\/)(?:ansible\.cfg|\.ansible\.cfg)$|(?:^|\/)(?:group_vars|host_vars|inventory|inventories)\/|(?:^|\/)(?:hosts|inventory)(?:\.ini)?$/i;
    NO_EXT = /(?:^|\/)[^/.]+$|\.(?:txt|ini|cfg|conf)$/i;
    IAC_ID = /^(?:cfn|ans)-[a-z0-9]+(?:-[a-z0-9]+)*$/;
  }
});

// src/report/sarif.ts
var sarif_exports = {};
__export(sarif_exports, {
  DOCS_BASE: () => DOCS_BASE,
  sarifReport: () => sarifReport
});
function shortHelp(r) {
  const first = r.docs.split(/\n\s*\n/)[0].trim().slice(0, 600);
  const fix = r.remediation ? `

Fix: ${r.remediation}` : "";
  return `${first}${fix}

More: hookguard explain ${r.id}`;
}
function ruleEntry(r) {
  const help = shortHelp(r);
  return {
    id: r.id,
    name: r.id.replace(/(^|[-_])([a-z0-9])/gi, (_m, _s, c) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.title },
    helpUri: `${DOCS_BASE}${encodeURIComponent(r.id)}.md`,
    help: { text: help, markdown: help },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      "security-severity": SECURITY_SEVERITY[r.severity],
      tags: ["security", r.category],
      precision: r.category === "secret" ? "high" : "very-high"
    }
  };
}
function result(f, ruleIndex, existing) {
  return {
    ruleId: f.ruleId,
    ...ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {},
    level: LEVEL[f.severity],
    message: { text: `${f.message}${f.match ? ` [${f.match}]` : ""} Fix: ${f.remediation}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.file.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }
        }
      }
    ],
    partialFingerprints: { "hookguard/v1": f.fingerprint },
    ...existing ? { baselineState: "unchanged" } : {},
    properties: {
      severity: f.severity,
      ...f.commit ? { commit: f.commit } : {},
      ...f.confidence ? { confidence: f.confidence } : {},
      ...f.owners ? { owners: f.owners } : {}
    }
  };
}
function sarifReport(r, ctx) {
  const used = new Set([...r.findings, ...r.existing].map((f) => f.ruleId));
  const rules2 = ctx.rules.filter((x) => used.has(x.id)).sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(rules2.map((rule127, i) => [rule127.id, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "hookguard",
            version: ctx.toolVersion,
            semanticVersion: ctx.toolVersion,
            informationUri: "https://github.com/hookguard/hookguard",
            rules: rules2.map(ruleEntry)
          }
        },
        results: [...r.findings.map((f) => result(f, index, false)), ...r.existing.map((f) => result(f, index, true))],
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: r.errors.map((e) => ({
              level: "warning",
              message: { text: e.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: e.file },
                    ...e.line ? { region: { startLine: e.line } } : {}
                  }
                }
              ]
            }))
          }
        ],
        columnKind: "utf16CodeUnits"
      }
    ]
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
var SECURITY_SEVERITY, LEVEL, DOCS_BASE;
var init_sarif = __esm({
  "src/report/sarif.ts"() {
    "use strict";
    SECURITY_SEVERITY = {
      critical: "9.5",
      high: "8.0",
      medium: "5.5",
      low: "3.0",
      info: "1.0"
    };
    LEVEL = {
      critical: "error",
      high: "error",
      medium: "warning",
      low: "note",
      info: "note"
    };
    DOCS_BASE = "https://github.com/hookguard/hookguard/blob/main/docs/rules/";
  }
});

// src/action/main.ts
init_types();
init_run();
import { mkdirSync, writeFileSync } from "node:fs";
import path6 from "node:path";

// src/report/github.ts
init_types();
function escapeData(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function annotation(f, level) {
  const props = [
    `file=${escapeProperty(f.file)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `endLine=${f.endLine}`,
    ...f.endLine === f.line ? [`endColumn=${f.endColumn}`] : [],
    `title=${escapeProperty(`${f.ruleId}: ${f.title}`)}`
  ];
  const msg = `${f.message}${f.match ? ` [${f.match}]` : ""}${f.commit ? ` (commit ${f.commit.slice(0, 12)})` : ""}
Fix: ${f.remediation}`;
  return `::${level} ${props.join(",")}::${escapeData(msg)}`;
}
function githubReport(r, ctx) {
  const lines = r.findings.map((f) => annotation(f, atLeast(f.severity, ctx.failOn) ? "error" : "warning"));
  for (const f of r.existing) lines.push(annotation(f, "notice"));
  for (const e of r.errors)
    lines.push(
      `::warning file=${escapeProperty(e.file)}${e.line ? `,line=${e.line}` : ""},title=hookguard::${escapeData(e.message)}`
    );
  return lines.length ? lines.join("\n") + "\n" : "";
}

// src/report/text.ts
init_types();
var COLORS = {
  critical: [35, 39],
  high: [31, 39],
  medium: [33, 39],
  low: [36, 39],
  info: [34, 39],
  dim: [2, 22],
  bold: [1, 22],
  ok: [32, 39]
};
function painter(on) {
  return (k, s) => on ? `\x1B[${COLORS[k][0]}m${s}\x1B[${COLORS[k][1]}m` : s;
}
function groupByFile(findings) {
  const m = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const list2 = m.get(f.file) ?? [];
    list2.push(f);
    m.set(f.file, list2);
  }
  return m;
}
function counts(findings) {
  const parts = [];
  for (const s of SEVERITIES) {
    const n = findings.filter((f) => f.severity === s).length;
    if (n) parts.push(`${n} ${s}`);
  }
  return parts.join(", ");
}
function textReport(r, ctx) {
  const c = painter(ctx.color);
  const out = [];
  const section = (findings, existing) => {
    for (const [file, list2] of groupByFile(findings)) {
      out.push(c("bold", file));
      for (const f of list2) {
        const blocks = !existing && atLeast(f.severity, ctx.failOn);
        const sev = c(f.severity, f.severity.padEnd(8));
        const pos = `${f.line}:${f.column}`;
        const where = pos.length >= 8 ? `${pos} ` : pos.padEnd(8);
        const prov = f.commit ? c(
          "dim",
          `  (commit ${f.commit.slice(0, 10)}${f.author ? `, ${f.author}` : ""}${f.date ? `, ${f.date.slice(0, 10)}` : ""})`
        ) : "";
        out.push(`  ${where}${sev} ${blocks ? "" : c("dim", "(not blocking) ")}${f.ruleId}  ${f.title}${prov}`);
        if (f.snippet) out.push(c("dim", `          \u2502 `) + f.snippet.trim());
        out.push(c("dim", `          \u2502 `) + f.message);
        if (f.remediation) out.push(`          ${c("ok", "fix:")} ${f.remediation}`);
        if (blocks && f.owners?.length) out.push(`          ${c("bold", "owners:")} ${f.owners.join(", ")}`);
      }
      out.push("");
    }
  };
  section(r.findings, false);
  if (r.existing.length) {
    out.push(c("bold", `Existing problems in the files you touched (not blocking: outside the lines changed here):`));
    section(r.existing, true);
  }
  if (r.errors.length) {
    out.push(c("bold", "Files with problems (skipped or scanned in part):"));
    for (const e of r.errors)
      out.push(
        `  ${e.file}${e.line ? `:${e.line}` : ""}${e.commit ? ` (commit ${e.commit.slice(0, 10)})` : ""}: ${e.message}`
      );
    out.push("");
  }
  if (r.staleBaseline.length)
    out.push(
      c(
        "dim",
        `${r.staleBaseline.length} baseline entr${r.staleBaseline.length === 1 ? "y no longer matches" : "ies no longer match"} any finding; "hookguard baseline --prune" drops ${r.staleBaseline.length === 1 ? "it" : "them"} and keeps every entry that still matches.`
      )
    );
  const s = r.summary;
  const skipped = s.skipped.binary + s.skipped.large + s.skipped.other;
  const scanned = `${s.files} file${s.files === 1 ? "" : "s"}${s.commits !== void 0 ? ` in ${s.commits} commit${s.commits === 1 ? "" : "s"}` : ""}, ${fmtBytes(s.bytes)}${skipped ? ` (${s.skipped.binary} binary and ${s.skipped.other} other skipped, ${s.skipped.large} large streamed)` : ""}${s.generated ? `, ${s.generated} generated (minified/source map/vendored: provider-format rules only)` : ""}, ${s.durationMs} ms`;
  const supp = r.suppressed.length ? `; ${r.suppressed.length} suppressed (${["inline", "baseline", "config", "metadata"].map((b) => [b, r.suppressed.filter((x) => x.by === b).length]).filter(([, n]) => n).map(([b, n]) => `${b} ${n}`).join(", ")})` : "";
  const blocking = r.findings.filter((f) => atLeast(f.severity, ctx.failOn));
  if (r.findings.length === 0) {
    out.push(`${c("ok", "\u2714")} hookguard: no findings in ${ctx.scope ? `${ctx.scope}, ` : ""}${scanned}${supp}.`);
  } else {
    out.push(
      `${blocking.length ? c("high", "\u2716") : c("medium", "!")} hookguard: ${r.findings.length} finding${r.findings.length === 1 ? "" : "s"} (${counts(r.findings)}) in ${scanned}${supp}.`
    );
    if (blocking.length)
      out.push(
        `  ${blocking.length} at or above "${ctx.failOn}" block${blocking.length === 1 ? "s" : ""} this. False positive? Add "hookguard:allow RULE_ID reason" in a comment on that line, or accept it with "hookguard baseline".`,
        `  More on a rule: hookguard explain ${blocking[0].ruleId}`
      );
    const esc = r.escalation;
    if (blocking.length && (esc?.contact || esc?.doc))
      out.push(
        `  Stuck? ${[esc.contact ? `Escalate to ${esc.contact}` : "", esc.doc ? `see ${esc.doc}` : ""].filter(Boolean).join(" \xB7 ")} \u2014 do not bypass the check with --no-verify.`
      );
  }
  return out.join("\n") + "\n";
}
function fmtBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

// node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }
  if (typeof process === "object" && process.version !== void 0) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${process.arch})`;
  }
  return "<environment undetectable>";
}

// node_modules/before-after-hook/lib/register.js
function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }
  if (!options) {
    options = {};
  }
  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name2) => {
      return register.bind(null, state, name2, callback, options);
    }, method)();
  }
  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }
    return state.registry[name].reduce((method2, registered) => {
      return registered.hook.bind(null, method2, options);
    }, method)();
  });
}

// node_modules/before-after-hook/lib/add.js
function addHook(state, kind, name, hook2) {
  const orig = hook2;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }
  if (kind === "before") {
    hook2 = (method, options) => {
      return Promise.resolve().then(orig.bind(null, options)).then(method.bind(null, options));
    };
  }
  if (kind === "after") {
    hook2 = (method, options) => {
      let result2;
      return Promise.resolve().then(method.bind(null, options)).then((result_) => {
        result2 = result_;
        return orig(result2, options);
      }).then(() => {
        return result2;
      });
    };
  }
  if (kind === "error") {
    hook2 = (method, options) => {
      return Promise.resolve().then(method.bind(null, options)).catch((error) => {
        return orig(error, options);
      });
    };
  }
  state.registry[name].push({
    hook: hook2,
    orig
  });
}

// node_modules/before-after-hook/lib/remove.js
function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }
  const index = state.registry[name].map((registered) => {
    return registered.orig;
  }).indexOf(method);
  if (index === -1) {
    return;
  }
  state.registry[name].splice(index, 1);
}

// node_modules/before-after-hook/index.js
var bind = Function.bind;
var bindable = bind.bind(bind);
function bindApi(hook2, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook2.api = { remove: removeHookRef };
  hook2.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook2[kind] = hook2.api[kind] = bindable(addHook, null).apply(null, args);
  });
}
function Singular() {
  const singularHookName = /* @__PURE__ */ Symbol("Singular");
  const singularHookState = {
    registry: {}
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}
function Collection() {
  const state = {
    registry: {}
  };
  const hook2 = register.bind(null, state);
  bindApi(hook2, state);
  return hook2;
}
var before_after_hook_default = { Singular, Collection };

// node_modules/@octokit/endpoint/dist-bundle/index.js
var VERSION = "0.0.0-development";
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
function mergeDeep(defaults, options) {
  const result2 = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (isPlainObject(options[key])) {
      if (!(key in defaults)) Object.assign(result2, { [key]: options[key] });
      else result2[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result2, { [key]: options[key] });
    }
  });
  return result2;
}
function removeUndefinedProperties(obj2) {
  for (const key in obj2) {
    if (obj2[key] === void 0) {
      delete obj2[key];
    }
  }
  return obj2;
}
function merge(defaults, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}
function omit(object, keysToOmit) {
  const result2 = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result2[key] = object[key];
    }
  }
  return result2;
}
function encodeReserved(str4) {
  return str4.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str4) {
  return encodeURIComponent(str4).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result2 = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result2.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result2.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result2.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result2.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result2.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result2.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result2.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result2.push("");
    }
  }
  return result2;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal2) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal2);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}
function parse(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}
function endpointWithDefaults(defaults, route, options) {
  return parse(merge(defaults, route, options));
}
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}
var endpoint = withDefaults(null, DEFAULTS);

// node_modules/content-type/dist/index.js
var SP = 32;
var HTAB = 9;
var SEMI = 59;
var EQ = 61;
var DQUOTE = 34;
var BSLASH = 92;
var COMMA = 44;
var LOWER_CASE = 1;
var OWS = 2;
var SEMI_FLAG = 4;
var COMMA_FLAG = 8;
var TOKEN_FLAG = 16;
var NON_ASCII = 65280;
var CASE_FLAGS = LOWER_CASE | NON_ASCII;
var CHAR_MAP = new Uint8Array(256);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code2 = 128; code2 <= 255; code2++) {
  CHAR_MAP[code2] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
  CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code2 = 48; code2 <= 57; code2++) {
  CHAR_MAP[code2] |= TOKEN_FLAG;
}
for (let code2 = 65; code2 <= 90; code2++) {
  CHAR_MAP[code2] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code2 = 97; code2 <= 122; code2++) {
  CHAR_MAP[code2] |= TOKEN_FLAG;
}
var NullObject = /* @__PURE__ */ (() => {
  const C = function() {
  };
  C.prototype = /* @__PURE__ */ Object.create(null);
  return C;
})();
function parse2(header, options) {
  const stopFlags = SEMI_FLAG | (options?.comma === true ? COMMA_FLAG : 0);
  const len = header.length;
  let valueStart = options?.start ?? 0;
  while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
    valueStart++;
  }
  let index = valueStart;
  let typeFlags = 0;
  let whitespace = -1;
  let stop = options?.parameters === false ? COMMA_FLAG : 0;
  while (index < len) {
    const code2 = header.charCodeAt(index);
    const flags = CHAR_MAP[code2];
    if ((flags & stopFlags) !== 0) {
      stop |= flags & COMMA_FLAG;
      break;
    }
    if ((flags & OWS) !== 0) {
      if (whitespace === -1)
        whitespace = index;
    } else {
      whitespace = -1;
    }
    typeFlags |= code2 & NON_ASCII | flags;
    index++;
  }
  const valueEnd = whitespace === -1 ? index : whitespace;
  const value = header.slice(valueStart, valueEnd);
  const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
  if (index === len || stop !== 0) {
    return { type, index, parameters: new NullObject() };
  }
  return parseParameters(header, type, index, len, stopFlags);
}
function parseParameters(header, type, index, len, stopFlags) {
  const parameters = new NullObject();
  parameter: while (index < len) {
    index++;
    while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
      index++;
    }
    const keyStart = index;
    let keyFlags = 0;
    let keyWhitespace = -1;
    while (index < len) {
      const code2 = header.charCodeAt(index);
      const flags = CHAR_MAP[code2];
      if ((flags & stopFlags) !== 0) {
        if ((flags & COMMA_FLAG) !== 0)
          break parameter;
        continue parameter;
      }
      if (code2 === EQ) {
        const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
        const value = header.slice(keyStart, keyEnd);
        const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
        index++;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
          index++;
        }
        if (index < len && header.charCodeAt(index) === DQUOTE) {
          const quotedStart = ++index;
          let escaped = false;
          while (index < len) {
            const code3 = header.charCodeAt(index);
            if (code3 === DQUOTE) {
              if (parameters[key] === void 0) {
                parameters[key] = escaped ? unescapeQuotedPairs(header, quotedStart, index) : header.slice(quotedStart, index);
              }
              index++;
              let stop2 = 0;
              while (index < len) {
                const code4 = header.charCodeAt(index);
                const flags2 = CHAR_MAP[code4];
                if ((flags2 & stopFlags) !== 0) {
                  stop2 = flags2 & COMMA_FLAG;
                  break;
                }
                index++;
              }
              if (stop2 !== 0)
                break parameter;
              continue parameter;
            }
            if (code3 === BSLASH && index + 1 < len) {
              escaped = true;
              index += 2;
              continue;
            }
            index++;
          }
          continue parameter;
        }
        const valueStart = index;
        let stop = 0;
        let valueWhitespace = -1;
        while (index < len) {
          const code3 = header.charCodeAt(index);
          const flags2 = CHAR_MAP[code3];
          if ((flags2 & stopFlags) !== 0) {
            stop = flags2 & COMMA_FLAG;
            break;
          }
          if ((flags2 & OWS) !== 0) {
            if (valueWhitespace === -1)
              valueWhitespace = index;
          } else {
            valueWhitespace = -1;
          }
          index++;
        }
        if (parameters[key] === void 0) {
          const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
          parameters[key] = header.slice(valueStart, valueEnd);
        }
        if (stop !== 0)
          break parameter;
        continue parameter;
      }
      if ((flags & OWS) !== 0) {
        if (keyWhitespace === -1)
          keyWhitespace = index;
      } else {
        keyWhitespace = -1;
      }
      keyFlags |= code2 & NON_ASCII | flags;
      index++;
    }
  }
  return { type, index, parameters };
}
function unescapeQuotedPairs(str4, start, end) {
  let result2 = "";
  for (let index = start; index < end; index++) {
    if (str4.charCodeAt(index) === BSLASH) {
      result2 += str4.slice(start, index);
      start = ++index;
    }
  }
  return result2 + str4.slice(start, end);
}

// node_modules/json-with-bigint/json-with-bigint.js
var intRegex = /^-?\d+$/;
var noiseValue = /^-?\d+n+$/;
var originalStringify = JSON.stringify;
var originalParse = JSON.parse;
var customFormat = /^-?\d+n$/;
var bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
var noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;
var isUnstringifiable = (val) => val === void 0 || typeof val === "function" || typeof val === "symbol";
var isRawJSON = (val) => val !== null && typeof val === "object" && val.constructor && val.constructor.name === "RawJSON";
var stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }
  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer) ? new Set(replacer.map(String)) : null;
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";
    if (hasToJSON) {
      val = val.toJSON(key);
    }
    const isNoise = typeof val === "string" && noiseValue.test(val);
    if (isNoise) return val + "n";
    const isBigInt = typeof val === "bigint";
    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return JSON.rawJSON(val.toString());
      return val.toString() + "n";
    }
    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }
    const isPostReplacerObject = val !== null && typeof val === "object";
    if (isPostReplacerObject) {
      const isPrimitiveWrapper = val instanceof Number || val instanceof String || val instanceof Boolean;
      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }
    return val;
  };
  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);
  if (isUnstringifiable(rootProcessed)) {
    return void 0;
  }
  const isRootPrimitive = rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);
  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }
  const chunks = [];
  let level = 0;
  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true
    }
  ];
  const visited = new WeakSet([rootProcessed]);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }
    let isDone = false;
    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");
        if (space) chunks.push("\n" + space.repeat(level));
        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);
        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject = childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);
          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }
            visited.add(childVal);
            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true
            });
            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];
        const isFilteredOutByArray = propertyList && !propertyList.has(k);
        if (isFilteredOutByArray) continue;
        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);
        if (isUnstringifiable(childVal)) continue;
        if (!node.first) chunks.push(",");
        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
        } else {
          chunks.push(originalStringify(k) + ":");
        }
        const isComplexObject = childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);
        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }
          visited.add(childVal);
          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true
          });
          node.first = false;
          break;
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }
      const isNodeFullyProcessed = node.index >= node.keys.length && stack[stack.length - 1] === node;
      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }
    if (isDone) {
      level--;
      if (!node.first && space) chunks.push("\n" + space.repeat(level));
      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }
  return chunks.join("");
};
var JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;
    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());
          const hasFunctionReplacer = typeof replacer === "function";
          if (hasFunctionReplacer) return replacer(key, val);
          const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
          if (isKeyInArrayReplacer) return val;
          return val;
        },
        space
      );
    }
    if (!value) return originalStringify(value, replacer, space);
    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);
        if (isNoise) return val.toString() + "n";
        if (typeof val === "bigint") return val.toString() + "n";
        const hasFunctionReplacer = typeof replacer === "function";
        if (hasFunctionReplacer) return replacer(key, val);
        const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
        if (isKeyInArrayReplacer) return val;
        return val;
      },
      space
    );
    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3"
    );
    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3");
    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);
      if (convertedJSON === void 0) return void 0;
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return convertedJSON;
      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");
      return processedJSON.replace(noiseStringify, "$1$2$3");
    }
    throw error;
  }
};
var featureCache = /* @__PURE__ */ new Map();
var isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();
  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }
  try {
    const result2 = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1"
    );
    featureCache.set(parseFingerprint, result2);
    return result2;
  } catch {
    featureCache.set(parseFingerprint, false);
    return false;
  }
};
var convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt = typeof value === "string" && customFormat.test(value);
  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));
  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);
  const hasUserReviver = typeof userReviver === "function";
  if (!hasUserReviver) return value;
  return userReviver(key, value, context);
};
var JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds = value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;
    if (isBigInt) return BigInt(context.source);
    const hasCustomReviver = typeof reviver === "function";
    if (!hasCustomReviver) return value;
    return reviver(key, value, context);
  });
};
var MAX_INT = Number.MAX_SAFE_INTEGER.toString();
var MAX_DIGITS = MAX_INT.length;
var stringsOrLargeNumbers = /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
var noiseValueWithQuotes = /^"-?\d+n+"$/;
var applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (!node.visited) {
      node.visited = true;
      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";
      if (isComplexObject) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];
      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);
        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);
          if (isNoise) value = value.slice(0, -1);
        }
      }
      const hasUserReviver = typeof userReviver === "function";
      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }
      const isDeleted = value === void 0;
      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }
      stack.pop();
    }
  }
  return rootHolder[""];
};
var serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);
      if (isNoise) return match.substring(0, match.length - 1) + 'n"';
      const hasFractionalOrExponential = fractional || exponential;
      const isLessThanMaxSafeInt = digits && (digits.length < MAX_DIGITS || digits.length === MAX_DIGITS && digits <= MAX_INT);
      const isStandardValue = isString || hasFractionalOrExponential || isLessThanMaxSafeInt;
      if (isStandardValue) return match;
      return '"' + match + 'n"';
    }
  );
};
var JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);
  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver);
    const serializedData = serializeBigInts(text);
    return originalParse(
      serializedData,
      (key, value, context) => convertMarkedBigIntsReviver(key, value, context, reviver)
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);
      return applyReviverIteratively(parsed, reviver);
    }
    throw error;
  }
};

// node_modules/@octokit/request-error/dist-src/index.js
var RequestError = class extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
};

// node_modules/@octokit/request/dist-bundle/index.js
var VERSION2 = "10.0.16";
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION2} ${getUserAgent()}`
  }
};
function isPlainObject2(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop = () => "";
async function fetchWrapper(requestOptions) {
  const fetch2 = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch2) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject2(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch2(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = parse2(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}
function withDefaults2(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: withDefaults2.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults2.bind(null, endpoint2)
  });
}
var request = withDefaults2(endpoint, defaults_default);

// node_modules/@octokit/graphql/dist-bundle/index.js
var VERSION3 = "0.0.0-development";
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result2, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result2[key] = parsedOptions[key];
      return result2;
    }
    if (!result2.variables) {
      result2.variables = {};
    }
    result2.variables[key] = parsedOptions[key];
    return result2;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}
function withDefaults3(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: withDefaults3.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}
var graphql2 = withDefaults3(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION3} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults3(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

// node_modules/@octokit/auth-token/dist-bundle/index.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep}${b64url}${sep}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}
async function hook(token, request2, route, parameters) {
  const endpoint2 = request2.endpoint.merge(
    route,
    parameters
  );
  endpoint2.headers.authorization = withAuthorizationPrefix(token);
  return request2(endpoint2);
}
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token), {
    hook: hook.bind(null, token)
  });
};

// node_modules/@octokit/core/dist-src/version.js
var VERSION4 = "7.0.8";

// node_modules/@octokit/core/dist-src/index.js
var noop2 = () => {
};
var consoleWarn = console.warn.bind(console);
var consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop2;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop2;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
var userAgentTrail = `octokit-core.js/${VERSION4} ${getUserAgent()}`;
var Octokit = class {
  static VERSION = VERSION4;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options,
            options.userAgent && defaults.userAgent ? {
              userAgent: `${options.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook2 = new before_after_hook_default.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook2.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options.log);
    this.hook = hook2;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth2 = createTokenAuth(options.auth);
        hook2.wrap("request", auth2.hook);
        this.auth = auth2;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth2 = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook2.wrap("request", auth2.hook);
      this.auth = auth2;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
};

// node_modules/@octokit/plugin-request-log/dist-src/version.js
var VERSION5 = "6.0.0";

// node_modules/@octokit/plugin-request-log/dist-src/index.js
function requestLog(octokit) {
  octokit.hook.wrap("request", (request2, options) => {
    octokit.log.debug("request", options);
    const start = Date.now();
    const requestOptions = octokit.request.endpoint.parse(options);
    const path7 = requestOptions.url.replace(options.baseUrl, "");
    return request2(options).then((response) => {
      const requestId = response.headers["x-github-request-id"];
      octokit.log.info(
        `${requestOptions.method} ${path7} - ${response.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      return response;
    }).catch((error) => {
      const requestId = error.response?.headers["x-github-request-id"] || "UNKNOWN";
      octokit.log.error(
        `${requestOptions.method} ${path7} - ${error.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      throw error;
    });
  });
}
requestLog.VERSION = VERSION5;

// node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var VERSION6 = "0.0.0-development";
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result2) => {
    if (result2.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result2.value, done) : result2.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}
var composePaginateRest = Object.assign(paginate, {
  iterator
});
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest.VERSION = VERSION6;

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/version.js
var VERSION7 = "17.0.0";

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/generated/endpoints.js
var Endpoints = {
  actions: {
    addCustomLabelsToSelfHostedRunnerForOrg: [
      "POST /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    addCustomLabelsToSelfHostedRunnerForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    addRepoAccessToSelfHostedRunnerGroupInOrg: [
      "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    approveWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve"
    ],
    cancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel"
    ],
    createEnvironmentVariable: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    createHostedRunnerForOrg: ["POST /orgs/{org}/actions/hosted-runners"],
    createOrUpdateEnvironmentSecret: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    createOrUpdateOrgSecret: ["PUT /orgs/{org}/actions/secrets/{secret_name}"],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    createOrgVariable: ["POST /orgs/{org}/actions/variables"],
    createRegistrationTokenForOrg: [
      "POST /orgs/{org}/actions/runners/registration-token"
    ],
    createRegistrationTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/registration-token"
    ],
    createRemoveTokenForOrg: ["POST /orgs/{org}/actions/runners/remove-token"],
    createRemoveTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/remove-token"
    ],
    createRepoVariable: ["POST /repos/{owner}/{repo}/actions/variables"],
    createWorkflowDispatch: [
      "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
    ],
    deleteActionsCacheById: [
      "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
    ],
    deleteActionsCacheByKey: [
      "DELETE /repos/{owner}/{repo}/actions/caches{?key,ref}"
    ],
    deleteArtifact: [
      "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"
    ],
    deleteCustomImageFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    deleteCustomImageVersionFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    deleteEnvironmentSecret: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    deleteEnvironmentVariable: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    deleteHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/actions/secrets/{secret_name}"],
    deleteOrgVariable: ["DELETE /orgs/{org}/actions/variables/{name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    deleteRepoVariable: [
      "DELETE /repos/{owner}/{repo}/actions/variables/{name}"
    ],
    deleteSelfHostedRunnerFromOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}"
    ],
    deleteSelfHostedRunnerFromRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    deleteWorkflowRun: ["DELETE /repos/{owner}/{repo}/actions/runs/{run_id}"],
    deleteWorkflowRunLogs: [
      "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    disableSelectedRepositoryGithubActionsOrganization: [
      "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    disableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable"
    ],
    downloadArtifact: [
      "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"
    ],
    downloadJobLogsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs"
    ],
    downloadWorkflowRunAttemptLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs"
    ],
    downloadWorkflowRunLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    enableSelectedRepositoryGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    enableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable"
    ],
    forceCancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel"
    ],
    generateRunnerJitconfigForOrg: [
      "POST /orgs/{org}/actions/runners/generate-jitconfig"
    ],
    generateRunnerJitconfigForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig"
    ],
    getActionsCacheList: ["GET /repos/{owner}/{repo}/actions/caches"],
    getActionsCacheUsage: ["GET /repos/{owner}/{repo}/actions/cache/usage"],
    getActionsCacheUsageByRepoForOrg: [
      "GET /orgs/{org}/actions/cache/usage-by-repository"
    ],
    getActionsCacheUsageForOrg: ["GET /orgs/{org}/actions/cache/usage"],
    getAllowedActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/selected-actions"
    ],
    getAllowedActionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    getArtifact: ["GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"],
    getCustomImageForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    getCustomImageVersionForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    getCustomOidcSubClaimForRepo: [
      "GET /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    getEnvironmentPublicKey: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"
    ],
    getEnvironmentSecret: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    getEnvironmentVariable: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    getGithubActionsDefaultWorkflowPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions/workflow"
    ],
    getGithubActionsDefaultWorkflowPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    getGithubActionsPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions"
    ],
    getGithubActionsPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions"
    ],
    getHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    getHostedRunnersGithubOwnedImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/github-owned"
    ],
    getHostedRunnersLimitsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/limits"
    ],
    getHostedRunnersMachineSpecsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/machine-sizes"
    ],
    getHostedRunnersPartnerImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/partner"
    ],
    getHostedRunnersPlatformsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/platforms"
    ],
    getJobForWorkflowRun: ["GET /repos/{owner}/{repo}/actions/jobs/{job_id}"],
    getOrgPublicKey: ["GET /orgs/{org}/actions/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/actions/secrets/{secret_name}"],
    getOrgVariable: ["GET /orgs/{org}/actions/variables/{name}"],
    getPendingDeploymentsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    getRepoPermissions: [
      "GET /repos/{owner}/{repo}/actions/permissions",
      {},
      { renamed: ["actions", "getGithubActionsPermissionsRepository"] }
    ],
    getRepoPublicKey: ["GET /repos/{owner}/{repo}/actions/secrets/public-key"],
    getRepoSecret: ["GET /repos/{owner}/{repo}/actions/secrets/{secret_name}"],
    getRepoVariable: ["GET /repos/{owner}/{repo}/actions/variables/{name}"],
    getReviewsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals"
    ],
    getSelfHostedRunnerForOrg: ["GET /orgs/{org}/actions/runners/{runner_id}"],
    getSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    getWorkflow: ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}"],
    getWorkflowAccessToRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/access"
    ],
    getWorkflowRun: ["GET /repos/{owner}/{repo}/actions/runs/{run_id}"],
    getWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}"
    ],
    getWorkflowRunUsage: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing"
    ],
    getWorkflowUsage: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing"
    ],
    listArtifactsForRepo: ["GET /repos/{owner}/{repo}/actions/artifacts"],
    listCustomImageVersionsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions"
    ],
    listCustomImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom"
    ],
    listEnvironmentSecrets: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets"
    ],
    listEnvironmentVariables: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    listGithubHostedRunnersInGroupForOrg: [
      "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners"
    ],
    listHostedRunnersForOrg: ["GET /orgs/{org}/actions/hosted-runners"],
    listJobsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"
    ],
    listJobsForWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"
    ],
    listLabelsForSelfHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    listLabelsForSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    listOrgSecrets: ["GET /orgs/{org}/actions/secrets"],
    listOrgVariables: ["GET /orgs/{org}/actions/variables"],
    listRepoOrganizationSecrets: [
      "GET /repos/{owner}/{repo}/actions/organization-secrets"
    ],
    listRepoOrganizationVariables: [
      "GET /repos/{owner}/{repo}/actions/organization-variables"
    ],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/actions/secrets"],
    listRepoVariables: ["GET /repos/{owner}/{repo}/actions/variables"],
    listRepoWorkflows: ["GET /repos/{owner}/{repo}/actions/workflows"],
    listRunnerApplicationsForOrg: ["GET /orgs/{org}/actions/runners/downloads"],
    listRunnerApplicationsForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/downloads"
    ],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    listSelectedReposForOrgVariable: [
      "GET /orgs/{org}/actions/variables/{name}/repositories"
    ],
    listSelectedRepositoriesEnabledGithubActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/repositories"
    ],
    listSelfHostedRunnersForOrg: ["GET /orgs/{org}/actions/runners"],
    listSelfHostedRunnersForRepo: ["GET /repos/{owner}/{repo}/actions/runners"],
    listWorkflowRunArtifacts: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"
    ],
    listWorkflowRuns: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"
    ],
    listWorkflowRunsForRepo: ["GET /repos/{owner}/{repo}/actions/runs"],
    reRunJobForWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun"
    ],
    reRunWorkflow: ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun"],
    reRunWorkflowFailedJobs: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    removeCustomLabelFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeCustomLabelFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgVariable: [
      "DELETE /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    reviewCustomGatesForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule"
    ],
    reviewPendingDeploymentsForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    setAllowedActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/selected-actions"
    ],
    setAllowedActionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    setCustomLabelsForSelfHostedRunnerForOrg: [
      "PUT /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    setCustomLabelsForSelfHostedRunnerForRepo: [
      "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    setCustomOidcSubClaimForRepo: [
      "PUT /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    setGithubActionsDefaultWorkflowPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/workflow"
    ],
    setGithubActionsDefaultWorkflowPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    setGithubActionsPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions"
    ],
    setGithubActionsPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories"
    ],
    setSelectedRepositoriesEnabledGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories"
    ],
    setWorkflowAccessToRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/access"
    ],
    updateEnvironmentVariable: [
      "PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    updateHostedRunnerForOrg: [
      "PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    updateOrgVariable: ["PATCH /orgs/{org}/actions/variables/{name}"],
    updateRepoVariable: [
      "PATCH /repos/{owner}/{repo}/actions/variables/{name}"
    ]
  },
  activity: {
    checkRepoIsStarredByAuthenticatedUser: ["GET /user/starred/{owner}/{repo}"],
    deleteRepoSubscription: ["DELETE /repos/{owner}/{repo}/subscription"],
    deleteThreadSubscription: [
      "DELETE /notifications/threads/{thread_id}/subscription"
    ],
    getFeeds: ["GET /feeds"],
    getRepoSubscription: ["GET /repos/{owner}/{repo}/subscription"],
    getThread: ["GET /notifications/threads/{thread_id}"],
    getThreadSubscriptionForAuthenticatedUser: [
      "GET /notifications/threads/{thread_id}/subscription"
    ],
    listEventsForAuthenticatedUser: ["GET /users/{username}/events"],
    listNotificationsForAuthenticatedUser: ["GET /notifications"],
    listOrgEventsForAuthenticatedUser: [
      "GET /users/{username}/events/orgs/{org}"
    ],
    listPublicEvents: ["GET /events"],
    listPublicEventsForRepoNetwork: ["GET /networks/{owner}/{repo}/events"],
    listPublicEventsForUser: ["GET /users/{username}/events/public"],
    listPublicOrgEvents: ["GET /orgs/{org}/events"],
    listReceivedEventsForUser: ["GET /users/{username}/received_events"],
    listReceivedPublicEventsForUser: [
      "GET /users/{username}/received_events/public"
    ],
    listRepoEvents: ["GET /repos/{owner}/{repo}/events"],
    listRepoNotificationsForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/notifications"
    ],
    listReposStarredByAuthenticatedUser: ["GET /user/starred"],
    listReposStarredByUser: ["GET /users/{username}/starred"],
    listReposWatchedByUser: ["GET /users/{username}/subscriptions"],
    listStargazersForRepo: ["GET /repos/{owner}/{repo}/stargazers"],
    listWatchedReposForAuthenticatedUser: ["GET /user/subscriptions"],
    listWatchersForRepo: ["GET /repos/{owner}/{repo}/subscribers"],
    markNotificationsAsRead: ["PUT /notifications"],
    markRepoNotificationsAsRead: ["PUT /repos/{owner}/{repo}/notifications"],
    markThreadAsDone: ["DELETE /notifications/threads/{thread_id}"],
    markThreadAsRead: ["PATCH /notifications/threads/{thread_id}"],
    setRepoSubscription: ["PUT /repos/{owner}/{repo}/subscription"],
    setThreadSubscription: [
      "PUT /notifications/threads/{thread_id}/subscription"
    ],
    starRepoForAuthenticatedUser: ["PUT /user/starred/{owner}/{repo}"],
    unstarRepoForAuthenticatedUser: ["DELETE /user/starred/{owner}/{repo}"]
  },
  apps: {
    addRepoToInstallation: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "addRepoToInstallationForAuthenticatedUser"] }
    ],
    addRepoToInstallationForAuthenticatedUser: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    checkToken: ["POST /applications/{client_id}/token"],
    createFromManifest: ["POST /app-manifests/{code}/conversions"],
    createInstallationAccessToken: [
      "POST /app/installations/{installation_id}/access_tokens"
    ],
    deleteAuthorization: ["DELETE /applications/{client_id}/grant"],
    deleteInstallation: ["DELETE /app/installations/{installation_id}"],
    deleteToken: ["DELETE /applications/{client_id}/token"],
    getAuthenticated: ["GET /app"],
    getBySlug: ["GET /apps/{app_slug}"],
    getInstallation: ["GET /app/installations/{installation_id}"],
    getOrgInstallation: ["GET /orgs/{org}/installation"],
    getRepoInstallation: ["GET /repos/{owner}/{repo}/installation"],
    getSubscriptionPlanForAccount: [
      "GET /marketplace_listing/accounts/{account_id}"
    ],
    getSubscriptionPlanForAccountStubbed: [
      "GET /marketplace_listing/stubbed/accounts/{account_id}"
    ],
    getUserInstallation: ["GET /users/{username}/installation"],
    getWebhookConfigForApp: ["GET /app/hook/config"],
    getWebhookDelivery: ["GET /app/hook/deliveries/{delivery_id}"],
    listAccountsForPlan: ["GET /marketplace_listing/plans/{plan_id}/accounts"],
    listAccountsForPlanStubbed: [
      "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts"
    ],
    listInstallationReposForAuthenticatedUser: [
      "GET /user/installations/{installation_id}/repositories"
    ],
    listInstallationRequestsForAuthenticatedApp: [
      "GET /app/installation-requests"
    ],
    listInstallations: ["GET /app/installations"],
    listInstallationsForAuthenticatedUser: ["GET /user/installations"],
    listPlans: ["GET /marketplace_listing/plans"],
    listPlansStubbed: ["GET /marketplace_listing/stubbed/plans"],
    listReposAccessibleToInstallation: ["GET /installation/repositories"],
    listSubscriptionsForAuthenticatedUser: ["GET /user/marketplace_purchases"],
    listSubscriptionsForAuthenticatedUserStubbed: [
      "GET /user/marketplace_purchases/stubbed"
    ],
    listWebhookDeliveries: ["GET /app/hook/deliveries"],
    redeliverWebhookDelivery: [
      "POST /app/hook/deliveries/{delivery_id}/attempts"
    ],
    removeRepoFromInstallation: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "removeRepoFromInstallationForAuthenticatedUser"] }
    ],
    removeRepoFromInstallationForAuthenticatedUser: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    resetToken: ["PATCH /applications/{client_id}/token"],
    revokeInstallationAccessToken: ["DELETE /installation/token"],
    scopeToken: ["POST /applications/{client_id}/token/scoped"],
    suspendInstallation: ["PUT /app/installations/{installation_id}/suspended"],
    unsuspendInstallation: [
      "DELETE /app/installations/{installation_id}/suspended"
    ],
    updateWebhookConfigForApp: ["PATCH /app/hook/config"]
  },
  billing: {
    getGithubActionsBillingOrg: ["GET /orgs/{org}/settings/billing/actions"],
    getGithubActionsBillingUser: [
      "GET /users/{username}/settings/billing/actions"
    ],
    getGithubBillingPremiumRequestUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/premium_request/usage"
    ],
    getGithubBillingPremiumRequestUsageReportUser: [
      "GET /users/{username}/settings/billing/premium_request/usage"
    ],
    getGithubBillingUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/usage"
    ],
    getGithubBillingUsageReportUser: [
      "GET /users/{username}/settings/billing/usage"
    ],
    getGithubPackagesBillingOrg: ["GET /orgs/{org}/settings/billing/packages"],
    getGithubPackagesBillingUser: [
      "GET /users/{username}/settings/billing/packages"
    ],
    getSharedStorageBillingOrg: [
      "GET /orgs/{org}/settings/billing/shared-storage"
    ],
    getSharedStorageBillingUser: [
      "GET /users/{username}/settings/billing/shared-storage"
    ]
  },
  campaigns: {
    createCampaign: ["POST /orgs/{org}/campaigns"],
    deleteCampaign: ["DELETE /orgs/{org}/campaigns/{campaign_number}"],
    getCampaignSummary: ["GET /orgs/{org}/campaigns/{campaign_number}"],
    listOrgCampaigns: ["GET /orgs/{org}/campaigns"],
    updateCampaign: ["PATCH /orgs/{org}/campaigns/{campaign_number}"]
  },
  checks: {
    create: ["POST /repos/{owner}/{repo}/check-runs"],
    createSuite: ["POST /repos/{owner}/{repo}/check-suites"],
    get: ["GET /repos/{owner}/{repo}/check-runs/{check_run_id}"],
    getSuite: ["GET /repos/{owner}/{repo}/check-suites/{check_suite_id}"],
    listAnnotations: [
      "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"
    ],
    listForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-runs"],
    listForSuite: [
      "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs"
    ],
    listSuitesForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-suites"],
    rerequestRun: [
      "POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest"
    ],
    rerequestSuite: [
      "POST /repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest"
    ],
    setSuitesPreferences: [
      "PATCH /repos/{owner}/{repo}/check-suites/preferences"
    ],
    update: ["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]
  },
  codeScanning: {
    commitAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix/commits"
    ],
    createAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    createVariantAnalysis: [
      "POST /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses"
    ],
    deleteAnalysis: [
      "DELETE /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}{?confirm_delete}"
    ],
    deleteCodeqlDatabase: [
      "DELETE /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
      {},
      { renamedParameters: { alert_id: "alert_number" } }
    ],
    getAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}"
    ],
    getAutofix: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    getCodeqlDatabase: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getDefaultSetup: ["GET /repos/{owner}/{repo}/code-scanning/default-setup"],
    getSarif: ["GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}"],
    getVariantAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}"
    ],
    getVariantAnalysisRepoTask: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}/repos/{repo_owner}/{repo_name}"
    ],
    listAlertInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/code-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/code-scanning/alerts"],
    listAlertsInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
      {},
      { renamed: ["codeScanning", "listAlertInstances"] }
    ],
    listCodeqlDatabases: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases"
    ],
    listRecentAnalyses: ["GET /repos/{owner}/{repo}/code-scanning/analyses"],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}"
    ],
    updateDefaultSetup: [
      "PATCH /repos/{owner}/{repo}/code-scanning/default-setup"
    ],
    uploadSarif: ["POST /repos/{owner}/{repo}/code-scanning/sarifs"]
  },
  codeSecurity: {
    attachConfiguration: [
      "POST /orgs/{org}/code-security/configurations/{configuration_id}/attach"
    ],
    attachEnterpriseConfiguration: [
      "POST /enterprises/{enterprise}/code-security/configurations/{configuration_id}/attach"
    ],
    createConfiguration: ["POST /orgs/{org}/code-security/configurations"],
    createConfigurationForEnterprise: [
      "POST /enterprises/{enterprise}/code-security/configurations"
    ],
    deleteConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    deleteConfigurationForEnterprise: [
      "DELETE /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    detachConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/detach"
    ],
    getConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    getConfigurationForRepository: [
      "GET /repos/{owner}/{repo}/code-security-configuration"
    ],
    getConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations"
    ],
    getConfigurationsForOrg: ["GET /orgs/{org}/code-security/configurations"],
    getDefaultConfigurations: [
      "GET /orgs/{org}/code-security/configurations/defaults"
    ],
    getDefaultConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/defaults"
    ],
    getRepositoriesForConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories"
    ],
    getRepositoriesForEnterpriseConfiguration: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories"
    ],
    getSingleConfigurationForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    setConfigurationAsDefault: [
      "PUT /orgs/{org}/code-security/configurations/{configuration_id}/defaults"
    ],
    setConfigurationAsDefaultForEnterprise: [
      "PUT /enterprises/{enterprise}/code-security/configurations/{configuration_id}/defaults"
    ],
    updateConfiguration: [
      "PATCH /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    updateEnterpriseConfiguration: [
      "PATCH /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ]
  },
  codesOfConduct: {
    getAllCodesOfConduct: ["GET /codes_of_conduct"],
    getConductCode: ["GET /codes_of_conduct/{key}"]
  },
  codespaces: {
    addRepositoryForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    checkPermissionsForDevcontainer: [
      "GET /repos/{owner}/{repo}/codespaces/permissions_check"
    ],
    codespaceMachinesForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/machines"
    ],
    createForAuthenticatedUser: ["POST /user/codespaces"],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}"
    ],
    createWithPrForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/codespaces"
    ],
    createWithRepoForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/codespaces"
    ],
    deleteForAuthenticatedUser: ["DELETE /user/codespaces/{codespace_name}"],
    deleteFromOrganization: [
      "DELETE /orgs/{org}/members/{username}/codespaces/{codespace_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/codespaces/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    deleteSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}"
    ],
    exportForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/exports"
    ],
    getCodespacesForUserInOrg: [
      "GET /orgs/{org}/members/{username}/codespaces"
    ],
    getExportDetailsForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/exports/{export_id}"
    ],
    getForAuthenticatedUser: ["GET /user/codespaces/{codespace_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/codespaces/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/codespaces/secrets/{secret_name}"],
    getPublicKeyForAuthenticatedUser: [
      "GET /user/codespaces/secrets/public-key"
    ],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    getSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}"
    ],
    listDevcontainersInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/devcontainers"
    ],
    listForAuthenticatedUser: ["GET /user/codespaces"],
    listInOrganization: [
      "GET /orgs/{org}/codespaces",
      {},
      { renamedParameters: { org_id: "org" } }
    ],
    listInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces"
    ],
    listOrgSecrets: ["GET /orgs/{org}/codespaces/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/codespaces/secrets"],
    listRepositoriesForSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}/repositories"
    ],
    listSecretsForAuthenticatedUser: ["GET /user/codespaces/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    preFlightWithRepoForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/new"
    ],
    publishForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/publish"
    ],
    removeRepositoryForSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repoMachinesForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/machines"
    ],
    setRepositoriesForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    startForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/start"],
    stopForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/stop"],
    stopInOrganization: [
      "POST /orgs/{org}/members/{username}/codespaces/{codespace_name}/stop"
    ],
    updateForAuthenticatedUser: ["PATCH /user/codespaces/{codespace_name}"]
  },
  copilot: {
    addCopilotSeatsForTeams: [
      "POST /orgs/{org}/copilot/billing/selected_teams"
    ],
    addCopilotSeatsForUsers: [
      "POST /orgs/{org}/copilot/billing/selected_users"
    ],
    cancelCopilotSeatAssignmentForTeams: [
      "DELETE /orgs/{org}/copilot/billing/selected_teams"
    ],
    cancelCopilotSeatAssignmentForUsers: [
      "DELETE /orgs/{org}/copilot/billing/selected_users"
    ],
    copilotMetricsForOrganization: ["GET /orgs/{org}/copilot/metrics"],
    copilotMetricsForTeam: ["GET /orgs/{org}/team/{team_slug}/copilot/metrics"],
    getCopilotOrganizationDetails: ["GET /orgs/{org}/copilot/billing"],
    getCopilotSeatDetailsForUser: [
      "GET /orgs/{org}/members/{username}/copilot"
    ],
    listCopilotSeats: ["GET /orgs/{org}/copilot/billing/seats"]
  },
  credentials: { revoke: ["POST /credentials/revoke"] },
  dependabot: {
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/dependabot/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    getAlert: ["GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"],
    getOrgPublicKey: ["GET /orgs/{org}/dependabot/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/dependabot/secrets/{secret_name}"],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    listAlertsForEnterprise: [
      "GET /enterprises/{enterprise}/dependabot/alerts"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/dependabot/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/dependabot/alerts"],
    listOrgSecrets: ["GET /orgs/{org}/dependabot/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/dependabot/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repositoryAccessForOrg: [
      "GET /organizations/{org}/dependabot/repository-access"
    ],
    setRepositoryAccessDefaultLevel: [
      "PUT /organizations/{org}/dependabot/repository-access/default-level"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"
    ],
    updateRepositoryAccessForOrg: [
      "PATCH /organizations/{org}/dependabot/repository-access"
    ]
  },
  dependencyGraph: {
    createRepositorySnapshot: [
      "POST /repos/{owner}/{repo}/dependency-graph/snapshots"
    ],
    diffRange: [
      "GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}"
    ],
    exportSbom: ["GET /repos/{owner}/{repo}/dependency-graph/sbom"]
  },
  emojis: { get: ["GET /emojis"] },
  enterpriseTeamMemberships: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove"
    ],
    get: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    list: ["GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships"],
    remove: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ]
  },
  enterpriseTeamOrganizations: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/remove"
    ],
    delete: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignment: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignments: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations"
    ]
  },
  enterpriseTeams: {
    create: ["POST /enterprises/{enterprise}/teams"],
    delete: ["DELETE /enterprises/{enterprise}/teams/{team_slug}"],
    get: ["GET /enterprises/{enterprise}/teams/{team_slug}"],
    list: ["GET /enterprises/{enterprise}/teams"],
    update: ["PATCH /enterprises/{enterprise}/teams/{team_slug}"]
  },
  gists: {
    checkIsStarred: ["GET /gists/{gist_id}/star"],
    create: ["POST /gists"],
    createComment: ["POST /gists/{gist_id}/comments"],
    delete: ["DELETE /gists/{gist_id}"],
    deleteComment: ["DELETE /gists/{gist_id}/comments/{comment_id}"],
    fork: ["POST /gists/{gist_id}/forks"],
    get: ["GET /gists/{gist_id}"],
    getComment: ["GET /gists/{gist_id}/comments/{comment_id}"],
    getRevision: ["GET /gists/{gist_id}/{sha}"],
    list: ["GET /gists"],
    listComments: ["GET /gists/{gist_id}/comments"],
    listCommits: ["GET /gists/{gist_id}/commits"],
    listForUser: ["GET /users/{username}/gists"],
    listForks: ["GET /gists/{gist_id}/forks"],
    listPublic: ["GET /gists/public"],
    listStarred: ["GET /gists/starred"],
    star: ["PUT /gists/{gist_id}/star"],
    unstar: ["DELETE /gists/{gist_id}/star"],
    update: ["PATCH /gists/{gist_id}"],
    updateComment: ["PATCH /gists/{gist_id}/comments/{comment_id}"]
  },
  git: {
    createBlob: ["POST /repos/{owner}/{repo}/git/blobs"],
    createCommit: ["POST /repos/{owner}/{repo}/git/commits"],
    createRef: ["POST /repos/{owner}/{repo}/git/refs"],
    createTag: ["POST /repos/{owner}/{repo}/git/tags"],
    createTree: ["POST /repos/{owner}/{repo}/git/trees"],
    deleteRef: ["DELETE /repos/{owner}/{repo}/git/refs/{ref}"],
    getBlob: ["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"],
    getCommit: ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}"],
    getRef: ["GET /repos/{owner}/{repo}/git/ref/{ref}"],
    getTag: ["GET /repos/{owner}/{repo}/git/tags/{tag_sha}"],
    getTree: ["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"],
    listMatchingRefs: ["GET /repos/{owner}/{repo}/git/matching-refs/{ref}"],
    updateRef: ["PATCH /repos/{owner}/{repo}/git/refs/{ref}"]
  },
  gitignore: {
    getAllTemplates: ["GET /gitignore/templates"],
    getTemplate: ["GET /gitignore/templates/{name}"]
  },
  hostedCompute: {
    createNetworkConfigurationForOrg: [
      "POST /orgs/{org}/settings/network-configurations"
    ],
    deleteNetworkConfigurationFromOrg: [
      "DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkConfigurationForOrg: [
      "GET /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkSettingsForOrg: [
      "GET /orgs/{org}/settings/network-settings/{network_settings_id}"
    ],
    listNetworkConfigurationsForOrg: [
      "GET /orgs/{org}/settings/network-configurations"
    ],
    updateNetworkConfigurationForOrg: [
      "PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ]
  },
  interactions: {
    getRestrictionsForAuthenticatedUser: ["GET /user/interaction-limits"],
    getRestrictionsForOrg: ["GET /orgs/{org}/interaction-limits"],
    getRestrictionsForRepo: ["GET /repos/{owner}/{repo}/interaction-limits"],
    getRestrictionsForYourPublicRepos: [
      "GET /user/interaction-limits",
      {},
      { renamed: ["interactions", "getRestrictionsForAuthenticatedUser"] }
    ],
    removeRestrictionsForAuthenticatedUser: ["DELETE /user/interaction-limits"],
    removeRestrictionsForOrg: ["DELETE /orgs/{org}/interaction-limits"],
    removeRestrictionsForRepo: [
      "DELETE /repos/{owner}/{repo}/interaction-limits"
    ],
    removeRestrictionsForYourPublicRepos: [
      "DELETE /user/interaction-limits",
      {},
      { renamed: ["interactions", "removeRestrictionsForAuthenticatedUser"] }
    ],
    setRestrictionsForAuthenticatedUser: ["PUT /user/interaction-limits"],
    setRestrictionsForOrg: ["PUT /orgs/{org}/interaction-limits"],
    setRestrictionsForRepo: ["PUT /repos/{owner}/{repo}/interaction-limits"],
    setRestrictionsForYourPublicRepos: [
      "PUT /user/interaction-limits",
      {},
      { renamed: ["interactions", "setRestrictionsForAuthenticatedUser"] }
    ]
  },
  issues: {
    addAssignees: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    addBlockedByDependency: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    addLabels: ["POST /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    addSubIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    checkUserCanBeAssigned: ["GET /repos/{owner}/{repo}/assignees/{assignee}"],
    checkUserCanBeAssignedToIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/assignees/{assignee}"
    ],
    create: ["POST /repos/{owner}/{repo}/issues"],
    createComment: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
    ],
    createLabel: ["POST /repos/{owner}/{repo}/labels"],
    createMilestone: ["POST /repos/{owner}/{repo}/milestones"],
    deleteComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}"
    ],
    deleteLabel: ["DELETE /repos/{owner}/{repo}/labels/{name}"],
    deleteMilestone: [
      "DELETE /repos/{owner}/{repo}/milestones/{milestone_number}"
    ],
    get: ["GET /repos/{owner}/{repo}/issues/{issue_number}"],
    getComment: ["GET /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    getEvent: ["GET /repos/{owner}/{repo}/issues/events/{event_id}"],
    getLabel: ["GET /repos/{owner}/{repo}/labels/{name}"],
    getMilestone: ["GET /repos/{owner}/{repo}/milestones/{milestone_number}"],
    getParent: ["GET /repos/{owner}/{repo}/issues/{issue_number}/parent"],
    list: ["GET /issues"],
    listAssignees: ["GET /repos/{owner}/{repo}/assignees"],
    listComments: ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"],
    listCommentsForRepo: ["GET /repos/{owner}/{repo}/issues/comments"],
    listDependenciesBlockedBy: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    listDependenciesBlocking: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking"
    ],
    listEvents: ["GET /repos/{owner}/{repo}/issues/{issue_number}/events"],
    listEventsForRepo: ["GET /repos/{owner}/{repo}/issues/events"],
    listEventsForTimeline: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline"
    ],
    listForAuthenticatedUser: ["GET /user/issues"],
    listForOrg: ["GET /orgs/{org}/issues"],
    listForRepo: ["GET /repos/{owner}/{repo}/issues"],
    listLabelsForMilestone: [
      "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels"
    ],
    listLabelsForRepo: ["GET /repos/{owner}/{repo}/labels"],
    listLabelsOnIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    listMilestones: ["GET /repos/{owner}/{repo}/milestones"],
    listSubIssues: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    lock: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    removeAllLabels: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    removeAssignees: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    removeDependencyBlockedBy: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}"
    ],
    removeLabel: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"
    ],
    removeSubIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue"
    ],
    reprioritizeSubIssue: [
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority"
    ],
    setLabels: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    unlock: ["DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    update: ["PATCH /repos/{owner}/{repo}/issues/{issue_number}"],
    updateComment: ["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    updateLabel: ["PATCH /repos/{owner}/{repo}/labels/{name}"],
    updateMilestone: [
      "PATCH /repos/{owner}/{repo}/milestones/{milestone_number}"
    ]
  },
  licenses: {
    get: ["GET /licenses/{license}"],
    getAllCommonlyUsed: ["GET /licenses"],
    getForRepo: ["GET /repos/{owner}/{repo}/license"]
  },
  markdown: {
    render: ["POST /markdown"],
    renderRaw: [
      "POST /markdown/raw",
      { headers: { "content-type": "text/plain; charset=utf-8" } }
    ]
  },
  meta: {
    get: ["GET /meta"],
    getAllVersions: ["GET /versions"],
    getOctocat: ["GET /octocat"],
    getZen: ["GET /zen"],
    root: ["GET /"]
  },
  migrations: {
    deleteArchiveForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/archive"
    ],
    deleteArchiveForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/archive"
    ],
    downloadArchiveForOrg: [
      "GET /orgs/{org}/migrations/{migration_id}/archive"
    ],
    getArchiveForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/archive"
    ],
    getStatusForAuthenticatedUser: ["GET /user/migrations/{migration_id}"],
    getStatusForOrg: ["GET /orgs/{org}/migrations/{migration_id}"],
    listForAuthenticatedUser: ["GET /user/migrations"],
    listForOrg: ["GET /orgs/{org}/migrations"],
    listReposForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/repositories"
    ],
    listReposForOrg: ["GET /orgs/{org}/migrations/{migration_id}/repositories"],
    listReposForUser: [
      "GET /user/migrations/{migration_id}/repositories",
      {},
      { renamed: ["migrations", "listReposForAuthenticatedUser"] }
    ],
    startForAuthenticatedUser: ["POST /user/migrations"],
    startForOrg: ["POST /orgs/{org}/migrations"],
    unlockRepoForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/repos/{repo_name}/lock"
    ],
    unlockRepoForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/repos/{repo_name}/lock"
    ]
  },
  oidc: {
    getOidcCustomSubTemplateForOrg: [
      "GET /orgs/{org}/actions/oidc/customization/sub"
    ],
    updateOidcCustomSubTemplateForOrg: [
      "PUT /orgs/{org}/actions/oidc/customization/sub"
    ]
  },
  orgs: {
    addSecurityManagerTeam: [
      "PUT /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.addSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#add-a-security-manager-team"
      }
    ],
    assignTeamToOrgRole: [
      "PUT /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    assignUserToOrgRole: [
      "PUT /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    blockUser: ["PUT /orgs/{org}/blocks/{username}"],
    cancelInvitation: ["DELETE /orgs/{org}/invitations/{invitation_id}"],
    checkBlockedUser: ["GET /orgs/{org}/blocks/{username}"],
    checkMembershipForUser: ["GET /orgs/{org}/members/{username}"],
    checkPublicMembershipForUser: ["GET /orgs/{org}/public_members/{username}"],
    convertMemberToOutsideCollaborator: [
      "PUT /orgs/{org}/outside_collaborators/{username}"
    ],
    createArtifactStorageRecord: [
      "POST /orgs/{org}/artifacts/metadata/storage-record"
    ],
    createInvitation: ["POST /orgs/{org}/invitations"],
    createIssueType: ["POST /orgs/{org}/issue-types"],
    createWebhook: ["POST /orgs/{org}/hooks"],
    customPropertiesForOrgsCreateOrUpdateOrganizationValues: [
      "PATCH /organizations/{org}/org-properties/values"
    ],
    customPropertiesForOrgsGetOrganizationValues: [
      "GET /organizations/{org}/org-properties/values"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinition: [
      "PUT /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinitions: [
      "PATCH /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationValues: [
      "PATCH /orgs/{org}/properties/values"
    ],
    customPropertiesForReposDeleteOrganizationDefinition: [
      "DELETE /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinition: [
      "GET /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinitions: [
      "GET /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposGetOrganizationValues: [
      "GET /orgs/{org}/properties/values"
    ],
    delete: ["DELETE /orgs/{org}"],
    deleteAttestationsBulk: ["POST /orgs/{org}/attestations/delete-request"],
    deleteAttestationsById: [
      "DELETE /orgs/{org}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /orgs/{org}/attestations/digest/{subject_digest}"
    ],
    deleteIssueType: ["DELETE /orgs/{org}/issue-types/{issue_type_id}"],
    deleteWebhook: ["DELETE /orgs/{org}/hooks/{hook_id}"],
    disableSelectedRepositoryImmutableReleasesOrganization: [
      "DELETE /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    enableSelectedRepositoryImmutableReleasesOrganization: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    get: ["GET /orgs/{org}"],
    getImmutableReleasesSettings: [
      "GET /orgs/{org}/settings/immutable-releases"
    ],
    getImmutableReleasesSettingsRepositories: [
      "GET /orgs/{org}/settings/immutable-releases/repositories"
    ],
    getMembershipForAuthenticatedUser: ["GET /user/memberships/orgs/{org}"],
    getMembershipForUser: ["GET /orgs/{org}/memberships/{username}"],
    getOrgRole: ["GET /orgs/{org}/organization-roles/{role_id}"],
    getOrgRulesetHistory: ["GET /orgs/{org}/rulesets/{ruleset_id}/history"],
    getOrgRulesetVersion: [
      "GET /orgs/{org}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getWebhook: ["GET /orgs/{org}/hooks/{hook_id}"],
    getWebhookConfigForOrg: ["GET /orgs/{org}/hooks/{hook_id}/config"],
    getWebhookDelivery: [
      "GET /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    list: ["GET /organizations"],
    listAppInstallations: ["GET /orgs/{org}/installations"],
    listArtifactStorageRecords: [
      "GET /orgs/{org}/artifacts/{subject_digest}/metadata/storage-records"
    ],
    listAttestationRepositories: ["GET /orgs/{org}/attestations/repositories"],
    listAttestations: ["GET /orgs/{org}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /orgs/{org}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedUsers: ["GET /orgs/{org}/blocks"],
    listFailedInvitations: ["GET /orgs/{org}/failed_invitations"],
    listForAuthenticatedUser: ["GET /user/orgs"],
    listForUser: ["GET /users/{username}/orgs"],
    listInvitationTeams: ["GET /orgs/{org}/invitations/{invitation_id}/teams"],
    listIssueTypes: ["GET /orgs/{org}/issue-types"],
    listMembers: ["GET /orgs/{org}/members"],
    listMembershipsForAuthenticatedUser: ["GET /user/memberships/orgs"],
    listOrgRoleTeams: ["GET /orgs/{org}/organization-roles/{role_id}/teams"],
    listOrgRoleUsers: ["GET /orgs/{org}/organization-roles/{role_id}/users"],
    listOrgRoles: ["GET /orgs/{org}/organization-roles"],
    listOrganizationFineGrainedPermissions: [
      "GET /orgs/{org}/organization-fine-grained-permissions"
    ],
    listOutsideCollaborators: ["GET /orgs/{org}/outside_collaborators"],
    listPatGrantRepositories: [
      "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories"
    ],
    listPatGrantRequestRepositories: [
      "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories"
    ],
    listPatGrantRequests: ["GET /orgs/{org}/personal-access-token-requests"],
    listPatGrants: ["GET /orgs/{org}/personal-access-tokens"],
    listPendingInvitations: ["GET /orgs/{org}/invitations"],
    listPublicMembers: ["GET /orgs/{org}/public_members"],
    listSecurityManagerTeams: [
      "GET /orgs/{org}/security-managers",
      {},
      {
        deprecated: "octokit.rest.orgs.listSecurityManagerTeams() is deprecated, see https://docs.github.com/rest/orgs/security-managers#list-security-manager-teams"
      }
    ],
    listWebhookDeliveries: ["GET /orgs/{org}/hooks/{hook_id}/deliveries"],
    listWebhooks: ["GET /orgs/{org}/hooks"],
    pingWebhook: ["POST /orgs/{org}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeMember: ["DELETE /orgs/{org}/members/{username}"],
    removeMembershipForUser: ["DELETE /orgs/{org}/memberships/{username}"],
    removeOutsideCollaborator: [
      "DELETE /orgs/{org}/outside_collaborators/{username}"
    ],
    removePublicMembershipForAuthenticatedUser: [
      "DELETE /orgs/{org}/public_members/{username}"
    ],
    removeSecurityManagerTeam: [
      "DELETE /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.removeSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#remove-a-security-manager-team"
      }
    ],
    reviewPatGrantRequest: [
      "POST /orgs/{org}/personal-access-token-requests/{pat_request_id}"
    ],
    reviewPatGrantRequestsInBulk: [
      "POST /orgs/{org}/personal-access-token-requests"
    ],
    revokeAllOrgRolesTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}"
    ],
    revokeAllOrgRolesUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}"
    ],
    revokeOrgRoleTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    revokeOrgRoleUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    setImmutableReleasesSettings: [
      "PUT /orgs/{org}/settings/immutable-releases"
    ],
    setImmutableReleasesSettingsRepositories: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories"
    ],
    setMembershipForUser: ["PUT /orgs/{org}/memberships/{username}"],
    setPublicMembershipForAuthenticatedUser: [
      "PUT /orgs/{org}/public_members/{username}"
    ],
    unblockUser: ["DELETE /orgs/{org}/blocks/{username}"],
    update: ["PATCH /orgs/{org}"],
    updateIssueType: ["PUT /orgs/{org}/issue-types/{issue_type_id}"],
    updateMembershipForAuthenticatedUser: [
      "PATCH /user/memberships/orgs/{org}"
    ],
    updatePatAccess: ["POST /orgs/{org}/personal-access-tokens/{pat_id}"],
    updatePatAccesses: ["POST /orgs/{org}/personal-access-tokens"],
    updateWebhook: ["PATCH /orgs/{org}/hooks/{hook_id}"],
    updateWebhookConfigForOrg: ["PATCH /orgs/{org}/hooks/{hook_id}/config"]
  },
  packages: {
    deletePackageForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}"
    ],
    deletePackageForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    deletePackageForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}"
    ],
    deletePackageVersionForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getAllPackageVersionsForAPackageOwnedByAnOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
      {},
      { renamed: ["packages", "getAllPackageVersionsForPackageOwnedByOrg"] }
    ],
    getAllPackageVersionsForAPackageOwnedByTheAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions",
      {},
      {
        renamed: [
          "packages",
          "getAllPackageVersionsForPackageOwnedByAuthenticatedUser"
        ]
      }
    ],
    getAllPackageVersionsForPackageOwnedByAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions"
    ],
    getPackageForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}"
    ],
    getPackageForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    getPackageForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}"
    ],
    getPackageVersionForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    listDockerMigrationConflictingPackagesForAuthenticatedUser: [
      "GET /user/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForOrganization: [
      "GET /orgs/{org}/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForUser: [
      "GET /users/{username}/docker/conflicts"
    ],
    listPackagesForAuthenticatedUser: ["GET /user/packages"],
    listPackagesForOrganization: ["GET /orgs/{org}/packages"],
    listPackagesForUser: ["GET /users/{username}/packages"],
    restorePackageForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageVersionForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ]
  },
  privateRegistries: {
    createOrgPrivateRegistry: ["POST /orgs/{org}/private-registries"],
    deleteOrgPrivateRegistry: [
      "DELETE /orgs/{org}/private-registries/{secret_name}"
    ],
    getOrgPrivateRegistry: ["GET /orgs/{org}/private-registries/{secret_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/private-registries/public-key"],
    listOrgPrivateRegistries: ["GET /orgs/{org}/private-registries"],
    updateOrgPrivateRegistry: [
      "PATCH /orgs/{org}/private-registries/{secret_name}"
    ]
  },
  projects: {
    addItemForOrg: ["POST /orgs/{org}/projectsV2/{project_number}/items"],
    addItemForUser: [
      "POST /users/{username}/projectsV2/{project_number}/items"
    ],
    deleteItemForOrg: [
      "DELETE /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    deleteItemForUser: [
      "DELETE /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    getFieldForOrg: [
      "GET /orgs/{org}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getFieldForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getForOrg: ["GET /orgs/{org}/projectsV2/{project_number}"],
    getForUser: ["GET /users/{username}/projectsV2/{project_number}"],
    getOrgItem: ["GET /orgs/{org}/projectsV2/{project_number}/items/{item_id}"],
    getUserItem: [
      "GET /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    listFieldsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/fields"],
    listFieldsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields"
    ],
    listForOrg: ["GET /orgs/{org}/projectsV2"],
    listForUser: ["GET /users/{username}/projectsV2"],
    listItemsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/items"],
    listItemsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/items"
    ],
    updateItemForOrg: [
      "PATCH /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    updateItemForUser: [
      "PATCH /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ]
  },
  pulls: {
    checkIfMerged: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    create: ["POST /repos/{owner}/{repo}/pulls"],
    createReplyForReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies"
    ],
    createReview: ["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    createReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    deletePendingReview: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    deleteReviewComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ],
    dismissReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals"
    ],
    get: ["GET /repos/{owner}/{repo}/pulls/{pull_number}"],
    getReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    getReviewComment: ["GET /repos/{owner}/{repo}/pulls/comments/{comment_id}"],
    list: ["GET /repos/{owner}/{repo}/pulls"],
    listCommentsForReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/commits"],
    listFiles: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"],
    listRequestedReviewers: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    listReviewComments: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    listReviewCommentsForRepo: ["GET /repos/{owner}/{repo}/pulls/comments"],
    listReviews: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    merge: ["PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    removeRequestedReviewers: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    requestReviewers: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    submitReview: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events"
    ],
    update: ["PATCH /repos/{owner}/{repo}/pulls/{pull_number}"],
    updateBranch: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch"
    ],
    updateReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    updateReviewComment: [
      "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ]
  },
  rateLimit: { get: ["GET /rate_limit"] },
  reactions: {
    createForCommitComment: [
      "POST /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    createForIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions"
    ],
    createForIssueComment: [
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    createForPullRequestReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    createForRelease: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    createForTeamDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    createForTeamDiscussionInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ],
    deleteForCommitComment: [
      "DELETE /repos/{owner}/{repo}/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}"
    ],
    deleteForIssueComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForPullRequestComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForRelease: [
      "DELETE /repos/{owner}/{repo}/releases/{release_id}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussion: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussionComment: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions/{reaction_id}"
    ],
    listForCommitComment: [
      "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    listForIssue: ["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"],
    listForIssueComment: [
      "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    listForPullRequestReviewComment: [
      "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    listForRelease: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    listForTeamDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    listForTeamDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ]
  },
  repos: {
    acceptInvitation: [
      "PATCH /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "acceptInvitationForAuthenticatedUser"] }
    ],
    acceptInvitationForAuthenticatedUser: [
      "PATCH /user/repository_invitations/{invitation_id}"
    ],
    addAppAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    addCollaborator: ["PUT /repos/{owner}/{repo}/collaborators/{username}"],
    addStatusCheckContexts: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    addTeamAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    addUserAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    cancelPagesDeployment: [
      "POST /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}/cancel"
    ],
    checkAutomatedSecurityFixes: [
      "GET /repos/{owner}/{repo}/automated-security-fixes"
    ],
    checkCollaborator: ["GET /repos/{owner}/{repo}/collaborators/{username}"],
    checkImmutableReleases: ["GET /repos/{owner}/{repo}/immutable-releases"],
    checkPrivateVulnerabilityReporting: [
      "GET /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    checkVulnerabilityAlerts: [
      "GET /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    codeownersErrors: ["GET /repos/{owner}/{repo}/codeowners/errors"],
    compareCommits: ["GET /repos/{owner}/{repo}/compare/{base}...{head}"],
    compareCommitsWithBasehead: [
      "GET /repos/{owner}/{repo}/compare/{basehead}"
    ],
    createAttestation: ["POST /repos/{owner}/{repo}/attestations"],
    createAutolink: ["POST /repos/{owner}/{repo}/autolinks"],
    createCommitComment: [
      "POST /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    createCommitSignatureProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    createCommitStatus: ["POST /repos/{owner}/{repo}/statuses/{sha}"],
    createDeployKey: ["POST /repos/{owner}/{repo}/keys"],
    createDeployment: ["POST /repos/{owner}/{repo}/deployments"],
    createDeploymentBranchPolicy: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    createDeploymentProtectionRule: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    createDeploymentStatus: [
      "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    createDispatchEvent: ["POST /repos/{owner}/{repo}/dispatches"],
    createForAuthenticatedUser: ["POST /user/repos"],
    createFork: ["POST /repos/{owner}/{repo}/forks"],
    createInOrg: ["POST /orgs/{org}/repos"],
    createOrUpdateEnvironment: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    createOrUpdateFileContents: ["PUT /repos/{owner}/{repo}/contents/{path}"],
    createOrgRuleset: ["POST /orgs/{org}/rulesets"],
    createPagesDeployment: ["POST /repos/{owner}/{repo}/pages/deployments"],
    createPagesSite: ["POST /repos/{owner}/{repo}/pages"],
    createRelease: ["POST /repos/{owner}/{repo}/releases"],
    createRepoRuleset: ["POST /repos/{owner}/{repo}/rulesets"],
    createUsingTemplate: [
      "POST /repos/{template_owner}/{template_repo}/generate"
    ],
    createWebhook: ["POST /repos/{owner}/{repo}/hooks"],
    customPropertiesForReposCreateOrUpdateRepositoryValues: [
      "PATCH /repos/{owner}/{repo}/properties/values"
    ],
    customPropertiesForReposGetRepositoryValues: [
      "GET /repos/{owner}/{repo}/properties/values"
    ],
    declineInvitation: [
      "DELETE /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "declineInvitationForAuthenticatedUser"] }
    ],
    declineInvitationForAuthenticatedUser: [
      "DELETE /user/repository_invitations/{invitation_id}"
    ],
    delete: ["DELETE /repos/{owner}/{repo}"],
    deleteAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    deleteAdminBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    deleteAnEnvironment: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    deleteAutolink: ["DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    deleteBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    deleteCommitComment: ["DELETE /repos/{owner}/{repo}/comments/{comment_id}"],
    deleteCommitSignatureProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    deleteDeployKey: ["DELETE /repos/{owner}/{repo}/keys/{key_id}"],
    deleteDeployment: [
      "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}"
    ],
    deleteDeploymentBranchPolicy: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    deleteFile: ["DELETE /repos/{owner}/{repo}/contents/{path}"],
    deleteInvitation: [
      "DELETE /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    deleteOrgRuleset: ["DELETE /orgs/{org}/rulesets/{ruleset_id}"],
    deletePagesSite: ["DELETE /repos/{owner}/{repo}/pages"],
    deletePullRequestReviewProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    deleteRelease: ["DELETE /repos/{owner}/{repo}/releases/{release_id}"],
    deleteReleaseAsset: [
      "DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    deleteRepoRuleset: ["DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    deleteWebhook: ["DELETE /repos/{owner}/{repo}/hooks/{hook_id}"],
    disableAutomatedSecurityFixes: [
      "DELETE /repos/{owner}/{repo}/automated-security-fixes"
    ],
    disableDeploymentProtectionRule: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    disableImmutableReleases: [
      "DELETE /repos/{owner}/{repo}/immutable-releases"
    ],
    disablePrivateVulnerabilityReporting: [
      "DELETE /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    disableVulnerabilityAlerts: [
      "DELETE /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    downloadArchive: [
      "GET /repos/{owner}/{repo}/zipball/{ref}",
      {},
      { renamed: ["repos", "downloadZipballArchive"] }
    ],
    downloadTarballArchive: ["GET /repos/{owner}/{repo}/tarball/{ref}"],
    downloadZipballArchive: ["GET /repos/{owner}/{repo}/zipball/{ref}"],
    enableAutomatedSecurityFixes: [
      "PUT /repos/{owner}/{repo}/automated-security-fixes"
    ],
    enableImmutableReleases: ["PUT /repos/{owner}/{repo}/immutable-releases"],
    enablePrivateVulnerabilityReporting: [
      "PUT /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    enableVulnerabilityAlerts: [
      "PUT /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    generateReleaseNotes: [
      "POST /repos/{owner}/{repo}/releases/generate-notes"
    ],
    get: ["GET /repos/{owner}/{repo}"],
    getAccessRestrictions: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    getAdminBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    getAllDeploymentProtectionRules: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    getAllEnvironments: ["GET /repos/{owner}/{repo}/environments"],
    getAllStatusCheckContexts: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts"
    ],
    getAllTopics: ["GET /repos/{owner}/{repo}/topics"],
    getAppsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps"
    ],
    getAutolink: ["GET /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    getBranch: ["GET /repos/{owner}/{repo}/branches/{branch}"],
    getBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    getBranchRules: ["GET /repos/{owner}/{repo}/rules/branches/{branch}"],
    getClones: ["GET /repos/{owner}/{repo}/traffic/clones"],
    getCodeFrequencyStats: ["GET /repos/{owner}/{repo}/stats/code_frequency"],
    getCollaboratorPermissionLevel: [
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission"
    ],
    getCombinedStatusForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/status"],
    getCommit: ["GET /repos/{owner}/{repo}/commits/{ref}"],
    getCommitActivityStats: ["GET /repos/{owner}/{repo}/stats/commit_activity"],
    getCommitComment: ["GET /repos/{owner}/{repo}/comments/{comment_id}"],
    getCommitSignatureProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    getCommunityProfileMetrics: ["GET /repos/{owner}/{repo}/community/profile"],
    getContent: ["GET /repos/{owner}/{repo}/contents/{path}"],
    getContributorsStats: ["GET /repos/{owner}/{repo}/stats/contributors"],
    getCustomDeploymentProtectionRule: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    getDeployKey: ["GET /repos/{owner}/{repo}/keys/{key_id}"],
    getDeployment: ["GET /repos/{owner}/{repo}/deployments/{deployment_id}"],
    getDeploymentBranchPolicy: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    getDeploymentStatus: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}"
    ],
    getEnvironment: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    getLatestPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/latest"],
    getLatestRelease: ["GET /repos/{owner}/{repo}/releases/latest"],
    getOrgRuleSuite: ["GET /orgs/{org}/rulesets/rule-suites/{rule_suite_id}"],
    getOrgRuleSuites: ["GET /orgs/{org}/rulesets/rule-suites"],
    getOrgRuleset: ["GET /orgs/{org}/rulesets/{ruleset_id}"],
    getOrgRulesets: ["GET /orgs/{org}/rulesets"],
    getPages: ["GET /repos/{owner}/{repo}/pages"],
    getPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/{build_id}"],
    getPagesDeployment: [
      "GET /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}"
    ],
    getPagesHealthCheck: ["GET /repos/{owner}/{repo}/pages/health"],
    getParticipationStats: ["GET /repos/{owner}/{repo}/stats/participation"],
    getPullRequestReviewProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    getPunchCardStats: ["GET /repos/{owner}/{repo}/stats/punch_card"],
    getReadme: ["GET /repos/{owner}/{repo}/readme"],
    getReadmeInDirectory: ["GET /repos/{owner}/{repo}/readme/{dir}"],
    getRelease: ["GET /repos/{owner}/{repo}/releases/{release_id}"],
    getReleaseAsset: ["GET /repos/{owner}/{repo}/releases/assets/{asset_id}"],
    getReleaseByTag: ["GET /repos/{owner}/{repo}/releases/tags/{tag}"],
    getRepoRuleSuite: [
      "GET /repos/{owner}/{repo}/rulesets/rule-suites/{rule_suite_id}"
    ],
    getRepoRuleSuites: ["GET /repos/{owner}/{repo}/rulesets/rule-suites"],
    getRepoRuleset: ["GET /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    getRepoRulesetHistory: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history"
    ],
    getRepoRulesetVersion: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getRepoRulesets: ["GET /repos/{owner}/{repo}/rulesets"],
    getStatusChecksProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    getTeamsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams"
    ],
    getTopPaths: ["GET /repos/{owner}/{repo}/traffic/popular/paths"],
    getTopReferrers: ["GET /repos/{owner}/{repo}/traffic/popular/referrers"],
    getUsersWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users"
    ],
    getViews: ["GET /repos/{owner}/{repo}/traffic/views"],
    getWebhook: ["GET /repos/{owner}/{repo}/hooks/{hook_id}"],
    getWebhookConfigForRepo: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    getWebhookDelivery: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    listActivities: ["GET /repos/{owner}/{repo}/activity"],
    listAttestations: [
      "GET /repos/{owner}/{repo}/attestations/{subject_digest}"
    ],
    listAutolinks: ["GET /repos/{owner}/{repo}/autolinks"],
    listBranches: ["GET /repos/{owner}/{repo}/branches"],
    listBranchesForHeadCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/branches-where-head"
    ],
    listCollaborators: ["GET /repos/{owner}/{repo}/collaborators"],
    listCommentsForCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    listCommitCommentsForRepo: ["GET /repos/{owner}/{repo}/comments"],
    listCommitStatusesForRef: [
      "GET /repos/{owner}/{repo}/commits/{ref}/statuses"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/commits"],
    listContributors: ["GET /repos/{owner}/{repo}/contributors"],
    listCustomDeploymentRuleIntegrations: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps"
    ],
    listDeployKeys: ["GET /repos/{owner}/{repo}/keys"],
    listDeploymentBranchPolicies: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    listDeploymentStatuses: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    listDeployments: ["GET /repos/{owner}/{repo}/deployments"],
    listForAuthenticatedUser: ["GET /user/repos"],
    listForOrg: ["GET /orgs/{org}/repos"],
    listForUser: ["GET /users/{username}/repos"],
    listForks: ["GET /repos/{owner}/{repo}/forks"],
    listInvitations: ["GET /repos/{owner}/{repo}/invitations"],
    listInvitationsForAuthenticatedUser: ["GET /user/repository_invitations"],
    listLanguages: ["GET /repos/{owner}/{repo}/languages"],
    listPagesBuilds: ["GET /repos/{owner}/{repo}/pages/builds"],
    listPublic: ["GET /repositories"],
    listPullRequestsAssociatedWithCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls"
    ],
    listReleaseAssets: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/assets"
    ],
    listReleases: ["GET /repos/{owner}/{repo}/releases"],
    listTags: ["GET /repos/{owner}/{repo}/tags"],
    listTeams: ["GET /repos/{owner}/{repo}/teams"],
    listWebhookDeliveries: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries"
    ],
    listWebhooks: ["GET /repos/{owner}/{repo}/hooks"],
    merge: ["POST /repos/{owner}/{repo}/merges"],
    mergeUpstream: ["POST /repos/{owner}/{repo}/merge-upstream"],
    pingWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeAppAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    removeCollaborator: [
      "DELETE /repos/{owner}/{repo}/collaborators/{username}"
    ],
    removeStatusCheckContexts: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    removeStatusCheckProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    removeTeamAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    removeUserAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    renameBranch: ["POST /repos/{owner}/{repo}/branches/{branch}/rename"],
    replaceAllTopics: ["PUT /repos/{owner}/{repo}/topics"],
    requestPagesBuild: ["POST /repos/{owner}/{repo}/pages/builds"],
    setAdminBranchProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    setAppAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    setStatusCheckContexts: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    setTeamAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    setUserAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    testPushWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/tests"],
    transfer: ["POST /repos/{owner}/{repo}/transfer"],
    update: ["PATCH /repos/{owner}/{repo}"],
    updateBranchProtection: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    updateCommitComment: ["PATCH /repos/{owner}/{repo}/comments/{comment_id}"],
    updateDeploymentBranchPolicy: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    updateInformationAboutPagesSite: ["PUT /repos/{owner}/{repo}/pages"],
    updateInvitation: [
      "PATCH /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    updateOrgRuleset: ["PUT /orgs/{org}/rulesets/{ruleset_id}"],
    updatePullRequestReviewProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    updateRelease: ["PATCH /repos/{owner}/{repo}/releases/{release_id}"],
    updateReleaseAsset: [
      "PATCH /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    updateRepoRuleset: ["PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    updateStatusCheckPotection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks",
      {},
      { renamed: ["repos", "updateStatusCheckProtection"] }
    ],
    updateStatusCheckProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    updateWebhook: ["PATCH /repos/{owner}/{repo}/hooks/{hook_id}"],
    updateWebhookConfigForRepo: [
      "PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    uploadReleaseAsset: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}",
      { baseUrl: "https://uploads.github.com" }
    ]
  },
  search: {
    code: ["GET /search/code"],
    commits: ["GET /search/commits"],
    issuesAndPullRequests: ["GET /search/issues"],
    labels: ["GET /search/labels"],
    repos: ["GET /search/repositories"],
    topics: ["GET /search/topics"],
    users: ["GET /search/users"]
  },
  secretScanning: {
    createPushProtectionBypass: [
      "POST /repos/{owner}/{repo}/secret-scanning/push-protection-bypasses"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    getScanHistory: ["GET /repos/{owner}/{repo}/secret-scanning/scan-history"],
    listAlertsForOrg: ["GET /orgs/{org}/secret-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/secret-scanning/alerts"],
    listLocationsForAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations"
    ],
    listOrgPatternConfigs: [
      "GET /orgs/{org}/secret-scanning/pattern-configurations"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    updateOrgPatternConfigs: [
      "PATCH /orgs/{org}/secret-scanning/pattern-configurations"
    ]
  },
  securityAdvisories: {
    createFork: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks"
    ],
    createPrivateVulnerabilityReport: [
      "POST /repos/{owner}/{repo}/security-advisories/reports"
    ],
    createRepositoryAdvisory: [
      "POST /repos/{owner}/{repo}/security-advisories"
    ],
    createRepositoryAdvisoryCveRequest: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/cve"
    ],
    getGlobalAdvisory: ["GET /advisories/{ghsa_id}"],
    getRepositoryAdvisory: [
      "GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ],
    listGlobalAdvisories: ["GET /advisories"],
    listOrgRepositoryAdvisories: ["GET /orgs/{org}/security-advisories"],
    listRepositoryAdvisories: ["GET /repos/{owner}/{repo}/security-advisories"],
    updateRepositoryAdvisory: [
      "PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ]
  },
  teams: {
    addOrUpdateMembershipForUserInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    addOrUpdateRepoPermissionsInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    checkPermissionsForRepoInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    create: ["POST /orgs/{org}/teams"],
    createDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    createDiscussionInOrg: ["POST /orgs/{org}/teams/{team_slug}/discussions"],
    deleteDiscussionCommentInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    deleteDiscussionInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    deleteInOrg: ["DELETE /orgs/{org}/teams/{team_slug}"],
    getByName: ["GET /orgs/{org}/teams/{team_slug}"],
    getDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    getDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    getMembershipForUserInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    list: ["GET /orgs/{org}/teams"],
    listChildInOrg: ["GET /orgs/{org}/teams/{team_slug}/teams"],
    listDiscussionCommentsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    listDiscussionsInOrg: ["GET /orgs/{org}/teams/{team_slug}/discussions"],
    listForAuthenticatedUser: ["GET /user/teams"],
    listMembersInOrg: ["GET /orgs/{org}/teams/{team_slug}/members"],
    listPendingInvitationsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/invitations"
    ],
    listReposInOrg: ["GET /orgs/{org}/teams/{team_slug}/repos"],
    removeMembershipForUserInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    removeRepoInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    updateDiscussionCommentInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    updateDiscussionInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    updateInOrg: ["PATCH /orgs/{org}/teams/{team_slug}"]
  },
  users: {
    addEmailForAuthenticated: [
      "POST /user/emails",
      {},
      { renamed: ["users", "addEmailForAuthenticatedUser"] }
    ],
    addEmailForAuthenticatedUser: ["POST /user/emails"],
    addSocialAccountForAuthenticatedUser: ["POST /user/social_accounts"],
    block: ["PUT /user/blocks/{username}"],
    checkBlocked: ["GET /user/blocks/{username}"],
    checkFollowingForUser: ["GET /users/{username}/following/{target_user}"],
    checkPersonIsFollowedByAuthenticated: ["GET /user/following/{username}"],
    createGpgKeyForAuthenticated: [
      "POST /user/gpg_keys",
      {},
      { renamed: ["users", "createGpgKeyForAuthenticatedUser"] }
    ],
    createGpgKeyForAuthenticatedUser: ["POST /user/gpg_keys"],
    createPublicSshKeyForAuthenticated: [
      "POST /user/keys",
      {},
      { renamed: ["users", "createPublicSshKeyForAuthenticatedUser"] }
    ],
    createPublicSshKeyForAuthenticatedUser: ["POST /user/keys"],
    createSshSigningKeyForAuthenticatedUser: ["POST /user/ssh_signing_keys"],
    deleteAttestationsBulk: [
      "POST /users/{username}/attestations/delete-request"
    ],
    deleteAttestationsById: [
      "DELETE /users/{username}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /users/{username}/attestations/digest/{subject_digest}"
    ],
    deleteEmailForAuthenticated: [
      "DELETE /user/emails",
      {},
      { renamed: ["users", "deleteEmailForAuthenticatedUser"] }
    ],
    deleteEmailForAuthenticatedUser: ["DELETE /user/emails"],
    deleteGpgKeyForAuthenticated: [
      "DELETE /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "deleteGpgKeyForAuthenticatedUser"] }
    ],
    deleteGpgKeyForAuthenticatedUser: ["DELETE /user/gpg_keys/{gpg_key_id}"],
    deletePublicSshKeyForAuthenticated: [
      "DELETE /user/keys/{key_id}",
      {},
      { renamed: ["users", "deletePublicSshKeyForAuthenticatedUser"] }
    ],
    deletePublicSshKeyForAuthenticatedUser: ["DELETE /user/keys/{key_id}"],
    deleteSocialAccountForAuthenticatedUser: ["DELETE /user/social_accounts"],
    deleteSshSigningKeyForAuthenticatedUser: [
      "DELETE /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    follow: ["PUT /user/following/{username}"],
    getAuthenticated: ["GET /user"],
    getById: ["GET /user/{account_id}"],
    getByUsername: ["GET /users/{username}"],
    getContextForUser: ["GET /users/{username}/hovercard"],
    getGpgKeyForAuthenticated: [
      "GET /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "getGpgKeyForAuthenticatedUser"] }
    ],
    getGpgKeyForAuthenticatedUser: ["GET /user/gpg_keys/{gpg_key_id}"],
    getPublicSshKeyForAuthenticated: [
      "GET /user/keys/{key_id}",
      {},
      { renamed: ["users", "getPublicSshKeyForAuthenticatedUser"] }
    ],
    getPublicSshKeyForAuthenticatedUser: ["GET /user/keys/{key_id}"],
    getSshSigningKeyForAuthenticatedUser: [
      "GET /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    list: ["GET /users"],
    listAttestations: ["GET /users/{username}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /users/{username}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedByAuthenticated: [
      "GET /user/blocks",
      {},
      { renamed: ["users", "listBlockedByAuthenticatedUser"] }
    ],
    listBlockedByAuthenticatedUser: ["GET /user/blocks"],
    listEmailsForAuthenticated: [
      "GET /user/emails",
      {},
      { renamed: ["users", "listEmailsForAuthenticatedUser"] }
    ],
    listEmailsForAuthenticatedUser: ["GET /user/emails"],
    listFollowedByAuthenticated: [
      "GET /user/following",
      {},
      { renamed: ["users", "listFollowedByAuthenticatedUser"] }
    ],
    listFollowedByAuthenticatedUser: ["GET /user/following"],
    listFollowersForAuthenticatedUser: ["GET /user/followers"],
    listFollowersForUser: ["GET /users/{username}/followers"],
    listFollowingForUser: ["GET /users/{username}/following"],
    listGpgKeysForAuthenticated: [
      "GET /user/gpg_keys",
      {},
      { renamed: ["users", "listGpgKeysForAuthenticatedUser"] }
    ],
    listGpgKeysForAuthenticatedUser: ["GET /user/gpg_keys"],
    listGpgKeysForUser: ["GET /users/{username}/gpg_keys"],
    listPublicEmailsForAuthenticated: [
      "GET /user/public_emails",
      {},
      { renamed: ["users", "listPublicEmailsForAuthenticatedUser"] }
    ],
    listPublicEmailsForAuthenticatedUser: ["GET /user/public_emails"],
    listPublicKeysForUser: ["GET /users/{username}/keys"],
    listPublicSshKeysForAuthenticated: [
      "GET /user/keys",
      {},
      { renamed: ["users", "listPublicSshKeysForAuthenticatedUser"] }
    ],
    listPublicSshKeysForAuthenticatedUser: ["GET /user/keys"],
    listSocialAccountsForAuthenticatedUser: ["GET /user/social_accounts"],
    listSocialAccountsForUser: ["GET /users/{username}/social_accounts"],
    listSshSigningKeysForAuthenticatedUser: ["GET /user/ssh_signing_keys"],
    listSshSigningKeysForUser: ["GET /users/{username}/ssh_signing_keys"],
    setPrimaryEmailVisibilityForAuthenticated: [
      "PATCH /user/email/visibility",
      {},
      { renamed: ["users", "setPrimaryEmailVisibilityForAuthenticatedUser"] }
    ],
    setPrimaryEmailVisibilityForAuthenticatedUser: [
      "PATCH /user/email/visibility"
    ],
    unblock: ["DELETE /user/blocks/{username}"],
    unfollow: ["DELETE /user/following/{username}"],
    updateAuthenticated: ["PATCH /user"]
  }
};
var endpoints_default = Endpoints;

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/endpoints-to-methods.js
var endpointMethodsMap = /* @__PURE__ */ new Map();
for (const [scope, endpoints] of Object.entries(endpoints_default)) {
  for (const [methodName, endpoint2] of Object.entries(endpoints)) {
    const [route, defaults, decorations] = endpoint2;
    const [method, url] = route.split(/ /);
    const endpointDefaults = Object.assign(
      {
        method,
        url
      },
      defaults
    );
    if (!endpointMethodsMap.has(scope)) {
      endpointMethodsMap.set(scope, /* @__PURE__ */ new Map());
    }
    endpointMethodsMap.get(scope).set(methodName, {
      scope,
      methodName,
      endpointDefaults,
      decorations
    });
  }
}
var handler = {
  has({ scope }, methodName) {
    return endpointMethodsMap.get(scope).has(methodName);
  },
  getOwnPropertyDescriptor(target, methodName) {
    return {
      value: this.get(target, methodName),
      // ensures method is in the cache
      configurable: true,
      writable: true,
      enumerable: true
    };
  },
  defineProperty(target, methodName, descriptor) {
    Object.defineProperty(target.cache, methodName, descriptor);
    return true;
  },
  deleteProperty(target, methodName) {
    delete target.cache[methodName];
    return true;
  },
  ownKeys({ scope }) {
    return [...endpointMethodsMap.get(scope).keys()];
  },
  set(target, methodName, value) {
    return target.cache[methodName] = value;
  },
  get({ octokit, scope, cache: cache2 }, methodName) {
    if (cache2[methodName]) {
      return cache2[methodName];
    }
    const method = endpointMethodsMap.get(scope).get(methodName);
    if (!method) {
      return void 0;
    }
    const { endpointDefaults, decorations } = method;
    if (decorations) {
      cache2[methodName] = decorate(
        octokit,
        scope,
        methodName,
        endpointDefaults,
        decorations
      );
    } else {
      cache2[methodName] = octokit.request.defaults(endpointDefaults);
    }
    return cache2[methodName];
  }
};
function endpointsToMethods(octokit) {
  const newMethods = {};
  for (const scope of endpointMethodsMap.keys()) {
    newMethods[scope] = new Proxy({ octokit, scope, cache: {} }, handler);
  }
  return newMethods;
}
function decorate(octokit, scope, methodName, defaults, decorations) {
  const requestWithDefaults = octokit.request.defaults(defaults);
  function withDecorations(...args) {
    let options = requestWithDefaults.endpoint.merge(...args);
    if (decorations.mapToData) {
      options = Object.assign({}, options, {
        data: options[decorations.mapToData],
        [decorations.mapToData]: void 0
      });
      return requestWithDefaults(options);
    }
    if (decorations.renamed) {
      const [newScope, newMethodName] = decorations.renamed;
      octokit.log.warn(
        `octokit.${scope}.${methodName}() has been renamed to octokit.${newScope}.${newMethodName}()`
      );
    }
    if (decorations.deprecated) {
      octokit.log.warn(decorations.deprecated);
    }
    if (decorations.renamedParameters) {
      const options2 = requestWithDefaults.endpoint.merge(...args);
      for (const [name, alias] of Object.entries(
        decorations.renamedParameters
      )) {
        if (name in options2) {
          octokit.log.warn(
            `"${name}" parameter is deprecated for "octokit.${scope}.${methodName}()". Use "${alias}" instead`
          );
          if (!(alias in options2)) {
            options2[alias] = options2[name];
          }
          delete options2[name];
        }
      }
      return requestWithDefaults(options2);
    }
    return requestWithDefaults(...args);
  }
  return Object.assign(withDecorations, requestWithDefaults);
}

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js
function restEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    rest: api
  };
}
restEndpointMethods.VERSION = VERSION7;
function legacyRestEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    ...api,
    rest: api
  };
}
legacyRestEndpointMethods.VERSION = VERSION7;

// node_modules/@octokit/rest/dist-src/version.js
var VERSION8 = "22.0.1";

// node_modules/@octokit/rest/dist-src/index.js
var Octokit2 = Octokit.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
  {
    userAgent: `octokit-rest.js/${VERSION8}`
  }
);

// src/action/api.ts
var ApiError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
    this.name = "ApiError";
  }
  status;
  /** The token may not do this (fork pull requests get a read-only token). */
  get forbidden() {
    return this.status === 401 || this.status === 403 || this.status === 404;
  }
};
function retryDelay(e, attempt, nowMs, maxWaitMs) {
  const status = e.status;
  const h = e.response?.headers ?? {};
  const header = (k) => h[k] === void 0 ? void 0 : String(h[k]);
  const msg = `${e.message ?? ""} ${JSON.stringify(e.response?.data ?? "")}`;
  const limited = status === 429 || status === 403 && (header("x-ratelimit-remaining") === "0" || header("retry-after") !== void 0 || /rate limit/i.test(msg));
  if (limited) {
    if (attempt >= 4) return void 0;
    let wait;
    const ra = header("retry-after");
    const reset = header("x-ratelimit-reset");
    if (ra !== void 0 && /^\d+$/.test(ra)) wait = Number(ra) * 1e3;
    else if (reset !== void 0 && /^\d+$/.test(reset)) wait = Math.max(0, Number(reset) * 1e3 - nowMs) + 1e3;
    else wait = 6e4 * 2 ** attempt;
    return wait <= maxWaitMs ? wait : void 0;
  }
  if (status === void 0 || status >= 500) {
    if (attempt >= 2) return void 0;
    return 1e3 * 2 ** attempt;
  }
  return void 0;
}
function toApiError(e, what) {
  if (e instanceof ApiError) return e;
  const x = e;
  const data = x.response?.data;
  const detail = typeof data?.message === "string" ? data.message : (x.message ?? String(e)).split(" - ")[0];
  return new ApiError(`${what}: ${x.status ? `HTTP ${x.status} ` : ""}${detail}`.trim(), x.status);
}
var Api = class {
  constructor(repo, o) {
    this.repo = repo;
    const maxWait = o.maxWaitMs ?? 12e4;
    const sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const quiet = () => {
    };
    this.octokit = new Octokit2({
      auth: o.token,
      baseUrl: o.baseUrl.replace(/\/+$/, ""),
      userAgent: o.userAgent,
      log: { debug: quiet, info: quiet, warn: quiet, error: quiet }
    });
    this.octokit.hook.wrap("request", async (request2, options) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await request2(options);
        } catch (e) {
          const wait = retryDelay(e, attempt, Date.now(), maxWait);
          if (wait === void 0) throw e;
          const status = e.status;
          o.log(
            `hookguard: GitHub API ${status ? `answered ${status}` : "request failed"} for ${options.method} ${options.url}; retrying in ${Math.ceil(wait / 1e3)} s`
          );
          await sleep(wait);
        }
      }
    });
  }
  repo;
  octokit;
  async call(what, f) {
    try {
      return await f();
    } catch (e) {
      throw toApiError(e, what);
    }
  }
  createCheckRun(headSha, name) {
    return this.call("creating the check run", async () => {
      const r = await this.octokit.rest.checks.create({
        ...this.repo,
        name,
        head_sha: headSha,
        status: "in_progress"
      });
      return r.data.id;
    });
  }
  updateCheckRun(id, body) {
    return this.call("updating the check run", async () => {
      await this.octokit.rest.checks.update({
        ...this.repo,
        check_run_id: id,
        ...body.status ? { status: body.status, completed_at: (/* @__PURE__ */ new Date()).toISOString() } : {},
        ...body.conclusion ? { conclusion: body.conclusion } : {},
        output: body.output
      });
    });
  }
  listPullFiles(pull) {
    return this.call("listing the pull request files", async () => {
      const files = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
        ...this.repo,
        pull_number: pull,
        per_page: 100
      });
      return files.map((f) => ({
        filename: f.filename,
        status: f.status,
        ...f.patch !== void 0 ? { patch: f.patch } : {}
      }));
    });
  }
  listReviewComments(pull) {
    return this.call("listing review comments", async () => {
      const list2 = await this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, {
        ...this.repo,
        pull_number: pull,
        per_page: 100
      });
      return list2.map((c) => ({ id: c.id, body: c.body, path: c.path, line: c.line ?? null }));
    });
  }
  createReview(pull, commitId, body, comments) {
    return this.call("posting the review", async () => {
      await this.octokit.rest.pulls.createReview({
        ...this.repo,
        pull_number: pull,
        commit_id: commitId,
        event: "COMMENT",
        body,
        comments
      });
    });
  }
  updateReviewComment(id, body) {
    return this.call("updating a review comment", async () => {
      await this.octokit.rest.pulls.updateReviewComment({ ...this.repo, comment_id: id, body });
    });
  }
};

// src/action/format.ts
init_types();
function rightLines(patch) {
  const out = /* @__PURE__ */ new Set();
  let line = 0;
  let inHunk = false;
  const rows = patch.split("\n");
  if (rows[rows.length - 1] === "") rows.pop();
  for (const row of rows) {
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row);
    if (m) {
      line = Number(m[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk || row.startsWith("-") || row.startsWith("\\")) continue;
    out.add(line++);
  }
  return out;
}
function countBySeverity(findings) {
  const c = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
function severityText(findings) {
  const c = countBySeverity(findings);
  return SEVERITIES.filter((s) => c[s]).map((s) => `${c[s]} ${s}`).join(", ");
}
var plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
function failing(r, failOn) {
  return r.findings.filter((f) => atLeast(f.severity, failOn));
}
function checkTitle(r, failOn) {
  const fail = failing(r, failOn).length;
  if (!r.findings.length) return r.existing.length ? `No new findings (${r.existing.length} existing)` : "No findings";
  return `${plural(r.findings.length, "finding")} (${severityText(r.findings)})${fail ? `, ${fail} at or above ${failOn}` : ""}`;
}
function annotationFor(f, level) {
  const sameLine = f.endLine === f.line;
  return {
    path: f.file,
    start_line: f.line,
    end_line: Math.max(f.line, f.endLine),
    ...sameLine && f.endColumn >= f.column ? { start_column: f.column, end_column: f.endColumn } : {},
    annotation_level: level,
    title: `${f.ruleId}: ${f.title}`.slice(0, 255),
    message: `${f.message}${f.match ? ` [${f.match}]` : ""}
Fix: ${f.remediation}`.slice(0, 6e4),
    ...f.commit ? { raw_details: `Introduced in commit ${f.commit}${f.why ? `
${f.why}` : ""}` } : {}
  };
}
function annotationsFor(r, failOn) {
  return [
    ...r.findings.map((f) => annotationFor(f, atLeast(f.severity, failOn) ? "failure" : "warning")),
    ...r.existing.map((f) => annotationFor(f, "notice"))
  ];
}
var MARKER = /<!--\s*hookguard:fingerprint=([A-Za-z0-9._:-]+)(\s+state=resolved)?\s*-->/;
function parseMarker(body) {
  const m = MARKER.exec(body);
  return m ? { fingerprint: m[1], resolved: Boolean(m[2]) } : void 0;
}
var SECRET_WHY = "A credential in a repository is readable by everyone with access to it, and it stays in the history after it is deleted: rotate it, do not only remove the line.";
function commentBody(f) {
  const why = f.why ?? (f.category === "secret" ? SECRET_WHY : f.message);
  return [
    `<!-- hookguard:fingerprint=${f.fingerprint} -->`,
    `**hookguard** \xB7 \`${f.ruleId}\` \xB7 **${f.severity}** \u2014 ${f.title}`,
    "",
    `${f.message}${f.match ? ` \`${f.match.replace(/`/g, "'")}\`` : ""}`,
    "",
    `**Why:** ${why}`,
    "",
    `**Fix:** ${f.remediation}`,
    "",
    `<sub>${f.commit ? `Introduced in ${f.commit.slice(0, 12)}. ` : ""}False positive? Add \`hookguard:allow ${f.ruleId} <reason>\` in a comment on that line, or accept it with \`hookguard baseline\`.</sub>`
  ].join("\n");
}
function resolvedBody(body, fingerprint2, headSha) {
  const rest = body.replace(MARKER, "").trim().split("\n").map((l) => l.trim() && !l.startsWith("<sub>") ? `~~${l.trim()}~~` : l).filter((l) => !l.startsWith("<sub>")).join("\n");
  return [
    `<!-- hookguard:fingerprint=${fingerprint2} state=resolved -->`,
    `\u2705 **Resolved** \u2014 hookguard no longer finds this as of ${headSha.slice(0, 12)}.`,
    "",
    rest
  ].join("\n");
}
function cell(s) {
  return s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}
function code(s) {
  return "`" + s.replace(/`/g, "'") + "`";
}
var MAX_ROWS = 300;
function summaryMarkdown(s) {
  const r = s.result;
  const fail = failing(r, s.failOn);
  const out = [];
  out.push(
    fail.length ? `## hookguard: \u2716 ${plural(fail.length, "finding")} at or above \`${s.failOn}\`` : r.findings.length ? `## hookguard: ! ${plural(r.findings.length, "finding")} below \`${s.failOn}\`` : "## hookguard: \u2714 no new findings"
  );
  out.push("");
  const sum = r.summary;
  out.push(
    `Scanned ${s.scope} \xB7 ${plural(sum.files, "file")}${sum.commits !== void 0 ? ` in ${plural(sum.commits, "commit")}` : ""} \xB7 fail-on \`${s.failOn}\``
  );
  for (const n of s.notes) out.push("", `> ${n}`);
  if (s.fallback) out.push("", `> [!WARNING]`, `> ${s.fallback}`);
  out.push("");
  const blocking = countBySeverity(r.findings);
  const existing = countBySeverity(r.existing);
  out.push("| Severity | New | Existing (not blocking) |", "|---|---:|---:|");
  for (const sev of SEVERITIES)
    if (blocking[sev] || existing[sev]) out.push(`| ${sev} | ${blocking[sev]} | ${existing[sev]} |`);
  out.push(`| **total** | **${r.findings.length}** | **${r.existing.length}** |`, "");
  const table2 = (list2, withWhere) => {
    out.push(
      `| File | Line | Severity | Rule | Commit |${withWhere ? " Shown |" : ""}`,
      `|---|---:|---|---|---|${withWhere ? "---|" : ""}`
    );
    for (const f of list2.slice(0, MAX_ROWS))
      out.push(
        `| ${code(cell(f.file))} | ${f.line} | ${f.severity} | ${code(f.ruleId)} ${cell(f.title)} | ${f.commit ? code(f.commit.slice(0, 7)) : ""} |${withWhere ? ` ${cell(s.where?.get(f.fingerprint) ?? "")} |` : ""}`
      );
    if (list2.length > MAX_ROWS)
      out.push("", `\u2026and ${list2.length - MAX_ROWS} more (see the check run or the SARIF file).`);
    out.push("");
  };
  if (r.findings.length) {
    out.push("### New findings", "");
    table2(r.findings, Boolean(s.where?.size));
  }
  if (r.existing.length) {
    out.push("<details><summary>Existing problems in the files this change touched (not blocking)</summary>", "");
    table2(r.existing, false);
    out.push("</details>", "");
  }
  if (s.review) out.push(s.review, "");
  if (s.annotationsCapped) out.push(`${plural(s.annotationsCapped, "finding")} not annotated (annotation limit).`, "");
  if (r.suppressed.length) {
    const by = ["inline", "baseline", "config", "metadata"].map((b) => [b, r.suppressed.filter((x) => x.by === b).length]).filter(([, n]) => n).map(([b, n]) => `${b} ${n}`).join(", ");
    out.push(`Suppressed: ${r.suppressed.length} (${by}).`, "");
  }
  if (r.errors.length) {
    out.push("Files scanned in part or skipped:", "");
    for (const e of r.errors.slice(0, 50))
      out.push(`- ${code(cell(e.file))}${e.line ? `:${e.line}` : ""}: ${cell(e.message)}`);
    out.push("");
  }
  if (r.staleBaseline.length)
    out.push(
      `${plural(r.staleBaseline.length, "baseline entry", "baseline entries")} no longer match any finding.`,
      ""
    );
  if (s.sarifFile) out.push(`SARIF written to ${code(s.sarifFile)}.`, "");
  if (fail.length)
    out.push(
      "False positive? Add `hookguard:allow RULE_ID reason` in a comment on that line, or accept it with `hookguard baseline`. A secret must be rotated: removing it in a later commit leaves it in the history.",
      ""
    );
  return out.join("\n");
}

// src/action/plan.ts
init_run();
init_sources();

// src/action/runner.ts
import { appendFileSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
function defaultRunner() {
  return { env: process.env, stdout: (s) => process.stdout.write(s) };
}
function inputName(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function getInput(r, name) {
  return (r.env[inputName(name)] ?? "").trim();
}
function getBooleanInput(r, name, fallback) {
  const v = getInput(r, name).toLowerCase();
  if (!v) return fallback;
  if (["true", "yes", "on", "1"].includes(v)) return true;
  if (["false", "no", "off", "0"].includes(v)) return false;
  throw new ActionInputError(`input "${name}" must be true or false, got "${v}"`);
}
var ActionInputError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ActionInputError";
  }
};
function setOutput(r, name, value) {
  const file = r.env.GITHUB_OUTPUT;
  if (!file) return;
  let delim = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delim)) delim = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delim}
${value}
${delim}
`);
}
function appendSummary(r, markdown) {
  const file = r.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith("\n") ? markdown : markdown + "\n");
}
function command(r, name, message) {
  r.stdout(`::${name}::${escapeData(message)}
`);
}
function info(r, message) {
  r.stdout(`${message}
`);
}
function group(r, title) {
  r.stdout(`::group::${escapeData(title)}
`);
  return () => r.stdout("::endgroup::\n");
}
function repository(r) {
  const full = r.env.GITHUB_REPOSITORY ?? "";
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(full);
  return m ? { owner: m[1], repo: m[2] } : void 0;
}
function readEvent(r) {
  const file = r.env.GITHUB_EVENT_PATH;
  if (!file) return {};
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ActionInputError(`cannot read the event payload ${file}: ${e.message}`);
  }
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" ? v : {};
  } catch {
    throw new ActionInputError(`the event payload ${file} is not JSON`);
  }
}

// src/action/plan.ts
var MODES = ["auto", "diff", "history", "paths"];
var ZERO = /^0+$/;
var SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
function str(v) {
  return typeof v === "string" && v ? v : void 0;
}
function obj(v) {
  return v && typeof v === "object" ? v : {};
}
async function planScan(i) {
  const notes = [];
  if (i.mode === "paths")
    return {
      request: { kind: "paths", paths: i.paths },
      scope: `files (${i.paths.join(", ") || "."})`,
      notes,
      ...sha(i)
    };
  if (i.mode === "history") return { request: { kind: "history" }, scope: "full history", notes, ...sha(i) };
  if (i.eventName === "pull_request" || i.eventName === "pull_request_target") {
    const pr = obj(i.event.pull_request);
    const base = str(obj(pr.base).sha);
    const head = str(obj(pr.head).sha);
    const number = typeof pr.number === "number" ? pr.number : Number(i.event.number);
    if (!base || !head || !SHA.test(base) || !SHA.test(head) || !Number.isInteger(number))
      throw new ActionInputError(
        `the ${i.eventName} event payload has no pull_request.base.sha / pull_request.head.sha / number`
      );
    const commits = typeof pr.commits === "number" ? pr.commits : void 0;
    await ensureRange(i.cwd, base, head, { commits, pr: number, log: i.log, what: "pull request" });
    const n = await countCommits2(i.cwd, `${base}..${head}`);
    const baseRepo = str(obj(obj(pr.base).repo).full_name);
    const headRepo = str(obj(obj(pr.head).repo).full_name);
    return {
      request: { kind: "range", range: `${base}..${head}` },
      scope: `pull request #${number}: ${n} commit${n === 1 ? "" : "s"} (${base.slice(0, 7)}..${head.slice(0, 7)})`,
      headSha: head,
      pr: { number, base, head, fork: Boolean(baseRepo && headRepo && baseRepo !== headRepo) },
      notes
    };
  }
  if (i.eventName === "merge_group") {
    const mg = obj(i.event.merge_group);
    const base = str(mg.base_sha);
    const head = str(mg.head_sha);
    if (!base || !head || !SHA.test(base) || !SHA.test(head))
      throw new ActionInputError("the merge_group event payload has no merge_group.base_sha / head_sha");
    await ensureRange(i.cwd, base, head, { log: i.log, what: "merge group" });
    return rangePlan(i.cwd, base, head, "merge queue", notes);
  }
  if (i.eventName === "push") {
    const before = str(i.event.before) ?? "";
    const after = str(i.event.after) ?? "";
    if (i.event.deleted === true || !after || ZERO.test(after))
      return { scope: "a deleted branch", notes: ["The push deleted a branch: nothing to scan."] };
    if (!SHA.test(after)) throw new ActionInputError('the push event payload has no "after" commit');
    if (before && !ZERO.test(before) && SHA.test(before)) {
      try {
        await ensureRange(i.cwd, before, after, { log: i.log, what: "push" });
        return rangePlan(i.cwd, before, after, "push", notes);
      } catch (e) {
        if (!(e instanceof ActionInputError)) throw e;
        notes.push(
          `The previous tip ${before.slice(0, 7)} is not available (force push?); compared with the default branch instead.`
        );
      }
    }
    const ref = str(i.event.ref) ?? "";
    const defaultBranch = str(obj(i.event.repository).default_branch);
    if (defaultBranch && ref !== `refs/heads/${defaultBranch}`) {
      const baseSha = await defaultBranchSha(i.cwd, defaultBranch, i.log);
      if (baseSha) {
        await ensureRange(i.cwd, baseSha, after, { log: i.log, what: "push" });
        notes.push(`New branch: scanned the commits not on ${defaultBranch}.`);
        return rangePlan(i.cwd, baseSha, after, `new branch (vs ${defaultBranch})`, notes);
      }
    }
    notes.push("First push of the default branch (or no default branch to compare with): scanned the whole history.");
    await ensureFullHistory(i.cwd, i.log);
    return { request: { kind: "history" }, scope: "full history (new branch)", headSha: after, notes };
  }
  if (i.mode === "diff")
    throw new ActionInputError(
      `mode "diff" needs a pull_request or push event, and this run is "${i.eventName || "unknown"}"; use mode "history" or "paths"`
    );
  await ensureFullHistory(i.cwd, i.log);
  return { request: { kind: "history" }, scope: "full history", notes, ...sha(i) };
}
function sha(i) {
  return i.githubSha && SHA.test(i.githubSha) ? { headSha: i.githubSha } : {};
}
async function rangePlan(cwd, base, head, what, notes) {
  const n = await countCommits2(cwd, `${base}..${head}`);
  return {
    request: { kind: "range", range: `${base}..${head}` },
    scope: `${what}: ${n} commit${n === 1 ? "" : "s"} (${base.slice(0, 7)}..${head.slice(0, 7)})`,
    headSha: head,
    notes
  };
}
async function countCommits2(cwd, range) {
  const r = await git(cwd, ["rev-list", "--count", range, "--"]);
  return r.code === 0 ? Number(r.stdout.toString().trim()) || 0 : 0;
}
async function isShallow(cwd) {
  const r = await git(cwd, ["rev-parse", "--is-shallow-repository"]);
  return r.code === 0 && r.stdout.toString().trim() === "true";
}
async function hasMergeBase(cwd, a, b) {
  return (await git(cwd, ["merge-base", a, b])).code === 0;
}
async function fetch(cwd, args, log) {
  log(`hookguard: git fetch ${args.join(" ")}`);
  const r = await git(cwd, ["fetch", "--no-tags", "--quiet", ...args]);
  if (r.code !== 0) log(`hookguard: git fetch failed: ${firstLine(r.stderr)}`);
  return r.code === 0;
}
async function ensureRange(cwd, base, head, o) {
  const ready = async () => await commitExists(cwd, base) && await commitExists(cwd, head) && (!await isShallow(cwd) || await hasMergeBase(cwd, base, head));
  if (await ready()) return;
  const shallow = await isShallow(cwd);
  const tips = [base, head];
  const steps = [];
  if (shallow) {
    const depth = Math.max(50, (o.commits ?? 0) + 10);
    steps.push([`--depth=${depth}`, "origin", ...tips]);
    if (o.pr !== void 0) steps.push([`--depth=${depth}`, "origin", `refs/pull/${o.pr}/head`]);
    steps.push(["--deepen=500", "origin", ...tips]);
    steps.push(["--unshallow", "origin"]);
  } else {
    steps.push(["origin", ...tips]);
    if (o.pr !== void 0) steps.push(["origin", `refs/pull/${o.pr}/head`]);
  }
  for (const s of steps) {
    if (!await isShallow(cwd) && s.includes("--unshallow")) break;
    await fetch(cwd, s, o.log);
    if (await ready()) return;
  }
  const missing = [];
  if (!await commitExists(cwd, base)) missing.push(`base commit ${base.slice(0, 12)}`);
  if (!await commitExists(cwd, head)) missing.push(`head commit ${head.slice(0, 12)}`);
  const what = missing.length ? `the ${o.what}'s ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not in this clone` : `the history between ${base.slice(0, 7)} and ${head.slice(0, 7)} is not in this shallow clone`;
  throw new ActionInputError(
    `${what} and could not be fetched. Check out the full history: actions/checkout with "fetch-depth: 0".`
  );
}
async function ensureFullHistory(cwd, log) {
  if (!await isShallow(cwd)) return;
  if (await fetch(cwd, ["--unshallow", "origin"], log)) return;
  throw new ActionInputError(
    'a full-history scan needs the whole history, and this clone is shallow and could not be deepened. Check out with actions/checkout and "fetch-depth: 0".'
  );
}
async function defaultBranchSha(cwd, branch, log) {
  const ref = `refs/remotes/origin/${branch}`;
  const read = async () => {
    const r = await git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    return r.code === 0 ? r.stdout.toString().trim() : void 0;
  };
  const have = await read();
  if (have) return have;
  const shallow = await isShallow(cwd);
  await fetch(cwd, [...shallow ? ["--depth=50"] : [], "origin", `+refs/heads/${branch}:${ref}`], log);
  return read();
}

// src/action/review.ts
init_types();
var MAX_COMMENTS = 50;
async function reviewPullRequest(api, pr, blocking, all, locate2 = async (f) => f.line) {
  const files = await api.listPullFiles(pr.number);
  const diff = /* @__PURE__ */ new Map();
  for (const f of files) if (f.patch) diff.set(f.filename, rightLines(f.patch));
  const earlier = (await api.listReviewComments(pr.number)).map((c) => ({ c, m: parseMarker(c.body) })).filter((x) => x.m !== void 0);
  const byFp = /* @__PURE__ */ new Map();
  for (const e of earlier) byFp.set(e.m.fingerprint, [...byFp.get(e.m.fingerprint) ?? [], e]);
  const res = { posted: 0, alreadyThere: 0, resolved: 0, reopened: 0, where: /* @__PURE__ */ new Map() };
  const comments = [];
  const ordered = [...blocking].filter((f) => f.severity !== "info").sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  for (const f of ordered) {
    if (res.where.has(f.fingerprint)) continue;
    const prior = byFp.get(f.fingerprint);
    if (prior?.length) {
      const open = prior.filter((p) => !p.m.resolved);
      if (open.length) res.alreadyThere++;
      else {
        await api.updateReviewComment(prior[0].c.id, commentBody(f));
        res.reopened++;
      }
      res.where.set(f.fingerprint, "inline comment");
      continue;
    }
    const line = diff.has(f.file) ? await locate2(f) : void 0;
    if (line === void 0 || !diff.get(f.file).has(line)) {
      res.where.set(f.fingerprint, "outside the diff (summary only)");
      continue;
    }
    if (comments.length >= MAX_COMMENTS) {
      res.where.set(f.fingerprint, "summary only (comment limit)");
      continue;
    }
    comments.push({ path: f.file, line, side: "RIGHT", body: commentBody(f) });
    res.where.set(f.fingerprint, "inline comment");
  }
  const present = new Set(all.map((f) => f.fingerprint));
  for (const e of earlier)
    if (!e.m.resolved && !present.has(e.m.fingerprint)) {
      await api.updateReviewComment(e.c.id, resolvedBody(e.c.body, e.m.fingerprint, pr.head));
      res.resolved++;
    }
  if (comments.length) {
    await api.createReview(
      pr.number,
      pr.head,
      `**hookguard** found ${comments.length === 1 ? "a problem" : `${comments.length} problems`} on lines this pull request changes. Details are in the "hookguard" check run and the job summary.`,
      comments
    );
    res.posted = comments.length;
  }
  return res;
}

// src/action/main.ts
var VERSION9 = true ? "0.1.0" : "0.0.0-dev";
var CHECK_NAME = "hookguard";
var BATCH = 50;
var MAX_ANNOTATIONS = 1e3;
var FAIL_ON = [...SEVERITIES.filter((s) => s !== "info"), "none"];
async function run(runner = defaultRunner()) {
  let code2;
  try {
    code2 = await action(runner);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    command(runner, "error", `hookguard: ${msg}`);
    if (/(^|,)\s*hookguard/.test(runner.env.DEBUG ?? "") && e instanceof Error && e.stack)
      info(runner, `hookguard:debug ${e.stack}`);
    code2 = 1;
  }
  process.exitCode = code2;
  return code2;
}
function readInputs(r) {
  const failOn = getInput(r, "fail-on").toLowerCase();
  if (failOn && !FAIL_ON.includes(failOn))
    throw new ActionInputError(`input "fail-on" must be one of ${FAIL_ON.join(", ")}, got "${failOn}"`);
  const mode = getInput(r, "mode").toLowerCase() || "auto";
  if (!MODES.includes(mode))
    throw new ActionInputError(`input "mode" must be one of ${MODES.join(", ")}, got "${mode}"`);
  const opt = (name) => getInput(r, name) || void 0;
  return {
    token: getInput(r, "github-token") || r.env.GITHUB_TOKEN || "",
    ...failOn ? { failOn } : {},
    ...opt("config") ? { config: opt("config") } : {},
    ...opt("baseline") ? { baseline: opt("baseline") } : {},
    comments: getBooleanInput(r, "comments", true),
    ...opt("sarif-file") ? { sarifFile: opt("sarif-file") } : {},
    mode,
    paths: getInput(r, "path").split(/[\s,]+/).filter(Boolean)
  };
}
function explain(e, fork, checkDone) {
  const base = `hookguard could not use the GitHub API (${e.message})`;
  const instead = checkDone ? "Findings are in the check run and the job summary instead of inline comments." : "Findings are reported as workflow annotations and in the job summary instead.";
  if (e.forbidden)
    return `${base}: the token is read-only or lacks "checks: write" / "pull-requests: write"${fork ? " (pull requests from forks always get a read-only token)" : ""}. ${instead}`;
  return `${base}. ${instead}`;
}
function headLocator(root, head) {
  const files = /* @__PURE__ */ new Map();
  const blame = async (file) => {
    const r = await git(root, ["blame", "--porcelain", head, "--", file]);
    const map = /* @__PURE__ */ new Map();
    if (r.code !== 0) return map;
    for (const m of r.stdout.toString("utf8").matchAll(/^([0-9a-f]{40,64}) (\d+) (\d+)/gm))
      map.set(`${m[1]}:${m[2]}`, Number(m[3]));
    return map;
  };
  return async (f) => {
    if (f.category !== "secret" || !f.commit) return f.line;
    let p = files.get(f.file);
    if (!p) files.set(f.file, p = blame(f.file));
    return (await p).get(`${f.commit}:${f.line}`);
  };
}
async function action(r) {
  const inputs = readInputs(r);
  const cwd = r.env.GITHUB_WORKSPACE || process.cwd();
  const eventName = r.env.GITHUB_EVENT_NAME ?? "";
  const event = readEvent(r);
  const log = (l) => info(r, l);
  const plan = await planScan({
    mode: inputs.mode,
    paths: inputs.paths,
    eventName,
    event,
    cwd,
    ...r.env.GITHUB_SHA ? { githubSha: r.env.GITHUB_SHA } : {},
    log
  });
  log(`hookguard ${VERSION9}: scanning ${plan.scope}`);
  for (const n of plan.notes) log(`hookguard: ${n}`);
  const repo = repository(r);
  let api;
  let fallback;
  if (!inputs.token)
    fallback = "No github-token: findings are reported as workflow annotations and in the job summary.";
  else if (!repo) fallback = "GITHUB_REPOSITORY is not set: findings are reported as workflow annotations.";
  else
    api = new Api(repo, {
      token: inputs.token,
      baseUrl: r.env.GITHUB_API_URL || "https://api.github.com",
      userAgent: `hookguard-action/${VERSION9}`,
      log,
      ...r.env.HOOKGUARD_MAX_RATE_WAIT_MS ? { maxWaitMs: Number(r.env.HOOKGUARD_MAX_RATE_WAIT_MS) } : {}
    });
  if (fallback) command(r, "warning", fallback);
  const fail = (e, what) => {
    const err = toApiError(e, what);
    if (!fallback) {
      fallback = explain(err, Boolean(plan.pr?.fork), checkDone);
      command(r, "warning", fallback);
    }
    api = void 0;
  };
  let checkId;
  let checkDone = false;
  if (api && plan.headSha)
    try {
      checkId = await api.createCheckRun(plan.headSha, CHECK_NAME);
    } catch (e) {
      fail(e, "creating the check run");
    }
  if (!plan.request) {
    if (api && checkId !== void 0)
      await api.updateCheckRun(checkId, {
        status: "completed",
        conclusion: "success",
        output: { title: "Nothing to scan", summary: plan.notes.join("\n") || "Nothing to scan." }
      }).catch((e) => fail(e, "completing the check run"));
    appendSummary(r, `## hookguard: nothing to scan

${plan.notes.join("\n\n")}
`);
    setOutput(r, "findings", "0");
    setOutput(r, "blocking", "0");
    setOutput(r, "sarif-file", "");
    return 0;
  }
  const { scan: scan2, loadRulesAndConfig: loadRulesAndConfig2, iacRuleDocs: iacRuleDocs2, secretRuleDoc: secretRuleDoc2 } = await Promise.resolve().then(() => (init_scan(), scan_exports));
  let outcome;
  try {
    outcome = await scan2(plan.request, {
      cwd,
      ...inputs.config ? { config: inputs.config } : {},
      ...inputs.baseline ? { baseline: inputs.baseline } : {},
      ...inputs.failOn ? { failOn: inputs.failOn } : {}
    });
  } catch (e) {
    if (api && checkId !== void 0)
      await api.updateCheckRun(checkId, {
        status: "completed",
        conclusion: "failure",
        output: { title: "hookguard could not scan", summary: e.message }
      }).catch(() => void 0);
    throw e;
  }
  const { result: result2, failOn } = outcome;
  const failingCount = failing(result2, failOn).length;
  const ctx = { toolVersion: VERSION9, failOn, color: false, rules: [], scope: plan.scope };
  const end = group(r, `hookguard report: ${checkTitle(result2, failOn)}`);
  r.stdout(textReport(result2, ctx));
  end();
  let sarifFile;
  if (inputs.sarifFile) {
    const { patterns } = await loadRulesAndConfig2(outcome.root, inputs.config, cwd);
    const rules2 = [...patterns.map(secretRuleDoc2), ...await iacRuleDocs2()];
    const { sarifReport: sarifReport2 } = await Promise.resolve().then(() => (init_sarif(), sarif_exports));
    const abs = path6.resolve(cwd, inputs.sarifFile);
    mkdirSync(path6.dirname(abs), { recursive: true });
    writeFileSync(abs, sarifReport2(result2, { ...ctx, rules: rules2 }));
    sarifFile = inputs.sarifFile;
    log(`hookguard: wrote SARIF to ${sarifFile}`);
  }
  let capped = 0;
  if (api && checkId !== void 0) {
    const locate2 = plan.headSha ? headLocator(outcome.root, plan.headSha) : void 0;
    const atHead = async (fs) => Promise.all(
      fs.map(async (f) => {
        if (!locate2 || f.category !== "secret" || !f.commit || f.commit === plan.headSha) return f;
        const line = await locate2(f);
        if (line === void 0)
          return {
            ...f,
            message: `${f.message} Added in commit ${f.commit.slice(0, 12)}; no longer at this line at the head commit.`
          };
        return line === f.line ? f : { ...f, line, endLine: line };
      })
    );
    const all = annotationsFor({ ...result2, findings: await atHead(result2.findings) }, failOn);
    const annotations = all.slice(0, MAX_ANNOTATIONS);
    capped = all.length - annotations.length;
    const title = checkTitle(result2, failOn);
    const summary = checkSummary(plan.scope, result2, failOn, capped);
    try {
      const batches = Math.max(1, Math.ceil(annotations.length / BATCH));
      for (let i = 0; i < batches; i++) {
        const last = i === batches - 1;
        await api.updateCheckRun(checkId, {
          ...last ? { status: "completed", conclusion: failingCount ? "failure" : "success" } : {},
          output: { title, summary, annotations: annotations.slice(i * BATCH, (i + 1) * BATCH) }
        });
      }
      checkDone = true;
    } catch (e) {
      fail(e, "updating the check run");
    }
  }
  let where;
  let reviewLine;
  if (api && plan.pr && inputs.comments) {
    try {
      const pr = plan.pr;
      const rv = await reviewPullRequest(
        api,
        pr,
        result2.findings,
        [...result2.findings, ...result2.existing],
        headLocator(outcome.root, pr.head)
      );
      where = rv.where;
      const parts = [
        rv.posted && `${rv.posted} new inline comment${rv.posted === 1 ? "" : "s"}`,
        rv.alreadyThere && `${rv.alreadyThere} already commented`,
        rv.reopened && `${rv.reopened} reopened`,
        rv.resolved && `${rv.resolved} earlier comment${rv.resolved === 1 ? "" : "s"} marked resolved`
      ].filter(Boolean);
      reviewLine = parts.length ? `Review: ${parts.join(", ")}.` : void 0;
      log(`hookguard: ${reviewLine ?? "review: nothing to comment on"}`);
    } catch (e) {
      fail(e, "posting review comments");
    }
  }
  if (!checkDone) r.stdout(githubReport(result2, ctx));
  appendSummary(
    r,
    summaryMarkdown({
      result: result2,
      failOn,
      scope: plan.scope,
      notes: plan.notes,
      ...where ? { where } : {},
      ...reviewLine ? { review: reviewLine } : {},
      ...fallback ? { fallback } : {},
      ...capped ? { annotationsCapped: capped } : {},
      ...sarifFile ? { sarifFile } : {}
    })
  );
  const total = result2.findings.length + result2.existing.length;
  setOutput(r, "findings", String(total));
  setOutput(r, "blocking", String(failingCount));
  setOutput(r, "sarif-file", sarifFile ?? "");
  if (outcome.exitCode === 1)
    command(
      r,
      "error",
      `hookguard: ${failingCount} finding${failingCount === 1 ? "" : "s"} at or above "${failOn}" (${severityText(failing(result2, failOn))}). Rotate any exposed secret: removing it in a later commit leaves it in the history.`
    );
  else log(`hookguard: passed (${checkTitle(result2, failOn)}).`);
  return outcome.exitCode;
}
function checkSummary(scope, r, failOn, capped) {
  const rows = SEVERITIES.map(
    (s) => [
      s,
      r.findings.filter((f) => f.severity === s).length,
      r.existing.filter((f) => f.severity === s).length
    ]
  ).filter(([, a, b]) => a || b);
  return [
    `Scanned ${scope} (fail-on \`${failOn}\`).`,
    "",
    ...rows.length ? [
      "| Severity | New | Existing (not blocking) |",
      "|---|---:|---:|",
      ...rows.map(([s, a, b]) => `| ${s} | ${a} | ${b} |`)
    ] : ["No findings."],
    ...r.suppressed.length ? ["", `${r.suppressed.length} suppressed (inline, baseline or config).`] : [],
    ...capped ? ["", `${capped} more findings were not annotated (limit ${MAX_ANNOTATIONS}); see the job summary or SARIF.`] : []
  ].join("\n");
}

// src/action/index.ts
await run();
/*! Bundled license information:

content-type/dist/index.js:
  (*!
   * content-type
   * Copyright(c) 2015 Douglas Christopher Wilson
   * MIT Licensed
   *)

@octokit/request-error/dist-src/index.js:
  (* v8 ignore else -- @preserve -- Bug with vitest coverage where it sees an else branch that doesn't exist *)

@octokit/request/dist-bundle/index.js:
  (* v8 ignore next -- @preserve *)
  (* v8 ignore else -- @preserve *)

@octokit/graphql/dist-bundle/index.js:
  (* v8 ignore if -- @preserve *)
*/
