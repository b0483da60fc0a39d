/**
 * Issue 31, "shown whole": no output format prints a reported value or a URL's password whole, wherever else on the
 * printed line it occurs — a multi-host URL's second password, a value repeated in a trailing comment, a password
 * holding `@`, a token in a URL's user position. Every value is generated here; the real CLI runs each format.
 */
import { FORMATS } from '../../src/cli/commands/scan.js';
import { afterAll, describe, expect, it } from 'vitest';
import { ALNUM, rand } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo } from '../helpers.js';

afterAll(cleanup);

const pw = () => rand(ALNUM, 9) + ['%', '#', '!', '?'][Math.floor(Math.random() * 4)]! + rand(ALNUM, 6);

function repoWithRepeats() {
  const repo = Repo.init();
  const [a, b, c] = [pw(), pw(), pw()];
  const token = rand(ALNUM, 40);
  const atPw = rand(ALNUM, 8) + '@' + rand(ALNUM, 7);
  const hex = rand('0123456789abcdef', 40);
  repo.write(
    'config/app.conf',
    [
      `DATABASE_URL=postgresql://app:${a}@db1.acme-corp.io:5432,app:${b}@db2.acme-corp.io:5432/app`,
      `REPLICA_URL=postgresql://app:${c}@db1.acme-corp.io:5432,app:${c}@db3.acme-corp.io:5432/app`,
      `api_token = "${token}" # rotated from ${token}`,
      `CACHE_URL=redis://cache:${atPw}@cache.acme-corp.io:6379/0`,
      `DEP=git+https://${hex}:x-oauth-basic@github.com/acme/tool.git`,
    ].join('\n') + '\n',
  );
  repo.git('add', '-A');
  return { repo, secrets: [a, b, c, token, atPw, hex] };
}

describe('every printed line masks every reported value and every URL password', () => {
  const { repo, secrets } = repoWithRepeats();
  // Every format the CLI has (a new one is covered without a change here).
  it.each(FORMATS)('%s, on disk and staged', (format) => {
    for (const mode of [
      ['scan', '.'],
      ['scan', '--staged'],
    ]) {
      const r = repo.hookguard([...mode, '--format', format, '--no-color']);
      expect(r.code).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(100);
      expect(leaks(r.stdout + r.stderr, secrets)).toEqual([]);
    }
  });
  it('the text report still shows where each masked value was (the hosts, the names, the comment)', () => {
    const r = repo.hookguard(['scan', '.', '--no-color']);
    expect(r.stdout).toMatch(
      /postgresql:\/\/app:\S{1,4}…\S{0,2}@db1\.acme-corp\.io:5432,app:\S{1,4}…\S{0,2}@db2\.acme-corp\.io:5432\/app/,
    );
    expect(r.stdout).toMatch(/api_token = "\S{4}…\S{2}" # rotated from \S{4}…\S{2}/);
  });
});
