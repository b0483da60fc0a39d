/**
 * The block-YAML fast path (src/parse/yaml-block.ts) against the `yaml` library: on every YAML file in the
 * repository, on the benchmarks' IaC material and on generated documents, whenever the fast path reads a text it must
 * give the library's tree: same node classes, values, scalar types, sources, tags, formats, flow flags and
 * range[0..1] (lines and columns). Comments and range[2] are not reproduced (nothing in the IaC families reads them).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { readBlockYaml } from '../../src/parse/yaml-block.js';
import { parseYamlAll } from '../../src/parse/yaml.js';

const ROOT = path.resolve(__dirname, '..', '..');
const OPTIONS = { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false, strict: false } as const;
const IGNORED = new Set(['comment', 'commentBefore', 'spaceBefore']);

function canon(n: unknown): unknown {
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
function check(text: string, where: string): boolean {
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

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'lib' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.(ya?ml|template|json)$/i.test(e.name)) out.push(p);
  }
  return out;
}

describe('block YAML fast path', () => {
  it('reads every YAML file in the repository as the library does (or leaves it to the library)', () => {
    const files = yamlFiles(ROOT);
    expect(files.length).toBeGreaterThan(300);
    let read = 0;
    for (const f of files) if (check(readFileSync(f, 'utf8'), path.relative(ROOT, f))) read++;
    // Most IaC fixtures are plain block YAML: the fast path must take them, not only fall back.
    if (process.env.SHOW) console.log(`repo: ${read}/${files.length}`);
    expect(read).toBeGreaterThan(files.length / 3);
  });

  it("reads the hook benchmark's template and playbook", async () => {
    const bench = readFileSync(path.join(ROOT, 'bench', 'hook.mjs'), 'utf8');
    for (const name of ['TEMPLATE', 'PLAYBOOK']) {
      const m = new RegExp(`const ${name} = \`([\\s\\S]*?)\`;`).exec(bench);
      expect(m, name).not.toBeNull();
      const text = m![1]!.replace(/\\\$/g, '$');
      expect(check(text, name), `${name} takes the fast path`).toBe(true);
    }
  });

  it('gives the library values, types, tags and positions for the forms it reads', () => {
    const cases = [
      'a: 1\nb: 0x1F\nc: 0o17\nd: 1.50\ne: 1e3\nf: .inf\ng: -.Inf\nh: .NaN\ni: ~\nj: null\nk: True\nl: FALSE\nm: 007\nn: +12\n',
      'k: !Ref X\nl: !GetAtt A.Arn\nm: !Sub "a-${B}"\nn: !If [C, !Ref D, !Ref AWS::NoValue]\no: !Join [\'\', [a, !Ref E]]\n',
      'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - Key: k\n          Value: v\n        -   Key: k2\n            Value: "v2"\n',
      '---\n- name: play\n  hosts: all\n  tasks:\n  - name: t\n    ansible.builtin.copy: {src: a, dest: "/b", mode: \'0644\'}\n',
      "a:\nb:\n  -\n  - \n  - x\nc: 'it''s'\nd: [ a , b ]\ne: { x: 1, \"y\": 'z' }\n",
      'url: http://example.com:8080/x\ncidr: 10.0.0.0/8\nk: a:b\nv: "#no comment"\nw: a #comment\nx: a#b\n',
      'a: 1\n---\nb: 2\n',
      '# lead\n\n---\n# c\nk: v # c\n\n\n  # indented\nl:\n  # c\n  m: n\n',
      'l: !Sub\n  - x-${Y}\n  - Y: !Ref Z\nm:\n- 1\n- 2\n',
      'Fn::GetAtt: [a, b]\n"quoted key": 1\n\'single\': 2\nkey with spaces: 3\n-dash: 4\n?q: 5\n:c: 6\n',
      'a: 123456789012345678901234567890\nb: 1_000\nc: 0b101\nd: 12:30\ne: 2001-12-14\nf: yes\ng: No\nh: on\n',
      'emoji: "\u{1F600} x"\nlatin: é\ncjk: 漢字\n',
      'a: |\n  x\n  y\n\nb: 1\n',
      'a: |-\n  x\n\n\nb: 1\n',
      'a: |+\n  x\n\n\nb: 1\n',
      'a: >\n  x\n  y\n\n  z\nb: 1\n',
      'a: >-\n  x\n  y\n\n\n  z\n',
      'a: |  # c\n  x\n',
      '- |\n  x\n- y\n',
      'a:\n  b: !Sub |\n    x ${A}\n    # not a comment\n    y\nc: 1\n',
      'a: |\n\n  x\nb: 1',
      'a: |\n  x',
      'UserData: !Base64\n  Fn::Sub: |\n    #!/bin/bash\n    yum install -y httpd\n',
      'a: []\nb: {}\nc: [ ]\nd: !If [c, [], {}]\n',
    ];
    let read = 0;
    cases.forEach((c, i) => (read += check(c, `case ${i}`) ? 1 : 0));
    expect(read).toBeGreaterThanOrEqual(cases.length - 1);
  });

  it('leaves what it does not read exactly to the library', () => {
    const others = [
      'a: |2\n  text\n',
      'a: >\n  folded\n    more indented\n',
      'a: |\n  x\n   \n',
      'a: |\n  x\n # comment\n',
      'a: |\nb: 1\n',
      'a: &x 1\nb: *x\n',
      'a: plain\n  continued\n',
      'a: "multi\n  line"\n',
      'a: "esc\\n"\n',
      '%YAML 1.2\n---\na: 1\n',
      'a:\tb\n',
      'a: 1\r\nb: 2\r\n',
      '\uFEFFa: 1\n',
      'a: 1\na: 2\n',
      '? a\n: b\n',
      'a: !!str 1\n',
      'a: [1,\n  2]\n',
      'a: 1\n...\n',
      'just a scalar\n',
      '- - a\n',
      'a: b: c\n',
      '',
    ];
    for (const o of others) expect(readBlockYaml(o, OPTIONS), JSON.stringify(o)).toBeUndefined();
    // Nesting deep enough to overflow the reader's stack: the library's turn, never a throw.
    const deep = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n';
    expect(readBlockYaml(deep, OPTIONS)).toBeUndefined();
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

  it('parseYamlAll(text, { fast: true }) gives the library result when the fast path cannot read', () => {
    const text = 'a: |2\n  text\nb: !Ref X\n';
    const fast = parseYamlAll(text, { fast: true });
    const lib = parseYamlAll(text);
    expect(fast.docs.map((d) => canon(d.contents))).toEqual(lib.docs.map((d) => canon(d.contents)));
    expect(fast.lc.lineStarts).toEqual(lib.lc.lineStarts);
  });

  it('yaml is pinned to the minor version these tests ran against (the fast path builds its internal nodes)', () => {
    const spec = (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    ).dependencies.yaml;
    const installed = (
      JSON.parse(readFileSync(path.join(ROOT, 'node_modules/yaml/package.json'), 'utf8')) as { version: string }
    ).version;
    // `~X.Y.Z`: patch releases only; a new minor is taken by changing the pin after this file passes against it.
    expect(spec).toMatch(/^~\d+\.\d+\.\d+$/);
    expect(installed.split('.').slice(0, 2)).toEqual(spec!.slice(1).split('.').slice(0, 2));
  });
});
