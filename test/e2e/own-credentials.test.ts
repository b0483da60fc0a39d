/**
 * Your own credentials by exact value (issue 26, item 2): read from a temporary HOME's credential files at scan time,
 * found in staged files, pushed commits and commit messages where no pattern would find them, never printed or
 * stored; on in hooks, off in CI unless configured.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, leaks, Repo, SHARED_CACHE } from '../helpers.js';

afterAll(cleanup);

/** A repository whose scans run as on a developer's machine: CI unset (own credentials are off in CI). */
function devRepo(): Repo {
  const repo = Repo.init();
  delete repo.env.CI;
  delete repo.env.GITHUB_ACTIONS;
  return repo;
}

/** A credential with no recognisable shape: words and a random part, nothing a pattern looks for. */
function shapeless(): string {
  return `plum-river-${randomBytes(6).toString('hex')}-stone`;
}

function put(home: string, rel: string, text: string): void {
  const p = path.join(home, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}

/** Every file under a directory, read (to check no value was written anywhere). */
function allText(dir: string): string {
  let out = '';
  const walk = (d: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = path.join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.size < 50_000_000) out += readFileSync(p).toString('latin1');
    }
  };
  walk(dir);
  return out;
}

interface F {
  ruleId: string;
  file: string | null;
  message: string;
  match?: string;
  snippet?: string;
  in?: string;
}

function staged(repo: Repo, env: NodeJS.ProcessEnv = {}) {
  const r = repo.hookguard(['scan', '--staged', '--format', 'json'], { env });
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: F[] }).findings, raw: r.stdout + r.stderr };
}

describe('own credentials by value', () => {
  it('a value from ~/.aws/credentials blocks a commit where no pattern finds it; the value is never printed', () => {
    const repo = devRepo();
    const secret = shapeless();
    put(
      repo.home,
      '.aws/credentials',
      `[default]\nregion = eu-west-1\n\n[profile prod]\naws_secret_access_key = ${secret}\n`,
    );
    repo.write('src/app.js', `const label = "${secret}";\nmodule.exports = label;\n`);
    repo.git('add', '.');
    // In CI (off by default) nothing finds it: no pattern knows this shape.
    expect(staged(repo, { CI: 'true' }).findings).toEqual([]);
    const r = staged(repo);
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ ruleId: 'OWN-001', file: 'src/app.js', line: 1 })]);
    expect(r.findings[0]!.message).toContain(
      'your own credential from ~/.aws/credentials (profile prod'.replace('your', 'Your'),
    );
    expect(r.findings[0]!.match).toBeUndefined();
    const text = repo.hookguard(['scan', '--staged']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('«your credential»');
    expect(leaks(r.raw + text.stdout + text.stderr, [secret])).toEqual([]);
    // Nothing keeps it: not the code cache, not the repository's .git.
    expect(leaks(allText(SHARED_CACHE) + allText(path.join(repo.dir, '.git', 'hookguard')), [secret])).toEqual([]);
  });

  it('AWS_SHARED_CREDENTIALS_FILE, and the usual encodings: base64, URL-encoded in a URL, user:password base64', () => {
    const repo = devRepo();
    const aws = shapeless();
    const pass = shapeless() + '/+=';
    const alt = path.join(repo.home, 'elsewhere', 'creds');
    put(repo.home, 'elsewhere/creds', `[ci]\naws_session_token = ${aws}\n`);
    put(repo.home, '.git-credentials', `https://me:${encodeURIComponent(pass)}@git.example.test\n`);
    repo.write('a.txt', `blob: ${Buffer.from(aws).toString('base64')}\n`);
    repo.write('b.txt', `remote: https://deploy:${encodeURIComponent(pass)}@mirror.example.test/x.git\n`);
    repo.write('c.txt', `Authorization: Basic ${Buffer.from(`me:${pass}`).toString('base64')}\n`);
    repo.git('add', '.');
    const r = staged(repo, { AWS_SHARED_CREDENTIALS_FILE: alt });
    expect(r.code).toBe(1);
    const own = r.findings.filter((f) => f.ruleId === 'OWN-001');
    expect(own.map((f) => f.file).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(own.find((f) => f.file === 'a.txt')!.message).toMatch(
      /elsewhere\/creds \(profile ci, aws_session_token\) \(base64\)/,
    );
    expect(own.find((f) => f.file === 'b.txt')!.message).toMatch(/~\/\.git-credentials .*URL-encoded/);
    expect(own.find((f) => f.file === 'c.txt')!.message).toMatch(/base64 of user:password/);
    expect(leaks(r.raw, [aws, pass, encodeURIComponent(pass)])).toEqual([]);
  });

  it('npm, docker, gh, netrc, pypirc and kubeconfig values; configured files and environment variables', () => {
    const repo = devRepo();
    const v = Array.from({ length: 8 }, shapeless);
    put(repo.home, '.npmrc', `//npm.example.test/:_authToken=${v[0]}\n`);
    put(
      repo.home,
      '.docker/config.json',
      JSON.stringify({ auths: { 'reg.example.test': { auth: Buffer.from(`me:${v[1]}`).toString('base64') } } }),
    );
    put(repo.home, '.config/gh/hosts.yml', `github.com:\n    oauth_token: ${v[2]}\n    user: me\n`);
    put(repo.home, '.netrc', `machine api.example.test login me password ${v[3]}\n`);
    put(repo.home, '.pypirc', `[pypi]\nusername = __token__\npassword = ${v[4]}\n`);
    put(repo.home, '.kube/config', `users:\n- name: dev\n  user:\n    token: ${v[5]}\n`);
    put(repo.home, 'team/secrets.env', `# ours\nINTERNAL_KEY=${v[6]}\n`);
    repo.write('.hookguard.yaml', 'ownCredentials:\n  files: [~/team/secrets.env]\n  env: [MY_SERVICE_TOKEN]\n');
    v.forEach((x, i) => repo.write(`f${i}.txt`, `value = ${x}\n`));
    repo.git('add', '.');
    const r = staged(repo, { MY_SERVICE_TOKEN: v[7] });
    const own = r.findings.filter((f) => f.ruleId === 'OWN-001');
    expect(own.map((f) => f.file).sort()).toEqual(v.map((_, i) => `f${i}.txt`));
    const msg = (i: number) => own.find((f) => f.file === `f${i}.txt`)!.message;
    expect(msg(0)).toContain('~/.npmrc (_authToken');
    expect(msg(1)).toContain('~/.docker/config.json (auths reg.example.test');
    expect(msg(2)).toContain('~/.config/gh/hosts.yml (github.com, oauth_token)');
    expect(msg(3)).toContain('~/.netrc (machine api.example.test)');
    expect(msg(4)).toContain('~/.pypirc (pypi)');
    expect(msg(5)).toContain('~/.kube/config (dev, token)');
    expect(msg(6)).toContain('~/team/secrets.env (INTERNAL_KEY)');
    expect(msg(7)).toContain('environment variable MY_SERVICE_TOKEN');
    expect(leaks(r.raw, v)).toEqual([]);
  });

  it('on in the commit-msg and pre-push hooks; off in CI and in other scans unless configured; an allow works', () => {
    const repo = devRepo();
    const secret = shapeless();
    put(repo.home, '.aws/credentials', `[default]\naws_secret_access_key = ${secret}\n`);
    repo.write('m', `Use ${secret} for now\n`);
    const msg = repo.hookguard(['scan', '--commit-msg', 'm', '--format', 'json']);
    expect(msg.code).toBe(1);
    expect(JSON.parse(msg.stdout).findings).toEqual([
      expect.objectContaining({ ruleId: 'OWN-001', file: null, in: 'message' }),
    ]);
    expect(repo.hookguard(['scan', '--commit-msg', 'm'], { env: { CI: '1' } }).code).toBe(0);

    const base = repo.commit('init', { 'README.md': '# x\n' });
    const head = repo.commit('add', { 'cfg.txt': `k = ${secret}\n` });
    const zero = '0'.repeat(40);
    const push = repo.hookguard(['scan', '--pre-push', 'origin'], {
      input: `refs/heads/main ${head} refs/heads/main ${zero}\n`,
    });
    expect(push.code).toBe(1);
    expect(push.stdout).toContain('OWN-001');
    // Other scans: off unless configured, and then on even in CI.
    expect(repo.hookguard(['scan', '--diff', `${base}..HEAD`]).code).toBe(0);
    repo.write('.hookguard.yaml', 'ownCredentials: true\n');
    expect(repo.hookguard(['scan', '--diff', `${base}..HEAD`], { env: { CI: 'true' } }).code).toBe(1);
    // Turned off in the config: hooks do not look either.
    repo.write('.hookguard.yaml', 'ownCredentials:\n  enabled: false\n');
    expect(repo.hookguard(['scan', '--commit-msg', 'm']).code).toBe(0);
    repo.write('.hookguard.yaml', '');
    // An inline allow names the rule.
    repo.write('n', `Use ${secret} for now hookguard:allow OWN-001 shared test account\n`);
    const allowed = repo.json(['scan', '--commit-msg', 'n']);
    expect(allowed.code).toBe(0);
    expect(allowed.report.suppressed).toEqual([expect.objectContaining({ ruleId: 'OWN-001', by: 'inline' })]);
    expect(leaks(msg.stdout + push.stdout + push.stderr + JSON.stringify(allowed.report), [secret])).toEqual([]);
  });

  it('worker threads look for them too (a history audit with ownCredentials: true)', () => {
    const repo = devRepo();
    const secret = shapeless();
    put(repo.home, '.aws/credentials', `[default]\naws_secret_access_key = ${secret}\n`);
    repo.write('.hookguard.yaml', 'ownCredentials: true\n');
    for (let i = 0; i < 6; i++) repo.commit(`c${i}`, { [`f${i}.txt`]: i === 3 ? `k = ${secret}\n` : `n = ${i}\n` });
    for (const workers of ['0', '2']) {
      const r = repo.hookguard(['scan', '--history', '--format', 'json'], {
        env: { HOOKGUARD_WORKERS: workers, DEBUG: 'hookguard:*' },
      });
      expect(r.code, workers).toBe(1);
      if (workers === '2') expect(r.stderr).toMatch(/commits scanned on 2 worker threads/);
      const found = (JSON.parse(r.stdout) as { findings: F[] }).findings;
      expect(found.map((f) => [f.ruleId, f.file])).toEqual([['OWN-001', 'f3.txt']]);
      expect(leaks(r.stdout + r.stderr, [secret])).toEqual([]);
    }
  });

  it('a bad ownCredentials config exits 2 naming the key', () => {
    const repo = devRepo();
    repo.write('.hookguard.yaml', 'ownCredentials:\n  enabled: sometimes\n');
    repo.write('m', 'x\n');
    const r = repo.hookguard(['scan', '--commit-msg', 'm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ownCredentials\.enabled must be true or false/);
  });
});
