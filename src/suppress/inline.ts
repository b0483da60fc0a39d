/**
 * Inline suppression: `hookguard:allow` in a comment on the same line or on the line above, optionally naming a rule
 * and a reason:
 *   password = "…"  # hookguard:allow generic-password test fixture
 * The first word after the marker counts as a rule id when it names a known rule; a word shaped like a rule id that
 * names none (a typo) is reported and allows nothing. Other scanners' markers are honoured for secrets too (see
 * FOREIGN).
 */
const MARKER = /hookguard:allow(?![-\w])([^\n]*)/gi;

/** Markers of other secret scanners, honoured for secret findings (a team moving over keeps its reviewed allows). */
const FOREIGN: Array<{ re: RegExp; name: string; above?: boolean }> = [
  { re: /pragma:\s*allowlist[ -]secret/i, name: 'pragma: allowlist secret (detect-secrets)' },
  {
    re: /pragma:\s*allowlist[ -]nextline[ -]secret/i,
    name: 'pragma: allowlist nextline secret (detect-secrets)',
    above: true,
  },
  { re: /gitleaks:allow\b/i, name: 'gitleaks:allow (gitleaks)' },
  { re: /trufflehog:ignore\b/i, name: 'trufflehog:ignore (trufflehog)' },
  { re: /#\s*nosec\b/i, name: '# nosec (bandit)' },
];

/** A word that looks like an attempt to name a rule (an IaC-style id, or a kebab-case credential rule id). */
const RULE_SHAPED =
  /^(?:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+){1,3}|[a-z0-9]+(?:-[a-z0-9]+)*-(?:key|keys|token|tokens|secret|secrets|password|pat|webhook|id|credentials?|assignment|cert)(?:-[a-z0-9]+)*)$/;

export interface InlineAllow {
  reason: string;
  /** Which marker: `hookguard:allow` or another scanner's. */
  marker?: string;
}

export interface InlineProblem {
  /** A `hookguard:allow` named a rule id that does not exist. */
  unknownRule: string;
}

function hookguardAllow(
  lineText: string,
  ruleId: string,
  isRuleId: (lowerCaseId: string) => boolean,
): InlineAllow | InlineProblem | undefined {
  if (!lineText.toLowerCase().includes('hookguard:allow')) return undefined;
  let problem: InlineProblem | undefined;
  for (const m of lineText.matchAll(MARKER)) {
    const rest = (m[1] ?? '').replace(/\s*(?:\*\/|-->|%>|#>|\}\})\s*$/, '').trim();
    const [first = '', ...others] = rest.split(/\s+/);
    const named = first && isRuleId(first.toLowerCase()) ? first.toLowerCase() : undefined;
    if (!named && RULE_SHAPED.test(first)) {
      problem ??= { unknownRule: first };
      continue;
    }
    if (named && named !== ruleId.toLowerCase()) continue;
    const reason = (named ? others.join(' ') : rest).trim();
    return { reason: reason || 'inline hookguard:allow (no reason given)' };
  }
  return problem;
}

/**
 * The allow that applies to a finding on `lineText` (with `above`, the line before it), or the problem with an allow
 * that tried to.
 */
export function inlineAllow(
  lineText: string,
  ruleId: string,
  isRuleId: (lowerCaseId: string) => boolean,
  opts: { above?: string; secret?: boolean } = {},
): InlineAllow | InlineProblem | undefined {
  const here = hookguardAllow(lineText, ruleId, isRuleId);
  if (here && 'reason' in here) return here;
  // A comment on its own line above the finding (the usual place before a long line) counts too.
  const above =
    opts.above !== undefined && /^\s*(?:#|\/\/|\/\*|\*|--|;|<!--|%|'|rem\b)/i.test(opts.above)
      ? hookguardAllow(opts.above, ruleId, isRuleId)
      : undefined;
  if (above && 'reason' in above) return { ...above, reason: above.reason };
  if (opts.secret)
    for (const f of FOREIGN) {
      const text = f.above ? opts.above : lineText;
      if (text !== undefined && f.re.test(text))
        return { reason: `${f.name} marker`, marker: f.name.replace(/ \(.*$/, '') };
    }
  return here ?? above;
}

export function isProblem(a: InlineAllow | InlineProblem | undefined): a is InlineProblem {
  return a !== undefined && 'unknownRule' in a;
}
