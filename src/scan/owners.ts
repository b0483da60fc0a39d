/**
 * Where ownership comes from: config `owners:` or, without it, the repository's CODEOWNERS — the staged version
 * (the index) for `--staged`, the work tree otherwise. Read only when a scan has findings to give owners to.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { indexMayHold } from '../git/index-file.js';
import { git } from '../git/run.js';
import { CODEOWNERS_PATHS, parseCodeowners, type Ownership } from '../owners/index.js';
import type { Config } from '../config/load.js';
import type { FileError } from '../types.js';

export interface LoadedOwnership {
  ownership?: Ownership;
  /** CODEOWNERS lines GitHub would reject (reported, the rest applies). */
  problems: FileError[];
}

/** The first CODEOWNERS in the index, in GitHub's order, or undefined. One `git cat-file --batch` for all three. */
async function fromIndex(root: string): Promise<{ file: string; text: string } | undefined> {
  const r = await git(root, ['cat-file', '--batch'], CODEOWNERS_PATHS.map((p) => `:${p}\n`).join(''));
  if (r.code !== 0) return undefined;
  const buf = r.stdout;
  let at = 0;
  for (const file of CODEOWNERS_PATHS) {
    const nl = buf.indexOf(0x0a, at);
    if (nl < 0) return undefined;
    const header = buf.subarray(at, nl).toString('utf8');
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      at = nl + 1; // "<name> missing" (or ambiguous): not there
      continue;
    }
    const size = Number(m[2]);
    if (m[1] === 'blob') return { file, text: buf.subarray(nl + 1, nl + 1 + size).toString('utf8') };
    at = nl + 1 + size + 1;
  }
  return undefined;
}

function fromDisk(root: string): { file: string; text: string } | undefined {
  for (const file of CODEOWNERS_PATHS) {
    try {
      return { file, text: readFileSync(path.join(root, file), 'utf8') };
    } catch {
      // not there (or unreadable): GitHub goes on to the next place too
    }
  }
  return undefined;
}

export async function loadOwnership(
  root: string,
  config: Config,
  staged: boolean,
  env: NodeJS.ProcessEnv = {},
): Promise<LoadedOwnership> {
  if (config.owners) return { ownership: { from: 'config', rules: config.owners }, problems: [] };
  // Every place GitHub reads ends in CODEOWNERS: when the index cannot hold one, no git process is needed.
  if (staged && indexMayHold(root, env, 'CODEOWNERS') === 'no') return { problems: [] };
  const found = staged ? await fromIndex(root) : fromDisk(root);
  if (!found) return { problems: [] };
  const parsed = parseCodeowners(found.text, found.file);
  return {
    ownership: { from: found.file, rules: parsed.rules },
    problems: parsed.problems.map((p) => ({ file: found.file, line: p.line, message: p.message })),
  };
}
