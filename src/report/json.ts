import type { Finding, ScanResult } from '../types.js';
import type { ReportContext } from './context.js';
import { scrubUserinfo } from './scrub.js';

/** Only the contract's fields: internal ones (snippet, blocking) are not part of the JSON report. */
function publicFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    title: f.title,
    message: scrubUserinfo(f.message),
    remediation: f.remediation,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...(f.commit ? { commit: f.commit } : {}),
    ...(f.author ? { author: f.author } : {}),
    ...(f.date ? { date: f.date } : {}),
    ...(f.match ? { match: f.match } : {}),
    fingerprint: f.fingerprint,
    ...(f.confidence ? { confidence: f.confidence } : {}),
    ...(f.why ? { why: scrubUserinfo(f.why) } : {}),
    ...(f.owners ? { owners: f.owners } : {}),
  };
}

export function jsonReport(r: ScanResult, ctx: ReportContext): string {
  return (
    JSON.stringify(
      {
        version: 1,
        tool: { name: 'hookguard', version: ctx.toolVersion },
        failOn: ctx.failOn,
        findings: r.findings.map(publicFinding),
        existing: r.existing.map(publicFinding),
        suppressed: r.suppressed,
        errors: r.errors.map((e) => ({ ...e, message: scrubUserinfo(e.message) })),
        staleBaseline: r.staleBaseline,
        summary: r.summary,
        ...(r.ownersFrom ? { ownersFrom: r.ownersFrom } : {}),
        ...(r.escalation ? { escalation: r.escalation } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}
