/**
 * Baselines and inline suppressions through the real CLI: where the baseline lives, merging, renames, pruning,
 * turning it off; allows on the line above, typos in rule ids, other scanners' markers; config error positions; the
 * text report's columns.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsKeyId, fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, Repo } from '../helpers.js';

afterAll(cleanup);

interface BaselineJson {
  findings: Array<{ fingerprint: string; file: string; ruleId: string }>;
}
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as BaselineJson;

describe('baselines', () => {
  it('"baseline:" in the config is where hookguard baseline writes and scan reads (no loop); --output makes folders', () => {
    const repo = Repo.init();
    repo.write('.hookguard.yaml', 'baseline: security/accepted.json\n');
    repo.commit('secret', { 'a.env': `T=${fakeGithubToken()}\n` });
    const missing = repo.hookguard(['scan', '.']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /baseline file security\/accepted\.json .*does not exist: write it with "hookguard baseline"/,
    );
    const b = repo.hookguard(['baseline']);
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/wrote 1 entry to security\/accepted\.json/);
    expect(existsSync(path.join(repo.dir, '.hookguard-baseline.json'))).toBe(false);
    expect(repo.hookguard(['scan', '.']).code).toBe(0);
    const out = repo.hookguard(['baseline', '--output', 'reports/deep/base.json']);
    expect(out.code).toBe(0);
    expect(readJson(path.join(repo.dir, 'reports/deep/base.json')).findings).toHaveLength(1);
  });

  it('--help says how baselines merge, prune and turn off, and what each scan mode checks', () => {
    const repo = Repo.init();
    const b = repo.hookguard(['baseline', '--help']);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/--replace .*start over/);
    expect(b.stdout).toMatch(/--prune .*no longer match/);
    const s = repo.hookguard(['scan', '--help']);
    expect(s.stdout).toMatch(/--no-baseline/);
    expect(s.stdout).toMatch(/Every mode runs the secret, CloudFormation and Ansible rules/);
    expect(s.stdout).toMatch(/still present at the pushed tip/);
  });

  it('--baseline /dev/null and --no-baseline turn the baseline off cleanly', () => {
    const repo = Repo.init();
    repo.commit('secret', { 'a.env': `T=${fakeGithubToken()}\n` });
    expect(repo.hookguard(['baseline']).code).toBe(0);
    expect(repo.hookguard(['scan', '.']).code).toBe(0);
    for (const args of [['--baseline', '/dev/null'], ['--no-baseline']]) {
      const r = repo.json(['scan', '.', ...args]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.report.findings.map((f) => f.ruleId)).toEqual(['github-pat']);
      expect(r.report.suppressed).toEqual([]);
    }
  });

  it('merges by default (a --diff run keeps earlier entries), --replace starts over', () => {
    const repo = Repo.init();
    repo.commit('one', { 'a.env': `T=${fakeGithubToken()}\n` });
    expect(repo.hookguard(['baseline']).code).toBe(0);
    const base = repo.commit('two', { 'b.env': `T=${fakeGithubToken()}\n` });
    repo.commit('three', { 'c.env': `K=${fakeAwsKeyId()}\n` });
    const merged = repo.hookguard(['baseline', '--diff', `${base}..HEAD`]);
    expect(merged.stderr).toMatch(/wrote 2 entries .*1 new, 1 kept; merged with what was there, --replace starts over/);
    const file = path.join(repo.dir, '.hookguard-baseline.json');
    expect(readJson(file).findings.map((f) => f.file)).toEqual(['a.env', 'c.env']);
    expect(repo.hookguard(['baseline', '--diff', `${base}..HEAD`, '--replace']).code).toBe(0);
    expect(readJson(file).findings.map((f) => f.file)).toEqual(['c.env']);
  });

  it('entries survive git mv and line moves; the stale message says how to prune without losing live entries', () => {
    const repo = Repo.init();
    const token = fakeGithubToken();
    repo.commit('one', { 'config/a.env': `T=${token}\n`, 'old.env': `K=${fakeAwsKeyId()}\n` });
    expect(repo.hookguard(['baseline']).code).toBe(0);
    repo.git('mv', 'config/a.env', 'config/renamed.env');
    repo.write('config/renamed.env', `# moved\n\nT=${token}\n`);
    repo.git('add', '-A');
    expect(repo.json(['scan', '--staged']).code).toBe(0);
    repo.commit('rename');
    const disk = repo.json(['scan', '.']);
    expect(disk.code).toBe(0);
    expect(disk.report.suppressed.map((s) => [s.file, s.by]).sort()).toEqual([
      ['config/renamed.env', 'baseline'],
      ['old.env', 'baseline'],
    ]);
    // A copy of an accepted secret in a new file while the original is still there is new: it blocks.
    repo.write('copy.env', `T=${token}\n`);
    repo.write('config/renamed.env', `T=${token}\n`);
    repo.write('old.env', 'K=\n');
    const stale = repo.hookguard(['scan', '.']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/copy\.env/);
    repo.write('copy.env', 'T=\n');
    const clean = repo.hookguard(['scan', '.']);
    expect(clean.stdout).toMatch(
      /1 baseline entry no longer matches any finding; "hookguard baseline --prune" drops it and keeps every entry that still matches/,
    );
    expect(clean.code).toBe(0);
    const pruned = repo.hookguard(['baseline', '--prune']);
    expect(pruned.stderr).toMatch(/1 followed a renamed file, 1 pruned/);
    const entries = readJson(path.join(repo.dir, '.hookguard-baseline.json')).findings;
    expect(entries.map((f) => f.file)).toEqual(['config/renamed.env']);
    expect(repo.hookguard(['scan', '.']).stdout).not.toMatch(/no longer match/);
    const partial = repo.hookguard(['baseline', '--staged', '--prune']);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/only a full scan can tell/);
  });
});

describe('inline allows', () => {
  it('an allow in a comment on the line above works; an allow naming a rule that does not exist is reported', () => {
    const repo = Repo.init();
    repo.write(
      'a.py',
      [
        '# hookguard:allow github-pat fixture for the client test',
        `TOKEN = "${fakeGithubToken()}"`,
        'x = 1  # hookguard:allow',
        `OTHER = "${fakeGithubToken()}"`,
        `KEY = "${fakeAwsKeyId()}"  # hookguard:allow aws-acess-key-id typo`,
        '',
      ].join('\n'),
    );
    repo.git('add', '-A');
    for (const mode of [['--staged'], ['.']]) {
      const { code, report } = repo.json(['scan', ...mode]);
      expect(code).toBe(1);
      expect(report.suppressed.map((s) => [s.line, s.by, s.reason])).toEqual([
        [2, 'inline', 'fixture for the client test'],
      ]);
      // The bare allow on line 3 suppresses nothing (HG-UNUSED-001); the typo on line 5 is reported once, as an error.
      expect(report.findings.map((f) => [f.line, f.ruleId])).toEqual([
        [3, 'HG-UNUSED-001'],
        [4, 'github-pat'],
        [5, 'aws-access-key-id'],
      ]);
      expect(report.errors).toEqual([
        expect.objectContaining({
          file: 'a.py',
          line: 5,
          message: expect.stringMatching(/"aws-acess-key-id", which is not a rule id/),
        }),
      ]);
    }
  });

  it("other scanners' markers are honoured for secrets and named in the suppressed list; NOSONAR is not", () => {
    const repo = Repo.init();
    repo.write(
      'a.py',
      [
        `A = "${fakeGithubToken()}"  # pragma: allowlist secret`,
        `B = "${fakeGithubToken()}"  # gitleaks:allow`,
        `C = "${fakeGithubToken()}"  # nosec`,
        '# pragma: allowlist nextline secret',
        `D = "${fakeGithubToken()}"`,
        `E = "${fakeGithubToken()}"  // NOSONAR`,
        '',
      ].join('\n'),
    );
    const { code, report } = repo.json(['scan', '.']);
    expect(code).toBe(1);
    expect(report.suppressed.map((s) => [s.line, s.by, s.reason])).toEqual([
      [1, 'inline', 'pragma: allowlist secret (detect-secrets) marker'],
      [2, 'inline', 'gitleaks:allow (gitleaks) marker'],
      [3, 'inline', '# nosec (bandit) marker'],
      [5, 'inline', 'pragma: allowlist nextline secret (detect-secrets) marker'],
    ]);
    expect(report.findings.map((f) => f.line)).toEqual([6]);
  });
});

describe('config errors and report layout', () => {
  it('a bad custom regex is reported at its regex: line, without artefacts; a syntax error never past the end', () => {
    const repo = Repo.init();
    repo.write(
      '.hookguard.yaml',
      [
        'patterns:',
        '  - id: acme-key',
        '    title: ACME key',
        '    severity: high',
        '    keywords: [acme_]',
        "    regex: 'acme_([a-z]+'",
        '    remediation: Rotate it.',
        '    examples:',
        "      match: ['acme_abcdef']",
        '',
      ].join('\n'),
    );
    const bad = repo.hookguard(['scan', '.']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /\.hookguard\.yaml:6: patterns: rule "acme-key": regex does not compile: .*\/acme_\(\[a-z\]\+\/: Unterminated group/,
    );
    expect(bad.stderr).not.toContain('+|/');
    repo.write('.hookguard.yaml', "failOn: high\nignore:\n  - a\nallow: ['x'\n");
    const syntax = repo.hookguard(['scan', '.']);
    expect(syntax.code).toBe(2);
    const lines = [...syntax.stderr.matchAll(/\.hookguard\.yaml:(\d+):/g)].map((m) => Number(m[1]));
    expect(lines.length).toBeGreaterThan(0);
    for (const n of lines) expect(n).toBeLessThanOrEqual(4);
  });

  it('a long column is separated from the severity in the text report', () => {
    const repo = Repo.init();
    repo.write('app.min.js', `${'x=1;'.repeat(300_000)}t="${fakeGithubToken()}";\n`);
    const r = repo.hookguard(['scan', '.']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}1:1200004 high +github-pat/m);
  });
});
