import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, Repo } from '../helpers.js';

afterAll(cleanup);

describe('hostile trees never crash, hang or hide findings', () => {
  it('skips FIFOs, does not follow symlinks (loops, outside the tree, dangling), reports unreadable files and goes on', () => {
    const repo = Repo.init();
    const token = fakeGithubToken();
    repo.write('good.env', `T=${token}\n`);
    execFileSync('mkfifo', [path.join(repo.dir, 'pipe')]);
    mkdirSync(path.join(repo.dir, 'loop'));
    symlinkSync('..', path.join(repo.dir, 'loop', 'up'));
    symlinkSync('/etc', path.join(repo.dir, 'outside'));
    symlinkSync('nowhere', path.join(repo.dir, 'dangling'));
    const locked = repo.write('locked.env', `T=${fakeGithubToken()}\n`);
    chmodSync(locked, 0o000);
    const { code, report } = repo.json(['scan', '.']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.file)).toContain('good.env');
    if (process.getuid?.() !== 0) expect(report.errors.map((e) => e.file)).toContain('locked.env');
    expect(report.summary.skipped.other).toBeGreaterThanOrEqual(4);
  });

  it('reads odd names, encodings and line endings', () => {
    const repo = Repo.init();
    const t1 = fakeGithubToken();
    const t2 = fakeGithubToken();
    const t3 = fakeGithubToken();
    repo.write('-leading-dash.env', `T=${t1}\n`);
    repo.write('new\nline.env', `T=${t2}\n`);
    // UTF-16LE with BOM
    repo.write('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`a\r\nT=${t3}\r\n`, 'utf16le')]));
    // Lone CR line endings: the secret is on line 3.
    repo.write('cr.txt', `a\rb\rT=${fakeGithubToken()}\r`);
    // One enormous line with a secret at the end.
    repo.write('min.js', 'var a=1;'.repeat(400_000) + `t="${fakeGithubToken()}";`);
    const { report } = repo.json(['scan', '.']);
    const byFile = Object.fromEntries(report.findings.map((f) => [f.file, f.line]));
    expect(byFile['-leading-dash.env']).toBe(1);
    expect(byFile['new\nline.env']).toBe(1);
    expect(byFile['utf16.txt']).toBe(2);
    expect(byFile['cr.txt']).toBe(3);
    expect(byFile['min.js']).toBe(1);
    // A leading-dash name given explicitly, after --.
    const direct = repo.hookguard(['scan', '--format', 'json', '--', '-leading-dash.env']);
    expect(JSON.parse(direct.stdout).findings[0].file).toBe('-leading-dash.env');
  });

  it('staged: a file name with a newline and a leading dash is read through git quoting', () => {
    const repo = Repo.init();
    repo.write('-x\nweird "name".env', `T=${fakeGithubToken()}\n`);
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.findings[0]!.file).toBe('-x\nweird "name".env');
  });
});

describe('bytes that are not UTF-8', () => {
  it('a file name with invalid UTF-8 is still opened and scanned (shown with \\xNN escapes); Latin-1 content too', () => {
    const repo = Repo.init();
    const token = fakeGithubToken();
    writeFileSync(
      Buffer.from([...Buffer.from(path.join(repo.dir, 'bad-')), 0xff, 0xfe, ...Buffer.from('.env')]),
      `T=${fakeGithubToken()}\n`,
    );
    repo.write(
      'latin1.properties',
      Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(`\ntoken=${token}\n`)]),
    );
    const { code, report } = repo.json(['scan', '.']);
    expect(code).toBe(1);
    expect(report.findings.find((f) => f.file === 'latin1.properties')?.line).toBe(2);
    expect(report.findings.find((f) => f.file === 'bad-\\xff\\xfe.env')?.ruleId).toBe('github-pat');
    expect(report.errors).toEqual([]);
  });
});
