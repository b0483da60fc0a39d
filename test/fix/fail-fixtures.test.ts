/**
 * Every CloudFormation rule with an automatic fix, on its own FAIL fixtures (fixtures/cloudformation/rules): the fix
 * applied to the rule's findings clears every finding it does not skip with a reason, the result still parses as a template, and no
 * finding of any rule appears at or above the fixed rule's severity (a lower one, such as "encrypted, but with the
 * AWS-managed key", is the team's next decision). Running the fix again changes nothing (issue 27).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/index.js';
import { FIXES } from '../../src/fix/registry.js';
import { lintTemplate, RULES } from '../../src/rules/cloudformation/index.js';
import { family as ansible } from '../../src/rules/ansible/index.js';
import { SEVERITY_RANK } from '../../src/types.js';
import { RULE_FIXTURES, slug } from '../rules/cloudformation/helpers.js';

const cases = RULES.filter((r) => Object.prototype.hasOwnProperty.call(FIXES, r.meta.id)).flatMap((r) =>
  readdirSync(RULE_FIXTURES)
    .filter((f) => f.startsWith(`${slug(r.meta.id)}.fail`))
    .map((file) => ({ id: r.meta.id, severity: r.meta.severity, file })),
);

describe('CloudFormation fixes on their rules’ FAIL fixtures', () => {
  it('every CloudFormation rule with a fix has a FAIL fixture', () => {
    const ids = Object.keys(FIXES).filter((id) => id.startsWith('CFN-'));
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(ids));
  });

  it.each(cases)('$id: $file', ({ id, severity, file }) => {
    const text = readFileSync(path.join(RULE_FIXTURES, file), 'utf8');
    const before = lintTemplate(text).findings;
    const mine = before.filter((f) => f.ruleId === id);
    expect(mine.length).toBeGreaterThan(0);
    const out = applyFixes(
      text,
      mine.map((f) => ({ ruleId: f.ruleId, line: f.line })),
      'cloudformation',
    );
    const res = lintTemplate(out.text);
    expect(res.errors).toEqual([]);
    const after = res.findings;
    const count = (l: typeof before, rule: string) => l.filter((f) => f.ruleId === rule).length;
    // Whatever was not skipped (with a reason) is gone; two findings asking for one edit are both cleared by it.
    expect(out.applied.length + out.skipped.length).toBeGreaterThan(0);
    expect(count(after, id), out.skipped.map((s) => s.why).join('; ')).toBeLessThanOrEqual(out.skipped.length);
    const grown = [...new Set(after.map((f) => f.ruleId))].filter(
      (r) =>
        count(after, r) > count(before, r) &&
        after.some((f) => f.ruleId === r && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[severity]),
    );
    expect(grown).toEqual([]);
    const again = applyFixes(
      out.text,
      after.filter((f) => f.ruleId === id).map((f) => ({ ruleId: f.ruleId, line: f.line })),
      'cloudformation',
    );
    expect(again.text).toBe(out.text);
  });
});

const ANSIBLE = path.join(RULE_FIXTURES, '..', '..', 'ansible', 'rules');
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}
const ansibleCases = Object.keys(FIXES)
  .filter((id) => id.startsWith('ANS-'))
  .flatMap((id) =>
    filesUnder(path.join(ANSIBLE, id, 'fail')).map((file) => ({ id, file: path.relative(ANSIBLE, file) })),
  );

describe('Ansible fixes on their rules’ FAIL fixtures', () => {
  it('every Ansible rule with a fix has FAIL fixtures', () => {
    const ids = Object.keys(FIXES).filter((id) => id.startsWith('ANS-'));
    expect(new Set(ansibleCases.map((c) => c.id))).toEqual(new Set(ids));
    // …and in them, findings of the rule to fix.
    const found = ansibleCases.filter(({ id, file }) =>
      ansible
        .lint(file.split(path.sep).slice(2).join('/'), readFileSync(path.join(ANSIBLE, file), 'utf8'))
        .findings.some((f) => f.ruleId === id),
    );
    expect(new Set(found.map((c) => c.id))).toEqual(new Set(ids));
  });

  it.each(ansibleCases)('$id: $file', ({ id, file }) => {
    const text = readFileSync(path.join(ANSIBLE, file), 'utf8');
    const rel = file.split(path.sep).slice(2).join('/');
    const before = ansible.lint(rel, text).findings;
    const mine = before.filter((f) => f.ruleId === id);
    if (!mine.length) return; // a file of the fixture that only the others need (site.yml importing tasks)
    const out = applyFixes(
      text,
      mine.map((f) => ({ ruleId: f.ruleId, line: f.line })),
      'ansible',
    );
    expect(out.applied.length + out.skipped.length).toBeGreaterThan(0);
    const after = ansible.lint(rel, out.text).findings;
    const count = (l: typeof before, rule: string) => l.filter((f) => f.ruleId === rule).length;
    expect(count(after, id), out.skipped.map((s) => s.why).join('; ')).toBeLessThanOrEqual(out.skipped.length);
    const grown = [...new Set(after.map((f) => f.ruleId))].filter((r) => count(after, r) > count(before, r));
    expect(grown).toEqual([]);
    const again = after.filter((f) => f.ruleId === id).map((f) => ({ ruleId: f.ruleId, line: f.line }));
    expect(applyFixes(out.text, again, 'ansible').text).toBe(out.text);
  });
});
