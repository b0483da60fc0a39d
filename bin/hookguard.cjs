#!/usr/bin/env node
'use strict';
// CommonJS on purpose: it loads faster than an ES module graph, and the pre-commit hook is mostly start-up.
const argv = process.argv.slice(2);

// `hookguard scan --staged` runs on every commit: start `git diff --cached` first, so git works on the other core
// while node loads the scanner.
let prestarted;
if (argv[0] === 'scan' && argv.includes('--staged') && process.env.HOOKGUARD !== '0')
  prestarted = require('../lib/prestart.cjs').startStagedDiff(process.cwd());

// `hookguard scan … | head`: a closed pipe ends the output quietly, as for any Unix tool.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });

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
    process.stderr.write(`hookguard: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
