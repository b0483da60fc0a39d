/**
 * Secret detection over one chunk of text: keyword prefilter → regex → allow lists → entropy → validator.
 * Pure: no I/O. Returns hits with offsets into the chunk; the engine turns them into findings.
 */
import { storeReferenceAt } from './stores.js';
import type { Severity } from '../../types.js';
import { shannonEntropy } from './entropy.js';
import { anchorCover, ruleSetOf, type CompiledRule, type MatchWindow, type RuleSet } from './load.js';
import { crc32, VALIDATORS } from './validators.js';
import { findEncoded, mapBack, type EncodedRun } from './decode.js';
import { findEscaped, mapEscaped } from './escaped.js';
import {
  capAt,
  inComment,
  inDocstring,
  isDemoCredential,
  isMinifiedLine,
  isNowhereHost,
  isServiceContainerHost,
  lineAround,
  lineMentionsNowhereHost,
  placeOf,
  raiseTo,
  urlHostAfter,
} from './context.js';

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

/** A candidate a rule matched and then set aside, with the reason (shown by `scan --verbose`). */
export interface DroppedCandidate {
  ruleId: string;
  /** Offsets of the value in the chunk (the caller masks it; never print it whole). */
  start: number;
  end: number;
  secret: string;
  reason: string;
  /** Set for a candidate dropped because the file or line is generated (minified, source map, vendored release). */
  generated?: boolean;
}

export interface DetectContext {
  /** The file's path: tests, docs, generated bundles and deploy configs change what a heuristic hit is worth. */
  path?: string;
  /** Called for every candidate that was matched and then dropped. */
  onDrop?: (d: DroppedCandidate) => void;
}

/** Bound on matches per rule per chunk, so a pathological file cannot produce millions of findings. */
const MAX_MATCHES_PER_RULE = 200;

function capSeverity(s: Severity, cap: Severity): Severity {
  const order: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
  return order.indexOf(s) > order.indexOf(cap) ? cap : s;
}

/**
 * A process's first texts are prefiltered with one `includes` per keyword: no automaton to build, which is what a
 * commit's few added lines need. Past a budget of bytes (a scan of many files) the Aho-Corasick automaton is built
 * once and does it in one pass per text, which is far cheaper from then on. Both give the same rules, in rule order
 * (the order decides which of two equally ranked overlapping hits is kept, so it must not depend on the path).
 */
const SMALL_TEXT = 32 * 1024;
const NON_ASCII = /[^\x00-\x7f]/;
const UPPER = /[A-Z]+/g;
const lowerAscii = (s: string) => s.toLowerCase();
let includesBudget = 64 * 1024;

export function candidateRules(text: string, set: RuleSet): CompiledRule[] {
  const picked: number[] = [];
  const take = (id: number) => {
    for (const i of set.keywordRules[id]!) picked.push(i);
  };
  const matcher = set.asciiKeywords && (text.length > SMALL_TEXT || includesBudget <= 0) ? set.matcher : undefined;
  if (matcher) matcher.scan(text, take);
  else {
    includesBudget -= text.length;
    // ASCII keywords match ASCII letters of either case only, as in the automaton (toLowerCase would also fold
    // some non-ASCII letters into ASCII ones).
    const lower = !set.asciiKeywords || !NON_ASCII.test(text) ? text.toLowerCase() : text.replace(UPPER, lowerAscii);
    set.keywords.forEach((kw, id) => {
      if (lower.includes(kw)) take(id);
    });
  }
  if (picked.length === 0) return [];
  picked.sort((a, b) => a - b);
  const out: CompiledRule[] = [];
  for (let k = 0; k < picked.length; k++) if (k === 0 || picked[k] !== picked[k - 1]) out.push(set.rules[picked[k]!]!);
  return out;
}

/**
 * The rules that can fire anywhere in `text`, as a set of their own: a staged commit's added lines are prefiltered
 * once for all files, and each file then checks only these few rules' keywords.
 */
export function narrowRuleSet(set: RuleSet, texts: string[]): RuleSet {
  const rules = new Set(candidateRules(texts.join('\n'), set));
  // Keywords may also appear only once decoded (a base64 Kubernetes Secret value): the runs of each text, which are
  // the runs its detection decodes, kept for that detection (one search per text, not two).
  runsFound.clear();
  for (const text of texts) {
    const runs = findEncoded(text);
    runsFound.set(text, runs);
    for (const run of runs) for (const r of candidateRules(run.decoded, set)) rules.add(r);
  }
  return ruleSetOf([...rules]);
}

/** The encoded runs of the texts the last narrowRuleSet looked at (a staged batch's chunks): findEncoded is pure. */
const runsFound = new Map<string, EncodedRun[]>();

function encodedRuns(text: string): EncodedRun[] {
  return runsFound.get(text) ?? findEncoded(text);
}

/**
 * Every secret in `text`: the rules over the text itself, then over one level of decoded base64 / hex /
 * percent-encoded runs (hits there point at the encoded characters). Offsets are into `text`.
 */
export function detectSecrets(
  text: string,
  set: RuleSet,
  globalAllow: RegExp[] = [],
  ctx: DetectContext = {},
): SecretHit[] {
  const hits = scanText(text, set, globalAllow, ctx);
  for (const run of encodedRuns(text)) {
    // Candidates inside decoded text are not reported as dropped: their offsets are not the text's.
    for (const h of scanText(run.decoded, set, globalAllow, { ...(ctx.path ? { path: ctx.path } : {}) })) {
      // A value cut off by the end of the encoded run while the text goes on (`…Token=IQo${r(…)}`) is a fragment.
      if (h.end === run.decoded.length && /^[\w$]/.test(text.charAt(run.end))) continue;
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
  // Code inside escaped strings (a notebook's code cells, a script or JSON in a string literal): read unescaped.
  for (const run of findEscaped(text))
    for (const h of scanText(run.decoded, set, globalAllow, { ...(ctx.path ? { path: ctx.path } : {}) })) {
      const [start, end] = mapEscaped(run, h.start, h.end);
      hits.push({ ...h, secret: text.slice(start, end), start, end, why: `${h.why}; inside an escaped string` });
    }
  // A reference to a secret store (Vault lookup, ENC[…], !vault, {{resolve:…}}) is the right way, never a finding.
  return dedupe(hits).filter((h) => storeReferenceAt(text, h.start, h.end) === undefined);
}

function describe(rule: CompiledRule, secret: string): string {
  const e = rule.p.entropy !== undefined ? `, entropy ${shannonEntropy(secret).toFixed(1)}` : '';
  return `matched ${rule.p.id}${e}`;
}

/**
 * Rules that judge a value by the name it is assigned to, or by where it is (a URL's password, a Basic header),
 * rather than by a provider's token format: these are the ones that context (tests, docs, generated code) weighs.
 */
const HEURISTIC_VALIDATORS = new Set(['generic-value', 'credential-value', 'docker-auth']);
export function isHeuristic(rule: CompiledRule): boolean {
  return rule.p.id.startsWith('generic-') || HEURISTIC_VALIDATORS.has(rule.p.validate ?? '');
}

/**
 * Values copied from a provider's public documentation (the jwt.io sample, Stripe's docs test keys, RFC 7617's Basic
 * example), stored as length + two CRC-32s so the repository holds no token-shaped literal.
 */
const DOCS_EXAMPLES = new Set(['155:1lc66x2:z60ehr', '32:x4y0s0:1p2wv51', '32:12rhejz:1jivp3x', '28:xza3rx:1uyqbot']);
export function docsExampleKey(s: string): string {
  return `${s.length}:${crc32(s).toString(36)}:${crc32([...s].reverse().join('')).toString(36)}`;
}
function isDocsExample(s: string): boolean {
  return s.length >= 16 && s.length <= 400 && DOCS_EXAMPLES.has(docsExampleKey(s));
}

const FILE_EXT_AFTER = /^\.(?:png|jpe?g|gif|svg|webp|ico|bmp|html?|php|aspx?|jsp|css|m?js|pdf|md|txt)\b/i;

type Verdict =
  { severity: Severity; confidence: SecretHit['confidence']; why: string } | { drop: string; generated?: true };

/**
 * Weigh a hit by its place. Provider-format rules are only checked for a token prefix that is part of a file name or
 * an image URL; heuristic rules also answer to generated code, comments, tests, docs and loopback hosts.
 */
function weigh(
  rule: CompiledRule,
  text: string,
  start: number,
  end: number,
  severity: Severity,
  confidence: SecretHit['confidence'],
  why: string,
  quality: 'placeholder' | 'weak' | undefined,
  path: string | undefined,
): Verdict {
  const secret = text.slice(start, end);
  if (isDocsExample(secret))
    return { severity: 'low', confidence: 'low', why: `${why}; identical to an example in the provider's public docs` };
  const { line, start: ls } = lineAround(text, start);
  if (!isHeuristic(rule)) {
    // A browser SDK's init config (Firebase web config, Algolia search-only key): public by design.
    if (
      rule.p.id === 'gcp-api-key' &&
      /authDomain|messagingSenderId|firebaseConfig|initializeApp\(/.test(
        text.slice(Math.max(0, start - 600), end + 600),
      )
    )
      return {
        severity: capAt(severity, 'low'),
        confidence: 'low',
        why: `${why}; in a Firebase web config, where the key is public by design (restrict it by referrer and API)`,
      };
    const after = text.slice(end, end + 8);
    if (FILE_EXT_AFTER.test(after)) return { drop: 'part of a file name, not a token' };
    const seg =
      line
        .slice(0, start - ls)
        .split(/[\s"'`(=]/)
        .pop() ?? '';
    if (/:\/\/|^\/|\//.test(seg) && /<img|!\[|\bsrc=|\.(?:png|jpe?g|gif|svg|webp)\b/i.test(line) && !/[?&]/.test(seg))
      return { drop: 'part of an image path, not a token' };
    // Key pairs generated for a test suite (TLS/SSH libraries ship dozens): shown, not blocking. A provider token
    // keeps its severity in a test file: its format says it was issued by the provider.
    // A provider-shaped value with counting or repeated digits in test code (`xoxb-1111111111-2222222222-…`) was typed
    // by hand for the test, not issued.
    if (path !== undefined && placeOf(path).test && /(\d)\1{5,}|0123456|1234567|2345678|3456789/.test(secret))
      return {
        severity: capAt(severity, 'low'),
        confidence: 'low',
        why: `${why}; a made-up value (counting or repeated digits) in test code`,
      };
    if (rule.p.validate === 'private-key' && path !== undefined && placeOf(path).test)
      return {
        severity: capAt(severity, 'medium'),
        confidence: 'medium',
        why: capAt(severity, 'medium') !== severity ? `${why}; a test fixture` : why,
      };
    // A key published as an example (a library's examples/ or samples/ folder, a demo): public already, so reported,
    // not blocking. Debatable — a real key committed there is leaked all the same — and the rule doc says so.
    if (rule.p.validate === 'private-key' && path !== undefined && EXAMPLE_DIR.test(path))
      return {
        severity: capAt(severity, 'medium'),
        confidence: 'medium',
        why: capAt(severity, 'medium') !== severity ? `${why}; an example key (examples folder)` : why,
      };
    return { severity, confidence, why };
  }
  const place = path !== undefined ? placeOf(path) : undefined;
  if (place?.generated)
    return { drop: 'generated file (minified bundle, source map or vendored release)', generated: true };
  if (isMinifiedLine(line)) return { drop: 'minified line (generated code)', generated: true };
  const notes: string[] = [];
  let sev = severity;
  let conf = confidence;
  const cap = (to: Severity, note: string) => {
    const capped = capAt(sev, to);
    if (capped !== sev) notes.push(note);
    sev = capped;
    if (to === 'low') conf = 'low';
  };
  if (quality === 'weak' && place?.deploy && !place.test) {
    sev = raiseTo(sev, 'high');
    notes.push('deploy configuration');
  }
  const host = urlHostAfter(text, end);
  if (host !== undefined ? isNowhereHost(host) : lineMentionsNowhereHost(line))
    cap(
      'low',
      host !== undefined
        ? `for ${host.replace(/\$\{[^}]*\}/g, '${…}').slice(0, 60)}, a loopback or example host`
        : 'next to a loopback or example host',
    );
  if (host !== undefined && (place?.ci || place?.test) && isServiceContainerHost(host))
    cap('low', `for ${host.slice(0, 40)}, a CI service container`);
  if (host !== undefined) {
    const user = /([^\s:/@"'`,]{1,64}):$/.exec(text.slice(Math.max(0, start - 80), start))?.[1];
    if (user !== undefined && isDemoCredential(user, secret)) cap('low', 'classic demo credentials');
  }
  if (place?.locale) cap('low', 'a translation file');
  if (place?.test) cap('low', 'test code');
  // Vagrant's base boxes ship the user `vagrant` with the password `vagrant` (a published default, local VMs only).
  if (secret.toLowerCase() === 'vagrant' && path !== undefined && VAGRANTFILE.test(path))
    cap('low', "the Vagrant boxes' public default password in a Vagrantfile");
  if (quality === 'placeholder') cap('low', 'placeholder-like');
  if (inComment(line, start - ls)) cap('medium', 'in a comment');
  else if (inDocstring(text, start)) cap('medium', 'in a docstring or block comment');
  if (place?.docs) cap(quality ? 'low' : 'medium', 'documentation');
  else if (place?.example) cap(quality ? 'low' : 'medium', 'an example/template file');
  return { severity: sev, confidence: conf, why: notes.length ? `${why}; ${notes.join(', ')}` : why };
}

const VAGRANTFILE = /(?:^|\/)Vagrantfile(?:\.[\w.-]+)?$/;

/** Folders of published examples: `examples/`, `samples/`, `demo/` (keys there are reported, not blocking). */
const EXAMPLE_DIR = /(?:^|\/)(?:examples?|samples?|demos?)\//i;

/** How much text a rule scans with its plain regex before its window (when it has one) takes over. */
const WINDOW_AFTER_BYTES = 256 * 1024;

/**
 * The first match of the rule's regex in `text` starting at or after `from`, as its global regex would find it. A rule
 * whose matches start shortly before an anchor (the generic assignment rule: a name like password or token within 41
 * characters) is tried only at the starts that allow an anchor, in order: the same match, without running the regex
 * at every position of the text.
 */
export function nextMatch(rule: CompiledRule, text: string, from: number): RegExpExecArray | null {
  // The window costs two more regexes to compile (~15M instructions): a commit's few kilobytes are scanned sooner by
  // the plain regex. Both find the same matches, so the choice is by how much text this process has given the rule.
  if (from === 0 && rule.plainBytes < WINDOW_AFTER_BYTES) rule.plainBytes += text.length;
  const w = rule.plainBytes >= WINDOW_AFTER_BYTES ? rule.window : undefined;
  if (!w) {
    const re = rule.regex;
    re.lastIndex = from;
    return re.exec(text);
  }
  const { sticky, before } = w;
  const cover = anchorCover(w);
  const places = anchorPlaces(cover, text);
  let tried = from; // no match starts in [from, tried)
  // The first place at or after `from` (binary search), then each in order.
  let lo = 0;
  for (let hi = places.length; lo < hi;) {
    const mid = (lo + hi) >>> 1;
    if (places[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < places.length; k++) {
    const at = places[k]!;
    if (cover !== w) {
      w.at.lastIndex = at;
      if (!w.at.test(text)) continue;
    }
    for (let s = Math.max(tried, at - before); s <= at; s++) {
      sticky.lastIndex = s;
      const m = sticky.exec(text);
      if (m !== null) return m;
    }
    tried = at + 1;
  }
  return null;
}

/** The places of the last text each cover's anchor was enumerated over (the rules of a text run one after another). */
const placesOf = new WeakMap<MatchWindow, { text: string; places: number[] }>();

/** Every place in `text` where the window's anchor matches, overlapping ones included, in order. */
function anchorPlaces(w: MatchWindow, text: string): number[] {
  const known = placesOf.get(w);
  if (known !== undefined && known.text === text) return known.places;
  const places: number[] = [];
  const { anchor } = w;
  anchor.lastIndex = 0;
  for (let k = anchor.exec(text); k !== null; k = anchor.exec(text)) {
    places.push(k.index);
    anchor.lastIndex = k.index + 1;
  }
  placesOf.set(w, { text, places });
  return places;
}

/** The rules over one text, no decoding. */
function scanText(text: string, set: RuleSet, globalAllow: RegExp[], ctx: DetectContext): SecretHit[] {
  const drop = (rule: CompiledRule, start: number, end: number, reason: string, generated?: boolean) =>
    ctx.onDrop?.({
      ruleId: rule.p.id,
      start,
      end,
      secret: text.slice(start, end),
      reason,
      ...(generated ? { generated } : {}),
    });
  const hits: SecretHit[] = [];
  for (const rule of candidateRules(text, set)) {
    let count = 0;
    let from = 0;
    let m: RegExpExecArray | null;
    while ((m = nextMatch(rule, text, from)) !== null) {
      from = m.index + m[0].length;
      if (m[0].length === 0) {
        from++;
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
      if (rule.allow.some((a) => a.test(secret))) {
        drop(rule, start, end, "the rule's allow list (a documented example or placeholder)");
        continue;
      }
      const allowed = globalAllow.find((a) => a.test(secret));
      if (rule.p.entropy !== undefined) {
        const e = shannonEntropy(secret);
        if (e < rule.p.entropy) {
          drop(rule, start, end, `entropy ${e.toFixed(1)} below the rule's ${rule.p.entropy}`);
          continue;
        }
      }
      let severity = rule.p.severity;
      let confidence = rule.p.confidence ?? 'high';
      let why = describe(rule, secret);
      let quality: 'placeholder' | 'weak' | undefined;
      if (rule.p.validate) {
        const v = VALIDATORS[rule.p.validate]?.({ secret, match: m[0], text, index: m.index });
        if (v) {
          if (v.verdict === 'reject') {
            drop(rule, start, end, v.why ?? `rejected by the ${rule.p.validate} check`);
            continue;
          }
          quality = v.quality;
          if (v.verdict === 'invalid') {
            severity = capSeverity(severity, 'low');
            confidence = 'low';
          }
          if (v.severity) severity = v.verdict === 'invalid' ? capSeverity(v.severity, 'low') : v.severity;
          if (v.confidence) confidence = v.confidence;
          if (v.why) why = v.why;
        }
      }
      const w = weigh(rule, text, start, end, severity, confidence, why, quality, ctx.path);
      if ('drop' in w) {
        drop(rule, start, end, w.drop, w.generated);
        continue;
      }
      ({ severity, confidence, why } = w);
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
