/**
 * Inline suppression: `hookguard:allow` in a comment on the same line, optionally naming a rule and a reason:
 *   password = "…"  # hookguard:allow generic-password test fixture
 * The first word after the marker counts as a rule id only when it names a known rule; otherwise it starts the reason.
 */
const MARKER = /hookguard:allow(?![-\w])([^\n]*)/gi;

export interface InlineAllow {
  reason: string;
}

export function inlineAllow(
  lineText: string,
  ruleId: string,
  isRuleId: (lowerCaseId: string) => boolean,
): InlineAllow | undefined {
  if (!lineText.toLowerCase().includes('hookguard:allow')) return undefined;
  for (const m of lineText.matchAll(MARKER)) {
    const rest = (m[1] ?? '').replace(/\s*(?:\*\/|-->|%>|#>|\}\})\s*$/, '').trim();
    const [first = '', ...others] = rest.split(/\s+/);
    const named = first && isRuleId(first.toLowerCase()) ? first.toLowerCase() : undefined;
    if (named && named !== ruleId.toLowerCase()) continue;
    const reason = (named ? others.join(' ') : rest).trim();
    return { reason: reason || 'inline hookguard:allow (no reason given)' };
  }
  return undefined;
}
