/**
 * Every mode finds what a disk scan finds: the same rule ids and fingerprints for the same finding, IaC families in
 * history audits (attributed to the commit that introduced a problem), and pre-push judging IaC at the pushed tip.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALNUM, fakeGithubToken, rand } from '../../scripts/fakes.mjs';
import { cleanup, Repo, type ReportFinding } from '../helpers.js';

afterAll(cleanup);

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: vpc-0abc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
          Description: admin access
`;

/** An Ansible vars file with a plaintext become password (generated, split so it does not look live). */
function ansibleVars(): string {
  return `ansible_become_password: ${'Qz7'}${fakeGithubToken().slice(4, 16)}\n`;
}

const TASK = `- name: fetch installer
  ansible.builtin.get_url:
    url: https://example.com/install.sh
    dest: /tmp/install.sh
    validate_certs: false
`;

const key = (f: ReportFinding) => `${f.ruleId} ${f.file} ${f.fingerprint}`;

describe('history audits run the IaC families like every other mode', () => {
  it('same rule ids and fingerprints in --history, --diff, --staged and a disk scan', () => {
    const repo = Repo.init();
    repo.write('infra/stack.yaml', TEMPLATE);
    repo.write('group_vars/all.yml', ansibleVars());
    repo.git('add', '-A');
    const staged = repo.json(['scan', '--staged']);
    const base = repo.commit('init');
    const disk = repo.json(['scan', '.']);
    const history = repo.json(['scan', '--history']);
    const expected = ['ANS-SECRET-003 group_vars/all.yml', 'CFN-SG-001 infra/stack.yaml'];
    expect(disk.report.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(expected);
    expect(history.code).toBe(1);
    expect(history.report.findings.map(key)).toEqual(disk.report.findings.map(key));
    expect(staged.report.findings.map(key)).toEqual(disk.report.findings.map(key));
    expect(history.report.findings.every((f) => f.commit === base)).toBe(true);
    // No second finding for the same value under a generic secret rule.
    expect(history.report.findings.some((f) => f.category === 'secret')).toBe(false);
  });

  it('attributes an IaC finding to the commit that introduced it, once, not to every later commit', () => {
    const repo = Repo.init();
    repo.commit('readme', { 'README.md': 'x\n' });
    const introduced = repo.commit('template', { 'infra/stack.yaml': TEMPLATE });
    repo.commit('touch the resource', {
      'infra/stack.yaml': TEMPLATE.replace('GroupDescription: ssh', 'GroupDescription: ssh access'),
    });
    repo.commit('touch it again', {
      'infra/stack.yaml': TEMPLATE.replace('GroupDescription: ssh', 'GroupDescription: x'),
    });
    const { report } = repo.json(['scan', '--history']);
    expect(report.findings.map((f) => [f.ruleId, f.commit])).toEqual([['CFN-SG-001', introduced]]);
    expect(report.summary.commits).toBe(4);
    const range = repo.json(['scan', '--diff', `${repo.git('rev-list', '--max-parents=0', 'HEAD')}..HEAD`]);
    expect(range.report.findings.map((f) => [f.ruleId, f.commit])).toEqual([['CFN-SG-001', introduced]]);
  });

  it('two identical tasks in one file are two findings; their fingerprints survive lines moving', () => {
    const repo = Repo.init();
    const play = (pre: string) => `${pre}- hosts: all\n  tasks:\n${(TASK + TASK).replace(/^/gm, '    ')}`;
    repo.write('playbooks/site.yml', play(''));
    const first = repo.json(['scan', '.']);
    const tls = first.report.findings.filter((f) => f.ruleId === 'ANS-TLS-001');
    expect(tls.map((f) => f.line)).toEqual([7, 12]);
    expect(new Set(tls.map((f) => f.fingerprint)).size).toBe(2);
    repo.write('playbooks/site.yml', play('# moved down\n\n'));
    const moved = repo.json(['scan', '.']).report.findings.filter((f) => f.ruleId === 'ANS-TLS-001');
    expect(moved.map((f) => f.line)).toEqual([9, 14]);
    expect(moved.map((f) => f.fingerprint)).toEqual(tls.map((f) => f.fingerprint));
    repo.git('add', '-A');
    repo.commit('play');
    const history = repo.json(['scan', '--history']).report.findings.filter((f) => f.ruleId === 'ANS-TLS-001');
    expect(history.map((f) => f.fingerprint)).toEqual(moved.map((f) => f.fingerprint));
  });
});

describe('pre-push: IaC is judged at the pushed tip, secrets in every commit', () => {
  function withRemote(): Repo {
    const repo = Repo.init();
    const remote = path.join(repo.home, 'remote.git');
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    repo.commit('init', { 'README.md': '# x\n' });
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    return repo;
  }
  const push = (repo: Repo) =>
    `refs/heads/main ${repo.git('rev-parse', 'HEAD')} refs/heads/main ${repo.git('rev-parse', 'origin/main')}\n`;

  it('an IaC problem fixed by a later commit of the same push does not block', () => {
    const repo = withRemote();
    repo.commit('open ssh', { 'infra/stack.yaml': TEMPLATE });
    repo.commit('close it', { 'infra/stack.yaml': TEMPLATE.replace('0.0.0.0/0', '10.0.0.0/8') });
    const r = repo.json(['scan', '--pre-push', 'origin'], { input: push(repo) });
    expect(r.report.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('an IaC problem still at the tip blocks with an IaC message; a removed secret still blocks with a secret message', () => {
    const repo = withRemote();
    const opened = repo.commit('open ssh', { 'infra/stack.yaml': TEMPLATE });
    repo.commit('unrelated', { 'infra/stack.yaml': TEMPLATE + '# note\n' });
    const iac = repo.hookguard(['scan', '--pre-push', 'origin'], { input: push(repo) });
    expect(iac.code).toBe(1);
    expect(iac.stdout).toContain(`commit ${opened.slice(0, 10)}`);
    expect(iac.stderr).toMatch(/infrastructure-code problem .*still present at the pushed tip/);
    expect(iac.stderr).not.toMatch(/secret/);
    repo.commit('fix', { 'infra/stack.yaml': TEMPLATE.replace('0.0.0.0/0', '10.0.0.0/8') });
    const token = fakeGithubToken();
    repo.commit('add token', { 'a.env': `T=${token}\n` });
    repo.commit('remove token', { 'a.env': 'T=${T}\n' });
    const sec = repo.hookguard(['scan', '--pre-push', 'origin'], { input: push(repo) });
    expect(sec.code).toBe(1);
    expect(sec.stderr).toMatch(/1 secret: remove it from every commit/);
    expect(sec.stderr).not.toMatch(/infrastructure/);
    expect(sec.stdout + sec.stderr).not.toContain(token);
  });
});

describe('git modes scan the whole added text with the same decoding as a disk scan', () => {
  it('a secret deep inside a 4.5 MB single-line file is found at the same place by every mode', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': 'x\n' });
    const remote = path.join(repo.home, 'remote.git');
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    const token = fakeGithubToken();
    const filler = 'var a=1;'.repeat(400_000); // 3.2 MB before the secret
    repo.write('app.min.js', `${filler}var t="${token}";${'b=2;'.repeat(300_000)}\n`);
    repo.git('add', '-A');
    const staged = repo.json(['scan', '--staged']);
    expect(staged.code).toBe(1);
    const where = (r: typeof staged) => r.report.findings.map((f) => [f.ruleId, f.line, f.column, f.fingerprint]);
    expect(where(staged)[0]!.slice(0, 3)).toEqual(['github-pat', 1, filler.length + 8]);
    expect(staged.report.errors).toEqual([]);
    repo.commit('minified');
    const disk = repo.json(['scan', 'app.min.js']);
    expect(where(disk)).toEqual(where(staged));
    expect(where(repo.json(['scan', '--history']))).toEqual(where(staged));
    const push = repo.json(['scan', '--pre-push', 'origin'], {
      input: `refs/heads/main ${repo.git('rev-parse', 'HEAD')} refs/heads/main ${repo.git('rev-parse', 'origin/main')}\n`,
    });
    expect(where(push)).toEqual(where(staged));
    expect(JSON.stringify([staged, disk, push])).not.toContain(token);
  });

  it('a credential whose rule spans lines is found by every mode when only its value line changes', () => {
    const repo = Repo.init();
    const pw = () => `${rand(ALNUM, 6)}-${rand(ALNUM, 14)}`;
    const manifest = (v: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1\n          env:\n            - name: DB_PASSWORD\n              value: "${v}"\n`;
    const netrc = (v: string) => `machine build.example.org\n  login ci\n  password ${v}\n`;
    // Committed around the hook (an old mistake), then the value is rotated in place: one changed line each.
    repo.commit('deploy', { 'k8s/api.yaml': manifest(pw()), '.netrc': netrc(pw()) });
    const rotated = [pw(), pw()] as const;
    repo.write('k8s/api.yaml', manifest(rotated[0]));
    repo.write('.netrc', netrc(rotated[1]));
    repo.git('add', '-A');
    const where = (r: ReturnType<Repo['json']>) =>
      r.report.findings
        .filter((f) => f.ruleId === 'kubernetes-env-value' || f.ruleId === 'netrc-password')
        .map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.fingerprint}`)
        .sort();
    const staged = repo.json(['scan', '--staged']);
    expect(staged.code).toBe(1);
    expect(where(staged).map((w) => w.split(' ').slice(0, 2).join(' '))).toEqual([
      'kubernetes-env-value k8s/api.yaml:13',
      'netrc-password .netrc:3',
    ]);
    repo.git('commit', '-q', '--no-verify', '-m', 'rotate');
    const disk = repo.json(['scan', 'k8s', '.netrc']);
    expect(where(disk)).toEqual(where(staged));
    expect(where(repo.json(['scan', '--diff', 'HEAD~1..HEAD']))).toEqual(where(staged));
    // History: the first commit's values and the rotated ones, each once.
    expect(where(repo.json(['scan', '--history']))).toHaveLength(4);
    for (const v of rotated) expect(JSON.stringify(staged.report)).not.toContain(v);
  });

  it('UTF-16LE and UTF-16BE files with a BOM are decoded in git modes; only lines a change adds count', () => {
    const repo = Repo.init();
    const le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    const be = (s: string) => {
      const b = Buffer.from(s, 'utf16le');
      b.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
    };
    const t1 = fakeGithubToken();
    const t2 = fakeGithubToken();
    repo.write('deploy.ps1', le(`$x = 1\r\n$token = "${t1}"\r\n`));
    repo.write('notes.txt', be(`hello\ntoken ${t2}\n`));
    repo.git('add', '-A');
    const staged = repo.json(['scan', '--staged']);
    expect(staged.code).toBe(1);
    expect(staged.report.findings.map((f) => [f.file, f.line])).toEqual([
      ['deploy.ps1', 2],
      ['notes.txt', 2],
    ]);
    expect(staged.report.summary.skipped.binary).toBe(0);
    const first = repo.commit('scripts');
    const disk = repo.json(['scan', '.']);
    expect(disk.report.findings.map((f) => f.fingerprint)).toEqual(staged.report.findings.map((f) => f.fingerprint));
    // A later change adds one line: the old secret is not the new commit's problem.
    const t3 = fakeGithubToken();
    repo.write('deploy.ps1', le(`$x = 1\r\n$token = "${t1}"\r\n$other = "${t3}"\r\n`));
    repo.git('add', '-A');
    expect(repo.json(['scan', '--staged']).report.findings.map((f) => [f.file, f.line])).toEqual([['deploy.ps1', 3]]);
    const second = repo.commit('more');
    const history = repo.json(['scan', '--history']);
    expect(history.report.findings.map((f) => [f.file, f.line, f.commit])).toEqual([
      ['deploy.ps1', 2, first],
      ['deploy.ps1', 3, second],
      ['notes.txt', 2, first],
    ]);
  });

  it('a UTF-16 file too large to decode blocks the commit with a clear message instead of passing', () => {
    const repo = Repo.init();
    const big = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('line of text\n'.repeat(700_000), 'utf16le')]);
    repo.write('huge.txt', big);
    repo.git('add', '-A');
    const r = repo.hookguard(['scan', '--staged']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/huge\.txt: UTF-16 text of 17\.4 MiB is over the 8 MiB bound/);
    expect(r.stderr).toMatch(/commit blocked: huge\.txt was not scanned in full/);
    // An audit reports it and goes on; it does not fail for it.
    repo.commit('big');
    const audit = repo.json(['scan', '--history']);
    expect(audit.code).toBe(0);
    expect(audit.report.errors).toEqual([expect.objectContaining({ file: 'huge.txt', incomplete: true })]);
  });
});
