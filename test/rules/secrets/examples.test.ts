/**
 * Every built-in rule's examples: each `match` must produce a hit of that rule, each `nomatch` must not (with the
 * rule alone, so the assertion is about the rule itself), and every `match` is still caught by the whole catalog.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { compileRuleSet, readPatternDir } from '../../../src/rules/secrets/load.js';
import { detectSecrets } from '../../../src/rules/secrets/detect.js';
import { checkRegexSafety } from '../../../src/rules/secrets/safety.js';
import { EXAMPLE_SPLIT, unsplit } from '../../../src/rules/secrets/types.js';
import { mask } from '../../../src/rules/secrets/mask.js';
import { ROOT } from '../../helpers.js';

const patterns = await readPatternDir(path.join(ROOT, 'patterns'));
const all = compileRuleSet(patterns);

describe('the pattern catalog', () => {
  it('has at least 150 rules with unique kebab-case ids, remediation and examples', () => {
    expect(patterns.length).toBeGreaterThanOrEqual(150);
    expect(new Set(patterns.map((p) => p.id)).size).toBe(patterns.length);
    for (const p of patterns) {
      expect(p.remediation.length, p.id).toBeGreaterThan(20);
      expect(p.examples.match.length, p.id).toBeGreaterThan(0);
      for (const k of p.keywords) expect(k, `${p.id} keyword`).toBe(k.toLowerCase());
    }
  });

  it('uses distinctive keywords (no keyword shorter than 3 characters, none of the everyday words)', () => {
    const everyday = new Set(['key', 'api', 'pass', 'auth', 'id', 'url', 'http', 'https', 'com', 'the', 'sk', 'ey']);
    for (const p of patterns)
      for (const k of p.keywords) {
        expect(k.length, `${p.id}: keyword "${k}"`).toBeGreaterThanOrEqual(3);
        expect(everyday.has(k), `${p.id}: keyword "${k}" occurs everywhere`).toBe(false);
      }
  });

  it('every regex passes the static backtracking check', () => {
    const bad = patterns.map((p) => [p.id, checkRegexSafety(p.regex)]).filter(([, r]) => r);
    expect(bad).toEqual([]);
  });
});

describe.each(patterns.map((p) => [p.id, p] as const))('%s', (id, p) => {
  const alone = compileRuleSet([p]);
  it.each(p.examples.match.map((m) => [m]))('matches %s', (raw) => {
    const text = unsplit(raw);
    expect(raw.length === text.length || raw.includes(EXAMPLE_SPLIT)).toBe(true);
    const hits = detectSecrets(text, alone).filter((h) => h.rule.p.id === id);
    expect(hits.length, `no hit of ${id}`).toBeGreaterThan(0);
    const h = hits[0]!;
    expect(text.slice(h.start, h.end)).toBe(h.secret);
    expect(h.why.length).toBeGreaterThan(0);
    // The whole catalog also reports something over the same text.
    const full = detectSecrets(text, all);
    expect(
      full.some((f) => f.start < h.end && h.start < f.end),
      `catalog misses ${id} example`,
    ).toBe(true);
    // Masking never shows more than a quarter of the secret (a key block's BEGIN line names its kind: not secret).
    const shown = mask(h.secret)
      .replace(/^-----BEGIN [A-Z0-9 ]+-----/, '')
      .replace(/[…*]/g, '');
    expect(shown.length).toBeLessThanOrEqual(Math.max(1, Math.floor(h.secret.length / 4)));
  });
  if (p.examples.nomatch.length)
    it.each(p.examples.nomatch.map((m) => [m]))('does not match %s', (raw) => {
      const hits = detectSecrets(unsplit(raw), alone).filter((h) => h.rule.p.id === id);
      expect(hits.map((h) => h.why)).toEqual([]);
    });
});
