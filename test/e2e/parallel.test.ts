/**
 * Parallel scans (worker threads, src/scan/parallel.ts) against the sequential path on generated histories and
 * trees: the same JSON report — findings, their order, commits, fingerprints, suppressions, errors, counts.
 * HOOKGUARD_WORKERS=0 forces the sequential path; small batches make many of them, so order across batches counts.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsKeyId, fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, Repo, runCli, tempDir, testEnv, type Report } from '../helpers.js';

afterAll(cleanup);

const CFN = (cidr: string) =>
  [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  Web:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: web',
    '      SecurityGroupIngress:',
    '        - IpProtocol: tcp',
    '          FromPort: 22',
    '          ToPort: 22',
    `          CidrIp: ${cidr}`,
    '',
  ].join('\n');
const PLAYBOOK = (n: number) =>
  [
    '- hosts: web',
    '  tasks:',
    `    - name: fetch ${n}`,
    '      ansible.builtin.get_url:',
    `        url: http://example.com/r${n}.tgz`,
    '        dest: /tmp/r.tgz',
    '        validate_certs: false',
    '',
  ].join('\n');

/** A template that does not parse (reported by name, with the parser's messages). */
const BROKEN =
  "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  X:\n    Type: AWS::S3::Bucket\n    Properties:\n      Foo: [a, b\n   bad: : :\n";

/** A history built with fast-import: secrets (one re-added later), IaC edits, env files, binaries, renames,
 * deletions, malformed YAML, and a side branch merged back. */
function history(commits: number): { repo: Repo; shas: string[] } {
  const repo = Repo.init();
  const token = fakeGithubToken();
  const key = fakeAwsKeyId();
  const data = (s: string | Buffer) => `data ${Buffer.byteLength(s)}\n${String(s)}\n`;
  let stream = '';
  let files: string[] = [];
  const commit = (branch: string, i: number, ops: string[], from?: number, merge?: number) => {
    stream += `commit refs/heads/${branch}\nmark :${i}\ncommitter T <t@example.test> ${1_700_000_000 + i * 60} +0000\n${data(`c${i}`)}`;
    if (from) stream += `from :${from}\n`;
    if (merge) stream += `merge :${merge}\n`;
    stream += ops.join('') + '\n';
  };
  const put = (p: string, text: string) => {
    if (!files.includes(p)) files.push(p);
    return `M 100644 inline ${p}\n${data(text)}`;
  };
  let prev = 0;
  for (let i = 1; i <= commits; i++) {
    const ops: string[] = [];
    if (i % 7 === 1) ops.push(put(`src/f${i}.js`, `const a = ${i};\nconst t = "${fakeGithubToken()}";\n`));
    if (i === 20) ops.push(put('src/again.js', `// old one\nconst t = "${token}";\n`));
    if (i === 2) ops.push(put('src/first.js', `const t = "${token}";\n`));
    if (i % 11 === 3) ops.push(put('infra/stack.yaml', CFN(i % 2 ? '0.0.0.0/0' : '10.0.0.0/8')));
    if (i % 13 === 5) ops.push(put('deploy/site.yml', PLAYBOOK(i)));
    if (i % 9 === 4)
      ops.push(
        put('config/.env.production', `AWS_ACCESS_KEY_ID=${key}\nLEVEL=${i}\n`),
        put('config/.env.staging', `AWS_ACCESS_KEY_ID=${key}\n`),
      );
    if (i % 10 === 6) ops.push(`M 100644 inline bin/d${i}.bin\n${data('\0\x01\x02bin\0')}`);
    if (i === 25) ops.push(put('infra/broken.yaml', BROKEN));
    if (i % 15 === 8 && files.length > 3) {
      const from = files.find((f) => f.startsWith('src/f'))!;
      files = files.filter((f) => f !== from);
      files.push(`moved/${path.basename(from)}`);
      ops.push(`R ${from} moved/${path.basename(from)}\n`);
    }
    if (i % 17 === 9) {
      const gone = files.find((f) => f.startsWith('moved/'));
      if (gone) {
        files = files.filter((f) => f !== gone);
        ops.push(`D ${gone}\n`);
      }
    }
    // git-crypt declared, then a plaintext file and a binary without git-crypt's header stored there (ATREST-001).
    if (i === 10) ops.push(put('.gitattributes', 'secret/** filter=git-crypt diff=git-crypt\n'));
    if (i === 12) ops.push(put('secret/plain.txt', `db password ${i}\n`));
    if (i === 14) ops.push(`M 100644 inline secret/k.bin\n${data('\0\x01keystore\0')}`);
    ops.push(put('notes.md', `note ${i} // hookguard:allow\n`));
    if (i > 30 && i <= 35) {
      // A side branch from commit 30, merged back by commit 40.
      commit(
        'side',
        i,
        [...ops, put(`side/s${i}.txt`, `password = "s1de-${i}-Xq9vT2mK7pL4"\n`)],
        i === 31 ? 30 : undefined,
      );
      continue;
    }
    commit('main', i, ops, prev || undefined, i === 40 ? 35 : undefined);
    prev = i;
  }
  repo.gitIn({ input: stream }, 'fast-import', '--quiet');
  repo.git('reset', '-q', '--hard', 'main');
  return { repo, shas: repo.git('rev-list', '--all').split('\n') };
}

/** The report without what differs from run to run. */
function stable(r: Report): unknown {
  return { ...r, summary: { ...r.summary, durationMs: 0 } };
}

function both(repo: Repo, args: string[], input?: string): { seq: Report; par: Report } {
  const run = (workers: string) => {
    const { report, stderr } = repo.json([...args, '--fail-on', 'none', '--verbose'], {
      env: { HOOKGUARD_WORKERS: workers, DEBUG: 'hookguard:*' },
      ...(input !== undefined ? { input } : {}),
    });
    // The parallel path did run (the sequential one says nothing of workers).
    expect(/scanned on \d+ worker threads/.test(stderr)).toBe(workers !== '0');
    return report;
  };
  return { seq: run('0'), par: run('3') };
}

describe('parallel commit scans give the sequential result', () => {
  const { repo, shas } = history(64);

  it('--history: same findings, order, commits, fingerprints, suppressions and errors', () => {
    const { seq, par } = both(repo, ['scan', '--history']);
    expect(seq.findings.length).toBeGreaterThan(10);
    expect(new Set(seq.findings.map((f) => f.commit)).size).toBeGreaterThan(5);
    expect(seq.findings.some((f) => f.ruleId.startsWith('CFN-'))).toBe(true);
    expect(seq.findings.some((f) => f.ruleId.startsWith('ANS-'))).toBe(true);
    expect(seq.findings.some((f) => f.ruleId.startsWith('ENV-'))).toBe(true);
    expect(seq.errors.some((e) => e.file === 'infra/broken.yaml')).toBe(true);
    expect(seq.summary.skipped.binary).toBeGreaterThan(0);
    expect(seq.findings.filter((f) => f.ruleId === 'ATREST-001').map((f) => f.file)).toEqual([
      'secret/k.bin',
      'secret/plain.txt',
    ]);
    expect(stable(par)).toEqual(stable(seq));
  });

  it('a secret re-added later is attributed to the commit that added each line, on both paths', () => {
    const { seq, par } = both(repo, ['scan', '--history']);
    const where = (r: Report) =>
      r.findings.filter((f) => f.file === 'src/first.js' || f.file === 'src/again.js').map((f) => [f.file, f.commit]);
    expect(where(seq)).toHaveLength(2);
    expect(where(par)).toEqual(where(seq));
  });

  it('--since, --diff and a pre-push of a new branch', () => {
    const base = shas[shas.length - 10]!;
    for (const args of [
      ['scan', '--history', '--since', base],
      ['scan', '--diff', `${base}..HEAD`],
    ]) {
      const { seq, par } = both(repo, args);
      expect(seq.summary.commits).toBeGreaterThan(8);
      expect(stable(par)).toEqual(stable(seq));
    }
    const head = repo.git('rev-parse', 'HEAD');
    const { seq, par } = both(
      repo,
      ['scan', '--pre-push', 'origin'],
      `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`,
    );
    expect(seq.findings.length).toBeGreaterThan(5);
    expect(stable(par)).toEqual(stable(seq));
  });

  it('odd repositories: shallow, detached, a linked worktree, no commits', () => {
    const clone = path.join(repo.home, 'shallow');
    repo.git('clone', '-q', '--depth', '20', `file://${repo.dir}`, clone);
    const wt = path.join(repo.home, 'wt');
    repo.git('worktree', 'add', '-q', '--detach', wt, shas[5]!);
    for (const cwd of [clone, wt]) {
      const run = (w: string) =>
        JSON.parse(
          repo.hookguard(['scan', '--history', '--format', 'json', '--fail-on', 'none'], {
            cwd,
            env: { HOOKGUARD_WORKERS: w },
          }).stdout,
        ) as Report;
      const seq = run('0');
      expect(seq.summary.commits).toBeGreaterThan(5);
      expect(stable(run('2'))).toEqual(stable(seq));
    }
    const empty = Repo.init();
    const r = empty.json(['scan', '--history'], { env: { HOOKGUARD_WORKERS: '2' } });
    expect(r.code).toBe(0);
    expect(r.report.findings).toEqual([]);
  });

  it('HOOKGUARD_WORKERS must be a whole number', () => {
    const r = repo.hookguard(['scan', '--history'], { env: { HOOKGUARD_WORKERS: 'many' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/HOOKGUARD_WORKERS must be a whole number/);
  });
});

describe('parallel directory scans give the sequential result', () => {
  it('same findings and order; binary, malformed and odd files reported by name and skipped alike', () => {
    const dir = tempDir();
    const home = tempDir();
    const key = fakeAwsKeyId();
    for (let i = 0; i < 90; i++) {
      const sub = path.join(dir, `pkg${i % 6}`, `m${i % 4}`);
      mkdirSync(sub, { recursive: true });
      const lines = Array.from({ length: 40 + i }, (_, j) => `export const v${j} = ${i * j}; // ordinary line`);
      if (i % 8 === 3) lines.splice(i % 30, 0, `const token = "${fakeGithubToken()}";`);
      writeFileSync(path.join(sub, `f${i}.js`), lines.join('\n') + '\n');
    }
    writeFileSync(path.join(dir, 'pkg0', 'blob.bin'), Buffer.from([0, 1, 2, 0, 255, 0]));
    writeFileSync(path.join(dir, 'pkg1', 'stack.yaml'), CFN('0.0.0.0/0'));
    writeFileSync(path.join(dir, 'pkg1', 'broken.yaml'), BROKEN);
    writeFileSync(path.join(dir, 'pkg2', 'site.yml'), PLAYBOOK(1));
    mkdirSync(path.join(dir, 'config'));
    writeFileSync(path.join(dir, 'config', '.env.production'), `AWS_ACCESS_KEY_ID=${key}\n`);
    writeFileSync(path.join(dir, 'config', '.env.staging'), `AWS_ACCESS_KEY_ID=${key}\n`);
    symlinkSync('/nonexistent/target', path.join(dir, 'pkg3', 'dangling'));
    const env = testEnv(home);
    const run = (w: string) => {
      const r = runCli(['scan', '.', '--format', 'json', '--fail-on', 'none', '--verbose'], {
        cwd: dir,
        env: { ...env, HOOKGUARD_WORKERS: w, DEBUG: 'hookguard:*' },
      });
      expect(/files scanned on \d+ worker threads/.test(r.stderr)).toBe(w !== '0');
      return JSON.parse(r.stdout) as Report;
    };
    const seq = run('0');
    expect(seq.findings.filter((f) => f.ruleId === 'github-pat').length).toBeGreaterThan(8);
    expect(seq.findings.some((f) => f.ruleId.startsWith('CFN-'))).toBe(true);
    expect(seq.findings.some((f) => f.ruleId.startsWith('ENV-'))).toBe(true);
    expect(seq.errors.some((e) => e.file === 'pkg1/broken.yaml')).toBe(true);
    expect(seq.summary.skipped).toMatchObject({ binary: 1, other: 1 });
    expect(stable(run('2'))).toEqual(stable(seq));
    expect(stable(run('4'))).toEqual(stable(seq));
  });
});

describe('directory walk', () => {
  const line = () => `const token = "${fakeGithubToken()}";\n`;
  /** The files a one-thread scan of `cwd` reports findings in. */
  const scanned = (cwd: string, env: NodeJS.ProcessEnv): string[] => {
    const r = runCli(['scan', '.', '--format', 'json', '--fail-on', 'none'], {
      cwd,
      env: { ...env, HOOKGUARD_WORKERS: '0' },
    });
    return [...new Set((JSON.parse(r.stdout) as Report).findings.map((f) => f.file))].sort();
  };

  it('.gitignore files at every level apply below their folder only; a folder without one inherits', () => {
    const dir = tempDir();
    const home = tempDir();
    const files: Record<string, string> = {
      '.gitignore': 'top-ignored.js\n',
      'top-ignored.js': line(),
      'kept.js': line(),
      'a/.gitignore': 'inner.js\n/b/only-here.js\n',
      'a/inner.js': line(),
      'a/b/only-here.js': line(),
      'a/b/inner.js': line(),
      'a/b/c/.gitignore': 'kept.js\n',
      'a/b/c/inner.js': line(),
      'a/b/c/kept.js': line(),
      'a/b/c/other.js': line(),
      'a/b/only-here-too.js': line(),
      'd/inner.js': line(),
      'd/top-ignored.js': line(),
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    expect(scanned(dir, testEnv(home))).toEqual(['a/b/c/other.js', 'a/b/only-here-too.js', 'd/inner.js', 'kept.js']);
  });

  it('a deeper .gitignore overrides a shallower one both ways, as git does (git ls-files is the reference)', () => {
    const repo = Repo.init();
    const files: Record<string, string> = {
      '.gitignore': '*.env\n!shared.js\n',
      'app.env': line(),
      'shared.js': line(),
      'cfg/.gitignore': '!keep.env\nshared.js\n',
      'cfg/keep.env': line(),
      'cfg/other.env': line(),
      'cfg/shared.js': line(),
      'cfg/deep/.gitignore': 'keep.env\n',
      'cfg/deep/keep.env': line(),
      'cfg/deep/x.js': line(),
      'excl/a.js': line(),
      'excl/.gitignore': '!a.js\n',
    };
    for (const [rel, text] of Object.entries(files)) repo.write(rel, text);
    repo.write('.git/info/exclude', 'excl/\n*.js.bak\n');
    const tracked = repo
      .git('ls-files', '-co', '--exclude-standard')
      .split('\n')
      .filter((f) => f && !f.endsWith('.gitignore'))
      .sort();
    const found = scanned(repo.dir, repo.env);
    expect(found).toEqual(['cfg/deep/x.js', 'cfg/keep.env', 'shared.js']);
    expect(found).toEqual(tracked);
  });
});
