/** OWN-001 over a target's added lines: your own credentials by value (the matcher holds them, in memory only). */
import type { Finding, Target } from '../types.js';
import { makeFinding, valueHash } from '../finding/index.js';
import { OWN_ID, ownRule } from '../rules/hookguard/own.js';
import type { OwnMatcher } from '../own/match.js';
import { lineIndexAt, lineStarts, lineText } from './lines.js';
import type { Emit } from './allows.js';
import type { EngineOutput } from './index.js';

/** The value is never shown, not even in part: the snippet says where it was. */
const HIDDEN = '«your credential»';

export function ownFindings(
  t: Target,
  own: OwnMatcher,
  out: EngineOutput,
  emit: Emit,
  contentLine: (n: number) => string | undefined,
): void {
  const made: Finding[] = [];
  for (const chunk of t.chunks) {
    const hits = own.find(chunk.text);
    if (!hits.length) continue;
    const starts = lineStarts(chunk.text);
    for (const h of hits) {
      const li = lineIndexAt(starts, h.start);
      const le = lineIndexAt(starts, Math.max(h.start, h.end - 1));
      const shift = li === 0 ? (chunk.startColumn ?? 1) - 1 : 0;
      const raw = lineText(chunk.text, starts, li);
      const s = h.start - starts[li]!;
      const line = chunk.startLine + li;
      const hidden = raw.slice(0, s) + HIDDEN + raw.slice(Math.min(raw.length, h.end - starts[li]!));
      const f = makeFinding({
        ruleId: OWN_ID,
        category: 'secret',
        severity: ownRule.severity,
        title: ownRule.title,
        message: `${h.cred.source.startsWith('provider ') ? `A value that ${h.cred.source} prohibits` : `Your own credential from ${h.cred.source}`}${h.encoding === 'as it is' ? '' : ` (${h.encoding})`}.`,
        remediation: ownRule.remediation!,
        file: t.path,
        in: t.in,
        line,
        column: s + 1 + shift,
        endLine: chunk.startLine + le,
        endColumn: h.end - starts[le]! + 1 + (le === 0 ? (chunk.startColumn ?? 1) - 1 : 0),
        commit: t.commit,
        identity: [valueHash(h.cred.value)],
        keyed: true,
        secret: true,
        confidence: 'high',
        why: `exact value of a credential in ${h.cred.source.replace(/ \(.*$/, '')}`,
        snippet: { line: hidden, masked: [] },
        blocking: true,
      });
      made.push(f);
      const above = li > 0 ? lineText(chunk.text, starts, li - 1) : contentLine(line - 1);
      emit(f, [[line, raw, above]]);
    }
  }
  // The same value a pattern found too is one problem: the finding that knows it is yours is kept.
  if (made.length)
    out.findings = out.findings.filter(
      (f) =>
        f.ruleId === OWN_ID ||
        f.category !== 'secret' ||
        !made.some((o) => o.line === f.line && f.column < o.endColumn && o.column < f.endColumn),
    );
}
