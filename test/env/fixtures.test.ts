/**
 * PASS/FAIL fixtures of the environment-parity and at-rest rules: fixtures/env/<RULE>/{pass,fail}/ hold small trees.
 * Expected findings are written on the line they must be reported on (`# expect: RULE`). Each FAIL tree must give
 * exactly its markers for its rule (same files, same lines); each PASS tree none. A FAIL tree without markers is refused.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareEnvironments } from '../../src/env/compare.js';
import { envRoleFromPath } from '../../src/env/roles.js';
import { gitCryptMatcher } from '../../src/env/gitattributes.js';
import { checkSops, checkVault, parseSopsConfig } from '../../src/env/atrest.js';
import { compileRuleSet, loadBuiltinPatterns, type RuleSet } from '../../src/rules/secrets/load.js';
import { ROOT } from '../helpers.js';

const DIR = path.join(ROOT, 'fixtures', 'env');
const RULES = ['ENV-001', 'ENV-002', 'ENV-003', 'ENV-004', 'ENV-005', 'ATREST-001', 'ATREST-002', 'ATREST-003'];

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

function markers(files: Map<string, string>, rule: string): string[] {
  const out: string[] = [];
  for (const [p, text] of files)
    text.split('\n').forEach((l, i) => {
      if (new RegExp(`expect: ${rule}\\b`).test(l)) out.push(`${p}:${i + 1}`);
    });
  return out.sort();
}

let secrets: RuleSet;
beforeAll(async () => {
  secrets = compileRuleSet(await loadBuiltinPatterns());
});

function compare(files: Map<string, string>) {
  const envFiles = [...files].flatMap(([p, text]) => {
    const r = envRoleFromPath(p);
    return r ? [{ path: p, ...r, text }] : [];
  });
  return compareEnvironments(envFiles, { secrets }).hits;
}

const at = (h: { file: string; line: number }) => `${h.file}:${h.line}`;

function run(rule: string, files: Map<string, string>): string[] {
  if (rule.startsWith('ENV-'))
    return compare(files)
      .filter((h) => h.ruleId === rule)
      .map(at);
  if (rule === 'ATREST-001') {
    const attrs = [...files].filter(([p]) => p.endsWith('.gitattributes')).map(([p, text]) => ({ path: p, text }));
    const m = gitCryptMatcher(attrs);
    return [...files.keys()].filter((p) => m?.(p)).map((p) => `${p}:1`);
  }
  const sopsText = files.get('.sops.yaml');
  const cfg = sopsText ? parseSopsConfig(sopsText) : undefined;
  const hits = [...files].flatMap(([p, text]) =>
    (rule === 'ATREST-002' ? checkSops(p, text, cfg) : checkVault(p, text)).hits.map((h) => `${p}:${h.line}`),
  );
  // ATREST-003 also covers a file vaulted whole in another environment: the parity pass reports it.
  return rule === 'ATREST-003'
    ? [
        ...hits,
        ...compare(files)
          .filter((h) => h.ruleId === rule)
          .map(at),
      ]
    : hits;
}

describe.each(RULES)('%s fixtures', (rule) => {
  it('has PASS and FAIL trees', () => {
    expect(existsSync(path.join(DIR, rule, 'pass'))).toBe(true);
    expect(existsSync(path.join(DIR, rule, 'fail'))).toBe(true);
  });
  it('FAIL tree: exactly the marked lines', () => {
    const files = tree(path.join(DIR, rule, 'fail'));
    const want = markers(files, rule);
    expect(want.length).toBeGreaterThan(0);
    expect(run(rule, files).sort()).toEqual(want);
  });
  it('PASS tree: nothing', () => {
    const files = tree(path.join(DIR, rule, 'pass'));
    expect(markers(files, rule)).toEqual([]);
    expect(run(rule, files)).toEqual([]);
  });
});
