/**
 * ATREST-001's declarations: which paths `.gitattributes` puts under git-crypt (`filter=git-crypt`). git-crypt's blobs
 * start with "\0GITCRYPT\0", so git sees them as binary: a text blob at such a path was stored without git-crypt.
 * No YAML, no I/O: cheap enough for the hook.
 */
import { globRegex } from './roles.js';

export const GIT_CRYPT_HEADER = Buffer.from('\0GITCRYPT\0', 'latin1');

export function isGitCryptBlob(b: Uint8Array): boolean {
  return b.length >= GIT_CRYPT_HEADER.length && GIT_CRYPT_HEADER.every((x, i) => b[i] === x);
}

interface AttrLine {
  re: RegExp;
  /** true: filter=git-crypt; false: the filter is unset or set to something else. */
  gitCrypt: boolean;
}

/**
 * A matcher for "is this path declared git-crypt encrypted", from the `.gitattributes` files of one snapshot
 * (`path` is the attributes file's own path, e.g. `secrets/.gitattributes`). Deeper files override shallower ones,
 * later lines override earlier ones, as in git.
 */
export function gitCryptMatcher(files: Array<{ path: string; text: string }>): ((path: string) => boolean) | undefined {
  const sorted = [...files].sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const lines: AttrLine[] = [];
  for (const f of sorted) {
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/') + 1) : '';
    for (const raw of f.text.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#') || line.startsWith('[attr]')) continue;
      const [pattern, ...attrs] = line.split(/\s+/);
      let verdict: boolean | undefined;
      for (const a of attrs) {
        if (a === 'filter=git-crypt') verdict = true;
        else if (a === '-filter' || a === '!filter' || a.startsWith('filter=')) verdict = false;
      }
      if (verdict === undefined || !pattern) continue;
      // gitattributes patterns: like .gitignore, but a directory name does not cover the files below it.
      const rel = globRegex(pattern, pattern.includes('/')).source.slice(1, -1);
      lines.push({ re: new RegExp(`^${escapeDir(dir)}${rel}$`), gitCrypt: verdict });
    }
  }
  if (!lines.some((l) => l.gitCrypt)) return undefined;
  return (path) => {
    // git-crypt's own files are never encrypted.
    if (/(?:^|\/)\.gitattributes$/.test(path) || path.startsWith('.git-crypt/')) return false;
    let v = false;
    for (const l of lines) if (l.re.test(path)) v = l.gitCrypt;
    return v;
  };
}

function escapeDir(d: string): string {
  return d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
