import type { Finding, Suppressed } from '../types.js';

/** The audit-trail entry for a finding that a suppression dropped: who dropped it (`by`) and why. */
export function toSuppressed(f: Finding, by: Suppressed['by'], reason: string): Suppressed {
  return {
    ruleId: f.ruleId,
    file: f.file,
    ...(f.in ? { in: f.in } : {}),
    line: f.line,
    ...(f.commit ? { commit: f.commit } : {}),
    fingerprint: f.fingerprint,
    severity: f.severity,
    by,
    reason,
  };
}
