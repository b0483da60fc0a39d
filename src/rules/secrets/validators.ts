/**
 * Offline validators: code that looks at a candidate secret and says how much to trust it.
 * - `reject`: not a secret at all (a placeholder, a reference); the candidate is dropped.
 * - `invalid`: has the shape but fails a structural check (checksum): reported at most as low severity.
 * - `valid` / `unknown`: reported as the rule says; `severity` may override it (an encrypted key is only info).
 */
import type { Severity } from '../../types.js';

export interface ValidatorInput {
  secret: string;
  /** The whole regex match. */
  match: string;
  /** The chunk the match was found in, and the match's offset in it (for look-around). */
  text: string;
  index: number;
}

export interface ValidatorResult {
  verdict: 'valid' | 'invalid' | 'unknown' | 'reject';
  why?: string;
  severity?: Severity;
  confidence?: 'high' | 'medium' | 'low';
}

export type Validator = (input: ValidatorInput) => ValidatorResult;

const PLACEHOLDER_WORDS =
  /^(?:changeme|change[_-]?me|changeit|password|passw0rd|secret|example|sample|placeholder|dummy|redacted|removed|hidden|null|none|nil|undefined|true|false|todo|tbd|fixme|your[_-].*|my[_-]?(?:password|secret|token|key)|insert[_-].*|replace[_-].*|enter[_-].*|xxx+|test(?:ing)?|foo|bar|foobar|admin|letmein|s3cr3t)$/i;

/** A value that is a reference, template, or placeholder rather than a literal secret. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["'`]|["'`]$/g, '');
  if (v.length === 0) return true;
  if (/^\$\{|^\$\(|^\{\{|\{\{.*\}\}|^%\(|^%\{|^#\{|^<[^>]*>?$|^\[\[|^@[A-Za-z_]+@$|^__[A-Z0-9_]+__$/.test(v))
    return true;
  if (/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return true; // $VAR
  if (/^\$ANSIBLE_VAULT/.test(v)) return true;
  if (
    /process\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|ENV\[|env\(|Environment\.|secrets\.|vault\(|\bvar\.|\blocal\.|\bdata\.|!Ref|!Sub|!GetAtt|Fn::|resolve:/.test(
      v,
    )
  )
    return true;
  if (/^(.)\1{3,}$/.test(v)) return true; // xxxx, ****, 0000
  if (/^[x*•.#-]{4,}$/i.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (/(?:example|placeholder|changeme|dummy|your[-_]?(?:token|key|secret|password)|redacted)/i.test(v)) return true;
  return false;
}

const genericValue: Validator = ({ secret }) => {
  if (isPlaceholder(secret)) return { verdict: 'reject' };
  // Looks like code rather than a value: a call, an attribute access, a path.
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?:\(|$)/.test(secret)) return { verdict: 'reject' };
  if (/^[A-Za-z_][A-Za-z0-9_]*\(/.test(secret)) return { verdict: 'reject' };
  if (/^(?:\/|\.\/|\.\.\/|[A-Za-z]:\\)/.test(secret)) return { verdict: 'reject' };
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(secret)) return { verdict: 'reject' };
  // Only letters of one case and no digits/symbols: a word, not a secret (i18n keys, identifiers).
  if (/^[a-z_]+$/.test(secret) || /^[A-Z_]+$/.test(secret)) return { verdict: 'reject' };
  return { verdict: 'unknown', confidence: 'medium', why: 'high-entropy literal assigned to a credential-named key' };
};

function decodeBase64(s: string): Buffer | undefined {
  const clean = s.replace(/[^A-Za-z0-9+/=]/g, '');
  if (clean.length < 16) return undefined;
  try {
    return Buffer.from(clean, 'base64');
  } catch {
    return undefined;
  }
}

const privateKey: Validator = ({ match }) => {
  if (/BEGIN ENCRYPTED PRIVATE KEY/.test(match) || /Proc-Type:\s*4,ENCRYPTED/i.test(match)) {
    return { verdict: 'valid', severity: 'info', confidence: 'high', why: 'passphrase-protected private key' };
  }
  if (/BEGIN OPENSSH PRIVATE KEY/.test(match)) {
    const body = match.replace(/-----(?:BEGIN|END) OPENSSH PRIVATE KEY-----/g, '');
    const buf = decodeBase64(body);
    if (buf && buf.subarray(0, 15).toString('latin1') === 'openssh-key-v1\0') {
      const len = buf.readUInt32BE(15);
      const cipher = buf.subarray(19, 19 + len).toString('latin1');
      if (cipher !== 'none') {
        return { verdict: 'valid', severity: 'info', confidence: 'high', why: `OpenSSH key encrypted with ${cipher}` };
      }
      return { verdict: 'valid', confidence: 'high', why: 'unencrypted OpenSSH private key' };
    }
  }
  const hasBody = /-----BEGIN[^\n]*\n[A-Za-z0-9+/=\s]{40,}/.test(match);
  if (!hasBody)
    return { verdict: 'unknown', confidence: 'low', severity: 'medium', why: 'private key header without a body' };
  return { verdict: 'valid', confidence: 'high', why: 'unencrypted private key' };
};

export const VALIDATORS: Record<string, Validator> = {
  'generic-value': genericValue,
  'private-key': privateKey,
};

export function registerValidator(name: string, v: Validator): void {
  VALIDATORS[name] = v;
}
