/**
 * Values through variables (issue 24): a task argument set from an inventory's group_vars/host_vars or a role's
 * defaults is judged by its value, in every mode, and the finding says where the value is set.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, gitLogger, Repo, type ReportFinding } from '../helpers.js';

afterAll(cleanup);

const PLAY = `- hosts: web
  tasks:
    - name: Call the API
      ansible.builtin.uri:
        url: https://api.example.com/v1/orders
        validate_certs: "{{ api_validate_certs }}"
`;

const tls = (fs: ReportFinding[]) => fs.filter((f) => f.ruleId === 'ANS-TLS-001');

function withRemote(): Repo {
  const repo = Repo.init();
  const remote = path.join(repo.home, 'remote.git');
  repo.git('init', '-q', '--bare', remote);
  repo.git('remote', 'add', 'origin', remote);
  repo.commit('init', { 'README.md': '# x\n' });
  repo.git('push', '-q', '--no-verify', 'origin', 'main');
  return repo;
}

describe('values through variables', () => {
  it('group_vars/all.yml: reported at the task in every mode, naming the file and line of the variable', () => {
    const repo = withRemote();
    const base = repo.git('rev-parse', 'HEAD');
    repo.write('playbooks/site.yml', PLAY);
    repo.write('group_vars/all.yml', '# API settings\nntp_server: pool.ntp.org\napi_validate_certs: false\n');
    repo.git('add', '-A');
    const check = (fs: ReportFinding[], mode: string) => {
      const t = tls(fs);
      expect(
        t.map((f) => [f.file, f.line]),
        mode,
      ).toEqual([['playbooks/site.yml', 6]]);
      expect(t[0]!.message, mode).toContain('through api_validate_certs from group_vars/all.yml:3 (group all)');
    };
    const staged = repo.json(['scan', '--staged']);
    expect(staged.code).toBe(1);
    check(staged.report.findings, 'staged');
    repo.git('commit', '-q', '--no-verify', '-m', 'api call');
    check(repo.json(['scan', '.']).report.findings, 'paths');
    check(repo.json(['scan', '--history']).report.findings, 'history');
    check(repo.json(['scan', '--diff', `${base}..HEAD`]).report.findings, 'diff');
    const push = `refs/heads/main ${repo.git('rev-parse', 'HEAD')} refs/heads/main ${base}\n`;
    check(repo.json(['scan', '--pre-push', 'origin'], { input: push }).report.findings, 'pre-push');
    // The same fingerprint in every mode.
    const fp = new Set(
      [repo.json(['scan', '.']), repo.json(['scan', '--history'])].map((r) => tls(r.report.findings)[0]!.fingerprint),
    );
    expect(fp.size).toBe(1);
  });

  it('values that differ by group: insecure in one group is reported, naming the group; secure everywhere is not', () => {
    const repo = Repo.init();
    repo.commit('inventories', {
      'site.yml': PLAY,
      'inventories/dev/group_vars/all.yml': 'api_validate_certs: true\n',
      'inventories/qa/group_vars/web.yml': 'http_port: 8080\napi_validate_certs: false\n',
      'inventories/prod/group_vars/all/main.yml': 'api_validate_certs: true\n',
    });
    const r = repo.json(['scan', '.']);
    const t = tls(r.report.findings);
    expect(t.map((f) => f.line)).toEqual([6]);
    expect(t[0]!.message).toContain('through api_validate_certs from inventories/qa/group_vars/web.yml:2 (group web)');
    expect(t[0]!.message).not.toContain('inventories/dev');
    // Fixed in QA: nothing left.
    repo.commit('fix qa', { 'inventories/qa/group_vars/web.yml': 'http_port: 8080\napi_validate_certs: true\n' });
    expect(tls(repo.json(['scan', '.']).report.findings)).toEqual([]);
    // host_vars count too.
    repo.commit('one host', { 'inventories/qa/host_vars/web1.yml': 'api_validate_certs: no\n' });
    const h = tls(repo.json(['scan', '.']).report.findings);
    expect(h.map((f) => f.message)).toEqual([
      expect.stringContaining('from inventories/qa/host_vars/web1.yml:1 (host web1)') as string,
    ]);
  });

  it('undefined stays unknown; play vars override the inventory; role defaults are named with their line', () => {
    const repo = Repo.init();
    repo.commit('undefined', { 'site.yml': PLAY, 'group_vars/all.yml': 'other: 1\n' });
    expect(tls(repo.json(['scan', '.']).report.findings)).toEqual([]);
    // Play vars are above group_vars in Ansible's precedence: true there wins over false in the inventory.
    repo.commit('play vars', {
      'site.yml': PLAY.replace('- hosts: web\n', '- hosts: web\n  vars:\n    api_validate_certs: true\n'),
      'group_vars/all.yml': 'api_validate_certs: false\n',
    });
    expect(tls(repo.json(['scan', '.']).report.findings)).toEqual([]);
    // A role's task, its default false: reported with the defaults file and line.
    repo.commit('role', {
      'roles/api/tasks/main.yml': PLAY.split('\n').slice(2).join('\n').replace(/^ {4}/gm, ''),
      'roles/api/defaults/main.yml': '---\n# defaults\napi_validate_certs: false\n',
      'group_vars/all.yml': 'other: 1\n',
    });
    const t = tls(repo.json(['scan', 'roles']).report.findings);
    expect(t.map((f) => [f.file, f.line])).toEqual([['roles/api/tasks/main.yml', 4]]);
    expect(t[0]!.message).toContain('through api_validate_certs from roles/api/defaults/main.yml:3');
    // The inventory is above role defaults: true in group_vars wins.
    repo.commit('inventory says true', { 'group_vars/all.yml': 'api_validate_certs: true\n' });
    expect(tls(repo.json(['scan', 'roles']).report.findings)).toEqual([]);
  });

  it('every rule: a world-open security group and a file mode set through group_vars', () => {
    const repo = Repo.init();
    repo.commit('vars', {
      'site.yml': `- hosts: all
  tasks:
    - name: Admin access
      amazon.aws.ec2_security_group:
        name: admin
        description: admin
        rules:
          - proto: tcp
            ports: [22]
            cidr_ip: "{{ admin_cidr }}"
    - name: Key file
      ansible.builtin.file:
        path: /etc/app/key.pem
        state: file
        mode: "{{ cert_mode }}"
`,
      'group_vars/all.yml': "admin_cidr: 0.0.0.0/0\ncert_mode: '0666'\n",
    });
    const r = repo.json(['scan', '.']);
    const byLine = r.report.findings.map((f) => [
      f.line,
      f.ruleId,
      /through (\w+) from group_vars\/all\.yml:(\d)/.exec(f.message)?.slice(1),
    ]);
    expect(byLine.some(([, , m]) => JSON.stringify(m) === '["admin_cidr","1"]')).toBe(true);
    expect(byLine.some(([, , m]) => JSON.stringify(m) === '["cert_mode","2"]')).toBe(true);
  });

  it('a staged playbook with variables reads inventory folders from the index, and asks git only when it must', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    // A git on PATH that logs its arguments, then runs the real one.
    const logged = gitLogger(repo);
    const { env } = logged;
    const lsFiles = () => logged.calls(/(?:^| )ls-files /);
    repo.write('playbooks/site.yml', PLAY);
    repo.git('add', '-A');
    logged.reset();
    const none = repo.json(['scan', '--staged'], { env });
    expect(tls(none.report.findings)).toEqual([]); // undefined: unknown, never a finding
    expect(lsFiles()).toEqual([]);
    // With inventory variables staged, they are listed and the value is judged.
    repo.write('group_vars/all.yml', 'api_validate_certs: false\n');
    repo.git('add', '-A');
    logged.reset();
    const some = repo.json(['scan', '--staged'], { env });
    expect(tls(some.report.findings).map((f) => `${f.file}:${f.line}`)).toEqual(['playbooks/site.yml:6']);
    // The index's entries are read without git (versions 2 and 3)…
    expect(lsFiles()).toEqual([]);
    // …and git lists them where only git can (version 4 compresses the paths): the same finding.
    repo.git('update-index', '--index-version', '4');
    logged.reset();
    const v4 = repo.json(['scan', '--staged'], { env });
    expect(tls(v4.report.findings).map((f) => `${f.file}:${f.line}`)).toEqual(['playbooks/site.yml:6']);
    expect(lsFiles().length).toBeGreaterThan(0);
  });
});
