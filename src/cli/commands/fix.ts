/** `hookguard fix` (and `hookguard scan --fix`): its option table; the command itself is src/cli/fix.ts, loaded on use. */
import { UsageError } from '../../types.js';
import { flag, list, parseOptions, str, type CommandSpec } from '../options.js';
import type { Command } from '../shared.js';
import { SCAN_OPTIONS } from './scan.js';

export const FIX_SPEC: CommandSpec = {
  name: 'fix',
  usage: 'fix [PATH...] [--staged] [--rule ID[,ID]...] [--dry-run] [--no-baseline]',
  synopsis: [
    [
      'fix [PATH...] [--staged] [--rule ID] [--dry-run]',
      'apply the safe CloudFormation/Ansible fixes (scan --fix: the same)',
    ],
  ],
  about: `Apply the safe, local CloudFormation and Ansible fixes (set a flag, add a missing block, replace a value) to the files
a scan finds them in — the same as hookguard scan --fix. Each edit touches only the lines it sets or adds: comments,
order, quoting and !Ref/!Sub forms stay. A value that comes from elsewhere (a !Ref, a {{ variable }}) is the team's
decision and is left alone, with the reason. After fixing, the files are scanned again: a fix that would not clear its
finding, or would bring a new one, is put back. Secrets are never rewritten (removing a leaked value does not un-leak
it): their findings get the rotation steps. With --staged only the findings of the staged change are fixed: a resource
the commit does not touch is left as it is. Running it twice changes nothing the second time. Exit 0: nothing
blocking is left; 1: findings remain; 2: an error. hookguard explain RULE_ID says whether a rule has a fix.`,
  rows: [
    {
      name: 'staged',
      help: 'fix the staged files and stage the fix again (only files whose working tree equals the index: unstaged work is never mixed into the commit)',
    },
    { name: 'rule', value: 'ID', multiple: true, help: 'only these rules (repeat, or a comma-separated list)' },
    { name: 'dry-run', help: 'print the unified diff; change nothing' },
    {
      ...SCAN_OPTIONS.noBaseline,
      help: 'fix the findings the baseline accepts too (by default they are left as accepted)',
    },
    SCAN_OPTIONS.config,
  ],
  examples: ['hookguard fix infra/ --dry-run', 'hookguard fix --staged', 'hookguard fix --rule CFN-S3-003 templates/'],
};

export const command: Command = {
  spec: FIX_SPEC,
  run: async (argv, io) => {
    const p = parseOptions(argv, FIX_SPEC);
    const staged = flag(p, 'staged');
    if (staged && p.operands.length)
      throw new UsageError('hookguard fix: --staged takes no PATH (it fixes the staged files)');
    const config = str(p, 'config');
    const { fixCommand } = await import('../fix.js');
    return fixCommand(
      {
        paths: p.operands,
        staged,
        dryRun: flag(p, 'dry-run'),
        noBaseline: flag(p, 'no-baseline'),
        rules: new Set(list(p, 'rule')),
        ...(config ? { config } : {}),
      },
      io,
    );
  },
};
