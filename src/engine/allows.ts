/**
 * The admission of a target's findings: config rule overrides and inline `hookguard:allow` comments (on the flagged
 * line, the line above, or the first line of its resource/task), and the markers that allowed nothing (HG-UNUSED-001).
 */
import type { Finding, Target } from '../types.js';
import { toSuppressed } from '../suppress/record.js';
import { inlineAllow, isProblem } from '../suppress/inline.js';
import { allowMarkers } from '../suppress/markers.js';
import { UNUSED_ID, unusedRule } from '../rules/hookguard/unused.js';
import { makeFinding } from '../finding/index.js';
import type { EngineOptions, EngineOutput } from './index.js';

/** An inline allow on one of `lines` (line number, its text, the line above it), each tried in turn. */
export type Emit = (f: Finding, lines: Array<[number, string, string | undefined]>) => void;

/** The config overrides and inline allows of one target, and which markers were used (for HG-UNUSED-001). */
export interface Allows {
  emit: Emit;
  /** Lines holding a hookguard:allow marker (when unused allows are reported). */
  markers: ReturnType<typeof allowMarkers> | undefined;
  /** Lines whose marker suppressed something. */
  usedMarkers: Set<number>;
  /** Lines whose marker names no rule, already reported. */
  reported: Set<number>;
}

/**
 * Where a target's findings are admitted: `emit` applies the config's rule overrides (off, severity) and inline allows,
 * and records the finding, its suppression, or an allow naming no rule.
 */
export function allowStage(t: Target, opts: EngineOptions, out: EngineOutput): Allows {
  // Lines holding a hookguard:allow marker, and those whose marker suppressed something.
  const markers = opts.unusedAllows ? allowMarkers(t.chunks, t.path) : undefined;
  const usedMarkers = new Set<number>();
  const reported = new Set<number>();
  /** `lines`: the flagged line and the one above it (then, for IaC, the first line of the resource/task and the one
   * above that): an allow on any of them applies. */
  const emit = (f: Finding, lines: Array<[number, string, string | undefined]>) => {
    const o = opts.overrides.get(f.ruleId.toLowerCase());
    if (o === 'off') {
      out.suppressed.push(toSuppressed(f, 'config', `rule ${f.ruleId} is off in config`));
      return;
    }
    if (o) f.severity = o;
    let problem: { line: number; id: string } | undefined;
    for (const [n, line, above] of lines) {
      const allow = inlineAllow(line, f.ruleId, opts.isRuleId, {
        ...(above !== undefined ? { above } : {}),
        secret: f.secret === true,
      });
      if (isProblem(allow)) problem ??= { line: n, id: allow.unknownRule };
      else if (allow) {
        // Which line's hookguard:allow marker did it (the flagged line's own, else the comment above it).
        if (!allow.marker) {
          const here = inlineAllow(line, f.ruleId, opts.isRuleId);
          usedMarkers.add(here && !isProblem(here) ? n : n - 1);
        }
        out.suppressed.push(toSuppressed(f, 'inline', allow.reason));
        return;
      }
    }
    if (problem && !reported.has(problem.line)) {
      reported.add(problem.line);
      out.errors.push({
        file: t.path,
        line: problem.line,
        ...(t.commit ? { commit: t.commit.sha } : {}),
        message: `hookguard:allow names "${problem.id}", which is not a rule id, so it allows nothing ("hookguard rules" lists them)`,
      });
    }
    out.findings.push(f);
  };
  return { emit, markers, usedMarkers, reported };
}

/** HG-UNUSED-001: markers that allowed nothing (the exception list must stay true). A marker already reported for
 * naming no rule is not reported twice. */
export function unusedMarkerFindings(t: Target, opts: EngineOptions, allows: Allows, out: EngineOutput): void {
  const { markers, usedMarkers, reported } = allows;
  const unused = markers?.filter((m) => !usedMarkers.has(m.line) && !reported.has(m.line)) ?? [];
  if (unused.length) {
    const o = opts.overrides.get(UNUSED_ID.toLowerCase()) ?? opts.overrides.get(UNUSED_ID);
    for (const m of unused) {
      const f = makeFinding({
        ruleId: UNUSED_ID,
        category: 'hookguard',
        severity: o && o !== 'off' ? o : unusedRule.severity,
        title: unusedRule.title,
        message: 'This hookguard:allow suppresses nothing: no rule finds anything on its line (any more).',
        remediation: unusedRule.remediation!,
        file: t.path,
        in: t.in,
        line: m.line,
        column: m.column,
        endLine: m.line,
        endColumn: m.column + 'hookguard:allow'.length,
        commit: t.commit,
        identity: [m.text.trim()],
        snippet: { text: m.text },
        blocking: true,
      });
      if (o === 'off') out.suppressed.push(toSuppressed(f, 'config', `rule ${UNUSED_ID} is off in config`));
      else out.findings.push(f);
    }
  }
}
