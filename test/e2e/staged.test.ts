import { symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsKeyId, fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo, sshTemplate } from '../helpers.js';

afterAll(cleanup);

describe('scan --staged', () => {
  it('finds a secret in the first commit of a repository (no HEAD yet), masked, with the new-file line', () => {
    const repo = Repo.init();
    const token = fakeGithubToken();
    repo.write('app/config.js', `const a = 1;\n\nconst token = "${token}";\n`);
    repo.git('add', '-A');
    const { code, report, stderr } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect(f).toMatchObject({
      ruleId: 'github-pat',
      file: 'app/config.js',
      line: 3,
      column: 16,
      endLine: 3,
      endColumn: 16 + token.length,
    });
    expect(f.match).toMatch(/^ghp_…/);
    const text = repo.hookguard(['scan', '--staged']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('app/config.js');
    expect(text.stdout).toContain('github-pat');
    expect(leaks(JSON.stringify(report) + stderr + text.stdout + text.stderr, [token])).toEqual([]);
  });

  it('scans the index, not the working tree', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': 'hello\n' });
    const token = fakeGithubToken();
    // Unstaged secret: must not block.
    repo.write('README.md', `hello\ntoken ${token}\n`);
    expect(repo.hookguard(['scan', '--staged']).code).toBe(0);
    // Staged secret, then removed from the working tree only: must block.
    repo.git('add', 'README.md');
    repo.write('README.md', 'hello\n');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: 'README.md', line: 2 });
  });

  it('judges a whole staged template by its staged version, whether or not the working tree still matches it', () => {
    const open = sshTemplate();
    const closed = sshTemplate('10.0.0.0/8');
    const sgFindings = (repo: Repo) =>
      repo
        .json(['scan', '--staged'])
        .report.findings.filter((f) => f.ruleId.startsWith('CFN-SG-') && f.severity !== 'low' && f.severity !== 'info')
        .length;
    const repo = Repo.init();
    repo.commit('init', { 'README.md': 'x\n' });
    // Same bytes in the index and the working tree (read from the working tree, no git process).
    repo.write('infra/web.yaml', open);
    repo.git('add', '-A');
    const same = sgFindings(repo);
    expect(same).toBeGreaterThan(0);
    // Fixed in the working tree only: the staged (open) version still counts.
    repo.write('infra/web.yaml', closed);
    expect(sgFindings(repo)).toBe(same);
    // Fixed and staged, then opened again in the working tree only: the staged (closed) version counts.
    repo.git('add', '-A');
    repo.write('infra/web.yaml', open);
    expect(sgFindings(repo)).toBe(0);
    // A filter between the working tree and the index (CRLF on disk, LF staged): the index is read.
    repo.git('config', 'core.autocrlf', 'true');
    repo.write('infra/web.yaml', open.replace(/\n/g, '\r\n'));
    repo.git('add', '-A');
    expect(repo.git('cat-file', '-p', ':infra/web.yaml')).not.toContain('\r');
    expect(sgFindings(repo)).toBe(same);
  });

  it('looks at added lines only: an old secret in a touched file does not block', () => {
    const repo = Repo.init();
    const token = fakeGithubToken();
    repo.commit('legacy', { 'legacy.env': `A=1\nTOKEN=${token}\nB=2\n` });
    repo.write('legacy.env', `A=1\nTOKEN=${token}\nB=3\n`);
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('a pure rename adds nothing; a deletion adds nothing', () => {
    const repo = Repo.init();
    const token = fakeGithubToken();
    repo.commit('legacy', { 'old name.env': `TOKEN=${token}\n`, 'gone.env': `TOKEN=${fakeGithubToken()}\n` });
    repo.git('mv', 'old name.env', 'new name.env');
    repo.git('rm', '-q', 'gone.env');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('reports paths with spaces and non-ASCII characters exactly, and CRLF columns', () => {
    const repo = Repo.init();
    repo.commit('init', { 'a.txt': 'a\n' });
    const key = fakeAwsKeyId();
    repo.write('dir with space/ünïcødé file.env', `first\r\nAWS_ACCESS_KEY_ID=${key}\r\n`);
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({
      ruleId: 'aws-access-key-id',
      file: 'dir with space/ünïcødé file.env',
      line: 2,
      column: 19,
      endColumn: 19 + key.length,
    });
  });

  it('skips binary files (counted), submodule entries and symlinks', () => {
    const repo = Repo.init();
    const c = repo.commit('init', { 'a.txt': 'a\n' });
    const token = fakeGithubToken();
    repo.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`token=${token}`)]));
    repo.git('update-index', '--add', '--cacheinfo', `160000,${c},vendor/sub`);
    repo.gitIn({}, 'config', 'core.symlinks', 'true');
    symlinkSync('a.txt', `${repo.dir}/link.txt`);
    repo.git('add', 'blob.bin', 'link.txt');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(0);
    expect(report.summary.skipped.binary).toBe(1);
    expect(report.summary.skipped.other).toBe(2);
  });

  it('handles a large staged file without losing line numbers', () => {
    const repo = Repo.init();
    repo.commit('init', { 'a.txt': 'a\n' });
    const token = fakeGithubToken();
    const filler = 'x'.repeat(99) + '\n';
    const lines = 120_000; // ~12 MB: streamed in parts, never held whole
    repo.write('big.log', filler.repeat(lines) + `token=${token}\n`);
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: 'big.log', line: lines + 1, column: 7 });
  });

  it('honours inline hookguard:allow with a rule and reason, and records it', () => {
    const repo = Repo.init();
    const token = fakeGithubToken();
    repo.write(
      't.py',
      `TOKEN = "${token}"  # hookguard:allow github-pat revoked test token\nOTHER = "${fakeGithubToken()}"  # hookguard:allow aws-access-key-id wrong rule\n`,
    );
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    // Line 2: the token, and the marker that names another rule, which suppresses nothing (HG-UNUSED-001).
    expect(report.findings.map((f) => [f.line, f.ruleId])).toEqual([
      [2, 'github-pat'],
      [2, 'HG-UNUSED-001'],
    ]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'github-pat', line: 1, by: 'inline', reason: 'revoked test token' }),
    ]);
  });

  it('honours an unchanged hookguard:allow comment right above a newly added secret line, as a disk scan does', () => {
    const repo = Repo.init();
    repo.commit('base', {
      'cfg.py': 'A = 1\n# hookguard:allow github-pat revoked token kept for the replay test\n\nB = 2\n',
    });
    const token = fakeGithubToken();
    const other = fakeGithubToken();
    // Line 3 (under the allow) and line 5 (under `B = 2`, no allow): both added lines, the comment unchanged.
    repo.write(
      'cfg.py',
      `A = 1\n# hookguard:allow github-pat revoked token kept for the replay test\nT = "${token}"\nB = 2\nU = "${other}"\n`,
    );
    repo.git('add', '-A');
    for (const args of [
      ['scan', '--staged'],
      ['scan', '.'],
    ]) {
      const { code, report } = repo.json(args);
      expect(code, args.join(' ')).toBe(1);
      expect(report.findings.map((f) => [f.line, f.ruleId])).toEqual([[5, 'github-pat']]);
      expect(report.suppressed).toEqual([
        expect.objectContaining({
          ruleId: 'github-pat',
          line: 3,
          by: 'inline',
          reason: 'revoked token kept for the replay test',
        }),
      ]);
    }
    // The commit's own history scan reads the comment from the commit as well.
    repo.git('commit', '-qm', 'add tokens');
    const { report } = repo.json(['scan', '--history']);
    expect(report.findings.map((f) => [f.line, f.ruleId])).toEqual([[5, 'github-pat']]);
  });

  it('exits 2 with a clear message outside a git repository', () => {
    const repo = Repo.init();
    const outside = repo.home; // a plain directory
    const r = repo.hookguard(['scan', '--staged'], { cwd: outside });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a git repository/);
  });

  it('works in a linked worktree and on a detached HEAD', () => {
    const repo = Repo.init();
    repo.commit('init', { 'a.txt': 'a\n' });
    const wt = `${repo.home}/wt`;
    repo.git('worktree', 'add', '-q', '--detach', wt);
    const token = fakeGithubToken();
    writeFileSync(`${wt}/s.env`, `T=${token}\n`);
    repo.gitIn({}, '-C', wt, 'add', 's.env');
    const r = repo.hookguard(['scan', '--staged', '--format', 'json'], { cwd: wt });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].file).toBe('s.env');
  });
});

describe('the early-started staged diff', () => {
  it('is consumed when git exits before hookguard reads it, and stopped when the run fails', () => {
    const repo = Repo.init();
    repo.commit('init', { 'a.txt': 'a\n' });
    // Many small files: git finishes long before the scanner has loaded.
    for (let i = 0; i < 200; i++) repo.write(`many/f${i}.txt`, `line ${i}\n`);
    repo.write('many/secret.env', `T=${fakeGithubToken()}\n`);
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.summary.files).toBe(201);
    // A usage error after the diff started: exit 2 promptly, nothing left running.
    const bad = repo.hookguard(['scan', '--staged', '--format', 'nope']);
    expect(bad.code).toBe(2);
    const skipped = repo.hookguard(['scan', '--staged'], { env: { HOOKGUARD: '0' } });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/skipped \(HOOKGUARD=0\)/);
  });
});
