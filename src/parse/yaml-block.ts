/**
 * A reader for the plain block-style YAML that CloudFormation templates and Ansible playbooks are nearly always
 * written in, building the same `yaml` nodes (`YAMLMap`, `YAMLSeq`, `Pair`, `Scalar` in a `Document`) as the
 * library's `parseAllDocuments` would: same tree, values (the core schema's own tags resolve each plain scalar),
 * scalar types and sources, short-form tags (`!Ref`, `!Sub`…), flow flags, and the same `range[0]`/`range[1]` (so
 * the same lines and columns). It is a fast path: the library's lexer, CST and composer cost about a hundred
 * million instructions for a 130-line template in a fresh process, this reader a few.
 *
 * Anything it does not read exactly (the rarer forms of block scalars, multi-line plain or quoted scalars, escapes,
 * anchors and aliases, explicit keys, `!!` tags, directives, tabs, CR, a BOM, duplicate keys, multi-line flow collections,
 * anything odd) makes it return undefined, and the caller parses with the library: the fast path never changes a
 * result, it only skips work. test/unit/yaml-block.test.ts checks it against the library on every YAML file in the
 * repository and on generated documents.
 *
 * Not produced (the IaC families never read them): comments (`comment`, `commentBefore`, `spaceBefore`), the third
 * element of ranges (where trailing comments end: set to range[1]), and documents' warnings for unknown tags.
 *
 * Building the library's nodes by hand ties this file to its internals, so package.json pins `yaml` to the minor
 * version the tests ran against (`~2.9.x`); moving the pin to a new minor means running test/unit/yaml-block.test.ts
 * against it first.
 */
import {
  Document,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;
type Node = Scalar | YAMLMap | YAMLSeq;

/** What follows a node: the start of the next content line (or n), and the deepest comment among the pending lines. */
interface After {
  line: number;
  pendMax: number;
}

/** Thrown inside the reader when the text needs the library; caught by readBlockYaml. */
const BAIL = new Error('yaml-block: not handled');

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (msg: string) => void, options: unknown): unknown;
}

const SPACE = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;

function bail(): never {
  throw BAIL;
}

class Reader {
  private pos = 0;
  private readonly n: number;
  private readonly tags: ScalarTag[];
  private readonly strTag: ScalarTag;
  private readonly schema: Document['schema'];

  constructor(
    private readonly text: string,
    private readonly doc: Document,
  ) {
    this.n = text.length;
    this.schema = doc.schema;
    this.tags = doc.schema.tags as unknown as ScalarTag[];
    // The schema's string tag (what quoted and tagged scalars resolve with).
    this.strTag = (doc.schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')]!;
    if (!this.strTag) bail();
  }

  // ---- lines ----

  /** Offset of the end of the line holding `i` (its newline, or the text's end). */
  private eol(i: number): number {
    const j = this.text.indexOf('\n', i);
    return j === -1 ? this.n : j;
  }

  /** Skip blank and comment-only lines from line start `i`; the start of the next content line, or n. */
  private nextContent(i: number): number {
    const t = this.text;
    while (i < this.n) {
      let j = i;
      while (t.charCodeAt(j) === SPACE) j++;
      const c = t.charCodeAt(j);
      if (j < this.n && c !== NL && c !== HASH) return i;
      const e = this.eol(j);
      i = e + 1;
    }
    return this.n;
  }

  private indentAt(lineStart: number): number {
    let j = lineStart;
    while (this.text.charCodeAt(j) === SPACE) j++;
    return j - lineStart;
  }

  /** After an inline value ending at `i` (exclusive): only spaces and a comment may follow. Start of next line. */
  private endOfLine(i: number): number {
    const t = this.text;
    let j = i;
    while (t.charCodeAt(j) === SPACE) j++;
    if (j < this.n && t.charCodeAt(j) !== NL) {
      // A comment needs white space before it ("a#b" is part of a plain scalar, `"a"#b` an error).
      if (t.charCodeAt(j) !== HASH || t.charCodeAt(j - 1) !== SPACE) bail();
      j = this.eol(j);
    }
    return j < this.n ? j + 1 : this.n;
  }

  // ---- scalars ----

  private plainScalar(source: string, start: number, end: number, atKey: boolean): Scalar {
    let tag: ScalarTag | undefined;
    for (const t of this.tags)
      if ((t.default === true || (atKey && t.default === 'key')) && t.test && t.test.test(source)) {
        tag = t;
        break;
      }
    tag ??= this.strTag;
    return this.finish(tag, source, start, end, 'PLAIN', undefined);
  }

  private finish(
    tag: ScalarTag,
    value: string,
    start: number,
    end: number,
    type: Scalar.Type,
    tagName: string | undefined,
  ): Scalar {
    let failed = false;
    const res = tag.resolve(value, () => (failed = true), this.doc.options);
    if (failed) bail();
    const s = res instanceof Scalar ? res : new Scalar(res);
    s.range = [start, end, end];
    s.source = value;
    s.type = type;
    if (tagName) s.tag = tagName;
    if (tag.format) s.format = tag.format;
    return s;
  }

  /** A quoted scalar starting at `i` on one line; [scalar, offset after the closing quote]. */
  private quoted(i: number, tagName: string | undefined): [Scalar, number] {
    const t = this.text;
    const q = t.charCodeAt(i);
    let j = i + 1;
    let value = '';
    if (q === 34) {
      // "…": no escapes, no line breaks.
      for (; j < this.n; j++) {
        const c = t.charCodeAt(j);
        if (c === 34) break;
        if (c === 92 || c === NL) bail();
      }
      if (j >= this.n) bail();
      value = t.slice(i + 1, j);
    } else {
      // '…' with '' for a quote.
      let from = i + 1;
      for (; ; j++) {
        if (j >= this.n) bail();
        const c = t.charCodeAt(j);
        if (c === NL) bail();
        if (c === 39) {
          if (t.charCodeAt(j + 1) === 39) {
            value += t.slice(from, j + 1);
            j++;
            from = j + 1;
            continue;
          }
          break;
        }
      }
      value += t.slice(from, j);
    }
    const s = this.finish(this.strTag, value, i, j + 1, q === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', tagName);
    return [s, j + 1];
  }

  /** A short-form tag at `i` (`!Ref`); [name, offset after it]. */
  private tagAt(i: number): [string, number] {
    const t = this.text;
    let j = i + 1;
    for (; j < this.n; j++) {
      const c = t.charCodeAt(j);
      if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57))) break;
    }
    const c = t.charCodeAt(j);
    if (j === i + 1 || (j < this.n && c !== SPACE && c !== NL)) bail();
    return [t.slice(i, j), j];
  }

  // ---- block context ----
  //
  // Where a node ends (range[2]) follows the library's parser: a scalar or flow collection takes its line's comment
  // and line break, then any following comment lines indented past its collection's items (with the blank lines
  // between them). Other blank and comment lines before the next content line are "pending": they belong to the next
  // item of the innermost collection, or, when that collection ends, stay with it (its range[2] then runs up to the
  // next content) if one of the comments is indented as far as its items, else move to the collection around it.
  // A collection's range[1] is its last value's range[2].

  /** Start of the content (first non-space character) of the line at `line`, or n. */
  private contentPos(line: number): number {
    return line >= this.n ? this.n : line + this.indentAt(line);
  }

  /**
   * The lines after a value whose line ends at `from` (the start of the next line), in a collection with items at
   * column `indent`. With `value` (a scalar or flow collection), indented comment lines are taken into its range[2].
   */
  private trailing(from: number, indent: number, value: Node | undefined): After {
    const t = this.text;
    let i = from;
    let absorbing = value !== undefined;
    let pendStart = from;
    let pendMax = -1;
    while (i < this.n) {
      let j = i;
      while (t.charCodeAt(j) === SPACE) j++;
      const c = t.charCodeAt(j);
      if (j < this.n && c !== NL && c !== HASH) break;
      const e = this.eol(j);
      const lineEnd = e < this.n ? e + 1 : this.n;
      if (c === HASH) {
        const col = j - i;
        if (absorbing && col > indent) {
          value!.range![2] = lineEnd;
          pendStart = lineEnd;
        } else {
          absorbing = false;
          if (col > pendMax) pendMax = col;
        }
      }
      i = lineEnd;
    }
    void pendStart;
    return { line: i, pendMax };
  }

  /** Close a block collection: its range, and whether the pending lines stay with it. */
  private close<T extends YAMLMap | YAMLSeq>(
    node: T,
    start: number,
    end: number,
    indent: number,
    after: After,
  ): [T, After] {
    if (indent !== 0 && after.pendMax >= indent) {
      node.range = [start, end, this.contentPos(after.line)];
      return [node, { line: after.line, pendMax: -1 }];
    }
    node.range = [start, end, end];
    return [node, after];
  }

  /**
   * The value after `key:` or `- ` at `i`, in a collection whose items are at column `indent`. Returns the node and
   * what follows it.
   */
  private blockValue(i: number, indent: number, inMap: boolean): [Node, After] {
    const t = this.text;
    while (t.charCodeAt(i) === SPACE) i++;
    const c = t.charCodeAt(i);
    let tagName: string | undefined;
    if (c === 33) {
      // !Tag value, or !Tag then a block collection on the next lines.
      let after: number;
      [tagName, after] = this.tagAt(i);
      if (tagName.length < 2) bail();
      i = after;
      while (t.charCodeAt(i) === SPACE) i++;
      if (i >= this.n || t.charCodeAt(i) === NL || t.charCodeAt(i) === HASH) {
        if (t.charCodeAt(i) === HASH && t.charCodeAt(i - 1) !== SPACE) bail();
        const next = this.nextContent(this.endOfLine(i));
        if (next >= this.n) bail();
        const ind = this.indentAt(next);
        const isSeq = t.charCodeAt(next + ind) === DASH && this.dashItem(next + ind);
        if (!(ind > indent || (inMap && ind === indent && isSeq))) bail();
        const r = isSeq ? this.blockSeq(next, ind) : this.blockMap(next + ind, ind, next);
        r[0].tag = tagName;
        return r;
      }
    }
    if (i >= this.n || t.charCodeAt(i) === NL || t.charCodeAt(i) === HASH) {
      // Nothing on this line: a nested collection below, or an empty (null) value.
      if (i < this.n && t.charCodeAt(i) === HASH && t.charCodeAt(i - 1) !== SPACE) bail();
      const lineNext = this.endOfLine(i);
      const next = this.nextContent(lineNext);
      if (next < this.n) {
        const ind = this.indentAt(next);
        const isSeq = t.charCodeAt(next + ind) === DASH && this.dashItem(next + ind);
        if (ind > indent || (inMap && ind === indent && isSeq)) {
          if (isSeq) return this.blockSeq(next, ind);
          return this.blockMap(next + ind, ind, next);
        }
      }
      // Empty: placed after the spaces that follow the indicator. A comment near it would change its range (for a
      // sequence item, also a comment line above its dash): library.
      if (!inMap || (i < this.n && t.charCodeAt(i) === HASH)) bail();
      for (let k = lineNext; k < next; k++) if (t.charCodeAt(k) === HASH) bail();
      const s = this.plainScalar('', i, i, false);
      return [s, { line: next, pendMax: -1 }];
    }
    return this.inlineValue(i, indent, tagName);
  }

  /** `-` at `i` starts a sequence item (followed by a space or the line's end). */
  private dashItem(i: number): boolean {
    const c = this.text.charCodeAt(i + 1);
    return i + 1 >= this.n || c === SPACE || c === NL;
  }

  /** A scalar or flow collection starting at `i` and ending on this line. */
  private inlineValue(i: number, indent: number, tagName: string | undefined): [Node, After] {
    const t = this.text;
    const c = t.charCodeAt(i);
    let node: Node;
    let end: number;
    if (c === 124 || c === 62) return this.blockScalar(i, indent, tagName);
    if (c === 34 || c === 39) {
      [node, end] = this.quoted(i, tagName);
    } else if (c === 91 || c === 123) {
      [node, end] = this.flow(i, 0);
      if (tagName) node.tag = tagName;
    } else {
      // Plain scalar: up to " #" or the line's end; never ": " (a nested mapping on one line is an error).
      if (!plainStart(t, i, this.n)) bail();
      const e = this.eol(i);
      let j = i;
      let last = i;
      for (; j < e; j++) {
        const ch = t.charCodeAt(j);
        if (ch === HASH && t.charCodeAt(j - 1) === SPACE) break;
        if (ch === COLON && (j + 1 >= e || t.charCodeAt(j + 1) === SPACE)) bail();
        if (ch !== SPACE) last = j + 1;
      }
      const source = t.slice(i, last);
      node = tagName
        ? this.finish(this.strTag, source, i, last, 'PLAIN', tagName)
        : this.plainScalar(source, i, last, false);
      end = last;
    }
    const lineNext = this.endOfLine(end);
    node.range![2] = lineNext;
    const after = this.trailing(lineNext, indent, node);
    // A more indented line after it would continue a plain scalar (or be an error): the library decides.
    if (after.line < this.n && this.indentAt(after.line) > indent) bail();
    return [node, after];
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose indicator is at `i`, in a collection with items at column
   * `indent`. Read here: clip/strip/keep chomping, content indented past the collection, plain lines. Left to the
   * library: indentation indicators, lines of only spaces, leading blank lines or more-indented lines in folded
   * text, an empty scalar, a comment right after it.
   */
  private blockScalar(i: number, indent: number, tagName: string | undefined): [Scalar, After] {
    const t = this.text;
    const folded = t.charCodeAt(i) === 62;
    let j = i + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    const ch = t.charCodeAt(j);
    if (ch === DASH || ch === 43) {
      chomp = ch === DASH ? 'strip' : 'keep';
      j++;
    }
    const after = t.charCodeAt(j);
    if (j < this.n && after !== SPACE && after !== NL) bail();
    let line = this.endOfLine(j);
    // Content lines: from the first non-empty one, whose indentation is the scalar's.
    const lines: string[] = [];
    let contentIndent = -1;
    let lastEnd = line; // end (after the line break) of the last non-empty content line
    let trailingEmpty = 0;
    let trailingEnd = line;
    while (line < this.n) {
      const e = this.eol(line);
      const next = e < this.n ? e + 1 : this.n;
      if (e === line) {
        // An empty line: part of the scalar if more content follows (or kept by "+").
        if (contentIndent === -1 && folded) bail();
        trailingEmpty++;
        trailingEnd = next;
        line = next;
        continue;
      }
      const ind = this.indentAt(line);
      if (line + ind === e) bail(); // a line of only spaces
      if (contentIndent === -1) {
        if (ind <= indent) bail(); // empty block scalar
        contentIndent = ind;
      } else if (ind < contentIndent) break;
      for (let k = 0; k < trailingEmpty; k++) lines.push('');
      trailingEmpty = 0;
      const text = t.slice(line + contentIndent, e);
      if (folded && text.charCodeAt(0) === SPACE) bail(); // more-indented folded line
      lines.push(text);
      lastEnd = next;
      trailingEnd = next;
      line = next;
    }
    if (contentIndent === -1) bail();
    // What follows must be the next item of this collection or an outer one, not a comment (which the library may
    // read as the scalar's or the collection's).
    if (line < this.n) {
      const ind = this.indentAt(line);
      if (ind > indent || t.charCodeAt(line + ind) === HASH) bail();
    }
    let body: string;
    if (folded) {
      body = lines[0]!;
      let empty = 0;
      for (let k = 1; k < lines.length; k++) {
        const l = lines[k]!;
        if (l === '') empty++;
        else {
          body += empty ? '\n'.repeat(empty) : ' ';
          body += l;
          empty = 0;
        }
      }
    } else body = lines.join('\n');
    const value = chomp === 'strip' ? body : chomp === 'clip' ? body + '\n' : body + '\n' + '\n'.repeat(trailingEmpty);
    const end = chomp === 'keep' ? trailingEnd : lastEnd;
    const s = this.finish(this.strTag, value, i, end, folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', tagName);
    return [s, { line, pendMax: -1 }];
  }

  /**
   * A block mapping whose first key starts at `i` (column `indent`; `lineStart` is the start of its line).
   */
  private blockMap(i: number, indent: number, lineStart: number): [YAMLMap, After] {
    const t = this.text;
    const map = new YAMLMap(this.schema);
    const start = i;
    const seen = new Set<unknown>();
    void lineStart;
    for (;;) {
      // Key.
      let key: Scalar;
      let k: number;
      const c = t.charCodeAt(i);
      if (c === 34 || c === 39) {
        [key, k] = this.quoted(i, undefined);
        if (t.charCodeAt(k) !== COLON) bail();
      } else {
        if (!plainStart(t, i, this.n)) bail();
        k = i;
        for (;;) {
          const ch = t.charCodeAt(k);
          if (k >= this.n || ch === NL) bail();
          if (ch === COLON) {
            const nx = t.charCodeAt(k + 1);
            if (k + 1 >= this.n || nx === SPACE || nx === NL) break;
          }
          if (ch === HASH && t.charCodeAt(k - 1) === SPACE) bail();
          k++;
        }
        if (t.charCodeAt(k - 1) === SPACE) bail();
        key = this.plainScalar(t.slice(i, k), i, k, true);
      }
      if (seen.has(key.value)) bail();
      seen.add(key.value);
      const [value, after] = this.blockValue(k + 1, indent, true);
      map.items.push(new Pair(key, value));
      const end = value.range![2];
      i = this.nextEntry(after, indent);
      if (i < 0) return this.close(map, start, end, indent, after);
      const ch = t.charCodeAt(i);
      if (ch === DASH && (this.dashItem(i) || t.startsWith('---', i))) {
        if (indent === 0 && t.startsWith('---', i)) return this.close(map, start, end, indent, after);
        bail();
      }
    }
  }

  /** A block sequence whose dashes are at column `indent` of the line starting at `lineStart`. */
  private blockSeq(lineStart: number, indent: number): [YAMLSeq, After] {
    const t = this.text;
    const seq = new YAMLSeq(this.schema);
    let i = lineStart + indent;
    const start = i;
    for (;;) {
      // i is at "-".
      let j = i + 1;
      while (t.charCodeAt(j) === SPACE) j++;
      const c = t.charCodeAt(j);
      let item: Node;
      let after: After;
      if (j < this.n && c !== NL && c !== HASH && c !== 33 && c !== 34 && c !== 39 && c !== 91 && c !== 123) {
        if (c === DASH && this.dashItem(j)) bail(); // "- - x": a nested compact sequence
        // "- key: value": a compact mapping at this column, if a key follows.
        if (this.looksLikeKey(j)) [item, after] = this.blockMap(j, j - lineStart, lineStart);
        else [item, after] = this.blockValue(j, indent, false);
      } else if ((c === 34 || c === 39) && this.quotedKeyFollows(j)) {
        [item, after] = this.blockMap(j, j - lineStart, lineStart);
      } else {
        [item, after] = this.blockValue(i + 1, indent, false);
      }
      seq.items.push(item);
      i = this.nextEntry(after, indent);
      if (i < 0 || !(t.charCodeAt(i) === DASH && this.dashItem(i)))
        return this.close(seq, start, item.range![2], indent, after);
      lineStart = i - indent;
    }
  }

  /**
   * Where the next entry of a block at `indent` starts (the first character of its line, at `indent`), after the
   * entry that ended at `after`; -1 when the block ends there (end of text, or a line indented less). A line indented
   * more is not this reader's to judge (bail).
   */
  private nextEntry(after: After, indent: number): number {
    const line = after.line;
    if (line >= this.n) return -1;
    const ind = this.indentAt(line);
    if (ind < indent) return -1;
    if (ind > indent) bail();
    return line + ind;
  }

  /** A plain key ("name:" then space or the line's end) starts at `i`. */
  private looksLikeKey(i: number): boolean {
    const t = this.text;
    const e = this.eol(i);
    for (let k = i; k < e; k++) {
      const ch = t.charCodeAt(k);
      if (ch === HASH && t.charCodeAt(k - 1) === SPACE) return false;
      if (ch === COLON && (k + 1 >= e || t.charCodeAt(k + 1) === SPACE)) return true;
    }
    return false;
  }

  private quotedKeyFollows(i: number): boolean {
    const t = this.text;
    const q = t.charCodeAt(i);
    const e = this.eol(i);
    let k = i + 1;
    for (; k < e; k++) {
      const ch = t.charCodeAt(k);
      if (ch === q) {
        if (q === 39 && t.charCodeAt(k + 1) === 39) {
          k++;
          continue;
        }
        break;
      }
    }
    if (k >= e) return false;
    return t.charCodeAt(k + 1) === COLON;
  }

  // ---- flow context (one line) ----

  /** A flow collection at `i` (`[` or `{`) closing on the same line; [node, offset after the closing bracket]. */
  private flow(i: number, depth: number): [YAMLMap | YAMLSeq, number] {
    if (depth > 16) bail();
    const t = this.text;
    const isMap = t.charCodeAt(i) === 123;
    const close = isMap ? 125 : 93;
    const coll = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    coll.flow = true;
    const seen = new Set<unknown>();
    let j = i + 1;
    const skip = (): void => {
      while (t.charCodeAt(j) === SPACE) j++;
    };
    skip();
    if (t.charCodeAt(j) === close) {
      coll.range = [i, j + 1, j + 1];
      return [coll, j + 1];
    }
    for (;;) {
      skip();
      const item = this.flowItem(j, depth, isMap);
      j = item[1];
      skip();
      item[0].range![2] = j;
      if (isMap) {
        if (t.charCodeAt(j) !== COLON) bail();
        j++;
        const nx = t.charCodeAt(j);
        if (nx !== SPACE) bail();
        skip();
        const value = this.flowItem(j, depth, false);
        j = value[1];
        skip();
        value[0].range![2] = j;
        const key = item[0];
        if (!(key instanceof Scalar) || seen.has(key.value)) bail();
        seen.add(key.value);
        (coll as YAMLMap).items.push(new Pair(key, value[0]));
        skip();
      } else {
        if (t.charCodeAt(j) === COLON) bail(); // a pair inside a flow sequence
        (coll as YAMLSeq).items.push(item[0]);
      }
      const c = t.charCodeAt(j);
      if (c === close) {
        coll.range = [i, j + 1, j + 1];
        return [coll, j + 1];
      }
      if (c !== 44) bail();
      j++;
      skip();
      if (t.charCodeAt(j) === close) bail(); // trailing comma
    }
  }

  /** One item of a flow collection; [node, offset after it]. Keys (`inKey`) stop at ":". */
  private flowItem(i: number, depth: number, inKey: boolean): [Node, number] {
    const t = this.text;
    let c = t.charCodeAt(i);
    let tagName: string | undefined;
    if (c === 33) {
      if (inKey) bail();
      let after: number;
      [tagName, after] = this.tagAt(i);
      if (tagName.length < 2 || t.charCodeAt(after) !== SPACE) bail();
      i = after;
      while (t.charCodeAt(i) === SPACE) i++;
      c = t.charCodeAt(i);
    }
    if (c === 34 || c === 39) return this.quoted(i, tagName);
    if (c === 91 || c === 123) {
      if (inKey) bail();
      const r = this.flow(i, depth + 1);
      if (tagName) r[0].tag = tagName;
      return r;
    }
    if (!plainStart(t, i, this.n) || c === 44 || c === 93 || c === 125) bail();
    let j = i;
    let last = i;
    for (; j < this.n; j++) {
      const ch = t.charCodeAt(j);
      if (ch === NL) bail();
      if (ch === 44 || ch === 93 || ch === 125 || ch === 91 || ch === 123) break;
      if (ch === COLON) {
        const nx = t.charCodeAt(j + 1);
        if (nx === SPACE || nx === 44 || nx === 93 || nx === 125 || nx === NL) break;
      }
      if (ch === HASH && t.charCodeAt(j - 1) === SPACE) bail();
      if (ch !== SPACE) last = j + 1;
    }
    const source = t.slice(i, last);
    const s = tagName
      ? this.finish(this.strTag, source, i, last, 'PLAIN', tagName)
      : this.plainScalar(source, i, last, inKey);
    return [s, last];
  }

  // ---- documents ----

  /** The root collection at the next content line; returns the start of the line after it. */
  root(from: number): number {
    const line = this.nextContent(from);
    if (line >= this.n) bail();
    const ind = this.indentAt(line);
    if (ind !== 0) bail();
    const t = this.text;
    let r: [Node, After];
    if (t.charCodeAt(line) === DASH && this.dashItem(line)) r = this.blockSeq(line, 0);
    else if (
      this.looksLikeKey(line) ||
      ((t.charCodeAt(line) === 34 || t.charCodeAt(line) === 39) && this.quotedKeyFollows(line))
    )
      r = this.blockMap(line, 0, line);
    else bail();
    this.doc.contents = r[0];
    const next = r[1].line;
    // Only a document marker may follow the root collection.
    if (next < this.n && !(t.startsWith('---', next) && (next + 3 >= this.n || t.charCodeAt(next + 3) === NL))) bail();
    this.pos = next;
    return next;
  }

  get offset(): number {
    return this.pos;
  }
}

/** Can a plain scalar start at `i`? (No indicator characters, no "- " / "? " / ": ".) */
function plainStart(t: string, i: number, n: number): boolean {
  if (i >= n) return false;
  const c = t.charCodeAt(i);
  switch (c) {
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case SPACE:
    case NL:
    case 9:
    case 13:
      return false;
    case DASH:
    case 63: // ?
    case COLON: {
      const nx = t.charCodeAt(i + 1);
      return i + 1 < n && nx !== SPACE && nx !== NL && nx !== 9;
    }
    default:
      return true;
  }
}

/** Characters the reader never takes on: tabs, CR, BOM and other format characters, anchors/aliases are checked at
 * node starts, and `\` only matters in double quotes (checked there). */
const UNHANDLED = /[\t\r\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0085\u2028\u2029]|^%|\n%|\n\.\.\.|^\.\.\./;

/**
 * Read `text` as block YAML into documents equal to `parseAllDocuments(text, options)`'s (see above for what is and is
 * not reproduced), or undefined when the library must read it.
 */
export function readBlockYaml(text: string, options: Options): Document[] | undefined {
  if (text.length === 0 || UNHANDLED.test(text)) return undefined;
  const docs: Document[] = [];
  let from = 0;
  try {
    for (let guard = 0; guard < 64; guard++) {
      // Optional "---" (alone on its line) before each document; required between documents.
      let line = nextContentLine(text, from);
      let marker = false;
      if (line < text.length && text.startsWith('---', line)) {
        const after = text.charCodeAt(line + 3);
        if (line + 3 < text.length && after !== NL) return undefined;
        marker = true;
        from = line + 4;
        line = nextContentLine(text, from);
      } else if (docs.length) return undefined;
      if (line >= text.length) return marker && !docs.length ? undefined : docs.length ? docs : undefined;
      const doc = new Document(undefined, options);
      if (marker) doc.directives!.docStart = true;
      const r = new Reader(text, doc);
      const next = r.root(from);
      const contents = doc.contents as Node;
      doc.range = [docs.length ? contents.range![0] : 0, contents.range![1], contents.range![1]];
      docs.push(doc);
      from = next;
      if (nextContentLine(text, from) >= text.length) break;
    }
  } catch {
    // BAIL, or anything unexpected (a stack overflow on absurd nesting): the library reads it and reports as it does.
    return undefined;
  }
  return docs.length ? docs : undefined;
}

function nextContentLine(t: string, i: number): number {
  const n = t.length;
  while (i < n) {
    let j = i;
    while (t.charCodeAt(j) === SPACE) j++;
    const c = t.charCodeAt(j);
    if (j < n && c !== NL && c !== HASH) return i;
    const e = t.indexOf('\n', j);
    if (e === -1) return n;
    i = e + 1;
  }
  return n;
}
