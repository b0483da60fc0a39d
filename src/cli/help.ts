/**
 * Help, generated from the commands' option tables (src/cli/commands/*.ts): `hookguard --help` lists every command's
 * synopsis and the scan's options; `hookguard <command> --help` is that command's table rendered (src/cli/options.ts).
 */
import { allCommands, findCommand } from './commands/index.js';
import { SCAN_OPTIONS } from './commands/scan.js';
import { columnFor, renderHelp, renderRows, termOf } from './options.js';

/** `hookguard --help`. */
export async function topHelp(): Promise<string> {
  const commands = await allCommands();
  const synopses = commands.flatMap((c) =>
    c.spec.synopsis.map(([u, what]) => ({ term: `hookguard ${u}`, help: what })),
  );
  const usage = renderRows(synopses, columnFor(synopses, 43));
  const scanOptions = renderRows(
    Object.values(SCAN_OPTIONS)
      .filter((o) => !('group' in o))
      .map((o) => ({ term: termOf(o), help: o.help })),
  );
  return `hookguard — secrets and insecure infrastructure code, caught in your git workflow

Usage:
${usage}

Scan options (hookguard scan --help lists them all, with the modes):
${scanOptions}

Every mode runs the secret, CloudFormation and Ansible rules; modes differ only in what blocks (see README, "What
each mode checks").

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or git error.
Environment: HOOKGUARD=0 skips the hooks; DEBUG=hookguard:* traces.
"hookguard <command> --help" shows a command's options and examples.
`;
}

/** The help of `command`, or undefined when there is no such command. */
export async function commandHelp(command: string): Promise<string | undefined> {
  const load = findCommand(command);
  return load ? renderHelp((await load()).spec) : undefined;
}

/** Whether argv asks for help (`--help` or `-h` before a `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}
