/**
 * Profiles (issue 28, as cfn_nag has them): a named set of rules and team policies, applied to the files under its
 * paths or to every file with --profile; cfn_nag-style --profile-path and --deny-list-path files; the allow list
 * governs the infrastructure families only, so secrets stay on; a deny list is an exception like `rules: off`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, Repo } from '../helpers.js';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { NETWORK_POLICY, TEMPLATE } from '../policies/fixtures.js';

afterAll(() => cleanup());

const BUCKET = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Reports:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
`;

function repo(config: string): Repo {
  const r = Repo.init();
  r.commit('init', {
    'apps/web/bucket.yaml': BUCKET,
    'infra/bucket.yaml': BUCKET,
    'infra/bastion.yaml': TEMPLATE,
    'policies/network.yaml': NETWORK_POLICY,
    '.hookguard.yaml': config,
  });
  return r;
}

const hits = (r: Repo, args: string[] = []) => {
  const { code, report } = r.json(['scan', '.', ...args]);
  return { code, ids: [...new Set(report.findings.map((f) => `${f.file} ${f.ruleId}`))].sort() };
};

describe('profiles', () => {
  it('apply per path: an allow list for the app team, a deny list for the platform team; other files get every rule', () => {
    const all = hits(repo(''));
    const plain = (file: string) => all.ids.filter((x) => x.startsWith(`${file} `));
    expect(plain('apps/web/bucket.yaml').length).toBeGreaterThan(1);
    expect(plain('infra/bastion.yaml')).toContain('infra/bastion.yaml ACME-NET-001');
    const keep = plain('apps/web/bucket.yaml')[0]!.split(' ')[1]!;

    const r = repo(`profiles:
  app-team:
    paths: ['apps/**']
    rules: [${keep}]
  platform-team:
    paths: ['infra/**']
    deny: [ACME-*, ${keep}]   # the platform board reviews these by hand
`);
    const got = hits(r).ids;
    expect(got.filter((x) => x.startsWith('apps/'))).toEqual([`apps/web/bucket.yaml ${keep}`]);
    expect(got.filter((x) => x.startsWith('infra/'))).toEqual(
      all.ids.filter((x) => x.startsWith('infra/') && !x.endsWith(` ${keep}`) && !x.includes(' ACME-')),
    );
    // --profile applies one profile to every file, whatever its path.
    const one = hits(r, ['--profile', 'app-team']).ids;
    expect(one).toEqual([`apps/web/bucket.yaml ${keep}`, `infra/bucket.yaml ${keep}`]);
  });

  it('keep secrets on under an allow list, and drop a denied secret rule', () => {
    const r = repo(`profiles:
  iac-only:
    rules: [CFN-S3-*]
  quiet:
    deny: [github-pat]
`);
    r.write('apps/web/config.js', `export const token = "${fakeGithubToken()}";\n`);
    expect(hits(r, ['--profile', 'iac-only']).ids).toContain('apps/web/config.js github-pat');
    const quiet = hits(r, ['--profile', 'quiet']).ids;
    expect(quiet.some((x) => x.includes('github-pat'))).toBe(false);
    expect(quiet.some((x) => x.includes('CFN-S3-'))).toBe(true);
  });

  it('read cfn_nag-style rule lists with --profile-path and --deny-list-path', () => {
    const r = repo('');
    const dir = r.dir;
    writeFileSync(path.join(dir, 'profile.txt'), '# our checks\nACME-NET-001\nCFN-S3-*\n');
    writeFileSync(path.join(dir, 'deny.txt'), 'ACME-NET-001\n');
    const only = hits(r, ['--profile-path', 'profile.txt']).ids;
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((x) => / (ACME-NET-001|CFN-S3-\d+)$/.test(x))).toBe(true);
    expect(only).toContain('infra/bastion.yaml ACME-NET-001');
    const both = hits(r, ['--profile-path', 'profile.txt', '--deny-list-path', 'deny.txt']).ids;
    expect(both).toEqual(only.filter((x) => !x.endsWith('ACME-NET-001')));
  });

  it('refuse a profile that is not defined, an unknown rule id and a missing list file (exit 2, named)', () => {
    const r = repo(`profiles:
  app-team:
    rules: [CFN-S3-*]
`);
    const none = r.hookguard(['scan', '.', '--profile', 'nope']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--profile nope: no such profile in the config (app-team)');
    const missing = r.hookguard(['scan', '.', '--deny-list-path', 'nowhere.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--deny-list-path nowhere\.txt: cannot read \(ENOENT\)/);
    r.write('.hookguard.yaml', 'profiles:\n  x:\n    deny: [CFN-NOPE-9]\n  y:\n    paths: [a/**]\n');
    const bad = r.hookguard(['scan', '.']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '.hookguard.yaml:3: profiles.x.deny: "CFN-NOPE-9" is neither a rule id nor a category',
    );
    expect(bad.stderr).toContain('.hookguard.yaml:5: profiles.y: name rules (an allow list) or deny');
  });

  it('apply in the installed pre-commit hook', () => {
    const r = repo(`profiles:
  app-team:
    paths: ['apps/**']
    rules: [ACME-*]
`);
    expect(r.hookguard(['init']).code).toBe(0);
    r.write('apps/web/other.yaml', BUCKET); // only ACME-* applies under apps/: nothing blocks
    r.git('add', '-A');
    const ok = r.gitRun(['commit', '-q', '-m', 'app bucket']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    r.write('infra/other.yaml', BUCKET); // no profile here: every rule
    r.git('add', '-A');
    const blocked = r.gitRun(['commit', '-q', '-m', 'infra bucket']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('infra/other.yaml');
  });
});
