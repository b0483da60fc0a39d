import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestHex, sha1, sha256 } from '../../src/sha.js';

const node = (alg: string, b: Uint8Array) => createHash(alg).update(b).digest('hex');

describe('JavaScript SHA-1 and SHA-256', () => {
  it('give node:crypto digests for every length around the block and padding edges', () => {
    for (let n = 0; n <= 200; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff);
      expect(sha1(b), `sha1 of ${n} bytes`).toBe(node('sha1', b));
      expect(sha256(b), `sha256 of ${n} bytes`).toBe(node('sha256', b));
    }
  });

  it('give node:crypto digests for random bytes and strings (UTF-8), also in parts', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.string({ unit: 'binary', maxLength: 300 }), (b, s) => {
        expect(sha1(b)).toBe(node('sha1', b));
        expect(sha256(b)).toBe(node('sha256', b));
        const h = createHash('sha256').update(s).digest('hex');
        expect(digestHex('sha256', s)).toBe(h);
        const blob = createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');
        expect(digestHex('sha1', `blob ${b.length}\0`, b)).toBe(blob);
      }),
      { numRuns: 300 },
    );
  });

  it('a large input goes to node:crypto with the same digest', () => {
    const big = Buffer.alloc(70 * 1024, 7);
    expect(digestHex('sha1', big)).toBe(node('sha1', big));
    expect(digestHex('sha256', 'x'.repeat(100))).toBe(createHash('sha256').update('x'.repeat(100)).digest('hex'));
  });
});
