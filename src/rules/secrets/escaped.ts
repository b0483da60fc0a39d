/**
 * Code inside escaped strings (issue 31, layout): a double-quoted literal that holds escaped quotes is text in a
 * language inside another one — a Jupyter notebook's code cell (`"api_token = \"…\"\n"` in the .ipynb JSON), a
 * script in a string (`"$password = \"…\""`), JSON wrapped in a string (`"{\"client_secret\":\"…\"}"`). The rules
 * read such a literal once unescaped; a hit maps back, character by character, to the literal in the file, so the
 * finding has the file's own line and column.
 * Bounded: only literals that hold `\"`, at most MAX_RUNS per text and MAX_LENGTH characters each, one level.
 */
export interface EscapedRun {
  /** Offsets of the literal's content (between its quotes) in the text. */
  start: number;
  end: number;
  decoded: string;
  /** For each decoded character, its offset in the text; one more entry for the end. */
  map: Int32Array;
}

const MAX_RUNS = 200;
const MAX_LENGTH = 20000;
/** Literals looked at per text (most hold no escaped quote). */
const MAX_EXAMINED = 5000;
/** A double-quoted literal on one line (linear: the alternatives never overlap). */
const LITERAL = /"((?:[^"\\\n]|\\[^\n])*)"/g;
const SIMPLE: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r' };

export function findEscaped(text: string): EscapedRun[] {
  if (!text.includes('\\"')) return [];
  const out: EscapedRun[] = [];
  LITERAL.lastIndex = 0;
  let examined = 0;
  for (let m = LITERAL.exec(text); m !== null && out.length < MAX_RUNS; m = LITERAL.exec(text)) {
    if (++examined > MAX_EXAMINED) break;
    const body = m[1]!;
    if (body.length < 8 || body.length > MAX_LENGTH || !body.includes('\\"')) continue;
    const start = m.index + 1;
    let decoded = '';
    const map: number[] = [];
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c !== '\\') {
        decoded += c;
        map.push(start + i);
        continue;
      }
      const n = body[i + 1] ?? '';
      const u = n === 'u' ? /^[0-9a-fA-F]{4}$/.exec(body.slice(i + 2, i + 6)) : null;
      if (u) {
        decoded += String.fromCharCode(parseInt(u[0], 16));
        map.push(start + i);
        i += 5;
      } else if (n in SIMPLE) {
        decoded += SIMPLE[n]!;
        map.push(start + i);
        i++;
      } else {
        decoded += c;
        map.push(start + i);
      }
    }
    map.push(start + body.length);
    out.push({ start, end: start + body.length, decoded, map: Int32Array.from(map) });
  }
  return out;
}

/** The text offsets of decoded offsets [dStart, dEnd) of a run. */
export function mapEscaped(run: EscapedRun, dStart: number, dEnd: number): [number, number] {
  const s = run.map[dStart] ?? run.start;
  // The end is just after the last decoded character's source (an escape covers two or six characters).
  const last = run.map[Math.max(dStart, dEnd - 1)] ?? run.end - 1;
  const next = run.map[dEnd] ?? run.end;
  return [s, Math.max(last + 1, Math.min(next, run.end))];
}
