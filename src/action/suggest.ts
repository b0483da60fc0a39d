/**
 * A fix as a GitHub suggestion (issue 27): the lines of the file a fix replaces, widened to take in the finding's own
 * line, and what they become. GitHub applies a suggestion ("Commit suggestion") only when the lines it replaces lie in
 * one hunk of the pull request's diff; when they do not, the comment shows the change as a diff instead.
 */

import { commonEnds, lineOps } from '../report/diff.js';

export interface Suggestion {
  /** 1-based first and last line (of the file at the head commit) that the suggestion replaces. */
  startLine: number;
  endLine: number;
  /** The lines that replace them (without a final newline). */
  text: string;
  /** The change as unified-diff lines (` `, `-`, `+`), for a comment that cannot carry a suggestion. */
  diff: string;
}

/**
 * The smallest run of whole lines whose replacement turns `before` into `after`, widened to `focus` (the finding's
 * line); a pure insertion replaces the line before it with that line plus the new ones. Undefined when nothing changes.
 */
export function suggestionFor(before: string, after: string, focus: number): Suggestion | undefined {
  if (before === after) return undefined;
  const a = before.split('\n');
  const b = after.split('\n');
  const { pre: p, suf: s } = commonEnds(a, b);
  // Replaced: before lines p+1 … a.length-s (1-based); empty for an insertion, which then takes the line above it.
  let start = p + 1;
  let end = a.length - s;
  if (end < start) {
    start = Math.max(1, p);
    end = start;
  }
  start = Math.min(start, focus);
  end = Math.max(end, focus);
  if (end > a.length) end = a.length;
  const shift = b.length - a.length;
  const text = b.slice(start - 1, end + shift).join('\n');
  const old = a.slice(start - 1, end);
  const neu = b.slice(start - 1, end + shift);
  return { startLine: start, endLine: end, text, diff: compact(lineDiff(old, neu)) };
}

/** Unchanged lines beyond 3 either side of a change are left out (`@@` marks a gap between changes). */
function compact(diff: string): string {
  const rows = diff.split('\n');
  const changed = rows.map((r, i) => (r.startsWith(' ') ? -1 : i)).filter((i) => i >= 0);
  const keep = rows.map((r, i) => !r.startsWith(' ') || changed.some((c) => Math.abs(c - i) <= 3));
  const out: string[] = [];
  keep.forEach((k, i) => {
    if (k) out.push(rows[i]!);
    else if (out.length && out[out.length - 1] !== '@@' && keep.slice(i).some(Boolean)) out.push('@@');
  });
  return out.join('\n');
}

/** A line diff: ` ` kept, `-` removed, `+` added. Large inputs: all out, all in. */
export function lineDiff(old: string[], neu: string[]): string {
  return lineOps(old, neu, 250_000)
    .map(([t, l]) => `${t}${l}`)
    .join('\n');
}

/** The right-hand line ranges of each hunk of a patch (GitHub's `patch` field of a pull request file). */
export function hunkRanges(patch: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let line = 0;
  let cur: [number, number] | undefined;
  const rows = patch.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  for (const row of rows) {
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row);
    if (m) {
      line = Number(m[1]);
      cur = [line, line - 1];
      out.push(cur);
      continue;
    }
    if (!cur || row.startsWith('-') || row.startsWith('\\')) continue;
    cur[1] = line++;
  }
  return out.filter(([s, e]) => e >= s);
}

/** Do lines start…end lie in one hunk? (GitHub's condition for a multi-line comment and its suggestion.) */
export function inOneHunk(hunks: Array<[number, number]>, start: number, end: number): boolean {
  return hunks.some(([s, e]) => s <= start && end <= e);
}

/** A fence longer than any run of backticks in the text (so the suggestion cannot close it early). */
export function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** The comment's part about the fix: a suggestion block, or the diff when the change is not within one hunk. */
export function fixBlock(sg: Suggestion, asSuggestion: boolean, what: string): string {
  if (asSuggestion) {
    const f = fence(sg.text);
    return `**Suggested fix** (\`hookguard fix\` ${what}):\n\n${f}suggestion\n${sg.text}\n${f}`;
  }
  const f = fence(sg.diff);
  return `**Automatic fix** — \`hookguard fix\` ${what}. It changes lines outside this pull request's diff, so it cannot be a one-click suggestion here:\n\n${f}diff\n${sg.diff}\n${f}`;
}
