/**
 * Commit messages as text to scan: the messages of given commits (pre-push, ranges, history), and the message of the
 * commit being made (the commit-msg hook), without git's comment lines.
 */
import type { CommitInfo } from '../types.js';
import { git } from './run.js';

const MESSAGE_FORMAT = '--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f%B';
/** Commits per `git log` call: their messages are read whole, so a long history is read in bounded pieces. */
const BATCH = 2000;

/** Each commit's full message (subject and body), in the order given. */
export async function commitMessages(
  root: string,
  shas: string[],
  onMessage: (commit: CommitInfo, message: string) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < shas.length; i += BATCH) {
    const part = shas.slice(i, i + BATCH);
    const r = await git(root, ['log', '--no-walk=unsorted', '--stdin', MESSAGE_FORMAT], part.join('\n') + '\n');
    if (r.code !== 0) continue; // the diff pass that ran first reports why git cannot read these commits
    for (const rec of r.stdout.toString('utf8').split('\x1e')) {
      if (!rec) continue;
      const [sha = '', author, email, date, summary, ...body] = rec.split('\x1f');
      const message = body.join('\x1f').replace(/\n+$/, '');
      if (!sha || !message.trim()) continue;
      await onMessage(
        {
          sha,
          ...(author ? { author } : {}),
          ...(email ? { email } : {}),
          ...(date ? { date } : {}),
          ...(summary ? { summary } : {}),
        },
        message,
      );
    }
  }
}

/** The comment character(s) git uses in this repository (core.commentString, core.commentChar; default `#`). */
export async function commentChars(root: string | undefined): Promise<string[]> {
  if (!root) return ['#'];
  const r = await git(root, ['config', '--get-regexp', '^core\\.comment(char|string)$']);
  const out = ['#'];
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const v = line.replace(/^\S+\s?/, '');
    // `auto`: git picks a character no line of the message starts with; `#` stays the usual one.
    if (line.trim() && v && v !== 'auto' && !out.includes(v)) out.push(v);
  }
  return out;
}

/** git's scissors line: it and everything below it (`commit -v`'s diff) are not part of the message. */
const SCISSORS = / -{24} >8 -{24}$/;

/**
 * A message file as git will record it: comment lines and everything from the scissors line on are blanked (so line
 * numbers stay those of the file), CRLF read as LF.
 */
export function messageText(raw: string, comment: string[]): string {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const cut = lines.findIndex((l) => comment.some((c) => l.startsWith(c)) && SCISSORS.test(l));
  const kept = cut >= 0 ? lines.slice(0, cut) : lines;
  return kept
    .map((l) => (comment.some((c) => l.startsWith(c)) ? '' : l))
    .join('\n')
    .replace(/\n+$/, '');
}
