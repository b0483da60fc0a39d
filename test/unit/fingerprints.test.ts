/**
 * Fingerprints (and the content keys beside them) are a contract: users commit them in their baselines, so a finding
 * that exists today must keep its fingerprint. This pins the values of one finding of each kind — every place that
 * makes a finding (secret, CloudFormation, Ansible, access, unused allow, environment, at rest, stale baseline entry)
 * — as computed before the finding factory existed. If one changes, existing baselines stop matching: do not update
 * the values, find what changed.
 *
 * The scan runs in-process over a temp directory (no CLI). The secret is generated here, deterministically (its hash
 * is in its fingerprint), from a fixed seed: nothing secret-looking is stored in the repository.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';
import { contentKey, fingerprint, makeFinding, valueHash } from '../../src/finding/index.js';
import { base62, crc32 } from '../../scripts/fakes.mjs';

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` characters of B62 from a fixed linear congruential sequence: the same every run. */
function seeded(seed: number, n: number): string {
  let x = seed >>> 0;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    s += B62[x % 62];
  }
  return s;
}

/** A GitHub-shaped token with a valid checksum, the same every run. */
function githubToken(): string {
  const body = seeded(20260101, 30);
  return ['gh', 'p_', body, base62(crc32(body), 6)].join('');
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'hg-fp-')));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const STALE = 'f'.repeat(32);

/** Rule, file, fingerprint and content key ('-': none) of each finding, as computed before the finding factory. */
const PINNED = [
  'ACCESS-001 playbooks/site.yml ab76a760cdd7dad61b1741404841ebf5 -',
  'ANS-DL-001 playbooks/site.yml ebaca0e864e0e04b9dde9bedd18f35bd bd9391e6d81888698332c864a6bf222e',
  'ANS-PERM-005 playbooks/site.yml a7d632a584779719e96faa1657c215c9 6c860ac11bffe83fdb4e223f1b44b48e',
  'ANS-SECRET-007 inventories/dev/group_vars/all.yml cb23ed53bec3b473a5db93fa12c7e8a5 78b3b1ab98eb572ff9490294a010bf01',
  'ANS-SECRET-007 inventories/prod/group_vars/all.yml 2ff3c1c8379e7c70f67f489fc59b7fd1 ce5d5d1f74cb714a9ca99bac7ffe40cc',
  'ANS-TLS-001 playbooks/site.yml 4fa74967ab45a13b97b68aae13c568d8 d30cebf98cb2cdd8127fe6ad0765de94',
  'ATREST-002 secrets/prod.yaml ade35c6b47f6f40f2676022c2148d205 -',
  'CFN-SG-001 templates/site.yaml 31b66619dc52e125849c9737bca527bc eef1bfb9ea1373c3055e5a7d1835c924',
  'CFN-SG-007 templates/site.yaml b4524c13264552765d23c915cf396b0d 2cadf478dff471cef67680428ed1153a',
  'CFN-SG-008 templates/site.yaml cc73ec30589f1083d1b0345c5bc5314b 4832f9355dd04671a189132d5c59a20b',
  'ENV-001 inventories/dev/group_vars/all.yml 77d91f2fc805b9759af74a787af25563 -',
  'ENV-001 inventories/prod/group_vars/all.yml f63fff1c02e17446f33533ef04df2c10 -',
  'HG-UNUSED-001 .hookguard-baseline.json 0a3971a02127750f516891dab7e64799 -',
  'HG-UNUSED-001 app/config.js 3a298c242c951323f715b4497b234dc0 -',
  'github-pat app/config.js 9f7fd98dd5dc386240a1265592d29a23 b98aa2a556b0776c699c2131b6b1a39e',
];

describe('fingerprints are stable (baselines depend on them)', () => {
  it('one finding of each kind keeps its fingerprint and content key', async () => {
    const shared = seeded(7, 20);
    const dir = tree({
      '.hookguard.yaml': 'revoked:\n  users: [bob]\n',
      '.hookguard-baseline.json': JSON.stringify({
        version: 1,
        tool: 'hookguard test',
        createdAt: '2026-01-01T00:00:00Z',
        findings: [{ fingerprint: STALE, ruleId: 'CFN-S3-001', file: 'gone.yaml', line: 1 }],
      }),
      'app/config.js': `const token = "${githubToken()}";\nconst ok = 1; // hookguard:allow\n`,
      'templates/site.yaml': [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Resources:',
        '  Web:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: web',
        '      SecurityGroupIngress:',
        '        - IpProtocol: tcp',
        '          FromPort: 22',
        '          ToPort: 22',
        '          CidrIp: 0.0.0.0/0',
        '',
      ].join('\n'),
      'playbooks/site.yml': [
        '- hosts: web',
        '  tasks:',
        '    - name: fetch',
        '      ansible.builtin.get_url:',
        '        url: https://example.test/a.tgz',
        '        dest: /tmp/a.tgz',
        '        validate_certs: false',
        '    - name: old admin',
        '      ansible.builtin.user:',
        '        name: bob',
        '        state: present',
        '',
      ].join('\n'),
      'inventories/dev/group_vars/all.yml': `db_user: app\ndb_password: "${shared}"\n`,
      'inventories/prod/group_vars/all.yml': `db_user: app\ndb_password: "${shared}"\n`,
      '.sops.yaml': 'creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n',
      'secrets/prod.yaml': `api_password: ${seeded(11, 24)}\n`,
    });
    const { result } = await scan({ kind: 'paths', paths: [] }, { cwd: dir, workers: 0 });
    const got = [...result.findings, ...result.existing]
      .map((f) => `${f.ruleId} ${f.file} ${f.fingerprint} ${f.contentKey ?? '-'}`)
      .sort();
    // Contained, not equal: a rule added later may find more in these files; what was found before must not move.
    expect(got).toEqual(expect.arrayContaining(PINNED));
  });
});

describe('the finding factory', () => {
  it('computes the pinned values from rule, file and identity', () => {
    const h = valueHash(githubToken());
    expect(fingerprint('github-pat', 'app/config.js', h)).toBe('9f7fd98dd5dc386240a1265592d29a23');
    expect(contentKey('github-pat', h)).toBe('b98aa2a556b0776c699c2131b6b1a39e');
    expect(fingerprint('HG-UNUSED-001', '.hookguard-baseline.json', STALE)).toBe('0a3971a02127750f516891dab7e64799');
  });

  it('keeps only the masked value, masks the snippet and carries the commit', () => {
    const token = githubToken();
    const line = `const token = "${token}";`;
    const at = line.indexOf(token);
    const f = makeFinding({
      ruleId: 'github-pat',
      category: 'secret',
      severity: 'high',
      title: 'GitHub personal access token',
      message: 'found',
      remediation: 'revoke it',
      file: 'app/config.js',
      line: 1,
      column: at + 1,
      endLine: 1,
      endColumn: at + token.length + 1,
      commit: { sha: 'a'.repeat(40), author: 'Test Author', email: 'a@example.test' },
      value: token,
      identity: [valueHash(token)],
      keyed: true,
      snippet: { line, masked: [[at, at + token.length]] },
      secret: true,
      blocking: true,
    });
    expect(f.fingerprint).toBe('9f7fd98dd5dc386240a1265592d29a23');
    expect(f.contentKey).toBe('b98aa2a556b0776c699c2131b6b1a39e');
    expect([f.commit, f.author, f.date]).toEqual(['a'.repeat(40), 'Test Author', undefined]);
    expect('date' in f || 'email' in f).toBe(false);
    for (const shown of [f.match!, f.snippet!]) {
      expect(shown).not.toContain(token);
      expect(shown).not.toContain(token.slice(4, 20));
    }
    expect(f.snippet!.startsWith('const token = "')).toBe(true);
  });

  it('gives no content key unless asked, and shows a literal snippet as it is', () => {
    const f = makeFinding({
      ruleId: 'ACCESS-001',
      category: 'access',
      severity: 'high',
      title: 't',
      message: 'm',
      remediation: 'r',
      file: 'playbooks/site.yml',
      line: 10,
      column: 15,
      endLine: 10,
      endColumn: 18,
      identity: ['[0].tasks[1].ansible.builtin.user'],
      snippet: { text: '        name: bob' },
      blocking: false,
    });
    expect(f.contentKey).toBeUndefined();
    expect(f.match).toBeUndefined();
    expect(f.snippet).toBe('        name: bob');
    expect(f.commit).toBeUndefined();
    expect(f.blocking).toBe(false);
  });
});
