import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken, fakeAwsKeyId, rand, ALNUM } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo, runCli, tempDir, testEnv } from '../helpers.js';

afterAll(cleanup);

describe('.hookguard.yaml', () => {
  it('failOn, ignore, rules off/severity, allow and custom patterns all apply, and every suppression is listed', () => {
    const repo = Repo.init();
    const internal = 'ACME-' + rand(ALNUM, 24);
    repo.write(
      '.hookguard.yaml',
      [
        'failOn: critical',
        'ignore:',
        '  - vendor/',
        'rules:',
        '  aws-access-key-id: critical',
        '  github-pat: off',
        'allow:',
        "  - '^sk_test_'",
        'patterns:',
        '  - id: acme-internal-token',
        '    title: ACME internal token',
        '    severity: critical',
        '    keywords: [acme-]',
        "    regex: '\\b(ACME-[A-Za-z0-9]{24})\\b'",
        '    remediation: Rotate it in the ACME console.',
        '    examples:',
        "      match: ['t = ACME-abcdefghijklmnopqrstuvwx']",
        '',
      ].join('\n'),
    );
    repo.write('vendor/lib.js', `const t = "${fakeGithubToken()}";\n`);
    repo.write(
      'a.env',
      `GH=${fakeGithubToken()}\nAWS=${fakeAwsKeyId()}\nINTERNAL=${internal}\nSTRIPE=sk_test_${rand(ALNUM, 24)}\n`,
    );
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['aws-access-key-id', 'critical', 2],
      ['acme-internal-token', 'critical', 3],
    ]);
    expect(report.suppressed.map((s) => [s.ruleId, s.by, s.line])).toEqual(
      expect.arrayContaining([
        ['github-pat', 'config', 1],
        ['stripe-test-key', 'config', 4],
      ]),
    );
    expect(report.findings.some((f) => f.file.startsWith('vendor/'))).toBe(false);
    expect(leaks(JSON.stringify(report), [internal])).toEqual([]);
    // failOn: critical from config; a CLI flag overrides it.
    expect(repo.hookguard(['scan', '--staged', '--fail-on', 'none']).code).toBe(0);
  });

  it('rules: turns off or re-grades IaC rules by their upper-case ids too', () => {
    const repo = Repo.init();
    repo.write(
      'stack.yaml',
      [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Resources:',
        '  Ssh:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: ssh',
        '      SecurityGroupIngress:',
        '        - IpProtocol: tcp',
        '          FromPort: 22',
        '          ToPort: 22',
        '          CidrIp: 0.0.0.0/0',
        '',
      ].join('\n'),
    );
    const ids = (out: string) => JSON.parse(out).findings.map((f: { ruleId: string }) => f.ruleId);
    const before = runCli(['scan', '.', '--format', 'json'], { cwd: repo.dir });
    expect(ids(before.stdout)).toContain('CFN-SG-001');
    repo.write('.hookguard.yaml', ['rules:', '  CFN-SG-001: off', ''].join('\n'));
    const r = runCli(['scan', '.', '--format', 'json'], { cwd: repo.dir });
    expect(r.code).not.toBe(2);
    expect(ids(r.stdout)).not.toContain('CFN-SG-001');
  });

  it('a broken or invalid config is exit 2 naming the file, the line and every problem', () => {
    const repo = Repo.init();
    repo.write(
      '.hookguard.yaml',
      ['failOn: severe', 'ignorez: [x]', 'rules:', '  no-such-rule: off', 'allow:', "  - '(a+)+$'", ''].join('\n'),
    );
    const r = repo.hookguard(['scan', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.hookguard\.yaml:1: failOn must be one of/);
    expect(r.stderr).toMatch(/\.hookguard\.yaml:2: unknown key "ignorez"/);
    expect(r.stderr).toMatch(/\.hookguard\.yaml:4: rules: unknown rule id "no-such-rule"/);
    expect(r.stderr).toMatch(/\.hookguard\.yaml:6: allow regex .* is unsafe/);
    repo.write('.hookguard.yaml', 'failOn: [unclosed\n');
    const broken = repo.hookguard(['scan', '.']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/invalid config:\n {2}\.hookguard\.yaml:\d+: /);
    // Every command that reads the config says the same, never "internal error" (the commands loaded lazily carry
    // their own bundle).
    repo.write('x.yaml', 'Resources: {}\n');
    repo.git('add', '-A'); // the policy document reads the config as staged
    for (const args of [['fix', 'x.yaml'], ['fix', '--dry-run', 'x.yaml'], ['policy'], ['baseline']]) {
      const r2 = repo.hookguard(args);
      expect(r2.code, args.join(' ')).toBe(2);
      expect(r2.stderr, args.join(' ')).toMatch(/(?:^|\n)hookguard: invalid config:\n {2}\.hookguard\.yaml:\d+: /);
      expect(r2.stderr, args.join(' ')).not.toContain('internal error');
    }
  });

  it('rejects a custom pattern whose regex can backtrack catastrophically', () => {
    const repo = Repo.init();
    repo.write(
      '.hookguard.yaml',
      [
        'patterns:',
        '  - id: slow',
        '    title: Slow',
        '    severity: high',
        '    keywords: [x]',
        "    regex: '(x+x+)+y'",
        '    remediation: r',
        '    examples:',
        "      match: ['xxy']",
        '',
      ].join('\n'),
    );
    const r = repo.hookguard(['scan', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rule "slow" regex is unsafe: nested unbounded repetition/);
  });

  it('rejects a custom pattern that does not match its own example', () => {
    const repo = Repo.init();
    repo.write(
      '.hookguard.yaml',
      [
        'patterns:',
        '  - id: acme',
        '    title: Acme',
        '    severity: high',
        '    keywords: [acme_]',
        "    regex: 'acme_([0-9]{8})'",
        '    remediation: r',
        '    examples:',
        "      match: ['acme_1234']",
        '',
      ].join('\n'),
    );
    const r = repo.hookguard(['scan', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rule "acme" does not match its example 1 \(a…\)/);
    expect(r.stderr).not.toContain('acme_1234');
  });
});

describe('baseline', () => {
  it('accepts current findings, still blocks new ones, survives line moves, reports stale entries', () => {
    const repo = Repo.init();
    const token = fakeGithubToken();
    repo.write('legacy.env', `A=1\nT=${token}\n`);
    expect(repo.hookguard(['scan', '.']).code).toBe(1);
    const b = repo.hookguard(['baseline', '.']);
    expect(b.code).toBe(0);
    const baseline = readFileSync(path.join(repo.dir, '.hookguard-baseline.json'), 'utf8');
    expect(baseline).not.toContain(token);
    expect(JSON.parse(baseline).findings).toHaveLength(1);

    // Accepted: exit 0, recorded as suppressed by baseline.
    let r = repo.json(['scan', '.']);
    expect(r.code).toBe(0);
    expect(r.report.suppressed).toEqual([expect.objectContaining({ ruleId: 'github-pat', by: 'baseline' })]);
    // Moved down three lines: still accepted.
    repo.write('legacy.env', `# moved\n\n\nA=1\nT=${token}\n`);
    expect(repo.json(['scan', '.']).code).toBe(0);
    // A new secret still blocks.
    repo.write('new.env', `T=${fakeGithubToken()}\n`);
    r = repo.json(['scan', '.']);
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f) => f.file)).toEqual(['new.env']);
    // Removing the accepted secret leaves a stale entry, reported.
    repo.write('legacy.env', 'A=1\n');
    r = repo.json(['scan', '.']);
    expect(r.report.staleBaseline).toHaveLength(1);
    const text = repo.hookguard(['scan', '.']);
    expect(text.stdout).toMatch(/1 baseline entry no longer matches/);
  });

  it('a corrupt baseline is exit 2', () => {
    const repo = Repo.init();
    repo.write('.hookguard-baseline.json', '{"version": 1, "findings": [');
    const r = repo.hookguard(['scan', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/baseline .*not valid JSON/);
  });
});

describe('scan PATH (files on disk)', () => {
  it('honours .gitignore at every level and config ignores; skips binaries; works outside a repository', () => {
    const repo = Repo.init();
    repo.write('.gitignore', 'build/\n*.log\n');
    repo.write('pkg/.gitignore', 'local.env\n');
    for (const f of ['build/out.js', 'debug.log', 'pkg/local.env', 'pkg/kept.env', 'top.env'])
      repo.write(f, `T=${fakeGithubToken()}\n`);
    repo.write('img.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const { report } = repo.json(['scan', '.']);
    expect(report.findings.map((f) => f.file).sort()).toEqual(['pkg/kept.env', 'top.env']);
    expect(report.summary.skipped.binary).toBe(1);
    // Only a subdirectory.
    expect(repo.json(['scan', 'pkg']).report.findings.map((f) => f.file)).toEqual(['pkg/kept.env']);

    const plain = tempDir();
    mkdirSync(path.join(plain, 'x'));
    writeFileSync(path.join(plain, 'x', 'a.env'), `T=${fakeGithubToken()}\n`);
    const home = tempDir();
    const r = runCli(['scan', '--format', 'json'], { cwd: plain, env: testEnv(home) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].file).toBe('x/a.env');
  });
});
