/** One small file of the tree at a revision (`:path` = the index, `sha:path` = a commit), as text; for rules that
 * resolve what a file refers to (an Ansible playbook's vars_files). Undefined when absent, binary or too large. */
import { git } from './run.js';
import { decodeText, isBinary } from './blobs.js';

const MAX_BYTES = 1024 * 1024;

export async function readTreeText(root: string, rev: string, path: string): Promise<string | undefined> {
  if (!path || path.startsWith('/') || path.split('/').includes('..')) return undefined;
  const r = await git(root, ['cat-file', 'blob', `${rev}:${path}`]);
  if (r.code !== 0 || r.stdout.length > MAX_BYTES || isBinary(r.stdout)) return undefined;
  return decodeText(r.stdout);
}
