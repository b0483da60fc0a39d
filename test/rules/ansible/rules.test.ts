/**
 * Table-driven rule tests: every registered rule has FAIL and PASS fixtures under fixtures/ansible/rules/<ID>/.
 * A fixture's path below fail/ or pass/ is the path the file is linted as (so `group_vars/all.yml` is a vars file).
 * Expected findings are written in the fixture itself, on the line they must be reported on:
 *   validate_certs: no  # expect: ANS-TLS-001
 * Each file's findings (every rule, not suppressed) must equal its markers exactly: same ids, same lines.
 * A FAIL fixture without an expectation for its rule is refused, as is a PASS fixture with one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintAnsible, rules } from '../../../src/rules/ansible/index.js';
import { ROOT } from '../../helpers.js';

const FIXTURES = path.join(ROOT, 'fixtures', 'ansible', 'rules');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

function expectations(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /[#;]\s*expect:\s*([A-Z0-9, -]+?)\s*$/.exec(l);
    if (m) for (const id of m[1]!.split(/[\s,]+/).filter(Boolean)) out.push(`${id}@${i + 1}`);
  });
  return out.sort();
}

function actual(logical: string, text: string): string[] {
  const res = lintAnsible(logical, text);
  expect(res.errors, `errors in ${logical}`).toEqual([]);
  expect(res.matched, `${logical} is classified as Ansible`).toBe(true);
  return res.findings
    .filter((f) => !f.suppressed)
    .map((f) => `${f.ruleId}@${f.line}`)
    .sort();
}

const TABLE = rules.map((r) => r.meta.id);

describe('every registered rule has fixtures', () => {
  it('has at least 30 rules with unique, well-formed ids', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(TABLE).size).toBe(TABLE.length);
    for (const id of TABLE) expect(id).toMatch(/^ANS-[A-Z]+-\d{3}$/);
  });
  it('has no fixture directory for an unknown rule', () => {
    for (const d of readdirSync(FIXTURES)) expect(TABLE).toContain(d);
  });
});

describe.each(TABLE)('%s', (id) => {
  const dir = path.join(FIXTURES, id);
  const fail = filesUnder(path.join(dir, 'fail'));
  const pass = filesUnder(path.join(dir, 'pass'));
  it('has FAIL and PASS fixtures', () => {
    expect(fail.length).toBeGreaterThan(0);
    expect(pass.length).toBeGreaterThan(0);
  });
  it.each(fail)('FAIL %s', (logical) => {
    const text = readFileSync(path.join(dir, 'fail', logical), 'utf8');
    const want = expectations(text);
    expect(
      want.some((w) => w.startsWith(`${id}@`)),
      `FAIL fixture ${logical} expects no ${id} finding`,
    ).toBe(true);
    expect(actual(logical, text)).toEqual(want);
  });
  it.each(pass)('PASS %s', (logical) => {
    const text = readFileSync(path.join(dir, 'pass', logical), 'utf8');
    const want = expectations(text);
    expect(want.some((w) => w.startsWith(`${id}@`))).toBe(false);
    expect(actual(logical, text)).toEqual(want);
  });
});
