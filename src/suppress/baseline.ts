/**
 * Baseline: fingerprints of accepted findings. New findings still block; entries that no longer match anything are
 * reported as stale. The file holds no secret: only rule, file, line and a fingerprint (a hash).
 */
import type { Finding } from '../types.js';

export interface BaselineEntry {
  fingerprint: string;
  /** The fingerprint without the file name: matches when the file was renamed (see scan). */
  key?: string;
  ruleId: string;
  file: string;
  line: number;
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
      });
  const list = [...seen.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId),
  );
  return { version: 1, tool, createdAt: now.toISOString(), findings: list };
}
