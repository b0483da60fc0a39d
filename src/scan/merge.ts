/**
 * The merge stages of a scan, after every target was examined: functions of data (no git, no fs), each testable on
 * its own (test/unit/scan-stages.test.ts). In order: the pushed-tip filter, the snapshot checks' findings, the
 * baseline, de-duplication, sorting, the summary and the exit decision.
 */
import { atLeast, compareText, type FailOn, type FileError, type Finding, type ScanRequest } from '../types.js';
import type { ScanSummary, Suppressed } from '../types.js';
import { judgedBy, type BaselineEntry } from '../suppress/baseline.js';
import { toSuppressed } from '../suppress/record.js';

/**
 * A push: an IaC problem that a later commit of the same push fixed is gone; the pushed tips decide (`atTips`: the
 * fingerprints found there). A secret still counts in every commit that carries it (it is in the pushed history
 * either way), and a finding of no commit is not judged here.
 */
export function keepAtPushedTips(findings: Finding[], atTips: ReadonlySet<string>): Finding[] {
  return findings.filter((f) => f.secret || !f.commit || atTips.has(f.fingerprint));
}

/** The findings of a push that the pushed tips must confirm (IaC, of a commit, blocking). */
export function judgedAtTips(findings: Finding[]): Finding[] {
  return findings.filter((f) => !f.secret && f.commit && f.blocking);
}

/**
 * The snapshot checks' findings (environments, secrets at rest) joined to the others. A plaintext value in a file that
 * must be encrypted is one problem: the at-rest finding, which knows why, replaces a secret finding on its line.
 */
export function withSnapshotFindings(findings: Finding[], snapshot: Finding[]): Finding[] {
  const atRest = snapshot.filter((f) => f.ruleId === 'ATREST-002' || f.ruleId === 'ATREST-003');
  const kept = atRest.length
    ? findings.filter(
        (f) =>
          !(
            (f.category === 'secret' || /SECRET/.test(f.ruleId)) &&
            atRest.some((a) => a.file === f.file && a.line === f.line && a.commit === f.commit)
          ),
      )
    : findings;
  return [...kept, ...snapshot];
}

export interface BaselineApplied {
  /** Findings the baseline does not accept. */
  kept: Finding[];
  /** What it accepted, in order: exact fingerprints first, then content keys. */
  suppressed: Suppressed[];
  /** Fingerprints of the entries that accepted something. */
  matched: Set<string>;
}

/**
 * The baseline: exact fingerprint first; then, for an entry whose file is gone (`fileGone`: renamed), the content
 * key. One entry accepts one finding by content key: a copy of an accepted secret next to the renamed file is new.
 */
export function applyBaseline(
  findings: Finding[],
  baseline: ReadonlyMap<string, BaselineEntry> | undefined,
  fileGone: (file: string) => boolean,
): BaselineApplied {
  const kept: Finding[] = [];
  const suppressed: Suppressed[] = [];
  const matched = new Set<string>();
  const unmatched: Finding[] = [];
  for (const f of findings) {
    if (baseline?.has(f.fingerprint)) {
      matched.add(f.fingerprint);
      suppressed.push(toSuppressed(f, 'baseline', 'accepted in baseline'));
      continue;
    }
    unmatched.push(f);
  }
  const byKey = new Map<string, BaselineEntry>();
  if (baseline)
    for (const e of baseline.values())
      if (e.key && !matched.has(e.fingerprint) && fileGone(e.file)) byKey.set(e.key, e);
  for (const f of unmatched) {
    const e = f.contentKey ? byKey.get(f.contentKey) : undefined;
    if (e) {
      byKey.delete(f.contentKey!);
      matched.add(e.fingerprint);
      suppressed.push(toSuppressed(f, 'baseline', `accepted in baseline (as ${e.file})`));
      continue;
    }
    kept.push(f);
  }
  return { kept, suppressed, matched };
}

/**
 * Baseline entries that matched nothing: reported only by a full scan (the whole tree, or the whole history; a scan
 * of some paths or some commits cannot tell), and only for entries that a scan of that kind produces (an entry from
 * `--history` is about a commit, which a scan of the tree does not see). An entry whose finding an inline allow or
 * the config suppressed first (`shadowed`) still matches something.
 */
export function staleEntries(
  full: 'files' | 'history' | undefined,
  baseline: ReadonlyMap<string, BaselineEntry> | undefined,
  matched: ReadonlySet<string>,
  shadowed: ReadonlySet<string> = new Set(),
): string[] {
  if (!full || !baseline) return [];
  return [...baseline.values()]
    .filter((e) => judgedBy(e.mode).includes(full) && !matched.has(e.fingerprint) && !shadowed.has(e.fingerprint))
    .map((e) => e.fingerprint);
}

/**
 * The same problem seen in several commits is reported once, at the oldest commit that introduced it, blocking over
 * existing (a secret counts once per commit and line). `commitSeq`: each commit's place in the stream, newest first.
 * An unused-allow finding on a line whose marker allowed something (the snapshot checks read allows themselves, see
 * `suppressed`) is dropped. Keyed by what makes two findings the same.
 */
export function dedupe(
  findings: Finding[],
  suppressed: Suppressed[],
  commitSeq: ReadonlyMap<string, number>,
): Map<string, Finding> {
  const seq = (f: Finding) => {
    const n = f.commit ? commitSeq.get(f.commit) : undefined;
    return n === undefined ? undefined : -n;
  };
  const older = (a: Finding, b: Finding) => {
    const x = seq(a);
    const y = seq(b);
    return x !== undefined && y !== undefined && x < y;
  };
  const inlineAt = new Set(
    suppressed.filter((x) => x.by === 'inline').map((x) => `${x.commit ?? ''}\0${x.file}\0${x.line}`),
  );
  const dedup = new Map<string, Finding>();
  for (const f of findings) {
    if (f.ruleId === 'HG-UNUSED-001' && inlineAt.has(`${f.commit ?? ''}\0${f.file}\0${f.line}`)) continue;
    const key = f.category === 'secret' ? `${f.fingerprint}:${f.commit ?? ''}:${f.file}:${f.line}` : f.fingerprint;
    const prev = dedup.get(key);
    if (!prev || (!prev.blocking && f.blocking) || (prev.blocking === f.blocking && older(f, prev))) dedup.set(key, f);
  }
  return dedup;
}

/** Report order: file, line, column, rule. */
export function sortFindings(findings: Iterable<Finding>): Finding[] {
  return [...findings].sort(
    (a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId),
  );
}

/** Blocking findings per severity. */
export function bySeverity(blocking: Finding[]): ScanSummary['bySeverity'] {
  const out: ScanSummary['bySeverity'] = {};
  for (const f of blocking) out[f.severity] = (out[f.severity] ?? 0) + 1;
  return out;
}

/**
 * 1 when a blocking finding is at or above `failOn`. A hook never lets through what it could not read: a bound that
 * cut a file's new text blocks too (the CLI says why), unless nothing blocks (`none`).
 */
export function decideExit(kind: ScanRequest['kind'], blocking: Finding[], errors: FileError[], failOn: FailOn): 0 | 1 {
  const hook = kind === 'staged' || kind === 'pre-push';
  return blocking.some((f) => atLeast(f.severity, failOn)) ||
    (hook && failOn !== 'none' && errors.some((e) => e.incomplete))
    ? 1
    : 0;
}
