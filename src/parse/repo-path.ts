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

/**
 * The folders above a repository path, nearest first, as prefixes: `a/b/c.yaml` → `['a/b/', 'a/', '']` (where a file's
 * .sops.yaml or environment folder is looked up). A leading `/` is not a folder of its own.
 */
export function foldersAbove(p: string): string[] {
  const out: string[] = [];
  for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) out.push(p.slice(0, i + 1));
  out.push('');
  return out;
}
