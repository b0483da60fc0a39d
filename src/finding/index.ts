/**
 * The one way to make a `Finding`, and the one place that computes fingerprints.
 *
 * Every family (secrets, CloudFormation, Ansible, access, environments, at rest, hookguard's own) hands its hit here:
 * the factory adds the provenance of the commit, masks the matched value and the snippet, and computes the fingerprint
 * (and content key). Fingerprints are a contract — users commit them in their baselines — and
 * test/unit/fingerprints.test.ts pins them: rule + file + what names the problem in the file (the hash of a secret
 * value, a resource or task path, a dotted key), never a line number, so they survive code moving.
 */
import { createRequire } from 'node:module';
import type { Category, CommitInfo, Finding, Severity } from '../types.js';
import { mask, maskLine } from '../rules/secrets/mask.js';

// node:crypto on first use only: a clean commit never loads it (the hook loads nothing it does not need).
const nodeRequire = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;

function sha256(s: string): string {
  crypto ??= nodeRequire('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(s).digest('hex');
}

/** The hash of a secret value, as a fingerprint holds it (the value itself is never kept). */
export function valueHash(value: string): string {
  return sha256(value);
}

/** rule + file + what names the problem in the file: stable when code moves. */
export function fingerprint(ruleId: string, file: string, ...identity: string[]): string {
  return sha256([ruleId, file, ...identity].join('\0')).slice(0, 32);
}

/**
 * The content key of a finding: its fingerprint without the file name (rule + hash of the value, or rule + resource
 * path + occurrence). A baseline entry whose fingerprint no longer matches may still match by this key, so accepted
 * findings survive `git mv`.
 */
export function contentKey(ruleId: string, ...identity: string[]): string {
  return sha256(['key', ruleId, ...identity].join('\0')).slice(0, 32);
}

/** What a family knows of one problem; `makeFinding` turns it into a `Finding`. */
export interface FindingSpec {
  ruleId: string;
  category: Category;
  severity: Severity;
  title: string;
  message: string;
  remediation: string;
  /** The file; ignored for a finding `in` a commit message (its file is empty: it has none). */
  file: string;
  /** The text is a commit message, not a file: the finding has no file and names the commit. */
  in?: 'message' | undefined;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The commit the text came from (commit modes): its sha, author and date go on the finding. */
  commit?: CommitInfo | undefined;
  /** What names the problem within the file, for the fingerprint: see `fingerprint`. */
  identity: string[];
  /** Give the finding a content key too (families whose identity does not depend on the file). */
  keyed?: boolean;
  /** The matched value: only its masked form is kept (`match`). */
  value?: string | undefined;
  /** The source line with these [start, end) ranges masked, or a text shown as it is (it holds no secret). */
  snippet?: { line: string; masked: Array<[number, number]> } | { text: string };
  blocking: boolean;
  secret?: boolean;
  confidence?: Finding['confidence'];
  why?: string | undefined;
  /** Owners the rule itself names (a team policy's `owners`); config/CODEOWNERS owners are added to them. */
  owners?: string[] | undefined;
  related?: Finding['related'];
}

/** The provenance a finding carries from its commit. */
export function provenanceOf(commit: CommitInfo | undefined): Pick<Finding, 'commit' | 'author' | 'date'> {
  return commit
    ? {
        commit: commit.sha,
        ...(commit.author ? { author: commit.author } : {}),
        ...(commit.date ? { date: commit.date } : {}),
      }
    : {};
}

export function makeFinding(s: FindingSpec): Finding {
  // A message has no file: its findings are keyed by rule and value alone, so one accepted in a baseline is accepted
  // in whichever commit's message it is (a rebase changes the commit, not the message).
  const file = s.in === 'message' ? '' : s.file;
  return {
    ruleId: s.ruleId,
    category: s.category,
    severity: s.severity,
    title: s.title,
    message: s.message,
    remediation: s.remediation,
    file,
    ...(s.in ? { in: s.in } : {}),
    line: s.line,
    column: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
    ...provenanceOf(s.commit),
    ...(s.value !== undefined ? { match: mask(s.value) } : {}),
    fingerprint: fingerprint(s.ruleId, file, ...s.identity),
    ...(s.keyed ? { contentKey: contentKey(s.ruleId, ...s.identity) } : {}),
    ...(s.secret ? { secret: true } : {}),
    ...(s.confidence ? { confidence: s.confidence } : {}),
    ...(s.why ? { why: s.why } : {}),
    ...(s.snippet
      ? { snippet: 'text' in s.snippet ? s.snippet.text : maskLine(s.snippet.line, s.snippet.masked) }
      : {}),
    blocking: s.blocking,
    ...(s.owners?.length ? { owners: [...s.owners] } : {}),
    ...(s.related?.length ? { related: s.related } : {}),
  };
}
