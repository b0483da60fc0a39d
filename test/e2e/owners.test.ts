/** Owners and escalation through the real CLI: config `owners`, CODEOWNERS (index version when staged), reports. */
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo } from '../helpers.js';

afterAll(cleanup);

const tokenLine = (t: string) => `const token = "${t}";\n`;

describe('owners', () => {
  it('config owners: last match wins by path and rule; JSON, SARIF and text carry them; escalation once at the end', () => {
    const repo = Repo.init();
    const secrets = [fakeGithubToken(), fakeGithubToken()];
    repo.write(
      '.hookguard.yaml',
      [
        'owners:',
        '  - owners: ["@acme/appsec"]',
        '  - paths: [services/]',
        '    rules: [secret]',
        '    owners: ["@acme/services", "lead@example.com"]',
        '  - paths: ["services/legacy/*"]',
        '    owners: []',
        'escalation:',
        '  contact: "#security-oncall"',
        '  doc: SECURITY.md',
        '',
      ].join('\n'),
    );
    repo.write('app.js', tokenLine(secrets[0]!));
    repo.write('services/api/app.js', tokenLine(secrets[1]!));
    repo.write('services/legacy/old.js', tokenLine(fakeGithubToken()));
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    const owners = Object.fromEntries(
      report.findings.map((f) => [f.file, (f as unknown as { owners: string[] }).owners]),
    );
    expect(owners).toEqual({
      'app.js': ['@acme/appsec'],
      'services/api/app.js': ['@acme/services', 'lead@example.com'],
      'services/legacy/old.js': [],
    });
    const full = report as unknown as { ownersFrom: string; escalation: unknown };
    expect(full.ownersFrom).toBe('config');
    expect(full.escalation).toEqual({ contact: '#security-oncall', doc: 'SECURITY.md' });

    const sarif = JSON.parse(repo.hookguard(['scan', '--staged', '--format', 'sarif']).stdout) as {
      runs: Array<{ results: Array<{ properties: { owners?: string[] } }> }>;
    };
    expect(sarif.runs[0]!.results.map((r) => r.properties.owners)).toEqual([
      ['@acme/appsec'],
      ['@acme/services', 'lead@example.com'],
      [],
    ]);

    const text = repo.hookguard(['scan', '--staged']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('owners: @acme/services, lead@example.com');
    expect(text.stdout).toContain('owners: @acme/appsec');
    const esc = text.stdout.match(/Escalate to #security-oncall · see SECURITY\.md/g) ?? [];
    expect(esc).toHaveLength(1);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(/Escalate to #security-oncall/);
    expect(leaks(text.stdout, secrets)).toEqual([]);
  });

  it('not blocking: no owner line and no escalation line', () => {
    const repo = Repo.init();
    repo.write(
      '.hookguard.yaml',
      'owners:\n  - owners: ["@acme/appsec"]\nescalation:\n  contact: oncall@example.com\n',
    );
    repo.write('app.js', tokenLine(fakeGithubToken()));
    repo.git('add', '-A');
    const r = repo.hookguard(['scan', '--staged', '--fail-on', 'critical']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('github-pat');
    expect(r.stdout).not.toContain('owners:');
    expect(r.stdout).not.toContain('Escalate');
  });

  it('CODEOWNERS: .github/ before the root, GitHub semantics, and the staged (index) version when --staged', () => {
    const repo = Repo.init();
    repo.write('CODEOWNERS', '* @root-file-is-not-used\n');
    repo.write('.github/CODEOWNERS', '* @acme/all\n/infra/ @acme/platform\n/infra/legacy/\n');
    repo.write('infra/app.js', tokenLine(fakeGithubToken()));
    repo.write('infra/legacy/app.js', tokenLine(fakeGithubToken()));
    repo.write('app.js', tokenLine(fakeGithubToken()));
    repo.git('add', '-A');
    // The work tree's CODEOWNERS differs from the staged one: a hook judges what is committed.
    repo.write('.github/CODEOWNERS', '* @unstaged-edit\n');
    const { report } = repo.json(['scan', '--staged']);
    const owners = (file: string) =>
      (report.findings.find((f) => f.file === file) as unknown as { owners: string[] }).owners;
    expect(owners('app.js')).toEqual(['@acme/all']);
    expect(owners('infra/app.js')).toEqual(['@acme/platform']);
    expect(owners('infra/legacy/app.js')).toEqual([]);
    expect((report as unknown as { ownersFrom: string }).ownersFrom).toBe('.github/CODEOWNERS');

    // A scan of the tree reads the work tree's file.
    const disk = repo.json(['scan', '.']);
    expect(
      disk.report.findings
        .map((f) => (f as unknown as { owners: string[] }).owners)
        .every((o) => o[0] === '@unstaged-edit'),
    ).toBe(true);
  });

  it('CODEOWNERS in docs/ when there is none elsewhere; config owners replace CODEOWNERS; no ownership → no field', () => {
    const repo = Repo.init();
    repo.write('docs/CODEOWNERS', '*.js @acme/js\n');
    repo.write('a.js', tokenLine(fakeGithubToken()));
    repo.git('add', '-A');
    const r1 = repo.json(['scan', '--staged']);
    expect((r1.report.findings[0] as unknown as { owners: string[] }).owners).toEqual(['@acme/js']);

    repo.write('.hookguard.yaml', 'owners:\n  - paths: ["*.js"]\n    owners: ["@from-config"]\n');
    repo.git('add', '-A');
    const r2 = repo.json(['scan', '--staged']);
    expect((r2.report.findings[0] as unknown as { owners: string[] }).owners).toEqual(['@from-config']);

    const bare = Repo.init();
    bare.write('a.js', tokenLine(fakeGithubToken()));
    bare.git('add', '-A');
    const r3 = bare.json(['scan', '--staged']);
    expect(r3.report.findings).toHaveLength(1);
    expect('owners' in r3.report.findings[0]!).toBe(false);
  });

  it('a CODEOWNERS line GitHub would reject is reported by file:line, the rest applies', () => {
    const repo = Repo.init();
    repo.write('CODEOWNERS', '* @acme/all\n!keep.js @nobody\n');
    repo.write('a.js', tokenLine(fakeGithubToken()));
    repo.git('add', '-A');
    const { report } = repo.json(['scan', '--staged']);
    expect((report.findings[0] as unknown as { owners: string[] }).owners).toEqual(['@acme/all']);
    expect(report.errors).toEqual([expect.objectContaining({ file: 'CODEOWNERS', line: 2 })]);
  });

  it('invalid owners/escalation/revoked config: exit 2, every problem with file:line', () => {
    const repo = Repo.init();
    repo.write(
      '.hookguard.yaml',
      [
        'owners:',
        '  - paths: [src/]',
        '    owners: [not an owner]',
        '  - rules: [NOPE-*, github-pat, secret, bogus]',
        '    owners: ["@a"]',
        '  - paths: ["!x"]',
        '    team: ["@b"]',
        'escalation:',
        '  phone: 123',
        'revoked:',
        '  keys: ["SHA256:short"]',
        '',
      ].join('\n'),
    );
    const r = repo.hookguard(['scan', '.']);
    expect(r.code).toBe(2);
    for (const want of [
      /\.hookguard\.yaml:3: owners\[0\]\.owners: "not an owner" is not @user/,
      /\.hookguard\.yaml:4: owners: rule glob "NOPE-\*" matches no rule/,
      /\.hookguard\.yaml:4: owners: "bogus" is neither a rule id nor a category/,
      /\.hookguard\.yaml:6: owners\[2\]\.paths: "!x": negation/,
      /\.hookguard\.yaml:7: owners\[2\]: unknown key "team"/,
      /\.hookguard\.yaml:9: escalation: unknown key "phone"/,
      /\.hookguard\.yaml:11: revoked\.keys: "SHA256:short" is not a SHA256 fingerprint/,
    ])
      expect(r.stderr).toMatch(want);
    expect(r.stderr).not.toMatch(/github-pat/);
  });
});
