/** `hookguard env [PATH]`: the parity table of the repository's environments. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../types.js';
import { parseOptions, str, type CommandSpec } from '../options.js';
import { writeOutput, type Command, type Io } from '../shared.js';
import { SCAN_OPTIONS } from './scan.js';

export const ENV_SPEC: CommandSpec = {
  name: 'env',
  usage: 'env [PATH] [--format text|json|markdown] [--config FILE] [--output FILE]',
  synopsis: [['env [PATH] [--format text|json|markdown]', "the parity table of the repository's environments"]],
  about: `Compare the files that play the same role in different environments (inventories/prod/…, group_vars/production.yml,
.env.staging, values-prod.yaml, params.prod.json…, or the config's \`environments\` globs) key by key and print the
parity table: same / differs / missing / secret / shared secret per environment; WEAKER marks the environment that
holds the weaker value of a security setting, and keys in \`expectDifferent\` show "differs (expected)". A
CloudFormation parameter value that opens something in its template names the findings it causes (→ CFN-SG-001).
Values of secrets are never shown.
The table is information (exit 0); \`hookguard scan\` reports ENV-* findings. Unparsable files are listed, the rest is
compared.`,
  rows: [
    {
      name: 'format',
      value: 'text|json|markdown',
      choices: ['text', 'json', 'markdown'],
      help: 'table format (default text; markdown for a PR comment or a wiki page)',
    },
    SCAN_OPTIONS.config,
    { ...SCAN_OPTIONS.output, help: 'write the table to FILE (atomically) instead of stdout' },
  ],
  inert: [SCAN_OPTIONS.noColor],
  examples: ['hookguard env', 'hookguard env deploy/ --format markdown --output parity.md'],
};

export const command: Command = {
  spec: ENV_SPEC,
  run: (argv, io) => {
    const p = parseOptions(argv, ENV_SPEC);
    return envCommand(p.operands, str(p, 'format') ?? 'text', str(p, 'config'), str(p, 'output'), io);
  },
};

async function envCommand(
  paths: string[],
  format: string,
  config: string | undefined,
  output: string | undefined,
  io: Io,
): Promise<number> {
  if (paths.length > 1) throw new UsageError('hookguard env takes one PATH');
  const target = path.resolve(io.cwd, paths[0] ?? '.');
  if (!existsSync(target)) throw new UsageError(`path ${paths[0]} does not exist`);
  const { repoRoot } = await import('../../git/repo.js');
  const root = (await repoRoot(target, io.env)) ?? target;
  const r = await parityFor(root, [target], config, io);
  const t = await import('../../env/table.js');
  const text = format === 'json' ? t.tableJson(r) : format === 'markdown' ? t.tableMarkdown(r) : t.tableText(r);
  if (output) writeOutput(output, text);
  else io.stdout(text);
  return 0;
}

/** The parity of the repository's environments under `where` (hookguard env, and the HTML report's matrix). */
export async function parityFor(root: string, where: string[], config: string | undefined, io: Io) {
  const { config: cfg, set } = await (await import('../../scan/index.js')).loadRulesAndConfig(root, config, io.cwd);
  const { parityOfTree } = await import('../../scan/extras.js');
  const { LIMITS } = await import('../../scan/index.js');
  return parityOfTree(root, where, {
    ignore: cfg.ignore,
    secrets: set,
    allow: cfg.allow,
    ...(cfg.environments ? { environments: cfg.environments } : {}),
    maxBytes: LIMITS.contentBytes,
  });
}
