/** `hookguard report FILE.json`: render a saved JSON report in another format. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../types.js';
import { parseOptions, str, type CommandSpec } from '../options.js';
import { writeOutput, type Command, type Io } from '../shared.js';
import { SCAN_OPTIONS } from './scan.js';
import { RENDERED_FORMATS, type RenderedFormat } from '../../report/formats.js';

export const REPORT_SPEC: CommandSpec = {
  name: 'report',
  usage: 'report FILE.json [--format FORMAT] [--output FILE]',
  synopsis: [
    [
      'report FILE.json [--format html|markdown|junit|…] [--output FILE]',
      'render a saved JSON report (default: the HTML audit report)',
    ],
  ],
  about: `Render a saved JSON report (hookguard scan --format json --output FILE) in another format, e.g. the HTML audit report
of a scheduled history scan. FILE - reads standard input.`,
  rows: [
    {
      name: 'format',
      value: 'FORMAT',
      choices: RENDERED_FORMATS,
      help: 'html (default: one self-contained file with charts, owners, exceptions and every finding, values masked), markdown, junit, gitlab-secrets, gitlab-sast or codequality',
    },
    { ...SCAN_OPTIONS.output, help: 'write it to FILE (atomically) instead of stdout' },
  ],
  examples: [
    'hookguard scan --history --format json --output audit.json',
    'hookguard report audit.json --output audit.html',
    'hookguard report audit.json --format markdown',
  ],
};

export const command: Command = {
  spec: REPORT_SPEC,
  run: (argv, io) => {
    const p = parseOptions(argv, REPORT_SPEC);
    return reportCommand(p.operands, str(p, 'format') ?? 'html', str(p, 'output'), io);
  },
};

async function reportCommand(files: string[], format: string, output: string | undefined, io: Io): Promise<number> {
  const { parseSavedReport, renderReport } = await import('../../report/render.js');
  if (files.length !== 1)
    throw new UsageError('hookguard report takes one saved JSON report (hookguard scan --format json --output FILE)');
  let text: string;
  try {
    text = files[0] === '-' ? readFileSync(0, 'utf8') : readFileSync(path.resolve(io.cwd, files[0]!), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${files[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const saved = parseSavedReport(text, files[0]!);
  if (typeof saved === 'string') throw new UsageError(saved);
  const out = renderReport(format as RenderedFormat, saved);
  if (output) writeOutput(output, out);
  else io.stdout(out);
  return 0;
}
