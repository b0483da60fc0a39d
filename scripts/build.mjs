// Build lib/:
// - lib/cli.cjs: the command line's hot path (what every commit runs) as one CommonJS file: CommonJS loads markedly
//   faster than an ESM module graph, and the hook's cost is mostly start-up. bin/hookguard.cjs loads it.
// - lib/prestart.cjs: starts `git diff --cached` before cli.cjs loads.
// - lib/worker.cjs: a worker thread of parallel history and directory scans (src/scan/parallel.ts).
// - lib/boot.cjs: loads cli.cjs through a V8 code cache (src/cli/boot.ts); cli.cjs ends with a line naming the
//   version and a hash of the bundle, which keys the cache.
// - lib/cold/*.cjs: what the hot path loads only on demand (YAML parser and IaC rule families, installer, the other
//   report formats, the directory walker, `ignore`), each a self-contained CommonJS bundle (what two of them share is
//   copied): one compile, and one code cache, per module; an ES module graph has neither in node 20.
// - lib/index.js: the library (ESM), for the Action, benchmarks and API users.
// - lib/patterns.json: patterns/*.yaml compiled, so a scan never parses YAML to start.
// - lib/cfn-spec.json: the trimmed CloudFormation specification, read on first use (scripts/cfn-spec-plugin.mjs).
// Then fixtures/demo is generated.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cfnSpecPlugin, copyCfnSpec } from './cfn-spec-plugin.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const src = (p) => path.join(root, 'src', p);

/** yaml's ESM build (its "default" export condition) needs no require("process"): no require() shim needed. */
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: path.join(root, 'node_modules', 'yaml', 'browser', 'index.js') }));
  },
};

/** Modules the CLI imports with import() that stay out of the hot bundle: source file → lib/cold/<name>.cjs. */
const COLD = {
  cloudformation: src('rules/cloudformation/index.ts'),
  ansible: src('rules/ansible/index.ts'),
  yaml: src('parse/yaml.ts'),
  install: src('install/index.ts'),
  render: src('report/render.ts'),
  doctor: src('install/doctor.ts'),
  global: src('install/global.ts'),
  fix: src('cli/fix.ts'),
  json: src('report/json.ts'),
  sarif: src('report/sarif.ts'),
  github: src('report/github.ts'),
  baseline: src('suppress/baseline.ts'),
  walk: src('disk/walk.ts'),
  extras: src('scan/extras.ts'),
  envtable: src('env/table.ts'),
  policy: src('policy/index.ts'),
  // The team's policies: loaded (and validated) only when a repository has some; run.ts is what the engine needs.
  policies: src('policies/index.ts'),
  'policies-run': src('policies/run.ts'),
  access: src('rules/access/index.ts'),
  'unused-baseline': src('suppress/unused-baseline.ts'),
  ignore: path.join(root, 'node_modules', 'ignore', 'index.js'),
};
const coldByFile = new Map(Object.entries(COLD).map(([name, file]) => [file, name]));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['husky'],
  define: { __HOOKGUARD_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  minify: !process.env.NO_MINIFY,
  legalComments: 'none',
};

rmSync(path.join(root, 'lib'), { recursive: true, force: true });

// The library: ESM with shared chunks.
await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  outdir: 'lib',
  splitting: true,
  format: 'esm',
  plugins: [yamlEsm, cfnSpecPlugin],
  chunkNames: 'chunks/[name]-[hash]',
});

// The CLI: CommonJS files, each self-contained. cli.cjs's dynamic imports of cold modules are left to lib/cold/.
const coldExternal = {
  name: 'cold-external',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const file =
        args.path === 'ignore'
          ? COLD.ignore
          : args.path === 'yaml'
            ? COLD.yaml
            : args.path.startsWith('.')
              ? path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts')
              : undefined;
      const name = file && coldByFile.get(file);
      return name ? { path: `./cold/${name}.cjs`, external: true } : undefined;
    });
  },
};
// lib/boot.cjs compiles the bundles with vm.Script to use a code cache, and V8 (node 20) loses a script's
// dynamic-import callback when its code comes from a cache: every import() goes through __hgLoad instead, which is
// boot's loader when boot loaded the bundle (a wrapper parameter, see src/cli/boot.ts), else require()/import().
const cjs = {
  ...common,
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__hgModuleUrl', 'import.meta.resolve': '__hgResolve' },
  banner: {
    js:
      "'use strict';const __hgModuleUrl=require('node:url').pathToFileURL(__filename).href;" +
      "const __hgResolve=(s)=>require('node:url').pathToFileURL(require.resolve(s)).href;" +
      "const __hgLoad=typeof __hgImport==='function'?__hgImport:(s)=>s.endsWith('.cjs')||s.startsWith('node:')?Promise.resolve().then(()=>require(s)):import(s);",
  },
};

/**
 * Non-ASCII characters as \u escapes (esbuild leaves some raw, in regular expression literals): the same program, and
 * an ASCII file, which lib/boot.cjs reads as Latin-1 rather than decoding UTF-8 at every start. In a string, a
 * template, a regular expression (with or without the u flag, surrogate pairs included) or an identifier, \uXXXX
 * stands for the character itself.
 */
const asciiOnly = (text) => text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Route a bundle's import() calls through __hgLoad and end it with the line that keys its code cache. */
function seal(rel) {
  const file = path.join(root, 'lib', rel);
  const text = asciiOnly(
    readFileSync(file, 'utf8')
      .replace(/\bimport\((?=["'](?:\.\/cold\/|node:))/g, '__hgLoad(')
      .replace(/\n?$/, '\n'),
  );
  // The one import( left is the banner's.
  if (text.match(/\bimport\(/g)?.length !== 1)
    throw new Error(`lib/${rel}: an import() that does not go through __hgLoad`);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  writeFileSync(file, `${text}//# hookguard-build ${pkg.version} ${hash}\n`);
}

await build({
  ...cjs,
  plugins: [coldExternal, yamlEsm, cfnSpecPlugin],
  entryPoints: ['src/cli/main.ts'],
  outfile: 'lib/cli.cjs',
});
seal('cli.cjs');
// Cold modules: one self-contained bundle each (what they share is copied), so each is one compile and one cache.
await Promise.all(
  Object.entries(COLD).map(([name, file]) =>
    build({ ...cjs, plugins: [yamlEsm, cfnSpecPlugin], entryPoints: [file], outfile: `lib/cold/${name}.cjs` }),
  ),
);
for (const name of Object.keys(COLD)) seal(`cold/${name}.cjs`);
await build({ ...cjs, entryPoints: ['src/git/prestart.ts'], outfile: 'lib/prestart.cjs' });
// lib/staged.sh: the installed hook's pipe of `git diff --cached` into hookguard, with the arguments hookguard expects
// (src/git/prestart.ts says why). Written from the same constants, so a package never pairs one with another's.
{
  const pre = createRequire(import.meta.url)(path.join(root, 'lib', 'prestart.cjs'));
  const q = (a) => `'${a.replace(/'/g, `'\\''`)}'`;
  const trailer = JSON.stringify(pre.PIPE_TRAILER).slice(1, -1).replace('\\u0000', '\\000');
  writeFileSync(
    path.join(root, 'lib', 'staged.sh'),
    `# Written by hookguard's build from src/git/prestart.ts. The installed hook sources it: hookguard_staged NODE CLI
# [OPTION...] runs \`git diff --cached\` into hookguard on a pipe, git's exit status following as a trailer.
hookguard_staged() {
  hg_sn=$1 hg_sc=$2
  shift 2
  { git ${[...pre.GIT_BASE_ARGS, ...pre.STAGED_ARGS].map(q).join(' ')}; printf '${trailer}%s\\n' "$?"; } |
    "$hg_sn" "$hg_sc" scan --staged ${pre.STAGED_STDIN_FLAG} "$@"
}
`,
  );
}
// Worker threads of parallel commit and directory scans (src/scan/parallel.ts): cold modules as the CLI loads them.
await build({
  ...cjs,
  plugins: [coldExternal, yamlEsm, cfnSpecPlugin],
  entryPoints: ['src/scan/worker.ts'],
  outfile: 'lib/worker.cjs',
});
seal('worker.cjs');
await build({ ...cjs, entryPoints: ['src/cli/boot.ts'], outfile: 'lib/boot.cjs' });

// Patterns: validated here, so a broken rule fails the build rather than a user's commit.
const lib = await import(path.join(root, 'lib', 'index.js'));
const patterns = await lib.readPatternDir(path.join(root, 'patterns'));
writeFileSync(path.join(root, 'lib', 'patterns.json'), asciiOnly(JSON.stringify(patterns)));
copyCfnSpec(path.join(root, 'lib'));

const { makeDemo } = await import('./make-demo.mjs');
makeDemo(path.join(root, 'fixtures', 'demo'));
console.error(`hookguard: built lib/ (${patterns.length} secret rules) and fixtures/demo`);
