/** The Ansible family as a whole: classification, task walking, values, suppression, errors, positions. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { family, lintAnsible } from '../../../src/rules/ansible/index.js';
import { looksLikeAnsible } from '../../../src/rules/ansible/detect.js';
import { loadAnsible } from '../../../src/parse/ansible.js';
import { ROOT } from '../../helpers.js';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'fixtures', 'ansible', 'classify', name), 'utf8');
const ids = (logical: string, text: string) =>
  lintAnsible(logical, text)
    .findings.filter((f) => !f.suppressed)
    .map((f) => `${f.ruleId}@${f.line}`);

describe('classification', () => {
  it.each([
    ['k8s manifest', 'deploy/k8s-deployment.yml', 'k8s-deployment.yml'],
    ['docker-compose', 'docker-compose.yml', 'docker-compose.yml'],
    ['GitHub workflow', '.github/workflows/ci.yml', 'workflow.yml'],
    ['list of strings', 'data/list.yml', 'list-of-strings.yml'],
  ])('leaves a %s alone', (_what, logical, name) => {
    const res = family.lint(logical, fixture(name));
    expect(res).toEqual({ matched: false, findings: [], errors: [] });
  });

  it('leaves a k8s manifest alone even under roles/*/files', () => {
    expect(family.lint('roles/app/files/deploy.yml', fixture('k8s-deployment.yml')).matched).toBe(false);
  });

  it.each([
    ['site.yml', '- hosts: all\n  tasks: []\n', 'playbook'],
    ['import.yml', '- import_playbook: site.yml\n', 'playbook'],
    ['roles/web/tasks/main.yml', '- name: x\n  debug: {msg: hi}\n', 'tasks'],
    ['roles/web/handlers/main.yml', '- name: restart\n  service: {name: nginx, state: restarted}\n', 'tasks'],
    ['tasks/extra.yml', '- ansible.builtin.debug: {msg: hi}\n', 'tasks'],
    ['misc/included.yml', '- name: x\n  community.general.ufw: {state: enabled}\n', 'tasks'],
    ['group_vars/all.yml', 'a: 1\n', 'vars'],
    ['group_vars/web/main', 'a: 1\n', 'vars'],
    ['host_vars/web1.yml', 'a: 1\n', 'vars'],
    ['roles/web/defaults/main.yml', 'a: 1\n', 'vars'],
    ['roles/web/vars/main.yml', 'a: 1\n', 'vars'],
    ['vars/secrets.yml', 'a: 1\n', 'vars'],
    ['inventory/hosts', '[web]\nweb1\n', 'inventory'],
    ['hosts.ini', '[web]\nweb1\n', 'inventory'],
    ['inventories/prod/hosts.yml', 'all:\n  hosts:\n    web1:\n', 'inventory'],
    ['inventory/prod', 'all:\n  children:\n    web:\n', 'inventory'],
    ['ansible.cfg', '[defaults]\nforks = 5\n', 'config'],
    ['requirements.yml', fixture('requirements.yml'), 'requirements'],
    ['roles/web/meta/main.yml', 'galaxy_info:\n  author: x\n', 'meta'],
    ['group_vars/all/vault.yml', '$ANSIBLE_VAULT;1.1;AES256\n6231\n', 'vault'],
  ])('%s is %s', (logical, text, kind) => {
    const r = loadAnsible(logical, text);
    expect(r.matched).toBe(true);
    expect(r.file?.kind).toBe(kind);
  });

  it('the cheap detector routes the usual places and playbooks to the family', () => {
    expect(looksLikeAnsible('ansible.cfg', '')).toBe(true);
    expect(looksLikeAnsible('group_vars/all', '')).toBe(true);
    expect(looksLikeAnsible('site.yml', '- hosts: all\n')).toBe(true);
    expect(looksLikeAnsible('requirements.yml', 'collections: []\n')).toBe(true);
    expect(looksLikeAnsible('secrets.yml', 'ansible_become_password: x\n')).toBe(true);
    expect(looksLikeAnsible('docker-compose.yml', fixture('docker-compose.yml'))).toBe(false);
    expect(looksLikeAnsible('README.md', '- hosts: all')).toBe(false);
  });

  it('a vault-encrypted file is Ansible and has no findings', () => {
    const r = family.lint('group_vars/all/vault.yml', '$ANSIBLE_VAULT;1.1;AES256\n62313365396662343061\n');
    expect(r).toEqual({ matched: true, findings: [], errors: [] });
  });
});

describe('task walking', () => {
  it('finds tasks in pre_tasks, blocks, rescue, always, loops and handlers; FQCN and short names alike', () => {
    expect(ids('site.yml', fixture('playbook-with-blocks.yml')).sort()).toEqual(
      [
        'ANS-TLS-001@15',
        'ANS-TLS-001@20',
        'ANS-TLS-001@25',
        'ANS-PERM-001@29',
        'ANS-OS-003@38',
        'ANS-PERM-005@10',
      ].sort(),
    );
  });

  it('records module names, collections and free-form arguments', () => {
    const f = loadAnsible(
      'tasks/x.yml',
      '- shell: curl https://x | sh\n- ansible.legacy.get_url: url=https://a.example.com/b dest=/tmp/b mode="0644"\n- action: ansible.builtin.command echo hi\n- local_action:\n    module: uri\n    url: https://a.example.com\n',
    ).file!;
    expect(f.tasks.map((t) => [t.module, t.short, t.collection])).toEqual([
      ['shell', 'shell', ''],
      ['ansible.legacy.get_url', 'get_url', 'ansible.legacy'],
      ['ansible.builtin.command', 'command', 'ansible.builtin'],
      ['uri', 'uri', ''],
    ]);
    expect(f.tasks[0]!.freeForm?.value).toBe('curl https://x | sh');
    const args = f.tasks[1]!.args;
    expect([...args.keys()]).toEqual(['url', 'dest', 'mode']);
    expect(args.get('mode')!.value).toBe('0644');
    // Column of the `mode=` key inside the free-form string, and of its value without quotes.
    expect(args.get('mode')!.keyPos).toMatchObject({ line: 2, column: 67 });
    expect(args.get('mode')!.valuePos).toMatchObject({ line: 2, column: 73, endColumn: 77 });
    expect(f.tasks[2]!.freeForm?.value).toBe('echo hi');
    expect(f.tasks[3]!.args.get('url')?.value).toBe('https://a.example.com');
  });

  it('merges args: into the module arguments', () => {
    const r = ids(
      'tasks/x.yml',
      '- name: t\n  ansible.builtin.get_url:\n    url: https://a.example.com/b\n  args:\n    dest: /tmp/b\n    checksum: sha256:00\n    validate_certs: false\n    mode: "0644"\n',
    );
    expect(r).toEqual(['ANS-TLS-001@7']);
  });

  it('reports the offending key with its column, the task as scope, and a stable path preferring the task name', () => {
    const text =
      '- hosts: all\n  tasks:\n    - name: Fetch\n      get_url:\n        url: https://a.example.com/x\n        checksum: sha256:00\n        dest: /tmp/x\n        validate_certs: no\n\n    - uri:\n        url: https://a.example.com\n        validate_certs: no\n';
    const [a, b] = lintAnsible('site.yml', text).findings.filter((f) => f.ruleId !== 'ANS-PERM-005');
    expect(a).toMatchObject({ ruleId: 'ANS-TLS-001', line: 8, column: 9, endLine: 8, endColumn: 23, scope: [3, 8] });
    expect(a!.path).toBe('plays[0].tasks["Fetch"].get_url.validate_certs');
    expect(b).toMatchObject({ line: 12, scope: [10, 12], path: 'plays[0].tasks[1].uri.validate_certs' });
  });

  it('reports at the task when a required key is missing', () => {
    const [f] = lintAnsible(
      'tasks/x.yml',
      '- name: x\n  ansible.builtin.get_url:\n    url: https://github.com/a/b\n    dest: /tmp/b\n',
    ).findings;
    expect(f).toMatchObject({ ruleId: 'ANS-DL-001', line: 1, column: 3, scope: [1, 4] });
  });
});

describe('values', () => {
  it('treats Jinja as unknown, not insecure', () => {
    const text =
      '- ansible.builtin.get_url:\n    url: "{{ u }}"\n    dest: /tmp/x\n    validate_certs: "{{ v }}"\n    mode: "{{ m }}"\n- ansible.builtin.user:\n    name: x\n    password: "{{ p | password_hash(\'sha512\') }}"\n  no_log: true\n';
    expect(ids('tasks/x.yml', text)).toEqual([]);
  });

  it('flags a secret-looking variable passed to a password argument without no_log', () => {
    expect(
      ids('tasks/x.yml', '- community.mysql.mysql_user:\n    name: app\n    password: "{{ db_password }}"\n'),
    ).toEqual(['ANS-SECRET-006@3']);
  });

  it('accepts !vault values and masks plaintext secrets by column range', () => {
    expect(ids('group_vars/all.yml', 'db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6231\n')).toEqual([]);
    const text = 'ansible_become_password: Sup3rSecretPassw0rd!\n';
    const [f] = lintAnsible('group_vars/all.yml', text).findings;
    expect(f).toMatchObject({ ruleId: 'ANS-SECRET-003', secret: true, line: 1, column: 26, endColumn: 46 });
    expect(text.slice(f!.column - 1, f!.endColumn - 1)).toBe('Sup3rSecretPassw0rd!');
    expect(f!.path).toBe('group_vars/all.yml:ansible_become_password');
    expect(f!.message).not.toContain('Sup3r');
  });

  it('reads modes the way Ansible does: YAML 1.1 octal ints, decimal ints, strings, symbolic', () => {
    const t = (mode: string) => ids('tasks/x.yml', `- file:\n    path: /x\n    mode: ${mode}\n`);
    expect(t('0777')).toEqual(['ANS-PERM-001@3']);
    expect(t("'0777'")).toEqual(['ANS-PERM-001@3']);
    expect(t('"777"')).toEqual(['ANS-PERM-001@3']);
    expect(t('0o777')).toEqual(['ANS-PERM-001@3']);
    expect(t('777')).toEqual(['ANS-PERM-002@3']); // decimal 777 = 0o1411: odd, but not world-writable
    expect(t('666').sort()).toEqual(['ANS-PERM-001@3', 'ANS-PERM-002@3']); // decimal 666 = 0o1232
    expect(t('644')).toEqual(['ANS-PERM-002@3']);
    expect(t('0644')).toEqual([]);
    expect(t('o+w')).toEqual(['ANS-PERM-001@3']);
    expect(t('+w')).toEqual(['ANS-PERM-001@3']);
    expect(t('u+w')).toEqual([]);
    expect(t('a+rwx,o-w')).toEqual([]);
  });
});

describe('suppression', () => {
  it('honours # noqa with ansible-lint names, our ids, bare noqa on the line, and named noqa on the task line', () => {
    const res = lintAnsible('site.yml', fixture('noqa.yml'));
    const open = res.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId}@${f.line}`);
    const quiet = res.findings.filter((f) => f.suppressed).map((f) => `${f.ruleId}@${f.line}:${f.suppressed!.reason}`);
    expect(open.sort()).toEqual(['ANS-DL-001@11', 'ANS-PERM-001@19', 'ANS-PERM-005@11'].sort());
    expect(quiet.sort()).toEqual(
      [
        'ANS-PERM-001@6:noqa risky-file-permissions',
        'ANS-PERM-001@10:noqa ANS-PERM-001',
        'ANS-TLS-001@15:noqa',
        'ANS-SECRET-006@23:noqa no-log-password',
      ].sort(),
    );
    for (const f of res.findings.filter((x) => x.suppressed)) expect(f.suppressed!.by).toBe('inline');
  });
});

describe('errors', () => {
  it('reports malformed YAML with a line, without throwing or quoting the file', () => {
    const res = family.lint('site.yml', fixture('malformed.yml'));
    expect(res.matched).toBe(true);
    expect(res.findings).toEqual([]);
    expect(res.errors.length).toBeGreaterThan(0);
    for (const e of res.errors) {
      expect(e.line).toBeGreaterThan(0);
      expect(e.message).not.toContain('Sup3r');
      expect(e.message).not.toContain('unterminated');
    }
  });

  it('never throws on odd input', () => {
    for (const text of [
      '',
      '---\n',
      '[',
      '- 1\n- [a, b]\n',
      'a: *x\n',
      '- hosts: all\n  tasks: 5\n',
      '- block: 3\n',
      '- name: only\n',
    ])
      for (const logical of ['site.yml', 'tasks/x.yml', 'group_vars/all.yml', 'inventory/hosts', 'ansible.cfg'])
        expect(() => family.lint(logical, text)).not.toThrow();
  });
});

describe('INI inventories and ansible.cfg', () => {
  const inv = [
    '# production',
    '[web]',
    'web1 ansible_host=10.0.0.1 ansible_password=Sup3rSecretPassw0rd!',
    'web[2:3].example.com ansible_port=2222',
    'db1:2222 ansible_ssh_pass="Sup3r Secret" # comment',
    '',
    '[web:vars]',
    'ansible_become_pass = Sup3rSecretPassw0rd!',
    '',
    '[all:children]',
    'web',
  ].join('\n');

  it('reads host variables and group vars with their columns', () => {
    const res = lintAnsible('inventory/production', inv);
    expect(res.errors).toEqual([]);
    const got = res.findings.map((f) => [f.ruleId, f.line, f.column, f.endColumn, f.path, f.secret]);
    expect(got).toEqual([
      ['ANS-SECRET-002', 3, 45, 65, 'inventory/production:web1:ansible_password', true],
      ['ANS-SECRET-002', 5, 28, 40, 'inventory/production:db1:2222:ansible_ssh_pass', true],
      ['ANS-SECRET-003', 8, 23, 43, 'inventory/production:[web:vars]:ansible_become_pass', true],
    ]);
    const lines = inv.split('\n');
    expect(lines[4]!.slice(27, 39)).toBe('Sup3r Secret');
  });

  it('reports a malformed section header as an error with its line', () => {
    const res = family.lint('inventory/hosts', '[web\nweb1\n');
    expect(res.errors).toEqual([{ line: 1, message: 'inventory: malformed section header' }]);
  });

  it('reads ansible.cfg entries', () => {
    const res = lintAnsible('deploy/ansible.cfg', '[defaults]\n# host_key_checking = False\nhost_key_checking=false\n');
    expect(res.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['ANS-SSH-001', 3, 1]]);
  });
});

describe('rule metadata', () => {
  it('every rule has a complete meta with docs sections', () => {
    for (const m of family.rules) {
      expect(m.category).toBe('ansible');
      expect(m.title.length).toBeGreaterThan(5);
      expect(m.remediation.length).toBeGreaterThan(5);
      for (const section of ['## What it does', '## Why it is bad', '## Example', '## Fix', '## References'])
        expect(m.docs).toContain(section);
      expect(Array.isArray(m.modules)).toBe(true);
    }
  });
});
