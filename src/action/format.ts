/**
 * Pure renderings for the Action: check-run output and annotations, review comment bodies with their hidden
 * fingerprint marker, and the job summary. Findings carry only masked values; nothing here adds raw text.
 */
import { atLeast, SEVERITIES, type FailOn, type Finding, type ScanResult, type Severity } from '../types.js';
import type { Annotation } from './api.js';
import { hunkRanges } from './suggest.js';

/** The right-hand (new file) line numbers a pull request patch shows: added and context lines. */
export function rightLines(patch: string): Set<number> {
  return linesIn(hunkRanges(patch));
}

/** Every line of the hunks' right-hand ranges (a hunk's added and context lines are consecutive there). */
export function linesIn(hunks: ReadonlyArray<readonly [number, number]>): Set<number> {
  const out = new Set<number>();
  for (const [s, e] of hunks) for (let n = s; n <= e; n++) out.add(n);
  return out;
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function severityText(findings: Finding[]): string {
  const c = countBySeverity(findings);
  return SEVERITIES.filter((s) => c[s])
    .map((s) => `${c[s]} ${s}`)
    .join(', ');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function failing(r: ScanResult, failOn: FailOn): Finding[] {
  return r.findings.filter((f) => atLeast(f.severity, failOn));
}

export function checkTitle(r: ScanResult, failOn: FailOn): string {
  const fail = failing(r, failOn).length;
  if (!r.findings.length) return r.existing.length ? `No new findings (${r.existing.length} existing)` : 'No findings';
  return `${plural(r.findings.length, 'finding')} (${severityText(r.findings)})${fail ? `, ${fail} at or above ${failOn}` : ''}`;
}

export function annotationFor(f: Finding, level: Annotation['annotation_level']): Annotation {
  const sameLine = f.endLine === f.line;
  return {
    path: f.file,
    start_line: f.line,
    end_line: Math.max(f.line, f.endLine),
    ...(sameLine && f.endColumn >= f.column ? { start_column: f.column, end_column: f.endColumn } : {}),
    annotation_level: level,
    title: `${f.ruleId}: ${f.title}`.slice(0, 255),
    message: `${f.message}${f.match ? ` [${f.match}]` : ''}\nFix: ${f.remediation}`.slice(0, 60_000),
    ...(f.commit ? { raw_details: `Introduced in commit ${f.commit}${f.why ? `\n${f.why}` : ''}` } : {}),
  };
}

export function annotationsFor(r: ScanResult, failOn: FailOn): Annotation[] {
  return [
    // A finding in a commit message or the pull request's text has no file to annotate: the summary lists it.
    ...r.findings
      .filter((f) => f.in !== 'message')
      .map((f) => annotationFor(f, atLeast(f.severity, failOn) ? 'failure' : 'warning')),
    ...r.existing.filter((f) => f.in !== 'message').map((f) => annotationFor(f, 'notice')),
  ];
}

// Review comments ----------------------------------------------------------------------------------------------

const MARKER = /<!--\s*hookguard:fingerprint=([A-Za-z0-9._:-]+)(\s+state=resolved)?\s*-->/;

export function parseMarker(body: string): { fingerprint: string; resolved: boolean } | undefined {
  const m = MARKER.exec(body);
  return m ? { fingerprint: m[1]!, resolved: Boolean(m[2]) } : undefined;
}

const SECRET_WHY =
  'A credential in a repository is readable by everyone with access to it, and it stays in the history after the line is deleted.';

/** What a review comment says beyond the finding: taken from the rule's documentation (see ruleNotes). */
export interface RuleNotes {
  /** The risk, in one or two sentences. */
  why?: string;
  /** The fixed snippet (IaC rules), as a fenced block. */
  fix?: string;
}

/** The first one or two sentences of a paragraph. */
function sentences(p: string, n = 2): string {
  const flat = p.replace(/\s*\n\s*/g, ' ').trim();
  const parts = flat.match(/[^.!?]+(?:[.!?](?=\s|$)|$)/g) ?? [flat];
  return parts.slice(0, n).join('').trim();
}

/**
 * The risk and the fixed snippet from a rule's Markdown docs: "## Why it …" / "Why:" paragraphs and the first fenced
 * block under "## Fix". Undefined parts are left out of the comment rather than filled with the message again.
 */
export function ruleNotes(docs: string | undefined): RuleNotes {
  if (!docs) return {};
  const out: RuleNotes = {};
  const why = /(?:^|\n)(?:#+\s*Why[^\n]*\n+|Why:\s*)([\s\S]*?)(?=\n\s*\n|\n#|$)/i.exec(docs);
  if (why?.[1]?.trim()) out.why = sentences(why[1]);
  const fixAt = /(?:^|\n)#+\s*Fix[^\n]*\n/i.exec(docs);
  if (fixAt) {
    const rest = docs.slice(fixAt.index + fixAt[0].length);
    const block = /^(`{3,})([^\n]*)\n([\s\S]*?)\n\1/m.exec(rest.split(/\n#+\s/)[0] ?? '');
    if (block) out.fix = `${block[1]}${block[2]}\n${block[3]}\n${block[1]}`;
  }
  return out;
}

/** @user and @org/team are mentioned (GitHub notifies them); e-mail addresses are shown as text. */
export function ownersText(owners: string[] | undefined): string | undefined {
  if (!owners?.length) return undefined;
  return owners.map((o) => (o.startsWith('@') ? o : `\`${o.replace(/`/g, "'")}\``)).join(', ');
}

const URL_RE = /https?:\/\/[^\s)>\]"']+[^\s)>\]"'.,;:]/;

export function commentBody(f: Finding, notes: RuleNotes = {}): string {
  // A secret (or an IaC value flagged as a plaintext secret, which carries a masked match) must be rotated.
  const secret = f.category === 'secret' || Boolean(f.match);
  const why = f.category === 'secret' ? SECRET_WHY : (notes.why ?? (f.why && f.why !== f.message ? f.why : undefined));
  const owners = ownersText(f.owners);
  const lines = [
    `<!-- hookguard:fingerprint=${f.fingerprint} -->`,
    `**hookguard** · \`${f.ruleId}\` · **${f.severity}** — ${f.title}`,
    '',
    `${f.message}${f.match ? ` \`${f.match.replace(/`/g, "'")}\`` : ''}`,
  ];
  if (why) lines.push('', `**Why:** ${why}`);
  if (secret) {
    const revoke = URL_RE.exec(f.remediation)?.[0];
    lines.push(
      '',
      `**Fix:** rotate it — removing it in a later commit is not enough: the value stays in the git history and in every clone. ${f.remediation}`.trim(),
    );
    if (revoke) lines.push('', `Revoke it here: ${revoke}`);
  } else {
    lines.push('', `**Fix:** ${f.remediation}`);
    if (notes.fix) lines.push('', notes.fix);
  }
  if (owners) lines.push('', `**Owners:** ${owners}`);
  lines.push(
    '',
    `<sub>${f.commit ? `Introduced in ${f.commit.slice(0, 12)}. ` : ''}False positive? Add \`hookguard:allow ${f.ruleId} <reason>\` in a comment on that line, or accept it with \`hookguard baseline\`.</sub>`,
  );
  return lines.join('\n');
}

/** The body of a comment whose finding is gone. REST cannot resolve a review thread, so the comment says so. */
export function resolvedBody(body: string, fingerprint: string, headSha: string): string {
  const rest = body
    .replace(MARKER, '')
    .trim()
    .split('\n')
    .map((l) => (l.trim() && !l.startsWith('<sub>') ? `~~${l.trim()}~~` : l))
    .filter((l) => !l.startsWith('<sub>'))
    .join('\n');
  return [
    `<!-- hookguard:fingerprint=${fingerprint} state=resolved -->`,
    `✅ **Resolved** — hookguard no longer finds this as of ${headSha.slice(0, 12)}.`,
    '',
    rest,
  ].join('\n');
}

// Job summary --------------------------------------------------------------------------------------------------

function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

export interface SummaryInput {
  result: ScanResult;
  failOn: FailOn;
  scope: string;
  notes: string[];
  /** Where each blocking finding was shown (by fingerprint), e.g. "inline comment", "outside the diff". */
  where?: Map<string, string>;
  review?: string;
  /** What happened to the review requests (asked whom, or why GitHub refused). */
  reviewers?: string;
  fallback?: string;
  annotationsCapped?: number;
  sarifFile?: string;
  /** The HTML audit report's path, and the run's artifacts page where actions/upload-artifact puts it. */
  reportHtml?: string;
  artifactsUrl?: string;
}

const MAX_ROWS = 300;

export function summaryMarkdown(s: SummaryInput): string {
  const r = s.result;
  const fail = failing(r, s.failOn);
  const out: string[] = [];
  out.push(
    fail.length
      ? `## hookguard: ✖ ${plural(fail.length, 'finding')} at or above \`${s.failOn}\``
      : r.findings.length
        ? `## hookguard: ! ${plural(r.findings.length, 'finding')} below \`${s.failOn}\``
        : '## hookguard: ✔ no new findings',
  );
  out.push('');
  const sum = r.summary;
  out.push(
    `Scanned ${s.scope} · ${plural(sum.files, 'file')}${sum.commits !== undefined ? ` in ${plural(sum.commits, 'commit')}` : ''} · fail-on \`${s.failOn}\``,
  );
  for (const n of s.notes) out.push('', `> ${n}`);
  if (s.fallback) out.push('', `> [!WARNING]`, `> ${s.fallback}`);
  out.push('');
  const blocking = countBySeverity(r.findings);
  const existing = countBySeverity(r.existing);
  out.push('| Severity | New | Existing (not blocking) |', '|---|---:|---:|');
  for (const sev of SEVERITIES)
    if (blocking[sev] || existing[sev]) out.push(`| ${sev} | ${blocking[sev]} | ${existing[sev]} |`);
  out.push(`| **total** | **${r.findings.length}** | **${r.existing.length}** |`, '');

  const withOwners = [...r.findings, ...r.existing].some((f) => f.owners !== undefined);
  const table = (list: Finding[], withWhere: boolean) => {
    out.push(
      `| File | Line | Severity | Rule | Commit |${withOwners ? ' Owners |' : ''}${withWhere ? ' Shown |' : ''}`,
      `|---|---:|---|---|---|${withOwners ? '---|' : ''}${withWhere ? '---|' : ''}`,
    );
    for (const f of list.slice(0, MAX_ROWS))
      out.push(
        `| ${code(cell(f.in === 'message' ? 'commit message' : f.file))} | ${f.line} | ${f.severity} | ${code(f.ruleId)} ${cell(f.title)} | ${f.commit ? code(f.commit.slice(0, 7)) : ''} |${withOwners ? ` ${cell(f.owners?.join(', ') ?? '')} |` : ''}${withWhere ? ` ${cell(s.where?.get(f.fingerprint) ?? '')} |` : ''}`,
      );
    if (list.length > MAX_ROWS)
      out.push('', `…and ${list.length - MAX_ROWS} more (see the check run or the SARIF file).`);
    out.push('');
  };
  if (r.findings.length) {
    out.push('### New findings', '');
    table(r.findings, Boolean(s.where?.size));
  }
  if (r.existing.length) {
    out.push('<details><summary>Existing problems in the files this change touched (not blocking)</summary>', '');
    table(r.existing, false);
    out.push('</details>', '');
  }
  if (s.review) out.push(s.review, '');
  if (s.reviewers) out.push(s.reviewers, '');
  if (s.annotationsCapped) out.push(`${plural(s.annotationsCapped, 'finding')} not annotated (annotation limit).`, '');
  if (r.suppressed.length) {
    const by = (['inline', 'baseline', 'config', 'metadata'] as const)
      .map((b) => [b, r.suppressed.filter((x) => x.by === b).length] as const)
      .filter(([, n]) => n)
      .map(([b, n]) => `${b} ${n}`)
      .join(', ');
    out.push(`Suppressed: ${r.suppressed.length} (${by}).`, '');
  }
  if (r.errors.length) {
    out.push('Files scanned in part or skipped:', '');
    for (const e of r.errors.slice(0, 50))
      out.push(`- ${code(cell(e.file))}${e.line ? `:${e.line}` : ''}: ${cell(e.message)}`);
    out.push('');
  }
  if (r.staleBaseline.length)
    out.push(
      `${plural(r.staleBaseline.length, 'baseline entry', 'baseline entries')} no longer match any finding.`,
      '',
    );
  if (s.sarifFile) out.push(`SARIF written to ${code(s.sarifFile)}.`, '');
  if (s.reportHtml)
    out.push(
      `HTML audit report written to ${code(s.reportHtml)}${s.artifactsUrl ? ` — open it from [this run's artifacts](${s.artifactsUrl}) once actions/upload-artifact has uploaded it` : ''}.`,
      '',
    );
  if (fail.length)
    out.push(
      'False positive? Add `hookguard:allow RULE_ID reason` in a comment on that line, or accept it with `hookguard baseline`. A secret must be rotated: removing it in a later commit leaves it in the history.',
      '',
    );
  if (fail.length && (r.escalation?.contact || r.escalation?.doc))
    out.push(
      `**Escalation:** ${[r.escalation.contact ? `contact ${cell(r.escalation.contact)}` : '', r.escalation.doc ? `see ${code(r.escalation.doc)}` : ''].filter(Boolean).join('; ')}.`,
      '',
    );
  return out.join('\n');
}
