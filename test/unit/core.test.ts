import { describe, expect, it, vi } from 'vitest';
import { inlineAllow } from '../../src/suppress/inline.js';
import { mask, maskLine } from '../../src/rules/secrets/mask.js';
import { checkRegexSafety } from '../../src/rules/secrets/safety.js';
import { parseScanArgs } from '../../src/cli/commands/scan.js';
import { escapeData, escapeProperty } from '../../src/report/github.js';
import { textReport } from '../../src/report/text.js';
import { scrubUserinfo } from '../../src/report/scrub.js';
import type { Finding, ScanResult } from '../../src/types.js';

describe('inline allow', () => {
  const ids = new Set(['github-pat', 'aws-access-key-id']);
  const isRuleId = (id: string) => ids.has(id);
  it.each([
    ['x = 1 # hookguard:allow', 'github-pat', 'inline hookguard:allow (no reason given)'],
    ['x = 1 // hookguard:allow github-pat test fixture', 'github-pat', 'test fixture'],
    ['x = 1 /* hookguard:allow because reasons */', 'github-pat', 'because reasons'],
    ['<!-- hookguard:allow github-pat docs example -->', 'github-pat', 'docs example'],
    ['x = 1 # hookguard:allow aws-access-key-id other rule', 'github-pat', undefined],
    ['x = 1 # hookguard:allowed', 'github-pat', undefined],
    ['x = 1', 'github-pat', undefined],
  ])('%s', (line, rule, reason) => {
    const a = inlineAllow(line, rule, isRuleId);
    expect(a && 'reason' in a ? a.reason : undefined).toBe(reason);
  });
  it('a comment line above counts; a code line above does not; a typo in a rule id allows nothing and says so', () => {
    expect(inlineAllow('x = "v"', 'github-pat', isRuleId, { above: '  # hookguard:allow github-pat fixture' })).toEqual(
      {
        reason: 'fixture',
      },
    );
    expect(inlineAllow('x = "v"', 'github-pat', isRuleId, { above: 'y = 1 # hookguard:allow' })).toBeUndefined();
    expect(inlineAllow('x = 1 # hookguard:allow aws-acess-key-id typo', 'github-pat', isRuleId)).toEqual({
      unknownRule: 'aws-acess-key-id',
    });
    expect(inlineAllow('x = 1 # hookguard:allow CFN-SG-01 typo', 'github-pat', isRuleId)).toEqual({
      unknownRule: 'CFN-SG-01',
    });
  });
});

describe('masking', () => {
  it('never shows more than a quarter of a value', () => {
    for (const n of [1, 5, 8, 12, 16, 24, 40, 100]) {
      const s = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3).slice(0, n);
      const m = mask(s);
      const shown = m.replace(/[…*]/g, '').length;
      expect(shown).toBeLessThanOrEqual(Math.floor(n / 4));
      if (n >= 4) expect(m).not.toContain(s);
    }
  });
  it('masks every range on a line and windows long lines', () => {
    const line = 'a=SECRETVALUE123456 b=OTHERSECRET98765432';
    const out = maskLine(line, [
      [2, 19],
      [22, 41],
    ]);
    expect(out).not.toContain('SECRETVALUE123456');
    expect(out).not.toContain('OTHERSECRET98765432');
    const long = 'x'.repeat(1000) + 'TOPSECRETTOPSECRET' + 'y'.repeat(1000);
    const w = maskLine(long, [[1000, 1018]], 100);
    expect(w.length).toBeLessThanOrEqual(102);
    expect(w).toContain('TO…ET');
  });
});

describe('regex safety', () => {
  it.each(['(a+)+$', '(\\w*\\s?)*x', '(x+x+)+y', '(a|a)*b', '(?:[a-z]+)*$'])('rejects %s', (re) => {
    expect(checkRegexSafety(re)).toBeDefined();
  });
  it.each(['\\b(ghp_[A-Za-z0-9]{36})\\b', '(?:a|b)+c', '[a-z]+\\d*', '(ab){1,3}c', 'a{2,}(?:b|c)'])(
    'accepts %s',
    (re) => {
      expect(checkRegexSafety(re)).toBeUndefined();
    },
  );
});

describe('argument parsing', () => {
  it('parses modes and options', () => {
    expect(parseScanArgs(['--pre-push', 'origin', 'git@x:y.git', '--format=json'])).toMatchObject({
      mode: 'pre-push',
      paths: ['origin', 'git@x:y.git'],
      format: 'json',
    });
    expect(parseScanArgs(['--', '--weird-file']).paths).toEqual(['--weird-file']);
    expect(() => parseScanArgs(['--since', 'x'])).toThrow(/--since goes with --history/);
    expect(() => parseScanArgs(['--format'])).toThrow(/--format needs a value/);
  });
});

describe('github escaping', () => {
  it('escapes data and properties like the runner expects', () => {
    expect(escapeData('50%\r\nnext')).toBe('50%25%0D%0Anext');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});

describe('text report colour', () => {
  const f: Finding = {
    ruleId: 'r',
    category: 'secret',
    severity: 'high',
    title: 'T',
    message: 'm',
    remediation: 'fix it',
    file: 'a',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    fingerprint: 'f',
    blocking: true,
  };
  const result: ScanResult = {
    findings: [f],
    existing: [],
    suppressed: [],
    errors: [],
    staleBaseline: [],
    summary: { files: 1, bytes: 1, skipped: { binary: 0, large: 0, other: 0 }, durationMs: 1, bySeverity: { high: 1 } },
  };
  it('uses ANSI colour only when asked', () => {
    expect(textReport(result, { toolVersion: '1', failOn: 'high', color: true, rules: [] })).toMatch(/\x1b\[31m/);
    expect(textReport(result, { toolVersion: '1', failOn: 'high', color: false, rules: [] })).not.toMatch(/\x1b\[/);
  });
});

describe('engine time budget', () => {
  it('stops after the budget, reports where, and keeps what it found', async () => {
    const { examine } = await import('../../src/engine/index.js');
    const { compileRuleSet } = await import('../../src/rules/secrets/load.js');
    const set = compileRuleSet([
      {
        id: 'x-token',
        title: 'X',
        severity: 'high',
        keywords: ['xtok_'],
        regex: '(xtok_[0-9]{8})',
        remediation: 'r',
        examples: { match: [], nomatch: [] },
      },
    ]);
    const out = await examine(
      {
        path: 'f',
        chunks: [
          { startLine: 1, text: 'xtok_12345678' },
          { startLine: 50, text: 'xtok_87654321' },
        ],
        bytes: 1,
      },
      { secrets: set, allow: [], overrides: new Map(), isRuleId: () => false, iac: false, budgetMs: -1 },
    );
    expect(out.findings.map((f) => f.line)).toEqual([1]);
    expect(out.errors).toEqual([
      expect.objectContaining({ file: 'f', line: 50, message: expect.stringMatching(/time budget/) }),
    ]);
  });
});

describe('keyword automaton', () => {
  it('finds every keyword that occurs, overlapping and nested ones included, ASCII case-insensitively', async () => {
    const { KeywordMatcher } = await import('../../src/rules/secrets/keywords.js');
    const kws = ['pass', 'password', 'paypal', 'x-y', 'a.b', '(a)', 'word', 'sword', 'abc', 'bcd', 'k'];
    const m = new KeywordMatcher(kws);
    const found = (t: string) => {
      const ids: number[] = [];
      m.scan(t, (id) => ids.push(id));
      return ids.map((i) => kws[i]).sort();
    };
    expect(found('PASSWORD')).toEqual(['pass', 'password', 'sword', 'word']);
    expect(found('xabcd (A) a.b paypa')).toEqual(['(a)', 'a.b', 'abc', 'bcd']);
    expect(found('axb x_y')).toEqual([]);
    // U+212A KELVIN SIGN lower-cases to "k" with toLowerCase, but is no ASCII "k" for the prefilter (as for /i).
    expect(found('\u212a pa\u00e9ss')).toEqual([]);
    expect(found('K')).toEqual(['k']);
  });

  it('agrees with a naive includes over random texts', async () => {
    const fc = await import('fast-check');
    const { KeywordMatcher } = await import('../../src/rules/secrets/keywords.js');
    const alpha = fc.constantFrom(...'abAB-_.$'.split(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.string({ unit: alpha, minLength: 1, maxLength: 4 }).map((s) => s.toLowerCase()),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.string({ unit: fc.oneof(alpha, fc.constant('\u00e9')), maxLength: 60 }),
        (kws, text) => {
          const m = new KeywordMatcher(kws);
          const got: string[] = [];
          m.scan(text, (id) => got.push(kws[id]!));
          const want = kws.filter((k) => text.replace(/[A-Z]/g, (c) => c.toLowerCase()).includes(k));
          expect(got.sort()).toEqual(want.sort());
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('keyword prefilter', () => {
  it('the small-text path and the automaton choose the same rules, in rule order', async () => {
    vi.resetModules(); // fresh modules: the includes budget unspent
    const { compileRuleSet, readPatternDir } = await import('../../src/rules/secrets/load.js');
    const { candidateRules } = await import('../../src/rules/secrets/detect.js');
    const { ROOT } = await import('../helpers.js');
    const set = compileRuleSet(await readPatternDir(`${ROOT}/patterns`));
    const sample =
      'DB_PASSWORD=x token: y ghp_ AKIA xoxb- -----BEGIN RSA PRIVATE KEY----- postgres://u:p@h sk_live_ eyJ'; // hookguard:allow private-key a bare header to exercise the prefilter
    const small = candidateRules(sample, set).map((r) => r.p.id);
    const large = candidateRules(sample + ' '.repeat(40_000), set).map((r) => r.p.id);
    expect(small.length).toBeGreaterThan(10);
    expect(large).toEqual(small);
    const order = new Map(set.rules.map((r, i) => [r.p.id, i]));
    expect(small.map((id) => order.get(id)!)).toEqual([...small.map((id) => order.get(id)!)].sort((a, b) => a - b));
  });
});

describe('encoded runs', () => {
  it('the small-text regex path and the loop find the same runs (padding counts towards the minimum length)', async () => {
    vi.resetModules(); // a fresh module: its regex budget unspent
    const { findEncoded } = await import('../../src/rules/secrets/decode.js');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const sample = [
      `a: ${b64('hello world')}`, // 15 characters and one '=': 16
      `b: ${b64('host=db password=x1')}`,
      `c: ${b64('0123456789')}`, // 14 characters and '=='
      'd: someLongIdentifierName path/to/some/file.js',
      `e: ${Buffer.from('user:pass@example').toString('hex')}`,
      'f: https%3A%2F%2Fexample.com%2Fx%3Fa%3Db',
    ].join('\n');
    const small = findEncoded(sample).map((r) => [r.encoding, r.start, r.end, r.decoded]);
    const large = findEncoded(sample + ' '.repeat(70_000)).map((r) => [r.encoding, r.start, r.end, r.decoded]);
    expect(large).toEqual(small);
    expect(small.map((r) => r[3])).toEqual([
      'hello world',
      'host=db password=x1',
      '0123456789',
      'user:pass@example',
      'https://example.com/x?a=b',
    ]);
  });
});

describe('narrowed rule sets', () => {
  it('keep every rule that can fire in the text, including in decoded runs', async () => {
    const { compileRuleSet, readPatternDir } = await import('../../src/rules/secrets/load.js');
    const { detectSecrets, narrowRuleSet } = await import('../../src/rules/secrets/detect.js');
    const { ROOT } = await import('../helpers.js');
    const { fakeGithubToken } = await import('../../scripts/fakes.mjs');
    const set = compileRuleSet(await readPatternDir(`${ROOT}/patterns`));
    const texts = [
      `token = "${fakeGithubToken()}"`,
      `data:\n  auth: ${Buffer.from(`user:${fakeGithubToken()}`).toString('base64')}`,
      ['DB_PASSWORD', 'Zq8#vLm2$Tx9wR'].join('='),
    ];
    const narrow = narrowRuleSet(set, texts);
    expect(narrow.rules.length).toBeLessThan(set.rules.length / 4);
    for (const t of texts) {
      const full = detectSecrets(t, set).map((h) => [h.rule.p.id, h.start]);
      expect(full.length).toBeGreaterThan(0);
      expect(detectSecrets(t, narrow).map((h) => [h.rule.p.id, h.start])).toEqual(full);
    }
  });
});

describe('masking a key block', () => {
  it('keeps the BEGIN line (the kind of key) and hides the body', () => {
    const body = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0';
    const block = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`; // hookguard:allow private-key fake body
    expect(mask(block)).toBe('-----BEGIN RSA PRIVATE KEY-----…'); // hookguard:allow private-key header only
    expect(mask(block)).not.toContain(body.slice(0, 8));
  });
});

describe('hook script quoting', () => {
  it('a recorded path with shell metacharacters stays a literal inside double quotes', async () => {
    const { shDoubleQuoted } = await import('../../src/install/index.js');
    const { execFileSync } = await import('node:child_process');
    const nasty = '/tmp/a "b" $(touch /tmp/pwned) `x` \\ c';
    expect(execFileSync('sh', ['-c', `printf %s "${shDoubleQuoted(nasty)}"`], { encoding: 'utf8' })).toBe(nasty);
  });
});

describe('masking repeats and URL userinfo (issue 31)', () => {
  const hex = (n: number) => [...Array(n)].map(() => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
  const word = () => 'K' + hex(6) + ['q%', 'q#', 'q?', 'q!'][Math.floor(Math.random() * 4)]! + hex(7);
  it.each([
    ['multi-host URL', (a: string, b: string) => `postgresql://app:${a}@db1:5432,app:${b}@db2:5432/app`],
    ['empty user', (a: string, b: string) => `mysql://:${a}@db1/x?fallback=mysql://:${b}@db2/x`],
    ['password with @', (a: string, b: string) => `redis://u:${a}@${b}@cache:6379`],
    ['repeated in a comment', (a: string, b: string) => `x = f("${a}") # was ${a}, before ${b} # and ${b}`],
  ])('%s: neither value is shown whole', (_name, make) => {
    const [a, b] = [word(), word()];
    const line = make(a, b);
    // The findings' own ranges: the first occurrence of each value (what a rule reports).
    const out = maskLine(
      line,
      [a, b].map((v): [number, number] => [line.indexOf(v), line.indexOf(v) + v.length]),
    );
    expect(out).not.toContain(a);
    expect(out).not.toContain(b);
  });
  it('a token in the user position is masked; a plain user name is not', () => {
    const t = hex(40);
    expect(maskLine(`git+https://${t}:x-oauth-basic@github.com/a/b.git`, [])).not.toContain(t);
    expect(maskLine(`ssh://deploy@host.acme.io/srv`, [])).toBe('ssh://deploy@host.acme.io/srv');
  });
  it('scrubUserinfo masks URL passwords in any printed text and leaves masked ones alone', () => {
    const [a, b] = [word(), word()];
    const s = scrubUserinfo(`could not open postgresql://app:${a}@db1,app:${b}@db2/app: refused`);
    expect(s).toBe('could not open postgresql://app:****@db1,app:****@db2/app: refused');
    expect(scrubUserinfo('postgresql://app:Ab…@db1/app')).toBe('postgresql://app:Ab…@db1/app');
  });
});
