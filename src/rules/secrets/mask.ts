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

/**
 * Replace the given [start, end) ranges of `line` with their masked form, and cut the line down to a window of at
 * most `width` characters around the first range. Ranges must not overlap.
 */
export function maskLine(line: string, ranges: Array<[number, number]>, width = 160): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  let firstStart = -1;
  for (const [s, e] of sorted) {
    if (s < pos) continue;
    out += line.slice(pos, s);
    if (firstStart < 0) firstStart = out.length;
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
