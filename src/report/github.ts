import type { Finding, ScanResult } from '../types.js';
import { atLeast } from '../types.js';
import type { ReportContext } from './context.js';
import { scrubUserinfo } from './scrub.js';

/** Escaping of workflow command data and properties (as in @actions/core). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(f: Finding, level: 'error' | 'warning' | 'notice'): string {
  // A commit message has no file to annotate: the annotation names the commit instead.
  const props = [
    ...(f.in === 'message'
      ? []
      : [
          `file=${escapeProperty(f.file)}`,
          `line=${f.line}`,
          `col=${f.column}`,
          `endLine=${f.endLine}`,
          ...(f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []),
        ]),
    `title=${escapeProperty(`${f.ruleId}: ${f.title}`)}`,
  ];
  const where = f.in === 'message' ? ' in the commit message' : '';
  const msg = `${f.message}${f.match ? ` [${f.match}]` : ''}${where}${f.commit ? ` (commit ${f.commit.slice(0, 12)})` : ''}\nFix: ${f.remediation}`;
  return `::${level} ${props.join(',')}::${escapeData(scrubUserinfo(msg))}`;
}

/** GitHub workflow commands: errors for findings at or above fail-on, warnings below, notices for existing ones. */
export function githubReport(r: ScanResult, ctx: ReportContext): string {
  const lines = r.findings.map((f) => annotation(f, atLeast(f.severity, ctx.failOn) ? 'error' : 'warning'));
  for (const f of r.existing) lines.push(annotation(f, 'notice'));
  for (const e of r.errors)
    lines.push(
      `::warning file=${escapeProperty(e.file)}${e.line ? `,line=${e.line}` : ''},title=hookguard::${escapeData(scrubUserinfo(e.message))}`,
    );
  return lines.length ? lines.join('\n') + '\n' : '';
}
