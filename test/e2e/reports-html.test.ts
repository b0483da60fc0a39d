/// <reference lib="dom" />
/**
 * Reports people read (issue 29): the HTML audit report opened in a real browser (Debian's chromium, driven by
 * puppeteer-core), the Markdown report, and the CI formats (JUnit XML, GitLab secret detection / SAST, Code Quality)
 * checked against what those systems read. Every output is checked for the secret, whole.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAwsKeyId, fakeAwsSecret, fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo, ROOT } from '../helpers.js';

afterAll(cleanup);

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** A repository with a history: findings introduced by two authors over two months, owners, an accepted exception. */
function auditRepo() {
  const repo = Repo.init();
  const token = fakeGithubToken();
  const other = fakeGithubToken();
  repo.commit('init', {
    'README.md': '# app\n',
    '.hookguard.yaml':
      'owners:\n  - paths: ["infra/**"]\n    owners: ["@acme/platform"]\n  - paths: ["app/**"]\n    owners: ["@acme/web"]\n',
    'inventories/dev/group_vars/all.yml': 'api_url: https://dev.example.test\nvalidate_certs: true\n',
    'inventories/prod/group_vars/all.yml': 'api_url: https://prod.example.test\nvalidate_certs: false\n',
  });
  const env = (date: string, name: string) => ({
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_AUTHOR_NAME: name,
  });
  repo.write('app/config.env', `GITHUB_TOKEN=${token}\n`);
  repo.git('add', '-A');
  repo.gitIn({ env: env('2026-03-04T10:00:00Z', 'Dana Dev') }, 'commit', '-q', '--no-verify', '-m', 'config');
  repo.write(
    'infra/sg.yaml',
    `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: ssh\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n`,
  );
  repo.write(
    'app/legacy.env',
    `OLD_TOKEN=${other} # hookguard:allow github-pat rotated in 2025, kept for a replay test\n`,
  );
  repo.git('add', '-A');
  repo.gitIn({ env: env('2026-05-20T10:00:00Z', 'Sam Ops') }, 'commit', '-q', '--no-verify', '-m', 'infra');
  return { repo, secrets: [token, other] };
}

describe('the HTML audit report', () => {
  it.runIf(CHROMIUM !== undefined || process.env.CI)(
    'opens in Chromium with no console errors, draws its charts, filters by severity and owner, masks every secret',
    async () => {
      const { repo, secrets } = auditRepo();
      const out = path.join(repo.home, 'audit.html');
      const r = repo.hookguard(['scan', '--history', '--format', 'html', '--output', out]);
      expect(r.code, r.stderr).toBe(1);
      const html = readFileSync(out, 'utf8');
      expect(leaks(html, secrets)).toEqual([]);
      // Self-contained: nothing fetched, no script, and a CSP that allows exactly its own style block.
      expect(html).not.toMatch(/<script|<link|https?:\/\/[^"]*\.(?:js|css|woff2?)/);
      expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/);
      // Saved JSON renders the same report.
      const json = path.join(repo.home, 'audit.json');
      expect(repo.hookguard(['scan', '--history', '--format', 'json', '--output', json]).code).toBe(1);
      const again = repo.hookguard(['report', json, '--output', path.join(repo.home, 'again.html')]);
      expect(again.code, again.stderr).toBe(0);
      expect(readFileSync(path.join(repo.home, 'again.html'), 'utf8')).toContain('Commits that introduced findings');

      const puppeteer = (await import('puppeteer-core')).default;
      const browser = await puppeteer.launch({
        executablePath: CHROMIUM!,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warn') problems.push(m.text());
        });
        page.on('pageerror', (e) => problems.push(String(e)));
        page.on('request', (req) => {
          if (!req.url().startsWith('file:')) problems.push(`request: ${req.url()}`);
        });
        await page.setViewport({ width: 1200, height: 900 });
        await page.goto(`file://${out}`, { waitUntil: 'load' });
        expect(problems).toEqual([]);
        // The style block applied (the CSP hash matches): the cards are laid out side by side.
        const cardDisplay = await page.$eval('.cards', (e) => getComputedStyle(e).display);
        expect(cardDisplay).toBe('flex');
        // Charts: SVGs with sized bars, and the timeline's two months.
        const bars = await page.$$eval('#totals svg rect', (els) =>
          els.map((e) => e.getBBox().width).filter((w) => w > 0),
        );
        expect(bars.length).toBeGreaterThanOrEqual(3);
        const months = await page.$$eval('#timeline svg text', (els) => els.map((e) => e.textContent));
        expect(months).toEqual(expect.arrayContaining(['2026-03', '2026-05']));
        const authors = await page.$eval('#timeline table', (e) => e.textContent ?? '');
        expect(authors).toContain('Dana Dev');
        expect(authors).toContain('Sam Ops');
        // Accepted exceptions with their reason; the environment parity matrix.
        expect(await page.$eval('#exceptions', (e) => e.textContent ?? '')).toContain('rotated in 2025');
        expect(await page.$eval('#parity', (e) => e.textContent ?? '')).toContain('validate_certs');

        const visible = () =>
          page.$$eval('li.finding', (els) =>
            els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.className),
          );
        const all = await visible();
        expect(all.length).toBeGreaterThanOrEqual(3);
        // Filter by severity: the first severity present.
        const sev = await page.$eval('input[name=sev]:not(#sev-all)', (e) => e.id);
        await page.click(`label[for=${sev}]`);
        const some = await visible();
        expect(some.length).toBeGreaterThan(0);
        expect(some.every((c) => c.includes(sev))).toBe(true);
        expect(some.length).toBeLessThan(all.length);
        // With the keyboard: the radio group moves with the arrow keys.
        await page.focus(`#${sev}`);
        await page.keyboard.press('ArrowRight');
        const next = await page.$eval('input[name=sev]:checked', (e) => e.id);
        expect(next).not.toBe(sev);
        // Back to all, then filter by owner.
        await page.click('label[for=sev-all]');
        const ownerLabel = await page.$$eval('.filters label', (els) =>
          els.filter((e) => e.textContent === '@acme/platform').map((e) => e.getAttribute('for')),
        );
        expect(ownerLabel).toHaveLength(1);
        await page.click(`label[for=${ownerLabel[0]}]`);
        const platform = await page.$$eval('li.finding', (els) =>
          els
            .filter((e) => (e as HTMLElement).offsetParent !== null)
            .map((e) => e.querySelector('.where')?.textContent ?? ''),
        );
        expect(platform.length).toBeGreaterThan(0);
        expect(platform.every((w) => w.includes('infra/'))).toBe(true);
        // Dark mode follows the reader's setting.
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
        const bg = await page.$eval('body', (e) => getComputedStyle(e).backgroundColor);
        expect(bg).toBe('rgb(22, 23, 26)');
        const shot = path.join(repo.home, 'report.png');
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
        await page.click('label[for=own-all]');
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: shot, fullPage: false });
        expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
        // The README's screenshot comes from this test: HOOKGUARD_DOCS_SCREENSHOT=1 refreshes docs/report.png.
        if (process.env.HOOKGUARD_DOCS_SCREENSHOT === '1')
          writeFileSync(path.join(ROOT, 'docs', 'report.png'), readFileSync(shot));
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});

describe('Markdown and CI formats', () => {
  it('markdown, JUnit, GitLab secret detection / SAST and Code Quality: valid, complete, masked', () => {
    const { repo, secrets } = auditRepo();
    const aws = { id: fakeAwsKeyId(), secret: fakeAwsSecret() };
    repo.commit('aws', {
      'deploy.sh': `export AWS_ACCESS_KEY_ID=${aws.id}\nexport AWS_SECRET_ACCESS_KEY=${aws.secret}\n`,
    });
    secrets.push(aws.secret);
    const run = (format: string) => {
      const r = repo.hookguard(['scan', '--history', '--format', format]);
      expect(r.code, r.stderr).toBe(1);
      expect(leaks(r.stdout + r.stderr, secrets)).toEqual([]);
      return r.stdout;
    };
    const md = run('markdown');
    expect(md).toMatch(/^# hookguard report: /);
    expect(md).toContain('## Accepted exceptions');
    expect(md).toContain('| github-pat |');

    // JUnit: well-formed XML (xmllint, when the machine has it), one failing case per blocking finding.
    const junit = run('junit');
    expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    const lint = spawnSync('xmllint', ['--noout', '-'], { input: junit, encoding: 'utf8' });
    if (lint.error === undefined) expect(lint.status, lint.stderr).toBe(0);
    const failures = Number(/<testsuites [^>]*failures="(\d+)"/.exec(junit)![1]);
    expect(failures).toBe((junit.match(/<failure /g) ?? []).length);
    expect(failures).toBeGreaterThanOrEqual(3);

    // GitLab secret detection: the report's required fields (schema 15.0.x), secrets only; SAST: the IaC findings.
    const gl = JSON.parse(run('gitlab-secrets')) as {
      version: string;
      vulnerabilities: Array<
        Record<string, unknown> & {
          location: { file: string; start_line: number; commit: { sha: string } };
          identifiers: unknown[];
          id: string;
          severity: string;
        }
      >;
      scan: Record<string, unknown>;
    };
    expect(gl.version).toMatch(/^15\.0\.\d+$/);
    expect(gl.vulnerabilities.length).toBeGreaterThanOrEqual(2);
    for (const v of gl.vulnerabilities) {
      expect(v.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(v.category).toBe('secret_detection');
      expect(['Critical', 'High', 'Medium', 'Low', 'Info', 'Unknown']).toContain(v.severity);
      expect(v.identifiers.length).toBeGreaterThan(0);
      expect(v.location.commit.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(v.location.start_line).toBeGreaterThan(0);
    }
    expect(new Set(gl.vulnerabilities.map((v) => v.id)).size).toBe(gl.vulnerabilities.length);
    for (const k of ['analyzer', 'scanner', 'type', 'start_time', 'end_time', 'status'])
      expect(gl.scan).toHaveProperty(k);
    expect(gl.scan.start_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const sast = JSON.parse(run('gitlab-sast')) as { vulnerabilities: Array<{ location: { file: string } }> };
    expect(sast.vulnerabilities.map((v) => v.location.file)).toContain('infra/sg.yaml');

    // Code Quality: an array of issues with the fields GitLab reads.
    const cq = JSON.parse(run('codequality')) as Array<
      Record<string, unknown> & { location: { path: string; lines: { begin: number } } }
    >;
    expect(cq.length).toBeGreaterThanOrEqual(3);
    for (const i of cq) {
      expect(typeof i.description).toBe('string');
      expect(typeof i.check_name).toBe('string');
      expect(i.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(i.location.lines.begin).toBeGreaterThan(0);
    }
    expect(new Set(cq.map((i) => i.fingerprint)).size).toBe(cq.length);

    // A saved report that is not one: exit 2, named.
    const bad = path.join(repo.home, 'bad.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = repo.hookguard(['report', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a hookguard JSON report');
    expect(repo.hookguard(['report', bad, '--format', 'pdf']).code).toBe(2);
  });
});
