/**
 * Commit messages as text to scan: the messages of given commits (pre-push, ranges, history), and the message of the
 * commit being made (the commit-msg hook), without git's comment lines.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
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

/**
 * Whether no config file git reads for this repository can set the comment character, so it is `#` without asking
 * git (on a commit-msg hook, starting git is most of what a clean message costs, and node's child_process with it).
 * Only when every file is known and plain: the system files at the usual places (or GIT_CONFIG_SYSTEM /
 * GIT_CONFIG_NOSYSTEM), the global ones (or GIT_CONFIG_GLOBAL), and the repository's own, none of them saying
 * `comment` or `include`; no config from the environment or the command line (GIT_CONFIG_COUNT, `git -c`), no GIT_DIR,
 * and `.git` a folder. Otherwise git is asked.
 */
function plainConfig(root: string, env: NodeJS.ProcessEnv): boolean {
  if (env.GIT_CONFIG_PARAMETERS || env.GIT_CONFIG_COUNT || env.GIT_CONFIG || env.GIT_DIR || env.GIT_COMMON_DIR)
    return false;
  if (process.platform === 'win32') return false;
  const home = env.HOME;
  if (!home) return false;
  const files: string[] = [];
  if (env.GIT_CONFIG_SYSTEM !== undefined) files.push(env.GIT_CONFIG_SYSTEM);
  else if (!env.GIT_CONFIG_NOSYSTEM || env.GIT_CONFIG_NOSYSTEM === '0' || env.GIT_CONFIG_NOSYSTEM === 'false')
    files.push(...SYSTEM_CONFIGS);
  if (env.GIT_CONFIG_GLOBAL !== undefined) files.push(env.GIT_CONFIG_GLOBAL);
  else
    files.push(
      path.join(home, '.gitconfig'),
      path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'git', 'config'),
    );
  const dotGit = path.join(root, '.git');
  try {
    if (!statSync(dotGit).isDirectory()) return false; // a linked worktree or a submodule: git knows where
  } catch {
    return false;
  }
  files.push(path.join(dotGit, 'config'), path.join(dotGit, 'config.worktree'));
  for (const f of files) {
    if (!f || f === '/dev/null') continue;
    let text: string;
    try {
      text = readFileSync(f, 'latin1');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
      return false;
    }
    if (/comment|include/i.test(text)) return false;
  }
  return true;
}

/** Where git builds keep their system config (/etc, Homebrew, Apple's command line tools and Xcode). */
const SYSTEM_CONFIGS = [
  '/etc/gitconfig',
  '/usr/local/etc/gitconfig',
  '/opt/homebrew/etc/gitconfig',
  '/Library/Developer/CommandLineTools/usr/share/git-core/gitconfig',
  '/Applications/Xcode.app/Contents/Developer/usr/share/git-core/gitconfig',
];

/**
 * The comment character(s) git uses in this repository (core.commentString, core.commentChar; default `#`). `env`:
 * the environment git would run in; without it git is always asked.
 */
export async function commentChars(root: string | undefined, env?: NodeJS.ProcessEnv): Promise<string[]> {
  if (!root) return ['#'];
  if (env && plainConfig(root, env)) return ['#'];
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
