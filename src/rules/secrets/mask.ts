/**
 * Masking: the only rendering of a secret that ever leaves the engine.
 * Long values keep a short prefix (a provider's public prefix such as `ghp_` helps the reader) and the last two
 * characters; short values keep at most one leading character. Never more than a quarter of the value is shown.
 */
export function mask(secret: string): string {
  // A PEM/OpenSSH/PGP block: its BEGIN line names the kind of key and is not secret; the body is.
  const pem = /^-----BEGIN [A-Z0-9 ]{1,40}-----/.exec(secret);
  if (pem && secret.length > pem[0].length + 16) return `${pem[0]}…`;
  const n = secret.length;
  if (n === 0) return '';
  if (n < 8) return '*'.repeat(Math.max(3, n));
  const prefix = n >= 24 ? Math.min(4, Math.floor(n / 6)) : n >= 12 ? 2 : 1;
  const suffix = n >= 16 ? 2 : 0;
  const shown = secret.slice(0, prefix) + '…' + (suffix ? secret.slice(n - suffix) : '');
  return shown;
}

/** Shannon entropy in bits per character (kept here so masking needs nothing else). */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) h -= (c / s.length) * Math.log2(c / s.length);
  return h;
}

/**
 * Everything on a line that looks like a credential, whether or not a rule reported it: the value after a
 * credential-named key, the password of a URL, the payload of a Basic/Bearer header, and long random-looking runs.
 * A context line shown with one finding must not show a second credential whole.
 */
export function credentialLikeRanges(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const add = (m: RegExpExecArray, group: number) => {
    const v = m[group];
    const span = m.indices?.[group];
    if (v && span && v.length >= 4 && !/^\$\{|^\{\{|^<[^>]*>$|^\*+$|^(?:null|none|true|false|undefined)$/i.test(v))
      out.push([span[0], span[1]]);
  };
  for (const m of line.matchAll(
    /(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|credentials?|private[_-]?key)[\w.-]{0,20}["'\]]{0,2}\s{0,3}(?::=|=>|=|:)\s{0,3}["'`]?([^\s"'`,;<>(){}[\]]+)/dgi,
  ))
    add(m, 1);
  for (const [s, e] of urlUserinfoRanges(line)) out.push([s, e]);
  for (const m of line.matchAll(/\b(?:Basic|Bearer|Token)\s{1,3}([A-Za-z0-9+/=_.~-]{8,})/dg)) add(m, 1);
  // `=` only as padding: `REDIS_TOKEN=<value>` masks the value, not the name with it.
  for (const m of line.matchAll(/[A-Za-z0-9+/_~-]{20,}={0,3}(?:\.[A-Za-z0-9+/_~-]{8,}={0,3}){0,2}/dg)) {
    const v = m[0];
    if (/[0-9]/.test(v) && /[A-Za-z]/.test(v) && entropy(v) >= 3.5 && !/^[a-z_-]+$|^[A-Z_-]+$/.test(v))
      out.push([m.index, m.index + v.length]);
  }
  return out;
}

/**
 * The secret parts of every URL userinfo on a line: the password of each `user:password@` (every host of a multi-host
 * URL, `postgresql://a:p1@db1,a:p2@db2/x`, a password holding `@`), and a user that is itself a token
 * (`https://<token>@host`, `https://<token>:x-oauth-basic@host`). Offsets into `line`.
 */
export function urlUserinfoRanges(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // The authority: after `//`, up to the path, whitespace or a quote (a password may hold an unescaped `#` or `?`).
  for (const m of line.matchAll(/\/\/([^\s/"'`<>]{2,600})/dg)) {
    const [from] = m.indices![1]!;
    // One `userinfo@host[:port]` per comma-separated host; the userinfo ends at the host's last `@`.
    let at = from;
    for (const piece of m[1]!.split(',')) {
      const amp = piece.lastIndexOf('@');
      if (amp > 0) {
        const userinfo = piece.slice(0, amp);
        const colon = userinfo.indexOf(':');
        const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
        if (colon >= 0 && amp - colon - 1 >= 1 && !/^\*+$|…/.test(userinfo.slice(colon + 1)))
          out.push([at + colon + 1, at + amp]);
        if (user.length >= 16 && /\d/.test(user) && /[A-Za-z]/.test(user) && !user.includes('…'))
          out.push([at, at + user.length]);
      }
      at += piece.length + 1;
    }
  }
  return out;
}

/** Every other place on `line` where the text of one of `ranges` occurs again (a value repeated on its line). */
function repeats(line: string, ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const v of new Set(ranges.map(([s, e]) => line.slice(s, e)))) {
    if (v.length < 4) continue;
    for (let i = line.indexOf(v); i !== -1; i = line.indexOf(v, i + v.length)) out.push([i, i + v.length]);
  }
  return out;
}

/** Sort ranges and merge the ones that overlap. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * Replace the given [start, end) ranges of `line` with their masked form, and cut the line down to a window of at
 * most `width` characters around the first range. Anything else on the line that looks like a credential is masked
 * too (credentialLikeRanges).
 */
export function maskLine(line: string, ranges: Array<[number, number]>, width = 160): string {
  const anchor = ranges.length ? Math.min(...ranges.map((r) => r[0])) : -1;
  // Only the part that can be shown is searched for other credentials (a minified line may be megabytes).
  const lo = Math.max(0, anchor - width - 200);
  const hi = Math.min(line.length, Math.max(anchor, 0) + 2 * width + 200);
  const extra = credentialLikeRanges(line.slice(lo, hi)).map(([s, e]): [number, number] => [s + lo, e + lo]);
  // A reported value is masked wherever it occurs on the line, not only where it was found.
  const sorted = mergeRanges([...ranges, ...repeats(line, ranges), ...extra]);
  let out = '';
  let pos = 0;
  let firstStart = -1;
  for (const [s, e] of sorted) {
    if (s < pos) continue;
    out += line.slice(pos, s);
    if (firstStart < 0 && (anchor < 0 || (s <= anchor && anchor < e))) firstStart = out.length;
    out += mask(line.slice(s, e));
    pos = e;
  }
  out += line.slice(pos);
  out = out.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '?');
  if (out.length <= width) return out.trimEnd();
  const from = Math.max(0, (firstStart < 0 ? 0 : firstStart) - Math.floor(width / 3));
  const to = Math.min(out.length, from + width);
  return (from > 0 ? '…' : '') + out.slice(from, to) + (to < out.length ? '…' : '');
}
