/**
 * A fake GitHub REST API on 127.0.0.1: the endpoints the Action calls (check runs, pull request files, review
 * comments, reviews), with pagination (Link headers), injectable 403s and rate limits, and a log of every request.
 * Every request is checked against GitHub's published OpenAPI description (./openapi.ts); `stop()` fails with the
 * list when one did not match it, so every test that runs the Action against the stand-in checks its requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest } from './openapi.js';

export interface SentAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  title?: string;
  message: string;
}

export interface SentComment {
  path: string;
  line: number;
  side: string;
  start_line?: number;
  start_side?: string;
  body: string;
}

/** The union of the request bodies the Action sends. */
export interface Body {
  name?: string;
  head_sha?: string;
  status?: string;
  conclusion?: string;
  output?: { title: string; summary: string; annotations?: SentAnnotation[] };
  event?: string;
  commit_id?: string;
  body?: string;
  comments?: SentComment[];
  reviewers?: string[];
  team_reviewers?: string[];
}

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  json: Body;
  headers: IncomingMessage['headers'];
}

export interface FakeComment {
  id: number;
  body: string;
  path: string;
  line: number;
  start_line?: number;
  commit_id: string;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  output?: { title: string; summary: string };
  annotations: SentAnnotation[];
}

export class FakeGitHub {
  readonly requests: Recorded[] = [];
  /** Requests that do not match GitHub's OpenAPI description (see ./openapi.ts). */
  readonly specViolations: string[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly reviews: Body[] = [];
  comments: FakeComment[] = [];
  /** Pull request files (filename, status, patch), as GET /pulls/{n}/files returns them. */
  files: Array<{ filename: string; status: string; patch?: string }> = [];
  /** Every request answers 403 (a read-only token). */
  forbidden = false;
  /** Answer the next N requests matching "METHOD /path-suffix-regex" with 429 + retry-after: 0. */
  rateLimits: Array<{ method: string; path: RegExp; times: number }> = [];
  pageSize = 100;
  /** Logins that may be asked for a review (others: 422, as GitHub answers for a non-collaborator). */
  collaborators = new Set<string>();
  /** Team slugs of the organisation (others: 422). */
  teams = new Set<string>();
  /** Submitted reviews (GET /pulls/{n}/reviews), oldest first. */
  submittedReviews: Array<{ login: string; state: string; commit_id: string }> = [];
  /** Team memberships, "org/slug" → active member logins. */
  members = new Map<string, Set<string>>();
  /** Requests GitHub's OpenAPI description refuses (the same list as specViolations); each was answered 422. */
  get invalid(): string[] {
    return this.specViolations;
  }
  /** Reviews requested so far, per pull request number. */
  requestedReviewers = new Map<number, { users: string[]; teams: string[] }>();
  private server?: Server;
  private nextId = 1000;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
    if (this.specViolations.length)
      throw new Error(`requests that do not match GitHub's OpenAPI description:\n${this.specViolations.join('\n')}`);
  }

  /** Everything the Action sent, as one string (for leak checks). */
  allBodies(): string {
    return this.requests.map((r) => `${r.method} ${r.path}?${r.query.toString()}\n${r.body}`).join('\n');
  }

  reqs(method: string, path: RegExp): Recorded[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private page<T>(req: Recorded, res: ServerResponse, all: T[]): void {
    const per = Math.min(Number(req.query.get('per_page') ?? 30), this.pageSize);
    const page = Number(req.query.get('page') ?? 1);
    const items = all.slice((page - 1) * per, page * per);
    const last = Math.max(1, Math.ceil(all.length / per));
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(req.query);
      q.set('page', String(p));
      q.set('per_page', String(per));
      return `<${this.url}${req.path}?${q.toString()}>; rel="${rel}"`;
    };
    const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : [])];
    this.send(res, 200, items, links.length ? { link: links.join(', ') } : {});
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const u = new URL(req.url ?? '/', this.url);
    let json: Body = {};
    try {
      json = body ? (JSON.parse(body) as Body) : {};
    } catch {
      json = {};
    }
    const r: Recorded = {
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      body,
      json,
      headers: req.headers,
    };
    this.requests.push(r);
    const problems = checkRequest(r.method, r.path, r.query, body);
    this.specViolations.push(...problems);
    if (req.headers.authorization !== 'token test-token' && req.headers.authorization !== 'bearer test-token')
      return this.send(res, 401, { message: 'Bad credentials' });
    const limit = this.rateLimits.find((l) => l.times > 0 && l.method === r.method && l.path.test(r.path));
    if (limit) {
      limit.times--;
      return this.send(
        res,
        429,
        { message: 'API rate limit exceeded' },
        { 'retry-after': '0', 'x-ratelimit-remaining': '0' },
      );
    }
    if (this.forbidden) return this.send(res, 403, { message: 'Resource not accessible by integration' });
    // What GitHub's description refuses, GitHub answers 422 (an unknown endpoint falls through to 404 below).
    if (problems.length && !problems[0]!.includes('no operation'))
      return this.send(res, 422, { message: 'Invalid request', errors: problems });

    let m: RegExpExecArray | null;
    if (r.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(r.path)) {
      const run: CheckRun = {
        id: this.nextId++,
        name: json.name ?? '',
        head_sha: json.head_sha ?? '',
        status: json.status ?? '',
        annotations: [],
      };
      this.checkRuns.push(run);
      return this.send(res, 201, { id: run.id, head_sha: run.head_sha, status: run.status });
    }
    if (r.method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(r.path))) {
      const run = this.checkRuns.find((c) => c.id === Number(m![1]));
      if (!run) return this.send(res, 404, { message: 'Not Found' });
      const ann = json.output?.annotations ?? [];
      if (ann.length > 50) return this.send(res, 422, { message: 'Only 50 annotations are allowed per request' });
      run.annotations.push(...ann);
      if (json.output) run.output = { title: json.output.title, summary: json.output.summary };
      if (json.status) run.status = json.status;
      if (json.conclusion) run.conclusion = json.conclusion;
      return this.send(res, 200, { id: run.id });
    }
    if (r.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/.test(r.path))
      return this.page(r, res, this.files);
    if (r.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/comments$/.test(r.path))
      return this.page(r, res, this.comments);
    if (r.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/.test(r.path))
      // OpenAPI "pulls/list-reviews": pull-request-review objects (id, user, body, state, commit_id, …).
      return this.page(
        r,
        res,
        this.submittedReviews.map((x, i) => ({
          id: 500 + i,
          node_id: `PRR_${i}`,
          user: { login: x.login, id: 9000 + i, type: 'User' },
          body: '',
          state: x.state,
          commit_id: x.commit_id,
          html_url: `https://github.com/acme/widgets/pull/7#pullrequestreview-${500 + i}`,
          pull_request_url: 'https://api.github.com/repos/acme/widgets/pulls/7',
          author_association: 'MEMBER',
          submitted_at: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
        })),
      );
    if (r.method === 'GET' && (m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(r.path))) {
      // OpenAPI "teams/get-membership-for-user-in-org": 200 with a team-membership, or 404 when not a member.
      const members = this.members.get(`${m[1]}/${m[2]}`.toLowerCase());
      if (!members?.has(m[3]!.toLowerCase())) return this.send(res, 404, { message: 'Not Found' });
      return this.send(res, 200, { url: `${this.url}${r.path}`, role: 'member', state: 'active' });
    }
    if (r.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/.test(r.path)) {
      // Like GitHub: a comment on a line that is not part of the diff fails the whole review.
      for (const c of json.comments ?? []) {
        const f = this.files.find((x) => x.filename === c.path);
        if (!f?.patch || !patchRightLines(f.patch).has(c.line))
          return this.send(res, 422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
        // A multi-line comment (a suggestion's lines): start_side given, start_line before line, both in one hunk.
        if (c.start_line !== undefined) {
          const inOne = patchHunks(f.patch).some(([a, b]) => a <= c.start_line! && c.line <= b);
          if (!c.start_side || c.start_line >= c.line || !inOne)
            return this.send(res, 422, {
              message: 'Unprocessable Entity',
              errors: ['start_line must precede line, in the same hunk'],
            });
        }
      }
      this.reviews.push(json);
      for (const c of json.comments ?? [])
        this.comments.push({
          id: this.nextId++,
          body: c.body,
          path: c.path,
          line: c.line,
          ...(c.start_line !== undefined ? { start_line: c.start_line } : {}),
          commit_id: json.commit_id ?? '',
        });
      return this.send(res, 200, { id: this.nextId++ });
    }
    if (r.method === 'POST' && (m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/requested_reviewers$/.exec(r.path))) {
      // OpenAPI "pulls/request-reviewers": reviewers and team_reviewers are arrays of strings, at least one given.
      const raw = json as Record<string, unknown>;
      const isList = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
      const extra = Object.keys(raw).filter((k) => k !== 'reviewers' && k !== 'team_reviewers');
      if (
        !isList(raw.reviewers) ||
        !isList(raw.team_reviewers) ||
        extra.length ||
        (!raw.reviewers && !raw.team_reviewers)
      )
        return this.send(res, 422, { message: 'Invalid request.', documentation_url: 'request-reviewers' });
      const users = json.reviewers ?? [];
      const teams = json.team_reviewers ?? [];
      if (users.some((u) => !this.collaborators.has(u)) || teams.some((t) => !this.teams.has(t)))
        return this.send(res, 422, {
          message:
            'Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the acme/widgets repository.',
        });
      const n = Number(m[1]);
      const prev = this.requestedReviewers.get(n) ?? { users: [], teams: [] };
      this.requestedReviewers.set(n, {
        users: [...new Set([...prev.users, ...users])],
        teams: [...new Set([...prev.teams, ...teams])],
      });
      return this.send(res, 201, {
        number: n,
        requested_reviewers: users.map((login) => ({ login })),
        requested_teams: teams.map((slug) => ({ slug })),
      });
    }
    if (r.method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/pulls\/comments\/(\d+)$/.exec(r.path))) {
      const c = this.comments.find((x) => x.id === Number(m![1]));
      if (!c) return this.send(res, 404, { message: 'Not Found' });
      c.body = json.body ?? '';
      return this.send(res, 200, c);
    }
    return this.send(res, 404, { message: `no fake for ${r.method} ${r.path}` });
  }
}

/** Independent of the Action's parser: right-side line numbers of a unified diff patch. */
export function patchRightLines(patch: string): Set<number> {
  const out = new Set<number>();
  let n = 0;
  for (const row of patch.split('\n')) {
    const h = /^@@ -\S+ \+(\d+)/.exec(row);
    if (h) n = Number(h[1]);
    else if (n && (row.startsWith('+') || row.startsWith(' '))) out.add(n++);
  }
  return out;
}

/** Independent of the Action's parser: the right-side line range of each hunk of a patch. */
export function patchHunks(patch: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let n = 0;
  for (const row of patch.split('\n')) {
    const h = /^@@ -\S+ \+(\d+)/.exec(row);
    if (h) {
      n = Number(h[1]);
      out.push([n, n - 1]);
    } else if (out.length && (row.startsWith('+') || row.startsWith(' '))) out[out.length - 1]![1] = n++;
  }
  return out;
}
