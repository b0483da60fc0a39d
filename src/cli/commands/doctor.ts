/** `hookguard doctor`: is protection on in this clone? */
import { UsageError } from '../../types.js';
import { parseOptions, str, type CommandSpec } from '../options.js';
import type { Command, Io } from '../shared.js';

export const DOCTOR_SPEC: CommandSpec = {
  name: 'doctor',
  usage: 'doctor [--format text|json]',
  synopsis: [['doctor [--format json]', 'is protection on in this clone? each hook, who owns it; exit 1 if not']],
  about: `Is protection on in this clone? For each hook (pre-commit, pre-merge-commit, pre-push): where git looks
(core.hooksPath), whether the file is there and executable, who owns it (husky, lefthook, the pre-commit framework,
hookguard's native hook, a global hooks path) and whether it calls hookguard; and which node and hookguard the hook
would run (the hook's own runner answers). Exit 0 when protection is on; 1 when a hook that the repository's committed
set-up expects is not active (or nothing sets hookguard up), with the one command that fixes it; 2 outside a git
repository.`,
  rows: [{ name: 'format', value: 'text|json', choices: ['text', 'json'], help: "the report's format (default text)" }],
  examples: ['npx hookguard doctor'],
};

export const command: Command = {
  spec: DOCTOR_SPEC,
  run: (argv, io) => {
    const p = parseOptions(argv, DOCTOR_SPEC);
    if (p.operands.length) throw new UsageError(`unexpected argument "${p.operands[0]}" for "hookguard doctor"`);
    return doctorCommand(str(p, 'format') ?? 'text', io);
  },
};

async function doctorCommand(format: string, io: Io): Promise<number> {
  const { doctor, formatDoctor } = await import('../../install/doctor.js');
  const d = await doctor({ cwd: io.cwd, env: io.env });
  if (typeof d === 'string') throw new UsageError(d);
  io.stdout(format === 'json' ? JSON.stringify(d, null, 2) + '\n' : formatDoctor(d));
  return d.ok ? 0 : 1;
}
