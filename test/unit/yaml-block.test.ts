/**
 * The block-YAML fast path (src/parse/yaml-block.ts) against the `yaml` library: on every YAML file in the
 * repository, on the benchmarks' IaC material and on generated documents, whenever the fast path reads a text it must
 * give the library's tree: same node classes, values, scalar types, sources, tags, formats, flow flags and
 * range[0..1] (lines and columns). Comments and range[2] are not reproduced (nothing in the IaC families reads them).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readBlockYaml } from '../../src/parse/yaml-block.js';
import { parseYamlAll } from '../../src/parse/yaml.js';
import { canon, check, OPTIONS, ROOT } from './yaml-block-compare.js';

// The whole-repository and generated-documents comparisons are in yaml-block.slow.test.ts (npm run test:slow).
describe('block YAML fast path', () => {
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
