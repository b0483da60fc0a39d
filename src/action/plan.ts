/**
 * Event → what to scan. Pull requests: every commit in base..head (shas from the payload, never GITHUB_SHA, which
 * is the merge commit). Pushes: before..after, with new branches and force pushes handled. Anything else (schedule,
 * workflow_dispatch): the whole history, or files on disk with mode=paths. Shallow clones are deepened as far as
 * needed; when that is impossible the message says to check out with fetch-depth: 0.
 */
import type { ScanRequest } from '../types.js';
import { firstLine, git } from '../git/run.js';
import { commitExists } from '../git/sources.js';
import { ActionInputError } from './runner.js';

export type Mode = 'auto' | 'diff' | 'history' | 'paths';
export const MODES: readonly Mode[] = ['auto', 'diff', 'history', 'paths'];

export interface PullRequestInfo {
  number: number;
  base: string;
  head: string;
  /** The head repository differs from the base one (a fork): the token is read-only on pull_request events. */
  fork: boolean;
  /** The author's login: GitHub refuses to request a review from the author. */
  author?: string;
}

export interface Plan {
  /** undefined: nothing to scan (a deleted branch). */
  request?: ScanRequest;
  /** Human description for logs and the summary. */
  scope: string;
  /** The commit the check run belongs to. */
  headSha?: string;
  pr?: PullRequestInfo;
  notes: string[];
}

const ZERO = /^0+$/;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}
function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

export interface PlanInput {
  mode: Mode;
  paths: string[];
  eventName: string;
  event: Record<string, unknown>;
  cwd: string;
  githubSha?: string;
  log: (line: string) => void;
}

export async function planScan(i: PlanInput): Promise<Plan> {
  const notes: string[] = [];
  if (i.mode === 'paths')
    return {
      request: { kind: 'paths', paths: i.paths },
      scope: `files (${i.paths.join(', ') || '.'})`,
      notes,
      ...sha(i),
    };
  if (i.mode === 'history') return { request: { kind: 'history' }, scope: 'full history', notes, ...sha(i) };

  // pull_request_review: an approval may settle the exceptions the pull request adds, so the same scan runs again.
  if (
    i.eventName === 'pull_request' ||
    i.eventName === 'pull_request_target' ||
    i.eventName === 'pull_request_review'
  ) {
    const pr = obj(i.event.pull_request);
    const base = str(obj(pr.base).sha);
    const head = str(obj(pr.head).sha);
    const number = typeof pr.number === 'number' ? pr.number : Number(i.event.number);
    if (!base || !head || !SHA.test(base) || !SHA.test(head) || !Number.isInteger(number))
      throw new ActionInputError(
        `the ${i.eventName} event payload has no pull_request.base.sha / pull_request.head.sha / number`,
      );
    const commits = typeof pr.commits === 'number' ? pr.commits : undefined;
    await ensureRange(i.cwd, base, head, { commits, pr: number, log: i.log, what: 'pull request' });
    const n = await countCommits(i.cwd, `${base}..${head}`);
    const baseRepo = str(obj(obj(pr.base).repo).full_name);
    const headRepo = str(obj(obj(pr.head).repo).full_name);
    // The pull request's title and body are scanned as messages too (issue 26), as are its commits' messages.
    const texts = [
      { name: 'pull request title', text: str(pr.title) ?? '' },
      { name: 'pull request body', text: str(pr.body) ?? '' },
    ].filter((t) => t.text);
    return {
      request: { kind: 'range', range: `${base}..${head}`, ...(texts.length ? { texts } : {}) },
      scope: `pull request #${number}: ${n} commit${n === 1 ? '' : 's'} (${base.slice(0, 7)}..${head.slice(0, 7)})`,
      headSha: head,
      pr: {
        number,
        base,
        head,
        fork: Boolean(baseRepo && headRepo && baseRepo !== headRepo),
        ...(str(obj(pr.user).login) ? { author: str(obj(pr.user).login) } : {}),
      },
      notes,
    };
  }

  if (i.eventName === 'merge_group') {
    const mg = obj(i.event.merge_group);
    const base = str(mg.base_sha);
    const head = str(mg.head_sha);
    if (!base || !head || !SHA.test(base) || !SHA.test(head))
      throw new ActionInputError('the merge_group event payload has no merge_group.base_sha / head_sha');
    await ensureRange(i.cwd, base, head, { log: i.log, what: 'merge group' });
    return rangePlan(i.cwd, base, head, 'merge queue', notes);
  }

  if (i.eventName === 'push') {
    const before = str(i.event.before) ?? '';
    const after = str(i.event.after) ?? '';
    if (i.event.deleted === true || !after || ZERO.test(after))
      return { scope: 'a deleted branch', notes: ['The push deleted a branch: nothing to scan.'] };
    if (!SHA.test(after)) throw new ActionInputError('the push event payload has no "after" commit');
    if (before && !ZERO.test(before) && SHA.test(before)) {
      try {
        await ensureRange(i.cwd, before, after, { log: i.log, what: 'push' });
        return rangePlan(i.cwd, before, after, 'push', notes);
      } catch (e) {
        if (!(e instanceof ActionInputError)) throw e;
        // A force push: the old tip is gone from the remote. Compare with the default branch instead.
        notes.push(
          `The previous tip ${before.slice(0, 7)} is not available (force push?); compared with the default branch instead.`,
        );
      }
    }
    // A new branch (or a rewritten one): the commits on it that the default branch does not have. Not "commits on
    // no remote ref": the checkout already fetched the pushed branch itself, so every pushed commit is on a remote.
    const ref = str(i.event.ref) ?? '';
    const defaultBranch = str(obj(i.event.repository).default_branch);
    if (defaultBranch && ref !== `refs/heads/${defaultBranch}`) {
      const baseSha = await defaultBranchSha(i.cwd, defaultBranch, i.log);
      if (baseSha) {
        await ensureRange(i.cwd, baseSha, after, { log: i.log, what: 'push' });
        notes.push(`New branch: scanned the commits not on ${defaultBranch}.`);
        return rangePlan(i.cwd, baseSha, after, `new branch (vs ${defaultBranch})`, notes);
      }
    }
    notes.push('First push of the default branch (or no default branch to compare with): scanned the whole history.');
    await ensureFullHistory(i.cwd, i.log);
    return { request: { kind: 'history' }, scope: 'full history (new branch)', headSha: after, notes };
  }

  if (i.mode === 'diff')
    throw new ActionInputError(
      `mode "diff" needs a pull_request or push event, and this run is "${i.eventName || 'unknown'}"; use mode "history" or "paths"`,
    );
  await ensureFullHistory(i.cwd, i.log);
  return { request: { kind: 'history' }, scope: 'full history', notes, ...sha(i) };
}

function sha(i: PlanInput): { headSha?: string } {
  return i.githubSha && SHA.test(i.githubSha) ? { headSha: i.githubSha } : {};
}

async function rangePlan(cwd: string, base: string, head: string, what: string, notes: string[]): Promise<Plan> {
  const n = await countCommits(cwd, `${base}..${head}`);
  return {
    request: { kind: 'range', range: `${base}..${head}` },
    scope: `${what}: ${n} commit${n === 1 ? '' : 's'} (${base.slice(0, 7)}..${head.slice(0, 7)})`,
    headSha: head,
    notes,
  };
}

async function countCommits(cwd: string, range: string): Promise<number> {
  const r = await git(cwd, ['rev-list', '--count', range, '--']);
  return r.code === 0 ? Number(r.stdout.toString().trim()) || 0 : 0;
}

async function isShallow(cwd: string): Promise<boolean> {
  const r = await git(cwd, ['rev-parse', '--is-shallow-repository']);
  return r.code === 0 && r.stdout.toString().trim() === 'true';
}

async function hasMergeBase(cwd: string, a: string, b: string): Promise<boolean> {
  return (await git(cwd, ['merge-base', a, b])).code === 0;
}

async function fetch(cwd: string, args: string[], log: (l: string) => void): Promise<boolean> {
  log(`hookguard: git fetch ${args.join(' ')}`);
  const r = await git(cwd, ['fetch', '--no-tags', '--quiet', ...args]);
  if (r.code !== 0) log(`hookguard: git fetch failed: ${firstLine(r.stderr)}`);
  return r.code === 0;
}

interface EnsureOptions {
  commits?: number | undefined;
  pr?: number;
  log: (l: string) => void;
  what: string;
}

/**
 * Make base, head and (in a shallow clone) their merge base available: fetch the missing tips, then deepen step by
 * step, then unshallow. Throws an ActionInputError that says to use fetch-depth: 0 when nothing works.
 */
async function ensureRange(cwd: string, base: string, head: string, o: EnsureOptions): Promise<void> {
  const ready = async () =>
    (await commitExists(cwd, base)) &&
    (await commitExists(cwd, head)) &&
    (!(await isShallow(cwd)) || (await hasMergeBase(cwd, base, head)));
  if (await ready()) return;
  const shallow = await isShallow(cwd);
  const tips = [base, head];
  const steps: string[][] = [];
  if (shallow) {
    const depth = Math.max(50, (o.commits ?? 0) + 10);
    steps.push([`--depth=${depth}`, 'origin', ...tips]);
    if (o.pr !== undefined) steps.push([`--depth=${depth}`, 'origin', `refs/pull/${o.pr}/head`]);
    steps.push(['--deepen=500', 'origin', ...tips]);
    steps.push(['--unshallow', 'origin']);
  } else {
    steps.push(['origin', ...tips]);
    if (o.pr !== undefined) steps.push(['origin', `refs/pull/${o.pr}/head`]);
  }
  for (const s of steps) {
    if (!(await isShallow(cwd)) && s.includes('--unshallow')) break;
    await fetch(cwd, s, o.log);
    if (await ready()) return;
  }
  const missing: string[] = [];
  if (!(await commitExists(cwd, base))) missing.push(`base commit ${base.slice(0, 12)}`);
  if (!(await commitExists(cwd, head))) missing.push(`head commit ${head.slice(0, 12)}`);
  const what = missing.length
    ? `the ${o.what}'s ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not in this clone`
    : `the history between ${base.slice(0, 7)} and ${head.slice(0, 7)} is not in this shallow clone`;
  throw new ActionInputError(
    `${what} and could not be fetched. Check out the full history: actions/checkout with "fetch-depth: 0".`,
  );
}

async function ensureFullHistory(cwd: string, log: (l: string) => void): Promise<void> {
  if (!(await isShallow(cwd))) return;
  if (await fetch(cwd, ['--unshallow', 'origin'], log)) return;
  throw new ActionInputError(
    'a full-history scan needs the whole history, and this clone is shallow and could not be deepened. Check out with actions/checkout and "fetch-depth: 0".',
  );
}

async function defaultBranchSha(cwd: string, branch: string, log: (l: string) => void): Promise<string | undefined> {
  const ref = `refs/remotes/origin/${branch}`;
  const read = async () => {
    const r = await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return r.code === 0 ? r.stdout.toString().trim() : undefined;
  };
  const have = await read();
  if (have) return have;
  const shallow = await isShallow(cwd);
  await fetch(cwd, [...(shallow ? ['--depth=50'] : []), 'origin', `+refs/heads/${branch}:${ref}`], log);
  return read();
}
