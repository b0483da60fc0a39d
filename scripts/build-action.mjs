// Build the GitHub Action: src/action/index.ts → one bundled dist/index.js (octokit, yaml and every rule included),
// plus dist/patterns.json (the compiled built-in secret rules, found next to the running module), dist/cfn-spec.json
// (the trimmed CloudFormation specification, read on first use: scripts/cfn-spec-plugin.mjs) and
// dist/package.json (marks the bundle as ESM wherever the action is checked out). The output is deterministic:
// CI rebuilds it and runs `git diff --exit-code dist/`.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cfnSpecPlugin, copyCfnSpec } from './cfn-spec-plugin.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const banner =
  "import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);";
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: banner },
  legalComments: 'eof',
  logLevel: 'warning',
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  ...common,
  entryPoints: ['src/action/index.ts'],
  outfile: 'dist/index.js',
  plugins: [cfnSpecPlugin],
  splitting: false,
  define: { __HOOKGUARD_VERSION__: JSON.stringify(pkg.version) },
});
copyCfnSpec(dist);
writeFileSync(path.join(dist, 'package.json'), JSON.stringify({ type: 'module', private: true }, null, 2) + '\n');

// Patterns: compile patterns/*.yaml with the same validation as the CLI build (a broken rule fails the build).
const tmp = mkdtempSync(path.join(tmpdir(), 'hookguard-build-'));
try {
  const loader = path.join(tmp, 'load.mjs');
  await build({ ...common, entryPoints: ['src/rules/secrets/load.ts'], outfile: loader });
  const { readPatternDir } = await import(pathToFileURL(loader).href);
  const patterns = await readPatternDir(path.join(root, 'patterns'));
  writeFileSync(path.join(dist, 'patterns.json'), JSON.stringify(patterns));
  console.error(`hookguard: built dist/index.js and dist/patterns.json (${patterns.length} secret rules)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
