/**
 * Secret detection over one chunk of text: keyword prefilter → regex → allow lists → entropy → validator.
 * Pure: no I/O. Returns hits with offsets into the chunk; the engine turns them into findings.
 */
import type { Severity } from '../../types.js';
import { shannonEntropy } from './entropy.js';
import type { CompiledRule, RuleSet } from './load.js';
import { VALIDATORS } from './validators.js';

export interface SecretHit {
  rule: CompiledRule;
  secret: string;
  /** Offsets of the secret in the chunk. */
  start: number;
  end: number;
  severity: Severity;
  confidence: 'high' | 'medium' | 'low';
  why: string;
  /** Set when the value matched an allow list: the hit is a suppression, not a finding. */
  allowedBy?: string;
}

/** Bound on matches per rule per chunk, so a pathological file cannot produce millions of findings. */
const MAX_MATCHES_PER_RULE = 200;

function capSeverity(s: Severity, cap: Severity): Severity {
  const order: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
  return order.indexOf(s) > order.indexOf(cap) ? cap : s;
}

export function candidateRules(text: string, set: RuleSet): CompiledRule[] {
  const found = new Set<CompiledRule>();
  set.keywordRe.lastIndex = 0;
  const seenKw = new Set<string>();
  for (const m of text.matchAll(set.keywordRe)) {
    const kw = m[0].toLowerCase();
    if (seenKw.has(kw)) continue;
    seenKw.add(kw);
    for (const r of set.byKeyword.get(kw) ?? []) found.add(r);
    if (seenKw.size === set.byKeyword.size) break;
  }
  return [...found];
}

export function detectSecrets(text: string, set: RuleSet, globalAllow: RegExp[] = []): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const rule of candidateRules(text, set)) {
    const re = rule.regex;
    re.lastIndex = 0;
    let count = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (++count > MAX_MATCHES_PER_RULE) break;
      let g = rule.group;
      if (g < 0) {
        g = 0;
        for (let i = 1; i < m.length; i++)
          if (m[i] !== undefined) {
            g = i;
            break;
          }
      }
      const secret = m[g];
      const span = m.indices?.[g];
      if (secret === undefined || !span) continue;
      const [start, end] = span;
      if (rule.allow.some((a) => a.test(secret))) continue;
      const allowed = globalAllow.find((a) => a.test(secret));
      if (rule.p.entropy !== undefined && shannonEntropy(secret) < rule.p.entropy) continue;
      let severity = rule.p.severity;
      let confidence = rule.p.confidence ?? 'high';
      let why = `matched ${rule.p.id}`;
      if (rule.p.validate) {
        const v = VALIDATORS[rule.p.validate]?.({ secret, match: m[0], text, index: m.index });
        if (v) {
          if (v.verdict === 'reject') continue;
          if (v.verdict === 'invalid') {
            severity = capSeverity(severity, 'low');
            confidence = 'low';
          }
          if (v.severity) severity = v.severity;
          if (v.confidence) confidence = v.confidence;
          if (v.why) why = v.why;
        }
      }
      hits.push({
        rule,
        secret,
        start,
        end,
        severity,
        confidence,
        why,
        ...(allowed ? { allowedBy: `config allow: ${allowed.source}` } : {}),
      });
    }
  }
  return dedupe(hits);
}

/** Where two rules claim overlapping text, keep the specific one (non-generic, then longer, then more severe). */
function dedupe(hits: SecretHit[]): SecretHit[] {
  const rank = (h: SecretHit) =>
    (h.rule.p.id.startsWith('generic') ? 0 : 1e6) +
    (h.end - h.start) * 10 +
    ['info', 'low', 'medium', 'high', 'critical'].indexOf(h.severity);
  const sorted = [...hits].sort((a, b) => rank(b) - rank(a));
  const kept: SecretHit[] = [];
  for (const h of sorted) {
    if (kept.some((k) => h.start < k.end && k.start < h.end)) continue;
    kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}
