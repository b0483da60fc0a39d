/** `hookguard explain RULE_ID`: a rule's documentation, and whether \`hookguard fix\` fixes it. */
import { UsageError } from '../../types.js';
import { parseOptions, str, type CommandSpec } from '../options.js';
import { ruleDocsHere } from '../rule-docs.js';
import type { Command, Io } from '../shared.js';
import { SCAN_OPTIONS } from './scan.js';

export const EXPLAIN_SPEC: CommandSpec = {
  name: 'explain',
  usage: 'explain RULE_ID [--config FILE]',
  synopsis: [['explain RULE_ID', "print a rule's documentation (custom patterns too)"]],
  about: `Print a rule's documentation: what it checks, why it matters, an example, the fix and references (the same text as
docs/rules/RULE_ID.md). Rule ids are matched without regard to case. A custom secret pattern of the config is
explained from its own fields (what it matches, its remediation, where it is defined).`,
  rows: [
    {
      ...SCAN_OPTIONS.config,
      help: 'the config whose custom patterns to include (default .hookguard.yaml at the repository root)',
    },
    // Scan's flag, accepted here too (a hook's hint is often copied with it); explain prints no colour.
    { name: 'no-color', help: 'no colour (explain prints none: accepted as scan accepts it)' },
  ],
  examples: ['hookguard explain CFN-SG-001', 'hookguard explain github-pat'],
};

export const command: Command = {
  spec: EXPLAIN_SPEC,
  run: (argv, io) => {
    const p = parseOptions(argv, EXPLAIN_SPEC);
    const id = p.operands[0];
    if (!id || p.operands.length > 1) throw new UsageError('usage: hookguard explain RULE_ID [--config FILE]');
    return explainCommand(id, str(p, 'config'), io);
  },
};

async function explainCommand(id: string, config: string | undefined, io: Io): Promise<number> {
  const { docs } = await ruleDocsHere(io, config);
  const d = docs.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!d) {
    const near = docs.filter((x) => x.id.toLowerCase().includes(id.toLowerCase())).slice(0, 5);
    throw new UsageError(
      `no rule "${id}"${near.length ? ` (did you mean ${near.map((n) => n.id).join(', ')}?)` : ''}; "hookguard rules" lists them`,
    );
  }
  const { FIXES } = await import('../../fix/registry.js');
  const { noFixReason } = await import('../../fix/reasons.js');
  const fix = Object.prototype.hasOwnProperty.call(FIXES, d.id) ? FIXES[d.id] : undefined;
  const fixLine =
    d.category === 'cloudformation' || d.category === 'ansible'
      ? fix
        ? `\nAutomatic fix: yes — hookguard fix sets ${fix.what}.\n`
        : `\nAutomatic fix: no — ${noFixReason(d.id)}.\n`
      : d.category === 'secret'
        ? '\nAutomatic fix: never — a leaked secret is rotated, not edited away.\n'
        : '';
  io.stdout(`${d.id} — ${d.title}\nseverity: ${d.severity} · category: ${d.category}\n\n${d.docs}\n${fixLine}`);
  return 0;
}
