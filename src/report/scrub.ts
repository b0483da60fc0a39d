/**
 * The last guard before a report is printed: the password of every URL userinfo in a printed line (`scheme://user:
 * password@host`, each host of a multi-host URL, `,user:password@host2`) is masked, whatever produced the line — a
 * snippet, a rule's message, an error. Values the engine masked already (`Ab…`, `****`) are left as they are.
 */
export function scrubUserinfo(s: string): string {
  if (!s.includes('@')) return s;
  return s.replace(/\/\/([^\s/"'`<>]{2,600})/g, (whole, authority: string) => {
    if (!authority.includes('@')) return whole;
    const hosts = authority.split(',').map((piece) => {
      const amp = piece.lastIndexOf('@');
      if (amp <= 0) return piece;
      const userinfo = piece.slice(0, amp);
      const colon = userinfo.indexOf(':');
      if (colon < 0) return piece;
      const password = userinfo.slice(colon + 1);
      if (password.length === 0 || password.includes('…') || /^\*+$/.test(password)) return piece;
      return `${userinfo.slice(0, colon + 1)}****${piece.slice(amp)}`;
    });
    return `//${hosts.join(',')}`;
  });
}
