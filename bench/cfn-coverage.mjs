// CloudFormation coverage against the reference linters' rule sets, measured on templates written here.
//
//   node bench/cfn-coverage.mjs [--json]        (after `npm run build`)
//
// fixtures/cloudformation/suites/<suite>.yaml lists one case per check of a reference linter (KICS, cfn_nag): its
// name, a positive template written here from the AWS resource reference (never the reference's own tests), and the
// hookguard rule ids that count as finding it. A case marked `debatable` is not chased (the reason is given); a case
// without `expect` is a known gap. Each template is scanned by the built CLI's engine; a case is found when one of its
// expected rules reports on it. The secure corpus (suites/secure/*.yaml: hardened templates) must produce no
// blocking finding (high or critical).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const dir = path.join(root, 'fixtures', 'cloudformation', 'suites');
const { scan } = await import('../lib/index.js');

/** CloudFormation short forms used in the corpus, read as their long forms. */
const customTags = ['Ref', 'Sub', 'GetAtt', 'ImportValue'].map((fn) => ({
  tag: `!${fn}`,
  resolve: (v) => ({ [fn === 'Ref' ? 'Ref' : `Fn::${fn}`]: v }),
}));

export function loadSuite(file) {
  return parse(readFileSync(file, 'utf8'), { customTags });
}

/** The template of a case: `resources` (and `parameters`, `outputs`) wrapped in a template document. */
export function templateOf(c) {
  return stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    ...(c.parameters ? { Parameters: c.parameters } : {}),
    Resources: c.resources,
    ...(c.outputs ? { Outputs: c.outputs } : {}),
  });
}

const BLOCKING = new Set(['critical', 'high']);

async function findingsByFile(files) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'hookguard-cfn-coverage-'));
  try {
    for (const [name, text] of files) writeFileSync(path.join(tmp, name), text);
    const { result } = await scan({ kind: 'paths', paths: [tmp] }, { cwd: tmp, noBaseline: true, failOn: 'none' });
    if (result.errors.length) throw new Error(`scan errors: ${result.errors.map((e) => e.message).join('; ')}`);
    const by = new Map();
    for (const f of [...result.findings, ...result.existing]) {
      const list = by.get(f.file) ?? [];
      list.push(f);
      by.set(f.file, list);
    }
    return by;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const report = { suites: {}, secure: {} };
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  const suite = file.replace(/\.yaml$/, '');
  const cases = loadSuite(path.join(dir, file));
  const files = cases.flatMap((c, i) => (c.resources ? [[`case-${i}.yaml`, templateOf(c)]] : []));
  const by = await findingsByFile(files);
  let found = 0;
  let debatable = 0;
  const gaps = [];
  const broken = [];
  cases.forEach((c, i) => {
    if (c.debatable) return void debatable++;
    const ids = new Set((by.get(`case-${i}.yaml`) ?? []).map((f) => f.ruleId));
    if (c.expect?.some((id) => ids.has(id))) found++;
    else if (c.expect) broken.push(c.ref);
    else gaps.push(c.ref);
  });
  const total = cases.length;
  const counted = total - debatable;
  report.suites[suite] = {
    checks: total,
    debatable,
    found,
    foundPctOfAll: +((100 * found) / total).toFixed(1),
    foundPctOfChased: +((100 * found) / counted).toFixed(1),
    gaps,
    expectedButNotFound: broken,
  };
}

const secureDir = path.join(dir, 'secure');
const secureFiles = readdirSync(secureDir).filter((f) => /\.(ya?ml|json)$/.test(f));
const by = await findingsByFile(secureFiles.map((f) => [f, readFileSync(path.join(secureDir, f), 'utf8')]));
const all = [...by.values()].flat();
report.secure = {
  templates: secureFiles.length,
  blocking: all.filter((f) => BLOCKING.has(f.severity)).map((f) => `${f.file}:${f.line} ${f.ruleId}`),
  nonBlocking: all.length - all.filter((f) => BLOCKING.has(f.severity)).length,
};

if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
else {
  for (const [s, r] of Object.entries(report.suites)) {
    console.log(
      `${s}: ${r.found}/${r.checks} checks found (${r.foundPctOfAll}% of all; ${r.foundPctOfChased}% of the ${r.checks - r.debatable} not marked debatable)`,
    );
    if (r.expectedButNotFound.length) console.log(`  expected but NOT found: ${r.expectedButNotFound.join(', ')}`);
    if (r.gaps.length) console.log(`  gaps (${r.gaps.length}): ${r.gaps.join(', ')}`);
  }
  const s = report.secure;
  console.log(
    `secure corpus: ${s.templates} templates, ${s.blocking.length} blocking findings, ${s.nonBlocking} non-blocking`,
  );
  for (const b of s.blocking) console.log(`  BLOCKING ${b}`);
}
