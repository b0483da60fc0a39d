/**
 * Secret detection over one chunk of text: keyword prefilter → regex → allow lists → entropy → validator.
 * Pure: no I/O. Returns hits with offsets into the chunk; the engine turns them into findings.
 */
import type { Severity } from '../../types.js';
import { shannonEntropy } from './entropy.js';
import { ruleSetOf, type CompiledRule, type RuleSet } from './load.js';
import { VALIDATORS } from './validators.js';
import { findEncoded, mapBack } from './decode.js';

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

/**
 * Keywords that contain another keyword ("password=" contains "passw"): when the alternation matches the longer one,
 * the shorter one is present too. Computed once per rule set.
 */
const containedKeywords = new WeakMap<RuleSet, Map<string, string[]>>();
/** The keywords inside `kw` (itself included), computed the first time `kw` is seen: most never are. */
function contained(set: RuleSet, kw: string): string[] {
  let map = containedKeywords.get(set);
  if (!map) containedKeywords.set(set, (map = new Map()));
  let list = map.get(kw);
  if (!list) {
    list = [kw];
    for (const o of set.byKeyword.keys()) if (o !== kw && kw.includes(o)) list.push(o);
    map.set(kw, list);
  }
  return list;
}

/**
 * A process's first texts are prefiltered with one `includes` per keyword: no regex to build and compile, which is
 * what a commit's few added lines need. Past a budget of bytes (a scan of many files) the keyword trie regex is
 * built once and does it in one pass per text, which is far cheaper from then on.
 */
const SMALL_TEXT = 32 * 1024;
let includesBudget = 256 * 1024;

export function candidateRules(text: string, set: RuleSet): CompiledRule[] {
  const found = new Set<CompiledRule>();
  if (text.length <= SMALL_TEXT && includesBudget > 0) {
    includesBudget -= text.length;
    const lower = text.toLowerCase();
    for (const [kw, rules] of set.byKeyword) if (lower.includes(kw)) for (const r of rules) found.add(r);
    return [...found];
  }
  const re = set.keywordRe;
  const seenKw = new Set<string>();
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const kw = m[0].toLowerCase();
    // Overlapping keywords ("abc" and "bcd" in "abcd"): look again from the next character.
    re.lastIndex = m.index + 1;
    if (seenKw.has(kw)) continue;
    for (const k of contained(set, kw)) {
      if (seenKw.has(k)) continue;
      seenKw.add(k);
      for (const r of set.byKeyword.get(k) ?? []) found.add(r);
    }
    if (seenKw.size === set.byKeyword.size) break;
  }
  return [...found];
}

/**
 * The rules that can fire anywhere in `text`, as a set of their own: a staged commit's added lines are prefiltered
 * once for all files, and each file then checks only these few rules' keywords.
 */
export function narrowRuleSet(set: RuleSet, text: string): RuleSet {
  const rules = new Set(candidateRules(text, set));
  // Keywords may also appear only once decoded (a base64 Kubernetes Secret value).
  for (const run of findEncoded(text)) for (const r of candidateRules(run.decoded, set)) rules.add(r);
  return ruleSetOf([...rules]);
}

/**
 * Every secret in `text`: the rules over the text itself, then over one level of decoded base64 / hex /
 * percent-encoded runs (hits there point at the encoded characters). Offsets are into `text`.
 */
export function detectSecrets(text: string, set: RuleSet, globalAllow: RegExp[] = []): SecretHit[] {
  const hits = scanText(text, set, globalAllow);
  for (const run of findEncoded(text)) {
    for (const h of scanText(run.decoded, set, globalAllow)) {
      const [start, end] = mapBack(run, h.start, h.end);
      hits.push({
        ...h,
        secret: text.slice(start, end),
        start,
        end,
        why: `${h.why}; inside ${run.encoding}-encoded text`,
      });
    }
  }
  return dedupe(hits);
}

function describe(rule: CompiledRule, secret: string): string {
  const e = rule.p.entropy !== undefined ? `, entropy ${shannonEntropy(secret).toFixed(1)}` : '';
  return `matched ${rule.p.id}${e}`;
}

/** The rules over one text, no decoding. */
function scanText(text: string, set: RuleSet, globalAllow: RegExp[]): SecretHit[] {
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
      let why = describe(rule, secret);
      if (rule.p.validate) {
        const v = VALIDATORS[rule.p.validate]?.({ secret, match: m[0], text, index: m.index });
        if (v) {
          if (v.verdict === 'reject') continue;
          if (v.verdict === 'invalid') {
            severity = capSeverity(severity, 'low');
            confidence = 'low';
          }
          if (v.severity) severity = v.verdict === 'invalid' ? capSeverity(v.severity, 'low') : v.severity;
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
  return hits;
}

/** Rules that describe a container (a Secret manifest, a docker config) rather than what is in it. */
const CONTAINER_VALIDATORS = new Set(['generic-value', 'k8s-secret-data', 'docker-auth', 'credential-value']);

/** Where two rules claim overlapping text, keep the specific one (non-generic, then longer, then more severe). */
function dedupe(hits: SecretHit[]): SecretHit[] {
  const rank = (h: SecretHit) =>
    (h.rule.p.id.startsWith('generic') ? 0 : CONTAINER_VALIDATORS.has(h.rule.p.validate ?? '') ? 1e8 : 2e8) +
    (h.end - h.start) * 100 +
    ['info', 'low', 'medium', 'high', 'critical'].indexOf(h.severity) * 10 +
    ['low', 'medium', 'high'].indexOf(h.confidence);
  const sorted = [...hits].sort((a, b) => rank(b) - rank(a));
  const kept: SecretHit[] = [];
  for (const h of sorted) {
    if (kept.some((k) => h.start < k.end && k.start < h.end)) continue;
    kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}
