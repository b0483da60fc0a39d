/**
 * YAML with positions: `yaml`'s parseDocument + LineCounter. Positions stay on the nodes; nothing is injected into
 * the data. Error messages are cut to their first line so a source excerpt (which may hold a secret) never leaks.
 */
import { LineCounter, parseAllDocuments, parseDocument, isNode, type Document, type Node } from 'yaml';
import { readBlockYaml } from './yaml-block.js';

export interface Parsed {
  docs: Document[];
  lc: LineCounter;
  errors: Array<{ line?: number; message: string }>;
}

export interface Pos {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const LIMITS = { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false, strict: false } as const;

function cleanMessage(msg: string): string {
  return msg
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?.*$/, '')
    .trim();
}

/**
 * Run a parse without capturing stack traces: `yaml` makes a warning object (an Error) for every tag it does not
 * know, and CloudFormation's `!Ref`/`!Sub`… are such tags, so capturing a stack for each was a tenth of the time of
 * linting a template. Our messages never use the stacks.
 */
function withoutStacks<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Parse every document of a YAML stream. With `fast`, plain block YAML is read by src/parse/yaml-block.ts (the same
 * nodes, values, tags and positions, but no comments on the nodes), and anything else by the library: for callers
 * that never read comments (the CloudFormation and Ansible families).
 */
export function parseYamlAll(text: string, opts?: { fast?: boolean; uniqueKeys?: boolean }): Parsed {
  const lc = new LineCounter();
  if (opts?.uniqueKeys === false) {
    // Duplicate keys kept (the later one wins where the caller looks up a key): for CloudFormation, which deploys them.
    const docs = withoutStacks(() => parseAllDocuments(text, { ...LIMITS, uniqueKeys: false, lineCounter: lc }));
    const list = Array.isArray(docs) ? docs : [];
    const errors: Parsed['errors'] = [];
    for (const d of list)
      for (const e of d.errors) errors.push({ line: lc.linePos(e.pos[0]).line, message: cleanMessage(e.message) });
    return { docs: list as Document[], lc, errors };
  }
  if (opts?.fast) {
    const docs = readBlockYaml(text, LIMITS);
    if (docs) {
      lc.addNewLine(0);
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
      return { docs, lc, errors: [] };
    }
  }
  const docs = withoutStacks(() => parseAllDocuments(text, { ...LIMITS, lineCounter: lc }));
  const list = Array.isArray(docs) ? docs : [];
  const errors: Parsed['errors'] = [];
  for (const d of list)
    for (const e of d.errors) errors.push({ line: lc.linePos(e.pos[0]).line, message: cleanMessage(e.message) });
  return { docs: list as Document[], lc, errors };
}

export function parseYaml(text: string): { doc: Document; lc: LineCounter; errors: Parsed['errors'] } {
  const lc = new LineCounter();
  const doc = withoutStacks(() => parseDocument(text, { ...LIMITS, lineCounter: lc }));
  const errors = doc.errors.map((e) => ({ line: lc.linePos(e.pos[0]).line, message: cleanMessage(e.message) }));
  return { doc, lc, errors };
}

/** Position of a node (1-based line/column, end exclusive). */
export function nodePos(node: unknown, lc: LineCounter): Pos | undefined {
  if (!isNode(node) || !node.range) return undefined;
  const [start, valueEnd] = node.range;
  const s = lc.linePos(start);
  const e = lc.linePos(valueEnd);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}

export type { Document, Node, LineCounter };
export { isMap, isScalar, isSeq, isPair, isAlias, parse } from 'yaml';
