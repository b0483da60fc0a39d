/**
 * The command line: argv → commands. The only layer that touches process.*, stdout/stderr and exit codes. Each command
 * is a file of src/cli/commands/ (its option table, which its help is generated from, and its code).
 */
import { isUsageError, UsageError } from '../types.js';
import { isTerminal, writeAll } from './write.js';
import { commandHelp, topHelp, wantsHelp } from './help.js';
import { findCommand } from './commands/index.js';
import { debug, debugOn, version, type Io, type Launch } from './shared.js';
import path from 'node:path';

export { version, type Io, type Launch } from './shared.js';
export { prePushInput } from './commands/scan.js';

function defaultIo(): Io {
  return {
    stdout: (s) => writeAll(1, s),
    stderr: (s) => writeAll(2, s),
    stdin: readStdin,
    cwd: process.cwd(),
    env: process.env,
    isTTY: isTerminal(1),
    errTTY: isTerminal(2),
    // isTerminal(0), not process.stdin.isTTY: creating process.stdin loads fs streams, readline and fs/promises (4% of a
    // clean commit's instructions); only a pre-push scan reads stdin.
    stdinTTY: isTerminal(0),
  };
}

async function readStdin(): Promise<string> {
  if (isTerminal(0)) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[], io: Io = defaultIo(), launch: Launch = {}): Promise<number> {
  try {
    return await run(argv, io, launch);
  } catch (e) {
    return failure(e, io);
  } finally {
    if (launch.prestarted && !launch.prestarted.used) launch.prestarted.child?.kill();
    if (launch.bundles && debugOn(io))
      for (const b of launch.bundles())
        debug(io, `code cache ${b.cache}: ${path.basename(b.file)}${b.cacheFile ? ` (${b.cacheFile})` : ''}`);
  }
}

function failure(e: unknown, io: Io): number {
  if (isUsageError(e)) {
    io.stderr(`hookguard: ${e.message}\n`);
    return 2;
  }
  const err = e as Error;
  io.stderr(`hookguard: internal error: ${err.message}\n`);
  debug(io, err.stack ?? '');
  return 2;
}

async function run(argv: string[], io: Io, launch: Launch): Promise<number> {
  const [cmd, ...rest] = argv;
  const help = cmd !== undefined && wantsHelp(rest) ? await commandHelp(cmd) : undefined;
  if (help !== undefined) {
    io.stdout(help);
    return 0;
  }
  switch (cmd) {
    case undefined:
      // No command is a usage error: the help goes to stderr, exit 2.
      io.stderr(await topHelp());
      return 2;
    case '-h':
    case '--help':
    case 'help': {
      const topic = rest[0] !== undefined ? await commandHelp(rest[0]) : undefined;
      if (rest[0] !== undefined && topic === undefined)
        throw new UsageError(`no help for "${rest[0]}" (see hookguard --help for the commands)`);
      io.stdout(topic ?? (await topHelp()));
      return 0;
    }
    case '-v':
    case '--version':
    case 'version':
      io.stdout(version() + '\n');
      return 0;
  }
  // scan --fix: the fix command, with the rest of the scan's arguments.
  const name = cmd === 'scan' && rest.includes('--fix') ? 'fix' : cmd;
  const load = findCommand(name);
  if (!load)
    throw new UsageError(
      `unknown command "${cmd}" (commands: init, uninstall, doctor, scan, fix, baseline, report, rules, explain, env, policy; see hookguard --help)`,
    );
  const command = await load();
  return command.run(name === cmd ? rest : rest.filter((r) => r !== '--fix'), io, launch);
}
