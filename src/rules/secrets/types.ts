import type { Severity } from '../../types.js';

/** A secret rule as written in patterns/*.yaml (see DESIGN.md, "Secret rule format"). */
export interface SecretPattern {
  id: string;
  title: string;
  severity: Severity;
  /** Lower-case literals; the regex runs only on chunks containing one of them. */
  keywords: string[];
  /**
   * Credential names the rule's regex takes at `{names}`: the keywords and that group of the regex are both derived
   * from it (see `fromNames`), so the prefilter can never miss a spelling the regex takes.
   */
  names?: string[];
  regex: string;
  /** Capture group holding the secret (default: the first group that took part in the match, else the whole match). */
  secretGroup?: number;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Name of an offline validator in validators.ts. */
  validate?: string;
  /** Regexes of values this rule must never report (placeholders, documentation examples). */
  allow?: string[];
  caseInsensitive?: boolean;
  confidence?: 'high' | 'medium' | 'low';
  remediation: string;
  /** Extra documentation for `hookguard explain` (what / why). */
  docs?: string;
  examples: { match: string[]; nomatch: string[] };
  /** Where the rule came from: 'builtin' or the config file. */
  source?: string;
}

/** Example strings may contain this marker so stored fake tokens do not look live; it is removed before use. */
export const EXAMPLE_SPLIT = '\u2039\u203a';

export function unsplit(s: string): string {
  return s.split(EXAMPLE_SPLIT).join('');
}
