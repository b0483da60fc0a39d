#!/usr/bin/env node
'use strict';
// CommonJS on purpose: it loads faster than an ES module graph, and the pre-commit hook is mostly start-up.
const argv = process.argv.slice(2);

// `hookguard scan --staged` runs on every commit: start `git diff --cached` first, so git works on the other core
// while node loads the scanner.
// The installed hook does better: it pipes the diff in (lib/staged.sh), and no git is started here.
let prestarted;
if (argv[0] === 'scan' && process.env.HOOKGUARD !== '0') {
  const env = process.env;
  if (argv.includes('--staged-diff-stdin'))
    prestarted = require('../lib/prestart.cjs').stagedDiffOnStdin(process.cwd());
  else if (
    argv.includes('--staged') ||
    (argv.includes('--pre-commit-framework') &&
      !env.PRE_COMMIT_TO_REF &&
      !env.PRE_COMMIT_REMOTE_NAME &&
      env.PRE_COMMIT_CHECKOUT_TYPE === undefined)
  )
    prestarted = require('../lib/prestart.cjs').startStagedDiff(process.cwd());
}

// Output goes to file descriptors 1 and 2 directly (lib/cli.cjs, src/cli/write.ts): process.stdout and stderr are
// streams that cost a commit more to build than the line they print.
// The scanner, compiled from a V8 code cache when there is one (lib/boot.cjs says where it lives and why).
const boot = require('../lib/boot.cjs');
const loader = boot.createLoader(process.env, boot.profileOf(argv));
const cli = loader.load(require('node:path').join(__dirname, '..', 'lib', 'cli.cjs'));
cli.exports.main(argv, undefined, { ...(prestarted ? { prestarted } : {}), bundles: loader.loaded }).then(
  (code) => {
    process.exitCode = code;
    loader.save();
  },
  (err) => {
    require('node:fs').writeSync(2, `hookguard: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
