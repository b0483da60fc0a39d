import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, Repo } from '../helpers.js';

afterAll(cleanup);

const PLAYBOOK = `- hosts: web
  become: true
  tasks:
    - name: Fetch the installer
      ansible.builtin.get_url:
        url: https://downloads.example.com/install.sh
        dest: /tmp/install.sh
        checksum: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        validate_certs: false
        mode: '0755'
    - name: Restart nginx
      ansible.builtin.service:
        name: nginx
        state: restarted
`;

describe('Ansible in git modes', () => {
  it('blocks only the task that changed; the old one is listed as existing', () => {
    const repo = Repo.init();
    repo.commit('playbook', { 'site.yml': PLAYBOOK });
    repo.write('site.yml', PLAYBOOK.replace('state: restarted', 'state: reloaded'));
    repo.git('add', '-A');
    let r = repo.json(['scan', '--staged']);
    expect(r.code).toBe(0);
    expect(r.report.existing.map((f) => [f.ruleId, f.line])).toEqual([['ANS-TLS-001', 9]]);
    repo.write('site.yml', PLAYBOOK.replace('dest: /tmp/install.sh', 'dest: /opt/install.sh'));
    repo.git('add', '-A');
    r = repo.json(['scan', '--staged']);
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f) => [f.ruleId, f.line])).toEqual([['ANS-TLS-001', 9]]);
  });

  it('an INI inventory with any name is read; a plaintext password is one finding, masked', () => {
    const repo = Repo.init();
    const pw = 'Zq8#vLm2$Tx9wR';
    repo.write('production', `[web]\nweb1 ansible_host=10.0.0.5 ansible_password=${pw}\n`);
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'production', line: 2, category: 'ansible' });
    expect(JSON.stringify(report)).not.toContain(pw);
    const text = repo.hookguard(['scan', '--staged']);
    expect(text.stdout).not.toContain(pw);
  });

  it('ansible-lint noqa and hookguard:allow are recorded as inline suppressions', () => {
    const repo = Repo.init();
    repo.write(
      'site.yml',
      PLAYBOOK.replace(
        'validate_certs: false',
        'validate_certs: false # hookguard:allow ANS-TLS-001 internal mirror with a private CA',
      ),
    );
    const { code, report } = repo.json(['scan', '.']);
    expect(code).toBe(0);
    expect(report.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'ANS-TLS-001', by: 'inline', reason: 'internal mirror with a private CA' }),
    ]);
  });
});

describe('Ansible: files a playbook refers to come from the scanned source', () => {
  const play = [
    '- hosts: web',
    '  vars_files:',
    '    - vars/tls.yml',
    '  tasks:',
    '    - name: Fetch the agent',
    '      ansible.builtin.get_url:',
    '        url: https://downloads.example.com/agent.tar.gz',
    '        dest: /tmp/agent.tar.gz',
    '        checksum: sha256:0123456789abcdef',
    '        mode: "0644"',
    '        validate_certs: "{{ verify_downloads }}"',
    '',
  ].join('\n');

  it('disk: the vars file on disk resolves the task', () => {
    const repo = Repo.init();
    repo.write('deploy/site.yml', play);
    repo.write('deploy/vars/tls.yml', 'verify_downloads: false\n');
    const { code, report } = repo.json(['scan', '.']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['ANS-TLS-001', 'deploy/site.yml', 11]]);
  });

  it('staged: the index decides, not the working tree; history: the commit being scanned', () => {
    const repo = Repo.init();
    repo.write('deploy/site.yml', play);
    repo.write('deploy/vars/tls.yml', 'verify_downloads: true\n');
    repo.git('add', '-A');
    // Unstaged edit of the vars file: not what is being committed.
    repo.write('deploy/vars/tls.yml', 'verify_downloads: false\n');
    let r = repo.json(['scan', '--staged']);
    expect(r.report.findings).toEqual([]);
    repo.git('add', '-A');
    r = repo.json(['scan', '--staged']);
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f) => [f.ruleId, f.line])).toEqual([['ANS-TLS-001', 11]]);
    repo.git('commit', '-qm', 'deploy');
    r = repo.json(['scan', '--history']);
    expect(r.report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['ANS-TLS-001', 'deploy/site.yml', 11]]);
  });
});

describe('issue 32: files a role installs, in git modes', () => {
  it('a staged yum .repo file and SSH config template are judged at their lines; no fix is offered for them', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': 'roles\n' });
    repo.write(
      'roles/base/files/vendor.repo',
      '[vendor]\nname=Vendor\nbaseurl=http://pkgs.example.net/el9/\ngpgcheck=0\n',
    );
    repo.write(
      'roles/base/templates/ssh_config.j2',
      'Host *\n{% if lab %}\n    StrictHostKeyChecking no\n{% endif %}\n',
    );
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.line, f.ruleId, f.severity])).toEqual([
      ['roles/base/files/vendor.repo', 4, 'ANS-PKG-003', 'high'],
      ['roles/base/templates/ssh_config.j2', 3, 'ANS-SSH-002', 'high'],
    ]);
    expect(repo.hookguard(['scan', '--staged']).stderr).not.toMatch(/safe automatic fix/);
  });
});
