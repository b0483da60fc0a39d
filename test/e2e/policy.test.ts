/** `hookguard policy` and HG-UNUSED-001 through the real CLI. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsKeyId, fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo, ROOT } from '../helpers.js';

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
    expect(md).toContain('| pre-commit | husky | `.husky/pre-commit` | `medium` and above (the config) | — |');
    expect(md).toContain('**Not set up in the repository:** the pre-merge-commit, pre-push, commit-msg hooks.');
    expect(md).toMatch(
      /\| workflow \| GitHub Action \| `\.github\/workflows\/security\.yml` job `scan` \| `medium` and above \(the config\) \|/,
    );
    expect(md).toContain('**Config threshold:** `medium` (`failOn`)');
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
    // Baseline: each high entry listed (file, rule, owners, reason, date, expiry).
    expect(md).toContain(
      '| high | `old.env` | [aws-access-key-id](https://github.com/hookguard/hookguard/blob/main/docs/rules/aws-access-key-id.md) | @acme/appsec | **none** | 2024-01-02 | never |',
    );
    expect(md).toContain(`| high | \`keys.env\` | [aws-access-key-id]`);
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

    // An untracked scratch file is not the policy: the document stays current.
    repo.write('src/more.js', `const c = "${fakeGithubToken()}"; // hookguard:allow github-pat generated fixture\n`);
    const scratch = repo.hookguard(['policy', '--check', 'SECURITY-POLICY.md']);
    expect(scratch.code, scratch.stdout).toBe(0);
    // Staged, the new exception makes the committed document stale; --check prints the diff regenerating makes.
    repo.git('add', 'src/more.js');
    const stale = repo.hookguard(['policy', '--check', 'SECURITY-POLICY.md']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(
      /^--- a\/SECURITY-POLICY\.md\n\+\+\+ b\/SECURITY-POLICY\.md\n@@ -\d+,\d+ \+\d+,\d+ @@/,
    );
    expect(stale.stdout).toContain('-### Inline allows and resource suppressions (2)');
    expect(stale.stdout).toContain('+### Inline allows and resource suppressions (3)');
    expect(stale.stdout).toContain('+| `src/more.js:1` | `github-pat` | inline allow | generated fixture |');
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

describe('hookguard policy: a document a security lead can sign (issue 24)', () => {
  const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const snippet = (name: string) => {
    const m = new RegExp(`<!-- snippet: ${name.replace('.', '\\.')} -->\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(
      README,
    );
    if (!m) throw new Error(`README has no snippet ${name}`);
    return m[1]!;
  };

  function signableRepo(): { repo: Repo; token: string } {
    const repo = Repo.init();
    const token = fakeGithubToken();
    repo.write(
      '.hookguard.yaml',
      [
        'failOn: high',
        'owners:',
        '  - owners: ["@acme/appsec"]',
        'escalation:',
        '  contact: "#security-oncall"',
        '  doc: docs/ESCALATION.md',
        'revoked:',
        '  users:',
        '    - bob # left the company 2026-11-30',
        '  keys:',
        `    - SHA256:${'Q'.repeat(43)} # bob's laptop key`,
        'environments:',
        '  dev: [inventories/dev/**]',
        '  prod: [inventories/prod/**]',
        '  expectDifferent:',
        '    - "*_endpoint" # each environment has its own API host',
        '    - "replicas"',
        '',
      ].join('\n'),
    );
    // The README's own hook-manager snippets, and a workflow that blocks at medium.
    repo.write('lefthook.yml', snippet('lefthook.yml'));
    repo.write('.pre-commit-config.yaml', snippet('.pre-commit-config.yaml'));
    repo.write(
      '.github/workflows/security.yml',
      [
        'name: security',
        'on:',
        '  pull_request:',
        '  pull_request_review:',
        'jobs:',
        '  hookguard:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with: { fetch-depth: 0 }',
        '      - uses: hookguard/hookguard@v1',
        '        with:',
        '          fail-on: medium',
        '          sarif-file: hookguard.sarif',
        '',
      ].join('\n'),
    );
    repo.write(
      '.github/workflows/audit.yml',
      'on:\n  schedule:\n    - cron: "0 3 * * 1"\njobs:\n  audit:\n    runs-on: ubuntu-latest\n    continue-on-error: true\n    steps:\n      - run: npx hookguard scan --history --fail-on low\n',
    );
    // Declared encryption at rest.
    repo.write('.gitattributes', 'secrets/** filter=git-crypt diff=git-crypt\n');
    repo.write(
      '.sops.yaml',
      'creation_rules:\n  - path_regex: inventories/prod/.*\\.sops\\.yaml$\n    kms: arn:aws:kms:eu-west-1:111122223333:key/abcd\n',
    );
    repo.write('inventories/prod/group_vars/vault.yml', '$ANSIBLE_VAULT;1.1;AES256\n6162636465666768\n');
    repo.write('inventories/dev/group_vars/all.yml', 'api_endpoint: https://api.dev.example.com\n');
    repo.write('inventories/prod/group_vars/all.yml', 'api_endpoint: https://api.example.com\n');
    // Two accepted findings: a token (high) with a reason and an expiry, and a low one.
    repo.write('src/client.js', `const t = "${token}";\n`);
    repo.commit('init');
    const b = repo.hookguard([
      'baseline',
      '--reason',
      'CI fixture token, revoked at GitHub',
      '--expires',
      '2027-03-31',
    ]);
    expect(b.code, b.stderr).toBe(0);
    repo.commit('baseline');
    return { repo, token };
  }

  it('states each enforcement point with its real threshold, revoked access, environments, encryption at rest and high baseline entries', () => {
    const { repo, token } = signableRepo();
    const r = repo.hookguard(['policy']);
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    // Every hook of the README's lefthook and pre-commit snippets, at the config's threshold.
    for (const hook of ['pre-commit', 'pre-merge-commit', 'pre-push', 'commit-msg']) {
      expect(md).toContain(`| ${hook} | lefthook | \`lefthook.yml\` | \`high\` and above (the config) | — |`);
      expect(md).toContain(
        `| ${hook} | pre-commit framework | \`.pre-commit-config.yaml\` | \`high\` and above (the config) | — |`,
      );
    }
    expect(md).not.toContain('Not set up in the repository');
    // The Action: its triggers, its own threshold (fail-on: medium), what it does with exceptions, its SARIF.
    expect(md).toContain(
      '| pull_request, pull_request_review | GitHub Action | `.github/workflows/security.yml` job `hookguard` | `medium` and above (input `fail-on`) | exceptions a pull request adds: fail the check until an owner approves; SARIF to `hookguard.sarif` |',
    );
    expect(md).toContain(
      '| schedule | CI command | `.github/workflows/audit.yml` job `audit` | `low` and above (`--fail-on` in the command) | `continue-on-error: true`: a failing check does not fail the workflow |',
    );
    expect(md).not.toContain('No pull request gate');
    expect(md).not.toContain('each developer runs');
    // The escalation doc does not exist: said.
    expect(md).toContain('**Warning:** the escalation process `docs/ESCALATION.md` does not exist in the repository');
    // Revoked users and keys, with their reasons.
    expect(md).toContain('| user | `bob` | left the company 2026-11-30 |');
    expect(md).toContain(`| SSH key | \`SHA256:${'Q'.repeat(43)}\` | bob's laptop key |`);
    // Environments and the keys expected to differ, with their reasons (or the lack of one).
    expect(md).toContain('| dev | `inventories/dev/**` |');
    expect(md).toContain('| prod | `inventories/prod/**` |');
    expect(md).toContain('- `*_endpoint`: each environment has its own API host');
    expect(md).toContain('- `replicas` (no reason given)');
    // Encryption at rest.
    expect(md).toContain('- `secrets/**` (`.gitattributes`)');
    expect(md).toContain('- files matching `inventories/prod/.*\\.sops\\.yaml$` → kms (`.sops.yaml`)');
    expect(md).toContain('- `inventories/prod/group_vars/vault.yml`: encrypted file');
    // The accepted token: listed whole (file, rule, owner, reason, date, expiry), never the secret.
    const today = new Date().toISOString().slice(0, 10);
    expect(md).toContain(
      `| high | \`src/client.js\` | [github-pat](https://github.com/hookguard/hookguard/blob/main/docs/rules/github-pat.md) | @acme/appsec | CI fixture token, revoked at GitHub | ${today} | 2027-03-31 |`,
    );
    expect(leaks(md, [token])).toEqual([]);

    // The document holds once the escalation doc is committed.
    repo.commit('escalation', { 'docs/ESCALATION.md': '# Escalation\n' });
    expect(repo.hookguard(['policy']).stdout).not.toContain('does not exist in the repository');
  });

  it('is built from the index: untracked files and unstaged edits do not change it', () => {
    const { repo } = signableRepo();
    expect(repo.hookguard(['policy', '--output', 'POLICY.md']).code).toBe(0);
    repo.commit('policy');
    repo.write('scratch.js', 'const region = "eu-west-1"; // hookguard:allow\n');
    repo.write(
      '.github/workflows/try.yml',
      'on: push\njobs:\n  x:\n    steps:\n      - uses: hookguard/hookguard@v1\n',
    );
    repo.write(
      'lefthook.yml',
      'pre-commit:\n  commands:\n    hookguard:\n      run: npx hookguard scan --staged --fail-on none\n',
    );
    const c = repo.hookguard(['policy', '--check', 'POLICY.md']);
    expect(c.code, c.stdout + c.stderr).toBe(0);
    // An unstaged edit of the config is not the policy either (the committed failOn: high stands).
    repo.write(
      '.hookguard.yaml',
      readFileSync(path.join(repo.dir, '.hookguard.yaml'), 'utf8').replace('failOn: high', 'failOn: none'),
    );
    const cfg = repo.hookguard(['policy', '--check', 'POLICY.md']);
    expect(cfg.code, cfg.stdout).toBe(0);
    // Staging the lefthook edit changes the policy: the hooks then block at nothing, and the diff says so.
    repo.git('add', 'lefthook.yml');
    const s = repo.hookguard(['policy', '--check', 'POLICY.md']);
    expect(s.code).toBe(1);
    expect(s.stdout).toContain('-| pre-commit | lefthook | `lefthook.yml` | `high` and above (the config) | — |');
    expect(s.stdout).toContain(
      '+| pre-commit | lefthook | `lefthook.yml` | nothing (reports only) (`--fail-on` in the command) | — |',
    );
    expect(s.stdout).toContain('-| pre-push | lefthook | `lefthook.yml` | `high` and above (the config) | — |');
  });

  it('with no workflow, says there is no pull request gate and that hooks are per clone', () => {
    const repo = Repo.init();
    repo.commit('empty', { 'README.md': '# x\n' });
    const before = repo.hookguard(['policy']);
    expect(before.stderr).toContain('this clone runs no hookguard hook');
    // Hooks installed in this clone (native, or global): said on stderr, the document stays the repository's.
    expect(repo.hookguard(['init']).code).toBe(0);
    const after = repo.hookguard(['policy']);
    expect(after.stderr).toMatch(
      /this clone runs hookguard at pre-commit, pre-merge-commit, pre-push, commit-msg through \S*\.git\/hooks/,
    );
    expect(after.stdout).toBe(before.stdout);
    const other = Repo.init();
    other.commit('empty', { 'README.md': '# x\n' });
    const g = other.hookguard(['init', '--global']);
    expect(g.code, g.stderr).toBe(0);
    expect(other.hookguard(['policy']).stderr).toMatch(/through global hooks \(core\.hooksPath /);
    const md = after.stdout;
    expect(md).toContain('Nothing in the repository runs hookguard.');
    expect(md).toContain('**No pull request gate:**');
    expect(md).toContain('`hookguard init --global`');
    expect(md).toContain('## Revoked access\n\nNone listed.');
    expect(md).toContain('No encryption at rest is declared');
  });
});

describe("remediation follows the repository's stores", () => {
  it('with git-crypt declared, a provider token is still revoked and kept out; a secret in a git-crypt path is not told to move into one', () => {
    const repo = Repo.init();
    repo.commit('git-crypt', { '.gitattributes': 'secrets/** filter=git-crypt diff=git-crypt\n' });
    const pw = 'Zq8vLm2R' + 't5Kp9Wx3';
    repo.write('app.py', `token = "${fakeGithubToken()}"\n`);
    repo.write('app.env', `DATABASE_URL=postgres://app:${pw}@db.internal:5432/app\n`);
    repo.write('secrets/app.env', `DATABASE_URL=postgres://app:${pw}@db.internal:5432/app\n`);
    repo.git('add', '-A');
    for (const args of [
      ['scan', '--staged'],
      ['scan', '.'],
    ]) {
      const r = repo.json(args);
      const rem = (rule: string, file: string) =>
        (r.report.findings.find((f) => f.ruleId === rule && f.file === file) as { remediation?: string } | undefined)
          ?.remediation;
      expect(rem('github-pat', 'app.py'), args.join(' ')).toMatch(
        /^Revoke the token .*keep it out of the repository\.$/,
      );
      expect(rem('postgres-connection-url', 'app.env'), args.join(' ')).toContain(
        'This repository already uses git-crypt: move it into a path .gitattributes encrypts',
      );
      const crypted = rem('postgres-connection-url', 'secrets/app.env');
      expect(crypted, args.join(' ')).toBeDefined();
      expect(crypted, args.join(' ')).not.toContain('move it into a path');
    }
  });
});

describe('custom secret patterns are rules', () => {
  it('hookguard rules lists them and hookguard explain explains them', () => {
    const repo = Repo.init();
    repo.write(
      '.hookguard.yaml',
      [
        'patterns:',
        '  - id: acme-internal-token',
        '    title: ACME internal token',
        '    severity: high',
        '    keywords: [acmetok_]',
        "    regex: '\\b(acmetok_[a-z0-9]{20})\\b'",
        '    remediation: Revoke it in the ACME console and issue a new one.',
        '    examples:',
        "      match: ['t = acmetok_abcdefghij0123456789']",
        "      nomatch: ['acmetok_short']",
        '',
      ].join('\n'),
    );
    const list = repo.hookguard(['rules']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      /^acme-internal-token\s+high\s+secret\s+ACME internal token \(custom, \.hookguard\.yaml\)$/m,
    );
    expect(list.stdout).toMatch(/rules \(1 custom\)\./);
    const json = JSON.parse(repo.hookguard(['rules', '--format', 'json']).stdout) as Array<Record<string, string>>;
    expect(json.find((r) => r.id === 'acme-internal-token')).toMatchObject({
      category: 'secret',
      source: '.hookguard.yaml',
    });
    const ex = repo.hookguard(['explain', 'ACME-internal-token']);
    expect(ex.code, ex.stderr).toBe(0);
    expect(ex.stdout).toContain('acme-internal-token — ACME internal token');
    expect(ex.stdout).toContain('Fix: Revoke it in the ACME console and issue a new one.');
    expect(ex.stdout).toContain('Defined in: .hookguard.yaml');
    // A finding of it points to explain, which now answers.
    repo.write('a.txt', `t = acmetok_${'k3'.repeat(10)}\n`);
    const scan = repo.json(['scan', 'a.txt']);
    expect(scan.report.findings.map((f) => f.ruleId)).toEqual(['acme-internal-token']);
    // Outside any config, the built-in rules only; a broken config is said, and the built-in rules still listed.
    repo.write('.hookguard.yaml', 'patterns: 3\n');
    const broken = repo.hookguard(['rules']);
    expect(broken.code).toBe(0);
    expect(broken.stderr).toContain('custom patterns and team policies are not listed');
    expect(broken.stdout).toContain('github-pat');
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
