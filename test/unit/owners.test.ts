import { describe, expect, it } from 'vitest';
import { ownersFor, parseCodeowners, pathMatches, ruleMatches, type Ownership } from '../../src/owners/index.js';

describe('CODEOWNERS patterns (GitHub semantics)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*', 'a/b/c.js', true],
    ['*.js', 'src/deep/app.js', true],
    ['*.js', 'src/app.ts', false],
    ['/build/logs/', 'build/logs/x.log', true],
    ['/build/logs/', 'src/build/logs/x.log', false],
    ['/build/logs/', 'build/logs', false],
    ['apps/', 'apps/a.js', true],
    ['apps/', 'x/apps/a.js', true],
    ['apps/', 'apps', false],
    ['docs/*', 'docs/getting-started.md', true],
    ['docs/*', 'docs/build-app/troubleshooting.md', false],
    ['docs/*', 'x/docs/a.md', false],
    ['/docs/', 'docs/build-app/troubleshooting.md', true],
    ['**/logs', 'deep/er/logs/a.txt', true],
    ['**/logs', 'logs', true],
    ['/scripts/**', 'scripts/a/b.sh', true],
    ['/scripts/**', 'x/scripts/a.sh', false],
    ['src/**/test.js', 'src/test.js', true],
    ['src/**/test.js', 'src/a/b/test.js', true],
    ['infra', 'stack/infra/main.yaml', true],
    ['infra', 'infrastructure/main.yaml', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file12.txt', false],
    ['a.b', 'aXb', false],
    ['my\\ file.txt', 'my file.txt', true],
  ];
  it.each(cases)('%s on %s → %s', (pattern, file, want) => {
    expect(pathMatches(pattern, file)).toBe(want);
  });

  it('parses owners, comments and escapes; reports what GitHub would reject', () => {
    const p = parseCodeowners(
      [
        '# comment',
        '* @acme/security',
        '',
        '/infra/  @acme/platform ops@example.com  # inline comment',
        '\\#hash.txt @alice',
        '/legacy/',
        '!negated @bob',
        'x.js not-an-owner @carol',
      ].join('\n'),
      '.github/CODEOWNERS',
    );
    expect(p.rules.map((r) => [r.paths, r.owners, r.source])).toEqual([
      [['*'], ['@acme/security'], '.github/CODEOWNERS:2'],
      [['/infra/'], ['@acme/platform', 'ops@example.com'], '.github/CODEOWNERS:4'],
      [['\\#hash.txt'], ['@alice'], '.github/CODEOWNERS:5'],
      [['/legacy/'], [], '.github/CODEOWNERS:6'],
      [['x.js'], ['@carol'], '.github/CODEOWNERS:8'],
    ]);
    expect(p.problems.map((x) => x.line)).toEqual([7, 8]);
    expect(pathMatches('\\#hash.txt', '#hash.txt')).toBe(true);
  });
});

describe('ownersFor', () => {
  it('the last matching rule wins, and a rule with no owners leaves the file unowned', () => {
    const o: Ownership = {
      from: 'CODEOWNERS',
      rules: parseCodeowners('* @acme/all\n/infra/ @acme/platform\n/infra/legacy/\n*.pem @acme/security\n').rules,
    };
    const f = (file: string) => ownersFor(o, { file, ruleId: 'github-pat', category: 'secret' });
    expect(f('README.md')).toEqual(['@acme/all']);
    expect(f('infra/vpc.yaml')).toEqual(['@acme/platform']);
    expect(f('infra/legacy/old.yaml')).toEqual([]);
    expect(f('infra/legacy/key.pem')).toEqual(['@acme/security']);
  });

  it('config entries select by path and by rule id, id glob or category', () => {
    const o: Ownership = {
      from: 'config',
      rules: [
        { owners: ['@acme/appsec'] },
        { rules: ['secret'], owners: ['@acme/secrets'] },
        { paths: ['infra/'], rules: ['CFN-*'], owners: ['@acme/cloud'] },
        { paths: ['infra/'], rules: ['cfn-sg-001'], owners: ['@alice'] },
      ],
    };
    expect(ownersFor(o, { file: 'a.js', ruleId: 'github-pat', category: 'secret' })).toEqual(['@acme/secrets']);
    expect(ownersFor(o, { file: 'a.yaml', ruleId: 'CFN-S3-001', category: 'cloudformation' })).toEqual([
      '@acme/appsec',
    ]);
    expect(ownersFor(o, { file: 'infra/a.yaml', ruleId: 'CFN-S3-001', category: 'cloudformation' })).toEqual([
      '@acme/cloud',
    ]);
    expect(ownersFor(o, { file: 'infra/a.yaml', ruleId: 'CFN-SG-001', category: 'cloudformation' })).toEqual([
      '@alice',
    ]);
    expect(ownersFor(o, { file: 'infra/a.yaml', ruleId: 'github-pat', category: 'secret' })).toEqual(['@acme/secrets']);
  });

  it('rule selectors', () => {
    expect(ruleMatches('ANS-*', { ruleId: 'ANS-SSH-001', category: 'ansible' })).toBe(true);
    expect(ruleMatches('ans-ssh-00?', { ruleId: 'ANS-SSH-001', category: 'ansible' })).toBe(true);
    expect(ruleMatches('ANS-*', { ruleId: 'CFN-SSH-001', category: 'cloudformation' })).toBe(false);
    expect(ruleMatches('aws-*', { ruleId: 'aws-access-key-id', category: 'secret' })).toBe(true);
    expect(ruleMatches('ansible', { ruleId: 'ANS-SSH-001', category: 'ansible' })).toBe(true);
  });
});
