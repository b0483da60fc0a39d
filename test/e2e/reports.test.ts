import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken, fakeAwsKeyId } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo } from '../helpers.js';

afterAll(cleanup);

function repoWithSecrets() {
  const repo = Repo.init();
  const token = fakeGithubToken();
  const key = fakeAwsKeyId();
  repo.write('src/app.js', `// config\nconst t = "${token}";\n`);
  repo.write('docs/notes, with: comma.md', `key: ${key}\n`);
  repo.git('add', '-A');
  return { repo, secrets: [token, key] };
}

describe('report formats', () => {
  it('json follows the contract', () => {
    const { repo, secrets } = repoWithSecrets();
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.version).toBe(1);
    expect(report.tool.name).toBe('hookguard');
    expect(report.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining([
          'ruleId',
          'category',
          'severity',
          'title',
          'message',
          'remediation',
          'file',
          'line',
          'column',
          'endLine',
          'endColumn',
          'match',
          'fingerprint',
        ]),
      );
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(report.summary).toMatchObject({ files: 2, bySeverity: { high: 2 } });
    expect(leaks(JSON.stringify(report), secrets)).toEqual([]);
  });

  it('sarif 2.1.0 lists the rules that have results with security-severity, and results carry partialFingerprints', () => {
    const { repo, secrets } = repoWithSecrets();
    const r = repo.hookguard(['scan', '--staged', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    // Only the rules that have results, each with short help and a link to its full doc (code scanning caps size).
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ruleIds).toEqual(['aws-access-key-id', 'github-pat']);
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(rule.help.text.length).toBeLessThan(1500);
    }
    expect(r.stdout.length).toBeLessThan(20_000);
    for (const rule of run.tool.driver.rules) expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    expect(run.results).toHaveLength(2);
    for (const res of run.results) {
      expect(res.partialFingerprints['hookguard/v1']).toMatch(/^[0-9a-f]{32}$/);
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
    expect(leaks(r.stdout, secrets)).toEqual([]);
  });

  it('github workflow commands are escaped', () => {
    const { repo, secrets } = repoWithSecrets();
    const r = repo.hookguard(['scan', '--staged', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=docs\/notes%2C with%3A comma\.md,line=1,col=6,/);
    expect(lines[1]).toMatch(
      /^::error file=src\/app\.js,line=2,col=12,endLine=2,endColumn=52,title=github-pat%3A GitHub personal access token::/,
    );
    expect(lines[1]).toContain('%0AFix: ');
    expect(leaks(r.stdout, secrets)).toEqual([]);
  });

  it('text report: grouped by file, masked line, fix, totals; no colour when not a TTY or with NO_COLOR', () => {
    const { repo, secrets } = repoWithSecrets();
    const r = repo.hookguard(['scan', '--staged']);
    expect(r.stdout).toMatch(/^docs\/notes, with: comma\.md\n {2}1:6 +high +aws-access-key-id/m);
    expect(r.stdout).toMatch(/│ const t = "ghp_…/);
    expect(r.stdout).toMatch(/fix: Revoke the token/);
    expect(r.stdout).toMatch(/2 findings \(2 high\)/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(leaks(r.stdout + r.stderr, secrets)).toEqual([]);
  });

  it('--output writes the report atomically (no temp files left) and --fail-on sets the threshold', () => {
    const { repo } = repoWithSecrets();
    const out = path.join(repo.home, 'report.json');
    const r = repo.hookguard(['scan', '--staged', '--format', 'json', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).findings).toHaveLength(2);
    expect(readdirSync(repo.home).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(repo.hookguard(['scan', '--staged', '--fail-on', 'critical']).code).toBe(0);
    expect(repo.hookguard(['scan', '--staged', '--fail-on', 'none']).code).toBe(0);
    expect(repo.hookguard(['scan', '--staged', '--fail-on', 'low']).code).toBe(1);
    // A report into a folder that does not exist yet creates it.
    const deep = path.join(repo.home, 'no', 'such', 'dir', 'x.json');
    expect(repo.hookguard(['scan', '--staged', '--format', 'json', '--output', deep]).code).toBe(1);
    expect(JSON.parse(readFileSync(deep, 'utf8')).findings).toHaveLength(2);
  });

  it('bad arguments exit 2 with a message naming the problem', () => {
    const repo = Repo.init();
    const cases: Array<[string[], RegExp]> = [
      [['scan', '--format', 'xml'], /--format must be one of/],
      [['scan', '--fail-on', 'severe'], /--fail-on must be one of/],
      [['scan', '--bogus'], /unknown option --bogus/],
      [['scan', '--staged', '--history'], /choose one of/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['explain', 'no-such-rule'], /no rule "no-such-rule"/],
      [['scan', 'does/not/exist'], /path does\/not\/exist does not exist/],
      [['scan', '--config', 'missing.yaml'], /config file missing.yaml does not exist/],
    ];
    for (const [args, re] of cases) {
      const r = repo.hookguard(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(re);
    }
  });

  it('rules lists every rule and explain prints what, why and fix', () => {
    const repo = Repo.init();
    const list = repo.hookguard(['rules']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/github-pat\s+high\s+secret/);
    const ex = repo.hookguard(['explain', 'github-pat']);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toMatch(/^github-pat — GitHub personal access token/);
    expect(ex.stdout).toMatch(/Why:/);
    expect(ex.stdout).toMatch(/Fix:/);
  });
});
