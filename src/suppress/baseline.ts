/**
 * Baseline: fingerprints of accepted findings. New findings still block; entries that no longer match anything are
 * reported as stale. The file holds no secret: only rule, file, line and a fingerprint (a hash).
 */
import type { Finding, Severity } from '../types.js';

export interface BaselineEntry {
  fingerprint: string;
  /** The fingerprint without the file name: matches when the file was renamed (see scan). */
  key?: string;
  ruleId: string;
  file: string;
  line: number;
  /** The finding's severity when it was accepted (the Action and `hookguard policy` show it). */
  severity?: Severity;
  /** The day the entry was accepted (YYYY-MM-DD): `hookguard policy` shows the oldest per rule. */
  date?: string;
  /** Why it was accepted (optional; entries without one are listed as such by `hookguard policy`). */
  reason?: string;
  /** The day the acceptance ends (YYYY-MM-DD), from `hookguard baseline --expires`. */
  expires?: string;
}

export interface BaselineFile {
  version: 1;
  tool: string;
  createdAt: string;
  findings: BaselineEntry[];
}

export const DEFAULT_BASELINE = '.hookguard-baseline.json';

export function parseBaseline(
  text: string,
  display: string,
): { entries: Map<string, BaselineEntry> } | { error: string } {
  // An empty file (or the null device) is an empty baseline.
  if (!text.trim()) return { entries: new Map() };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { error: `baseline ${display}: not valid JSON (${(e as Error).message})` };
  }
  const o = raw as Partial<BaselineFile>;
  if (!o || typeof o !== 'object' || o.version !== 1 || !Array.isArray(o.findings))
    return {
      error: `baseline ${display}: expected {"version": 1, "findings": [...]} as written by "hookguard baseline"`,
    };
  const entries = new Map<string, BaselineEntry>();
  for (const [i, f] of o.findings.entries()) {
    if (!f || typeof f.fingerprint !== 'string')
      return { error: `baseline ${display}: findings[${i}] has no fingerprint` };
    entries.set(f.fingerprint, f);
  }
  return { entries };
}

export function buildBaseline(findings: Finding[], tool: string, now = new Date()): BaselineFile {
  const seen = new Map<string, BaselineEntry>();
  for (const f of findings)
    if (!seen.has(f.fingerprint))
      seen.set(f.fingerprint, {
        fingerprint: f.fingerprint,
        ...(f.contentKey ? { key: f.contentKey } : {}),
        ruleId: f.ruleId,
        file: f.file,
        line: f.line,
        severity: f.severity,
        date: now.toISOString().slice(0, 10),
      });
  const list = [...seen.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId),
  );
  return { version: 1, tool, createdAt: now.toISOString(), findings: list };
}

export interface MergeResult {
  file: BaselineFile;
  added: number;
  kept: number;
  moved: number;
  pruned: number;
}

/**
 * Merge today's findings into an existing baseline: entries that still match are refreshed (file, line), an entry
 * whose file is gone and whose content key matches a new finding follows it (a rename), other entries are kept —
 * or dropped with `prune` (only after a full scan, which can tell what no longer matches).
 */
export function mergeBaseline(
  prev: ReadonlyMap<string, BaselineEntry> | undefined,
  findings: Finding[],
  tool: string,
  opts: { prune?: boolean; exists: (file: string) => boolean; reason?: string; expires?: string },
  now = new Date(),
): MergeResult {
  const current = buildBaseline(findings, tool, now).findings;
  const byFp = new Map(current.map((e) => [e.fingerprint, e]));
  const newByKey = new Map<string, BaselineEntry>();
  for (const e of current) if (e.key && !prev?.has(e.fingerprint) && !newByKey.has(e.key)) newByKey.set(e.key, e);
  const out = new Map<string, BaselineEntry>();
  const r = { added: 0, kept: 0, moved: 0, pruned: 0 };
  // A kept or followed entry keeps the day it was accepted and its reason.
  const carry = (from: BaselineEntry, to: BaselineEntry): BaselineEntry => ({
    ...to,
    ...(from.date ? { date: from.date } : {}),
    ...(from.reason ? { reason: from.reason } : {}),
    ...(from.expires ? { expires: from.expires } : {}),
  });
  for (const e of prev?.values() ?? []) {
    const same = byFp.get(e.fingerprint);
    if (same) {
      out.set(e.fingerprint, carry(e, same));
      r.kept++;
      continue;
    }
    const moved = e.key ? newByKey.get(e.key) : undefined;
    if (moved && !opts.exists(e.file)) {
      newByKey.delete(e.key!);
      out.set(moved.fingerprint, carry(e, moved));
      r.moved++;
      continue;
    }
    if (opts.prune) {
      r.pruned++;
      continue;
    }
    out.set(e.fingerprint, e);
    r.kept++;
  }
  for (const e of current)
    if (!out.has(e.fingerprint)) {
      out.set(e.fingerprint, {
        ...e,
        ...(opts.reason ? { reason: opts.reason } : {}),
        ...(opts.expires ? { expires: opts.expires } : {}),
      });
      r.added++;
    }
  const list = [...out.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId),
  );
  return { file: { version: 1, tool, createdAt: now.toISOString(), findings: list }, ...r };
}
