/**
 * The GitHub REST calls the Action makes, on @octokit/rest (bundled; nothing outside src/action imports it), with
 * rate-limit and transient-error retries and pagination. Every call may throw an ApiError; callers degrade.
 */
import { Octokit } from '@octokit/rest';
import type { RepoRef } from './runner.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** The token may not do this (fork pull requests get a read-only token). */
  get forbidden(): boolean {
    return this.status === 401 || this.status === 403 || this.status === 404;
  }
}

export interface ApiOptions {
  token: string;
  baseUrl: string;
  userAgent: string;
  log: (line: string) => void;
  /** Longest single wait for a rate limit before giving up (ms). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** How long to wait before retrying, or undefined to give up. Exported for unit tests. */
export function retryDelay(e: HttpErrorLike, attempt: number, nowMs: number, maxWaitMs: number): number | undefined {
  const status = e.status;
  const h = e.response?.headers ?? {};
  const header = (k: string) => (h[k] === undefined ? undefined : String(h[k]));
  const msg = `${e.message ?? ''} ${JSON.stringify(e.response?.data ?? '')}`;
  const limited =
    status === 429 ||
    (status === 403 &&
      (header('x-ratelimit-remaining') === '0' || header('retry-after') !== undefined || /rate limit/i.test(msg)));
  if (limited) {
    if (attempt >= 4) return undefined;
    let wait: number;
    const ra = header('retry-after');
    const reset = header('x-ratelimit-reset');
    if (ra !== undefined && /^\d+$/.test(ra)) wait = Number(ra) * 1000;
    else if (reset !== undefined && /^\d+$/.test(reset)) wait = Math.max(0, Number(reset) * 1000 - nowMs) + 1000;
    else wait = 60_000 * 2 ** attempt;
    return wait <= maxWaitMs ? wait : undefined;
  }
  if (status === undefined || status >= 500) {
    if (attempt >= 2) return undefined;
    return 1000 * 2 ** attempt;
  }
  return undefined;
}

export function toApiError(e: unknown, what: string): ApiError {
  if (e instanceof ApiError) return e;
  const x = e as HttpErrorLike;
  const data = x.response?.data as { message?: unknown } | undefined;
  const detail = typeof data?.message === 'string' ? data.message : (x.message ?? String(e)).split(' - ')[0]!;
  return new ApiError(`${what}: ${x.status ? `HTTP ${x.status} ` : ''}${detail}`.trim(), x.status);
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

export interface PrFile {
  filename: string;
  status: string;
  patch?: string;
}

export interface ReviewComment {
  id: number;
  body: string;
  path: string;
  line?: number | null;
}

export interface NewComment {
  path: string;
  /** The (last) line commented on; with start_line, the comment covers start_line…line (a suggestion's lines). */
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

export class Api {
  readonly octokit: Octokit;
  constructor(
    private readonly repo: RepoRef,
    o: ApiOptions,
  ) {
    const maxWait = o.maxWaitMs ?? 120_000;
    const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const quiet = () => {};
    this.octokit = new Octokit({
      auth: o.token,
      baseUrl: o.baseUrl.replace(/\/+$/, ''),
      userAgent: o.userAgent,
      log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    });
    this.octokit.hook.wrap('request', async (request, options) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await request(options);
        } catch (e) {
          const wait = retryDelay(e as HttpErrorLike, attempt, Date.now(), maxWait);
          if (wait === undefined) throw e;
          const status = (e as HttpErrorLike).status;
          o.log(
            `hookguard: GitHub API ${status ? `answered ${status}` : 'request failed'} for ${options.method} ${options.url}; retrying in ${Math.ceil(wait / 1000)} s`,
          );
          await sleep(wait);
        }
      }
    });
  }

  private async call<T>(what: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw toApiError(e, what);
    }
  }

  createCheckRun(headSha: string, name: string): Promise<number> {
    return this.call('creating the check run', async () => {
      const r = await this.octokit.rest.checks.create({
        ...this.repo,
        name,
        head_sha: headSha,
        status: 'in_progress',
      });
      return r.data.id;
    });
  }

  updateCheckRun(
    id: number,
    body: { output: CheckOutput; conclusion?: 'success' | 'failure' | 'neutral'; status?: 'completed' },
  ): Promise<void> {
    return this.call('updating the check run', async () => {
      await this.octokit.rest.checks.update({
        ...this.repo,
        check_run_id: id,
        ...(body.status ? { status: body.status, completed_at: new Date().toISOString() } : {}),
        ...(body.conclusion ? { conclusion: body.conclusion } : {}),
        output: body.output,
      });
    });
  }

  listPullFiles(pull: number): Promise<PrFile[]> {
    return this.call('listing the pull request files', async () => {
      const files = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
        ...this.repo,
        pull_number: pull,
        per_page: 100,
      });
      return files.map((f) => ({
        filename: f.filename,
        status: f.status,
        ...(f.patch !== undefined ? { patch: f.patch } : {}),
      }));
    });
  }

  listReviewComments(pull: number): Promise<ReviewComment[]> {
    return this.call('listing review comments', async () => {
      const list = await this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, {
        ...this.repo,
        pull_number: pull,
        per_page: 100,
      });
      return list.map((c) => ({ id: c.id, body: c.body, path: c.path, line: c.line ?? null }));
    });
  }

  createReview(pull: number, commitId: string, body: string, comments: NewComment[]): Promise<void> {
    return this.call('posting the review', async () => {
      await this.octokit.rest.pulls.createReview({
        ...this.repo,
        pull_number: pull,
        commit_id: commitId,
        event: 'COMMENT',
        body,
        comments,
      });
    });
  }

  /** POST /pulls/{n}/requested_reviewers. Users are logins without @, teams are slugs without the org. */
  requestReviewers(pull: number, reviewers: string[], teamReviewers: string[]): Promise<void> {
    return this.call('requesting reviews', async () => {
      await this.octokit.rest.pulls.requestReviewers({
        ...this.repo,
        pull_number: pull,
        ...(reviewers.length ? { reviewers } : {}),
        ...(teamReviewers.length ? { team_reviewers: teamReviewers } : {}),
      });
    });
  }

  /** GET /pulls/{n}/reviews, oldest first: who reviewed which commit, and how. */
  listReviews(pull: number): Promise<Array<{ login: string; state: string; commitId?: string }>> {
    return this.call('listing the pull request reviews', async () => {
      const list = await this.octokit.paginate(this.octokit.rest.pulls.listReviews, {
        ...this.repo,
        pull_number: pull,
        per_page: 100,
      });
      return list
        .filter((r) => r.user?.login)
        .map((r) => ({
          login: r.user!.login,
          state: r.state,
          ...(r.commit_id ? { commitId: r.commit_id } : {}),
        }));
    });
  }

  /** GET /orgs/{org}/teams/{slug}/memberships/{user}: an active member (404 = not a member). */
  async isTeamMember(org: string, team: string, login: string): Promise<boolean> {
    try {
      const r = await this.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username: login });
      return r.data.state === 'active';
    } catch (e) {
      if ((e as HttpErrorLike).status === 404) return false;
      throw toApiError(e, 'reading a team membership');
    }
  }

  updateReviewComment(id: number, body: string): Promise<void> {
    return this.call('updating a review comment', async () => {
      await this.octokit.rest.pulls.updateReviewComment({ ...this.repo, comment_id: id, body });
    });
  }
}
