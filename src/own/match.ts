/**
 * Finding the user's own credentials in text by value: the value itself and its usual encodings (base64 and
 * base64url, alone or as `user:value` in a Basic header; URL-encoded, as in a URL's userinfo or a query). Pure: no fs.
 */
import type { OwnCredential } from './credentials.js';

export interface OwnHit {
  start: number;
  end: number;
  cred: OwnCredential;
  /** How the value was written: as it is, or which encoding. */
  encoding: string;
}

interface Needle {
  text: string;
  cred: OwnCredential;
  encoding: string;
}

/** base64 of `s` as it appears inside a longer base64 text: without padding, and without the last character when the
 * padding made it depend on what follows. */
function b64Core(s: string, url: boolean): string {
  const full = Buffer.from(s, 'utf8').toString(url ? 'base64url' : 'base64');
  const pad = (3 - (Buffer.byteLength(s) % 3)) % 3;
  const bare = full.replace(/=+$/, '');
  return pad ? bare.slice(0, -1) : bare;
}

export class OwnMatcher {
  private readonly needles: Needle[] = [];

  /** `creds`: kept for worker threads, which build their own matcher (memory to memory, never written). */
  constructor(readonly creds: OwnCredential[]) {
    const seen = new Set<string>();
    const add = (text: string, cred: OwnCredential, encoding: string) => {
      if (text.length < 8 || seen.has(text)) return;
      seen.add(text);
      this.needles.push({ text, cred, encoding });
    };
    for (const c of creds) {
      add(c.value, c, 'as it is');
      add(encodeURIComponent(c.value), c, 'URL-encoded');
      add(b64Core(c.value, false), c, 'base64');
      add(b64Core(c.value, true), c, 'base64url');
      if (c.user) add(b64Core(`${c.user}:${c.value}`, false), c, 'base64 of user:password');
    }
    // Longer needles first: where one value holds another, the longer one names the hit.
    this.needles.sort((a, b) => b.text.length - a.text.length);
  }

  get size(): number {
    return this.needles.length;
  }

  /** Every occurrence, the longest needle winning where two overlap. */
  find(text: string): OwnHit[] {
    const hits: OwnHit[] = [];
    for (const n of this.needles) {
      for (let at = text.indexOf(n.text); at >= 0; at = text.indexOf(n.text, at + n.text.length)) {
        const end = at + n.text.length;
        if (hits.some((h) => at < h.end && h.start < end)) continue;
        hits.push({ start: at, end, cred: n.cred, encoding: n.encoding });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }
}
