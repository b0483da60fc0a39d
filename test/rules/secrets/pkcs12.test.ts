/**
 * PKCS#12 files that open with a published default password or with none (issue 31, layout): files made by the real
 * openssl at test time with fresh keys and passwords, read by src/rules/secrets/pkcs12.ts (RFC 7292 MAC check).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ALNUM, rand } from '../../../scripts/fakes.mjs';
import { PKCS12_LIMITS, pkcs12DefaultPassword } from '../../../src/rules/secrets/pkcs12.js';
import { cleanup } from '../../helpers.js';
import { keyStoreMaker } from '../../p12.js';

afterAll(() => cleanup());
const make = keyStoreMaker('hookguard-test');
let n = 0;
/** A fresh .p12 of the test key, exported with `args`; its bytes. */
const p12 = (...args: string[]): Buffer => make(`f${n++}.p12`, ...args);

describe('PKCS#12 files that open with a default password or none', () => {
  it("opens Google Cloud's notasecret", () => {
    expect(pkcs12DefaultPassword(p12('-passout', 'pass:notasecret'))?.password).toBe('notasecret');
  });
  it('opens an empty password', () => {
    expect(pkcs12DefaultPassword(p12('-passout', 'pass:'))?.password).toBe('');
  });
  it('opens changeit with a SHA-1 MAC (older exports)', () => {
    expect(pkcs12DefaultPassword(p12('-passout', 'pass:changeit', '-macalg', 'sha1'))?.password).toBe('changeit');
  });
  it('opens a file without a MAC whose key is stored unencrypted', () => {
    const v = pkcs12DefaultPassword(p12('-nomac', '-keypbe', 'NONE', '-certpbe', 'NONE', '-passout', 'pass:'));
    expect(v?.password).toBeNull();
  });
  it('does not open a file with a real password', () => {
    for (let i = 0; i < 3; i++)
      expect(pkcs12DefaultPassword(p12('-passout', `pass:${rand(ALNUM, 16)}`))).toBeUndefined();
  });
  it('reads nothing it cannot: truncated, not DER, too large, absurd iteration counts', () => {
    const good = p12('-passout', 'pass:notasecret');
    expect(pkcs12DefaultPassword(good.subarray(0, good.length - 20))).toBeUndefined();
    expect(pkcs12DefaultPassword(Buffer.from('not a pfx at all'))).toBeUndefined();
    expect(pkcs12DefaultPassword(Buffer.alloc(PKCS12_LIMITS.maxBytes + 1, 0x30))).toBeUndefined();
    const many = p12('-passout', 'pass:notasecret', '-iter', String(PKCS12_LIMITS.maxIterations + 1), '-maciter');
    expect(pkcs12DefaultPassword(many)).toBeUndefined();
  });
});
