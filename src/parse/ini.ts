/**
 * A small INI reader with line and column numbers, for `ansible.cfg` and Ansible INI inventories.
 * Nothing is thrown: odd lines are kept as `other` lines (inventory host lines are such lines) and malformed
 * section headers become errors. Columns are 1-based; end columns are exclusive. Error messages never quote the
 * file (a line may hold a secret).
 */

export interface IniEntry {
  /** Section name as written between the brackets ('' before the first header). */
  section: string;
  key: string;
  value: string;
  line: number;
  keyCol: number;
  /** Column range of the value (without surrounding quotes); equal when the value is empty. */
  valueCol: number;
  valueEndCol: number;
}

export interface IniLine {
  section: string;
  line: number;
  /** The line without its comment, right-trimmed. */
  text: string;
  /** Column of the first non-blank character. */
  col: number;
}

export interface IniDoc {
  sections: Array<{ name: string; line: number }>;
  /** `key = value` / `key: value` lines. */
  entries: IniEntry[];
  /** Every other non-blank, non-comment line (inventory host lines, bare keys). */
  other: IniLine[];
  errors: Array<{ line: number; message: string }>;
}

/** Index where an inline comment starts (`#` or `;` preceded by whitespace, outside quotes), or -1. */
export function commentStart(s: string): number {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ((c === '#' || c === ';') && (i === 0 || /\s/.test(s[i - 1]!))) return i;
  }
  return -1;
}

function unquote(v: string, col: number): { value: string; col: number } {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0])
    return { value: v.slice(1, -1), col: col + 1 };
  return { value: v, col };
}

export interface IniOptions {
  /** Which sections hold `key=value` entries (default: all). Lines of other sections are `other` lines. */
  entriesIn?: (section: string) => boolean;
}

export function parseIni(text: string, opts: IniOptions = {}): IniDoc {
  const doc: IniDoc = { sections: [], entries: [], other: [], errors: [] };
  const lines = text.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let raw = lines[i]!.replace(/\r$/, '');
    const c = commentStart(raw);
    if (c !== -1) raw = raw.slice(0, c);
    raw = raw.replace(/\s+$/, '');
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trimStart();
    if (!body) continue;
    if (body.startsWith('[')) {
      const m = /^\[([^\]]*)\]$/.exec(body);
      if (!m) {
        doc.errors.push({ line: lineNo, message: 'malformed section header' });
        continue;
      }
      section = m[1]!.trim();
      doc.sections.push({ name: section, line: lineNo });
      continue;
    }
    const kv = /^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(body);
    // A line with spaces before its first `=` is an inventory host line (`web1 ansible_host=…`), not an entry.
    if (kv && !/\s/.test(kv[1]!) && (opts.entriesIn?.(section) ?? true)) {
      const key = kv[1]!;
      const afterKey = body.indexOf(kv[2]!, key.length);
      const vcol = lead + (kv[2] ? afterKey : body.length) + 1;
      const u = unquote(kv[2]!, vcol);
      doc.entries.push({
        section,
        key,
        value: u.value,
        line: lineNo,
        keyCol: lead + 1,
        valueCol: u.col,
        valueEndCol: u.col + u.value.length,
      });
      continue;
    }
    doc.other.push({ section, line: lineNo, text: body, col: lead + 1 });
  }
  return doc;
}

export interface InventoryVar {
  key: string;
  value: string;
  line: number;
  keyCol: number;
  valueCol: number;
  valueEndCol: number;
}

export interface InventoryHostLine {
  host: string;
  line: number;
  col: number;
  vars: InventoryVar[];
}

/**
 * Split an inventory host line (`web[01:03] ansible_host=10.0.0.1 ansible_password="a b"`) into the host pattern
 * and its `key=value` variables, shell-style (quotes group, and are removed from the value).
 */
export function parseHostLine(l: IniLine): InventoryHostLine {
  const s = l.text;
  const tokens: Array<{ text: string; start: number; end: number }> = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const start = i;
    let quote = '';
    while (i < s.length && (quote || !/\s/.test(s[i]!))) {
      const c = s[i]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      i++;
    }
    tokens.push({ text: s.slice(start, i), start, end: i });
  }
  const [first, ...rest] = tokens;
  const out: InventoryHostLine = { host: first?.text ?? '', line: l.line, col: l.col, vars: [] };
  for (const t of rest) {
    const eq = t.text.indexOf('=');
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
      valueEndCol: u.col + u.value.length,
    });
  }
  return out;
}
