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

/** Character classes as lookup tables over every UTF-16 code unit (no range check per character): a hand-rolled scan
 * is several times faster than a regex over long text. */
function table(chars: string): Uint8Array {
  const t = new Uint8Array(65536);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64_CHARS = table(ALNUM + '+/_-');
const PCT_CHARS = table(ALNUM + '._~+%:/@=&?-');

/** The same classes as regexes, for small texts: a native regex needs no warm-up, where the hand-rolled loop runs
 * interpreted in a short-lived process (the pre-commit hook). The padding counts towards the minimum length (14
 * characters and '==' make a run of 16), as in the loop: both paths find the same runs. */
const B64_RUN = /[A-Za-z0-9+/_-]{14,}={0,2}/g;
const PCT_RUN = /[A-Za-z0-9._~+%:/@=&?-]{16,}/g;
const SMALL_TEXT = 64 * 1024;
/** Bytes left for the regex path: past it the hand-rolled loop has warmed up and is the faster one. */
let regexBudget = 256 * 1024;

/**
 * Maximal runs of `cls` characters (base64 runs with up to two trailing '=') at least `min` long, passed to `each`
 * until it returns false. Small texts use the regex (no warm-up), larger ones a hand-rolled loop: the same runs.
 * Exported for its tests.
 */
export function runs(
  text: string,
  cls: Uint8Array,
  min: number,
  padding: boolean,
  each: (start: number, end: number) => boolean,
): void {
  if (text.length <= SMALL_TEXT && min === 16 && regexBudget > 0) {
    regexBudget -= text.length;
    const re = cls === B64_CHARS ? B64_RUN : PCT_RUN;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text))
      if (m[0].length >= min && !each(m.index, m.index + m[0].length)) return;
    return;
  }
  // A run that can reach `min` has at least `need` characters of the class (the padding counts for up to two), so it
  // holds the character `need - 1` places after any position it starts at or before: that one is read first, and
  // when it is not of the class no run starts up to it. Most runs in code are words far shorter than `need`, so most
  // characters are never read. No run starts before `i` that has not been passed to `each` already, and the
  // character before `i` (when there is one) ends a run or is not of the class.
  const n = text.length;
  const need = padding ? min - 2 : min;
  let i = 0;
  for (;;) {
    const probe = i + need - 1;
    if (probe >= n) return;
    if (!cls[text.charCodeAt(probe)]) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && cls[text.charCodeAt(start - 1)]) start--;
    let j = probe + 1;
    while (j < n && cls[text.charCodeAt(j)]) j++;
    let end = j;
    if (padding) while (end < n && end - j < 2 && text.charCodeAt(end) === 61) end++;
    if (end - start >= min && !each(start, end)) return;
    i = end;
  }
}

/** Printable text: the decoded bytes are (almost) all visible ASCII or whitespace. */
function printable(buf: Buffer): boolean {
  if (buf.length < 8) return false;
  let bad = 0;
  for (const b of buf) if (!(b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127))) bad++;
  return bad <= buf.length * 0.02;
}

/** Value of a base64 or base64url character (Node's decoder takes both alphabets), -1 for others. */
const B64_VALUE = new Int8Array(128).fill(-1);
for (let v = 0; v < 64; v++) B64_VALUE[(ALNUM + '+/').charCodeAt(v)] = v;
B64_VALUE[45] = 62; // '-'
B64_VALUE[95] = 63; // '_'

/** `printable`, for bytes that are one decoded byte of base64: without decoding into a Buffer. */
function printableByte(b: number): boolean {
  return b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127);
}

/**
 * Whether the base64 characters text[start, end) (no padding; length not 1 modulo 4) decode to printable text, as
 * `printable` judges the decoded bytes: computed from the characters, stopping at the first byte over the bound, so
 * the many runs that decode to noise (identifiers, paths, hashes) cost no allocation.
 */
export function printableBase64(text: string, start: number, end: number): boolean {
  const n = ((end - start) * 3) >>> 2;
  if (n < 8) return false;
  const limit = n * 0.02;
  let bad = 0;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const x =
      (B64_VALUE[text.charCodeAt(i)]! << 18) |
      (B64_VALUE[text.charCodeAt(i + 1)]! << 12) |
      (B64_VALUE[text.charCodeAt(i + 2)]! << 6) |
      B64_VALUE[text.charCodeAt(i + 3)]!;
    if (!printableByte(x >>> 16) && ++bad > limit) return false;
    if (!printableByte((x >>> 8) & 255) && ++bad > limit) return false;
    if (!printableByte(x & 255) && ++bad > limit) return false;
  }
  if (end - i >= 2) {
    const a = B64_VALUE[text.charCodeAt(i)]!;
    const b = B64_VALUE[text.charCodeAt(i + 1)]!;
    if (!printableByte(((a << 2) | (b >> 4)) & 255) && ++bad > limit) return false;
    if (end - i === 3 && !printableByte(((b << 4) | (B64_VALUE[text.charCodeAt(i + 2)]! >> 2)) & 255) && ++bad > limit)
      return false;
  }
  return true;
}

/** Few distinct characters (under 8) in the first 32 of text[start, end): filler (xxxx, ----, aaaa...), not an
 * encoding. The run is ASCII. */
function lowVariety(text: string, start: number, end: number): boolean {
  let lo = 0;
  let hi = 0;
  let seen = 0;
  for (let i = start; i < end && i < start + 32; i++) {
    const c = text.charCodeAt(i);
    const bit = 1 << (c & 63);
    if (c < 64) {
      if (!(lo & bit)) {
        lo |= bit;
        if (++seen >= 8) return false;
      }
    } else if (!(hi & bit)) {
      hi |= bit;
      if (++seen >= 8) return false;
    }
  }
  return true;
}

const HEX = 1;
const LETTER = 2;
const UPPER = 4;
const LOWER = 8;
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = HEX;
for (let c = 65; c <= 90; c++) CLASS[c] = LETTER | UPPER | (c <= 70 ? HEX : 0);
for (let c = 97; c <= 122; c++) CLASS[c] = LETTER | LOWER | (c <= 102 ? HEX : 0);

export function findEncoded(text: string): EncodedRun[] {
  const out: EncodedRun[] = [];
  let examined = 0;
  let bytes = 0;
  const full = () => out.length >= DECODE_LIMITS.maxDecoded || bytes >= DECODE_LIMITS.maxDecodedBytes;

  runs(text, B64_CHARS, DECODE_LIMITS.minLength, true, (start, end) => {
    if (full() || ++examined > DECODE_LIMITS.maxExamined) return false;
    if (end - start > DECODE_LIMITS.maxLength) return true;
    if (lowVariety(text, start, end)) return true;
    // data: URIs (images, fonts) and source-map payloads are content, not credentials.
    if (start >= 7 && text.startsWith('base64,', start - 7)) return true;
    // One pass over the run without its '=' padding: all hex digits? letters only? an upper, a lower, an upper in
    // that order?
    let all = HEX | LETTER;
    let hexLetter = false;
    let digit = false;
    let ulu = 0;
    let bodyEnd = end;
    while (bodyEnd > start && text.charCodeAt(bodyEnd - 1) === 61) bodyEnd--;
    for (let i = start; i < bodyEnd; i++) {
      const k = CLASS[text.charCodeAt(i)]!;
      all &= k;
      if (k & HEX) {
        if (k & LETTER) hexLetter = true;
        else digit = true;
      }
      if (ulu === 0 ? k & UPPER : ulu === 1 ? k & LOWER : ulu === 2 ? k & UPPER : 0) ulu++;
    }
    const len = end - start;
    if (all & HEX && bodyEnd === end) {
      if (len >= 32 && len % 2 === 0 && hexLetter && digit) {
        const buf = Buffer.from(text.slice(start, end), 'hex');
        if (printable(buf)) {
          out.push({ encoding: 'hex', start, end, decoded: buf.toString('latin1') });
          bytes += buf.length;
        }
      }
      return true;
    }
    if ((bodyEnd - start) % 4 === 1) return true;
    // Plain identifiers and paths: letters only, or words between slashes; they decode to noise anyway.
    if (all & LETTER && ulu < 3) return true;
    // Checked before the entropy: most runs fail here, at their first few characters.
    if (!printableBase64(text, start, bodyEnd)) return true;
    const run = text.slice(start, end);
    if (shannonEntropy(run.length > 256 ? run.slice(0, 256) : run) < 3.2) return true;
    const buf = Buffer.from(text.slice(start, bodyEnd), 'base64');
    out.push({ encoding: 'base64', start, end, decoded: buf.toString('latin1') });
    bytes += buf.length;
    return true;
  });

  if (!full() && examined <= DECODE_LIMITS.maxExamined && text.includes('%')) {
    runs(text, PCT_CHARS, DECODE_LIMITS.minLength, false, (start, end) => {
      if (full() || ++examined > DECODE_LIMITS.maxExamined) return false;
      if (end - start > DECODE_LIMITS.maxLength) return true;
      const run = text.slice(start, end);
      if (!run.includes('%')) return true;
      const escapes = run.match(/%[0-9A-Fa-f]{2}/g);
      if (!escapes || escapes.length < 2) return true;
      let decoded: string;
      try {
        decoded = decodeURIComponent(run.replace(/\+/g, ' '));
      } catch {
        return true;
      }
      out.push({ encoding: 'percent', start, end, decoded });
      bytes += decoded.length;
      return true;
    });
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
