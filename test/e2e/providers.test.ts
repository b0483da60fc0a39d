/**
 * Custom providers (issue 26, item 3; git-secrets' --add-provider): config `providers:` commands (argv, no shell)
 * whose output lines are prohibited patterns or values; a failing provider is reported once and blocks nothing.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, leaks, Repo } from '../helpers.js';

afterAll(cleanup);

/** A provider: node printing `lines` (or doing `js`), as a YAML flow list. */
function nodeCommand(js: string): string {
  return JSON.stringify([process.execPath, '-e', js]);
}
const printing = (lines: string[]) => nodeCommand(`console.log(${JSON.stringify(lines.join('\n'))})`);

describe('providers', () => {
  it("a provider's patterns are enforced at commit; its values too, in every mode", () => {
    const repo = Repo.init();
    const code = `ACME` + `-INT-${randomBytes(3).toString('hex').toUpperCase()}`;
    const value = `teal-${randomBytes(6).toString('hex')}-lamp`;
    repo.write(
      '.hookguard.yaml',
      `providers:\n  - name: acme\n    command: ${printing(['# internal ids', 'ACME-INT-[0-9A-F]{6}'])}\n  - name: vault\n    command: ${nodeCommand('console.log(process.env.TEAM_DENYLIST)')}\n    output: values\n    timeout: 10\n`,
    );
    repo.write('a.txt', `id = ${code}\n`);
    repo.write('b.txt', `x = ${value}\n`);
    repo.git('add', '.');
    const env = { TEAM_DENYLIST: value };
    const r = repo.json(['scan', '--staged'], { env: { ...env, CI: 'true' } });
    expect(r.code).toBe(1);
    const byFile = Object.fromEntries(r.report.findings.map((f) => [f.file, f]));
    expect(byFile['a.txt']).toMatchObject({ ruleId: 'provider-acme-1', line: 1 });
    expect(byFile['b.txt']).toMatchObject({ ruleId: 'OWN-001', message: expect.stringContaining('provider vault') });
    expect(r.report.errors).toEqual([]);
    expect(leaks(JSON.stringify(r.report) + r.stderr, [value])).toEqual([]);
    // The same in a history audit, and an inline allow names the provider's rule.
    repo.write('a.txt', `id = ${code} # hookguard:allow provider-acme-1 known test id\n`);
    repo.git('add', '.');
    const allowed = repo.json(['scan', '--staged'], { env });
    expect(allowed.report.suppressed).toEqual([expect.objectContaining({ ruleId: 'provider-acme-1', by: 'inline' })]);
    repo.git('commit', '-q', '--no-verify', '-m', 'x');
    expect(repo.json(['scan', '--history'], { env }).report.findings.map((f) => f.file)).toEqual(['b.txt']);
  });

  it('a failing provider is reported once per run, by name, and does not block; the others still work', () => {
    const repo = Repo.init();
    repo.write(
      '.hookguard.yaml',
      [
        'providers:',
        `  - name: broken`,
        `    command: ${nodeCommand('process.stderr.write("vault sealed\\n"); process.exit(3)')}`,
        `  - name: slow`,
        `    command: ${nodeCommand('setTimeout(() => {}, 20000)')}`,
        `    timeout: 0.5`,
        `  - name: missing`,
        `    command: [hookguard-no-such-provider-cmd]`,
        `  - name: badregex`,
        `    command: ${printing(['(unclosed'])}`,
        `  - name: ok`,
        `    command: ${printing(['FORBIDDEN-[0-9]{4}'])}`,
        '',
      ].join('\n'),
    );
    repo.write('clean.txt', 'hello\n');
    repo.git('add', '.');
    const clean = repo.hookguard(['scan', '--staged']);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    const said = clean.stdout + clean.stderr;
    expect(said.match(/provider "broken"/g)).toHaveLength(1);
    expect(said).toMatch(/provider "broken" .* exited with 3: vault sealed/);
    expect(said).toMatch(/provider "slow" .* timed out after 0\.5 s/);
    expect(said).toMatch(/provider "missing" .*command not found: hookguard-no-such-provider-cmd/);
    expect(said).toMatch(/provider "badregex": pattern on output line 1 was not used/);
    repo.write('bad.txt', 'x FORBIDDEN-2024\n');
    repo.git('add', '.');
    const blocked = repo.json(['scan', '--staged']);
    expect(blocked.code).toBe(1);
    expect(blocked.report.findings.map((f) => f.ruleId)).toEqual(['provider-ok-1']);
    expect(blocked.report.errors.map((e) => e.file)).toEqual(Array(4).fill('.hookguard.yaml'));
  });

  it('a bad providers config exits 2 with the reason', () => {
    const repo = Repo.init();
    repo.write('m', 'x\n');
    for (const [cfg, why] of [
      ['providers:\n  - name: Bad Name\n    command: [x]\n', /providers\[0\]\.name must be kebab-case/],
      ['providers:\n  - name: a\n    command: []\n', /providers\[0\]\.command must be a non-empty list/],
      [
        'providers:\n  - name: a\n    command: [x]\n    output: lines\n',
        /providers\[0\]\.output must be values or patterns/,
      ],
      ['providers:\n  - name: a\n    command: [x]\n    timeout: -1\n', /providers\[0\]\.timeout must be a number/],
    ] as const) {
      repo.write('.hookguard.yaml', cfg);
      const r = repo.hookguard(['scan', '--commit-msg', 'm']);
      expect(r.code, cfg).toBe(2);
      expect(r.stderr).toMatch(why);
    }
  });
});
