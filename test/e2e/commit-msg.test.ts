/**
 * Commit messages as targets (issue 26): `scan --commit-msg FILE` (the commit-msg hook's contract, run by a real
 * `git commit`), and every commit's message in pre-push (a real `git push`), --diff and --history, with baselines,
 * inline allows and every report format coping with a finding that has no file.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanup, leaks, Repo } from '../helpers.js';

afterAll(cleanup);

/** A fake AWS access key id, made at test time (never a live one in the repository). */
function awsKey(): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return 'AKIA' + [...randomBytes(16)].map((b) => abc[b % 32]).join('');
}

/** A native git hook running the built CLI. */
function hook(repo: Repo, name: string, body: string): void {
  const dir = path.join(repo.dir, '.git', 'hooks');
  mkdirSync(dir, { recursive: true });
  const p = path.join(dir, name);
  writeFileSync(p, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" ${body}\n`);
  chmodSync(p, 0o755);
}

interface MsgFinding {
  ruleId: string;
  file: string | null;
  in?: string;
  commit?: string;
  line: number;
  match?: string;
  remediation: string;
  fingerprint: string;
}

function findings(repo: Repo, args: string[]): { code: number; list: MsgFinding[]; raw: string } {
  const r = repo.hookguard([...args, '--format', 'json']);
  const parsed = JSON.parse(r.stdout) as { findings: MsgFinding[] };
  return { code: r.code, list: parsed.findings, raw: r.stdout + r.stderr };
}

describe('scan --commit-msg FILE', () => {
  it('blocks a message holding a secret: exit 1, says so, never prints the value', () => {
    const repo = Repo.init();
    const key = awsKey();
    repo.write('.git/COMMIT_EDITMSG', `Rotate the deploy key\n\nold one was ${key}\n`);
    const r = repo.hookguard(['scan', '--commit-msg', '.git/COMMIT_EDITMSG']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('commit message');
    expect(r.stdout).toContain('aws-access-key-id');
    expect(r.stderr).toMatch(/commit message holds a secret/);
    expect(r.stderr).toMatch(/before committing/);
    expect(leaks(r.stdout + r.stderr, [key])).toEqual([]);

    const j = findings(repo, ['scan', '--commit-msg', '.git/COMMIT_EDITMSG']);
    expect(j.code).toBe(1);
    expect(j.list).toHaveLength(1);
    expect(j.list[0]).toMatchObject({ ruleId: 'aws-access-key-id', file: null, in: 'message', line: 3 });
    expect(j.list[0]!.commit).toBeUndefined();
    expect(j.list[0]!.remediation).toMatch(/remove it from the message before committing/);
    expect(leaks(j.raw, [key])).toEqual([]);
  });

  it("ignores git's comment lines, core.commentChar and everything below the scissors line", () => {
    const repo = Repo.init();
    const key = awsKey();
    const scissors = '# ------------------------ >8 ------------------------';
    repo.write('m1', `Clean subject\n\n# ${key} in a comment\n${scissors}\n+const k = "${key}";\n`);
    expect(repo.hookguard(['scan', '--commit-msg', 'm1']).code).toBe(0);
    // With another comment character, '#' lines are still comments (git's template), and ';' lines are too.
    repo.git('config', 'core.commentChar', ';');
    repo.write('m2', `Clean subject\n; ${key}\n`);
    expect(repo.hookguard(['scan', '--commit-msg', 'm2']).code).toBe(0);
    // A line that merely contains the comment character is message text.
    repo.write('m3', `Subject\nkey: ${key} ; # not a comment\n`);
    expect(repo.hookguard(['scan', '--commit-msg', 'm3']).code).toBe(1);
  });

  it('a comment character set in the global config or through an include is honoured; with neither, git is not started', () => {
    const repo = Repo.init();
    const key = awsKey();
    repo.write('m', `Clean subject\n; ${key}\n`);
    // No config mentions it: ';' lines are message text, and the answer needs no git (none on PATH here).
    const noGit = mkdtempSync(path.join(tmpdir(), 'hg-nogit-'));
    expect(repo.hookguard(['scan', '--commit-msg', 'm']).code).toBe(1);
    repo.write('ok', 'Clean subject\n\nNothing to see.\n');
    expect(repo.hookguard(['scan', '--commit-msg', 'ok'], { env: { PATH: noGit } }).code).toBe(0);
    // The global config (GIT_CONFIG_GLOBAL, as in every test repository) sets it.
    repo.git('config', '--global', 'core.commentChar', ';');
    expect(repo.hookguard(['scan', '--commit-msg', 'm']).code).toBe(0);
    // An included file sets it.
    writeFileSync(repo.env.GIT_CONFIG_GLOBAL!, '');
    expect(repo.hookguard(['scan', '--commit-msg', 'm']).code).toBe(1);
    writeFileSync(path.join(repo.dir, 'extra.gitconfig'), '[core]\n\tcommentChar = ";"\n');
    repo.git('config', 'include.path', path.join(repo.dir, 'extra.gitconfig'));
    expect(repo.hookguard(['scan', '--commit-msg', 'm']).code).toBe(0);
  });

  it('honours an inline allow in the message, and a clean message passes', () => {
    const repo = Repo.init();
    const key = awsKey();
    repo.write('m', `Document the example key ${key} hookguard:allow aws-access-key-id AWS docs example\n`);
    const r = repo.json(['scan', '--commit-msg', 'm']);
    expect(r.code).toBe(0);
    expect(r.report.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'aws-access-key-id', file: null, by: 'inline', reason: 'AWS docs example' }),
    ]);
    repo.write('ok', 'Fix the build\n\nNothing secret here.\n');
    expect(repo.hookguard(['scan', '--commit-msg', 'ok']).code).toBe(0);
  });

  it('usage errors exit 2: no file, a missing file, a second argument', () => {
    const repo = Repo.init();
    const none = repo.hookguard(['scan', '--commit-msg']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--commit-msg needs a value/);
    const missing = repo.hookguard(['scan', '--commit-msg', 'nope.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope\.txt/);
    repo.write('m', 'x\n');
    const extra = repo.hookguard(['scan', '--commit-msg', 'm', 'other']);
    expect(extra.code).toBe(2);
    const two = repo.hookguard(['scan', '--commit-msg', 'm', '--staged']);
    expect(two.code).toBe(2);
  });

  it('works as a real commit-msg hook: git commit is refused, the message kept; a clean one commits', () => {
    const repo = Repo.init();
    hook(repo, 'commit-msg', 'scan --commit-msg "$1"');
    const key = awsKey();
    repo.write('a.txt', 'hello\n');
    repo.git('add', 'a.txt');
    const bad = repo.gitRun(['commit', '-q', '-m', `Add a.txt\n\nused ${key} to test`]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/commit message holds a secret/);
    expect(leaks(bad.stdout + bad.stderr, [key])).toEqual([]);
    expect(repo.gitRun(['rev-parse', '--verify', '-q', 'HEAD']).code).not.toBe(0);
    // git's own template comments (from `commit -v`/an editor) are not the message.
    const good = repo.gitRun(['commit', '-q', '--cleanup=strip', '-m', 'Add a.txt']);
    expect(good.code, good.stderr).toBe(0);
    expect(repo.git('log', '--format=%s')).toBe('Add a.txt');
  });
});

describe('commit messages in pushed, ranged and historical commits', () => {
  function setup() {
    const repo = Repo.init();
    const key = awsKey();
    const base = repo.commit('init', { 'README.md': '# x\n' });
    const bad = repo.commit(`Deploy\n\nthe key was ${key}`, { 'b.txt': 'b\n' });
    const after = repo.commit('Later', { 'c.txt': 'c\n' });
    return { repo, key, base, bad, after };
  }

  it('--diff and --history: the finding is the message of its commit (file null, commit, in: message)', () => {
    const { repo, key, base, bad } = setup();
    for (const args of [
      ['scan', '--diff', `${base}..HEAD`],
      ['scan', '--history'],
    ]) {
      const j = findings(repo, args);
      expect(j.code, args.join(' ')).toBe(1);
      expect(j.list).toHaveLength(1);
      expect(j.list[0]).toMatchObject({ ruleId: 'aws-access-key-id', file: null, in: 'message', commit: bad, line: 3 });
      // A pushed message cannot be edited: the fix is to rotate.
      expect(j.list[0]!.remediation).toMatch(/cannot be edited once it is pushed: rotate/);
      expect(leaks(j.raw, [key])).toEqual([]);
    }
    const text = repo.hookguard(['scan', '--history']);
    expect(text.stdout).toContain(`commit message of ${bad.slice(0, 10)}`);
    expect(leaks(text.stdout + text.stderr, [key])).toEqual([]);
    // A range that does not hold the commit does not report its message.
    expect(findings(repo, ['scan', '--diff', `${bad}..HEAD`]).list).toEqual([]);
  });

  it('a baseline accepts a message finding; the next secret in a message still blocks', () => {
    const { repo } = setup();
    const w = repo.hookguard(['baseline', '--history']);
    expect(w.code, w.stderr).toBe(0);
    const again = repo.json(['scan', '--history']);
    expect(again.code).toBe(0);
    expect(again.report.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'aws-access-key-id', file: null, by: 'baseline' }),
    ]);
    const other = awsKey();
    const newer = repo.commit(`Another\n\n${other}`);
    const j = findings(repo, ['scan', '--history']);
    expect(j.code).toBe(1);
    expect(j.list.map((f) => f.commit)).toEqual([newer]);
  });

  it('pre-push: a real git push is refused for a message holding a secret, with advice to reword', () => {
    const { repo, key, bad } = setup();
    const remote = Repo.init({ bare: true });
    repo.git('remote', 'add', 'origin', remote.dir);
    hook(repo, 'pre-push', 'scan --pre-push "$@"');
    const r = repo.gitRun(['push', '-q', 'origin', 'main']);
    expect(r.code).not.toBe(0);
    // The hook's report (git gives a pre-push hook's stdout to the terminal) and its advice on stderr.
    expect(r.stdout).toContain(`commit message of ${bad.slice(0, 10)}`);
    expect(r.stderr).toMatch(/secret in commit messages: reword that commit/);
    expect(leaks(r.stdout + r.stderr, [key])).toEqual([]);
    expect(remote.gitRun(['rev-parse', '--verify', '-q', 'refs/heads/main']).code).not.toBe(0);
    // The same through the JSON report of the hook's mode.
    const sha = repo.git('rev-parse', 'HEAD');
    const zero = '0'.repeat(40);
    const j = repo.hookguard(['scan', '--pre-push', 'origin', '--format', 'json'], {
      input: `refs/heads/main ${sha} refs/heads/main ${zero}\n`,
    });
    expect(j.code).toBe(1);
    const list = (JSON.parse(j.stdout) as { findings: MsgFinding[] }).findings;
    expect(list).toEqual([expect.objectContaining({ file: null, in: 'message', commit: bad })]);
    expect(list[0]!.remediation).toMatch(/reword the commit before pushing/);
    // Reworded: the push goes through.
    repo.git('rebase', '-q', '--exec', 'git commit -q --amend --no-verify -m "$(git log -1 --format=%s)"', '--root');
    const ok = repo.gitRun(['push', '-q', 'origin', 'main']);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('SARIF gives a message finding a logical location and no physical one', () => {
    const { repo, bad } = setup();
    const r = repo.hookguard(['scan', '--history', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as {
      runs: Array<{ results: Array<{ locations: Array<Record<string, unknown>>; properties: { commit?: string } }> }>;
    };
    const res = sarif.runs[0]!.results;
    expect(res).toHaveLength(1);
    expect(res[0]!.locations[0]!.physicalLocation).toBeUndefined();
    expect(res[0]!.locations[0]!.logicalLocations).toEqual([
      { kind: 'resource', name: 'commit message', fullyQualifiedName: `commit/${bad}/message` },
    ]);
    expect(res[0]!.properties.commit).toBe(bad);
  });

  it('every other report renders a finding with no file (live, and from a saved JSON report)', () => {
    const { repo, key, bad } = setup();
    const saved = path.join(repo.dir, '..', 'report.json');
    expect(repo.hookguard(['scan', '--history', '--format', 'json', '--output', saved]).code).toBe(1);
    const short = bad.slice(0, 10);
    for (const format of ['markdown', 'html', 'junit', 'gitlab-secrets', 'codequality']) {
      for (const r of [
        repo.hookguard(['report', saved, '--format', format]),
        repo.hookguard(['scan', '--history', '--format', format]),
      ]) {
        expect(r.stdout, format).toContain(`commit message of ${short}`);
        expect(r.stdout, format).not.toMatch(/\bnull\b/);
        expect(leaks(r.stdout + r.stderr, [key])).toEqual([]);
      }
    }
    const gh = repo.hookguard(['scan', '--history', '--format', 'github']);
    expect(gh.stdout).toMatch(/^::error title=aws-access-key-id.*in the commit message \(commit /m);
    expect(gh.stdout).not.toMatch(/file=/);
  });
});
