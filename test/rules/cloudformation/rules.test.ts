/**
 * Table-driven rule tests, like ESLint's RuleTester: every registered rule has a PASS fixture (no finding of that
 * rule) and a FAIL fixture whose `# expect: RULE-ID` markers give the exact lines it must report — no more, no less.
 * A FAIL fixture without any marker for its rule is refused.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/rules/cloudformation/index.js';
import { expectedLines, lint, linesOf, RULE_FIXTURES, slug } from './helpers.js';

function fixtureFiles(id: string, kind: 'pass' | 'fail'): string[] {
  const prefix = `${slug(id)}.${kind}`;
  return readdirSync(RULE_FIXTURES)
    .filter((f) => f === `${prefix}.yaml` || f === `${prefix}.json` || f.startsWith(`${prefix}-`))
    .map((f) => path.join(RULE_FIXTURES, f));
}

describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (id) => {
  it('has PASS and FAIL fixtures', () => {
    expect(fixtureFiles(id, 'pass').length, `${slug(id)}.pass.yaml`).toBeGreaterThan(0);
    expect(fixtureFiles(id, 'fail').length, `${slug(id)}.fail.yaml`).toBeGreaterThan(0);
  });

  for (const file of [...fixtureFiles(id, 'pass'), ...fixtureFiles(id, 'fail')]) {
    const base = path.basename(file);
    it(`${base}`, () => {
      expect(existsSync(file)).toBe(true);
      const text = readFileSync(file, 'utf8');
      const res = lint(text);
      expect(res.matched, 'fixture must be a template').toBe(true);
      expect(res.errors, 'fixture must parse cleanly').toEqual([]);
      const want = expectedLines(text, id);
      if (base.includes('.fail'))
        expect(want.length, 'a FAIL fixture needs at least one # expect marker').toBeGreaterThan(0);
      else expect(want, 'a PASS fixture cannot expect findings').toEqual([]);
      expect(linesOf(text, id)).toEqual(want);
    });
  }
});
