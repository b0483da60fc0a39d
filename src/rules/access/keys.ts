/**
 * SSH public keys as they appear in authorized_keys lines, cloud-init and Ansible: type, blob, comment, and the
 * SHA256 fingerprint exactly as `ssh-keygen -l` prints it (SHA256: + unpadded base64 of the SHA-256 of the blob).
 */
import { createHash } from 'node:crypto';

export interface PublicKey {
  type: string;
  /** The base64 key blob. */
  blob: string;
  comment: string;
  fingerprint: string;
  /** 0-based offset of the key type within the scanned text. */
  start: number;
  end: number;
}

const TYPES =
  '(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com)';
/** type, blob, optional comment (to the end of the line) — options before the type are allowed and ignored. */
const KEY = new RegExp(`(${TYPES})[ \\t]+(AAAA[A-Za-z0-9+/]+={0,3})(?:[ \\t]+([^\\r\\n]*))?`, 'g');

export function fingerprintOf(blob: string): string {
  return 'SHA256:' + createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '');
}

/** Every public key in a text (one per line in authorized_keys; a YAML value may hold several). */
export function publicKeys(text: string): PublicKey[] {
  const out: PublicKey[] = [];
  for (const m of text.matchAll(KEY)) {
    const blob = m[2]!;
    out.push({
      type: m[1]!,
      blob,
      comment: (m[3] ?? '').trim(),
      fingerprint: fingerprintOf(blob),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

export interface Revoked {
  users: string[];
  keys: string[];
}

/** Why a key is revoked (its fingerprint or comment is listed, or its comment names a revoked user), or undefined. */
export function revokedKey(k: PublicKey, r: Revoked): string | undefined {
  for (const entry of r.keys) {
    if (/^SHA256:/i.test(entry)) {
      if (entry.replace(/=+$/, '') === k.fingerprint) return `key ${k.fingerprint} is revoked`;
    } else if (k.comment && entry === k.comment) return `key "${k.comment}" is revoked`;
  }
  const owner = /^([^@\s]+)@/.exec(k.comment)?.[1];
  if (owner && revokedUser(owner, r)) return `key of revoked user ${owner} (${k.comment})`;
  return undefined;
}

export function revokedUser(name: string, r: Revoked): boolean {
  const n = name.trim().toLowerCase();
  return r.users.some((u) => u.trim().toLowerCase() === n);
}
