/**
 * The coverage corpus (fixtures/cloudformation/suites, measured by bench/cfn-coverage.mjs): every case that names
 * the hookguard rules expected to find it is found by one of them, and the hardened templates of the secure corpus
 * give no blocking (high or critical) finding.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../../src/rules/cloudformation/index.js';
import { FIXTURES } from './helpers.js';

const DIR = path.join(FIXTURES, 'suites');
const customTags = ['Ref', 'Sub', 'GetAtt', 'ImportValue'].map((fn) => ({
  tag: `!${fn}`,
  resolve: (v: string) => ({ [fn === 'Ref' ? 'Ref' : `Fn::${fn}`]: v }),
}));

interface Case {
  ref: string;
  expect?: string[];
  debatable?: string;
  resources?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

const suites = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

describe.each(suites)('coverage suite %s', (file) => {
  const cases = parse(readFileSync(path.join(DIR, file), 'utf8'), { customTags }) as Case[];

  it('is well-formed: each case has a template unless it is debatable, and a reason when it is', () => {
    for (const c of cases) {
      if (c.debatable) expect(c.debatable.length, c.ref).toBeGreaterThan(10);
      else expect(c.resources, c.ref).toBeTypeOf('object');
    }
    expect(new Set(cases.map((c) => c.ref)).size).toBe(cases.length);
  });

  it.each(cases.filter((c) => c.expect).map((c) => [c.ref, c] as const))('%s is found', (_ref, c) => {
    const text = stringify({
      ...(c.parameters ? { Parameters: c.parameters } : {}),
      Resources: c.resources,
      ...(c.outputs ? { Outputs: c.outputs } : {}),
    });
    const res = lintTemplate(text);
    expect(res.errors).toEqual([]);
    const ids = res.findings.map((f) => f.ruleId);
    expect(
      c.expect!.some((id) => ids.includes(id)),
      `${c.ref}: want one of ${c.expect!.join(', ')}, got ${ids.join(', ')}`,
    ).toBe(true);
  });
});

describe('secure corpus', () => {
  const files = readdirSync(path.join(DIR, 'secure')).filter((f) => /\.(ya?ml|json)$/.test(f));
  it('has templates', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s has no blocking finding', (f) => {
    const res = lintTemplate(readFileSync(path.join(DIR, 'secure', f), 'utf8'));
    expect(res.matched).toBe(true);
    expect(res.errors).toEqual([]);
    const blocking = res.findings.filter((x) => x.severity === 'critical' || x.severity === 'high');
    expect(blocking.map((x) => `${x.line} ${x.ruleId}: ${x.message}`)).toEqual([]);
  });
});
