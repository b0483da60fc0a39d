// The import boundaries: the LAYERS allow-list in eslint.config.js, run through ESLint's own Linter on texts placed at
// paths under src/ (no type information needed, so it takes milliseconds), and docs/ARCHITECTURE.md kept in step.
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- eslint.config.js is plain JavaScript with no declarations
import { LAYERS, layersPlugin } from '../../eslint.config.js';
import { architectureProblems } from '../../scripts/gen-architecture.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const linter = new Linter({ configType: 'flat', cwd: root });
const config = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' as const },
    plugins: { layers: layersPlugin as never },
    rules: { 'layers/imports': 'error' as const },
  },
];

/** The boundary messages for `code` as if it were the file at `rel` (relative to the repository). */
function lint(rel: string, code: string): string[] {
  return linter.verify(code, config, { filename: path.join(root, rel) }).map((m) => m.message);
}

describe('import boundaries (LAYERS in eslint.config.js)', () => {
  it('lets a layer import what its row allows, itself, node built-ins and packages', () => {
    expect(lint('src/scan/x.ts', "import { a } from '../engine/index.js';\nimport './y.js';\n")).toEqual([]);
    expect(
      lint('src/cloud/checks/x.ts', "import { b } from '../adapters/a.js';\nimport path from 'node:path';\n"),
    ).toEqual([]);
    expect(
      lint('src/rules/ansible/x.ts', "import type { T } from '../iac.js';\nimport { p } from '../../parse/a.js';\n"),
    ).toEqual([]);
    expect(
      lint('src/cli/x.ts', "import { s } from '../scan/index.js';\nimport { r } from '../rules/secrets/a.js';\n"),
    ).toEqual([]);
  });

  it('refuses an import its row does not allow, in every form, pointing at docs/ARCHITECTURE.md', () => {
    const forms = [
      "import { scan } from '../scan/index.js';",
      "import type { R } from '../scan/index.js';",
      "export { scan } from '../scan/index.js';",
      "export * from '../scan/index.js';",
      "const m = await import('../scan/index.js');",
    ];
    for (const code of forms) {
      const messages = lint('src/config/x.ts', code);
      expect(messages, code).toHaveLength(1);
      expect(messages[0]).toContain('src/config may not import src/scan');
      expect(messages[0]).toContain('docs/ARCHITECTURE.md');
    }
    expect(lint('src/action/x.ts', "import { main } from '../cli/main.js';")).toEqual([
      expect.stringContaining('src/action may not import src/cli'),
    ]);
    expect(lint('src/parse/x.ts', "import { r } from '../rules/secrets/load.js';")).toHaveLength(1);
  });

  it('keeps pure layers off the file system and processes', () => {
    expect(lint('src/engine/x.ts', "import { readFileSync } from 'node:fs';")).toEqual([
      expect.stringContaining('src/engine may not import node:fs'),
    ]);
    expect(lint('src/cloud/x.ts', "import { readFile } from 'fs/promises';")).toHaveLength(1);
    expect(lint('src/rules/cloudformation/x.ts', "import { spawn } from 'node:child_process';")).toHaveLength(1);
    expect(lint('src/git/x.ts', "import { spawn } from 'node:child_process';")).toEqual([]);
  });

  it('fails a file in a folder that is not in the table, and an import of one', () => {
    expect(lint('src/newthing/x.ts', "import type { T } from '../types.js';")).toEqual([
      expect.stringMatching(/src\/newthing is not in the layer table.*docs\/ARCHITECTURE\.md/),
    ]);
    expect(lint('src/rules/newfamily/x.ts', '')).toHaveLength(1);
    expect(lint('src/scan/x.ts', "import { n } from '../newthing/x.js';")).toEqual([
      expect.stringContaining('src/newthing is not in the layer table'),
    ]);
  });

  it('lets a recorded exception through, and only that one', () => {
    expect(Object.keys(LAYERS['rules/cloudformation'].exceptions)).toEqual(['env']);
    expect(lint('src/rules/cloudformation/x.ts', "import { globRegex } from '../../env/roles.js';")).toEqual([]);
    expect(lint('src/rules/ansible/x.ts', "import { globRegex } from '../../env/roles.js';")).toHaveLength(1);
  });

  it('docs/ARCHITECTURE.md is the table, every src/ folder is placed, and the arrows have no cycle', () => {
    expect(architectureProblems()).toEqual([]);
  });
});
