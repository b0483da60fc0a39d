/**
 * Parity with git-secrets' small modes (issue 26): `hookguard scan -` reads content from stdin (labelled by
 * --stdin-filename), and `scan --untracked` scans what `git ls-files --cached --others --exclude-standard` lists.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, leaks, Repo, runCli, tempDir, testEnv, sshTemplate } from '../helpers.js';

afterAll(cleanup);

function awsKey(): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return 'AKIA' + [...randomBytes(16)].map((b) => abc[b % 32]).join('');
}

describe('hookguard scan - (stdin)', () => {
  it('scans stdin as one file named by --stdin-filename; never prints the value', () => {
    const repo = Repo.init();
    const key = awsKey();
    const r = repo.json(['scan', '-', '--stdin-filename', 'src/deploy.js'], {
      input: `const a = 1;\nconst k = "${key}";\n`,
    });
    expect(r.code).toBe(1);
    expect(r.report.findings).toEqual([
      expect.objectContaining({ ruleId: 'aws-access-key-id', file: 'src/deploy.js', line: 2 }),
    ]);
    expect(leaks(JSON.stringify(r.report) + r.stderr, [key])).toEqual([]);
    // Without a name it is "stdin"; clean text passes.
    const plain = repo.json(['scan', '-'], { input: `k = ${key}\n` });
    expect(plain.report.findings[0]!.file).toBe('stdin');
    expect(repo.hookguard(['scan', '-'], { input: 'hello\n' }).code).toBe(0);
  });

  it('the name decides which families look at it (a CloudFormation template), also outside a repository', () => {
    const dir = tempDir('hg-stdin-');
    const env = testEnv(dir);
    const r = runCli(['scan', '-', '--stdin-filename', 'stack.yaml', '--format', 'json'], {
      cwd: dir,
      env,
      input: sshTemplate(),
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; file: string }> };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.file === 'stack.yaml')).toBe(true);
    expect(report.findings.some((f) => f.ruleId.startsWith('CFN-') || /SG/.test(f.ruleId))).toBe(true);
  });

  it('usage errors exit 2', () => {
    const repo = Repo.init();
    repo.write('a.txt', 'x\n');
    for (const args of [
      ['scan', '-', 'a.txt'],
      ['scan', '--stdin-filename', 'x.js'],
      ['scan', '-', '--untracked'],
      ['scan', '--staged', '--untracked'],
    ]) {
      const r = repo.hookguard(args, { input: 'x\n' });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/hookguard/);
    }
  });
});

describe('hookguard scan --untracked', () => {
  it('scans tracked and untracked files, a tracked file .gitignore matches included, ignored ones not', () => {
    const repo = Repo.init();
    const key = awsKey();
    const line = `aws_key = "${key}"\n`;
    repo.write('.gitignore', 'forced.txt\nlocal/\n');
    repo.write('forced.txt', line);
    repo.git('add', '-f', 'forced.txt', '.gitignore');
    repo.git('commit', '-q', '-m', 'init');
    repo.write('new.txt', line);
    repo.write('local/secret.txt', line);
    const files = (args: string[]) =>
      repo
        .json(args)
        .report.findings.map((f) => f.file)
        .sort();
    expect(files(['scan', '--untracked'])).toEqual(['forced.txt', 'new.txt']);
    // A plain disk scan honours .gitignore for every file, tracked or not.
    expect(files(['scan'])).toEqual(['new.txt']);
    // Limited to paths, as git's pathspecs.
    expect(files(['scan', '--untracked', 'new.txt'])).toEqual(['new.txt']);
    const text = repo.hookguard(['scan', '--untracked']);
    expect(text.code).toBe(1);
    expect(leaks(text.stdout + text.stderr, [key])).toEqual([]);
  });

  it('needs a repository (exit 2)', () => {
    const dir = tempDir('hg-untracked-');
    const r = runCli(['scan', '--untracked'], { cwd: dir, env: testEnv(dir) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--untracked needs a git repository/);
  });
});
