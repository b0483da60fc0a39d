/** src/parse/repo-path.ts: the path helpers the scan and the IaC families share. */
import { describe, expect, it } from 'vitest';
import { foldersAbove, normaliseRepoPath } from '../../src/parse/repo-path.js';

describe('foldersAbove', () => {
  it('lists the folders above a path, nearest first, ending with the root', () => {
    expect(foldersAbove('a/b/c.yaml')).toEqual(['a/b/', 'a/', '']);
    expect(foldersAbove('c.yaml')).toEqual(['']);
    expect(foldersAbove('a/')).toEqual(['a/', '']);
  });
  it('ends on a path with a leading "/" (one of the two copies it replaces looped there)', () => {
    expect(foldersAbove('/a/b')).toEqual(['/a/', '']);
    expect(foldersAbove('/x')).toEqual(['']);
  });
});

describe('normaliseRepoPath', () => {
  it('resolves . and .., and refuses a path that leaves the root', () => {
    expect(normaliseRepoPath('roles/web/tasks/../files/a.pub')).toBe('roles/web/files/a.pub');
    expect(normaliseRepoPath('./a//b')).toBe('a/b');
    expect(normaliseRepoPath('../x')).toBeUndefined();
  });
});
