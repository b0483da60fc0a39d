/** ACCESS-001/002 through the real CLI: revoked users and keys in each place that grants SSH access. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintOf, publicKeys } from '../../src/rules/access/keys.js';
import { cleanup, Repo, tempDir } from '../helpers.js';

afterAll(cleanup);

/** A fresh key pair made by ssh-keygen: the public line and the fingerprint ssh-keygen prints for it. */
function sshKey(comment: string): { pub: string; fp: string } {
  const dir = tempDir('hg-key-');
  const file = path.join(dir, 'k');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  const pub = readFileSync(`${file}.pub`, 'utf8').trim();
  const fp = /SHA256:\S+/.exec(execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }))![0];
  return { pub, fp };
}

function ids(report: { findings: Array<{ ruleId: string; file: string; line: number }> }) {
  return report.findings.filter((f) => f.ruleId.startsWith('ACCESS-')).map((f) => [f.ruleId, f.file, f.line]);
}

describe('ACCESS-001 / ACCESS-002', () => {
  it('fingerprints are computed as ssh-keygen prints them (ed25519 and RSA)', () => {
    const k = sshKey('bob@laptop');
    const parsed = publicKeys(`no-pty,from="10.0.0.1" ${k.pub}`);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.fingerprint).toBe(k.fp);
    expect(parsed[0]!.comment).toBe('bob@laptop');
    const dir = tempDir('hg-key-');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'x', '-f', path.join(dir, 'r')]);
    const rsa = readFileSync(path.join(dir, 'r.pub'), 'utf8');
    const want = /SHA256:\S+/.exec(
      execFileSync('ssh-keygen', ['-lf', path.join(dir, 'r.pub')], { encoding: 'utf8' }),
    )![0];
    expect(fingerprintOf(rsa.split(' ')[1]!)).toBe(want);
  });

  it('authorized_keys, Ansible tasks, cloud-init in CloudFormation UserData and in Ansible vars', () => {
    const bob = sshKey('bob@laptop');
    const carol = sshKey('carol-old-key');
    const alice = sshKey('alice@desk');
    const repo = Repo.init();
    repo.write(
      '.hookguard.yaml',
      `revoked:\n  users: [bob, dave]\n  keys:\n    - ${carol.fp}\n    - mallory-yubikey\n`,
    );
    // 1. authorized_keys: bob's key by its comment, carol's by fingerprint; alice's stays.
    repo.write('files/authorized_keys', `${alice.pub}\n${bob.pub}\n# old\n${carol.pub}\n`);
    // 2. Ansible: authorized_key for a revoked user, a user loop creating dave, a revoked key literal;
    //    ACCESS-002: the play manages users from a list but keys are not exclusive.
    repo.write(
      'playbooks/users.yml',
      [
        '- hosts: all',
        '  tasks:',
        '    - name: Accounts',
        '      ansible.builtin.user:',
        '        name: "{{ item }}"',
        '        state: present',
        '      loop: [alice, dave]',
        '    - name: Keys of bob',
        '      ansible.posix.authorized_key:',
        '        user: bob',
        "        key: \"{{ lookup('file', 'bob.pub') }}\"",
        '    - name: Alice key',
        '      authorized_key:',
        '        user: alice',
        `        key: "${carol.pub}"`,
        '    - name: Gone',
        '      authorized_key: user=bob key=x state=absent',
        '',
      ].join('\n'),
    );
    // 3. CloudFormation UserData with cloud-init users.
    repo.write(
      'infra/bastion.yaml',
      [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Resources:',
        '  Bastion:',
        '    Type: AWS::EC2::Instance',
        '    Properties:',
        '      ImageId: ami-12345678',
        '      UserData:',
        '        Fn::Base64: !Sub |',
        '          #cloud-config',
        '          users:',
        '            - name: alice',
        '              ssh_authorized_keys:',
        `                - ${alice.pub}`,
        '            - name: bob',
        '              ssh_authorized_keys: []',
        '',
      ].join('\n'),
    );
    // 4. Ansible vars holding cloud-init user data.
    repo.write(
      'group_vars/web.yml',
      [
        'user_data: |',
        '  #cloud-config',
        '  ssh_authorized_keys:',
        `    - ${carol.pub}`,
        '    - "{{ deploy_key }}"',
        '',
      ].join('\n'),
    );
    // 5. A cloud-init file of its own, and a JSON template whose UserData is one quoted string.
    repo.write(
      'cloud/user-data.yaml',
      ['#cloud-config', 'users:', '  - default', '  - name: dave', '    groups: sudo', ''].join('\n'),
    );
    repo.write(
      'infra/web.json',
      JSON.stringify(
        {
          AWSTemplateFormatVersion: '2010-09-09',
          Resources: {
            Web: {
              Type: 'AWS::EC2::Instance',
              Properties: {
                ImageId: 'ami-12345678',
                UserData: { 'Fn::Base64': `#cloud-config\nssh_authorized_keys:\n  - ${carol.pub}\n` },
              },
            },
          },
        },
        null,
        2,
      ) + '\n',
    );
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(ids(report)).toEqual([
      ['ACCESS-001', 'cloud/user-data.yaml', 4],
      ['ACCESS-001', 'files/authorized_keys', 2],
      ['ACCESS-001', 'files/authorized_keys', 4],
      ['ACCESS-001', 'group_vars/web.yml', 4],
      ['ACCESS-001', 'infra/bastion.yaml', 14],
      ['ACCESS-001', 'infra/web.json', 9],
      ['ACCESS-001', 'playbooks/users.yml', 7],
      ['ACCESS-002', 'playbooks/users.yml', 9],
      ['ACCESS-001', 'playbooks/users.yml', 10],
      ['ACCESS-002', 'playbooks/users.yml', 13],
      ['ACCESS-001', 'playbooks/users.yml', 15],
    ]);
    const msg = (file: string, line: number) =>
      report.findings.find((f) => f.file === file && f.line === line && f.ruleId === 'ACCESS-001')!.message;
    expect(msg('files/authorized_keys', 2)).toContain('key of revoked user bob (bob@laptop)');
    expect(msg('files/authorized_keys', 4)).toContain(`key ${carol.fp} is revoked`);
    expect(msg('playbooks/users.yml', 7)).toContain('revoked user dave');
    expect(msg('infra/bastion.yaml', 14)).toContain('creates revoked user bob');
    expect(report.findings.filter((f) => f.ruleId === 'ACCESS-002').map((f) => f.severity)).toEqual([
      'medium',
      'medium',
    ]);

    // Without a revoked list nothing runs; with exclusive: true ACCESS-002 is gone.
    repo.write('.hookguard.yaml', 'revoked:\n  users: [nobody]\n');
    repo.write(
      'playbooks/users.yml',
      readFileSync(path.join(repo.dir, 'playbooks/users.yml'), 'utf8')
        .replace('        user: alice\n', '        user: alice\n        exclusive: true\n')
        .replace('        user: bob\n', '        user: bob\n        exclusive: yes\n'),
    );
    repo.git('add', '-A');
    expect(ids(repo.json(['scan', '--staged']).report)).toEqual([]);
  });

  it('an existing grant in a file the change does not touch is shown as existing, not blocking', () => {
    const bob = sshKey('bob@laptop');
    const repo = Repo.init();
    repo.write('.hookguard.yaml', 'revoked:\n  users: [bob]\n');
    repo.write('home/bob/.ssh/authorized_keys', `${bob.pub.replace('bob@laptop', 'work')}\n`);
    repo.commit('old grant');
    repo.write('home/bob/.ssh/authorized_keys', `${bob.pub.replace('bob@laptop', 'work')}\n# note\n`);
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(0);
    expect(report.existing.map((f) => [f.ruleId, f.line])).toEqual([['ACCESS-001', 1]]);
    expect(report.existing[0]!.message).toContain('file of revoked user bob');
  });
});

describe('offboarding: removals are the fix', () => {
  it('authorized_key / user tasks with state: absent (also per loop item) are not findings; a present one still is', () => {
    const old = sshKey('ops@old');
    const repo = Repo.init();
    repo.write('.hookguard.yaml', `revoked:\n  users: [bob]\n  keys: ["${old.fp}"]\n`);
    const removal = [
      '- name: remove the old ops key',
      '  ansible.posix.authorized_key:',
      '    user: deploy',
      `    key: "${old.pub}"`,
      '    state: absent',
      '- name: remove bob',
      '  ansible.builtin.user:',
      '    name: bob',
      '    state: absent',
      '- name: drop keys',
      '  ansible.posix.authorized_key:',
      '    user: "{{ item.user }}"',
      '    key: "{{ item.key }}"',
      '    state: "{{ item.state }}"',
      '  loop:',
      `    - { user: deploy, key: "${old.pub}", state: absent }`,
      '',
    ].join('\n');
    repo.write('roles/ops/tasks/main.yml', removal);
    repo.git('add', '-A');
    const staged = repo.json(['scan', '--staged']);
    expect(
      staged.report.findings.filter((f) => f.ruleId.startsWith('ACCESS')),
      JSON.stringify(staged.report.findings),
    ).toEqual([]);
    expect(staged.code).toBe(0);
    repo.commit('offboard');
    expect(ids(repo.json(['scan']).report)).toEqual([]);

    // The same key installed by a task that is not a removal is still reported.
    repo.write(
      'roles/ops/tasks/main.yml',
      `${removal}- name: add it back\n  ansible.posix.authorized_key:\n    user: deploy\n    key: "${old.pub}"\n`,
    );
    const back = repo.json(['scan']);
    expect(back.code).toBe(1);
    expect(back.report.findings.filter((f) => f.ruleId === 'ACCESS-001').map((f) => f.line)).toEqual([20]);
  });
});

describe('ACCESS-001: keys deployed from files and sudo grants (issue 24)', () => {
  function repoWithRevoked(): { repo: Repo; carol: { pub: string; fp: string }; alice: { pub: string; fp: string } } {
    const carol = sshKey('carol-old-key');
    const alice = sshKey('alice@desk');
    const repo = Repo.init();
    repo.write('.hookguard.yaml', `revoked:\n  users: [bob]\n  keys:\n    - ${carol.fp}\n`);
    return { repo, carol, alice };
  }

  it("a revoked key in a .pub file that a task deploys (lookup('file'), a role's files/, copy to authorized_keys)", () => {
    const { repo, carol, alice } = repoWithRevoked();
    repo.write('playbooks/files/ops.pub', `${alice.pub}\n${carol.pub}\n`);
    repo.write('playbooks/files/alice.pub', `${alice.pub}\n`);
    repo.write(
      'playbooks/keys.yml',
      [
        '- hosts: all',
        '  tasks:',
        '    - name: Ops keys',
        '      ansible.posix.authorized_key:',
        '        user: deploy',
        `        key: "{{ lookup('file', 'ops.pub') }}"`,
        '    - name: Alice',
        '      ansible.posix.authorized_key:',
        '        user: alice',
        `        key: "{{ lookup('file', 'alice.pub') }}"`,
        '',
      ].join('\n'),
    );
    repo.write('roles/ops/files/carol.pub', `${carol.pub}\n`);
    repo.write(
      'roles/ops/tasks/main.yml',
      [
        '- name: Carol',
        '  ansible.posix.authorized_key:',
        '    user: deploy',
        `    key: "{{ lookup('ansible.builtin.file', 'carol.pub') }}"`,
        '- name: Whole file',
        '  ansible.builtin.copy:',
        '    src: carol.pub',
        '    dest: /home/deploy/.ssh/authorized_keys',
        '    mode: "0600"',
        '',
      ].join('\n'),
    );
    repo.git('add', '-A');
    const want = [
      ['ACCESS-001', 'playbooks/keys.yml', 6],
      ['ACCESS-001', 'roles/ops/tasks/main.yml', 4],
      ['ACCESS-001', 'roles/ops/tasks/main.yml', 7],
    ];
    const staged = repo.json(['scan', '--staged']);
    expect(ids(staged.report)).toEqual(want);
    expect(staged.code).toBe(1);
    const msg = staged.report.findings.find((f) => f.file === 'playbooks/keys.yml')!.message;
    expect(msg).toContain('deploys playbooks/files/ops.pub (line 2)');
    expect(msg).toContain(carol.fp);
    repo.git('commit', '-q', '--no-verify', '-m', 'keys');
    expect(ids(repo.json(['scan', '.']).report)).toEqual(want);
    expect(ids(repo.json(['scan', '--history']).report)).toEqual(want);
    // Taking the key out of the file is the fix.
    repo.commit('drop carol', { 'playbooks/files/ops.pub': `${alice.pub}\n` });
    expect(ids(repo.json(['scan', 'playbooks']).report)).toEqual([]);
  });

  it('sudo grants to revoked users: lineinfile, copy content, a template, /etc/sudoers.d files, the sudoers module', () => {
    const { repo } = repoWithRevoked();
    repo.write(
      'site.yml',
      [
        '- hosts: all',
        '  become: true',
        '  tasks:',
        '    - name: Bob may sudo',
        '      ansible.builtin.lineinfile:',
        '        path: /etc/sudoers',
        "        line: 'bob ALL=(ALL) NOPASSWD: ALL'",
        "        validate: 'visudo -cf %s'",
        '    - name: Drop-in',
        '      ansible.builtin.copy:',
        '        dest: /etc/sudoers.d/ops',
        '        content: "bob ALL=(root) /usr/bin/systemctl\\n"',
        '        mode: "0440"',
        '    - name: From a template',
        '      ansible.builtin.template:',
        '        src: admins.j2',
        '        dest: /etc/sudoers.d/admins',
        '    - name: Module',
        '      community.general.sudoers:',
        '        name: bob-restart',
        '        user: bob',
        '        commands: /usr/bin/systemctl restart app',
        '    - name: Alice is fine',
        '      ansible.builtin.lineinfile:',
        '        path: /etc/sudoers.d/alice',
        "        line: 'alice ALL=(ALL) ALL'",
        '    - name: Removing bob is the fix',
        '      ansible.builtin.lineinfile:',
        '        path: /etc/sudoers',
        "        line: 'bob ALL=(ALL) NOPASSWD: ALL'",
        '        state: absent',
        '',
      ].join('\n'),
    );
    repo.write('templates/admins.j2', '# admins\nUser_Alias ADMINS = alice, bob\nADMINS ALL=(ALL) ALL\n');
    repo.write('files/sudoers.d/legacy', 'Defaults env_reset\n%wheel ALL=(ALL) ALL\nbob ALL=(ALL) ALL\n');
    repo.commit('sudo');
    for (const args of [
      ['scan', '.'],
      ['scan', '--history'],
    ]) {
      const r = repo.json(args);
      expect(ids(r.report), args.join(' ')).toEqual([
        ['ACCESS-001', 'files/sudoers.d/legacy', 3],
        ['ACCESS-001', 'site.yml', 7],
        ['ACCESS-001', 'site.yml', 12],
        ['ACCESS-001', 'site.yml', 16],
        ['ACCESS-001', 'site.yml', 21],
      ]);
      const tpl = r.report.findings.find((f) => f.line === 16)!;
      expect(tpl.message).toContain('revoked user bob in /etc/sudoers.d/admins (templates/admins.j2 line 3)');
    }
  });
});
