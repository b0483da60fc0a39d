/**
 * The keyword prefilter: an Aho-Corasick automaton over every rule keyword, compiled to a dense transition table over
 * the characters keywords use (ASCII case-folded; a class lookup and a transition per character), so one pass over a
 * text finds every keyword that occurs in it, overlapping ones included. It replaces one regex alternation of ~600 keywords, which tried the keyword trie at every position
 * and topped the profile of history and directory scans.
 * Pure: no I/O.
 */

/** ASCII lower-case mapping: what the regex `i` flag does for ASCII (non-ASCII characters never match ASCII ones). */
const LOWER = new Uint8Array(128);
/** Sign bit of a transition: the state it leads to ends a keyword. */
const ROW_ENDS = 0x80000000 | 0;
for (let c = 0; c < 128; c++) LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;

export class KeywordMatcher {
  /** Character class of a UTF-16 code unit (ASCII case-folded): 0 for characters in no keyword (all non-ASCII
   * ones), else 1..width-1. A table over every code unit: no range check per character. */
  private readonly cls: Uint8Array;
  private readonly width: number;
  /**
   * The full DFA, failure transitions folded in: for (row of a state + class), the row of the next state (state ×
   * width), with its sign bit set when that state ends a keyword. Class 0 leads to the root. One load per
   * character, and a branch only where a keyword ends.
   */
  private readonly rows: Int32Array;
  /** Keyword ids ending at a state, its suffixes' included (undefined: none). */
  private readonly out: Array<number[] | undefined>;
  /** Per scan: the generation in which a state's keywords were already recorded, and keywords seen. */
  private readonly stateGen: Uint32Array;
  private readonly kwGen: Uint32Array;
  private gen = 0;

  /** `keywords` lower-case ASCII (see `KeywordMatcher.accepts`). */
  constructor(readonly keywords: readonly string[]) {
    // Only the characters that occur in keywords get a column (built once per process: the table stays small).
    const cls = new Uint8Array(128);
    let width = 1;
    for (const k of keywords)
      for (let i = 0; i < k.length; i++) {
        const c = LOWER[k.charCodeAt(i)]!;
        if (!cls[c]) cls[c] = width++;
      }
    for (let c = 65; c <= 90; c++) cls[c] = cls[c + 32]!;
    let size = 1;
    for (const k of keywords) size += k.length;
    const goto = new Int32Array(size * width).fill(-1);
    const outs: number[][] = [[]];
    let states = 1;
    keywords.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = cls[k.charCodeAt(i)]!;
        let t = goto[s * width + c]!;
        if (t === -1) {
          t = states++;
          goto[s * width + c] = t;
          outs.push([]);
        }
        s = t;
      }
      outs[s]!.push(id);
    });
    // Breadth first: each state's failure link is the longest proper suffix that is a state; missing transitions
    // become the failure state's, and each state inherits its failure state's keywords. Class 0 leads to the root.
    const delta = states < 65536 ? new Uint16Array(states * width) : new Uint32Array(states * width);
    const fail = new Int32Array(states);
    const queue = new Int32Array(states);
    let head = 0;
    let tail = 0;
    for (let c = 1; c < width; c++) {
      const t = goto[c]!;
      if (t !== -1) {
        delta[c] = t;
        queue[tail++] = t;
      }
    }
    while (head < tail) {
      const s = queue[head++]!;
      const f = fail[s]!;
      if (outs[f]!.length) outs[s] = outs[s]!.concat(outs[f]!);
      const row = s * width;
      const frow = f * width;
      for (let c = 1; c < width; c++) {
        const t = goto[row + c]!;
        if (t === -1) delta[row + c] = delta[frow + c]!;
        else {
          delta[row + c] = t;
          fail[t] = delta[frow + c]!;
          queue[tail++] = t;
        }
      }
    }
    const wide = new Uint8Array(65536);
    wide.set(cls);
    this.cls = wide;
    this.width = width;
    const rows = new Int32Array(states * width);
    for (let i = 0; i < rows.length; i++) {
      const t = i % width === 0 ? 0 : delta[i]!;
      rows[i] = (t * width) | (outs[t]!.length ? ROW_ENDS : 0);
    }
    this.rows = rows;
    this.out = outs.map((o) => (o.length ? o : undefined));
    this.stateGen = new Uint32Array(states);
    this.kwGen = new Uint32Array(keywords.length);
  }

  /** Whether the automaton can take these keywords (ASCII only; a custom rule may have others). */
  static accepts(keywords: Iterable<string>): boolean {
    for (const k of keywords) if (!/^[\x00-\x7f]+$/.test(k)) return false;
    return true;
  }

  /** Call `found(id)` once for each keyword that occurs in `text` (case-insensitively). */
  scan(text: string, found: (id: number) => void): void {
    if (++this.gen === 0xffffffff) {
      this.stateGen.fill(0);
      this.kwGen.fill(0);
      this.gen = 1;
    }
    const gen = this.gen;
    const { rows, out, stateGen, kwGen, cls, width } = this;
    let left = this.keywords.length;
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      // A character of no keyword (or not ASCII) has class 0, which ends every partial match.
      const next = rows[row + cls[text.charCodeAt(i)]!]!;
      if (next >= 0) {
        row = next;
        continue;
      }
      row = next & ~ROW_ENDS;
      const s = row / width;
      if (stateGen[s] === gen) continue;
      const ids = out[s];
      if (ids === undefined) continue;
      stateGen[s] = gen;
      for (const id of ids) {
        if (kwGen[id] === gen) continue;
        kwGen[id] = gen;
        found(id);
        if (--left === 0) return;
      }
    }
  }
}
