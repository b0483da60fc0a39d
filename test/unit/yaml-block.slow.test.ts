/**
 * The block-YAML fast path against the `yaml` library over many texts: every YAML (and JSON) file in the repository,
 * and generated documents. Several seconds, so in the slow lane (npm run test:slow; npm test runs it too);
 * yaml-block.test.ts holds the focused cases of the unit lane.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check, ROOT, yamlFiles } from './yaml-block-compare.js';

describe('block YAML fast path, over many texts', () => {
  it('reads every YAML file in the repository as the library does (or leaves it to the library)', () => {
    const files = yamlFiles(ROOT);
    expect(files.length).toBeGreaterThan(300);
    let read = 0;
    for (const f of files) if (check(readFileSync(f, 'utf8'), path.relative(ROOT, f))) read++;
    // Most IaC fixtures are plain block YAML: the fast path must take them, not only fall back.
    if (process.env.SHOW) console.log(`repo: ${read}/${files.length}`);
    expect(read).toBeGreaterThan(files.length / 3);
  });

  it('generated documents: fast path and library agree', () => {
    let seed = Number(process.env.YAML_FUZZ_SEED ?? 12345);
    // mulberry32
    const rnd = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n) | 0;
    };
    const scalars = [
      '',
      'x',
      'a b',
      '1',
      '-2',
      '0.5',
      'true',
      'null',
      '~',
      "'q'",
      '"d"',
      "''",
      '""',
      '!Ref R',
      '!Sub a-${B}',
      'a:b',
      'http://h/p',
      '*glob',
      '!GetAtt A.B',
      '[a, b]',
      '{k: v}',
      '!If [c, [1, 2], {a: b}]',
      '@x',
      '%x',
      'a #c',
      'x # comment',
      'é',
      '0x1g',
      '1e',
      '-',
      '- a',
      '?',
      'a: b',
    ];
    const comment = (): string => `${' '.repeat(rnd(8))}#${rnd(2) ? ' note' : ''}`;
    const gen = (indent: number, depth: number, compact = false): string => {
      const pad = ' '.repeat(indent);
      const lines: string[] = [];
      const seq = !compact && rnd(3) === 0;
      const n = 1 + rnd(4);
      for (let i = 0; i < n; i++) {
        if (rnd(5) === 0) lines.push(rnd(3) ? comment() : '');
        if (rnd(8) === 0) lines.push('', comment());
        const lead = compact && i === 0 ? '' : pad;
        const head = seq ? `${lead}-${rnd(6) === 0 ? '  ' : ' '}` : `${lead}k${i}${rnd(5) === 0 ? ' x' : ''}:`;
        const r = rnd(8);
        if (depth < 4 && seq && r === 0) {
          // "- k: v" with the map's further keys under the first
          const col = head.length;
          lines.push(head + gen(col, depth + 1, true).replace(/\n$/, ''));
        } else if (depth < 4 && r < 3) {
          const inner = seq ? indent + 1 + rnd(3) : indent + (rnd(4) === 0 ? 0 : 1 + rnd(4));
          const tag = rnd(4) === 0 ? ' !Sub' : '';
          const note = rnd(6) === 0 ? '  # c' : '';
          lines.push(`${head.trimEnd()}${tag}${note}`);
          if (rnd(6) === 0) lines.push(comment());
          lines.push(gen(inner, depth + 1).replace(/\n$/, ''));
        } else if (rnd(8) === 0) {
          // a block scalar, its lines indented past the item
          const header = ['|', '|-', '|+', '>', '>-', '>+', '|2', '>  # c'][rnd(8)];
          const ind = ' '.repeat(indent + 1 + rnd(3));
          const body = Array.from({ length: 1 + rnd(3) }, (_, k) =>
            rnd(5) === 0 ? '' : `${ind}${rnd(6) === 0 ? '  ' : ''}line ${k}${rnd(5) === 0 ? ' # not a comment' : ''}`,
          );
          lines.push(`${head}${seq ? '' : ' '}${rnd(5) === 0 ? '!Sub ' : ''}${header}`, ...body);
          if (rnd(4) === 0) lines.push('');
        } else lines.push(`${head}${seq ? '' : ' '}${scalars[rnd(scalars.length)]}${rnd(6) === 0 ? ' # t' : ''}`);
      }
      if (rnd(6) === 0) lines.push(comment());
      return lines.join('\n') + (rnd(10) === 0 ? '' : '\n');
    };
    let read = 0;
    const N = Number(process.env.YAML_FUZZ_N ?? 4000);
    for (let k = 0; k < N; k++) {
      const text = (rnd(4) === 0 ? '---\n' : '') + gen(0, 0);
      if (process.env.SHOW && k < 3) console.log(JSON.stringify(text));
      if (check(text, `generated ${k}:\n${text}`)) read++;
    }
    if (process.env.SHOW) console.log(`generated: ${read}/${N}`);
    expect(read).toBeGreaterThan(N / 5);
  });
});
