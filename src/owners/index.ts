/**
 * Ownership: who must look at a finding. Two sources, never both:
 * - config `owners: [{paths, rules, owners}]` (paths and rules optional; last match wins), or
 * - the repository's CODEOWNERS (`.github/`, root, `docs/`, the first that exists), with GitHub's semantics:
 *   gitignore-like patterns, the last matching line wins, and a line with no owners leaves its files unowned.
 * Pure: the scan layer reads the files and passes their text in.
 */
import type { Escalation, Finding } from '../types.js';

export type { Escalation };

export interface OwnerRule {
  /** Path patterns (CODEOWNERS syntax); undefined = every path. */
  paths?: string[];
  /** Rule ids, id globs (`CFN-*`) or categories (`secret`); undefined = every rule. */
  rules?: string[];
  owners: string[];
  /** Where the rule was written, for messages ("CODEOWNERS:4", ".hookguard.yaml:7"). */
  source?: string;
}

export interface Ownership {
  /** `config` or the CODEOWNERS path that was read. */
  from: string;
  rules: OwnerRule[];
}

/** Where GitHub looks for CODEOWNERS, in order: the first file found is used. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

const cache = new Map<string, RegExp>();

function escape(c: string): string {
  return /[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
}

/**
 * A CODEOWNERS path pattern as a regular expression over repository-relative paths:
 * - a leading `/`, or a `/` inside the pattern, anchors it at the root; otherwise it matches at any depth;
 * - `*` and `?` stay within one path segment, `**` crosses segments;
 * - a pattern matches the file itself and, as a directory, everything below it — except when its last segment is a
 *   bare `*` (`docs/*` owns the files directly in docs/, not deeper ones, as GitHub documents).
 */
export function patternRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let p = pattern.replace(/\\(.)/g, '\u0000$1');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  const anchored = p.startsWith('/') || p.includes('/');
  p = p.replace(/^\/+/, '');
  const segments = p.split('/');
  const last = segments[segments.length - 1];
  let body = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\u0000') {
      body += escape(p[++i] ?? '');
    } else if (c === '*') {
      if (p[i + 1] === '*') {
        // `**/` = any number of leading directories; a trailing `/**` = everything inside.
        const before = i === 0 || p[i - 1] === '/';
        const after = p[i + 2];
        if (before && after === '/') {
          body += '(?:.*/)?';
          i += 2;
        } else if (before && after === undefined) {
          body += '.*';
          i += 1;
        } else {
          body += '[^/]*';
          i += 1;
        }
      } else body += '[^/]*';
    } else if (c === '?') body += '[^/]';
    else body += escape(c);
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  const suffix = dirOnly ? '/.*$' : last === '*' ? '$' : '(?:/.*)?$';
  const re = new RegExp(prefix + body + suffix);
  cache.set(pattern, re);
  return re;
}

export function pathMatches(pattern: string, file: string): boolean {
  return patternRegExp(pattern).test(file);
}

/** One rule selector: exact id (any case), id glob, or category. */
export function ruleMatches(selector: string, f: { ruleId: string; category: string }): boolean {
  const s = selector.toLowerCase();
  if (s === f.category) return true;
  const id = f.ruleId.toLowerCase();
  if (!/[*?]/.test(s)) return s === id;
  const re = new RegExp(
    '^' +
      s
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escape(c)))
        .join('') +
      '$',
  );
  return re.test(id);
}

export interface CodeownersParse {
  rules: OwnerRule[];
  /** Lines GitHub would reject (shown as warnings, the rest still applies). */
  problems: Array<{ line: number; message: string }>;
}

const OWNER = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

export function isOwner(s: string): boolean {
  return OWNER.test(s);
}

/** Parse a CODEOWNERS file: `pattern owner…` per line, `#` comments, `\ ` and `\#` escapes. */
export function parseCodeowners(text: string, file = 'CODEOWNERS'): CodeownersParse {
  const out: CodeownersParse = { rules: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const tokens: string[] = [];
    let cur = '';
    for (let j = 0; j < line.length; j++) {
      const c = line[j]!;
      if (c === '\\' && j + 1 < line.length) {
        cur += c + line[++j];
      } else if (/\s/.test(c)) {
        if (cur) tokens.push(cur);
        cur = '';
      } else if (c === '#' && !cur)
        break; // an inline comment
      else cur += c;
    }
    if (cur) tokens.push(cur);
    const [pattern, ...owners] = tokens;
    if (!pattern) return;
    const bad = owners.filter((o) => !isOwner(o));
    if (bad.length) out.problems.push({ line: i + 1, message: `not an owner: ${bad.join(', ')} (ignored)` });
    if (pattern.startsWith('!') || /(?<!\\)\[/.test(pattern)) {
      out.problems.push({
        line: i + 1,
        message: `"${pattern}": CODEOWNERS does not support ${pattern.startsWith('!') ? '! negation' : '[ ] ranges'} (line ignored)`,
      });
      return;
    }
    out.rules.push({ paths: [pattern], owners: owners.filter(isOwner), source: `${file}:${i + 1}` });
  });
  return out;
}

/** The owners of a finding: the last rule that matches both its path and its rule wins (it may name none). */
export function ownersFor(o: Ownership, f: Pick<Finding, 'ruleId' | 'category' | 'file'>): string[] {
  for (let i = o.rules.length - 1; i >= 0; i--) {
    const r = o.rules[i]!;
    if (r.paths && !r.paths.some((p) => pathMatches(p, f.file))) continue;
    if (r.rules && !r.rules.some((s) => ruleMatches(s, f))) continue;
    return r.owners;
  }
  return [];
}

/** Give every finding its owners (in place). */
export function assignOwners(o: Ownership, findings: Finding[]): void {
  // A team policy names its own owners on its findings: the configured owners join them.
  for (const f of findings)
    f.owners = f.owners?.length ? [...new Set([...f.owners, ...ownersFor(o, f)])] : ownersFor(o, f);
}
