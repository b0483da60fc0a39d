// The installed hook's fast path: lib/staged.sh pipes `git diff --cached` into `hookguard scan --staged
// --staged-diff-stdin`, git's exit status following as a trailer (src/git/prestart.ts). It must give exactly what
// `hookguard scan --staged` gives, and fail loudly (exit 2) when the pipe is cut short or git failed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsKeyId, fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, Repo, ROOT, runCli } from '../helpers.js';

afterAll(cleanup);

const STAGED_SH = path.join(ROOT, 'lib', 'staged.sh');

/** Run lib/staged.sh's function in the repository as the hook does, with extra options for the CLI when given. */
function piped(
  repo: Repo,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): { code: number; stdout: string; stderr: string } {
  const cli = path.join(ROOT, 'bin', 'hookguard.cjs');
  const r = spawnSync(
    'sh',
    ['-c', '. "$1"; shift; hookguard_staged "$@"', 'sh', STAGED_SH, process.execPath, cli, ...args],
    { cwd: repo.dir, env: { ...repo.env, ...env }, encoding: 'utf8' },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A JSON report without what differs between two runs (timings). */
function comparable(text: string): unknown {
  return JSON.parse(text, (k: string, v: unknown) => (/^(durationMs|elapsedMs|generatedAt)$/.test(k) ? 0 : v));
}

function stagedRepo(): Repo {
  const repo = Repo.init();
  repo.commit('init', { 'README.md': '# x\n', 'src/app.js': 'export const a = 1;\n' });
  repo.write('src/app.js', `export const a = 1;\nexport const token = "${fakeGithubToken()}";\n`);
  repo.write('config/aws.ini', `[default]\naws_access_key_id = ${fakeAwsKeyId()}\n`);
  repo.write('docs/notes.md', 'nothing secret here\n');
  repo.git('add', '-A');
  return repo;
}

describe('scan --staged with the diff piped in by the hook', () => {
  it('lib/staged.sh runs git with the arguments the CLI expects', () => {
    const text = readFileSync(STAGED_SH, 'utf8');
    expect(text).toContain("'diff' '--cached'");
    expect(text).toContain('--staged-diff-stdin');
    expect(text).toContain("printf '\\n\\000hookguard-exit %s\\n'");
  });

  it('reports exactly what scan --staged reports (JSON), and blocks', () => {
    const repo = stagedRepo();
    const direct = repo.hookguard(['scan', '--staged', '--format', 'json']);
    const pipe = piped(repo);
    expect(direct.code).toBe(1);
    expect(pipe.code).toBe(1);
    // The piped run prints text (the hook's default): same findings, by rule and line.
    const findings = (JSON.parse(direct.stdout) as { findings: Array<{ ruleId: string; file: string; line: number }> })
      .findings;
    expect(findings.length).toBeGreaterThanOrEqual(2);
    for (const f of findings) expect(pipe.stdout).toContain(f.ruleId);
    for (const f of findings)
      expect(pipe.stdout).toMatch(new RegExp(`${f.file.replace(/[.]/g, '\\.')}[\\s\\S]*?${f.line}:`));
    // And with --format json through the same pipe: identical reports but for timings.
    const json = piped(repo, {}, ['--format', 'json']);
    expect(json.code).toBe(1);
    expect(comparable(json.stdout)).toEqual(comparable(direct.stdout));
  });

  it('lets a clean change through', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    repo.write('a.txt', 'hello\n');
    repo.git('add', '-A');
    const r = piped(repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no findings in staged changes, 1 file/);
  });

  it('works before the first commit', () => {
    const repo = Repo.init();
    repo.write('a.env', `GITHUB_TOKEN=${fakeGithubToken()}\n`);
    repo.git('add', '-A');
    const r = piped(repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('a.env');
  });

  it('fails with exit 2 when git failed (its status comes through the trailer)', () => {
    const repo = stagedRepo();
    const r = runCli(['scan', '--staged', '--staged-diff-stdin'], {
      cwd: repo.dir,
      env: repo.env,
      input: 'fatal: something went wrong\n\n\0hookguard-exit 128\n',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/git diff --cached exited with 128/);
  });

  it('fails with exit 2 when the pipe ends without git’s status (cut short), never passing silently', () => {
    const repo = stagedRepo();
    const direct = repo.git('diff', '--cached', '-U0', '--full-index', '-M', '--src-prefix=a/', '--dst-prefix=b/');
    const r = runCli(['scan', '--staged', '--staged-diff-stdin'], {
      cwd: repo.dir,
      env: repo.env,
      input: direct.slice(0, Math.floor(direct.length / 2)),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ended early/);
    const empty = runCli(['scan', '--staged', '--staged-diff-stdin'], { cwd: repo.dir, env: repo.env, input: '' });
    expect(empty.code).toBe(2);
  });

  it('refuses --staged-diff-stdin without --staged', () => {
    const repo = stagedRepo();
    const r = repo.hookguard(['scan', '.', '--staged-diff-stdin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--staged-diff-stdin goes with --staged/);
  });

  it('the installed native hook takes the pipe (no git started by node) and blocks a real commit', () => {
    const repo = stagedRepo();
    expect(repo.hookguard(['init']).code).toBe(0);
    const hook = readFileSync(path.join(repo.dir, '.git', 'hooks', 'pre-commit'), 'utf8');
    expect(hook).toContain('lib/staged.sh');
    const r = repo.gitRun(['commit', '-q', '-m', 'x'], { DEBUG: 'hookguard:*' });
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toContain('github-pat');
    expect(r.stderr).toMatch(/staged diff read/);
    expect(r.stderr).toMatch(/staged diff: piped in by the hook/);
  });
});
