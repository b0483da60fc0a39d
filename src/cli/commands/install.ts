/** `hookguard init` and `hookguard uninstall`: the hooks, installed or removed (in this repository, or globally). */
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../types.js';
import { flag, parseOptions, str, type CommandSpec, type OptionSpec } from '../options.js';
import { version, type Command, type Io } from '../shared.js';

const GLOBAL: OptionSpec = {
  name: 'global',
  help: "every repository of yours, existing and new: a global core.hooksPath to hookguard's hooks (~/.config/hookguard/hooks), which then run each repository's own .git/hooks; a repository whose hook manager sets its own core.hooksPath (husky, lefthook) keeps its own hooks (doctor says so)",
};

export const INIT_SPEC: CommandSpec = {
  name: 'init',
  usage: 'init [--force] [--package DIR] | hookguard init --global [--force]',
  synopsis: [
    [
      'init [--force] [--package DIR]',
      'install pre-commit, pre-merge-commit and pre-push hooks (husky with package.json)',
    ],
    ['init --global', 'the same for every repository of yours (a global core.hooksPath)'],
  ],
  about: `Install the pre-commit, pre-merge-commit and pre-push hooks in this repository, then say whether protection is on
(as hookguard doctor does).
- With a package.json: husky (the project's husky 8 or 9; husky 9 when there is none). hookguard and husky go to
  devDependencies, "prepare" runs husky, and hookguard's line goes first in .husky/pre-commit, .husky/pre-merge-commit
  and .husky/pre-push (your commands stay, and still get git's input); .husky/post-checkout sets up new worktrees.
  Commit package.json, the lockfile and .husky/ so the team gets the hooks on npm install. If hookguard is not
  installed yet, init says the exact command to run.
- A package in a subfolder (the only package.json is frontend/package.json): husky as its docs say for that case —
  .husky at the repository root, "prepare": "cd .. && husky" in the package.
- Without one: native hooks in .git/hooks; an existing hook is kept as <name>.pre-hookguard and still runs after ours.
  Run through npx, hookguard first copies itself out of npx's temporary cache (~/.local/share/hookguard/VERSION).
Running it again changes nothing. "hookguard uninstall" removes exactly what it added.`,
  rows: [
    {
      name: 'force',
      help: 'a core.hooksPath owned by another tool (lefthook, pre-commit, a global path) is never changed; with --force, hookguard installs into that directory, chaining the hooks that are there',
    },
    {
      name: 'package',
      value: 'DIR',
      help: 'the package (folder with package.json) that carries hookguard and husky, in a monorepo',
    },
    GLOBAL,
  ],
  examples: [
    'npx hookguard init',
    'npx hookguard init --package frontend',
    'HOOKGUARD=0 git commit -m "…"    # skip the check once',
  ],
};

export const UNINSTALL_SPEC: CommandSpec = {
  name: 'uninstall',
  usage: 'uninstall [--global]',
  synopsis: [['uninstall [--global]', 'remove them, restoring what was there before']],
  about: `Remove hookguard's hooks and restore what was there before init: chained native hooks come back, hookguard's lines
leave the .husky hooks (files that only held them are removed), and in package.json the devDependencies and "prepare"
that init added are taken out again (husky stays if it was there before). Works in any clone, from the committed files.`,
  rows: [
    { ...GLOBAL, help: 'remove the hooks of init --global and put the previous global core.hooksPath back exactly' },
  ],
  examples: ['npx hookguard uninstall', 'npx hookguard uninstall --global'],
};

function runWith(cmd: 'init' | 'uninstall', spec: CommandSpec): Command['run'] {
  return (argv, io) => {
    const p = parseOptions(argv, spec);
    if (p.operands.length) throw new UsageError(`unexpected argument "${p.operands[0]}" for "hookguard ${cmd}"`);
    return installCommand(
      cmd,
      { force: flag(p, 'force'), global: flag(p, 'global'), packageDir: str(p, 'package') },
      io,
    );
  };
}

export const init: Command = { spec: INIT_SPEC, run: runWith('init', INIT_SPEC) };
export const uninstall: Command = { spec: UNINSTALL_SPEC, run: runWith('uninstall', UNINSTALL_SPEC) };

async function installCommand(
  cmd: 'init' | 'uninstall',
  { force, global, packageDir }: { force: boolean; global: boolean; packageDir: string | undefined },
  io: Io,
): Promise<number> {
  // Where this copy of hookguard is, for the hooks to run it.
  const self = {
    cwd: io.cwd,
    force,
    env: io.env,
    nodePath: process.execPath,
    cliPath: fileURLToPath(new URL('../bin/hookguard.cjs', import.meta.url)),
    version: version(),
  };
  if (global) {
    if (packageDir !== undefined) throw new UsageError('--global and --package do not go together');
    const g = await import('../../install/global.js');
    const res = cmd === 'init' ? await g.installGlobal(self, force) : await g.uninstallGlobal({ env: io.env });
    for (const m of res.messages) io.stdout(`hookguard: ${m}\n`);
    for (const w of res.warnings) io.stderr(`hookguard: ${w}\n`);
    return res.ok ? 0 : 2;
  }
  const { install, uninstall } = await import('../../install/index.js');
  const res =
    cmd === 'init'
      ? await install({ ...self, ...(packageDir !== undefined ? { packageDir } : {}) })
      : await uninstall({ cwd: io.cwd });
  for (const m of res.messages) io.stdout(`hookguard: ${m}\n`);
  for (const w of res.warnings) io.stderr(`hookguard: ${w}\n`);
  if (!res.ok) return 2;
  // init ends with the answer to "is protection on now?"
  if (cmd === 'init') {
    const { doctor, formatDoctor } = await import('../../install/doctor.js');
    const d = await doctor({ cwd: io.cwd, env: io.env });
    if (typeof d !== 'string')
      io.stdout(
        formatDoctor(d)
          .split('\n')
          .filter(Boolean)
          .map((l) => `hookguard doctor: ${l}\n`)
          .join(''),
      );
  }
  return 0;
}
