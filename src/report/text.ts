import type { Finding, ScanResult, Severity } from '../types.js';
import { atLeast, SEVERITIES } from '../types.js';
import type { ReportContext } from './context.js';
import { scrubUserinfo } from './scrub.js';
import { placeOf } from './place.js';

const COLORS: Record<Severity | 'dim' | 'bold' | 'ok', [number, number]> = {
  critical: [35, 39],
  high: [31, 39],
  medium: [33, 39],
  low: [36, 39],
  info: [34, 39],
  dim: [2, 22],
  bold: [1, 22],
  ok: [32, 39],
};

function painter(on: boolean) {
  return (k: keyof typeof COLORS, s: string) => (on ? `\x1b[${COLORS[k][0]}m${s}\x1b[${COLORS[k][1]}m` : s);
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = m.get(placeOf(f)) ?? [];
    list.push(f);
    m.set(placeOf(f), list);
  }
  return m;
}

function counts(findings: Finding[]): string {
  const parts: string[] = [];
  for (const s of SEVERITIES) {
    const n = findings.filter((f) => f.severity === s).length;
    if (n) parts.push(`${n} ${s}`);
  }
  return parts.join(', ');
}

export function textReport(r: ScanResult, ctx: ReportContext): string {
  const c = painter(ctx.color);
  const out: string[] = [];
  const section = (findings: Finding[], existing: boolean) => {
    for (const [file, list] of groupByFile(findings)) {
      out.push(c('bold', file));
      for (const f of list) {
        const blocks = !existing && atLeast(f.severity, ctx.failOn);
        const sev = c(f.severity, f.severity.padEnd(8));
        const pos = `${f.line}:${f.column}`;
        const where = pos.length >= 8 ? `${pos} ` : pos.padEnd(8);
        const prov = f.commit
          ? c(
              'dim',
              `  (commit ${f.commit.slice(0, 10)}${f.author ? `, ${f.author}` : ''}${f.date ? `, ${f.date.slice(0, 10)}` : ''})`,
            )
          : '';
        out.push(`  ${where}${sev} ${blocks ? '' : c('dim', '(not blocking) ')}${f.ruleId}  ${f.title}${prov}`);
        if (f.snippet) out.push(c('dim', `          │ `) + scrubUserinfo(f.snippet.trim()));
        out.push(c('dim', `          │ `) + scrubUserinfo(f.message));
        if (f.remediation) out.push(`          ${c('ok', 'fix:')} ${f.remediation}`);
        if (blocks && f.owners?.length) out.push(`          ${c('bold', 'owners:')} ${f.owners.join(', ')}`);
      }
      out.push('');
    }
  };
  section(r.findings, false);
  if (r.existing.length) {
    out.push(c('bold', `Existing problems in the files you touched (not blocking: outside the lines changed here):`));
    // At every commit the same old, minor problems would be listed again: a hook lists the high and critical ones and
    // sums up the rest per file (--verbose lists them all).
    const full = ctx.hook && !ctx.verbose ? r.existing.filter((f) => atLeast(f.severity, 'high')) : r.existing;
    section(full, true);
    const rest = r.existing.filter((f) => !full.includes(f));
    for (const [file, list] of groupByFile(rest))
      out.push(
        c(
          'dim',
          `${file}: ${list.length} more existing problem${list.length === 1 ? '' : 's'} (${counts(list)}); --verbose lists ${list.length === 1 ? 'it' : 'them'}`,
        ),
      );
    if (rest.length) out.push('');
  }
  if (r.errors.length) {
    out.push(c('bold', 'Files with problems (skipped or scanned in part):'));
    for (const e of r.errors)
      out.push(
        `  ${e.file}${e.line ? `:${e.line}` : ''}${e.commit ? ` (commit ${e.commit.slice(0, 10)})` : ''}: ${scrubUserinfo(e.message)}`,
      );
    out.push('');
  }
  if (r.staleBaseline.length)
    out.push(
      c(
        'dim',
        `${r.staleBaseline.length} baseline entr${r.staleBaseline.length === 1 ? 'y no longer matches' : 'ies no longer match'} any finding; "${ctx.command ?? 'hookguard'} baseline --prune" drops ${r.staleBaseline.length === 1 ? 'it' : 'them'} and keeps every entry that still matches.`,
      ),
    );

  const s = r.summary;
  const skipped = s.skipped.binary + s.skipped.large + s.skipped.other;
  // A commit message alone (the commit-msg hook) has no files to count.
  const counted = ctx.scope === 'commit message' && s.files === 0 ? '' : `${s.files} file${s.files === 1 ? '' : 's'}`;
  const scanned = `${counted}${s.commits !== undefined ? ` in ${s.commits} commit${s.commits === 1 ? '' : 's'}` : ''}${counted ? ', ' : ''}${fmtBytes(s.bytes)}${skipped ? ` (${s.skipped.binary} binary and ${s.skipped.other} other skipped, ${s.skipped.large} large streamed)` : ''}${s.generated ? `, ${s.generated} generated (minified/source map/vendored: provider-format rules only)` : ''}, ${s.durationMs} ms`;
  const supp = r.suppressed.length
    ? `; ${r.suppressed.length} suppressed (${(['inline', 'baseline', 'config', 'metadata'] as const)
        .map((b) => [b, r.suppressed.filter((x) => x.by === b).length] as const)
        .filter(([, n]) => n)
        .map(([b, n]) => `${b} ${n}`)
        .join(', ')})`
    : '';
  const blocking = r.findings.filter((f) => atLeast(f.severity, ctx.failOn));
  if (r.findings.length === 0) {
    out.push(`${c('ok', '✔')} hookguard: no findings in ${ctx.scope ? `${ctx.scope}, ` : ''}${scanned}${supp}.`);
  } else {
    out.push(
      `${blocking.length ? c('high', '✖') : c('medium', '!')} hookguard: ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'} (${counts(r.findings)}) in ${ctx.scope === 'commit message' ? 'the commit message, ' : ''}${scanned}${supp}.`,
    );
    if (blocking.length)
      out.push(
        `  ${blocking.length} at or above "${ctx.failOn}" block${blocking.length === 1 ? 's' : ''} this. False positive? Add "hookguard:allow RULE_ID reason" in a comment on that line, or accept it with "${ctx.command ?? 'hookguard'} baseline".`,
        `  More on a rule: ${ctx.command ?? 'hookguard'} explain ${blocking[0]!.ruleId}`,
      );
    const esc = r.escalation;
    if (blocking.length && (esc?.contact || esc?.doc))
      out.push(
        `  Stuck? ${[esc.contact ? `Escalate to ${esc.contact}` : '', esc.doc ? `see ${esc.doc}` : ''].filter(Boolean).join(' · ')} — do not bypass the check with --no-verify.`,
      );
  }
  return out.join('\n') + '\n';
}

function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
