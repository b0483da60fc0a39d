/**
 * `.hookguard.yaml`: load and validate, collecting every problem (file, line, what is wrong) before failing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isSeverity, UsageError, type FailOn, type Severity } from '../types.js';
import { compileRuleSet, validatePatterns } from '../rules/secrets/load.js';
import { detectSecrets } from '../rules/secrets/detect.js';
import { unsplit } from '../rules/secrets/types.js';
import { mask } from '../rules/secrets/mask.js';
import type { SecretPattern } from '../rules/secrets/types.js';
import { checkRegexSafety } from '../rules/secrets/safety.js';

export interface Config {
  file?: string;
  failOn?: FailOn;
  ignore: string[];
  rules: Map<string, 'off' | Severity>;
  allow: RegExp[];
  patterns: SecretPattern[];
  baseline?: string;
}

export const CONFIG_NAMES = ['.hookguard.yaml', '.hookguard.yml'];
const KEYS = ['failOn', 'ignore', 'rules', 'allow', 'patterns', 'baseline'];

export function emptyConfig(): Config {
  return { ignore: [], rules: new Map(), allow: [], patterns: [] };
}

export function findConfig(root: string): string | undefined {
  for (const n of CONFIG_NAMES) {
    const p = path.join(root, n);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Load a config file. `knownRules` are rule ids that `rules:` may name (custom patterns are added to it).
 */
export async function loadConfig(file: string, knownRules: ReadonlySet<string>, display = file): Promise<Config> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `config ${display}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  // Loaded only when a config file exists: the YAML parser is not part of the hook's start-up otherwise.
  const { parseYaml, isMap, isScalar, isSeq } = await import('../parse/yaml.js');
  const { doc, lc, errors: parseErrors } = parseYaml(text);
  // A syntax error at the end of the text is reported on the last line there is, never past it.
  const lastLine = Math.max(1, text.replace(/\n$/, '').split('\n').length);
  const errors: string[] = parseErrors.map((e) => `${display}:${Math.min(e.line ?? 1, lastLine)}: ${e.message}`);
  const at = (node: unknown) => {
    const r = (node as { range?: [number, number] } | undefined)?.range;
    return r ? lc.linePos(r[0]).line : 1;
  };
  const cfg: Config = { ...emptyConfig(), file };
  if (errors.length) throw new UsageError(`invalid config:\n  ${errors.join('\n  ')}`);
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return cfg;
  if (!isMap(root)) throw new UsageError(`invalid config:\n  ${display}:${at(root)}: expected a mapping of settings`);

  const err = (node: unknown, msg: string) => errors.push(`${display}:${at(node)}: ${msg}`);
  const strings = (node: unknown, what: string): string[] => {
    if (!isSeq(node)) {
      err(node, `${what} must be a list of strings`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      if (isScalar(item) && typeof item.value === 'string') out.push(item.value);
      else err(item, `${what}: every entry must be a string`);
    }
    return out;
  };

  let patternsNode: unknown;
  const ruleNodes: Array<[string, unknown]> = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value;
    switch (key) {
      case 'failOn': {
        const s = isScalar(v) ? v.value : undefined;
        if (s === 'none' || (isSeverity(s) && s !== 'info')) cfg.failOn = s;
        else err(v ?? pair.key, `failOn must be one of critical, high, medium, low, none`);
        break;
      }
      case 'ignore':
        cfg.ignore = strings(v, 'ignore');
        break;
      case 'baseline':
        if (isScalar(v) && typeof v.value === 'string') cfg.baseline = v.value;
        else err(v ?? pair.key, 'baseline must be a file path');
        break;
      case 'allow':
        for (const [i, s] of strings(v, 'allow').entries()) {
          try {
            const re = new RegExp(s);
            const unsafe = checkRegexSafety(s);
            if (unsafe) err(isSeq(v) ? v.items[i] : v, `allow regex /${s}/ is unsafe: ${unsafe}`);
            else cfg.allow.push(re);
          } catch (e) {
            err(isSeq(v) ? v.items[i] : v, `allow regex does not compile: ${(e as Error).message}`);
          }
        }
        break;
      case 'rules':
        if (!isMap(v)) {
          err(v ?? pair.key, 'rules must map rule ids to off or a severity');
          break;
        }
        for (const rp of v.items) {
          const id = isScalar(rp.key) ? String(rp.key.value) : '';
          const val = isScalar(rp.value) ? rp.value.value : undefined;
          const setting = val === false ? 'off' : val;
          if (setting !== 'off' && !isSeverity(setting))
            err(rp.value ?? rp.key, `rules.${id}: expected off or one of critical, high, medium, low, info`);
          else cfg.rules.set(id.toLowerCase(), setting);
          ruleNodes.push([id, rp.key]);
        }
        break;
      case 'patterns':
        patternsNode = v;
        break;
      default:
        err(pair.key, `unknown key "${key}" (known: ${KEYS.join(', ')})`);
    }
  }

  if (patternsNode !== undefined) {
    const raw = (patternsNode as { toJSON?: () => unknown }).toJSON?.() ?? null;
    // Each problem is reported at the line of the rule's key that is wrong (`regex:`), else at its `- id:` line.
    const items = isSeq(patternsNode) ? patternsNode.items : [];
    const nodeOf = (i: number, key?: string): unknown => {
      const item = items[i];
      if (key && isMap(item)) {
        const pair = item.items.find((p) => isScalar(p.key) && p.key.value === key);
        if (pair) return pair.key;
      }
      return item ?? patternsNode;
    };
    const lineOf = (i: number, key?: string) => `${display}:${at(nodeOf(i, key))}: patterns`;
    const { patterns, errors: perrs } = validatePatterns(raw, `${display}:${at(patternsNode)}: patterns`, lineOf);
    errors.push(...perrs);
    for (const [i, p] of patterns.entries()) {
      if (knownRules.has(p.id)) errors.push(`${lineOf(i, 'id')}: rule "${p.id}" has the id of a built-in rule`);
      const unsafe = typeof p.regex === 'string' ? checkRegexSafety(p.regex) : undefined;
      if (unsafe) errors.push(`${lineOf(i, 'regex')}: rule "${p.id}" regex is unsafe: ${unsafe}`);
    }
    // A custom rule must find its own examples (and not its counter-examples), as built-in rules must.
    if (!errors.length)
      for (const [pi, p] of patterns.entries()) {
        const set = compileRuleSet([p]);
        // Examples are named by number and shown masked: a config may hold a real value, and errors never print one.
        p.examples.match.forEach((ex, i) => {
          if (!detectSecrets(unsplit(ex), set).length)
            errors.push(`${lineOf(pi, 'examples')}: rule "${p.id}" does not match its example ${i + 1} (${mask(ex)})`);
        });
        p.examples.nomatch.forEach((ex, i) => {
          if (detectSecrets(unsplit(ex), set).length)
            errors.push(`${lineOf(pi, 'examples')}: rule "${p.id}" matches its nomatch example ${i + 1} (${mask(ex)})`);
        });
      }
    cfg.patterns = patterns.map((p) => ({ ...p, keywords: p.keywords.map((k) => k.toLowerCase()), source: display }));
  }
  const known = new Set([...knownRules, ...cfg.patterns.map((p) => p.id)]);
  for (const [id, node] of ruleNodes)
    if (!known.has(id.toLowerCase())) err(node, `rules: unknown rule id "${id}" (see hookguard rules)`);
  if (errors.length) throw new UsageError(`invalid config:\n  ${errors.join('\n  ')}`);
  return cfg;
}
