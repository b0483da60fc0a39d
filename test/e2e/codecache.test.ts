// The CLI's V8 code cache (src/cli/boot.ts): written after a run, used by the next, and never a reason to fail.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, Repo, ROOT, sshTemplate, tempDir } from '../helpers.js';
import { compareText } from '../../src/types.js';
import { profileOf } from '../../src/cli/boot.js';

afterAll(cleanup);

const TEMPLATE = sshTemplate();

/** A copy of the package (bin + lib), so a test can make lib/ unwritable or change a bundle. */
function packageCopy(): string {
  const dir = path.join(tempDir('hg-pkg-'), 'pkg');
  mkdirSync(dir);
  cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  cpSync(path.join(ROOT, 'lib'), path.join(dir, 'lib'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}

function stagedRepo(): Repo {
  const repo = Repo.init();
  repo.commit('init', { 'README.md': 'hello\n' });
  repo.write('infra/web.yaml', TEMPLATE);
  repo.write('src/app.js', 'export const x = 1;\n');
  repo.git('add', '-A');
  return repo;
}

/** Run a package's CLI in the repo with its own cache directory; returns the report and the cache states. */
function run(repo: Repo, pkg: string, cache: string, extra: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(
    process.execPath,
    [path.join(pkg, 'bin', 'hookguard.cjs'), 'scan', '--staged', '--format', 'json'],
    {
      cwd: repo.dir,
      env: { ...repo.env, XDG_CACHE_HOME: cache, DEBUG: 'hookguard:*', ...extra },
      encoding: 'utf8',
    },
  );
  const states = Object.fromEntries(
    [...r.stderr.matchAll(/code cache (\w+): (\S+)/g)].map((m) => [m[2]!, m[1]!] as const),
  );
  const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; line: number; fingerprint: string }> };
  const errors = r.stderr
    .split('\n')
    .filter(
      (l) =>
        l &&
        !l.startsWith('hookguard:debug') &&
        !l.startsWith('hookguard: commit blocked') &&
        !/^hookguard: \d+ of these ha(s|ve) a safe automatic fix/.test(l),
    );
  return {
    code: r.status,
    states,
    findings: report.findings.map((f) => `${f.ruleId}:${f.line}:${f.fingerprint}`),
    errors,
  };
}

function cacheFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('code cache', () => {
  it('is written by a first run and used by the next; the findings are the same with and without it', () => {
    const repo = stagedRepo();
    const cache = tempDir('hg-cache-');
    const first = run(repo, ROOT, cache);
    expect(first.states).toMatchObject({ 'cli.cjs': 'miss', 'cloudformation.cjs': 'miss' });
    expect(first.findings.some((f) => f.startsWith('CFN-SG-'))).toBe(true);
    const files = cacheFiles(path.join(cache, 'hookguard'));
    expect(files.filter((f) => f.startsWith('cli-') && f.endsWith('.v8'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('cloudformation-'))).toHaveLength(1);
    // The next run compiles from the caches, the template's rules included (the cold module is loaded through the
    // cached CLI's import()).
    const second = run(repo, ROOT, cache);
    expect(second.states).toMatchObject({ 'cli.cjs': 'hit', 'cloudformation.cjs': 'hit' });
    expect(second.findings).toEqual(first.findings);
    const off = run(repo, ROOT, cache, { HOOKGUARD_CODE_CACHE: '0' });
    expect(off.states['cli.cjs']).toBe('off');
    expect(off.findings).toEqual(first.findings);
    expect([first, second, off].map((r) => r.errors)).toEqual([[], [], []]);
  });

  it('a corrupt or truncated cache is ignored, then replaced', () => {
    const repo = stagedRepo();
    const cache = tempDir('hg-cache-');
    const clean = run(repo, ROOT, cache);
    const dir = path.join(cache, 'hookguard');
    const cli = path.join(
      dir,
      cacheFiles(dir).find((f) => f.startsWith('cli-'))!,
    );
    const good = readFileSync(cli);
    for (const bad of [
      Buffer.from('not a cache at all\n'),
      good.subarray(0, good.length >> 1),
      Buffer.concat([good.subarray(0, good.indexOf(0x0a) + 1), Buffer.alloc(4096, 0xab)]),
      Buffer.alloc(0),
    ]) {
      writeFileSync(cli, bad);
      const r = run(repo, ROOT, cache);
      expect(r.states['cli.cjs']).toBe('rejected');
      expect(r.findings).toEqual(clean.findings);
      expect(r.errors).toEqual([]);
      // Rewritten whole: the next run uses it.
      expect(run(repo, ROOT, cache).states['cli.cjs']).toBe('hit');
    }
  });

  it('goes beside the bundles when the user cache dir cannot be written, and nowhere when neither can', () => {
    const repo = stagedRepo();
    const pkg = packageCopy();
    const notADir = path.join(tempDir('hg-cache-'), 'file');
    writeFileSync(notADir, 'a file where the cache directory would be\n');
    const first = run(repo, pkg, notADir);
    expect(first.states['cli.cjs']).toBe('miss');
    const beside = path.join(pkg, 'lib', '.cache');
    expect(cacheFiles(beside).some((f) => f.startsWith('cli-'))).toBe(true);
    expect(run(repo, pkg, notADir).states).toMatchObject({ 'cli.cjs': 'hit', 'cloudformation.cjs': 'hit' });

    // Neither place writable: every run compiles, silently, with the same result.
    const pkg2 = packageCopy();
    writeFileSync(path.join(pkg2, 'lib', '.cache'), 'a file where the cache directory would be\n');
    const a = run(repo, pkg2, notADir);
    const b = run(repo, pkg2, notADir);
    expect([a.states['cli.cjs'], b.states['cli.cjs']]).toEqual(['miss', 'miss']);
    expect(b.findings).toEqual(first.findings);
    expect([a.errors, b.errors]).toEqual([[], []]);
  });

  it('is keyed by version and build: builds in turn keep a cache each (two projects, two versions); the oldest beyond four go', () => {
    const repo = stagedRepo();
    const cache = tempDir('hg-cache-');
    const dir = path.join(cache, 'hookguard');
    const cliCaches = () => cacheFiles(dir).filter((f) => f.startsWith('cli-'));
    // Builds of the same version: a changed bundle, and another hash in its last line.
    const builds = [
      '0123456789abcdef',
      'fedcba9876543210',
      '00112233445566ff',
      'aabbccddeeff0011',
      '1111222233334444',
    ].map((hash, i) => {
      const pkg = packageCopy();
      const file = path.join(pkg, 'lib', 'cli.cjs');
      const text = readFileSync(file, 'utf8').replace(/ [0-9a-f]{16}\n$/, ` ${hash}\n`);
      writeFileSync(file, `/* build ${i} */` + text);
      return pkg;
    });
    run(repo, builds[0]!, cache);
    const first = cliCaches();
    expect(first).toHaveLength(1);
    // Another project's version, then this one again: both caches stay, and each run hits its own.
    const other = run(repo, builds[1]!, cache);
    expect(other.states['cli.cjs']).toBe('miss');
    expect(cliCaches()).toHaveLength(2);
    expect(run(repo, builds[0]!, cache).states['cli.cjs']).toBe('hit');
    expect(run(repo, builds[1]!, cache).states['cli.cjs']).toBe('hit');
    // Three more builds: four are kept, and the one written first is the one removed.
    for (const pkg of builds.slice(2)) run(repo, pkg, cache);
    const kept = cliCaches();
    expect(kept).toHaveLength(4);
    expect(kept).not.toContain(first[0]);
  });

  it('a run of another kind adds its functions to the cache once', () => {
    const repo = stagedRepo();
    const cache = tempDir('hg-cache-');
    const version = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'hookguard.cjs'), '--version'], {
      cwd: repo.dir,
      env: { ...repo.env, XDG_CACHE_HOME: cache },
      encoding: 'utf8',
    });
    expect(version.status).toBe(0);
    const dir = path.join(cache, 'hookguard');
    const cli = () =>
      readFileSync(
        path.join(
          dir,
          cacheFiles(dir).find((f) => f.startsWith('cli-'))!,
        ),
      );
    const header = () => cli().subarray(0, cli().indexOf(0x0a)).toString('latin1');
    expect(header()).toBe('hookguard-code-cache 1 --version');
    expect(run(repo, ROOT, cache).states['cli.cjs']).toBe('hit');
    // The staged template loaded the CloudFormation rules and the JSON report: the kind names them.
    expect(header()).toBe('hookguard-code-cache 1 --version,scan:staged:clo-jso');
    const size = cli().length;
    expect(run(repo, ROOT, cache).states['cli.cjs']).toBe('hit');
    expect(cli().length).toBe(size);
  });

  it('a commit that runs code the first commit did not (a template after code only) adds it to the cache once', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': 'hello\n' });
    repo.write('src/app.js', 'export const x = 1;\n');
    repo.git('add', '-A');
    const cache = tempDir('hg-cache-');
    const dir = path.join(cache, 'hookguard');
    const header = () => {
      const buf = readFileSync(
        path.join(
          dir,
          cacheFiles(dir).find((f) => f.startsWith('cli-'))!,
        ),
      );
      return buf.subarray(0, buf.indexOf(0x0a)).toString('latin1');
    };
    expect(run(repo, ROOT, cache).code).toBe(0);
    expect(header()).toBe('hookguard-code-cache 1 scan:staged:jso');
    repo.write('infra/web.yaml', TEMPLATE);
    repo.git('add', '-A');
    const first = run(repo, ROOT, cache);
    expect(first.states['cli.cjs']).toBe('hit');
    expect(header()).toBe('hookguard-code-cache 1 scan:staged:jso,scan:staged:clo-jso');
    const again = run(repo, ROOT, cache);
    expect(again.findings).toEqual(first.findings);
    expect(header()).toBe('hookguard-code-cache 1 scan:staged:jso,scan:staged:clo-jso');
  });

  it('names the kind of run by command and scan mode', () => {
    expect(profileOf(['scan', '--staged'])).toBe('scan:staged');
    expect(profileOf(['scan', '--format', 'json', '--pre-push', 'origin'])).toBe('scan:pre-push');
    expect(profileOf(['scan', '.'])).toBe('scan');
    expect(profileOf(['init'])).toBe('init');
    expect(profileOf([])).toBe('other');
    expect(profileOf(['../../x'])).toBe('other');
  });
});

describe('compareText', () => {
  it('orders plain ids and paths as localeCompare does (root collation), and anything else by localeCompare', () => {
    const al = ['abcdefghijklmnopqrstuvwxyz0123456789./-', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./-'];
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const word = (a: string) => Array.from({ length: rnd(9) }, () => a[rnd(a.length)]).join('');
    const root = new Intl.Collator('und');
    for (const a of al)
      for (let i = 0; i < 20000; i++) {
        const x = word(a);
        const y = rnd(3) === 0 ? x + word(a) : rnd(2) ? x.slice(0, rnd(x.length + 1)) + word(a) : word(a);
        expect([x, y, Math.sign(compareText(x, y))]).toEqual([x, y, Math.sign(root.compare(x, y))]);
      }
    for (const [x, y] of [
      ['src/B.js', 'src/a.js'],
      ['a_b', 'a-b'],
      ['CFN-X', 'aws-key'],
      ['é', 'f'],
    ])
      expect(Math.sign(compareText(x!, y!))).toBe(Math.sign(x!.localeCompare(y!)));
  });
});

describe('--output to a device', () => {
  it('writes into /dev/null instead of renaming a file over it', () => {
    const repo = stagedRepo();
    const r = repo.hookguard(['scan', '--staged', '--format', 'json', '--output', '/dev/null']);
    expect(r.code).toBe(1);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
