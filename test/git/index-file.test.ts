// indexMayHold answers "no" only when git's index surely holds no path with the name; git itself is the reference.
import { afterAll, describe, expect, it } from 'vitest';
import { indexMayHold, indexMayHoldAny, indexPathsUnder } from '../../src/git/index-file.js';
import { cleanup, Repo } from '../helpers.js';

afterAll(cleanup);

function staged(repo: Repo, name: string): boolean {
  return repo
    .git('ls-files', '--cached')
    .split('\n')
    .some((p) => p === name || p.endsWith('/' + name));
}

describe('indexMayHold', () => {
  it('is "no" only when git lists no such path, in every index version and layout', () => {
    for (const setup of [
      { version: '2', split: false },
      { version: '3', split: false },
      { version: '4', split: false },
      { version: '2', split: true },
    ]) {
      const repo = Repo.init();
      repo.git('config', 'index.version', setup.version);
      if (setup.split) repo.git('config', 'core.splitIndex', 'true');
      repo.commit('init', { 'README.md': '# x\n', 'src/app.js': 'x\n' });
      const before = indexMayHold(repo.dir, {}, 'CODEOWNERS');
      expect(staged(repo, 'CODEOWNERS')).toBe(false);
      // Version 2/3 without a split index can answer; the others must leave it to git.
      expect(before).toBe(setup.version !== '4' && !setup.split ? 'no' : 'maybe');
      repo.write('.github/CODEOWNERS', '* @team\n');
      repo.git('add', '-A');
      expect(staged(repo, 'CODEOWNERS')).toBe(true);
      expect(indexMayHold(repo.dir, {}, 'CODEOWNERS')).toBe('maybe');
    }
  });

  it('reads the index git names in GIT_INDEX_FILE (relative to the top, as git sets it for pre-commit)', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    repo.write('CODEOWNERS', '* @team\n');
    repo.gitIn({ env: { GIT_INDEX_FILE: '.git/other-index' } }, 'add', 'CODEOWNERS');
    expect(indexMayHold(repo.dir, {}, 'CODEOWNERS')).toBe('no');
    expect(indexMayHold(repo.dir, { GIT_INDEX_FILE: '.git/other-index' }, 'CODEOWNERS')).toBe('maybe');
  });

  it('says "no" before the first `git add` (no index yet) and "maybe" when GIT_DIR redirects git', () => {
    const repo = Repo.init();
    expect(indexMayHold(repo.dir, {}, 'CODEOWNERS')).toBe('no');
    expect(indexMayHold(repo.dir, { GIT_DIR: repo.dir + '/.git' }, 'CODEOWNERS')).toBe('maybe');
  });

  it('several names are judged from one read: "no" only when none of them is there', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n', 'infra/stack.yaml': 'Resources: {}\n' });
    expect(indexMayHoldAny(repo.dir, {}, ['param', 'prod', 'staging'])).toBe('no');
    repo.write('infra/params/prod.json', '[]\n');
    repo.git('add', '-A');
    expect(indexMayHoldAny(repo.dir, {}, ['param', 'staging'])).toBe('maybe');
    expect(indexMayHoldAny(repo.dir, {}, ['staging', 'sandbox'])).toBe('no');
  });
});

describe('indexPathsUnder', () => {
  const lsFiles = (repo: Repo, dirs: string[]) => [
    ...new Set(
      repo
        .git('ls-files', '-z', '--cached', '--', ...dirs)
        .split('\0')
        .filter(Boolean),
    ),
  ];

  it('lists what git ls-files lists under the folders, in versions 2 and 3; undefined where only git can say', () => {
    for (const version of ['2', '3', '4']) {
      const repo = Repo.init();
      repo.git('config', 'index.version', version);
      const long = `infra/${'n'.repeat(120)}/${'deep-name-'.repeat(12)}.json`;
      repo.commit('init', {
        'README.md': '# x\n',
        'infra/stack.yaml': 'Resources: {}\n',
        'infra/params/prod.json': '[]\n',
        'infra/params/dev.json': '[]\n',
        'infra2/other.yaml': 'x: 1\n',
        'inventories/prod/group_vars/all.yml': 'a: 1\n',
        [long]: '[]\n',
        'infra/ü-ñame.json': '[]\n',
      });
      // An intent-to-add entry (the extended flags of version 3) and a staged file.
      repo.write('infra/params/staging.json', '[]\n');
      repo.git('add', '-N', 'infra/params/staging.json');
      repo.write('infra/new.yaml', 'x: 1\n');
      repo.git('add', 'infra/new.yaml');
      for (const dirs of [['infra'], ['infra/params'], ['inventories', 'infra2'], ['nothing']]) {
        const got = indexPathsUnder(repo.dir, {}, dirs);
        if (version === '4') expect(got).toBeUndefined();
        else expect(got, `v${version} ${dirs.join(',')}`).toEqual(lsFiles(repo, dirs));
      }
    }
  });

  it('lists a conflicted path once (its stages 1 to 3)', () => {
    const repo = Repo.init();
    repo.commit('base', { 'infra/params/prod.json': '["a"]\n' });
    repo.git('checkout', '-q', '-b', 'other');
    repo.commit('theirs', { 'infra/params/prod.json': '["b"]\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('ours', { 'infra/params/prod.json': '["c"]\n' });
    repo.gitRun(['merge', '-q', 'other']);
    expect(repo.git('ls-files', '--stage').split('\n').filter(Boolean).length).toBe(3);
    expect(indexPathsUnder(repo.dir, {}, ['infra'])).toEqual(['infra/params/prod.json']);
  });
});
