/**
 * Every CloudFormation rule with an automatic fix, on its own FAIL fixtures (fixtures/cloudformation/rules): the fix
 * applied to the rule's findings clears every finding it does not skip with a reason, the result still parses as a template, and no
 * finding of any rule appears at or above the fixed rule's severity (a lower one, such as "encrypted, but with the
 * AWS-managed key", is the team's next decision). Running the fix again changes nothing (issue 27). The result equals
 * the reviewed expected file beside the fixture (fixtures/cloudformation/fixed/, fixtures/ansible/fixed/: golden files,
 * written by `npx vitest run test/fix/fail-fixtures.test.ts -u` and reviewed as a diff before they are committed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse, type Tags } from 'yaml';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/index.js';
import { FIXES } from '../../src/fix/registry.js';
import { lintTemplate, RULES } from '../../src/rules/cloudformation/index.js';
import { family as ansible } from '../../src/rules/ansible/index.js';
import { SEVERITY_RANK } from '../../src/types.js';
import { RULE_FIXTURES, slug } from '../rules/cloudformation/helpers.js';

const CFN_FIXED = path.join(RULE_FIXTURES, '..', 'fixed');

/** CloudFormation's short-form tags, read as the long form (`!Ref X` → `{ Ref: X }`, `!GetAtt A.B` → `Fn::GetAtt`). */
const FNS = ['Ref', 'Sub', 'GetAtt', 'ImportValue', 'Join', 'Select', 'Split', 'FindInMap', 'If', 'Equals', 'Not'];
const CFN_TAGS: Tags = [...FNS, 'And', 'Or', 'Base64', 'Cidr', 'GetAZs', 'Condition', 'Transform'].flatMap((fn) => {
  const key = fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`;
  const wrap = (v: unknown) => ({ [key]: fn === 'GetAtt' && typeof v === 'string' ? v.split(/\.(.*)/s, 2) : v });
  return (['scalar', 'seq', 'map'] as const).map((nodeClass) =>
    nodeClass === 'scalar'
      ? { tag: `!${fn}`, resolve: (v: string) => wrap(v) }
      : { tag: `!${fn}`, collection: nodeClass, resolve: (v: { toJSON(): unknown }) => wrap(v.toJSON()) },
  );
});

/**
 * A YAML fixture written as a JSON template (two-space indentation, as `JSON.stringify` writes it), so that every fix is
 * also proven on JSON where a rule has no JSON fixture of its own.
 */
function asJson(yamlText: string): string {
  return `${JSON.stringify(parse(yamlText, { customTags: CFN_TAGS }), null, 2)}\n`;
}

const cases = RULES.filter((r) => Object.prototype.hasOwnProperty.call(FIXES, r.meta.id)).flatMap((r) =>
  readdirSync(RULE_FIXTURES)
    .filter((f) => f.startsWith(`${slug(r.meta.id)}.fail`))
    .flatMap((file) => [
      { id: r.meta.id, severity: r.meta.severity, file, json: false },
      // The YAML fixture as JSON (golden file `….yaml.json`).
      ...(file.endsWith('.yaml') ? [{ id: r.meta.id, severity: r.meta.severity, file, json: true }] : []),
    ]),
);

describe('CloudFormation fixes on their rules’ FAIL fixtures', () => {
  it('every CloudFormation rule with a fix has a FAIL fixture', () => {
    const ids = Object.keys(FIXES).filter((id) => id.startsWith('CFN-'));
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(ids));
  });

  it.each(cases)('$id: $file (as JSON: $json)', async ({ id, severity, file, json }) => {
    const source = readFileSync(path.join(RULE_FIXTURES, file), 'utf8');
    const text = json ? asJson(source) : source;
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
    if (json) expect(JSON.parse(out.text)).toBeTruthy();
    await expect(out.text).toMatchFileSnapshot(path.join(CFN_FIXED, json ? `${file}.json` : file));
  });

  it('every CloudFormation rule with a fix is proven on YAML and on JSON', () => {
    const formats = (id: string) =>
      new Set(cases.filter((c) => c.id === id).map((c) => (c.json || c.file.endsWith('.json') ? 'json' : 'yaml')));
    const lacking = Object.keys(FIXES)
      .filter((id) => id.startsWith('CFN-'))
      .filter((id) => formats(id).size < 2);
    expect(lacking).toEqual([]);
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

  it.each(ansibleCases)('$id: $file', async ({ id, file }) => {
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
    await expect(out.text).toMatchFileSnapshot(path.join(ANSIBLE, '..', 'fixed', file));
  });
});
