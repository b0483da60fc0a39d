/**
 * Rules matched near their anchors only (the generic assignment rule): the same matches, in the same order, as the
 * rule's regex run over the whole text.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchorCover,
  CompiledRule,
  compileRuleSet,
  readPatternDir,
  windowOf,
} from '../../../src/rules/secrets/load.js';
import { nextMatch } from '../../../src/rules/secrets/detect.js';
import { ROOT } from '../../helpers.js';

const set = compileRuleSet(await readPatternDir(path.join(ROOT, 'patterns')));
const generic = set.rules.find((r) => r.p.id === 'generic-secret-assignment')!;

/** Every match as the global regex finds them: start, end, groups and their offsets. */
function whole(re: RegExp, text: string): unknown[] {
  const out: unknown[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([m.index, [...m], m.indices]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}
function windowed(rule: CompiledRule, text: string): unknown[] {
  const out: unknown[] = [];
  let from = 0;
  for (let m = nextMatch(rule, text, from); m; m = nextMatch(rule, text, from)) {
    out.push([m.index, [...m], m.indices]);
    from = m.index + m[0].length + (m[0].length === 0 ? 1 : 0);
  }
  return out;
}
const rule = (regex: string, caseInsensitive = false) =>
  new CompiledRule({
    id: 'x',
    title: 'x',
    severity: 'high',
    keywords: ['x'],
    regex,
    remediation: 'x',
    examples: { match: [], nomatch: [] },
    ...(caseInsensitive ? { caseInsensitive } : {}),
  });

describe('rules matched near their anchors', () => {
  it('the generic assignment rule is one (a match starts at most 41 characters before its name); others are not', () => {
    expect(generic.window?.before).toBe(41);
    expect(generic.window?.anchor.flags).toBe('gi');
    expect(set.rules.find((r) => r.p.id === 'aws-access-key-id')!.window).toBeUndefined();
    expect(windowOf('[a-z]{0,9}?(?:ab|cd)x', false)?.before).toBe(9);
    expect(windowOf('(?:^|[^a-z])[a-z]{0,3}(?:ab|cd)x', false)?.before).toBe(4);
    // A back-reference in the group would mean something else on its own.
    expect(windowOf('[a-z]{0,9}?(?:(a)\\1|cd)x', false)).toBeUndefined();
    expect(windowOf('[a-z]{1,9}(?:ab|cd)x', false)).toBeUndefined();
  });

  it('finds the same matches as the whole-text regex on assignment-like texts', () => {
    const piece = fc.constantFrom(
      'password',
      'PassWord',
      'token',
      'api_key',
      'apikey',
      'secret',
      'credentials',
      'pwd',
      'db_',
      'my.',
      'x',
      'A',
      '9',
      '-',
      '=',
      '==',
      ':',
      '::',
      ':=',
      '=>',
      ' ',
      '\t',
      '"',
      "'",
      ']',
      '\n',
      'kX9mP2vL5q',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        expect(windowed(generic, text)).toEqual(whole(generic.regex, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('overlapping anchors, a match at the start of the text, long prefixes, and a group that can match empty', () => {
    const texts = [
      'password=abcd1234',
      'x'.repeat(45) + 'password=abcd1234 ' + '.'.repeat(40) + 'secretpassword: "zzzzzz"',
      'a'.repeat(41) + 'token=abcdefgh', // the prefix is 41 characters: the match starts one later
      'passwordpassword=abcd passwd pwd=1234',
    ];
    for (const t of texts) expect(windowed(generic, t)).toEqual(whole(generic.regex, t));
    // An anchor inside another ('aba' at 0 and 2 in 'ababax'): the match starts from the second one.
    const o = rule('[a-z]{0,1}(?:aba)x');
    expect(windowed(o, 'ababax')).toEqual(whole(o.regex, 'ababax'));
    expect(windowed(o, 'ababax')).toHaveLength(1);
    const r = rule('[a-z]{0,2}(?:b|)c', true);
    expect(r.window).toBeDefined();
    for (const t of ['abc', 'aaac', 'ABCxc c', '']) expect(windowed(r, t)).toEqual(whole(r.regex, t));
  });

  it('rules whose anchor alternatives are all in another rule share its enumeration, with the same matches', () => {
    const wide = rule('[a-z]{0,3}(?:ab|c[de]|ef(?!g))=x', true);
    const narrow = rule('[a-z]{0,3}(?:c[de]|ef(?!g))=x', true);
    const sensitive = rule('[a-z]{0,3}(?:c[de])=x');
    const other = rule('[a-z]{0,3}(?:cd|zz)=x', true);
    for (const r of [wide, narrow, sensitive, other]) r.plainBytes = Number.MAX_SAFE_INTEGER; // windows from the start
    // A cover is chosen among the windows made so far (they are made on first use).
    for (const r of [wide, narrow, sensitive, other]) expect(r.window).toBeDefined();
    expect(anchorCover(narrow.window!)).toBe(wide.window);
    expect(anchorCover(wide.window!)).toBe(wide.window);
    // Not under other flags, and not when one alternative is missing.
    expect(anchorCover(sensitive.window!)).toBe(sensitive.window);
    expect(anchorCover(other.window!)).toBe(other.window);
    const piece = fc.constantFrom('ab', 'AB', 'cd', 'Ce', 'ef', 'efg', 'zz', 'q', '=', 'x', ' ', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        // In turn over one text, as a scan runs its rules: the narrow rules reuse the wide one's places.
        for (const r of [wide, narrow, sensitive, other, narrow])
          expect(windowed(r, text)).toEqual(whole(r.regex, text));
      }),
      { numRuns: 2000 },
    );
  });
});
