/**
 * The report as Markdown, for tickets and wikis (`--format markdown`, `hookguard report FILE.json --format markdown`):
 * totals, who must act, findings grouped by severity with the fix, and the accepted exceptions. Values are masked.
 */
import { SEVERITIES } from '../types.js';
import type { PublicFinding, PublicReport } from './json.js';
import { placeLine } from './place.js';

/** A table cell: no pipes or line breaks. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function where(f: PublicFinding): string {
  if (f.in === 'message') return `\`${placeLine(f)}\`${f.author ? ` (${f.author})` : ''}`;
  return `\`${f.file}:${f.line}\`${f.commit ? ` (commit \`${f.commit.slice(0, 10)}\`${f.author ? `, ${f.author}` : ''})` : ''}`;
}

export function markdownReport(r: PublicReport, scope?: string): string {
  const out: string[] = [];
  const all = [...r.findings, ...r.existing];
  out.push(`# hookguard report${scope ? `: ${scope}` : ''}`, '');
  out.push(
    `hookguard ${r.tool.version} · blocking at **${r.failOn}** and above · ${r.summary.files} files${r.summary.commits !== undefined ? `, ${r.summary.commits} commits` : ''} · values are masked`,
    '',
  );
  out.push('| severity | findings |', '| --- | ---: |');
  for (const s of SEVERITIES) out.push(`| ${s} | ${all.filter((f) => f.severity === s).length} |`);
  out.push(`| accepted exceptions | ${r.suppressed.length} |`, '');
  const owners = new Map<string, number>();
  for (const f of all) for (const o of f.owners?.length ? f.owners : []) owners.set(o, (owners.get(o) ?? 0) + 1);
  if (owners.size) {
    out.push('## Who must act', '', '| owner | findings |', '| --- | ---: |');
    for (const [o, n] of [...owners].sort((a, b) => b[1] - a[1])) out.push(`| ${cell(o)} | ${n} |`);
    out.push('');
  }
  out.push('## Findings', '');
  if (!all.length) out.push('No findings.', '');
  for (const s of SEVERITIES) {
    const list = all.filter((f) => f.severity === s);
    if (!list.length) continue;
    out.push(`### ${s[0]!.toUpperCase()}${s.slice(1)} (${list.length})`, '');
    for (const f of list) {
      out.push(
        `- **${f.ruleId}** ${f.title} — ${where(f)}${r.existing.includes(f) ? ' _(existing)_' : ''}${f.owners?.length ? ` — owners: ${f.owners.join(', ')}` : ''}`,
        `  ${f.message}${f.match ? ` \`${f.match}\`` : ''}`,
        `  Fix: ${f.remediation} (\`hookguard explain ${f.ruleId}\`)`,
      );
    }
    out.push('');
  }
  out.push('## Accepted exceptions', '');
  if (!r.suppressed.length) out.push('None.', '');
  else {
    out.push('| rule | where | severity | by | reason |', '| --- | --- | --- | --- | --- |');
    for (const s of r.suppressed)
      out.push(
        `| ${cell(s.ruleId)} | \`${cell(placeLine(s))}\` | ${s.severity} | ${s.by} | ${cell(s.reason || '(no reason given)')} |`,
      );
    out.push('');
  }
  if (r.errors.length) {
    out.push('## Not scanned', '');
    for (const e of r.errors) out.push(`- \`${e.file}${e.line ? `:${e.line}` : ''}\`: ${e.message}`);
    out.push('');
  }
  return out.join('\n');
}
