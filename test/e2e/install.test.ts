/** Packaging and installation as a new user meets them (issue 10 "Hooks and installation", issue 16's npm pack). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, Repo, ROOT } from '../helpers.js';
import { commitSecret, huskyProject, installed, runHusky } from './husky.js';
import { snapshot } from './snapshot.js';

afterAll(cleanup);

/** npm with this machine's package cache (tests get a private HOME), preferring what is cached: works offline. */
export function npmEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, npm_config_cache: process.env.npm_config_cache ?? path.join(homedir(), '.npm') };
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('npm pack from a fresh clone', () => {
  it('prints only the tarball name on stdout, ships built files and no install script', () => {
    const snap = snapshot();
    expect(existsSync(path.join(snap.dir, 'lib'))).toBe(false);
    const r = npm(['pack'], snap.dir, snap.env);
    expect(r.code, r.stderr).toBe(0);
    // The pre-commit framework installs the file named by npm pack's stdout: nothing else may be there.
    expect(r.stdout).toMatch(/^hookguard-\d+\.\d+\.\d+\.tgz\n$/);
    const tgz = path.join(snap.dir, r.stdout.trim());
    const list = spawnSync('tar', ['tzf', tgz], { encoding: 'utf8' }).stdout.split('\n');
    expect(list).toContain('package/lib/cli.cjs');
    expect(list).toContain('package/lib/patterns.json');
    expect(list).toContain('package/hooks/hookguard.sh');
    expect(list).toContain('package/LICENSE');
    // The type definitions that `exports` declares.
    expect(list).toContain('package/lib/index.d.ts');
    expect(list).toContain('package/lib/types/index.d.ts');
    // Nothing of the clone's own: tests, fixtures, sources, benchmarks.
    expect(list.filter((f) => /^package\/(test|src|bench|fixtures|scripts)\//.test(f))).toEqual([]);
    const manifest = JSON.parse(
      spawnSync('tar', ['xzf', tgz, '-O', 'package/package.json'], { encoding: 'utf8' }).stdout,
    );
    // npm 11 warns about (and may run) install scripts of dependencies: the published manifest has none.
    expect(Object.keys(manifest.scripts ?? {})).not.toContain('prepare');
    for (const s of ['preinstall', 'install', 'postinstall']) expect(manifest.scripts?.[s]).toBeUndefined();
    // The clone's package.json is put back as it was.
    expect(
      spawnSync('git', ['status', '--porcelain', '--', 'package.json'], { cwd: snap.dir, encoding: 'utf8' }).stdout,
    ).toBe('');
    expect(JSON.parse(readFileSync(path.join(snap.dir, 'package.json'), 'utf8')).scripts.prepare).toBeTruthy();

    // The tarball installs into a project without install-script warnings, and its CLI runs.
    const app = path.join(snap.dir, '..', 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "version": "1.0.0" }\n');
    const inst = npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tgz], app, npmEnv(snap.env));
    expect(inst.code, inst.stderr).toBe(0);
    expect(inst.stderr).not.toMatch(/hookguard@[^ ]+ \(prepare/);
    const token = fakeGithubToken();
    writeFileSync(path.join(app, 'creds.env'), `TOKEN=${token}\n`);
    const scan = spawnSync(path.join(app, 'node_modules', '.bin', 'hookguard'), ['scan', 'creds.env'], {
      cwd: app,
      env: snap.env,
      encoding: 'utf8',
    });
    expect(scan.status).toBe(1);
    expect(scan.stdout).toContain('github-pat');
    expect(scan.stdout + scan.stderr).not.toContain(token);

    // A TypeScript consumer of the library compiles against the shipped types.
    writeFileSync(
      path.join(app, 'consumer.ts'),
      `import { scan, jsonReport, type Finding, type ScanRequest } from 'hookguard';\n` +
        `const request: ScanRequest = { kind: 'paths', paths: ['.'] };\n` +
        `export async function findings(): Promise<Finding[]> {\n` +
        `  const outcome = await scan(request, { cwd: process.cwd(), env: process.env });\n` +
        `  return outcome.result.findings;\n}\nexport const render: typeof jsonReport = jsonReport;\n`,
    );
    const tsc = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--typeRoots',
        path.join(ROOT, 'node_modules', '@types'),
        '--types',
        'node',
        'consumer.ts',
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
  }, 240_000); // npm pack builds lib/ and the type definitions (tsc), then npm installs the tarball
});

describe('scan --pre-push typed by hand', () => {
  it('with no input says it expects git pre-push lines and suggests --diff @{u}..HEAD, exit 2', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    const r = repo.hookguard(['scan', '--pre-push']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pre-push hook on stdin/);
    expect(r.stderr).toContain('hookguard scan --diff @{u}..HEAD');
    // git runs the hook with REMOTE and URL and empty stdin when everything is up to date: that passes.
    expect(repo.hookguard(['scan', '--pre-push', 'origin', 'url']).code).toBe(0);
  });
});

describe('husky mode', () => {
  it('protects a linked worktree: git worktree add lays out .husky/_ there, with the relative core.hooksPath', () => {
    const repo = huskyProject();
    installed(repo.dir);
    expect(repo.hookguard(['init']).code).toBe(0);
    expect(repo.git('config', 'core.hooksPath')).toBe('.husky/_');
    repo.commit('hooks', {});
    const wt = path.join(repo.home, '..', 'wt');
    const add = repo.gitRun(['worktree', 'add', '-q', '-b', 'feature', wt]);
    expect(add.code, add.stderr).toBe(0);
    // The post-checkout hook that git runs in the new worktree set up husky's folder there (husky keeps it out of git).
    expect(existsSync(path.join(wt, '.husky', '_', 'h'))).toBe(true);
    expect(add.stderr).toContain('hooks set up in this worktree');
    expect(spawnSync('git', ['status', '--porcelain'], { cwd: wt, env: repo.env, encoding: 'utf8' }).stdout).toBe('');
    const blocked = commitSecret(repo, wt);
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toContain('github-pat');
    expect(blocked.out).not.toContain(blocked.token);

    // `npm install` in the main worktree runs husky, which sets the same relative path: nothing to undo.
    runHusky(repo);
    expect(repo.git('config', 'core.hooksPath')).toBe('.husky/_');
    spawnSync('git', ['reset', '-q', '--hard'], { cwd: wt, env: repo.env });
    const again = commitSecret(repo, wt);
    expect(again.code).not.toBe(0);
    expect(again.out).toContain('github-pat');

    // A worktree made before init gets its .husky/_ from init.
    const early = huskyProject();
    installed(early.dir);
    const wt2 = path.join(early.home, '..', 'wt2');
    early.git('worktree', 'add', '-q', '-b', 'f2', wt2);
    const init = early.hookguard(['init']);
    expect(init.stdout).toContain(`set up the hooks in the worktree ${wt2}`);
    early.commit('hooks', {});
    spawnSync('git', ['merge', '-q', 'main'], { cwd: wt2, env: early.env });
    expect(commitSecret(early, wt2).code).not.toBe(0);
  });

  it('puts its line first in an existing husky hook, so a failing npm test cannot skip the scan', () => {
    const repo = huskyProject({
      name: 'app',
      scripts: { prepare: 'husky', test: 'exit 1' },
      devDependencies: { husky: '^9.0.0' },
    });
    repo.commit('husky', { '.husky/pre-commit': 'npm test\n' });
    installed(repo.dir);
    runHusky(repo);
    expect(repo.hookguard(['init']).code).toBe(0);
    const hook = readFileSync(path.join(repo.dir, '.husky', 'pre-commit'), 'utf8').split('\n');
    expect(hook[0]).toMatch(/hookguard\.sh" pre-commit # hookguard$/);
    expect(hook[1]).toBe('npm test');
    const r = commitSecret(repo);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('github-pat');
    // hookguard is the project's dependency, not on a shell's PATH: the commands it suggests start with npx.
    expect(r.out).toContain('More on a rule: npx hookguard explain github-pat');
    expect(r.out).toContain('accept it with "npx hookguard baseline"');
  });

  it('npx hookguard init before any install: says the exact next command, and every commit says it was not checked', () => {
    const repo = huskyProject();
    const r = repo.hookguard(['init']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('run "npm install" now');
    // init ends with doctor's answer: not on yet, and the fix.
    expect(r.stdout).toMatch(/hookguard doctor: protection is OFF in this clone — fix: npm install/);
    // Each hook says why it is off: it calls hookguard, which is not found (not "does not run hookguard").
    expect(r.stdout).toMatch(/OFF {2}pre-commit {7}husky: runs hookguard, which the hook cannot find/);
    expect(r.stdout).not.toContain('does not run hookguard');
    const passed = commitSecret(repo);
    // The check cannot run yet: the commit goes through, and the hook says so (never silently).
    expect(passed.code).toBe(0);
    expect(passed.out).toContain('NOT checked for secrets');
    expect(passed.out).toContain('hookguard is in package.json but not installed here; run: npm install');
    expect(passed.out).not.toContain('""');
    installed(repo.dir);
    const now = commitSecret(repo);
    expect(now.code).not.toBe(0);
    expect(now.out).toContain('github-pat');
  });

  it("uninstall works from the committed files alone in a teammate's clone, and removes exactly what init added", () => {
    const pkg = { name: 'app', version: '1.0.0', scripts: { test: 'echo ok' } };
    const origin = huskyProject(pkg);
    installed(origin.dir);
    expect(origin.hookguard(['init']).code).toBe(0);
    origin.commit('add hookguard', {});
    const before = new Set(origin.git('ls-files').split('\n'));
    expect(before.has('.husky/pre-commit')).toBe(true);

    // A teammate clones and runs npm ci: node_modules + husky's prepare.
    const clone = new Repo(path.join(origin.home, '..', 'clone'), origin.home);
    origin.git('clone', '-q', origin.dir, clone.dir);
    installed(clone.dir);
    runHusky(clone);
    expect(commitSecret(clone).code).not.toBe(0);
    clone.git('reset', '-q', '--hard');
    clone.git('clean', '-qfd', '-e', 'node_modules');

    const un = clone.hookguard(['uninstall']);
    expect(un.code, un.stderr).toBe(0);
    expect(un.stdout).not.toMatch(/not installed/);
    expect(JSON.parse(readFileSync(path.join(clone.dir, 'package.json'), 'utf8'))).toEqual(pkg);
    expect(existsSync(path.join(clone.dir, '.husky'))).toBe(false);
    expect(clone.gitRun(['config', 'core.hooksPath']).code).toBe(1);
    expect(commitSecret(clone).code).toBe(0);

    // init then uninstall in the clone: the same, no empty hook files left.
    clone.git('reset', '-q', '--hard', 'HEAD~1');
    runHusky(clone);
    expect(clone.hookguard(['init']).code).toBe(0);
    expect(clone.hookguard(['uninstall']).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(clone.dir, 'package.json'), 'utf8'))).toEqual(pkg);
    expect(existsSync(path.join(clone.dir, '.husky'))).toBe(false);
  });

  it('keeps husky, prepare and other hooks that were there before init', () => {
    const pkg = { name: 'app', scripts: { prepare: 'husky' }, devDependencies: { husky: '^9.0.0' } };
    const repo = huskyProject(pkg);
    repo.commit('husky', { '.husky/pre-push': 'echo pushing\n' });
    installed(repo.dir);
    runHusky(repo);
    expect(repo.hookguard(['init']).code).toBe(0);
    expect(repo.hookguard(['uninstall']).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'package.json'), 'utf8'))).toEqual({
      ...pkg,
      devDependencies: { ...pkg.devDependencies },
    });
    expect(readFileSync(path.join(repo.dir, '.husky', 'pre-push'), 'utf8')).toBe('echo pushing\n');
    expect(existsSync(path.join(repo.dir, '.husky', 'pre-commit'))).toBe(false);
    expect(existsSync(path.join(repo.dir, '.husky', 'hookguard.sh'))).toBe(false);
    expect(repo.git('config', 'core.hooksPath')).toBe('.husky/_');
  });
});

describe('merges (pre-merge-commit, and committing a conflicted merge)', () => {
  /** main and a feature branch whose commit (made with --no-verify) holds a secret. */
  function branches(init: (repo: Repo) => void) {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n', 'app.txt': 'a\nb\nc\n' });
    init(repo);
    repo.git('checkout', '-q', '-b', 'feature');
    const token = fakeGithubToken();
    repo.commit('feature with token', { 'feature.env': `TOKEN=${token}\n`, 'app.txt': 'a\nb\nfeature\n' });
    repo.git('checkout', '-q', 'main');
    return { repo, token };
  }

  it('never blames the person merging for the other branch: a clean merge of a branch with a secret passes', () => {
    const { repo, token } = branches((r) => expect(r.hookguard(['init']).code).toBe(0));
    expect(existsSync(path.join(repo.dir, '.git', 'hooks', 'pre-merge-commit'))).toBe(true);
    repo.commit('main moves on', { 'other.txt': 'x\n' });
    const m = repo.gitRun(['merge', '--no-ff', '-q', '-m', 'merge feature', 'feature']);
    expect(m.code, m.stdout + m.stderr).toBe(0);
    expect(m.stdout + m.stderr).not.toContain(token);
    expect(repo.git('log', '-1', '--format=%s')).toBe('merge feature');
  });

  it("a clean merge is checked: what the merge itself adds (here, a merge driver's line) blocks", () => {
    const { repo, token } = branches((r) => {
      expect(r.hookguard(['init']).code).toBe(0);
      r.commit('attributes', { '.gitattributes': 'app.txt merge=inject\n' });
    });
    const secret = `DEPLOY_TOKEN=${fakeGithubToken()}`;
    // A merge driver that resolves cleanly but writes a line that is on neither parent.
    repo.git('config', 'merge.inject.driver', `cp %B %A && echo '${secret}' >> %A`);
    repo.commit('main changes app.txt', { 'app.txt': 'main\nb\nc\n' });
    const m = repo.gitRun(['merge', '--no-ff', '-m', 'merge feature', 'feature']);
    expect(m.code).not.toBe(0);
    expect(m.stdout + m.stderr).toContain('github-pat');
    expect(m.stdout + m.stderr).toMatch(/app\.txt/);
    expect(m.stdout + m.stderr).not.toMatch(/feature\.env/);
    expect(m.stdout + m.stderr).not.toContain(secret.split('=')[1]!);
    expect(m.stdout + m.stderr).not.toContain(token);
    expect(repo.git('log', '-1', '--format=%s')).toBe('main changes app.txt');
  });

  it("committing a conflicted merge checks the resolution, not the other branch's lines", () => {
    const { repo } = branches((r) => expect(r.hookguard(['init']).code).toBe(0));
    repo.commit('main changes app.txt', { 'app.txt': 'a\nb\nmain\n' });
    expect(repo.gitRun(['merge', '-q', 'feature']).code).not.toBe(0); // conflict in app.txt
    // Resolve by keeping both sides: feature.env (the other branch's secret) comes along unblamed.
    repo.write('app.txt', 'a\nb\nmain\nfeature\n');
    repo.git('add', '-A');
    const ok = repo.gitRun(['commit', '-q', '--no-edit']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);

    // A secret typed into the resolution itself blocks.
    const again = branches((r) => expect(r.hookguard(['init']).code).toBe(0));
    again.repo.commit('main changes app.txt', { 'app.txt': 'a\nb\nmain\n' });
    expect(again.repo.gitRun(['merge', '-q', 'feature']).code).not.toBe(0);
    const typed = fakeGithubToken();
    again.repo.write('app.txt', `a\nb\nmain\nfeature\nTOKEN=${typed}\n`);
    again.repo.git('add', '-A');
    const blocked = again.repo.gitRun(['commit', '-q', '--no-edit']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toMatch(/app\.txt/);
    expect(blocked.stdout + blocked.stderr).not.toMatch(/feature\.env/);
    expect(blocked.stdout + blocked.stderr).not.toContain(typed);
  });
});
