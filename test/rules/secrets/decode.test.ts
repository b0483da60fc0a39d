/** One level of decoding: base64 / base64url / hex / percent-encoding, offsets in the original text. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeGithubToken, fakeNpmToken, rand, ALNUM } from '../../../scripts/fakes.mjs';
import { compileRuleSet, readPatternDir } from '../../../src/rules/secrets/load.js';
import { detectSecrets } from '../../../src/rules/secrets/detect.js';
import { DECODE_LIMITS, findEncoded } from '../../../src/rules/secrets/decode.js';
import { ROOT } from '../../helpers.js';

const set = compileRuleSet(await readPatternDir(path.join(ROOT, 'patterns')));

describe('decoding', () => {
  it('finds a GitHub token inside a Kubernetes Secret data value and points at the encoded text', () => {
    const token = fakeGithubToken();
    const enc = Buffer.from(token).toString('base64');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gh\ndata:\n  token: ${enc}\n`;
    const hits = detectSecrets(text, set);
    const h = hits.find((x) => x.rule.p.id === 'github-pat');
    expect(h).toBeDefined();
    const at = text.indexOf(enc);
    expect(h!.start).toBeGreaterThanOrEqual(at);
    expect(h!.end).toBeLessThanOrEqual(at + enc.length);
    expect(h!.secret).toBe(text.slice(h!.start, h!.end));
    expect(h!.secret).not.toContain(token);
    expect(h!.why).toMatch(/base64-encoded/);
  });

  it('covers base64url, hex and percent-encoding', () => {
    const npm = fakeNpmToken();
    const url = Buffer.from(`//registry.npmjs.org/:_authToken=${npm}`).toString('base64url');
    expect(detectSecrets(`NPMRC=${url}`, set).some((h) => h.rule.p.id === 'npm-access-token')).toBe(true);
    const gh = fakeGithubToken();
    const hex = Buffer.from(`token=${gh}`).toString('hex');
    const hh = detectSecrets(`blob: ${hex}`, set).find((h) => h.rule.p.id === 'github-pat');
    expect(hh).toBeDefined();
    expect(hex.includes(hh!.secret)).toBe(true);
    const pw = rand(ALNUM, 18);
    const pct = encodeURIComponent(`postgres://app:${pw}@db.internal:5432/app`);
    const hp = detectSecrets(`conn=${pct}`, set).find((h) => h.rule.p.id === 'postgres-connection-url');
    expect(hp).toBeDefined();
    expect(hp!.why).toMatch(/percent-encoded/);
  });

  it('a docker config auth field is reported once, by the docker rule', () => {
    const auth = Buffer.from('ci:' + rand(ALNUM, 20)).toString('base64');
    const hits = detectSecrets(`{"auths":{"r.example":{"auth":"${auth}"}}}`, set);
    expect(hits.map((h) => h.rule.p.id)).toEqual(['docker-config-auth']);
  });

  it('does not decode data: URIs, filler, or binary', () => {
    const img = Buffer.from(fakeGithubToken()).toString('base64');
    expect(detectSecrets(`<img src="data:image/png;base64,${img}">`, set)).toEqual([]);
    expect(findEncoded('x'.repeat(500))).toEqual([]);
    expect(findEncoded(Buffer.from(rand(ALNUM, 10)).toString('hex').replace(/./g, 'f'))).toEqual([]);
  });

  it('is bounded: a capped number of runs decoded per chunk, nothing over the length limit', () => {
    const many = Array.from({ length: 500 }, () => Buffer.from('token=' + rand(ALNUM, 30)).toString('base64')).join(
      '\n',
    );
    expect(findEncoded(many).length).toBeLessThanOrEqual(DECODE_LIMITS.maxDecoded);
    const huge = Buffer.from('x=' + rand(ALNUM, 20000)).toString('base64');
    expect(findEncoded(huge)).toEqual([]);
  });

  it('does not double-report a token already visible in the text', () => {
    const token = fakeGithubToken();
    expect(detectSecrets(`const token = "${token}";`, set)).toHaveLength(1);
  });

  it('base64 runs are judged printable from their characters exactly as from the decoded bytes', async () => {
    const fc = await import('fast-check');
    const { printableBase64 } = await import('../../../src/rules/secrets/decode.js');
    const printable = (b: Buffer) =>
      b.length >= 8 &&
      [...b].filter((x) => !(x === 9 || x === 10 || x === 13 || (x >= 32 && x < 127))).length <= b.length * 0.02;
    const byte = fc.oneof(
      { weight: 30, arbitrary: fc.integer({ min: 32, max: 126 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
    );
    const urlSafe = (s: string) => s.replace(/\+/g, '-').replace(/\//g, '_');
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 400 }), fc.boolean(), fc.nat(2), (bytes, url, cut) => {
        let s = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
        if (url) s = urlSafe(s);
        // Also runs cut short (a length of 2 or 3 modulo 4), as found in text.
        if (cut && s.length > cut && (s.length - cut) % 4 !== 1) s = s.slice(0, s.length - cut);
        if (s.length % 4 === 1) return;
        const text = `x ${s} y`;
        expect(printableBase64(text, 2, 2 + s.length)).toBe(printable(Buffer.from(s, 'base64')));
      }),
      { numRuns: 3000 },
    );
  });

  it('the run loop finds every maximal run of the class (with up to two "=" of padding) of at least min, in order', async () => {
    const fc = await import('fast-check');
    const { runs } = await import('../../../src/rules/secrets/decode.js');
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-';
    const cls = new Uint8Array(65536);
    for (const c of chars) cls[c.charCodeAt(0)] = 1;
    const piece = fc.constantFrom(
      'a',
      'Z',
      '9',
      '+',
      '/',
      '_',
      '-',
      '=',
      '==',
      '===',
      ' ',
      '\n',
      '%',
      '.',
      'é',
      'qwertyuiop',
      'Q1w2E3r4T5y6U7i8',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.integer({ min: 3, max: 24 }),
        fc.boolean(),
        fc.nat(6),
        (parts, min, padding, stopAt) => {
          const text = parts.join('');
          // The reference: a regex, each maximal run (and its padding) kept when long enough.
          const want: Array<[number, number]> = [];
          const re = padding ? /[A-Za-z0-9+/_-]+={0,2}/g : /[A-Za-z0-9+/_-]+/g;
          for (let m = re.exec(text); m; m = re.exec(text))
            if (m[0].length >= min) want.push([m.index, m.index + m[0].length]);
          // min 16 on a short text takes the regex path: other values of min always take the loop.
          const got: Array<[number, number]> = [];
          runs(text, cls, min === 16 ? 17 : min, padding, (s, e) => {
            got.push([s, e]);
            return got.length <= stopAt;
          });
          const expected = (min === 16 ? want.filter(([s, e]) => e - s >= 17) : want).slice(0, stopAt + 1);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
