/**
 * A repository-relative path with `.`, empty segments and `..` resolved (`roles/web/tasks/../files/a.pub` →
 * `roles/web/files/a.pub`), as the IaC families join a file's folder with a name it refers to. Undefined when the
 * path climbs out of the repository root; `''` for the root itself.
 */
export function normaliseRepoPath(p: string): string | undefined {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}
