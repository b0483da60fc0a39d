/** One small file of the tree at a revision (`:path` = the index, `sha:path` = a commit), as text; for rules that
 * resolve what a file refers to (an Ansible playbook's vars_files) and the line above a hunk. Undefined when absent,
 * binary or too large. One long-lived `git cat-file --batch` per repository serves every read (a process per read
 * cost a history audit ~5%); it holds the process open only while a read is pending. */
import { BlobReader } from './blobs.js';

const MAX_BYTES = 1024 * 1024;
const readers = new Map<string, BlobReader>();

export async function readTreeText(root: string, rev: string, path: string): Promise<string | undefined> {
  if (!path || path.startsWith('/') || path.split('/').includes('..')) return undefined;
  let reader = readers.get(root);
  if (!reader) readers.set(root, (reader = new BlobReader(root, MAX_BYTES).onlyWhileBusy()));
  const b = await reader.readAt(rev, path);
  return b.kind === 'text' ? b.text : undefined;
}
