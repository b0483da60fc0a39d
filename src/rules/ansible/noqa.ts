/**
 * ansible-lint's `# noqa` comments. `# noqa rule-a rule-b` (or `# noqa: rule-a,rule-b`) suppresses the named rules;
 * names are ansible-lint rule names (mapped below) or our own ids. A bare `# noqa` suppresses every finding.
 * A noqa counts on the finding's line and on the first line of its task (as ansible-lint reads it on the task).
 */

/** ansible-lint rule name → the hookguard rules it corresponds to. */
export const ANSIBLE_LINT_MAP: Readonly<Record<string, readonly string[]>> = {
  'risky-file-permissions': ['ANS-PERM-001', 'ANS-PERM-003', 'ANS-PERM-004'],
  'risky-octal': ['ANS-PERM-002'],
  'no-log-password': ['ANS-SECRET-006', 'ANS-EXEC-003'],
  'command-instead-of-module': ['ANS-EXEC-001'],
  'risky-shell-pipe': ['ANS-EXEC-001'],
  'command-instead-of-shell': [],
  'partial-become': [],
};

export interface Noqa {
  /** Tokens as written; empty = bare noqa (everything). */
  tokens: string[];
}

export function noqaOn(line: string | undefined): Noqa | undefined {
  if (!line) return undefined;
  const m = /#.*?\bnoqa\b:?([^#]*)/i.exec(line);
  if (!m) return undefined;
  const tokens = (m[1] ?? '')
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  return { tokens };
}

/** The noqa token that suppresses `ruleId`, '' for a bare noqa, undefined when it does not. */
export function noqaMatch(n: Noqa, ruleId: string): string | undefined {
  if (!n.tokens.length) return '';
  const id = ruleId.toLowerCase();
  for (const t of n.tokens) {
    const lower = t.toLowerCase();
    if (lower === id) return t;
    const mapped = ANSIBLE_LINT_MAP[lower.replace(/\[.*\]$/, '')];
    if (mapped?.some((m) => m.toLowerCase() === id)) return t;
  }
  return undefined;
}
