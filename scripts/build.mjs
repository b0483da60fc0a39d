// Build: bundle the CLI and library into lib/ (one start-up chunk; YAML parsing and IaC rules in lazy chunks),
// compile patterns/*.yaml into lib/patterns.json (so the hook never parses YAML to start), and generate the demo tree.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const banner =
  "import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);";

/** yaml's ESM build (its "default" export condition) needs no require("process"), so no require() shim is needed. */
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: path.join(root, 'node_modules', 'yaml', 'browser', 'index.js') }));
  },
};

rmSync(path.join(root, 'lib'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', prestart: 'src/git/prestart.ts' },
  outdir: 'lib',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['husky'],
  // No require() shim: every bundled dependency is imported as ESM (a shim would load node:module into every run).
  banner: process.env.HG_BANNER ? { js: banner } : undefined,
  plugins: [yamlEsm],
  define: { __HOOKGUARD_VERSION__: JSON.stringify(pkg.version) },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  minify: !process.env.NO_MINIFY,
  legalComments: 'none',
});

// Patterns: validated here, so a broken rule fails the build rather than a user's commit.
const lib = await import(path.join(root, 'lib', 'index.js'));
const patterns = await lib.readPatternDir(path.join(root, 'patterns'));
writeFileSync(path.join(root, 'lib', 'patterns.json'), JSON.stringify(patterns));

const { makeDemo } = await import('./make-demo.mjs');
makeDemo(path.join(root, 'fixtures', 'demo'));
console.log(`hookguard: built lib/ (${patterns.length} secret rules) and fixtures/demo`);
