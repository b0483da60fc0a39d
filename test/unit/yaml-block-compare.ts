/**
 * The comparison behind the block-YAML fast path tests (yaml-block.test.ts, yaml-block.slow.test.ts): whenever
 * src/parse/yaml-block.ts reads a text, it must give the library's tree.
 */
import { expect } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { readBlockYaml } from '../../src/parse/yaml-block.js';
import { parseYamlAll } from '../../src/parse/yaml.js';

export const ROOT = path.resolve(__dirname, '..', '..');
export const OPTIONS = { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false, strict: false } as const;
const IGNORED = new Set(['comment', 'commentBefore', 'spaceBefore']);

export function canon(n: unknown): unknown {
  if (n === null || n === undefined) return n;
  if (isPair(n)) return { pair: [canon(n.key), canon(n.value)], ...props(n, ['key', 'value']) };
  if (isScalar(n))
    return {
      scalar: typeof n.value === 'bigint' ? `${n.value}n` : n.value,
      ...props(n, ['value', 'range']),
      range: n.range,
    };
  if (isMap(n) || isSeq(n))
    return { [isMap(n) ? 'map' : 'seq']: n.items.map(canon), ...props(n, ['items', 'range']), range: n.range };
  if (isAlias(n)) return { alias: n.source };
  return { other: String(n) };
}

function props(n: object, skip: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) if (!skip.includes(k) && !IGNORED.has(k)) o[k] = v;
  if (Number.isNaN((n as { value?: unknown }).value)) o.nan = true;
  return o;
}

/** The library's documents (only when it reads the text without errors: the fast path never reads a broken text). */
function library(text: string): unknown[] | undefined {
  const docs = parseAllDocuments(text, { ...OPTIONS, lineCounter: new LineCounter() });
  const list = Array.isArray(docs) ? docs : [];
  if (list.some((d) => d.errors.length)) return undefined;
  return list.map((d) => canon(d.contents));
}

/** Compare one text; returns whether the fast path read it. */
export function check(text: string, where: string): boolean {
  const fast = readBlockYaml(text, OPTIONS);
  if (!fast) return false;
  const lib = library(text);
  expect(lib, `${where}: the fast path read a text the library rejects`).toBeDefined();
  expect(
    fast.map((d) => canon(d.contents)),
    where,
  ).toEqual(lib);
  for (const d of fast) expect(d.errors, where).toEqual([]);
  const lc = new LineCounter();
  parseAllDocuments(text, { ...OPTIONS, lineCounter: lc });
  expect(parseYamlAll(text, { fast: true }).lc.lineStarts, where).toEqual(lc.lineStarts);
  return true;
}

export function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'lib' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.(ya?ml|template|json)$/i.test(e.name)) out.push(p);
  }
  return out;
}
