import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Rule families (CloudFormation, Ansible, access): no fs, no git, nothing above them. */
const RULE_FAMILY_DENY = [
  '**/cli/**',
  '**/action/**',
  '**/install/**',
  '**/git/**',
  '**/report/**',
  '**/engine/**',
  '**/scan/**',
  'node:fs',
  'node:child_process',
];

/** Import boundaries from DESIGN.md: which folder may import which. */
const boundaries = [
  {
    from: 'src/engine/**',
    deny: [
      '**/cli/**',
      '**/action/**',
      '**/install/**',
      '**/git/**',
      '**/report/**',
      '**/config/**',
      '**/disk/**',
      '**/scan/**',
      'node:fs',
      'node:child_process',
      'fs',
      'child_process',
    ],
  },
  {
    from: 'src/rules/cloudformation/**',
    deny: RULE_FAMILY_DENY,
  },
  {
    // Team policies: over the cloud model, parse and the rule families' shapes; never the edges or the scan.
    from: 'src/policies/**',
    deny: [
      '**/cli/**',
      '**/action/**',
      '**/install/**',
      '**/git/**',
      '**/report/**',
      '**/scan/**',
      '**/engine/**',
      '**/config/**',
    ],
  },
  {
    from: 'src/rules/ansible/**',
    deny: RULE_FAMILY_DENY,
  },
  {
    // The cloud model may import parse and types only (DESIGN.md layout).
    from: 'src/cloud/**',
    deny: [
      '**/cli/**',
      '**/action/**',
      '**/install/**',
      '**/git/**',
      '**/report/**',
      '**/engine/**',
      '**/rules/**',
      '**/scan/**',
      '**/config/**',
      '**/disk/**',
      '**/suppress/**',
      '**/env/**',
      'node:fs',
      'node:child_process',
      'fs',
      'child_process',
    ],
  },
  {
    // Environment parity and at-rest checks: pure like the engine (texts in, findings out); may use parse,
    // rules/secrets and types (DESIGN.md layout).
    from: 'src/env/**',
    deny: [
      '**/cli/**',
      '**/action/**',
      '**/install/**',
      '**/git/**',
      '**/report/**',
      '**/engine/**',
      '**/scan/**',
      '**/config/**',
      '**/disk/**',
      '**/suppress/**',
      '**/rules/cloudformation/**',
      '**/rules/ansible/**',
      'node:fs',
      'node:child_process',
      'fs',
      'child_process',
    ],
  },
  {
    from: 'src/parse/**',
    deny: [
      '**/cli/**',
      '**/action/**',
      '**/install/**',
      '**/git/**',
      '**/report/**',
      '**/engine/**',
      '**/rules/**',
      '**/scan/**',
    ],
  },
  {
    from: 'src/report/**',
    deny: [
      '**/cli/**',
      '**/action/**',
      '**/install/**',
      '**/git/**',
      '**/engine/**',
      '**/rules/**',
      '**/scan/**',
      'node:child_process',
    ],
  },
  {
    from: 'src/git/**',
    deny: ['**/cli/**', '**/action/**', '**/install/**', '**/engine/**', '**/rules/**', '**/report/**', '**/scan/**'],
  },
  {
    from: 'src/install/**',
    deny: ['**/cli/**', '**/action/**', '**/engine/**', '**/rules/**', '**/report/**', '**/scan/**'],
  },
  {
    // The policy document: gathers through the scan layer and renders; the CLI writes it.
    from: 'src/policy/**',
    deny: ['**/cli/**', '**/action/**', '**/install/**', 'node:child_process'],
  },
  {
    // Access rules (ACCESS-*) and hookguard's own rule docs: like the IaC families, no fs, no git.
    from: 'src/rules/access/**',
    deny: RULE_FAMILY_DENY,
  },
  {
    // Ownership matching is pure: the scan layer reads CODEOWNERS and the config, and passes their text in.
    from: 'src/owners/**',
    deny: [
      '**/cli/**',
      '**/action/**',
      '**/install/**',
      '**/git/**',
      '**/engine/**',
      '**/report/**',
      '**/scan/**',
      '**/config/**',
      'node:fs',
      'node:child_process',
    ],
  },
  {
    from: 'src/suppress/**',
    deny: ['**/cli/**', '**/action/**', '**/install/**', '**/git/**', '**/engine/**', '**/report/**', '**/scan/**'],
  },
  {
    // The finding factory and fingerprints: below every family, so each can make its findings here.
    from: 'src/finding/**',
    deny: [
      '**/cli/**',
      '**/action/**',
      '**/install/**',
      '**/git/**',
      '**/engine/**',
      '**/report/**',
      '**/scan/**',
      '**/suppress/**',
      '**/config/**',
      '**/env/**',
      '**/cloud/**',
      '**/rules/cloudformation/**',
      '**/rules/ansible/**',
      'node:child_process',
    ],
  },
];

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
  ...boundaries.map((b) => ({
    files: [b.from.replace('/**', '/**/*.ts')],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: b.deny.map((d) => ({
            group: [d],
            message: `import boundary: ${b.from} may not import ${d} (see DESIGN.md layout)`,
          })),
        },
      ],
    },
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
