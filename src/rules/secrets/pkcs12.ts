/**
 * PKCS#12 (.p12 / .pfx) files that open with a published default password or with none (issue 31, layout): such a
 * file is a private key in the clear for anyone who knows the default — Google Cloud's service-account .p12 keys all
 * use `notasecret`, Java tooling defaults to `changeit`, and an export without a password opens with the empty one.
 * Node's crypto cannot open PKCS#12, so this reads the file's DER itself (RFC 7292): the PFX's MacData names the
 * digest, the salt and the iteration count, and the password whose key (the PKCS#12 key derivation, ID 3) gives the
 * same HMAC over the authenticated safe is the file's integrity password. A file with no MacData whose key bags are
 * not encrypted opens without a password.
 * Bounded: files up to MAX_BYTES, iteration counts up to MAX_ITERATIONS, a handful of candidate passwords. Pure (no
 * I/O); nothing calls it on the hook path.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const PKCS12_LIMITS = { maxBytes: 256 * 1024, maxIterations: 200_000 };

/** Published default passwords, and the empty one. */
export const DEFAULT_PASSWORDS = ['notasecret', 'changeit', 'password', ''] as const;

export interface Pkcs12Verdict {
  /** The password the file opens with ('' for the empty password), or null when it has no password at all. */
  password: string | null;
  why: string;
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One DER TLV at `at` (definite lengths only: a BER file with indefinite lengths is not read). */
function tlv(buf: Uint8Array, at: number, limit = buf.length): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || p + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    p += n;
  }
  if (p + len > limit) return undefined;
  return { tag, start: p, end: p + len };
}

/** The children of a constructed TLV. */
function children(buf: Uint8Array, t: Tlv): Tlv[] | undefined {
  const out: Tlv[] = [];
  for (let p = t.start; p < t.end;) {
    const c = tlv(buf, p, t.end);
    if (!c) return undefined;
    out.push(c);
    p = c.end;
  }
  return out;
}

const hex = (buf: Uint8Array, t: Tlv) => Buffer.from(buf.subarray(t.start, t.end)).toString('hex');

/** Digest OIDs (DER content, hex) → node hash name, block size. */
const DIGESTS: Record<string, [string, number]> = {
  '2b0e03021a': ['sha1', 64],
  '608648016503040204': ['sha224', 64],
  '608648016503040201': ['sha256', 64],
  '608648016503040202': ['sha384', 128],
  '608648016503040203': ['sha512', 128],
};
const DATA_OID = '2a864886f70d010701';
/** pkcs-12 keyBag: a private key stored without encryption. */
const KEY_BAG = Buffer.from('060b2a864886f70d010c0a0101', 'hex');

/** RFC 7292 appendix B.2: `n` bytes of key material of kind `id` (3: MAC key) from a BMPString password. */
export function pkcs12Kdf(
  hash: string,
  v: number,
  password: Buffer,
  salt: Buffer,
  iterations: number,
  id: number,
  n: number,
): Buffer {
  const fill = (src: Buffer) => {
    const out = Buffer.alloc(src.length === 0 ? 0 : v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const parts: Buffer[] = [];
  let got = 0;
  for (;;) {
    let A = createHash(hash).update(D).update(I).digest();
    for (let j = 1; j < iterations; j++) A = createHash(hash).update(A).digest();
    parts.push(A);
    got += A.length;
    if (got >= n) break;
    const B = Buffer.alloc(v);
    for (let i = 0; i < v; i++) B[i] = A[i % A.length]!;
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    for (let k = 0; k < I.length; k += v) {
      let carry = 1;
      for (let i = v - 1; i >= 0; i--) {
        const s = I[k + i]! + B[i]! + carry;
        I[k + i] = s & 0xff;
        carry = s >> 8;
      }
    }
  }
  return Buffer.concat(parts).subarray(0, n);
}

/** A password as PKCS#12 encodes it: UTF-16BE with a two-byte terminator; `null` is the absent password (no bytes). */
function bmp(password: string | null): Buffer {
  if (password === null) return Buffer.alloc(0);
  const le = Buffer.from(password + '\0', 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

/**
 * Does this PKCS#12 file open with a default password or with none? Undefined when it does not (or cannot be read:
 * not a DER PFX, an unknown MAC, too large, too many iterations).
 */
export function pkcs12DefaultPassword(file: Uint8Array): Pkcs12Verdict | undefined {
  if (file.length > PKCS12_LIMITS.maxBytes) return undefined;
  const pfx = tlv(file, 0);
  if (!pfx || pfx.tag !== 0x30) return undefined;
  const top = children(file, pfx);
  if (!top || top.length < 2 || top[0]!.tag !== 0x02) return undefined;
  // authSafe ContentInfo { data OID, [0] { OCTET STRING } }
  const ci = children(file, top[1]!);
  if (!ci || ci.length < 2 || ci[0]!.tag !== 0x06 || hex(file, ci[0]!) !== DATA_OID || ci[1]!.tag !== 0xa0)
    return undefined;
  const wrapped = children(file, ci[1]!);
  const content = wrapped?.[0];
  if (!content || content.tag !== 0x04) return undefined;
  const authSafe = Buffer.from(file.subarray(content.start, content.end));
  const macData = top[2];
  if (!macData) {
    // No integrity password: the file opens without one when a key is stored unencrypted.
    return authSafe.includes(KEY_BAG)
      ? { password: null, why: 'PKCS#12 file without a password (no MAC, its private key stored unencrypted)' }
      : undefined;
  }
  const md = children(file, macData);
  if (!md || md.length < 2) return undefined;
  const digestInfo = children(file, md[0]!);
  const alg = digestInfo?.[0] && children(file, digestInfo[0]);
  if (!digestInfo || digestInfo.length < 2 || !alg?.[0] || alg[0].tag !== 0x06) return undefined;
  const digest = DIGESTS[hex(file, alg[0])];
  if (!digest) return undefined; // PBMAC1 or an unknown digest: cannot tell
  const [hash, v] = digest;
  const expected = Buffer.from(file.subarray(digestInfo[1]!.start, digestInfo[1]!.end));
  const salt = Buffer.from(file.subarray(md[1]!.start, md[1]!.end));
  let iterations = 1;
  if (md[2]) {
    if (md[2].tag !== 0x02 || md[2].end - md[2].start > 4) return undefined;
    iterations = 0;
    for (let i = md[2].start; i < md[2].end; i++) iterations = iterations * 256 + file[i]!;
  }
  if (iterations < 1 || iterations > PKCS12_LIMITS.maxIterations) return undefined;
  for (const candidate of [...DEFAULT_PASSWORDS, null]) {
    const key = pkcs12Kdf(hash, v, bmp(candidate), salt, iterations, 3, expected.length);
    const mac = createHmac(hash, key).update(authSafe).digest();
    if (mac.length === expected.length && timingSafeEqual(mac, expected))
      return candidate === null || candidate === ''
        ? { password: '', why: 'PKCS#12 file that opens with an empty password' }
        : { password: candidate, why: `PKCS#12 file that opens with the published default password "${candidate}"` };
  }
  return undefined;
}

/** A stable identity for a key store (its fingerprint survives moves): a SHA-256 of its bytes, cut short. */
export function pkcs12Key(file: Uint8Array): string {
  return createHash('sha256').update(file).digest('hex').slice(0, 32);
}
