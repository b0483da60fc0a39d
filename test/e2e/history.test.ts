import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsKeyId, fakeGithubToken } from '../../scripts/fakes.mjs';
import { BIN, cleanup, Repo } from '../helpers.js';

afterAll(cleanup);

describe('scan --history and --diff', () => {
  it('finds secrets in every commit of every ref, with commit, author and date', () => {
    const repo = Repo.init();
    const t1 = fakeGithubToken();
    const c1 = repo.commit('one', { 'a.env': `T=${t1}\n` });
    repo.commit('two', { 'a.env': 'T=${T}\n' });
    repo.git('checkout', '-q', '-b', 'side');
    const key = fakeAwsKeyId();
    const c3 = repo.commit('three', { 'b/c.txt': `x\nkey ${key}\n` });
    repo.git('checkout', '-q', 'main');
    const { code, report } = repo.json(['scan', '--history']);
    expect(code).toBe(1);
    const got = report.findings.map((f) => [f.ruleId, f.file, f.line, f.commit]);
    expect(got).toEqual([
      ['github-pat', 'a.env', 1, c1],
      ['aws-access-key-id', 'b/c.txt', 2, c3],
    ]);
    expect(report.findings[0]!.author).toBe('Test Author');
    expect(report.findings[0]!.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(report.summary.commits).toBe(3);
    expect(JSON.stringify(report)).not.toContain(t1);
  });

  it('--since limits the walk to commits after REV', () => {
    const repo = Repo.init();
    repo.commit('one', { 'a.env': `T=${fakeGithubToken()}\n` });
    const base = repo.commit('two', { 'b.txt': 'b\n' });
    const c3 = repo.commit('three', { 'c.env': `T=${fakeGithubToken()}\n` });
    const { report } = repo.json(['scan', '--history', '--since', base]);
    expect(report.findings.map((f) => f.commit)).toEqual([c3]);
    const bad = repo.hookguard(['scan', '--history', '--since', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since: nope is not a commit/);
  });

  it('--diff BASE..HEAD scans every commit of the range and explains a missing base', () => {
    const repo = Repo.init();
    const base = repo.commit('base', { 'a.txt': 'a\n' });
    const c2 = repo.commit('add', { 'a.env': `T=${fakeGithubToken()}\n` });
    repo.commit('remove', { 'a.env': 'T=\n' });
    const { code, report } = repo.json(['scan', '--diff', `${base}..HEAD`]);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.commit)).toEqual([c2]);
    const missing = repo.hookguard(['scan', '--diff', `${'1'.repeat(40)}..HEAD`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/fetch-depth: 0/);
  });

  it('a repository with no commits has an empty history; a shallow clone scans what it has', () => {
    const empty = Repo.init();
    const r = empty.json(['scan', '--history']);
    expect(r.code).toBe(0);
    expect(r.report.findings).toEqual([]);

    const repo = Repo.init();
    repo.commit('one', { 'a.env': `T=${fakeGithubToken()}\n` });
    repo.commit('two', { 'b.txt': 'b\n' });
    const c3 = repo.commit('three', { 'c.env': `T=${fakeGithubToken()}\n` });
    const clone = path.join(repo.home, 'shallow');
    repo.git('clone', '-q', '--depth', '1', `file://${repo.dir}`, clone);
    const res = repo.hookguard(['scan', '--history', '--format', 'json'], { cwd: clone });
    const rep = JSON.parse(res.stdout);
    // The shallow boundary commit is compared with the empty tree: everything it holds counts as added by it, so the
    // older secret is still found (attributed to the oldest commit the clone has).
    expect(rep.findings.map((f: { file: string; commit: string }) => [f.file, f.commit])).toEqual([
      ['a.env', c3],
      ['c.env', c3],
    ]);
  });

  it('a detached HEAD history scan works', () => {
    const repo = Repo.init();
    const c1 = repo.commit('one', { 'a.env': `T=${fakeGithubToken()}\n` });
    repo.commit('two', { 'b.txt': 'b\n' });
    repo.git('checkout', '-q', '--detach', c1);
    const { code, report } = repo.json(['scan', '--history', '--since', `${c1}~0`]);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(repo.json(['scan', '--history']).report.findings.map((f) => f.commit)).toEqual([c1]);
  });
});

describe('pre-push under the pre-commit framework, and progress output', () => {
  it('reads PRE_COMMIT_FROM_REF/TO_REF when git stdin is not forwarded', () => {
    const repo = Repo.init();
    const base = repo.commit('base', { 'a.txt': 'a\n' });
    const bad = repo.commit('bad', { 'b.env': `T=${fakeGithubToken()}\n` });
    const { code, report } = repo.json(['scan', '--pre-push'], {
      input: '',
      env: { PRE_COMMIT_FROM_REF: base, PRE_COMMIT_TO_REF: bad, PRE_COMMIT_REMOTE_NAME: 'origin' },
    });
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.commit)).toEqual([bad]);
  });

  it('never writes progress into a pipe', () => {
    const repo = Repo.init();
    for (let i = 0; i < 30; i++) repo.commit(`c${i}`, { [`f${i}.txt`]: `line ${i}\n` });
    const r = repo.hookguard(['scan', '--history']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toMatch(/commits,/);
  });
});

describe('progress on a terminal', () => {
  it('a long history scan shows commits done / total and MB/s on a TTY (util-linux script gives it one)', () => {
    const repo = Repo.init();
    let stream = '';
    for (let i = 1; i <= 20_000; i++) {
      const body = `line ${i} ${'x'.repeat(200)}\n`;
      stream += `commit refs/heads/main\nmark :${i}\ncommitter B <b@b> ${1700000000 + i} +0000\ndata 1\nc\n${i > 1 ? `from :${i - 1}\n` : ''}M 100644 inline f${i % 100}.txt\ndata ${body.length}\n${body}\n`;
    }
    repo.gitIn({ input: stream }, 'fast-import', '--quiet');
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" scan --history`, '/dev/null'], {
      cwd: repo.dir,
      env: { ...repo.env, CI: '' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/hookguard: \d+\/20000 commits, [\d.]+ MB\/s/);
    expect(r.stdout).toMatch(/no findings in history, \d+ files in 20000 commits/);
    // 20,000 commits through fast-import and a full history scan: ~15 s alone, over 60 s while the machine is shared.
  }, 300_000);
});
