/** Where a finding or suppression is, for reports people read: its file, or a commit message (which has no file). */
export interface Placed {
  file: string | null;
  in?: 'message';
  commit?: string;
}

/** The file, or "commit message of SHA" (or "commit message": the one being written). */
export function placeOf(f: Placed): string {
  if (f.in !== 'message' && f.file !== null) return f.file;
  return f.commit ? `commit message of ${f.commit.slice(0, 10)}` : 'commit message';
}

/** `file:line`, or the commit message and its line. */
export function placeLine(f: Placed & { line: number }): string {
  return f.in === 'message' || f.file === null ? `${placeOf(f)}, line ${f.line}` : `${f.file}:${f.line}`;
}
