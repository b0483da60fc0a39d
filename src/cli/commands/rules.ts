/** `hookguard rules`: list every rule, the config's custom patterns and team policies included. */
import { UsageError } from '../../types.js';
import { parseOptions, str, type CommandSpec } from '../options.js';
import { ruleDocsHere } from '../rule-docs.js';
import type { Command, Io } from '../shared.js';
import { SCAN_OPTIONS } from './scan.js';

export const RULES_SPEC: CommandSpec = {
  name: 'rules',
  usage: 'rules [--format text|json] [--config FILE]',
  synopsis: [['rules [--format json]', 'list every rule (custom patterns of the config too)']],
  about: `List every rule: id, severity, category and title. The custom secret patterns of the config (\`patterns:\` in
.hookguard.yaml) are rules too: listed with "(custom, FILE)" (json: "source").`,
  rows: [
    { name: 'format', value: 'text|json', choices: ['text', 'json'], help: 'output format (default text)' },
    {
      ...SCAN_OPTIONS.config,
      help: 'the config whose custom patterns to list (default .hookguard.yaml at the repository root)',
    },
  ],
  examples: ['hookguard rules', 'hookguard rules --format json', 'hookguard rules | grep CFN-S3'],
};

export const command: Command = {
  spec: RULES_SPEC,
  run: (argv, io) => {
    const p = parseOptions(argv, RULES_SPEC);
    if (p.operands.length) throw new UsageError(`unexpected argument "${p.operands[0]}" for "hookguard rules"`);
    return rulesCommand(str(p, 'format') ?? 'text', str(p, 'config'), io);
  },
};

async function rulesCommand(format: string, config: string | undefined, io: Io): Promise<number> {
  const { docs, custom } = await ruleDocsHere(io, config);
  if (format === 'json') {
    io.stdout(
      JSON.stringify(
        docs.map(({ id, title, severity, category }) => ({
          id,
          title,
          severity,
          category,
          ...(custom.has(id) ? { source: custom.get(id) } : {}),
        })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const width = Math.max(...docs.map((d) => d.id.length));
  for (const d of docs)
    io.stdout(
      `${d.id.padEnd(width)}  ${d.severity.padEnd(8)}  ${d.category.padEnd(14)}  ${d.title}${custom.has(d.id) ? ` (custom, ${custom.get(d.id)})` : ''}\n`,
    );
  io.stdout(
    `\n${docs.length} rules${custom.size ? ` (${custom.size} custom)` : ''}. "hookguard explain RULE_ID" shows what a rule checks, why, and the fix.\n`,
  );
  return 0;
}
