/**
 * CERT-001: certificates whose RSA key is shorter than 2048 bits. Reads every PEM certificate block of a text with
 * node's X509Certificate (loaded only when a text holds a certificate).
 */
import { X509Certificate } from 'node:crypto';
import { cert001 } from './rules.js';

export { cert001 };

export interface WeakCertificate {
  /** The block's BEGIN and END lines (1-based). */
  line: number;
  endLine: number;
  bits: number;
  subject: string;
}

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** YAML/JSON may carry a certificate indented, quoted or with `\n` escapes: undo the common wrappings. */
const unwrap = (s: string) =>
  s
    .replace(/\\n/g, '\n')
    .split('\n')
    .map((l) => l.trim().replace(/^["']|["',]$/g, ''))
    .join('\n');

/** The certificates of `text` with an RSA key under 2048 bits. */
export function weakCertificates(text: string): WeakCertificate[] {
  const out: WeakCertificate[] = [];
  for (const m of text.matchAll(BLOCK)) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(unwrap(m[0]));
    } catch {
      continue; // not a certificate hookguard can read: nothing to judge
    }
    const key = cert.publicKey;
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (key.asymmetricKeyType !== 'rsa' || bits === undefined || bits >= 2048) continue;
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ line, endLine: line + m[0].split('\n').length - 1, bits, subject: cert.subject.replace(/\n/g, ', ') });
  }
  return out;
}
