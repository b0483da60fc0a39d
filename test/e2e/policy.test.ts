/** `hookguard policy` and HG-UNUSED-001 through the real CLI. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsKeyId, fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo } from '../helpers.js';

afterAll(cleanup);

function policyRepo(): { repo: Repo; secrets: string[] } {
  const repo = Repo.init();
  const secrets = [fakeGithubToken(), fakeGithubToken(), fakeAwsKeyId()];
  repo.write(
    '.hookguard.yaml',
    [
      'failOn: medium',
      'ignore:',
      '  # Third-party code, scanned upstream.',
      '  - vendor/',
      '  - third_party/',
      '',
      '  - build/',
      'rules:',
      '  CFN-LOG-001: off # the logging bucket cannot log to itself',
      '  github-pat: low',
      'owners:',
      '  - owners: ["@acme/appsec"]',
      '  - paths: [infra/]',
      '    owners: ["@acme/platform"]',
      'escalation:',
      '  contact: "#security-oncall"',
      '  doc: SECURITY.md',
      '',
    ].join('\n'),
  );
  repo.write(
    'src/app.js',
    [
      `const a = "${secrets[0]}"; // hookguard:allow github-pat fixture for the parser tests`,
      `const b = "${secrets[1]}"; // hookguard:allow`,
      'const region = "eu-west-1"; // hookguard:allow',
      '',
    ].join('\n'),
  );
  repo.write('keys.env', `AWS_ACCESS_KEY_ID=${secrets[2]}\n`);
  repo.write('.husky/pre-commit', 'npx hookguard scan --staged\n');
  repo.write('.github/workflows/security.yml', 'jobs:\n  scan:\n    steps:\n      - uses: hookguard/hookguard@v1\n');
  repo.commit('init');
  return { repo, secrets };
}

describe('hookguard policy', () => {
  it('documents enforcement, threshold, rules, owners, escalation and every exception, deterministically', () => {
    const { repo, secrets } = policyRepo();
    // A baseline: the AWS key accepted today, plus an entry that matches nothing.
    expect(repo.hookguard(['baseline']).code).toBe(0);
    const bfile = path.join(repo.dir, '.hookguard-baseline.json');
    const b = JSON.parse(readFileSync(bfile, 'utf8')) as { findings: Array<Record<string, unknown>> };
    const today = new Date().toISOString().slice(0, 10);
    expect(b.findings.every((e) => e.date === today)).toBe(true);
    b.findings.push({
      fingerprint: 'f'.repeat(32),
      ruleId: 'aws-access-key-id',
      file: 'old.env',
      line: 1,
      date: '2024-01-02',
    });
    writeFileSync(bfile, JSON.stringify(b, null, 2) + '\n');
    repo.commit('baseline');

    const r = repo.hookguard(['policy']);
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^# Security checks: the enforced policy/);
    expect(md).toMatch(/\| pre-commit hook \|.*\| `\.husky\/pre-commit` \|/);
    expect(md).toMatch(/\| pre-push hook \|.*not set up here/);
    expect(md).toMatch(/\| pull requests \(GitHub Action\) \|.*`\.github\/workflows\/security\.yml` \|/);
    expect(md).toContain('findings of severity `medium` or above block');
    expect(md).toMatch(
      /\| cloudformation \| \d+ of \d+ \| \[CFN-LOG-001\]\(https:\/\/github\.com\/hookguard\/hookguard\/blob\/main\/docs\/rules\/CFN-LOG-001\.md\) \|/,
    );
    expect(md).toMatch(/\| secret \| \d+ of \d+ \| — \| \[github-pat\]\([^)]+\): high → low \|/);
    expect(md).toContain('| all | all | @acme/appsec |');
    expect(md).toContain('| `infra/` | all | @acme/platform |');
    expect(md).toContain('**Escalation:** contact #security-oncall; process in `SECURITY.md`.');
    // Inline allows: with a reason in the table, without one listed separately; the unused marker is listed as unused.
    expect(md).toContain('| `src/app.js:1` | `github-pat` | inline allow | fixture for the parser tests |');
    const noReason = md.slice(md.indexOf('### Exceptions without a reason'));
    expect(noReason).toContain('- inline allow `src/app.js:2` (`github-pat`)');
    expect(noReason).toContain('- ignore `build/`');
    expect(noReason).toContain('- severity lowered `github-pat: high → low`');
    expect(noReason).toMatch(/- baseline `\.hookguard-baseline\.json`: 2 entries without a `reason`/);
    expect(md).toContain('| ignore | `vendor/` | Third-party code, scanned upstream. |');
    expect(md).toContain('| ignore | `third_party/` | Third-party code, scanned upstream. |');
    expect(md).toContain('| rule off | `CFN-LOG-001` | the logging bucket cannot log to itself |');
    // Baseline: counts by rule and the oldest date; the stale entry is counted.
    expect(md).toContain(
      '| [aws-access-key-id](https://github.com/hookguard/hookguard/blob/main/docs/rules/aws-access-key-id.md) | 2 | 2024-01-02 |',
    );
    expect(md).toContain('1 entry no longer matches any finding');
    const unused = md.slice(md.indexOf('### Unused exceptions'));
    expect(unused).toContain('### Unused exceptions (2)');
    expect(unused).toContain('`.hookguard-baseline.json:');
    expect(unused).toContain('`src/app.js:3`');
    expect(leaks(md, secrets)).toEqual([]);

    // Deterministic: the same repository gives the same bytes.
    expect(repo.hookguard(['policy']).stdout).toBe(md);
  });

  it('--output writes it, --check passes on a current file and exits 1 on a stale or missing one', () => {
    const { repo } = policyRepo();
    const w = repo.hookguard(['policy', '--output', 'SECURITY-POLICY.md']);
    expect(w.code, w.stderr).toBe(0);
    const written = readFileSync(path.join(repo.dir, 'SECURITY-POLICY.md'), 'utf8');
    expect(written).toContain('# Security checks: the enforced policy');
    repo.commit('policy doc');
    const ok = repo.hookguard(['policy', '--check', 'SECURITY-POLICY.md']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('');

    // A new exception makes the committed document stale.
    repo.write('src/more.js', `const c = "${fakeGithubToken()}"; // hookguard:allow github-pat generated fixture\n`);
    const stale = repo.hookguard(['policy', '--check', 'SECURITY-POLICY.md']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(
      /SECURITY-POLICY\.md is stale; regenerate it with "hookguard policy --output SECURITY-POLICY\.md"/,
    );
    expect(repo.hookguard(['policy', '--check', 'NOPE.md']).code).toBe(1);

    expect(repo.hookguard(['policy', '--bogus']).code).toBe(2);
    expect(repo.hookguard(['policy', '--check']).code).toBe(2);
    const help = repo.hookguard(['policy', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--check FILE');
  });
});

describe('HG-UNUSED-001', () => {
  it('an allow marker that suppresses nothing is a low finding; a used one, or one inside a string, is not', () => {
    const repo = Repo.init();
    repo.write(
      'a.js',
      [
        `const a = "${fakeGithubToken()}"; // hookguard:allow github-pat test fixture`,
        'const region = "eu-west-1"; // hookguard:allow',
        `const b = "${fakeAwsKeyId()}"; // hookguard:allow github-pat wrong rule`,
        "const help = 'add # hookguard:allow RULE reason to the line';",
        '',
      ].join('\n'),
    );
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1); // the AWS key (its marker names another rule)
    const unused = report.findings.filter((f) => f.ruleId === 'HG-UNUSED-001');
    expect(unused.map((f) => [f.line, f.severity, f.category])).toEqual([
      [2, 'low', 'hookguard'],
      [3, 'low', 'hookguard'],
    ]);
    expect(unused[0]!.column).toBe('const region = "eu-west-1"; // '.length + 1);
    expect(report.findings.map((f) => f.ruleId)).toContain('aws-access-key-id');
    // Low: does not block on its own.
    expect(repo.hookguard(['scan', '--staged', '--fail-on', 'medium']).code).toBe(1);
    repo.write('a.js', 'const region = "eu-west-1"; // hookguard:allow\n');
    repo.git('add', '-A');
    expect(repo.hookguard(['scan', '--staged']).code).toBe(0);
    expect(repo.hookguard(['scan', '--staged', '--fail-on', 'low']).code).toBe(1);
    // It can be turned off like any rule.
    repo.write('.hookguard.yaml', 'rules:\n  HG-UNUSED-001: off\n');
    repo.git('add', '-A');
    const off = repo.json(['scan', '--staged']);
    expect(off.report.findings).toEqual([]);
    expect(off.report.suppressed.map((s) => s.ruleId)).toEqual(['HG-UNUSED-001']);
  });

  it('a baseline entry that matches nothing in a full scan is a finding on its line of the baseline', () => {
    const repo = Repo.init();
    repo.write('keys.env', `AWS_ACCESS_KEY_ID=${fakeAwsKeyId()}\n`);
    repo.commit('key');
    expect(repo.hookguard(['baseline']).code).toBe(0);
    expect(repo.json(['scan', '.']).report.findings).toEqual([]);
    repo.write('keys.env', 'AWS_ACCESS_KEY_ID=\n');
    const { report } = repo.json(['scan', '.']);
    expect(report.staleBaseline).toHaveLength(1);
    const f = report.findings.find((x) => x.ruleId === 'HG-UNUSED-001')!;
    expect(f.file).toBe('.hookguard-baseline.json');
    const lines = readFileSync(path.join(repo.dir, '.hookguard-baseline.json'), 'utf8').split('\n');
    expect(lines[f.line - 1]).toContain(report.staleBaseline[0]);
    expect(f.message).toContain('aws-access-key-id in keys.env:1');
  });
});
