/**
 * Secret rules: validation of the patterns format and compilation into a rule set with a keyword prefilter.
 * Built-in rules are compiled from patterns/*.yaml to lib/patterns.json at build time, so the hook never parses
 * YAML to start.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { fileURLToPath } from 'node:url';
import { isSeverity } from '../../types.js';
import type { SecretPattern } from './types.js';
import { VALIDATORS } from './validators.js';
import { KeywordMatcher } from './keywords.js';

const KNOWN_KEYS = new Set([
  'id',
  'title',
  'severity',
  'keywords',
  'names',
  'regex',
  'secretGroup',
  'entropy',
  'validate',
  'allow',
  'caseInsensitive',
  'confidence',
  'remediation',
  'docs',
  'examples',
]);

/** What can follow a whole-word name in a key (`DB_PASS=`, `pass: `, `"pass"`, `smtp_pass2`, `dbPass = `). */
const WORD_ENDS = ['=', ':', '"', "'", ']', ' ', '\t', '_', '-', '.', ...'0123456789'];

/** Where a rule's `names` go in its regex. */
export const NAMES_SLOT = '{names}';

/**
 * A rule's keyword prefilter and the names group of its regex, from one list of names (issue 31: the generic rule's
 * keywords listed only snake_case forms, so `privateKey`, `authKey`, `access-key:` never reached its regex). Each `_`
 * in a name is an optional `_` or `-` (case-insensitive rules also take camelCase: `private_key` → privateKey,
 * PRIVATE-KEY, private_key); each name gives every keyword its spellings need. A name ending in `!` is a whole word at
 * its end (`pass!`: DB_PASS, dbPass, but not passed or passenger); its keywords are each spelling followed by each
 * character that can end a word in a key.
 */
export function fromNames(names: string[], regex: string): { keywords: string[]; regex: string } {
  const keywords = new Set<string>();
  const alts: string[] = [];
  for (const raw of names) {
    const whole = raw.endsWith('!');
    const name = whole ? raw.slice(0, -1) : raw;
    const parts = name.split('_');
    alts.push(parts.join('[_-]?') + (whole ? '(?![a-z])' : ''));
    for (const sep of ['_', '-', '']) {
      const spelling = parts.join(sep);
      // A whole word is followed by what can follow a word in a key: the prefilter needs no bare `pass`, which
      // occurs in every text (passed, bypass).
      if (whole) for (const c of WORD_ENDS) keywords.add(spelling + c);
      else keywords.add(spelling);
    }
  }
  // A keyword that holds a shorter keyword adds nothing to the prefilter.
  const kws = [...keywords].filter((k) => ![...keywords].some((o) => o !== k && k.includes(o)));
  return { keywords: kws, regex: regex.split(NAMES_SLOT).join(`(?:${alts.join('|')})`) };
}

/** Validate raw pattern objects; returns every problem found, each naming the rule. */
export function validatePatterns(
  raw: unknown,
  where: string,
  /** Where rule `index` (or its `key`) is written, when the caller knows (a config names the exact line). */
  locate?: (index: number, key?: string) => string,
): { patterns: SecretPattern[]; errors: string[] } {
  const errors: string[] = [];
  const patterns: SecretPattern[] = [];
  if (!Array.isArray(raw)) return { patterns, errors: [`${where}: expected a list of rules`] };
  raw.forEach((r: unknown, i) => {
    const at = (key?: string) => (locate ? locate(i, key) : where);
    const label = `${at()}: rule ${i + 1}`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      errors.push(`${label}: expected a mapping`);
      return;
    }
    const o = r as Record<string, unknown>;
    const name = (key?: string) =>
      typeof o.id === 'string' ? `${at(key)}: rule "${o.id}"` : `${at(key)}: rule ${i + 1}`;
    const bad = (m: string, key?: string) => errors.push(`${name(key)}: ${m}`);
    for (const k of Object.keys(o)) if (!KNOWN_KEYS.has(k)) bad(`unknown key "${k}"`, k);
    if (typeof o.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(o.id)) bad('id must be kebab-case', 'id');
    if (typeof o.title !== 'string' || !o.title) bad('title is required', 'title');
    if (!isSeverity(o.severity)) bad('severity must be one of critical, high, medium, low, info', 'severity');
    let derived: { keywords: string[]; regex: string } | undefined;
    if (o.names !== undefined) {
      if (
        !Array.isArray(o.names) ||
        o.names.length === 0 ||
        !o.names.every((n) => typeof n === 'string' && /^[a-z0-9]+(?:_[a-z0-9]+)*!?$/.test(n))
      )
        bad('names must be a non-empty list of lower-case words joined by "_" (optionally ending in "!")', 'names');
      else if (o.keywords !== undefined) bad('keywords are derived from names: give one or the other', 'keywords');
      else if (typeof o.regex !== 'string' || !o.regex.includes(NAMES_SLOT))
        bad(`a rule with names has ${NAMES_SLOT} in its regex, where the names go`, 'regex');
      else derived = fromNames(o.names as string[], o.regex);
    } else if (
      !Array.isArray(o.keywords) ||
      o.keywords.length === 0 ||
      !o.keywords.every((k) => typeof k === 'string' && k)
    )
      bad('keywords must be a non-empty list of strings', 'keywords');
    // The rule as compiled: keywords and regex spelled out (a compiled rule has no `names`, and validates again).
    const { names: _names, ...rest } = o;
    const c: Record<string, unknown> = derived ? { ...rest, ...derived } : o;
    let groups = 0;
    if (typeof c.regex !== 'string' || !c.regex) bad('regex is required', 'regex');
    else {
      const flags = o.caseInsensitive ? 'i' : '';
      try {
        new RegExp(c.regex, flags);
        // The number of groups, from a copy that matches the empty string.
        groups = (new RegExp(c.regex + '|', flags).exec('')?.length ?? 1) - 1;
      } catch (e) {
        bad(`regex does not compile: ${(e as Error).message}`, 'regex');
      }
    }
    if (o.secretGroup !== undefined && (!Number.isInteger(o.secretGroup) || (o.secretGroup as number) > groups))
      bad(`secretGroup ${String(o.secretGroup)} does not exist in the regex (it has ${groups} groups)`, 'secretGroup');
    if (o.entropy !== undefined && (typeof o.entropy !== 'number' || o.entropy < 0 || o.entropy > 8))
      bad('entropy must be a number of bits per character between 0 and 8', 'entropy');
    if (o.validate !== undefined && (typeof o.validate !== 'string' || !VALIDATORS[o.validate]))
      bad(`unknown validator "${String(o.validate)}" (known: ${Object.keys(VALIDATORS).join(', ')})`, 'validate');
    if (o.allow !== undefined) {
      if (!Array.isArray(o.allow) || !o.allow.every((a) => typeof a === 'string'))
        bad('allow must be a list of regexes', 'allow');
      else
        for (const a of o.allow) {
          try {
            new RegExp(a);
          } catch (e) {
            bad(`allow regex does not compile: ${(e as Error).message}`, 'allow');
          }
        }
    }
    if (o.confidence !== undefined && !['high', 'medium', 'low'].includes(o.confidence as string))
      bad('confidence must be high, medium or low', 'confidence');
    if (typeof o.remediation !== 'string' || !o.remediation) bad('remediation is required', 'remediation');
    const ex = o.examples as { match?: unknown; nomatch?: unknown } | undefined;
    if (
      !ex ||
      typeof ex !== 'object' ||
      !Array.isArray(ex.match) ||
      ex.match.length === 0 ||
      !Array.isArray(ex.nomatch ?? []) ||
      ![...(ex.match as unknown[]), ...((ex.nomatch as unknown[]) ?? [])].every((s) => typeof s === 'string')
    )
      bad('examples.match (non-empty) and examples.nomatch must be lists of strings', 'examples');
    patterns.push({
      ...(c as unknown as SecretPattern),
      keywords: Array.isArray(c.keywords) ? (c.keywords as string[]).map((k) => String(k).toLowerCase()) : [],
      examples: { match: (ex?.match as string[]) ?? [], nomatch: (ex?.nomatch as string[]) ?? [] },
    });
  });
  const seen = new Set<string>();
  for (const p of patterns) {
    if (seen.has(p.id)) errors.push(`${where}: duplicate rule id "${p.id}"`);
    seen.add(p.id);
  }
  return { patterns, errors };
}

export class CompiledRule {
  private re?: RegExp;
  private allowRes?: RegExp[];
  readonly group: number;
  /** Text this rule has scanned with its plain regex in this process (see `nextMatch`). */
  plainBytes = 0;
  constructor(readonly p: SecretPattern) {
    // Without secretGroup: the first capture group that took part in the match (alternatives may each capture).
    this.group = p.secretGroup ?? -1;
  }
  /** Compiled on first use, like the regex. */
  get allow(): RegExp[] {
    this.allowRes ??= (this.p.allow ?? []).map((a) => new RegExp(a));
    return this.allowRes;
  }
  /** Compiled on first use: most rules never see their keyword in a typical commit. */
  get regex(): RegExp {
    this.re ??= new RegExp(this.p.regex, 'gd' + (this.p.caseInsensitive ? 'i' : ''));
    return this.re;
  }
  private win?: MatchWindow | null;
  /** How to find this rule's matches near its anchors only, when its regex has that shape (see `windowOf`). */
  get window(): MatchWindow | undefined {
    if (this.win === undefined) this.win = windowOf(this.p.regex, this.p.caseInsensitive === true) ?? null;
    return this.win ?? undefined;
  }
}

/**
 * A regex every match of which starts at most `before` characters ahead of a place where `anchor` matches, so its
 * matches can be looked for only there (with `sticky`, the same regex tried at one position) instead of at every
 * position of the text: the same matches, in the same order.
 */
export interface MatchWindow {
  /** Where the alternatives the rule needs can start (global; positions are enumerated one by one). */
  anchor: RegExp;
  before: number;
  /** The rule's regex, sticky. */
  sticky: RegExp;
  /** The anchor group's top-level alternatives, as written, and the group sticky (is there an anchor at one place?). */
  alts: string[];
  at: RegExp;
  /**
   * A window whose anchor has every alternative of this one, with the same flags (this one, or one of another rule):
   * the places its anchor matches hold every place this one's does. Rules that share one enumerate its anchor over a
   * text once between them (see `anchorCover`).
   */
  cover?: MatchWindow;
  coverGen?: number;
}

/** Every window made in this process, for `anchorCover`; `windowsGen` counts them. */
const windowsMade: MatchWindow[] = [];
let windowsGen = 0;

/**
 * The window made so far with the most alternatives among those that hold every alternative of `w` under the same
 * flags (`w` itself when none has more). An alternative that matches at a place makes its group match there, so the
 * places where the cover's anchor matches are a superset of `w`'s: `w`'s are those of them where `w.at` matches.
 */
export function anchorCover(w: MatchWindow): MatchWindow {
  if (w.coverGen === windowsGen && w.cover) return w.cover;
  let best = w;
  for (const o of windowsMade)
    if (
      o.alts.length > best.alts.length &&
      o.anchor.flags === w.anchor.flags &&
      w.alts.every((a) => o.alts.includes(a))
    )
      best = o;
  w.cover = best;
  w.coverGen = windowsGen;
  return best;
}

/** The top-level alternatives of a group `(?:…)` (escapes, classes and nested groups kept whole). */
function alternatives(group: string): string[] {
  const body = group.slice(3, -1);
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < body.length && body[i] !== ']'; i++) if (body[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(body.slice(from, i));
      from = i + 1;
    }
  }
  out.push(body.slice(from));
  return out;
}

/** The closing parenthesis of the group opened at `open`, or -1 (escapes and character classes skipped). */
function groupEnd(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The shape of the generic assignment rules: an optional one-character boundary `(?:^|[^…])`, a bounded prefix
 * `[…]{0,N}` (lazy or not), then a group of names `(?:password|secret|…)`. Each match starts at most N + 1
 * characters before a place where that group matches. Otherwise undefined (the regex is run over the whole text).
 */
export function windowOf(src: string, caseInsensitive: boolean): MatchWindow | undefined {
  const m = /^(\(\?:\^\|\[\^(?:\\.|[^\]\\])+\]\))?\[(?:\\.|[^\]\\])+\]\{0,(\d+)\}\??(?=\(\?:)/.exec(src);
  if (!m) return undefined;
  const open = m[0].length;
  const close = groupEnd(src, open);
  if (close === -1) return undefined;
  const group = src.slice(open, close + 1);
  // Standalone, the group must mean what it means inside the rule: no back-references, no named groups.
  if (/\\[1-9k]|\(\?</.test(group)) return undefined;
  if (!group.startsWith('(?:')) return undefined;
  const flags = caseInsensitive ? 'i' : '';
  try {
    const w: MatchWindow = {
      anchor: new RegExp(group, 'g' + flags),
      before: Number(m[2]) + (m[1] ? 1 : 0),
      sticky: new RegExp(src, 'yd' + flags),
      alts: alternatives(group),
      at: new RegExp(group, 'y' + flags),
    };
    windowsMade.push(w);
    windowsGen++;
    return w;
  } catch {
    return undefined;
  }
}

export interface RuleSet {
  rules: CompiledRule[];
  /** Keyword → the rules it admits, in rule order. */
  byKeyword: Map<string, CompiledRule[]>;
  /** The keywords (ids of the matcher) and, per keyword id, the indexes in `rules` of the rules it admits. */
  keywords: string[];
  keywordRules: number[][];
  /** Every keyword is ASCII (else the prefilter is `includes` over the lower-cased text, always). */
  asciiKeywords: boolean;
  /** The Aho-Corasick prefilter over every keyword, built on first use; undefined when a keyword is not ASCII. */
  readonly matcher: KeywordMatcher | undefined;
}

export function compileRuleSet(patterns: SecretPattern[]): RuleSet {
  return ruleSetOf(patterns.map((p) => new CompiledRule(p)));
}

/** A rule set over already-compiled rules (their compiled regexes are shared). */
export function ruleSetOf(rules: CompiledRule[]): RuleSet {
  const byKeyword = new Map<string, CompiledRule[]>();
  const keywordRules: number[][] = [];
  const ids = new Map<string, number>();
  rules.forEach((r, i) => {
    for (const k of r.p.keywords) {
      const list = byKeyword.get(k) ?? [];
      if (list[list.length - 1] !== r) list.push(r);
      byKeyword.set(k, list);
      let id = ids.get(k);
      if (id === undefined) {
        ids.set(k, (id = keywordRules.length));
        keywordRules.push([]);
      }
      const idx = keywordRules[id]!;
      if (idx[idx.length - 1] !== i) idx.push(i);
    }
  });
  const keywords = [...ids.keys()];
  const asciiKeywords = KeywordMatcher.accepts(keywords);
  let matcher: KeywordMatcher | undefined | null = null;
  return {
    asciiKeywords,
    rules,
    byKeyword,
    keywords,
    keywordRules,
    // Built on first use: small texts (every commit) are prefiltered without it, and building it costs start-up time.
    get matcher() {
      if (matcher === null) matcher = asciiKeywords ? new KeywordMatcher(keywords) : undefined;
      return matcher;
    },
  };
}

function findPatternsDir(): string | undefined {
  for (const rel of ['../patterns/', '../../patterns/', '../../../patterns/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return undefined;
}

/** Built-in rules: lib/patterns.json when built, else patterns/*.yaml (tests run from source). */
export async function loadBuiltinPatterns(): Promise<SecretPattern[]> {
  for (const rel of ['./patterns.json', '../patterns.json']) {
    const compiled = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(compiled)) {
      // The build writes it in ASCII (\u escapes): read as Latin-1, a copy, where UTF-8 decoding is two passes.
      const buf = readFileSync(compiled);
      return JSON.parse(isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8')) as SecretPattern[];
    }
  }
  const dir = findPatternsDir();
  if (!dir) throw new Error('built-in patterns not found (run npm run build)');
  return readPatternDir(dir);
}

export async function readPatternDir(dir: string): Promise<SecretPattern[]> {
  const mod = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
  const parse = mod.parse ?? mod.default!.parse;
  const all: SecretPattern[] = [];
  const errors: string[] = [];
  for (const f of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const raw: unknown = parse(readFileSync(dir + '/' + f, 'utf8'));
    const { patterns, errors: errs } = validatePatterns(raw, `patterns/${f}`);
    errors.push(...errs);
    all.push(...patterns.map((p) => ({ ...p, source: `patterns/${f}` })));
  }
  const ids = new Map<string, string>();
  for (const p of all) {
    if (ids.has(p.id)) errors.push(`${p.source}: rule id "${p.id}" is already used in ${ids.get(p.id)}`);
    ids.set(p.id, p.source ?? '');
  }
  if (errors.length) throw new Error(errors.join('\n'));
  return all;
}
