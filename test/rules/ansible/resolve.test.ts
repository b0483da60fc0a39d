/**
 * What the playbook says, resolved where it is literal: play/block/task vars, vars_files and role defaults (texts
 * supplied by the scan's source), set_fact, loop items. Unresolvable Jinja stays unknown.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { family, lintAnsible, rules } from '../../../src/rules/ansible/index.js';
import { relatedPaths } from '../../../src/parse/ansible-resolve.js';
import { ROOT } from '../../helpers.js';

const fx = (name: string) => readFileSync(path.join(ROOT, 'fixtures', 'ansible', 'resolve', name), 'utf8');
const ids = (logical: string, text: string, related: Record<string, string> = {}) =>
  lintAnsible(logical, text, rules, new Map(Object.entries(related)))
    .findings.filter((f) => !f.suppressed)
    .map((f) => `${f.ruleId}@${f.line}`)
    .sort();

describe('loops over play vars', () => {
  it('finds SSH, MySQL and memcached opened to the world through with_items over play vars', () => {
    const res = lintAnsible('site.yml', fx('sg-loop.yml'));
    const aws = res.findings.filter((f) => f.ruleId === 'ANS-AWS-001');
    // Reported on the literal in vars: (line 14 SSH, 23 MySQL through {{ world }}, 27 memcached), not the HTTPS rule.
    expect(aws.map((f) => f.line)).toEqual([14, 23, 27]);
    expect(aws.map((f) => f.message)).toEqual([
      expect.stringContaining('port 22'),
      expect.stringContaining('port 3306'),
      expect.stringContaining('port 11211'),
    ]);
    expect(aws[0]!.why).toBe('Resolved through with_items over {{ security_groups }}, item 1');
    expect(aws[1]!.why).toBe('Resolved through with_items over {{ security_groups }}, item 2');
    expect(new Set(aws.map((f) => f.path)).size).toBe(3);
    // Blocking follows the task.
    expect(aws[0]!.scope).toEqual([35, 41]);
  });

  it('loop:, with_list and with_dict over literal lists and maps, and loop_control.loop_var', () => {
    const text = [
      '- hosts: all', //1
      '  vars:', //2
      '    dirs: {cache: "0777", logs: "0750"}', //3
      '  tasks:', //4
      '    - ansible.builtin.file:', //5
      '        path: "/srv/{{ item.key }}"', //6
      '        mode: "{{ item.value }}"', //7
      '        state: directory', //8
      '      with_dict: "{{ dirs }}"', //9
      '    - ansible.builtin.file:', //10
      '        path: /srv/x', //11
      '        mode: "{{ m }}"', //12
      '      loop: ["0640", "0666"]', //13
      '      loop_control: {loop_var: m}', //14
    ].join('\n');
    // Reported on the task's `mode:` (the value came from a loop item), once per task.
    expect(ids('site.yml', text)).toEqual(['ANS-PERM-001@12', 'ANS-PERM-001@7']);
    const why = lintAnsible('site.yml', text).findings.map((f) => f.why);
    expect(why).toEqual([
      'Resolved through with_dict over {{ dirs }}, item 1',
      'Resolved through loop over a literal list, item 2',
    ]);
  });
});

describe('variables', () => {
  it('reads vars_files from the text the source supplies; without it the value stays unknown', () => {
    expect(relatedPaths('deploy/site.yml', fx('vars-files.yml'))).toEqual(['deploy/vars/tls.yml']);
    expect(ids('deploy/site.yml', fx('vars-files.yml'), { 'deploy/vars/tls.yml': fx('vars/tls.yml') })).toEqual([
      'ANS-TLS-001@12',
    ]);
    expect(ids('deploy/site.yml', fx('vars-files.yml'))).toEqual([]);
  });

  it('reads role defaults and role vars for a role task file (vars over defaults)', () => {
    const task =
      '- name: x\n  ansible.builtin.uri:\n    url: https://api.example.com\n    validate_certs: "{{ api_verify }}"\n';
    expect(relatedPaths('roles/api/tasks/main.yml', task)).toEqual([
      'roles/api/defaults/main.yml',
      'roles/api/defaults/main.yaml',
      'roles/api/vars/main.yml',
      'roles/api/vars/main.yaml',
    ]);
    expect(ids('roles/api/tasks/main.yml', task, { 'roles/api/defaults/main.yml': 'api_verify: no\n' })).toEqual([
      'ANS-TLS-001@4',
    ]);
    expect(
      ids('roles/api/tasks/main.yml', task, {
        'roles/api/defaults/main.yml': 'api_verify: no\n',
        'roles/api/vars/main.yml': 'api_verify: yes\n',
      }),
    ).toEqual([]);
  });

  it('task vars win over block vars over play vars; set_fact counts for the tasks after it', () => {
    const text = [
      '- hosts: all', //1
      '  vars: {v: false}', //2
      '  tasks:', //3
      '    - block:', //4
      '        - uri: {url: "https://a.example.com", validate_certs: "{{ v }}"}', //5
      '          vars: {v: true}', //6
      '        - uri: {url: "https://b.example.com", validate_certs: "{{ v }}"}', //7
      '      vars: {v: true}', //8
      '    - uri: {url: "https://c.example.com", validate_certs: "{{ later }}"}', //9
      '    - set_fact: {later: false}', //10
      '    - uri: {url: "https://d.example.com", validate_certs: "{{ later }}"}', //11
      '    - uri: {url: "https://e.example.com", validate_certs: "{{ v }}"}', //12
    ].join('\n');
    expect(ids('site.yml', text)).toEqual(['ANS-TLS-001@11', 'ANS-TLS-001@12']);
  });

  it('leaves filters, lookups, undefined names and secret-looking variables unknown', () => {
    const text = [
      '- hosts: all',
      '  vars: {verify: false, db_password: "{{ vault_db_password }}"}',
      '  tasks:',
      '    - uri: {url: "https://a.example.com", validate_certs: "{{ verify | bool }}"}',
      '    - uri: {url: "https://b.example.com", validate_certs: "{{ lookup(\'env\', \'V\') }}"}',
      '    - uri: {url: "https://c.example.com", validate_certs: "{{ nowhere }}"}',
      '    - community.mysql.mysql_user: {name: app, password: "{{ db_password }}"}',
      '      no_log: true',
    ].join('\n');
    expect(ids('site.yml', text)).toEqual([]);
  });

  it('interpolates Jinja in part of a command line when every part is known', () => {
    const text = [
      '- hosts: all',
      '  vars: {tool: /usr/bin/mysqladmin, pw_flag: "-pSup3rSecretPassw0rd"}',
      '  tasks:',
      '    - shell: "{{ tool }} -u root {{ pw_flag }} status"',
    ].join('\n');
    // The literal lives in vars: the secret rules report it there; the command line resolves for command rules.
    expect(lintAnsible('site.yml', text).errors).toEqual([]);
  });
});

describe('partial Jinja does not hide a literal password', () => {
  it.each([
    ['- shell: drush si --db-url=mysql://{{ domain }}:1234@localhost/{{ domain }} -y\n', 1],
    ['- command: drush si standard --account-pass=Sup3rAdminPass --account-name=admin\n', 1],
    ['- command: drush si standard --account-pass="{{ admin_pass }}"\n  no_log: true\n', 0],
  ])('%s', (text, n) => {
    expect(ids('tasks/x.yml', text).filter((x) => x.startsWith('ANS-EXEC-002')).length).toBe(n);
  });
});

describe('the family asks for related files', () => {
  it('names vars_files relative to the playbook and skips Jinja and absolute paths', () => {
    expect(
      family.related!('play/site.yml', '- hosts: all\n  vars_files: [../common.yml, /etc/x.yml, "{{ e }}.yml"]\n'),
    ).toEqual(['common.yml']);
  });
});

describe('secret arguments stay references', () => {
  it('does not resolve a secret-named argument or nested key, whatever the variable is called', () => {
    const text = [
      '- hosts: all',
      '  vars: {admin_pwd: hunter22hunter, cfg: {password: "{{ admin_pwd }}"}}',
      '  tasks:',
      '    - community.mongodb.mongodb_user:',
      '        name: app',
      '        login_password: "{{ admin_pwd }}"',
      '        password: x',
      '      no_log: true',
    ].join('\n');
    expect(ids('site.yml', text).filter((x) => x.startsWith('ANS-SECRET-005'))).toEqual([]);
  });
});
