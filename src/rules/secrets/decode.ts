/**
 * One level of decoding: base64 / base64url, hex and percent-encoded runs are decoded and scanned again, so a
 * Kubernetes Secret's `data:` value or a URL-encoded connection string is covered. Bounded so it costs little:
 * only runs of candidate length, printable results, a cap on runs looked at and decoded per chunk, never recursive.
 * Offsets map back into the original text (the finding points at the encoded characters).
 */
import { shannonEntropy } from './entropy.js';

export type Encoding = 'base64' | 'hex' | 'percent';

export interface EncodedRun {
  encoding: Encoding;
  /** Offsets of the encoded run in the original text. */
  start: number;
  end: number;
  decoded: string;
}

export const DECODE_LIMITS = {
  /** Shortest run worth decoding (a 12-byte value in base64). */
  minLength: 16,
  /** Longest run decoded (a kubeconfig or PEM in base64 fits; inline fonts and images do not). */
  maxLength: 16384,
  /** Runs examined per chunk (cheap checks), and runs actually decoded and rescanned per chunk. */
  maxExamined: 2000,
  maxDecoded: 64,
  maxDecodedBytes: 256 * 1024,
};

/** Character classes as lookup tables: a hand-rolled scan is several times faster than a regex over long text. */
function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64_CHARS = table(ALNUM + '+/_-');
const PCT_CHARS = table(ALNUM + '._~+%:/@=&?-');

/** The same classes as regexes, for small texts: a native regex needs no warm-up, where the hand-rolled loop runs
 * interpreted in a short-lived process (the pre-commit hook). */
const B64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const PCT_RUN = /[A-Za-z0-9._~+%:/@=&?-]{16,}/g;
const SMALL_TEXT = 64 * 1024;
/** Bytes left for the regex path: past it the hand-rolled loop has warmed up and is the faster one. */
let regexBudget = 256 * 1024;

/** Maximal runs of `cls` characters at least `min` long; base64 runs take up to two trailing '='. */
function* runs(text: string, cls: Uint8Array, min: number, padding: boolean): Generator<[number, number]> {
  if (text.length <= SMALL_TEXT && min === 16 && regexBudget > 0) {
    regexBudget -= text.length;
    const re = cls === B64_CHARS ? B64_RUN : PCT_RUN;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // Base64 takes at most two '=' of padding; the regex already stops there.
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

/** Printable text: the decoded bytes are (almost) all visible ASCII or whitespace. */
function printable(buf: Buffer): boolean {
  if (buf.length < 8) return false;
  let bad = 0;
  for (const b of buf) if (!(b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127))) bad++;
  return bad <= buf.length * 0.02;
}

/** Few distinct characters in the first 32: a run of filler (xxxx, ----, aaaa...), not an encoding. */
function lowVariety(s: string): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < s.length && i < 32; i++) seen.add(s[i]!);
  return seen.size < 8;
}

export function findEncoded(text: string): EncodedRun[] {
  const out: EncodedRun[] = [];
  let examined = 0;
  let bytes = 0;
  const full = () => out.length >= DECODE_LIMITS.maxDecoded || bytes >= DECODE_LIMITS.maxDecodedBytes;

  for (const [start, end] of runs(text, B64_CHARS, DECODE_LIMITS.minLength, true)) {
    if (full() || ++examined > DECODE_LIMITS.maxExamined) break;
    if (end - start > DECODE_LIMITS.maxLength) continue;
    const run = text.slice(start, end);
    if (lowVariety(run)) continue;
    // data: URIs (images, fonts) and source-map payloads are content, not credentials.
    if (text.slice(Math.max(0, start - 8), start).endsWith('base64,')) continue;
    if (/^[0-9a-fA-F]+$/.test(run)) {
      if (run.length >= 32 && run.length % 2 === 0 && /[a-fA-F]/.test(run) && /\d/.test(run)) {
        const buf = Buffer.from(run, 'hex');
        if (printable(buf)) {
          out.push({ encoding: 'hex', start, end: start + run.length, decoded: buf.toString('latin1') });
          bytes += buf.length;
        }
      }
      continue;
    }
    const body = run.replace(/=+$/, '');
    if (body.length % 4 === 1) continue;
    // Plain identifiers and paths: letters only, or words between slashes; they decode to noise anyway.
    if (/^[A-Za-z]+$/.test(body) && !/[A-Z].*[a-z].*[A-Z]/.test(body)) continue;
    if (shannonEntropy(run.length > 256 ? run.slice(0, 256) : run) < 3.2) continue;
    const buf = Buffer.from(body, 'base64');
    if (!printable(buf)) continue;
    out.push({ encoding: 'base64', start, end: start + run.length, decoded: buf.toString('latin1') });
    bytes += buf.length;
  }

  if (!full() && text.includes('%')) {
    for (const [start, end] of runs(text, PCT_CHARS, DECODE_LIMITS.minLength, false)) {
      if (full() || ++examined > DECODE_LIMITS.maxExamined) break;
      if (end - start > DECODE_LIMITS.maxLength) continue;
      const run = text.slice(start, end);
      if (!run.includes('%')) continue;
      const escapes = run.match(/%[0-9A-Fa-f]{2}/g);
      if (!escapes || escapes.length < 2) continue;
      let decoded: string;
      try {
        decoded = decodeURIComponent(run.replace(/\+/g, ' '));
      } catch {
        continue;
      }
      out.push({ encoding: 'percent', start, end, decoded });
      bytes += decoded.length;
    }
  }
  return out;
}

/** Map a range of the decoded text back to the encoded characters that produce it. */
export function mapBack(run: EncodedRun, dStart: number, dEnd: number): [number, number] {
  if (run.encoding === 'hex') return [run.start + dStart * 2, Math.min(run.end, run.start + dEnd * 2)];
  if (run.encoding === 'base64') {
    const s = run.start + Math.floor(dStart / 3) * 4;
    const e = run.start + Math.ceil(dEnd / 3) * 4;
    return [s, Math.min(run.end, e)];
  }
  return [run.start, run.end];
}
