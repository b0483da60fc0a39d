/**
 * The baseline over its life, through the real CLI in temp git repositories: each entry records the kind of scan that
 * wrote it and is judged stale only by a full scan of that kind; partial scans never report unused entries; --prune
 * only prunes; an entry shadowed by an inline allow still matches; --reason / --expires; a file that merges (no
 * timestamp, one sorted entry per line) and `--resolve` for a conflicted one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo } from '../helpers.js';

afterAll(cleanup);

interface Entry {
  fingerprint: string;
  file: string;
  ruleId: string;
  mode?: string;
  reason?: string;
  expires?: string;
  severity?: string;
}
const FILE = '.hookguard-baseline.json';
const entries = (repo: Repo) =>
  (JSON.parse(readFileSync(path.join(repo.dir, FILE), 'utf8')) as { findings: Entry[] }).findings;
const unused = (out: string) => /HG-UNUSED-001|no longer match/.test(out);

describe('baseline lifecycle', () => {
  it('records the mode, reason and expiry; an entry from --history is not unused for a scan of the tree or of one file', () => {
    const repo = Repo.init();
    const gone = fakeGithubToken();
    repo.commit('old secret', { 'old.env': `T=${gone}\n`, 'README.md': '# x\n' });
    repo.commit('removed', { 'old.env': 'T=\n' });
    const h = repo.hookguard(['baseline', '--history', '--reason', 'revoked in 2024', '--expires', '2030-01-31']);
    expect(h.code, h.stderr).toBe(0);
    const [e] = entries(repo);
    expect(e).toMatchObject({
      file: 'old.env',
      ruleId: 'github-pat',
      mode: 'history',
      severity: 'high',
      reason: 'revoked in 2024',
      expires: '2030-01-31',
    });
    repo.commit('baseline', {});
    // A scan of the tree does not see commits: the history entry is not "matching nothing".
    for (const args of [['scan'], ['scan', 'README.md'], ['scan', '.']]) {
      const r = repo.hookguard(args);
      expect(r.code, r.stdout).toBe(0);
      expect(unused(r.stdout), `${args.join(' ')}: ${r.stdout}`).toBe(false);
    }
    expect(unused(repo.hookguard(['scan', '--history']).stdout)).toBe(false);
    expect(repo.hookguard(['baseline', '--expires', '2030-02-30']).code).toBe(2);
    expect(repo.hookguard(['baseline', '--expires', 'soon']).stderr).toMatch(/--expires must be a date as YYYY-MM-DD/);
    expect(repo.hookguard(['scan', '--reason', 'x']).code).toBe(2);
  });

  it('unused entries: never on a partial path scan; the fix text fits a baseline entry; an inline allow that shadows an entry keeps it used', () => {
    const repo = Repo.init();
    const a = fakeGithubToken();
    const b = fakeGithubToken();
    repo.commit('two', { 'src/a.env': `T=${a}\n`, 'src/b.env': `T=${b}\n` });
    expect(repo.hookguard(['baseline']).code).toBe(0);
    expect(entries(repo).map((x) => x.mode)).toEqual(['files', 'files']);
    repo.write('src/b.env', 'T=\n'); // b's finding is gone
    // The same secret now also carries an inline allow: the allow suppresses it first, the entry is still in use.
    repo.write('src/a.env', `T=${a} # hookguard:allow github-pat rotated monthly\n`);
    const partial = repo.hookguard(['scan', 'src/a.env']);
    expect(partial.code).toBe(0);
    expect(unused(partial.stdout), partial.stdout).toBe(false);
    const full = repo.json(['scan']);
    const hg = full.report.findings.concat(full.report.existing).filter((f) => f.ruleId === 'HG-UNUSED-001');
    expect(hg).toHaveLength(1); // b's entry only; a's is shadowed, not unused
    expect(hg[0]!.message).toContain('src/b.env');
    expect((hg[0] as { remediation?: string }).remediation).toMatch(/hookguard baseline --prune/);
    expect((hg[0] as { remediation?: string }).remediation).not.toMatch(/regenerate/);
    expect(leaks(JSON.stringify(full.report), [a, b])).toEqual([]);
  });

  it('--prune only prunes: a new finding is not slipped into the baseline', () => {
    const repo = Repo.init();
    const old = fakeGithubToken();
    repo.commit('one', { 'a.env': `T=${old}\n` });
    expect(repo.hookguard(['baseline']).code).toBe(0);
    repo.write('a.env', 'T=\n');
    repo.write('new.env', `T=${fakeGithubToken()}\n`);
    const p = repo.hookguard(['baseline', '--prune']);
    expect(p.code).toBe(0);
    expect(p.stderr).toMatch(/1 pruned/);
    expect(p.stderr).toMatch(/1 current finding not in the baseline left out: --prune only prunes/);
    expect(entries(repo)).toEqual([]);
    expect(repo.hookguard(['scan']).code).toBe(1); // the new secret still blocks
  });

  it('the file merges: no timestamp, one sorted entry per line; a conflicted file is resolved as the union', () => {
    const repo = Repo.init();
    const accept = (file: string, reason: string) => {
      repo.write(file, `T=${fakeGithubToken()}\n`);
      const r = repo.hookguard(['baseline', file, '--reason', reason]);
      expect(r.code, r.stderr).toBe(0);
      repo.commit(`accept ${file}`, {});
    };
    repo.commit('base', { 'README.md': '# x\n' });
    for (const f of ['c.env', 'd.env', 'e.env']) accept(f, f);
    const text = readFileSync(path.join(repo.dir, FILE), 'utf8');
    expect(text).not.toMatch(/createdAt|hookguard \d/);
    const rows = text.split('\n').filter((l) => l.includes('"fingerprint"'));
    expect(rows).toHaveLength(3); // one entry per line
    expect(rows.map((l) => (JSON.parse(l.trim().replace(/,$/, '')) as Entry).file)).toEqual([
      'c.env',
      'd.env',
      'e.env',
    ]);

    // Two branches accept findings that sort apart: git merges the baseline without a conflict.
    repo.git('checkout', '-q', '-b', 'one');
    accept('a.env', 'a');
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'two');
    accept('z.env', 'z');
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'three');
    accept('y.env', 'y');
    repo.git('checkout', '-q', 'one');
    const clean = repo.gitRun(['merge', '-q', '--no-edit', 'two']);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(entries(repo).map((e) => e.file)).toEqual(['a.env', 'c.env', 'd.env', 'e.env', 'z.env']);

    // y sorts next to z: git stops with conflict markers; --resolve takes the union (never --replace).
    const conflict = repo.gitRun(['merge', '-q', '--no-edit', 'three']);
    expect(conflict.code).not.toBe(0);
    expect(readFileSync(path.join(repo.dir, FILE), 'utf8')).toMatch(/^<<<<<<< /m);
    expect(repo.hookguard(['scan']).code).toBe(2); // a conflicted baseline is an error, not an empty one
    expect(repo.hookguard(['baseline', '--replace', '--resolve']).code).toBe(2);
    const r = repo.hookguard(['baseline', '--resolve']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resolved \.hookguard-baseline\.json: 6 entries, the union of both sides/);
    expect(entries(repo).map((e) => [e.file, e.reason])).toEqual([
      ['a.env', 'a'],
      ['c.env', 'c.env'],
      ['d.env', 'd.env'],
      ['e.env', 'e.env'],
      ['y.env', 'y'],
      ['z.env', 'z'],
    ]);
    repo.git('add', FILE);
    repo.git('commit', '-q', '--no-verify', '--no-edit');
    const after = repo.hookguard(['scan']);
    expect(after.code, after.stdout).toBe(0);
    expect(unused(after.stdout)).toBe(false);
    expect(repo.hookguard(['baseline', '--resolve']).stderr).toMatch(/no conflict markers/);
  });
});
