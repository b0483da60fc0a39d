/**
 * Catastrophic backtracking: every built-in regex over adversarial 100 KB lines (long runs of its keywords and of
 * near-miss characters) must finish within a generous multiple of a trivial regex's time on the same input. The
 * bound is a ratio, not an absolute time, so a slow CI machine does not fail it; a quadratic or exponential regex
 * is thousands of times slower and does.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, readPatternDir } from '../../../src/rules/secrets/load.js';
import { checkRegexSafety } from '../../../src/rules/secrets/safety.js';
import { detectSecrets } from '../../../src/rules/secrets/detect.js';
import { ROOT } from '../../helpers.js';

const patterns = await readPatternDir(path.join(ROOT, 'patterns'));
const SIZE = 100_000;
/** A rule may be this many times slower than the trivial regex (plus a small floor for timer noise). */
const MAX_RATIO = 400;
const FLOOR_MS = 2;

const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

function adversarial(keywords: string[]): string[] {
  const inputs: string[] = [];
  for (const kw of keywords.slice(0, 3)) {
    const k = kw.toUpperCase() === kw ? kw : kw;
    inputs.push(
      fill(kw),
      fill(kw + 'a'),
      fill(kw + '0'),
      fill(kw + '-_'),
      fill(kw + '='),
      fill(kw + ': "'),
      kw + fill('a'),
      kw + '=' + fill('A1b2'),
      k + '://' + fill('u') + ':' + fill('p'),
    );
  }
  inputs.push(
    fill('a'),
    fill('A0'),
    fill('-'),
    fill('=\n '),
    fill('eyJ'),
    fill('-----BEGIN PRIVATE KEY-----'), // hookguard:allow private-key adversarial input, no key
    fill('%41'),
  );
  return inputs;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function runAll(re: RegExp, text: string): void {
  re.lastIndex = 0;
  let n = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && n++ < 200) if (m[0].length === 0) re.lastIndex++;
}

describe('regex safety', () => {
  it('checkRegexSafety passes on every built-in regex', () => {
    for (const p of patterns) expect(checkRegexSafety(p.regex), p.id).toBeUndefined();
  });

  it('every rule stays linear on adversarial 100 KB lines', () => {
    const worst: Array<[string, number]> = [];
    for (const p of patterns) {
      const re = new RegExp(p.regex, 'gd' + (p.caseInsensitive ? 'i' : ''));
      for (const input of adversarial(p.keywords)) {
        const base = Math.max(
          FLOOR_MS,
          time(() => runAll(/[^\s\S]|zq{9}/g, input)),
        );
        const t = time(() => runAll(re, input));
        worst.push([`${p.id} on ${JSON.stringify(input.slice(0, 24))}…`, t / base]);
        expect(t / base, `${p.id} took ${t.toFixed(1)} ms (${(t / base).toFixed(0)}× the trivial regex)`).toBeLessThan(
          MAX_RATIO,
        );
      }
    }
    worst.sort((a, b) => b[1] - a[1]);
    expect(worst.length).toBeGreaterThan(patterns.length);
  });

  it('the whole pipeline (prefilter, regexes, decoding) handles a 1 MB minified line', () => {
    const line =
      fill('var a="x",token=e.token,b=function(t){return t.password||""};') +
      fill('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=');
    const set = compileRuleSet(patterns);
    const t = time(() => detectSecrets(line.repeat(5), set));
    const base = Math.max(
      FLOOR_MS,
      time(() => runAll(/[^\s\S]|zq{9}/g, line.repeat(5))),
    );
    expect(t / base).toBeLessThan(MAX_RATIO * 10);
  });
});
