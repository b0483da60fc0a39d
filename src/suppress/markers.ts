/**
 * Where `hookguard:allow` markers are, so the engine can report the ones that suppress nothing (HG-UNUSED-001).
 * A marker counts when it follows a comment opener (`#`, `//`, `/*`, `<!--`, `--`, `;`, `%`, `REM`) and is not inside
 * a string literal (a test that writes a marker into a file, a help text that quotes one). Examples are not markers:
 * documentation files (Markdown, reStructuredText, AsciiDoc, text) and a marker inside another comment (a doc
 * comment's ` * ` line, `# see: # hookguard:allow …`) are left alone.
 */
import type { Chunk } from '../types.js';

export interface Marker {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column of `hookguard:allow`. */
  column: number;
  /** The line's text from the marker on (never the code before it, which may hold a value). */
  text: string;
}

const IN_COMMENT = /(?:#|\/\/|\/\*|<!--|--|;|%|\bREM\b)[ \t]*(hookguard:allow)(?![-\w])/i;

/** An odd number of unescaped quotes of one kind before `at`: the marker sits inside a string literal. */
function insideString(line: string, at: number): boolean {
  for (const q of ['"', "'", '`']) {
    let n = 0;
    for (let i = 0; i < at; i++) if (line[i] === q && line[i - 1] !== '\\') n++;
    if (n % 2 === 1) return true;
  }
  return false;
}

/** Any marker at all, case-insensitively (a regex: lower-casing a whole file to look for one cost more than the scan). */
const MARKER = /hookguard:allow/i;

const DOCS = /\.(?:md|markdown|mdx|rst|adoc|asciidoc|txt)$/i;
/** A line that is a comment from its start (its marker, further on, is then part of a comment's text). */
const COMMENT_LINE = /^\s*(?:#|\/\/|\/\*|\*|<!--|--|;|%|REM\b)/i;

export function allowMarkers(chunks: Chunk[], file = ''): Marker[] {
  const out: Marker[] = [];
  if (DOCS.test(file)) return out;
  for (const c of chunks) {
    if (!MARKER.test(c.text)) continue;
    const lines = c.text.split('\n');
    lines.forEach((line, i) => {
      const m = IN_COMMENT.exec(line);
      if (!m) return;
      const at = m.index + m[0].length - m[1]!.length;
      if (insideString(line, at)) return;
      if (m.index > 0 && COMMENT_LINE.test(line) && line.slice(0, m.index).trim() !== '') return; // example in a comment
      out.push({ line: c.startLine + i, column: at + 1, text: line.slice(at).slice(0, 200) });
    });
  }
  return out;
}
