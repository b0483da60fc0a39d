import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layer table: every folder under src/ (and each file directly in src/ or src/rules/), what it may import, and
 * why. It is an allow-list: an import of another layer that is not listed fails lint, and so does any file in a folder
 * that is not in the table, until someone places it here. docs/ARCHITECTURE.md renders this table
 * (`node scripts/gen-architecture.mjs`; `--check` runs in `npm run lint`, so the two cannot drift).
 *
 * `may` lists layers, plus `node:fs` (files) and `node:child_process` (processes): a layer without them is pure.
 * Other node: built-ins and packages are not limited here. `exceptions` are imports that go against the layering
 * today, each with what would remove it; they pass lint, and the document lists them apart so they stay visible.
 * Order: top (the edges) to bottom; arrows only point down (the generator refuses a cycle).
 */
export const EDGES = ['cli', 'action', 'index'];
/** Every layer but the edges (filled in below, once the table exists). */
const BELOW_EDGES = [];

export const LAYERS = {
  cli: {
    may: BELOW_EDGES,
    why: 'argv → commands, one file per command; the only code that touches `process.*`, stdout and exit codes',
  },
  action: {
    may: BELOW_EDGES,
    why: 'the GitHub Action: event → range → scan → check run, review, summary, SARIF; like the CLI, an edge over `scan`',
  },
  index: {
    may: BELOW_EDGES,
    why: "the library's entry point (package.json `exports`): re-exports for programs that embed hookguard",
  },
  policy: {
    may: ['scan', 'config', 'git', 'owners', 'policies', 'suppress', 'types', 'node:fs'],
    why: 'the policy document: gathers through the scan layer (rules, thresholds, owners, exceptions) and renders; the CLI writes it',
  },
  scan: {
    may: [
      'engine',
      'config',
      'disk',
      'git',
      'env',
      'finding',
      'own',
      'owners',
      'parse',
      'policies',
      'rules/secrets',
      'rules/cloudformation',
      'rules/hookguard',
      'suppress',
      'types',
      'node:fs',
    ],
    why: '`scan(request, config) → result`, the one entry both edges call: sources per mode, examine, merge, baseline, owners, the exit decision',
  },
  install: {
    may: ['git', 'disk', 'types', 'node:fs', 'node:child_process'],
    why: 'hook install and uninstall (husky or native), chaining existing hooks; returns messages, never throws on a normal "can\'t"',
  },
  config: {
    may: ['rules/secrets', 'own', 'owners', 'parse', 'types', 'node:fs'],
    why: "load and validate `.hookguard.yaml`, collecting every error; custom patterns, own-credential providers and owner rules are validated at load with their layers' own validators",
  },
  engine: {
    may: [
      'rules/secrets',
      'rules/cloudformation',
      'rules/ansible',
      'rules/access',
      'rules/certs',
      'rules/hookguard',
      'rules/iac',
      'policies',
      'own',
      'finding',
      'suppress',
      'parse',
      'types',
    ],
    why: 'targets × rules → findings; pure (no fs, no git, no printing), so it runs the same in the main thread and the workers',
  },
  policies: {
    may: [
      'cloud',
      'parse',
      'env',
      'owners',
      'rules/cloudformation',
      'rules/ansible',
      'rules/iac',
      'rules/secrets',
      'types',
      'node:fs',
    ],
    why: "the team's own policies (YAML) compiled to checks over `cloud` resources and Ansible tasks; environment-scoped policies use `env`'s roles; loading reads and caches the policy files",
  },
  fix: {
    may: ['cloud', 'parse', 'types'],
    why: 'IaC fixes as minimal edits on the parsed document (comments, order and style kept)',
  },
  'rules/cloudformation': {
    may: ['cloud', 'parse', 'rules/iac', 'types'],
    exceptions: {
      env: 'environment words and the role of a path (`envRoleFromPath`, `ENV_WORDS`, `globRegex` in env/roles.ts, env/paths.ts): a family reaching into another family; moving those pure helpers into `parse` would remove it',
    },
    why: 'one CloudFormation rule per file, `{ meta, check }`, and an explicit registry; what is specific to templates',
  },
  'rules/ansible': {
    may: ['cloud', 'parse', 'rules/iac', 'types'],
    why: 'one Ansible rule per file, `{ meta, check }`, and an explicit registry; what is specific to playbooks',
  },
  'rules/access': {
    may: ['parse', 'rules/iac', 'types'],
    why: 'access that should be gone (ACCESS-*): like the IaC families, texts in, findings out',
  },
  'rules/hookguard': {
    may: ['rules/access', 'rules/certs', 'types'],
    why: "the registry of the rules that are neither secret patterns nor an IaC family: hookguard's own (HG-*: unused allows, own credentials), access and certificate rules",
  },
  'rules/certs': {
    may: ['types'],
    why: "certificate rules (CERT-*): PEM certificates read with node's X509Certificate; pure",
  },
  'rules/iac': {
    may: ['types'],
    why: 'the contract between the engine and an IaC rule family (meta, context, check); types and small shared helpers',
  },
  env: {
    may: ['parse', 'rules/secrets', 'types'],
    why: 'environment parity and secrets at rest: texts in, findings and tables out; uses the secret detector',
  },
  cloud: {
    may: ['parse', 'types'],
    why: 'the format-neutral cloud resource model: adapters from CloudFormation and Ansible, checks written once per resource kind',
  },
  own: {
    may: ['rules/secrets', 'types', 'node:fs', 'node:child_process'],
    why: "the user's own credentials, by value: read from the usual local files and custom providers (commands), matched in text",
  },
  suppress: {
    may: ['finding', 'rules/hookguard', 'types'],
    why: 'inline allows, the baseline and config ignores; reports unused allows and stale baseline entries as findings',
  },
  finding: {
    may: ['rules/secrets', 'sha', 'types'],
    why: 'the finding factory and fingerprints (a contract stored in baselines), below every family; masking comes from `rules/secrets`',
  },
  'rules/secrets': {
    may: ['types', 'node:fs'],
    why: 'secret patterns as data (`patterns/*.yaml` → lib/patterns.json): load, validate, keyword prefilter, regex, entropy, validators, decoders',
  },
  report: {
    may: ['env', 'types'],
    why: '`(result, context) => string` per format; `env` for the type of the parity table it renders',
  },
  disk: {
    may: ['types', 'node:fs'],
    exceptions: {
      git: '`decodeText` and `isBinary` from git/blobs.ts: pure text decoding that the disk walk shares with blob reads; a module below both would remove it',
    },
    why: 'files on disk: the walk (honouring .gitignore and ignores) and atomic writes',
  },
  git: {
    may: ['sha', 'types', 'node:fs', 'node:child_process'],
    why: 'staged diffs, pre-push ranges, history, base..head ranges, blob reads → targets; the only code that runs git',
  },
  owners: { may: ['types'], why: 'who owns a finding (config or CODEOWNERS text passed in): pure matching' },
  parse: {
    may: ['types'],
    why: "YAML/JSON with positions, CloudFormation tags, Ansible file kinds; the fast YAML reader builds `yaml`'s own nodes",
  },
  sha: {
    may: [],
    why: 'SHA-1 and SHA-256 in JavaScript for small inputs (fingerprints, blob ids), so a commit need not load node:crypto',
  },
  types: { may: [], why: 'the shared data types (Target, Finding, Severity, RuleDoc, …) and a few helpers over them' },
};
BELOW_EDGES.push(...Object.keys(LAYERS).filter((l) => !EDGES.includes(l)), 'node:fs', 'node:child_process');

const SRC = path.join(import.meta.dirname, 'src');
const DOC = 'see docs/ARCHITECTURE.md (the table is LAYERS in eslint.config.js)';

/** The layer of a path relative to src/ ('scan/index.ts' → 'scan', 'rules/secrets/x.ts' → 'rules/secrets'). */
export function layerOf(rel) {
  const parts = rel.split(/[\\/]/);
  const strip = (s) => s.replace(/\.[cm]?[jt]s$/, '');
  if (parts[0] === 'rules' && parts.length > 1) return `rules/${strip(parts[1])}`;
  return strip(parts[0]);
}

/** What an import specifier names, as a layer, 'node:fs' / 'node:child_process', or undefined (not limited). */
function targetOf(spec, fromFile) {
  if (/^(node:)?fs(\/promises)?$/.test(spec)) return 'node:fs';
  if (/^(node:)?child_process$/.test(spec)) return 'node:child_process';
  if (!spec.startsWith('.')) return undefined;
  const rel = path.relative(SRC, path.resolve(path.dirname(fromFile), spec));
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : layerOf(rel);
}

/** One rule: every import of a file under src/ is allowed by the layer table. */
const layersPlugin = {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [], docs: { description: 'import boundaries from the LAYERS table' } },
      create(context) {
        const file = context.filename;
        const rel = path.relative(SRC, file);
        if (rel.startsWith('..') || path.isAbsolute(rel)) return {};
        const from = layerOf(rel);
        const layer = LAYERS[from];
        const check = (node, source) => {
          if (!layer || !source || typeof source.value !== 'string') return;
          const to = targetOf(source.value, file);
          if (!to || to === from) return;
          if (!to.startsWith('node:') && !LAYERS[to]) {
            context.report({ node, message: `import boundary: src/${to} is not in the layer table; ${DOC}` });
            return;
          }
          if (layer.may.includes(to) || (layer.exceptions && to in layer.exceptions)) return;
          const what = to.startsWith('node:') ? to : `src/${to}`;
          context.report({
            node,
            message: `import boundary: src/${from} may not import ${what} (it may import: ${layer.may.join(', ') || 'nothing'}); ${DOC}`,
          });
        };
        return {
          Program(node) {
            if (!layer)
              context.report({
                node,
                message: `import boundary: src/${from} is not in the layer table; place it (what it may import, and why) — ${DOC}`,
              });
          },
          ImportDeclaration: (n) => check(n, n.source),
          ExportAllDeclaration: (n) => check(n, n.source),
          ExportNamedDeclaration: (n) => check(n, n.source),
          ImportExpression: (n) => check(n, n.source.type === 'Literal' ? n.source : undefined),
          TSImportType: (n) => check(n, n.argument?.literal ?? n.source),
        };
      },
    },
  },
};
export { layersPlugin };

/** The type rules that keep `any` from spreading; on for src/ (tests and scripts keep them off). */
const NO_UNSAFE = [
  '@typescript-eslint/no-unsafe-assignment',
  '@typescript-eslint/no-unsafe-member-access',
  '@typescript-eslint/no-unsafe-argument',
  '@typescript-eslint/no-unsafe-call',
  '@typescript-eslint/no-unsafe-return',
];
/**
 * Files of src/ where some of NO_UNSAFE are still off, until someone fixes what they flag. The list only shrinks:
 * scripts/check-unsafe-pending.mjs (npm run lint) fails when a file here no longer needs its entry.
 */
export const UNSAFE_PENDING = {};

export default tseslint.config(
  { ignores: ['lib/**', 'dist/**', 'node_modules/**', 'fixtures/**', 'coverage/**', '.bench-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/imports': 'error', ...Object.fromEntries(NO_UNSAFE.map((r) => [r, 'error'])) },
  },
  ...Object.entries(UNSAFE_PENDING).map(([file, rules]) => ({
    files: [file],
    rules: Object.fromEntries(rules.map((r) => [r, 'off'])),
  })),
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    // bin/hookguard.cjs is CommonJS on purpose (start-up time): require() is the point.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { process: 'readonly', require: 'readonly', __filename: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
