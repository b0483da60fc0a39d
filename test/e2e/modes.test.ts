/**
 * Every mode finds what a disk scan finds: the same rule ids and fingerprints for the same finding, IaC families in
 * history audits (attributed to the commit that introduced a problem), and pre-push judging IaC at the pushed tip.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
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
