// Fake credentials of the right shape, generated at run time (tests, demo, benchmarks): nothing live-looking is
// ever stored in the repository.
import { randomBytes } from 'node:crypto';

export const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function rand(alphabet, n) {
  const bytes = randomBytes(n * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes.readUInt16LE(i * 2) % alphabet.length];
  return s;
}
export const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const ALNUM = B62;
export const B64 = B62 + '+/';

export function crc32(str) {
  let c = ~0;
  for (const b of Buffer.from(str)) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
export function base62(n, width) {
  let s = '';
  while (n > 0) {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}
/** A GitHub-shaped token whose checksum is valid (so offline validation treats it as real). */
export function fakeGithubToken(prefix = 'ghp') {
  const body = rand(ALNUM, 30);
  return `${prefix}_${body}${base62(crc32(body), 6)}`;
}
export function fakeAwsKeyId() {
  return 'AKIA' + rand(UPPER32, 16);
}
export function fakeAwsSecret() {
  return rand(B64, 40);
}

