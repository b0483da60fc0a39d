/**
 * Shared types: the contracts between sources, engine, suppression and reporters.
 * This module has no runtime imports so every layer may depend on it.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type FailOn = Exclude<Severity, 'info'> | 'none';

/** Higher number = more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

export function atLeast(sev: Severity, threshold: FailOn): boolean {
  if (threshold === 'none') return false;
  return SEVERITY_RANK[sev] >= SEVERITY_RANK[threshold];
}

/** Texts whose code-unit order is their collation order: one case of ASCII letters, digits and `- . /`. */
const PLAIN_LOWER = /^[a-z0-9./-]*$/;
const PLAIN_UPPER = /^[A-Z0-9./-]*$/;

/**
 * `a.localeCompare(b)` for sorting reports, without starting ICU's collator when it is not needed: its first use
 * costs about as many instructions as node's whole start-up, and the texts reports sort by (rule ids, most paths) are
 * plain ASCII of one case, where the collation order is the code-unit order (a test checks it). Anything else (mixed
 * case, `_`, non-ASCII) is compared by localeCompare as before.
 */
export function compareText(a: string, b: string): number {
  if ((PLAIN_LOWER.test(a) && PLAIN_LOWER.test(b)) || (PLAIN_UPPER.test(a) && PLAIN_UPPER.test(b)))
    return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

export type Category =
  | 'secret'
  | 'cloudformation'
  | 'ansible'
  | 'environment'
  | 'at-rest'
  | 'access'
  /** Certificates kept in the repository (CERT-*). */
  | 'certificate'
  | 'hookguard'
  /** A team's own policy (src/policies), on CloudFormation and Ansible alike. */
  | 'policy';

/** Commit provenance for findings from git history / ranges. */
export interface CommitInfo {
  sha: string;
  author?: string;
  email?: string;
  date?: string;
  summary?: string;
}

/** A run of consecutive lines of new text (an added hunk, or a whole file). */
export interface Chunk {
  /** 1-based line number of the first line of `text` in the new file. */
  startLine: number;
  /** Lines joined with '\n' (no trailing CR). */
  text: string;
  /** 1-based column of the first character of `text` in its line (a piece of an over-long line); default 1. */
  startColumn?: number;
}

/**
 * One file (version) to examine, with provenance.
 * - `chunks` are the lines secret rules look at (added lines in diff modes, the whole file on disk).
 * - `content` is the full new text when it is available and small enough (IaC rules parse it).
 * - `changed` lists 1-based [start, end] line ranges that this change added; undefined = every line is new.
 */
export interface Target {
  path: string;
  chunks: Chunk[];
  content?: string;
  changed?: Array<[number, number]>;
  commit?: CommitInfo;
  /** Bytes of text this target represents (for the summary). */
  bytes: number;
  /** Not a file: a commit message (path is empty; the finding names the commit). */
  in?: 'message';
}

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Another place a finding concerns (the resource or task it is in, the port of a rule, the template line a
 * parameter opens): JSON `related`, SARIF `relatedLocations`. `file` only when it is another file. */
export interface RelatedLocation extends Position {
  message: string;
  file?: string;
}

export interface Finding extends Position {
  ruleId: string;
  category: Category;
  severity: Severity;
  title: string;
  message: string;
  remediation: string;
  /** The file, from the repository root; empty when the finding is `in` a commit message. */
  file: string;
  /** Where a finding without a file is: a commit message (of `commit`, or the one being written). */
  in?: 'message';
  commit?: string;
  author?: string;
  date?: string;
  /** Masked rendering of the matched value; never the value itself. */
  match?: string;
  fingerprint: string;
  confidence?: 'high' | 'medium' | 'low';
  /** One-line explanation of why the rule fired (validator result, resolved parameter…). */
  why?: string;
  /** The source line with every secret on it masked, for the text report. */
  snippet?: string;
  /** False when the finding lies outside the lines this change touched (an existing problem). */
  blocking: boolean;
  /** Internal: the fingerprint without the file name, so a baseline entry survives a rename. */
  contentKey?: string;
  /** Internal: the finding is about a secret value (every secret rule, and IaC rules that flag a plaintext secret).
   * A pushed secret counts in every commit; other IaC problems are judged at the pushed tip. */
  secret?: boolean;
  /** Who must look at it (config `owners` or CODEOWNERS); set on every finding when ownership is configured. */
  owners?: string[];
  /** Other places the finding concerns (IaC: the resource or task key of a property-level finding, and so on). */
  related?: RelatedLocation[];
}

/** Config `escalation`: whom to call when a finding blocks, and the document that says how. */
export interface Escalation {
  contact?: string;
  doc?: string;
}

export type SuppressedBy = 'inline' | 'baseline' | 'config' | 'metadata';

export interface Suppressed {
  ruleId: string;
  file: string;
  in?: 'message';
  line: number;
  commit?: string;
  fingerprint: string;
  severity: Severity;
  by: SuppressedBy;
  reason: string;
}

/** A candidate a secret rule matched and then set aside (placeholder, reference, checksum, entropy…), value masked. */
export interface Dropped {
  file: string;
  line: number;
  column: number;
  commit?: string;
  ruleId: string;
  match: string;
  reason: string;
}

export interface FileError {
  file: string;
  line?: number;
  commit?: string;
  message: string;
  /** Part of the file's new text was not scanned (a bound cut it): a hook blocks rather than pass it unseen. */
  incomplete?: boolean;
}

export interface ScanSummary {
  files: number;
  bytes: number;
  commits?: number;
  skipped: { binary: number; large: number; other: number };
  /** Files treated as generated (minified bundles, source maps, vendored releases): provider-format rules only. */
  generated?: number;
  durationMs: number;
  bySeverity: Partial<Record<Severity, number>>;
}

export interface ScanResult {
  findings: Finding[];
  existing: Finding[];
  suppressed: Suppressed[];
  errors: FileError[];
  staleBaseline: string[];
  summary: ScanSummary;
  /** With `scan --verbose`: candidates set aside and why. */
  dropped?: Dropped[];
  /** Where owners came from (`config` or a CODEOWNERS path), when any are configured. */
  ownersFrom?: string;
  escalation?: Escalation;
}

/** What a scan looks at. */
export type ScanRequest =
  | { kind: 'staged' }
  | { kind: 'pre-push'; remote?: string; url?: string; stdin: string }
  | { kind: 'history'; since?: string }
  | {
      kind: 'range';
      range: string;
      /** Texts shown with the range that are messages too (a pull request's title and body), by name. */
      texts?: Array<{ name: string; text: string }>;
    }
  /** Files on disk; `untracked`: the repository's tracked and untracked files (not ignored ones), as git lists them;
   * `index`: the tracked files as the index holds them (their staged text, nothing untracked: `hookguard policy`). */
  | { kind: 'paths'; paths: string[]; untracked?: boolean; index?: boolean }
  /** Text read from stdin (`scan -`), labelled with a path (`--stdin-filename`) that decides which rules apply. */
  | { kind: 'stdin'; text: string; label: string }
  /** The message of the commit being made (the commit-msg hook): `text` as git wrote it, comments included. */
  | { kind: 'commit-msg'; file: string; text: string };

/** Documentation common to every rule kind, shown by `hookguard explain`. */
export interface RuleDoc {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  /** Markdown: what, why, fix, references. */
  docs: string;
  remediation?: string;
}

/** An error the user can fix (bad config, arguments, not a repo): exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A usage error from any bundle: each lazily loaded command bundle (lib/cold/*) carries its own copy of the class, so
 * `instanceof` alone would call a broken config found there an internal error.
 */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof UsageError || (e instanceof Error && e.name === 'UsageError');
}
