// The coverage figure of `hookguard fix` (issue 27): how many CloudFormation and Ansible rules have an automatic fix,
// and, on the CloudFormation coverage bench's FAIL cases (fixtures/cloudformation/suites/*.yaml, see
// bench/cfn-coverage.mjs), how many findings come from a rule with a fix and how many of those the fix clears.
//
//   node scripts/fix-coverage.mjs [--json]        (after `npm run build`)
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const lib = await import(path.join(root, 'lib', 'index.js'));
const has = (id) => Object.prototype.hasOwnProperty.call(lib.FIXES, id);

// 1. Rules with a fix.
const rules = {};
for (const d of await lib.iacRuleDocs()) {
  if (d.category !== 'cloudformation' && d.category !== 'ansible') continue;
  const r = (rules[d.category] ??= { rules: 0, withFix: 0, ids: [] });
  r.rules++;
  if (has(d.id)) {
    r.withFix++;
    r.ids.push(d.id);
  }
}

// 2. The bench's FAIL cases: findings of rules with a fix, and how many `hookguard fix` clears.
const customTags = ['Ref', 'Sub', 'GetAtt', 'ImportValue'].map((fn) => ({
  tag: `!${fn}`,
  resolve: (v) => ({ [fn === 'Ref' ? 'Ref' : `Fn::${fn}`]: v }),
}));
const suites = path.join(root, 'fixtures', 'cloudformation', 'suites');
const files = new Map();
for (const f of readdirSync(suites).filter((x) => x.endsWith('.yaml'))) {
  const cases = parse(readFileSync(path.join(suites, f), 'utf8'), { customTags });
  cases.forEach((c, i) => {
    if (!c.resources || !c.expect) return;
    const text = stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      ...(c.parameters ? { Parameters: c.parameters } : {}),
      Resources: c.resources,
      ...(c.outputs ? { Outputs: c.outputs } : {}),
    });
    files.set(`${f.replace(/\.yaml$/, '')}-${i}.yaml`, text);
  });
}

async function findings(map) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'hookguard-fix-coverage-'));
  try {
    for (const [name, text] of map) writeFileSync(path.join(tmp, name), text);
    const { result } = await lib.scan({ kind: 'paths', paths: [tmp] }, { cwd: tmp, noBaseline: true, failOn: 'none' });
    const by = new Map();
    for (const f of [...result.findings, ...result.existing])
      if (f.category === 'cloudformation') by.set(f.file, [...(by.get(f.file) ?? []), f]);
    return by;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const before = await findings(files);
const fixed = new Map();
for (const [name, list] of before) {
  const targets = list.filter((f) => has(f.ruleId)).map((f) => ({ ruleId: f.ruleId, line: f.line }));
  if (targets.length) fixed.set(name, lib.applyFixes(files.get(name), targets, 'cloudformation').text);
}
const after = await findings(fixed);
const unfixed = {};
for (const list of before.values())
  for (const f of list) if (!has(f.ruleId)) unfixed[f.ruleId] = (unfixed[f.ruleId] ?? 0) + 1;
let total = 0;
let fixable = 0;
let cleared = 0;
const byRule = {};
for (const [name, list] of before) {
  total += list.length;
  for (const f of list.filter((x) => has(x.ruleId))) {
    fixable++;
    const r = (byRule[f.ruleId] ??= { findings: 0, cleared: 0 });
    r.findings++;
  }
  if (!fixed.has(name)) continue;
  const left = after.get(name) ?? [];
  for (const id of new Set(list.filter((x) => has(x.ruleId)).map((x) => x.ruleId))) {
    const n = list.filter((x) => x.ruleId === id).length - left.filter((x) => x.ruleId === id).length;
    cleared += Math.max(0, n);
    byRule[id].cleared += Math.max(0, n);
  }
}
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
const report = {
  rules,
  bench: { cases: files.size, findings: total, fromRulesWithFix: fixable, clearedByFix: cleared, byRule },
  /** Rules without a fix, by their findings on the bench: where a fix would count most. */
  nextCandidates: Object.entries(unfixed)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 15)
    .map(([id, n]) => ({ id, findings: n })),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
else {
  for (const [cat, r] of Object.entries(rules))
    console.log(`${cat}: ${r.withFix} of ${r.rules} rules have an automatic fix (${pct(r.withFix, r.rules)})`);
  const all = Object.values(rules).reduce((a, r) => [a[0] + r.withFix, a[1] + r.rules], [0, 0]);
  console.log(`CloudFormation and Ansible: ${all[0]} of ${all[1]} rules (${pct(all[0], all[1])})`);
  console.log(
    `coverage bench (${files.size} FAIL cases): ${fixable} of ${total} CloudFormation findings come from a rule with a fix (${pct(fixable, total)}); hookguard fix clears ${cleared} of them (${pct(cleared, fixable)})`,
  );
  console.log(
    `rules without a fix with the most bench findings: ${report.nextCandidates.map((c) => `${c.id} (${c.findings})`).join(', ')}`,
  );
}
