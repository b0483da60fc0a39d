/** Property tests: random and adversarial inputs never throw out of the parsers and detectors, and every position they
 * report lies inside the input. */
import fc from 'fast-check';

// A fixed seed keeps CI reproducible; set FUZZ_SEED to explore (a failure prints the seed and path to replay).
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261126) });
import { describe, expect, it } from 'vitest';
import { DiffParser, unquotePath, type FilePatch } from '../../src/git/diff-parser.js';
import { compileRuleSet, readPatternDir } from '../../src/rules/secrets/load.js';
import { detectSecrets } from '../../src/rules/secrets/detect.js';
import { mask, maskLine } from '../../src/rules/secrets/mask.js';
import { inlineAllow } from '../../src/suppress/inline.js';
import { examine } from '../../src/engine/index.js';
import { ROOT } from '../helpers.js';

const diffLine = fc.oneof(
  fc.constantFrom(
    'diff --git a/x b/x',
    '+++ b/x',
    '--- a/x',
    '+++ /dev/null',
    'Binary files a/x and b/x differ',
    'new file mode 160000',
    'rename to y',
    '\x1eabc\x1fA\x1fa@b\x1f2024\x1fs',
    '\\ No newline at end of file',
  ),
  fc.tuple(fc.nat(50), fc.nat(5), fc.nat(50), fc.nat(5)).map(([a, b, c, d]) => `@@ -${a},${b} +${c},${d} @@`),
  fc.string().map((s) => '+' + s),
  fc.string().map((s) => '-' + s),
  fc.string(),
);

describe('fuzz: diff parser', () => {
  it('never throws; added-line chunks start at positive lines; changed ranges are ordered', () => {
    fc.assert(
      fc.property(fc.array(diffLine, { maxLength: 60 }), fc.integer({ min: 1, max: 64 }), (lines, split) => {
        const out: FilePatch[] = [];
        const p = new DiffParser({ onPatch: (x) => out.push(x), partBytes: 256, maxLineBytes: 128 });
        const buf = Buffer.from(lines.join('\n'));
        for (let i = 0; i < buf.length; i += split) p.write(buf.subarray(i, i + split));
        p.end();
        for (const f of out) {
          for (const c of f.chunks) expect(c.startLine).toBeGreaterThanOrEqual(0);
          for (const [s, e] of f.changed) expect(e).toBeGreaterThanOrEqual(s);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('unquotePath never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof unquotePath('"' + s + '"') === 'string'));
  });
});

describe('fuzz: secret detection, masking, suppression', async () => {
  const set = compileRuleSet(await readPatternDir(`${ROOT}/patterns`));
  const tokenish = fc.oneof(
    fc.string(),
    fc.constantFrom(
      'ghp_',
      'AKIA',
      'password=',
      'secret: ',
      '-----BEGIN RSA PRIVATE KEY-----\n', // hookguard:allow private-key a bare header for the fuzzer
      'xoxb-',
      'sk_live_',
      'token = "',
      '\r',
      '\0',
    ),
    fc.stringMatching(/[A-Za-z0-9+/=_-]{0,64}/),
  );
  it('hits lie inside the text and masked output never contains a whole secret of 8+ characters', () => {
    fc.assert(
      fc.property(fc.array(tokenish, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        for (const h of detectSecrets(text, set)) {
          expect(h.start).toBeGreaterThanOrEqual(0);
          expect(h.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(h.start, h.end)).toBe(h.secret);
          if (h.secret.length >= 8) expect(mask(h.secret)).not.toContain(h.secret);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('maskLine and inlineAllow never throw', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(100), fc.nat(100), (line, a, b) => {
        const s = Math.min(a, b, line.length);
        const e = Math.min(Math.max(a, b), line.length);
        expect(typeof maskLine(line, [[s, e]])).toBe('string');
        inlineAllow(line, 'github-pat', (id) => id === 'github-pat');
      }),
    );
  });
  it('the engine keeps every finding position inside its target', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(tokenish, { maxLength: 20 }),
        fc.integer({ min: 1, max: 500 }),
        async (parts, start) => {
          const text = parts.join('');
          const lines = text.split('\n').length;
          const out = await examine(
            { path: 'f.txt', chunks: [{ startLine: start, text }], bytes: text.length },
            { secrets: set, allow: [], overrides: new Map(), isRuleId: () => false, iac: false },
          );
          for (const f of out.findings) {
            expect(f.line).toBeGreaterThanOrEqual(start);
            expect(f.endLine).toBeLessThanOrEqual(start + lines - 1);
            expect(f.column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('fuzz: decoding finds the same runs on the small-text and large-text paths', async () => {
  const { findEncoded } = await import('../../src/rules/secrets/decode.js');
  it('regex path == hand-rolled path', () => {
    const piece = fc.oneof(
      fc.stringMatching(/[A-Za-z0-9+/_=-]{0,40}/),
      fc.stringMatching(/[A-Za-z0-9%._~:@&?-]{0,40}/),
      fc.constantFrom(' ', '\n', '"', 'é', '=', '=='),
      fc.constantFrom(
        Buffer.from(['postgres://user', 'secretpass@db:5432/app'].join(':')).toString('base64'),
        '%70%61%73%73%77%6f%72%64%3d%73%65%63%72%65%74',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const pad = ' '.repeat(70_000);
        const small = findEncoded(text).map((r) => [r.encoding, r.start, r.end, r.decoded]);
        const large = findEncoded(text + pad).map((r) => [r.encoding, r.start, r.end, r.decoded]);
        expect(small).toEqual(large);
      }),
      { numRuns: 300 },
    );
  });
});
