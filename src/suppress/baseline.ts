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
  /** The kind of scan that produced it: only a full scan of that kind can tell that it matches nothing. Entries
   * without one (older files) are judged by either. */
  mode?: BaselineMode;
}

/** `files`: a scan of the tree; the others find secrets in commits (`hookguard baseline --history / --diff / …`). */
export type BaselineMode = 'files' | 'history' | 'diff' | 'staged' | 'pre-push' | 'commit-msg';

/** The mode an entry is judged by: files by a full scan of the tree, the commit kinds by a full history scan. */
export function judgedBy(mode: BaselineMode | undefined): Array<'files' | 'history'> {
  if (!mode) return ['files', 'history'];
  return mode === 'files' ? ['files'] : ['history'];
}

export interface BaselineFile {
  version: 1;
  tool: string;
  /** Written by versions before 0.2; no longer written (a timestamp conflicts on every merge). */
  createdAt?: string;
  findings: BaselineEntry[];
}

const ENTRY_KEYS: Array<keyof BaselineEntry> = [
  'fingerprint',
  'key',
  'ruleId',
  'severity',
  'file',
  'line',
  'mode',
  'date',
  'expires',
  'reason',
];

/** Entries in the order they are written: by file, rule, then fingerprint (stable while lines move). */
export function sortEntries(list: BaselineEntry[]): BaselineEntry[] {
  return [...list].sort(
    (a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint),
  );
}
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The file's text, made for merging: no timestamp or version at the top, one entry per line (keys in a fixed
 * order), entries sorted. Two branches that accept different findings change different lines.
 */
export function serializeBaseline(file: BaselineFile): string {
  const rows = sortEntries(file.findings).map((e) => {
    const o: Record<string, unknown> = {};
    for (const k of ENTRY_KEYS) if (e[k] !== undefined) o[k] = e[k];
    return `    ${JSON.stringify(o)}`;
  });
  return `{\n  "version": 1,\n  "tool": "hookguard",\n  "findings": [\n${rows.join(',\n')}${rows.length ? '\n' : ''}  ]\n}\n`;
}

/**
 * A baseline with git's conflict markers, resolved as the union of both sides (and of the base version's entries
 * that both kept): every entry either branch accepted stays accepted, with the reason, earliest date and expiry it
 * was given. Returns undefined when the text has no conflict markers.
 */
export function resolveConflicted(
  text: string,
  display: string,
): { file: BaselineFile; ours: number; theirs: number } | { error: string } | undefined {
  if (!/^<{7}( |$)/m.test(text)) return undefined;
  const ours: string[] = [];
  const theirs: string[] = [];
  let side: 'both' | 'ours' | 'base' | 'theirs' = 'both';
  for (const line of text.split('\n')) {
    if (/^<{7}( |$)/.test(line)) side = 'ours';
    else if (/^\|{7}( |$)/.test(line) && side === 'ours') side = 'base';
    else if (/^={7}$/.test(line) && side !== 'both') side = 'theirs';
    else if (/^>{7}( |$)/.test(line) && side === 'theirs') side = 'both';
    else if (side === 'both') {
      ours.push(line);
      theirs.push(line);
    } else if (side === 'ours') ours.push(line);
    else if (side === 'theirs') theirs.push(line);
  }
  // A side may end without the comma the other side's next line needs (or with one too many): entries are one per
  // line, so read them line by line rather than as one JSON text.
  const entries = (lines: string[], which: string): BaselineEntry[] | { error: string } => {
    const out: BaselineEntry[] = [];
    for (const [i, l] of lines.entries()) {
      const t = l.trim().replace(/,$/, '');
      if (!t.startsWith('{"')) continue;
      try {
        const e = JSON.parse(t) as BaselineEntry;
        if (typeof e.fingerprint !== 'string') throw new Error('no fingerprint');
        out.push(e);
      } catch (err) {
        return {
          error: `baseline ${display}: ${which} side, line ${i + 1} is not one entry per line (${(err as Error).message}); write it with "hookguard baseline" on each branch first`,
        };
      }
    }
    return out;
  };
  const a = entries(ours, 'our');
  if ('error' in a) return a;
  const b = entries(theirs, 'their');
  if ('error' in b) return b;
  const union = new Map<string, BaselineEntry>();
  for (const e of a) union.set(e.fingerprint, e);
  let fromTheirs = 0;
  for (const e of b) {
    const have = union.get(e.fingerprint);
    if (!have) {
      union.set(e.fingerprint, e);
      fromTheirs++;
      continue;
    }
    union.set(e.fingerprint, {
      ...e,
      ...have,
      ...((have.reason ?? e.reason) ? { reason: have.reason ?? e.reason } : {}),
      ...(have.date && e.date ? { date: have.date < e.date ? have.date : e.date } : {}),
      ...((have.expires ?? e.expires) ? { expires: have.expires ?? e.expires } : {}),
    });
  }
  return {
    file: { version: 1, tool: 'hookguard', findings: sortEntries([...union.values()]) },
    ours: a.length,
    theirs: fromTheirs,
  };
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

export function buildBaseline(findings: Finding[], tool: string, now = new Date(), mode?: BaselineMode): BaselineFile {
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
        ...(mode ? { mode } : {}),
        date: now.toISOString().slice(0, 10),
      });
  return { version: 1, tool, findings: sortEntries([...seen.values()]) };
}

export interface MergeResult {
  file: BaselineFile;
  added: number;
  kept: number;
  moved: number;
  pruned: number;
  /** With prune: current findings that are not in the baseline and were left out (prune only prunes). */
  notAdded: number;
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
  opts: {
    prune?: boolean;
    exists: (file: string) => boolean;
    reason?: string;
    expires?: string;
    mode?: BaselineMode;
  },
  now = new Date(),
): MergeResult {
  const current = buildBaseline(findings, tool, now, opts.mode).findings;
  const byFp = new Map(current.map((e) => [e.fingerprint, e]));
  const newByKey = new Map<string, BaselineEntry>();
  for (const e of current) if (e.key && !prev?.has(e.fingerprint) && !newByKey.has(e.key)) newByKey.set(e.key, e);
  const out = new Map<string, BaselineEntry>();
  const r = { added: 0, kept: 0, moved: 0, pruned: 0, notAdded: 0 };
  // A kept or followed entry keeps the day it was accepted and its reason.
  const carry = (from: BaselineEntry, to: BaselineEntry): BaselineEntry => ({
    ...to,
    ...(from.date ? { date: from.date } : {}),
    ...(from.reason ? { reason: from.reason } : {}),
    ...(from.expires ? { expires: from.expires } : {}),
    ...(from.mode ? { mode: from.mode } : {}),
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
    // Prune judges only the entries a scan of this kind can judge; the others are kept as they are.
    if (opts.prune && (!opts.mode || judgedBy(e.mode).includes(opts.mode === 'files' ? 'files' : 'history'))) {
      r.pruned++;
      continue;
    }
    out.set(e.fingerprint, e);
    r.kept++;
  }
  for (const e of current)
    if (!out.has(e.fingerprint)) {
      // --prune only prunes: a finding that is not accepted yet is not accepted by pruning.
      if (opts.prune) {
        r.notAdded++;
        continue;
      }
      out.set(e.fingerprint, {
        ...e,
        ...(opts.reason ? { reason: opts.reason } : {}),
        ...(opts.expires ? { expires: opts.expires } : {}),
      });
      r.added++;
    }
  return { file: { version: 1, tool, findings: sortEntries([...out.values()]) }, ...r };
}
