/**
 * The Action end to end: the built dist/index.js runs as a child process with the runner's environment, on real git
 * repositories, against a fake GitHub API on 127.0.0.1 that records every request.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, leaks, Repo, ROOT, tempDir } from '../helpers.js';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { FakeGitHub } from './fake-github.js';
import { NETWORK_POLICY, PLAYBOOK, TEMPLATE } from '../policies/fixtures.js';

const DIST = path.join(ROOT, 'dist', 'index.js');

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-action.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build-action failed: ${r.stderr}`);
}, 120_000);
afterAll(() => cleanup());

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  /** Everything the run wrote anywhere (for leak checks). */
  everything: string;
}

function runnerEnv(repo: Repo, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(repo.env))
    if (!/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|CI$|DEBUG$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

async function runAction(
  repo: Repo,
  gh: FakeGitHub | undefined,
  o: { eventName: string; event: unknown; inputs?: Record<string, string>; sha?: string; cwd?: string },
): Promise<ActionRun> {
  const dir = tempDir('hg-runner-');
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(o.event));
  const summaryPath = path.join(dir, 'summary.md');
  const outputPath = path.join(dir, 'output.txt');
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const cwd = o.cwd ?? repo.dir;
  const inputs: Record<string, string> = { 'github-token': 'test-token', comments: 'true', mode: 'auto', ...o.inputs };
  const env = runnerEnv(repo, {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_REPOSITORY: 'acme/widgets',
    GITHUB_API_URL: gh?.url ?? 'http://127.0.0.1:9',
    GITHUB_WORKSPACE: cwd,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_SHA: o.sha ?? 'f'.repeat(40),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    HOOKGUARD_MAX_RATE_WAIT_MS: '5000',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  });
  const child = spawn(process.execPath, [DIST], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  const summary = readFileSync(summaryPath, 'utf8');
  const outputRaw = readFileSync(outputPath, 'utf8');
  const sarif =
    inputs['sarif-file'] && existsSync(path.join(cwd, inputs['sarif-file']))
      ? readFileSync(path.join(cwd, inputs['sarif-file']), 'utf8')
      : '';
  return {
    code,
    stdout,
    stderr,
    summary,
    outputs: parseOutputs(outputRaw),
    everything: [stdout, stderr, summary, outputRaw, sarif, gh?.allBodies() ?? ''].join('\n'),
  };
}

/** The files of base...head as GET /pulls/{n}/files returns them (patch = the hunks). */
function prFiles(repo: Repo, base: string, head: string) {
  const names = repo.git('diff', '--name-status', '--no-renames', `${base}...${head}`).split('\n').filter(Boolean);
  return names.map((line) => {
    const [st, file] = line.split('\t') as [string, string];
    const diff = repo.git('diff', '-U3', `${base}...${head}`, '--', file);
    const at = diff.indexOf('\n@@');
    return {
      filename: file,
      status: st === 'A' ? 'added' : st === 'D' ? 'removed' : 'modified',
      ...(at >= 0 ? { patch: diff.slice(at + 1) } : {}),
    };
  });
}

function prEvent(base: string, head: string, number = 7, fork = false) {
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      commits: 1,
      base: { sha: base, ref: 'main', repo: { full_name: 'acme/widgets' } },
      head: { sha: head, ref: 'feature', repo: { full_name: fork ? 'mallory/widgets' : 'acme/widgets' } },
    },
    repository: { full_name: 'acme/widgets', default_branch: 'main' },
  };
}

/** main with one clean commit, then a feature branch with the given commits. */
function prRepo(commits: Array<Record<string, string>>): { repo: Repo; base: string; head: string } {
  const repo = Repo.init();
  const base = repo.commit('base', {
    'README.md': '# widgets\n',
    'src/app.js': 'const a = 1;\nconst b = 2;\nmodule.exports = { a, b };\n',
  });
  repo.git('checkout', '-q', '-b', 'feature');
  let head = base;
  commits.forEach((files, i) => (head = repo.commit(`change ${i + 1}`, files)));
  return { repo, base, head };
}

const appWith = (token: string) =>
  `const a = 1;\nconst b = 2;\nconst token = "${token}";\nmodule.exports = { a, b, token };\n`;

describe('GitHub Action (dist/index.js)', () => {
  let gh: FakeGitHub;
  beforeAll(async () => {
    gh = await new FakeGitHub().start();
  });
  afterAll(async () => gh.stop());

  it('posts a check run on the PR head sha, one review with an inline comment, outputs and a summary; re-runs do not duplicate', async () => {
    const secret = fakeGithubToken();
    const { repo, base, head } = prRepo([{ 'src/app.js': appWith(secret) }]);
    const gh2 = await new FakeGitHub().start();
    try {
      gh2.files = prFiles(repo, base, head);
      const res = await runAction(repo, gh2, {
        eventName: 'pull_request',
        event: prEvent(base, head),
        inputs: { 'sarif-file': 'out/hookguard.sarif' },
      });
      expect(res.code, res.stdout + res.stderr).toBe(1);

      // Check run: on the head sha (not GITHUB_SHA), completed as a failure, the annotation on the right line.
      expect(gh2.checkRuns).toHaveLength(1);
      const run = gh2.checkRuns[0]!;
      expect(run.head_sha).toBe(head);
      expect(run.name).toBe('hookguard');
      expect(run.status).toBe('completed');
      expect(run.conclusion).toBe('failure');
      expect(run.output?.title).toMatch(/1 finding \(1 high\)/);
      expect(run.annotations).toEqual([
        expect.objectContaining({ path: 'src/app.js', start_line: 3, end_line: 3, annotation_level: 'failure' }),
      ]);
      expect(run.annotations[0]!.title).toMatch(/^github-pat: /);

      // One review, COMMENT, on the head commit, one inline comment with rule, why, fix and the hidden marker.
      expect(gh2.reviews).toHaveLength(1);
      const review = gh2.reviews[0]!;
      expect(review.event).toBe('COMMENT');
      expect(review.commit_id).toBe(head);
      expect(review.comments).toHaveLength(1);
      const c = review.comments![0]!;
      expect(c).toMatchObject({ path: 'src/app.js', line: 3, side: 'RIGHT' });
      expect(c.body).toMatch(/<!-- hookguard:fingerprint=[0-9a-f]{32} -->/);
      expect(c.body).toContain('`github-pat`');
      expect(c.body).toContain('**Why:**');
      expect(c.body).toContain('**Fix:**');

      // Outputs, summary, SARIF.
      expect(res.outputs).toEqual({
        findings: '1',
        blocking: '1',
        'sarif-file': 'out/hookguard.sarif',
        'report-html': '',
        exceptions: '0',
      });
      expect(res.summary).toContain('| `src/app.js` | 3 | high | `github-pat`');
      expect(res.summary).toContain('inline comment');
      const sarif = JSON.parse(readFileSync(path.join(repo.dir, 'out/hookguard.sarif'), 'utf8'));
      expect(sarif.runs[0].results).toHaveLength(1);
      expect(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['github-pat']);
      rmSync(path.join(repo.dir, 'out'), { recursive: true }); // not part of the next commits
      expect(res.stdout).toMatch(/^::error::hookguard: 1 finding at or above "high"/m);
      expect(res.stdout).not.toMatch(/^::error file=/m); // the check run carries the annotations
      expect(leaks(res.everything, [secret])).toEqual([]);

      // Re-run on the same head: no second review, no edits.
      const again = await runAction(repo, gh2, { eventName: 'pull_request', event: prEvent(base, head) });
      expect(again.code).toBe(1);
      expect(gh2.reviews).toHaveLength(1);
      expect(gh2.reqs('PATCH', /\/pulls\/comments\//)).toHaveLength(0);
      expect(again.summary).toContain('1 already commented');

      // A new push that removes the secret: it is still in the PR's history, so the run still fails and the comment stays.
      const fixed = repo.commit('remove token', {
        'src/app.js': 'const a = 1;\nconst b = 2;\nmodule.exports = { a, b };\n',
      });
      gh2.files = prFiles(repo, base, fixed);
      const third = await runAction(repo, gh2, { eventName: 'pull_request', event: prEvent(base, fixed) });
      expect(third.code).toBe(1);
      expect(gh2.reviews).toHaveLength(1);
      expect(gh2.comments[0]!.body).not.toContain('Resolved');

      // The branch rewritten without the secret (force push): the earlier comment is marked resolved, not deleted.
      repo.git('reset', '-q', '--hard', base);
      const clean = repo.commit('clean change', { 'README.md': '# widgets\n\nNow with docs.\n' });
      gh2.files = prFiles(repo, base, clean);
      const fourth = await runAction(repo, gh2, { eventName: 'pull_request', event: prEvent(base, clean) });
      expect(fourth.code).toBe(0);
      expect(gh2.reviews).toHaveLength(1);
      expect(gh2.comments).toHaveLength(1);
      expect(gh2.comments[0]!.body).toMatch(/state=resolved/);
      expect(gh2.comments[0]!.body).toContain('**Resolved**');
      expect(fourth.summary).toContain('1 earlier comment marked resolved');
      // Resolved only once.
      await runAction(repo, gh2, { eventName: 'pull_request', event: prEvent(base, clean) });
      expect(gh2.reqs('PATCH', /\/pulls\/comments\//)).toHaveLength(1);
      expect(leaks(gh2.allBodies(), [secret])).toEqual([]);
    } finally {
      await gh2.stop();
    }
  });

  it('sends annotations in batches of at most 50 and paginates the pull request files', async () => {
    const secrets = Array.from({ length: 63 }, () => fakeGithubToken());
    const many = secrets.map((s, i) => `export const t${i} = "${s}";`).join('\n') + '\n';
    const other = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`docs/page${i}.md`, `page ${i}\n`]));
    const { repo, base, head } = prRepo([{ ...other, 'src/tokens.js': many }]);
    const g = await new FakeGitHub().start();
    g.pageSize = 2;
    try {
      g.files = prFiles(repo, base, head);
      const res = await runAction(repo, g, { eventName: 'pull_request', event: prEvent(base, head) });
      expect(res.code).toBe(1);
      const total = Number(res.outputs.findings);
      expect(total).toBeGreaterThanOrEqual(63);
      const patches = g.reqs('PATCH', /\/check-runs\/\d+$/);
      expect(patches.length).toBe(Math.ceil(total / 50));
      for (const p of patches) expect(p.json.output!.annotations!.length).toBeLessThanOrEqual(50);
      expect(g.checkRuns[0]!.annotations).toHaveLength(total);
      expect(patches.at(-1)!.json.conclusion).toBe('failure');
      expect(patches.slice(0, -1).every((p) => p.json.conclusion === undefined)).toBe(true);
      // Files came in pages of 2 (the tokens file is on the last page), and the comments were still placed.
      expect(g.reqs('GET', /\/pulls\/7\/files$/).length).toBe(Math.ceil(g.files.length / 2));
      expect(g.reviews).toHaveLength(1);
      expect(g.reviews[0]!.comments!.length).toBe(50);
      expect(g.reviews[0]!.comments!.every((c) => c.path === 'src/tokens.js')).toBe(true);
      expect(res.summary).toContain('summary only (comment limit)');
      expect(leaks(res.everything, secrets)).toEqual([]);
    } finally {
      await g.stop();
    }
  });

  it('falls back to workflow-command annotations with a read-only token (fork PR, 403), saying why once', async () => {
    const secret = fakeGithubToken();
    const { repo, base, head } = prRepo([{ 'src/app.js': appWith(secret) }]);
    const g = await new FakeGitHub().start();
    g.forbidden = true;
    try {
      g.files = prFiles(repo, base, head);
      const res = await runAction(repo, g, { eventName: 'pull_request', event: prEvent(base, head, 7, true) });
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/^::error file=src\/app\.js,line=3,col=\d+,.*title=github-pat/m);
      const warnings = res.stdout
        .split('\n')
        .filter((l) => l.startsWith('::warning::hookguard could not use the GitHub API'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('HTTP 403');
      expect(warnings[0]).toContain('forks');
      expect(g.requests).toHaveLength(1); // the API is not tried again after the 403
      expect(res.summary).toContain('could not use the GitHub API');
      expect(res.summary).toContain('| `src/app.js` | 3 | high | `github-pat`');
      expect(res.outputs.blocking).toBe('1');
      expect(leaks(res.everything, [secret])).toEqual([]);
    } finally {
      await g.stop();
    }
  });

  it('passes a clean pull request', async () => {
    const { repo, base, head } = prRepo([{ 'src/app.js': 'const a = 1;\nconst b = 3;\nmodule.exports = { a, b };\n' }]);
    gh.files = prFiles(repo, base, head);
    const before = gh.requests.length;
    const res = await runAction(repo, gh, { eventName: 'pull_request', event: prEvent(base, head, 8) });
    expect(res.code, res.stdout).toBe(0);
    const run = gh.checkRuns.at(-1)!;
    expect(run.head_sha).toBe(head);
    expect(run.conclusion).toBe('success');
    expect(run.annotations).toEqual([]);
    expect(gh.requests.slice(before).filter((r) => r.path.endsWith('/reviews'))).toEqual([]);
    expect(res.outputs).toEqual({ findings: '0', blocking: '0', 'sarif-file': '', 'report-html': '', exceptions: '0' });
    expect(res.summary).toContain('no new findings');
    expect(res.summary).not.toContain('environment parity');
    expect(res.stdout).not.toContain('::error');
  });

  it('scans every commit message of the pull request, and its title and body (issue 26)', async () => {
    const inMessage = fakeGithubToken();
    const inBody = fakeGithubToken();
    const { repo, base } = prRepo([{ 'src/app.js': 'const a = 1;\nconst b = 4;\nmodule.exports = { a, b };\n' }]);
    const head = repo.commit(`Use the bot token\n\nit is ${inMessage}`, { 'b.txt': 'b\n' });
    gh.files = prFiles(repo, base, head);
    const event = prEvent(base, head, 10);
    Object.assign(event.pull_request, { title: 'Bot token', body: `For review: ${inBody}` });
    const res = await runAction(repo, gh, { eventName: 'pull_request', event, inputs: { 'fail-on': 'high' } });
    expect(res.code, res.stdout + res.stderr).toBe(1);
    expect(res.outputs.findings).toBe('2');
    const run = gh.checkRuns.at(-1)!;
    expect(run.conclusion).toBe('failure');
    // No file to annotate: the summary lists them; the check run's annotations hold none with an empty path.
    expect(run.annotations.filter((x) => !x.path)).toEqual([]);
    expect(res.summary).toContain('commit message');
    expect(res.summary.match(/`commit message`/g)).toHaveLength(2);
    expect(leaks(res.everything, [inMessage, inBody])).toEqual([]);
  });

  it('adds the environment parity table to the job summary when the pull request touches environment files', async () => {
    const { repo, base, head } = prRepo([
      {
        'config/dev/app.yaml': 'verify_ssl: true\nworkers: 2\n',
        'config/prod/app.yaml': 'verify_ssl: true\nworkers: 8\n',
      },
      { 'config/prod/app.yaml': 'verify_ssl: false\nworkers: 8\n' },
    ]);
    gh.files = prFiles(repo, base, head);
    const res = await runAction(repo, gh, { eventName: 'pull_request', event: prEvent(base, head, 9) });
    expect(res.summary).toContain('## hookguard: environment parity');
    expect(res.summary).toContain('### `config/{env}/app.yaml`');
    expect(res.summary).toContain('| `verify_ssl` 🔒 | DIFFERS: true | WEAKER: false |');
    // Only differences are listed: the counts differ by design (expected), nothing else.
    expect(res.summary).toContain('| `workers` | differs (expected) | differs (expected) |');
  });

  it('fails a pull request that adds a secret and removes it again, and keeps the summary masked', async () => {
    const secret = fakeGithubToken();
    const { repo, base, head } = prRepo([
      { 'config/settings.env': `API_URL=https://example.test\nGH_TOKEN=${secret}\n` },
      { 'config/settings.env': 'API_URL=https://example.test\n' },
    ]);
    const added = repo.git('rev-parse', 'HEAD~1');
    gh.files = prFiles(repo, base, head);
    const res = await runAction(repo, gh, { eventName: 'pull_request', event: prEvent(base, head, 9) });
    expect(res.code).toBe(1);
    expect(res.outputs.blocking).toBe('1');
    expect(res.summary).toContain(added.slice(0, 7));
    expect(res.summary).toContain('outside the diff');
    expect(gh.checkRuns.at(-1)!.annotations[0]).toMatchObject({ path: 'config/settings.env', start_line: 2 });
    expect(gh.checkRuns.at(-1)!.annotations[0]!.message).toMatch(/no longer at this line at the head commit/);
    expect(leaks(res.everything, [secret])).toEqual([]);
  });

  it('comments where a secret is at the head commit when a later commit moved its line', async () => {
    const secret = fakeGithubToken();
    const { repo, base, head } = prRepo([
      { 'src/app.js': appWith(secret) },
      { 'src/app.js': '// header\n// more\n' + appWith(secret) },
    ]);
    const g = await new FakeGitHub().start();
    try {
      g.files = prFiles(repo, base, head);
      const res = await runAction(repo, g, { eventName: 'pull_request', event: prEvent(base, head) });
      expect(res.code).toBe(1);
      expect(g.reviews).toHaveLength(1);
      expect(g.reviews[0]!.comments).toEqual([expect.objectContaining({ path: 'src/app.js', line: 5 })]);
      // The check run's annotation is on the head commit's line too.
      expect(g.checkRuns[0]!.annotations).toEqual([
        expect.objectContaining({ path: 'src/app.js', start_line: 5, end_line: 5 }),
      ]);
      expect(leaks(res.everything, [secret])).toEqual([]);
    } finally {
      await g.stop();
    }
  });

  it('retries after a rate limit (429 with retry-after)', async () => {
    const { repo, base, head } = prRepo([{ 'README.md': '# widgets!\n' }]);
    const g = await new FakeGitHub().start();
    g.rateLimits.push({ method: 'POST', path: /\/check-runs$/, times: 1 });
    try {
      const res = await runAction(repo, g, { eventName: 'pull_request', event: prEvent(base, head) });
      expect(res.code).toBe(0);
      expect(g.reqs('POST', /\/check-runs$/)).toHaveLength(2);
      expect(g.checkRuns).toHaveLength(1);
      expect(g.checkRuns[0]!.conclusion).toBe('success');
      expect(res.stdout).toContain('retrying');
      expect(res.stdout).not.toContain('could not use the GitHub API');
    } finally {
      await g.stop();
    }
  });

  describe('shallow clones', () => {
    function shallowClone(): { origin: Repo; clone: Repo; base: string; head: string } {
      const secret = fakeGithubToken();
      const { repo: origin, base, head } = prRepo([{ 'src/app.js': appWith(secret) }, { 'docs/a.md': 'a\n' }]);
      const clone = new Repo(path.join(path.dirname(origin.dir), 'clone'), origin.home);
      spawnSync('git', ['clone', '-q', '--depth=1', '--branch', 'feature', `file://${origin.dir}`, clone.dir], {
        env: origin.env,
      });
      expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
      return { origin, clone, base, head };
    }

    it('fetches the missing base when it can', async () => {
      const { clone, base, head } = shallowClone();
      const res = await runAction(clone, gh, {
        eventName: 'pull_request',
        event: prEvent(base, head, 11),
        inputs: { comments: 'false' },
      });
      expect(res.code, res.stdout).toBe(1);
      expect(res.stdout).toContain('git fetch');
      expect(res.outputs.blocking).toBe('1');
    });

    it('says to set fetch-depth: 0 when the base cannot be fetched', async () => {
      const { clone, base, head } = shallowClone();
      clone.git('remote', 'set-url', 'origin', path.join(path.dirname(clone.dir), 'gone'));
      const res = await runAction(clone, gh, { eventName: 'pull_request', event: prEvent(base, head, 12) });
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/^::error::hookguard: .*base commit [0-9a-f]{12}.*fetch-depth: 0/m);
      expect(res.stdout + res.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  });

  describe('push and scheduled events', () => {
    it('scans before..after on push, and a new branch against the default branch', async () => {
      const secret = fakeGithubToken();
      const { repo, base, head } = prRepo([{ 'src/app.js': appWith(secret) }]);
      const push = await runAction(repo, gh, {
        eventName: 'push',
        event: { ref: 'refs/heads/feature', before: base, after: head, repository: { default_branch: 'main' } },
      });
      expect(push.code).toBe(1);
      expect(gh.checkRuns.at(-1)!.head_sha).toBe(head);
      expect(push.summary).toContain('push: 1 commit');

      // New branch: before is all zeros. The checkout has the branch itself as a remote ref, so "commits on no
      // remote" would be empty; the Action compares with the default branch instead.
      repo.git('update-ref', 'refs/remotes/origin/main', base);
      repo.git('update-ref', 'refs/remotes/origin/feature', head);
      const created = await runAction(repo, gh, {
        eventName: 'push',
        event: {
          ref: 'refs/heads/feature',
          created: true,
          before: '0'.repeat(40),
          after: head,
          repository: { default_branch: 'main' },
        },
      });
      expect(created.code).toBe(1);
      expect(created.summary).toContain('new branch (vs main)');

      const deleted = await runAction(repo, gh, {
        eventName: 'push',
        event: { ref: 'refs/heads/feature', deleted: true, before: head, after: '0'.repeat(40) },
      });
      expect(deleted.code).toBe(0);
      expect(deleted.outputs.findings).toBe('0');
    });

    it('audits the full history on schedule, and reports bad inputs without a stack trace', async () => {
      const secret = fakeGithubToken();
      const { repo, head } = prRepo([{ 'src/app.js': appWith(secret) }, { 'src/app.js': 'module.exports = {};\n' }]);
      const res = await runAction(repo, gh, {
        eventName: 'schedule',
        event: { schedule: '0 3 * * *' },
        sha: head,
        inputs: { 'report-html': 'audit/hookguard.html' },
      });
      expect(res.code).toBe(1);
      expect(res.summary).toContain('full history');
      // The HTML audit report for actions/upload-artifact, linked from the summary; masked like everything else.
      expect(res.outputs['report-html']).toBe('audit/hookguard.html');
      const html = readFileSync(path.join(repo.dir, 'audit', 'hookguard.html'), 'utf8');
      expect(html).toContain('<h1>hookguard audit report</h1>');
      expect(html).toContain('github-pat');
      expect(leaks(html, [secret])).toEqual([]);
      expect(res.summary).toContain(
        "HTML audit report written to `audit/hookguard.html` — open it from [this run's artifacts](https://github.com/acme/widgets/actions/runs/4242#artifacts)",
      );
      expect(gh.checkRuns.at(-1)!.head_sha).toBe(head);
      expect(leaks(res.everything, [secret])).toEqual([]);

      const paths = await runAction(repo, gh, {
        eventName: 'workflow_dispatch',
        event: {},
        inputs: { mode: 'paths' },
        sha: head,
      });
      expect(paths.code).toBe(0); // the working tree no longer holds the secret

      const bad = await runAction(repo, gh, { eventName: 'schedule', event: {}, inputs: { 'fail-on': 'urgent' } });
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(
        /^::error::hookguard: input "fail-on" must be one of critical, high, medium, low, none/m,
      );
      expect(bad.stdout + bad.stderr).not.toMatch(/\n\s+at /);
    });
  });
});

describe('GitHub Action: owners, review requests and review comments', () => {
  const sgTemplate = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  BastionSG:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: ssh',
    '      SecurityGroupIngress:',
    '        - IpProtocol: tcp',
    '          FromPort: 22',
    '          ToPort: 22',
    '          CidrIp: 0.0.0.0/0',
    '',
  ].join('\n');
  const decimalMode = [
    '- name: config file',
    '  ansible.builtin.file:',
    '    path: /etc/app.conf',
    '    mode: 644',
    '',
  ].join('\n');
  const config = [
    'owners:',
    '  - owners: ["@acme/security", "@alice", "secteam@example.com"]',
    '  - paths: [infra/]',
    '    rules: [cloudformation]',
    '    owners: ["@acme/platform", "@octocat"]',
    'escalation:',
    '  contact: "#security-oncall"',
    '  doc: SECURITY.md',
    '',
  ].join('\n');

  it('comments only blocking findings, mentions their owners, says rotate with the revocation link, shows the fixed snippet; requests reviews from the owners; Owners column', async () => {
    const secret = fakeGithubToken();
    const { repo, base, head } = prRepo([
      {
        '.hookguard.yaml': config,
        'src/app.js': appWith(secret),
        'infra/sg.yaml': sgTemplate,
        'roles/web/tasks/main.yml': decimalMode,
      },
    ]);
    const g = await new FakeGitHub().start();
    g.collaborators = new Set(['alice', 'octocat']);
    g.teams = new Set(['security', 'platform']);
    try {
      g.files = prFiles(repo, base, head);
      const event = prEvent(base, head);
      (event.pull_request as Record<string, unknown>).user = { login: 'octocat' };
      const res = await runAction(repo, g, { eventName: 'pull_request', event });
      expect(res.code, res.stdout + res.stderr).toBe(1);

      // Inline comments: the high secret and the high security group; the medium Ansible finding is an annotation only.
      const comments = g.reviews[0]!.comments!;
      expect(comments.map((c) => c.path).sort()).toEqual(['infra/sg.yaml', 'src/app.js']);
      const ann = g.checkRuns[0]!.annotations.find((a) => a.path === 'roles/web/tasks/main.yml');
      expect(ann?.annotation_level).toBe('warning');

      const secretComment = comments.find((c) => c.path === 'src/app.js')!.body;
      expect(secretComment).toContain('**Owners:** @acme/security, @alice, `secteam@example.com`');
      expect(secretComment).toMatch(/\*\*Fix:\*\* rotate it — removing it in a later commit is not enough/);
      expect(secretComment).toContain('Revoke it here: https://github.com/settings/tokens');
      expect(secretComment).not.toMatch(/\*\*Why:\*\*[^\n]*checksum/);

      const sgComment = comments.find((c) => c.path === 'infra/sg.yaml')!.body;
      expect(sgComment).toContain('**Owners:** @acme/platform, @octocat');
      // Why: the risk from the rule's docs, not the finding's message again.
      const why = /\*\*Why:\*\* (.*)/.exec(sgComment)![1]!;
      expect(why).toMatch(/brute-forced/);
      expect(sgComment.split(why).length).toBe(2);
      // The fixed snippet from the rule's docs, as a fenced block.
      expect(sgComment).toMatch(/```yaml\n[\s\S]*CidrIp: 10\.20\.0\.0\/16[\s\S]*\n```/);
      expect(sgComment).not.toContain('rotate it');

      // Review requests: users and teams of the blocking findings' owners, never the PR author, never an e-mail.
      const posts = g.reqs('POST', /\/pulls\/7\/requested_reviewers$/);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.json).toEqual({ reviewers: ['alice'], team_reviewers: ['platform', 'security'] });
      expect(g.requestedReviewers.get(7)).toEqual({ users: ['alice'], teams: ['platform', 'security'] });

      // Summary: an Owners column, the review request, the escalation.
      expect(res.summary).toMatch(/\| File \| Line \| Severity \| Rule \| Commit \| Owners \| Shown \|/);
      expect(res.summary).toContain('| @acme/security, @alice, secteam@example.com |');
      expect(res.summary).toContain('check run annotation (below fail-on)');
      expect(res.summary).toContain('Review requested from the owners: @alice, team platform, team security.');
      expect(res.summary).toContain('**Escalation:** contact #security-oncall; see `SECURITY.md`.');
      expect(leaks(res.everything, [secret])).toEqual([]);
    } finally {
      await g.stop();
    }
  });

  it('a 422 for a non-collaborator is reported once in the summary and does not fail the run', async () => {
    const { repo, base, head } = prRepo([
      { '.hookguard.yaml': 'owners:\n  - owners: ["@mallory", "@acme/ghosts"]\n', 'infra/sg.yaml': sgTemplate },
    ]);
    const g = await new FakeGitHub().start();
    try {
      g.files = prFiles(repo, base, head);
      const res = await runAction(repo, g, {
        eventName: 'pull_request',
        event: prEvent(base, head),
        inputs: { 'fail-on': 'critical' },
      });
      // Nothing reaches "critical": the run passes even though GitHub refused the review request.
      expect(res.code, res.stdout + res.stderr).toBe(0);
      expect(g.reqs('POST', /\/requested_reviewers$/)).toHaveLength(0); // nothing blocks: nobody is asked

      const res2 = await runAction(repo, g, { eventName: 'pull_request', event: prEvent(base, head) });
      expect(res2.code).toBe(1); // the finding blocks; the refused request does not add a failure of its own
      // Refused as a whole (422); each one is then asked on its own, and both are refused again.
      expect(g.reqs('POST', /\/requested_reviewers$/).map((q) => q.json)).toEqual([
        { reviewers: ['mallory'], team_reviewers: ['ghosts'] },
        { reviewers: ['mallory'] },
        { team_reviewers: ['ghosts'] },
      ]);
      expect(res2.summary.match(/Could not request reviews/g)).toHaveLength(1);
      expect(res2.summary).toContain('@mallory, team ghosts');
      expect(res2.summary).toContain('not a collaborator');
      expect(res2.summary).not.toContain('Review requested from');
      expect(res2.stdout).not.toContain('::warning::hookguard could not use the GitHub API');
      expect(g.checkRuns.at(-1)!.conclusion).toBe('failure');
      expect(res2.outputs.blocking).toBe('1');
    } finally {
      await g.stop();
    }
  });

  it('a 422 for one owner asks the others on their own and names the refused ones in the summary', async () => {
    const { repo, base, head } = prRepo([
      {
        '.hookguard.yaml': 'owners:\n  - owners: ["@alice", "@mallory", "@acme/security", "@acme/ghosts"]\n',
        'infra/sg.yaml': sgTemplate,
      },
    ]);
    const g = await new FakeGitHub().start();
    g.collaborators = new Set(['alice']);
    g.teams = new Set(['security']);
    try {
      g.files = prFiles(repo, base, head);
      const res = await runAction(repo, g, { eventName: 'pull_request', event: prEvent(base, head) });
      expect(res.code, res.stdout + res.stderr).toBe(1);
      const posts = g.reqs('POST', /\/pulls\/7\/requested_reviewers$/);
      expect(posts[0]!.json).toEqual({ reviewers: ['alice', 'mallory'], team_reviewers: ['ghosts', 'security'] });
      expect(posts).toHaveLength(5);
      // Before the fix nobody was asked; now the collaborator and the team are.
      expect(g.requestedReviewers.get(7)).toEqual({ users: ['alice'], teams: ['security'] });
      expect(res.summary).toContain('Review requested from the owners: @alice, team security.');
      expect(res.summary).toMatch(/Could not request reviews from @mallory, team ghosts: GitHub refused them/);
      expect(res.stdout).not.toContain('::warning::hookguard could not use the GitHub API');
    } finally {
      await g.stop();
    }
  });
});

describe('GitHub Action: exceptions a pull request adds need an owner', () => {
  const codeowners = '* @acme/security\nsrc/ @alice\n.hookguard* @acme/security\n';

  /** main with CODEOWNERS and a clean app; feature adds a token, then (as Mallory) the exception for it. */
  function exceptionRepo(exception: (repo: Repo, token: string) => Record<string, string>, tokenFirst = true) {
    const token = fakeGithubToken();
    const repo = Repo.init();
    const base = repo.commit('base', {
      'README.md': '# widgets\n',
      '.github/CODEOWNERS': codeowners,
      'src/app.js': 'const a = 1;\nmodule.exports = { a };\n',
    });
    repo.git('checkout', '-q', '-b', 'feature');
    if (tokenFirst) repo.commit('add token', { 'src/app.js': appWith(token) });
    for (const [f, t] of Object.entries(exception(repo, token))) repo.write(f, t);
    repo.git('add', '-A');
    repo.gitIn(
      { env: { GIT_AUTHOR_NAME: 'Mallory Example', GIT_AUTHOR_EMAIL: 'mallory@example.test' } },
      'commit',
      '-q',
      '--no-verify',
      '-m',
      'accept it',
    );
    const head = repo.git('rev-parse', 'HEAD');
    return { repo, base, head, token };
  }

  async function withGitHub<T>(repo: Repo, base: string, head: string, f: (g: FakeGitHub) => Promise<T>) {
    const g = await new FakeGitHub().start();
    g.collaborators = new Set(['alice', 'bob']);
    g.teams = new Set(['security']);
    g.files = prFiles(repo, base, head);
    try {
      return await f(g);
    } finally {
      await g.stop();
    }
  }

  const event = (base: string, head: string, name = 'pull_request') => {
    const e = prEvent(base, head) as Record<string, unknown>;
    (e.pull_request as Record<string, unknown>).user = { login: 'mallory' };
    if (name === 'pull_request_review') {
      e.action = 'submitted';
      e.review = { state: 'approved', user: { login: 'alice' } };
    }
    return e;
  };

  it('a baseline entry the pull request adds for its own token fails the check until an owner approves the head commit', async () => {
    const { repo, base, head, token } = exceptionRepo((r) => {
      const b = r.hookguard(['baseline', '--reason', 'test fixture, revoked']);
      if (b.code !== 0) throw new Error(`baseline failed: ${b.stdout}${b.stderr}`);
      return {};
    });
    expect(repo.git('show', '--stat', 'HEAD')).toContain('.hookguard-baseline.json');
    await withGitHub(repo, base, head, async (g) => {
      const res = await runAction(repo, g, { eventName: 'pull_request', event: event(base, head) });
      expect(res.code, res.stdout + res.stderr).toBe(1);
      const run = g.checkRuns.at(-1)!;
      expect(run.conclusion).toBe('failure');
      expect(run.output!.title).toMatch(/^Needs owner approval: 1 exception added by this pull request/);
      expect(run.output!.summary).toContain('### Exceptions added by this pull request');
      for (const text of [run.output!.summary, res.summary]) {
        const row = text.split('\n').find((l) => l.startsWith('| src/app.js'))!;
        expect(row).toMatch(/\| github-pat \| high \| baseline entry \(\.hookguard-baseline\.json:\d+\) \|/);
        expect(row).toContain('| Mallory Example (');
        expect(row).toContain('| @alice |');
        expect(row).toContain('needs owner approval');
      }
      expect(res.outputs.exceptions).toBe('1');
      expect(res.stdout).toContain('::error::hookguard: this pull request adds 1 exception');
      // The owner of the finding (per CODEOWNERS at the base commit) is asked for a review.
      expect(g.requestedReviewers.get(7)).toEqual({ users: ['alice'], teams: [] });

      // An approval of an earlier commit, or by someone who does not own it, settles nothing.
      g.submittedReviews = [
        { login: 'alice', state: 'APPROVED', commit_id: base },
        { login: 'bob', state: 'APPROVED', commit_id: head },
      ];
      const again = await runAction(repo, g, {
        eventName: 'pull_request_review',
        event: event(base, head, 'pull_request_review'),
      });
      expect(again.code).toBe(1);
      expect(g.checkRuns.at(-1)!.conclusion).toBe('failure');
      expect(g.checkRuns.at(-1)!.head_sha).toBe(head);

      // The owner approves the head commit: the pull_request_review run passes, and says who approved.
      g.submittedReviews.push({ login: 'alice', state: 'APPROVED', commit_id: head });
      const ok = await runAction(repo, g, {
        eventName: 'pull_request_review',
        event: event(base, head, 'pull_request_review'),
      });
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
      expect(g.checkRuns.at(-1)!.conclusion).toBe('success');
      expect(ok.summary).toContain('approved by @alice');
      expect(ok.summary).toContain('Every exception is approved by an owner.');
      expect(leaks([res.everything, again.everything, ok.everything].join('\n'), [token])).toEqual([]);
    });
  });

  it('a hookguard:allow added by the pull request is listed with its reason; a team owner approves through a member', async () => {
    const { repo, base, head, token } = exceptionRepo(
      (_r, t) => ({
        'src/app.js': `const a = 1;\nconst token = "${t}"; // hookguard:allow github-pat used by the demo only\nmodule.exports = { a, token };\n`,
        '.github/CODEOWNERS': '* @acme/security\n', // the PR rewrites ownership: the base commit's still counts
      }),
      false,
    );
    await withGitHub(repo, base, head, async (g) => {
      const res = await runAction(repo, g, { eventName: 'pull_request', event: event(base, head) });
      expect(res.code, res.stdout + res.stderr).toBe(1);
      const row = res.summary.split('\n').find((l) => l.startsWith('| src/app.js:2'))!;
      expect(row).toContain('| github-pat | high | hookguard:allow | Mallory Example (');
      expect(row).toContain('used by the demo only');
      expect(row).toContain('| @alice |');

      g.members.set('acme/security', new Set(['carol']));
      g.submittedReviews = [{ login: 'carol', state: 'APPROVED', commit_id: head }];
      const notOwner = await runAction(repo, g, { eventName: 'pull_request', event: event(base, head) });
      expect(notOwner.code).toBe(1); // carol is in @acme/security, but src/ belongs to @alice at the base commit
      g.members.set('acme/security', new Set(['carol', 'alice']));
      g.submittedReviews.push({ login: 'alice', state: 'COMMENTED', commit_id: head });
      g.submittedReviews.push({ login: 'alice', state: 'APPROVED', commit_id: head });
      const ok = await runAction(repo, g, { eventName: 'pull_request', event: event(base, head) });
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
      expect(leaks([res.everything, ok.everything].join('\n'), [token])).toEqual([]);
    });
  });

  it('rules: off in the config is an exception owned by the config and finding owners; exceptions: report lists it without failing', async () => {
    const { repo, base, head } = exceptionRepo(() => ({
      '.hookguard.yaml': 'rules:\n  github-pat: off # our tokens are short-lived\n',
    }));
    await withGitHub(repo, base, head, async (g) => {
      const res = await runAction(repo, g, { eventName: 'pull_request', event: event(base, head) });
      expect(res.code, res.stdout + res.stderr).toBe(1);
      const row = res.summary.split('\n').find((l) => l.startsWith('| .hookguard.yaml'))!;
      expect(row).toContain('| github-pat | high | rule off in .hookguard.yaml | Mallory Example (');
      expect(row).toContain('our tokens are short-lived');
      expect(row).toMatch(/\| @acme\/security, @alice \||\| @alice, @acme\/security \|/);
      expect(g.requestedReviewers.get(7)).toEqual({ users: ['alice'], teams: ['security'] });

      const report = await runAction(repo, g, {
        eventName: 'pull_request',
        event: event(base, head),
        inputs: { exceptions: 'report' },
      });
      expect(report.code, report.stdout + report.stderr).toBe(0);
      expect(report.summary).toContain('Reported only (`exceptions: report`)');
      expect(g.checkRuns.at(-1)!.conclusion).toBe('success');

      const bad = await runAction(repo, g, {
        eventName: 'pull_request',
        event: event(base, head),
        inputs: { exceptions: 'sometimes' },
      });
      expect(bad.stdout).toContain('input "exceptions" must be one of require-owner-approval, report');
    });
  });

  it('the PR cannot switch approval off for itself: exceptions: report is read from the base commit', async () => {
    const { repo, base, head } = exceptionRepo(() => ({
      '.hookguard.yaml': 'exceptions: report\nrules:\n  github-pat: low\n',
    }));
    await withGitHub(repo, base, head, async (g) => {
      const res = await runAction(repo, g, { eventName: 'pull_request', event: event(base, head) });
      expect(res.code, res.stdout + res.stderr).toBe(1);
      expect(res.summary).toContain('severity lowered to low in .hookguard.yaml');
      expect(g.checkRuns.at(-1)!.output!.title).toMatch(/^Needs owner approval/);
    });
  });

  /** main with CODEOWNERS and the network team's policy; feature adds a bastion template and play, and `extra`. */
  function policyRepo(extra: (repo: Repo) => void = () => undefined, bastion = true) {
    const repo = Repo.init();
    const base = repo.commit('base', {
      'README.md': '# widgets\n',
      '.github/CODEOWNERS': codeowners,
      'policies/network.yaml': NETWORK_POLICY,
    });
    repo.git('checkout', '-q', '-b', 'feature');
    if (bastion) {
      repo.write('infra/bastion.yaml', TEMPLATE);
      repo.write('playbooks/bastion.yml', PLAYBOOK);
    }
    extra(repo);
    repo.git('add', '-A');
    repo.gitIn(
      { env: { GIT_AUTHOR_NAME: 'Mallory Example', GIT_AUTHOR_EMAIL: 'mallory@example.test' } },
      'commit',
      '-q',
      '--no-verify',
      '-m',
      'bastion',
    );
    return { repo, base, head: repo.git('rev-parse', 'HEAD') };
  }

  it('a team policy blocks the same way in a template and the equivalent play: annotations, SARIF with its description, owners', async () => {
    const { repo, base, head } = policyRepo();
    await withGitHub(repo, base, head, async (g) => {
      const res = await runAction(repo, g, {
        eventName: 'pull_request',
        event: event(base, head),
        inputs: { 'sarif-file': 'out/hookguard.sarif' },
      });
      expect(res.code, res.stdout + res.stderr).toBe(1);
      const run = g.checkRuns.at(-1)!;
      expect(run.conclusion).toBe('failure');
      const hits = run.annotations
        .filter((a) => a.title?.startsWith('ACME-NET-001'))
        .map((a) => `${a.path}:${a.start_line}:${a.annotation_level}`)
        .sort();
      expect(hits).toEqual(['infra/bastion.yaml:13:failure', 'playbooks/bastion.yml:11:failure']);
      const sarif = JSON.parse(readFileSync(path.join(repo.dir, 'out/hookguard.sarif'), 'utf8'));
      const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'ACME-NET-001');
      expect(rule.fullDescription.text).toContain('office VPN range');
      const comments = g.reviews.flatMap((r) => r.comments ?? []).filter((c) => c.body.includes('ACME-NET-001'));
      expect(comments.map((c) => `${c.path}:${c.line}`).sort()).toEqual([
        'infra/bastion.yaml:13',
        'playbooks/bastion.yml:11',
      ]);
      for (const c of comments) expect(c.body).toContain('@acme/network');
      expect(res.summary).toContain('ACME-NET-001');
      expect(res.outputs.exceptions).toBe('0');
    });
  });

  it('a pull request that removes or rewrites the team policy it breaks needs the policy owners to approve', async () => {
    const removed = policyRepo((r) => r.git('rm', '-q', 'policies/network.yaml'));
    await withGitHub(removed.repo, removed.base, removed.head, async (g) => {
      g.teams.add('network');
      g.members.set('acme/network', new Set(['nora']));
      const res = await runAction(removed.repo, g, {
        eventName: 'pull_request',
        event: event(removed.base, removed.head),
      });
      expect(res.code, res.stdout + res.stderr).toBe(1);
      expect(g.checkRuns.at(-1)!.output!.title).toMatch(/^Needs owner approval: 1 exception/);
      const row = res.summary.split('\n').find((l) => l.startsWith('| policies/network.yaml'))!;
      expect(row).toMatch(/\| ACME-NET-001 \| high \| team policy removed from policies\/network\.yaml \|/);
      expect(row).toContain('@acme/network');
      expect(g.requestedReviewers.get(7)?.teams).toContain('network');

      g.submittedReviews = [{ login: 'nora', state: 'APPROVED', commit_id: removed.head }];
      const ok = await runAction(removed.repo, g, {
        eventName: 'pull_request_review',
        event: event(removed.base, removed.head, 'pull_request_review'),
      });
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
      expect(ok.summary).toContain('approved by @nora (@acme/network)');
    });

    // Widening the allowed range is a change to the standard too; rewording the description is not.
    const widened = policyRepo((r) =>
      r.write('policies/network.yaml', NETWORK_POLICY.replace('cidr-within: 10.20.0.0/16', 'cidr-within: 10.0.0.0/8')),
    );
    await withGitHub(widened.repo, widened.base, widened.head, async (g) => {
      const res = await runAction(widened.repo, g, {
        eventName: 'pull_request',
        event: event(widened.base, widened.head),
      });
      expect(res.code).toBe(1);
      expect(res.summary).toMatch(
        /\| ACME-NET-001 \| high \| team policy changed in policies\/network\.yaml \| Mallory Example/,
      );
    });
    const reworded = policyRepo(
      (r) =>
        r.write('policies/network.yaml', NETWORK_POLICY.replace('the office VPN range', 'the VPN range of the office')),
      false,
    );
    await withGitHub(reworded.repo, reworded.base, reworded.head, async (g) => {
      const res = await runAction(reworded.repo, g, {
        eventName: 'pull_request',
        event: event(reworded.base, reworded.head),
      });
      expect(res.code, res.stdout + res.stderr).toBe(0);
      expect(res.outputs.exceptions).toBe('0');
    });
  });
});

describe('GitHub Action: one-click fixes in review comments (issue 27)', () => {
  const longTemplate = (cidr: string, encrypted: string) =>
    [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  BastionSG:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: ssh',
      '      SecurityGroupIngress:',
      '        - IpProtocol: tcp',
      '          FromPort: 22',
      '          ToPort: 22',
      `          CidrIp: ${cidr}`,
      '          Description: admin',
      '  Spacer1:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      SqsManagedSseEnabled: true',
      '  Spacer2:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      SqsManagedSseEnabled: true',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      Engine: postgres',
      '      DBInstanceClass: db.t3.micro',
      '      ManageMasterUserPassword: true',
      `      StorageEncrypted: ${encrypted}`,
      '  Data:',
      '    Type: AWS::EC2::Volume',
      '    Properties:',
      '      AvailabilityZone: eu-west-1a',
      '      Size: 10',
      '',
    ].join('\n');

  it('a fix within the hunk is a suggestion on its lines; one reaching outside it is shown as a diff; requests match GitHub’s OpenAPI description', async () => {
    const repo = Repo.init();
    const base = repo.commit('base', {
      'infra/stack.yaml': longTemplate('10.0.0.0/8', 'true').replace(/ {2}Data:[\s\S]*/, ''),
    });
    repo.git('checkout', '-q', '-b', 'feature');
    const head = repo.commit('open it up', { 'infra/stack.yaml': longTemplate('0.0.0.0/0', 'false') });
    const g = await new FakeGitHub().start();
    try {
      g.files = prFiles(repo, base, head);
      const res = await runAction(repo, g, {
        eventName: 'pull_request',
        event: prEvent(base, head),
        inputs: { 'fail-on': 'medium' },
      });
      expect(res.code, res.stdout + res.stderr).toBe(1);
      expect(g.invalid).toEqual([]);
      const comments = g.reviews[0]!.comments!;
      const byRule = (id: string) => comments.find((c) => c.body.includes(`\`${id}\``))!;

      // RDS: one line changed, inside the hunk: a suggestion on that line.
      const rds = byRule('CFN-RDS-001');
      expect([rds.start_line, rds.line]).toEqual([undefined, 27]);
      expect(rds.body).toContain('```suggestion\n      StorageEncrypted: true\n```');

      // A new volume without Encrypted: the suggestion covers the resource down to the added line (multi-line).
      const vol = byRule('CFN-EC2-006');
      expect([vol.start_line, vol.start_side, vol.line]).toEqual([28, 'RIGHT', 32]);
      expect(vol.body).toContain(
        '```suggestion\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 10\n      Encrypted: true\n```',
      );

      // Open SSH: the fix adds a parameter at the top of the file, outside the hunk: the diff, no suggestion.
      const sg = byRule('CFN-SG-001');
      expect(sg.start_line).toBeUndefined();
      expect(sg.line).toBe(11);
      expect(sg.body).not.toContain('```suggestion');
      expect(sg.body).toMatch(
        /cannot be a one-click suggestion here:\n\n```diff\n\+Parameters:\n\+ {2}AdminAccessCidr:/,
      );
      expect(sg.body).toContain('-          CidrIp: 0.0.0.0/0\n+          CidrIp: !Ref AdminAccessCidr');

      // A re-run posts nothing new.
      const again = await runAction(repo, g, {
        eventName: 'pull_request',
        event: prEvent(base, head),
        inputs: { 'fail-on': 'medium' },
      });
      expect(again.code).toBe(1);
      expect(g.reviews).toHaveLength(1);
      expect(g.invalid).toEqual([]);
    } finally {
      await g.stop();
    }
  });

  it('the fake refuses what GitHub refuses: a body the OpenAPI description does not allow', async () => {
    const g = await new FakeGitHub().start();
    try {
      const r = await fetch(`${g.url}/repos/acme/widgets/pulls/7/reviews`, {
        method: 'POST',
        headers: { authorization: 'token test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'COMMENT', comments: [{ path: 'a', line: '3', body: 'x', startLine: 2 }] }),
      });
      expect(r.status).toBe(422);
      expect(g.invalid.join('\n')).toMatch(/pulls\/create-review: .*must be integer/);
      expect(g.invalid.join('\n')).toMatch(/must NOT have additional properties/);
      g.specViolations.splice(0); // sent on purpose: stop() would fail on them
    } finally {
      await g.stop();
    }
  });
});
