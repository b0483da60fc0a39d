// Scaffolds a new rule the way its family writes one (like Ruff's scripts/add_rule.py):
//   npm run new-rule -- cloudformation CFN-FOO-001 --resource AWS::Foo::Bar --prop Encryption
//       [--title TEXT] [--severity critical|high|medium|low] [--dry-run] [--root DIR]
// CloudFormation only for now. It writes the rule file (src/rules/cloudformation/rules/foo-001.ts: meta, the doc
// skeleton — what, why, example, fix, fixed, references — and a working first check, "a Foo::Bar without
// Encryption", built on util.ts's requireProp), its PASS and FAIL fixtures with the exact expected line, and the
// registry entry (import and RULES line, in order) in src/rules/cloudformation/index.ts. The rule passes the family's
// fixture tests as written; then make the check and the doc say what the rule is really about, and regenerate
// docs/rules (npm run build && node scripts/gen-docs.mjs).
// Refuses an id that is malformed, already used, or retired (src/rules/retired.json: ids are never reused).
// --dry-run prints what it would write and changes nothing; --root runs against another checkout (tests use a copy).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SEVERITIES = ['critical', 'high', 'medium', 'low'];

function fail(message) {
  console.error(`new-rule: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { positional: [], dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') opts.dryRun = true;
    else if (['--resource', '--prop', '--title', '--severity', '--root'].includes(a)) {
      if (argv[i + 1] === undefined) fail(`${a} needs a value`);
      opts[a.slice(2)] = argv[++i];
    } else if (a.startsWith('-')) fail(`unknown option ${a}`);
    else opts.positional.push(a);
  }
  return opts;
}

/** The ids no new rule may take. */
export function retiredIds(root) {
  const file = path.join(root, 'src', 'rules', 'retired.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).retired : {};
}

/** The files a CloudFormation rule needs, as { path (relative to root): text }. */
export function cloudformationRule(root, o) {
  const id = o.id;
  if (!/^CFN-[A-Z][A-Z0-9]*-\d{3}$/.test(id)) fail(`${id}: a CloudFormation id looks like CFN-SERVICE-001`);
  if (!/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(o.resource ?? ''))
    fail('--resource: the resource type the rule applies to, like AWS::SNS::Topic');
  if (!/^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)*$/.test(o.prop ?? ''))
    fail('--prop: the property the resource must set, like KmsMasterKeyId (or a path, A.B)');
  const severity = o.severity ?? 'medium';
  if (!SEVERITIES.includes(severity)) fail(`--severity: one of ${SEVERITIES.join(', ')}`);
  const retired = retiredIds(root);
  if (id in retired) fail(`${id} is retired (${retired[id]}): ids are never reused; take the next number`);
  const slug = id.toLowerCase().replace(/^cfn-/, '');
  const name = slug.replace(/-/g, '');
  const ruleFile = `src/rules/cloudformation/rules/${slug}.ts`;
  const registryFile = 'src/rules/cloudformation/index.ts';
  const registry = readFileSync(path.join(root, registryFile), 'utf8');
  if (existsSync(path.join(root, ruleFile)) || registry.includes(`'${id}'`) || registry.includes(`/${slug}.js'`))
    fail(`${id} exists already (${ruleFile})`);
  for (const f of registeredIds(root)) if (f === id) fail(`${id} is already the id of a rule`);

  const type = o.resource.split('::')[2];
  const title = o.title ?? `${type} without ${o.prop}`;
  const q = (s) => s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const [head, ...rest] = o.prop.split('.');
  // The property, nested as YAML under Properties (A.B → A:\n  B:).
  const yamlProp = (indent) =>
    [head, ...rest].map((p, i, all) => `${' '.repeat(indent + 2 * i)}${p}:${i === all.length - 1 ? ' TODO' : ''}`);
  const resourceYaml = (withProp, indent) => [
    `${' '.repeat(indent)}Type: ${o.resource}`,
    ...(withProp
      ? [`${' '.repeat(indent)}Properties:`, ...yamlProp(indent + 2)]
      : [`${' '.repeat(indent)}Properties: {}`]),
  ];
  const rule = `import type { CfnRule } from '../rule.js';
import { doc, meta, requireProp } from '../util.js';

// Scaffolded by scripts/new-rule.mjs: a first check (the property must be set), with PASS and FAIL fixtures in
// fixtures/cloudformation/rules/${slug}.*.yaml. Make the check and the doc say what the rule is about.
const rule: CfnRule = requireProp({
  meta: meta(
    '${id}',
    '${q(title)}',
    '${severity}',
    ['${o.resource}'],
    doc({
      what: 'An \`${o.resource}\` without \`${o.prop}\`.',
      why: 'TODO: what goes wrong, for whom, when it is missing.',
      example: \`Resource:
${resourceYaml(false, 2).join('\n')}\`,
      fix: 'Set \`${o.prop}\`.',
      fixed: \`Resource:
${resourceYaml(true, 2).join('\n')}\`,
      refs: ['TODO: the provider documentation of ${o.resource}'],
    }),
    'Set ${o.prop}.',
  ),
  prop: '${o.prop}',
  message: (r) => \`\${r.id} has no ${o.prop}\`,
});
export default rule;
`;
  const fixture = (withProp) =>
    ['Resources:', `  Resource:${withProp ? '' : ` # expect: ${id}`}`, ...resourceYaml(withProp, 4), ''].join('\n');
  return {
    [ruleFile]: rule,
    [`fixtures/cloudformation/rules/${slug}.pass.yaml`]: fixture(true),
    [`fixtures/cloudformation/rules/${slug}.fail.yaml`]: fixture(false),
    [registryFile]: withRegistryEntry(registry, name, slug),
  };
}

/** Every rule id the CloudFormation registry's rule files declare (first string argument of meta). */
function registeredIds(root) {
  const registry = readFileSync(path.join(root, 'src/rules/cloudformation/index.ts'), 'utf8');
  return [...registry.matchAll(/from '\.\/rules\/([a-z0-9-]+)\.js'/g)].map((m) => `CFN-${m[1].toUpperCase()}`);
}

/** The registry with `import NAME from './rules/SLUG.js'` and `NAME,` in RULES, each in its sorted place. */
function withRegistryEntry(text, name, slug) {
  const lines = text.split('\n');
  const begin = lines.findIndex((l) => l.startsWith('// RULES-BEGIN'));
  const open = lines.findIndex((l) => l.startsWith('export const RULES'));
  const end = lines.findIndex((l) => l.startsWith('// RULES-END'));
  if (begin < 0 || open < begin || end < open)
    fail('src/rules/cloudformation/index.ts: RULES-BEGIN … RULES-END not found');
  const imports = lines.slice(begin + 1, open).filter((l) => l.startsWith('import '));
  const items = lines.slice(open + 1, end - 1);
  const importLine = `import ${name} from './rules/${slug}.js';`;
  const byName = (l) => /^\s*import (\w+)|^\s*(\w+),/.exec(l).slice(1).find(Boolean);
  const insert = (list, line) => {
    const at = list.findIndex((l) => byName(l).localeCompare(name) > 0);
    return at < 0 ? [...list, line] : [...list.slice(0, at), line, ...list.slice(at)];
  };
  return [
    ...lines.slice(0, begin + 1),
    ...insert(imports, importLine),
    ...lines.slice(begin + 1, open).filter((l) => !l.startsWith('import ')),
    lines[open],
    ...insert(items, `  ${name},`),
    ...lines.slice(end - 1),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const o = parseArgs(process.argv.slice(2));
  const [family, id] = o.positional;
  const root = path.resolve(o.root ?? path.dirname(path.dirname(fileURLToPath(import.meta.url))));
  if (family !== 'cloudformation' || !id)
    fail(
      'usage: npm run new-rule -- cloudformation CFN-SERVICE-001 --resource AWS::X::Y --prop Name [--title T] [--severity S] [--dry-run]',
    );
  const files = cloudformationRule(root, { ...o, id });
  for (const [rel, text] of Object.entries(files)) {
    if (o.dryRun) {
      console.log(`--- ${rel}${existsSync(path.join(root, rel)) ? ' (changed)' : ' (new)'}`);
      if (!rel.endsWith('index.ts')) console.log(text);
      continue;
    }
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
    console.log(`wrote ${rel}`);
  }
  if (!o.dryRun)
    console.log(
      'next: make the check and the doc say what the rule is about, then npm run build && node scripts/gen-docs.mjs',
    );
}
