import type { Finding, ScanResult } from '../types.js';
import type { ReportContext } from './context.js';
import { scrubUserinfo } from './scrub.js';

/** Only the contract's fields: internal ones (snippet, blocking) are not part of the JSON report. */
export function publicFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    title: f.title,
    message: scrubUserinfo(f.message),
    remediation: f.remediation,
    // A finding in a commit message has no file (the contract: null, and `in` says where it is).
    file: f.in === 'message' ? null : f.file,
    ...(f.in ? { in: f.in } : {}),
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
    ...(f.related?.length ? { related: f.related.map((r) => ({ ...r, message: scrubUserinfo(r.message) })) } : {}),
  };
}

export type PublicFinding = ReturnType<typeof publicFinding> & {
  /** The masked source line: in the HTML report of a live scan, never in the JSON report. */
  snippet?: string;
};

/** The JSON report as data: the contract every other reader (HTML, Markdown, JUnit, GitLab) renders from. */
export function publicReport(r: ScanResult, ctx: ReportContext) {
  return {
    version: 1 as const,
    tool: { name: 'hookguard', version: ctx.toolVersion },
    failOn: ctx.failOn,
    findings: r.findings.map(publicFinding) as PublicFinding[],
    existing: r.existing.map(publicFinding) as PublicFinding[],
    suppressed: r.suppressed.map((x) => (x.in === 'message' ? { ...x, file: null } : x)),
    errors: r.errors.map((e) => ({ ...e, message: scrubUserinfo(e.message) })),
    staleBaseline: r.staleBaseline,
    summary: r.summary,
    ...(r.ownersFrom ? { ownersFrom: r.ownersFrom } : {}),
    ...(r.escalation ? { escalation: r.escalation } : {}),
  };
}

export type PublicReport = ReturnType<typeof publicReport>;

export function jsonReport(r: ScanResult, ctx: ReportContext): string {
  return JSON.stringify(publicReport(r, ctx), null, 2) + '\n';
}
