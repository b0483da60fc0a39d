/**
 * Team policies end to end: one policy file enforced on a CloudFormation template and on the equivalent Ansible play
 * (the same finding in both), in the pre-commit hook `hookguard init` installs and in pre-push; a policy whose example
 * misbehaves refused with file:line and exit 2; the standard `hookguard policy` renders; unknown values never violate.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, Repo } from '../helpers.js';
import { NETWORK_POLICY, PLAYBOOK, PLAYBOOK_UNKNOWN, TEMPLATE, TEMPLATE_UNKNOWN } from '../policies/fixtures.js';

afterAll(() => cleanup());

function repoWithPolicy(): Repo {
  const repo = Repo.init();
  repo.commit('init', { 'README.md': '# x\n', 'policies/network.yaml': NETWORK_POLICY });
  return repo;
}

/** The text report's findings of the policy: `FILE` on its own line, then `LINE:COL  high  ACME-NET-001 …`. */
function policyHits(text: string): string[] {
  const out: string[] = [];
  let file = '';
  for (const l of text.split('\n')) {
    if (/^\S+\.ya?ml$/.test(l)) file = l;
    const m = /^\s+(\d+):\d+\s+high\s+ACME-NET-001\b/.exec(l);
    if (m) out.push(`${file}:${m[1]}`);
  }
  return out;
}

describe('team policies', () => {
  it('block a commit in the installed pre-commit hook, with the same finding in the template and the play', () => {
    const repo = repoWithPolicy();
    expect(repo.hookguard(['init']).code).toBe(0);
    repo.write('infra/bastion.yaml', TEMPLATE);
    repo.write('playbooks/bastion.yml', PLAYBOOK);
    repo.git('add', '-A');
    const commit = repo.gitRun(['commit', '-q', '-m', 'bastion']);
    expect(commit.code).not.toBe(0);
    const out = commit.stdout + commit.stderr;
    expect(policyHits(out).sort()).toEqual(['infra/bastion.yaml:13', 'playbooks/bastion.yml:11']);

    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    const found = report.findings.filter((f) => f.ruleId === 'ACME-NET-001');
    expect(found.map((f) => f.file).sort()).toEqual(['infra/bastion.yaml', 'playbooks/bastion.yml']);
    for (const f of found) {
      expect(f).toMatchObject({ category: 'policy', severity: 'high', owners: ['@acme/network'] });
      expect(f.message).toContain('172.16.0.0/12');
    }
    // Nothing else in these files blocks: the policy is what stops the commit.
    expect(report.findings.filter((f) => f.ruleId !== 'ACME-NET-001')).toEqual([]);
  });

  it('block a push, and let the fixed range through', () => {
    const remote = Repo.init({ bare: true });
    const repo = repoWithPolicy();
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.git('push', '-q', 'origin', 'main');
    expect(repo.hookguard(['init']).code).toBe(0);
    repo.commit('bastion', { 'infra/bastion.yaml': TEMPLATE, 'playbooks/bastion.yml': PLAYBOOK });
    const push = repo.gitRun(['push', '-q', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(policyHits(push.stdout + push.stderr).sort()).toEqual(['infra/bastion.yaml:13', 'playbooks/bastion.yml:11']);
    repo.commit('office range', {
      'infra/bastion.yaml': TEMPLATE.replace('172.16.0.0/12', '10.20.1.0/24'),
      'playbooks/bastion.yml': PLAYBOOK.replace('172.16.0.0/12', '10.20.1.0/24'),
    });
    const again = repo.gitRun(['push', '-q', 'origin', 'main']);
    expect(again.stderr).not.toContain('ACME-NET-001');
    expect(again.code).toBe(0);
  });

  it('run in --diff and --history scans too', () => {
    const repo = repoWithPolicy();
    const base = repo.git('rev-parse', 'HEAD');
    repo.commit('bastion', { 'infra/bastion.yaml': TEMPLATE, 'playbooks/bastion.yml': PLAYBOOK });
    for (const args of [
      ['scan', '--diff', `${base}..HEAD`],
      ['scan', '--history'],
    ]) {
      const { code, report } = repo.json(args);
      expect(code).toBe(1);
      expect(report.findings.filter((f) => f.ruleId === 'ACME-NET-001').length).toBe(2);
    }
  });

  it('refuse a policy whose example does not behave, naming its file and line (exit 2)', () => {
    const repo = repoWithPolicy();
    // The pass example now uses a range outside the office network: the policy reports it.
    repo.write('policies/network.yaml', NETWORK_POLICY.replace('CidrIp: 10.20.8.0/24', 'CidrIp: 10.30.8.0/24'));
    repo.write('infra/bastion.yaml', TEMPLATE);
    repo.git('add', '-A');
    const r = repo.hookguard(['scan', '--staged']);
    expect(r.code).toBe(2);
    // The pass example's \`- cloudformation:\` line (the last example of the file).
    const line =
      NETWORK_POLICY.split('\n')
        .map((l) => l.trim())
        .lastIndexOf('- cloudformation: |') + 1;
    expect(r.stderr).toContain(`policies/network.yaml:${line}: policy ACME-NET-001 pass example 1`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    // An unsafe regex is refused as a custom pattern's is.
    repo.write(
      'policies/network.yaml',
      NETWORK_POLICY.replace('cidr-within: 10.20.0.0/16', () => "matches: '^(a+)+$'"),
    );
    const unsafe = repo.hookguard(['scan', '--staged']);
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toMatch(/policies\/network\.yaml:\d+: matches: regex .* is unsafe/);
    // A misspelt property, checked against the CloudFormation specification shipped beside the bundles.
    repo.write('policies/network.yaml', NETWORK_POLICY.replace('attribute: CidrIp', 'attribute: CidrIP'));
    const typo = repo.hookguard(['scan', '--staged']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /policies\/network\.yaml:\d+: AWS::EC2::SecurityGroup has no property SecurityGroupIngress\[\]\.CidrIP \(did you mean CidrIp\?\)/,
    );
  });

  it('may be turned off in rules: when policyPaths names their folder', () => {
    const repo = Repo.init();
    repo.commit('init', {
      'README.md': '# x\n',
      'team/policies/network.yaml': NETWORK_POLICY,
      '.hookguard.yaml': 'policyPaths: [team/policies]\nrules:\n  ACME-NET-001: off\n',
    });
    repo.write('infra/bastion.yaml', TEMPLATE);
    repo.git('add', '-A');
    // Before, the config was validated against policies/ only, and the id was refused as unknown (exit 2).
    const off = repo.json(['scan', '--staged']);
    expect(off.code).toBe(0);
    expect(off.report.findings.filter((f) => f.ruleId === 'ACME-NET-001')).toEqual([]);
    repo.write('.hookguard.yaml', 'policyPaths: [team/policies]\n');
    repo.git('add', '-A');
    const on = repo.json(['scan', '--staged']);
    expect(on.code).toBe(1);
    expect(on.report.findings.map((f) => f.ruleId)).toContain('ACME-NET-001');
  });

  it('never report an unknown value (a parameter without Default, a Jinja variable)', () => {
    const repo = repoWithPolicy();
    repo.write('infra/bastion.yaml', TEMPLATE_UNKNOWN);
    repo.write('playbooks/bastion.yml', PLAYBOOK_UNKNOWN);
    repo.git('add', '-A');
    const { report } = repo.json(['scan', '--staged']);
    expect([...report.findings, ...report.existing].filter((f) => f.ruleId === 'ACME-NET-001')).toEqual([]);
    // The same files with literal ranges are reported: the policy did run over them.
    repo.write('infra/bastion.yaml', TEMPLATE);
    repo.git('add', '-A');
    expect(repo.json(['scan', '--staged']).report.findings.some((f) => f.ruleId === 'ACME-NET-001')).toBe(true);
  });

  it('are listed by rules, explained, and rendered as the standard by hookguard policy (kept in step by --check)', () => {
    const repo = repoWithPolicy();
    expect(repo.hookguard(['rules']).stdout).toMatch(/ACME-NET-001\s+high\s+policy\s+SSH only from the office network/);
    const explain = repo.hookguard(['explain', 'acme-net-001']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('Owners: @acme/network');
    const policy = repo.hookguard(['policy']);
    expect(policy.code).toBe(0);
    const doc = policy.stdout;
    expect(doc).toContain('## Our standard');
    expect(doc).toContain('### Networking: how VPCs and security groups are configured');
    expect(doc).toContain('a bastion open to\nanything else is one leaked key away from a breach.');
    for (const ex of [
      'GroupDescription: ssh from a partner range',
      'name: partner-ssh',
      'GroupDescription: ssh from the office',
    ])
      expect(doc).toContain(ex);
    expect(doc).toContain('- Owners: @acme/network');
    repo.write('POLICY.md', doc);
    expect(repo.hookguard(['policy', '--check', 'POLICY.md']).code).toBe(0);
    // The document describes what is staged: an unstaged edit or an untracked policy file is not the standard yet.
    repo.write('policies/network.yaml', NETWORK_POLICY.replace('one leaked key', 'a single leaked key'));
    repo.write('policies/extra.yaml', NETWORK_POLICY.replaceAll('ACME-NET-001', 'ACME-NET-002'));
    expect(repo.hookguard(['policy', '--check', 'POLICY.md']).code).toBe(0);
    repo.git('add', 'policies/network.yaml');
    expect(repo.hookguard(['policy', '--check', 'POLICY.md']).code).toBe(1);
    expect(repo.hookguard(['policy']).stdout).not.toContain('ACME-NET-002');
    repo.git('add', 'policies/extra.yaml');
    expect(repo.hookguard(['policy']).stdout).toContain('ACME-NET-002');
  });

  it('policy init writes a starter pack whose examples behave, and never overwrites a file', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n', 'policies/network.yaml': '# ours\n' });
    const init = repo.hookguard(['policy', 'init']);
    expect(init.code).toBe(0);
    expect(init.stderr).toContain('kept policies/network.yaml');
    for (const f of ['encryption.yaml', 'data-stores.yaml', 'hosts.yaml'])
      expect(init.stderr).toContain(`wrote policies/${f}`);
    expect(readFileSync(path.join(repo.dir, 'policies/network.yaml'), 'utf8')).toBe('# ours\n');
    // The starter loads (every example behaves) and catches what it says it does, in both formats.
    repo.write(
      'deploy/prod/db.yaml',
      'Resources:\n  Orders:\n    Type: AWS::RDS::DBInstance\n    Properties: {Engine: postgres, PubliclyAccessible: true}\n',
    );
    repo.write(
      'site.yml',
      '- hosts: all\n  tasks:\n    - ansible.builtin.lineinfile: {path: /etc/ssh/sshd_config, line: PermitRootLogin yes}\n',
    );
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    const ids = report.findings.map((f) => `${f.ruleId} ${f.file}`);
    expect(ids).toContain('ACME-DATA-001 deploy/prod/db.yaml');
    expect(ids).toContain('ACME-HOST-001 site.yml');
  });
});
