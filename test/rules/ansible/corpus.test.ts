/**
 * The measurement corpus (bench/ansible-corpus, written from the module docs) as a regression test: every finding
 * marked `# expect:` in insecure/ is found on its line, and the secure twins have no blocking (high or critical)
 * finding. bench/ansible-corpus.mjs reports the same through the built CLI, with recall per area.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintAnsible } from '../../../src/rules/ansible/index.js';
import { ROOT } from '../../helpers.js';

const CORPUS = path.join(ROOT, 'bench', 'ansible-corpus');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function cases(kind: 'insecure' | 'secure'): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const area of readdirSync(path.join(CORPUS, kind)).sort()) {
    const root = path.join(CORPUS, kind, area);
    for (const f of files(root)) out.push([`${area}/${path.relative(root, f).split(path.sep).join('/')}`, f]);
  }
  return out;
}

describe('insecure corpus: every expected Ansible finding is found', () => {
  it.each(cases('insecure').filter(([, f]) => /\.(ya?ml|cfg)$/.test(f)))('%s', (name, file) => {
    const text = readFileSync(file, 'utf8');
    const logical = name.slice(name.indexOf('/') + 1);
    const want: string[] = [];
    text.split('\n').forEach((l, i) => {
      const m = /[#;]\s*expect:\s*([A-Za-z0-9, -]+?)\s*$/.exec(l);
      if (m) for (const id of m[1]!.split(/[\s,]+/)) if (/^ANS-/.test(id)) want.push(`${id}@${i + 1}`);
    });
    const res = lintAnsible(logical, text);
    expect(res.errors).toEqual([]);
    const got = new Set(res.findings.map((f) => `${f.ruleId}@${f.line}`));
    expect(want.filter((w) => !got.has(w))).toEqual([]);
    expect(want.length).toBeGreaterThan(0);
  });
});

describe('secure corpus: no blocking finding', () => {
  it.each(cases('secure').filter(([, f]) => /\.(ya?ml|cfg)$/.test(f)))('%s', (name, file) => {
    const logical = name.slice(name.indexOf('/') + 1);
    const res = lintAnsible(logical, readFileSync(file, 'utf8'));
    expect(res.errors).toEqual([]);
    expect(res.matched).toBe(true);
    expect(res.findings.filter((f) => f.severity === 'high' || f.severity === 'critical')).toEqual([]);
  });
});
