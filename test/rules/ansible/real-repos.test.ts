/**
 * Issue 32, "real repositories": classes of blocking findings judged wrong or under-rated on public Ansible
 * repositories, each written here as a minimal case with the severity it must get. Rule-by-line expectations live in
 * the rule fixtures (fixtures/ansible/rules/<ID>/); this file pins what the fixtures cannot: severity and routing.
 */
import { describe, expect, it } from 'vitest';
import { lintAnsible, rules } from '../../../src/rules/ansible/index.js';
import { relatedPaths } from '../../../src/parse/ansible-resolve.js';
import { looksLikeAnsible } from '../../../src/rules/ansible/detect.js';
import { wantsIac } from '../../../src/scan/wants.js';

const pw = ['pass', 'word'].join('');
const found = (path: string, text: string) =>
  lintAnsible(path, text)
    .findings.filter((f) => !f.suppressed)
    .map((f) => `${f.ruleId}@${f.line}:${f.severity}`);

describe('role defaults: placeholders and well-known defaults', () => {
  it('a stand-in default is not a secret; a well-known password the role applies is low', () => {
    const text = `---\nroot_${pw}: changeme-not-used\nadmin_${pw}: must-be-set\nmysql_root_${pw}: root\nweb_admin_${pw}: admin\n`;
    expect(found('roles/db/defaults/main.yml', text)).toEqual(['ANS-SECRET-007@4:low', 'ANS-SECRET-007@5:low']);
  });
  it('the same well-known value set for an inventory group is what is deployed: high', () => {
    expect(found('group_vars/db.yml', `---\nmysql_root_${pw}: root\n`)).toEqual(['ANS-SECRET-007@2:high']);
  });
  it('a random-looking default in a role is still a plaintext secret', () => {
    expect(found('roles/db/defaults/main.yml', `---\nmysql_root_${pw}: Qx8v-2mZp-7LwR\n`)).toEqual([
      'ANS-SECRET-007@2:high',
    ]);
  });
});

describe('a sentinel default the role refuses to run with', () => {
  const defaults = `---\nkeystone_admin_${pw}: S3ntinel-Value-2024\napp_secret_key: Qx8v-2mZp-7LwR-Kd4s\n`;
  const tasks = (cond: string) =>
    `---\n- name: Refuse the shipped value\n  ansible.builtin.assert:\n    that:\n      - ${cond}\n    fail_msg: set keystone_admin_${pw}\n`;
  const lint = (t: string | undefined) =>
    lintAnsible('roles/keystone/defaults/main.yml', defaults, rules, new Map([['roles/keystone/tasks/main.yml', t]]))
      .findings.filter((f) => !f.suppressed)
      .map((f) => `${f.ruleId}@${f.line}`);
  it('the role’s tasks name the defaults file’s tasks as related', () => {
    expect(relatedPaths('roles/keystone/defaults/main.yml', defaults)).toContain('roles/keystone/tasks/main.yml');
  });
  it('a value the role’s assert refuses is not a secret; the other default still is', () => {
    expect(lint(tasks(`keystone_admin_${pw} != 'S3ntinel-Value-2024'`))).toEqual(['ANS-SECRET-007@3']);
    expect(lint(tasks(`"S3ntinel-Value-2024" != keystone_admin_${pw}`))).toEqual(['ANS-SECRET-007@3']);
  });
  it('without such a check (or without the tasks file) both are reported', () => {
    expect(lint(tasks(`keystone_admin_${pw} | length >= 12`))).toEqual(['ANS-SECRET-007@2', 'ANS-SECRET-007@3']);
    expect(lint(undefined)).toEqual(['ANS-SECRET-007@2', 'ANS-SECRET-007@3']);
  });
});

describe('demo and example playbooks', () => {
  const play = `---\n- hosts: all\n  tasks:\n    - name: Fetch\n      ansible.builtin.get_url:\n        url: https://downloads.example.net/tool.tgz\n        dest: /tmp/tool.tgz\n        mode: "0644"\n        checksum: sha256:${'a'.repeat(64)}\n        validate_certs: false\n`;
  it.each(['examples/site.yml', 'demo/site.yml', 'collections/x/examples/play.yml'])(
    '%s: shown at medium, not blocking, and says why',
    (p) => {
      const res = lintAnsible(p, play).findings;
      expect(res.map((f) => `${f.ruleId}@${f.line}:${f.severity}`)).toEqual(['ANS-TLS-001@10:medium']);
      expect(res[0]!.message).toMatch(/Reported as medium \(was high\): (?:examples|demo)\/ holds demo material/);
    },
  );
  it('the same play elsewhere blocks', () => {
    expect(found('site.yml', play)).toEqual(['ANS-TLS-001@10:high']);
  });
});

describe('packages over plain HTTP', () => {
  const fetch = (extra: string, install: string) =>
    `---\n- name: Fetch\n  ansible.builtin.get_url:\n    url: http://downloads.example.net/agent-1.0.x86_64.rpm\n    dest: /tmp/agent.rpm\n    mode: "0644"\n${extra}${install}`;
  const dnf = '- name: Install\n  ansible.builtin.dnf:\n    name: /tmp/agent.rpm\n';
  it('fetched without a checksum and installed by a package module: high, naming the installing task', () => {
    const res = lintAnsible('tasks/agent.yml', fetch('', dnf)).findings.find((f) => f.ruleId === 'ANS-TLS-002')!;
    expect(res.severity).toBe('high');
    expect(res.message).toMatch(/installed by ansible\.builtin\.dnf \(line 7\)/);
  });
  it('installed by an rpm command: high', () => {
    const cmd = '- name: Install\n  ansible.builtin.command: rpm -Uvh /tmp/agent.rpm\n';
    expect(found('tasks/agent.yml', fetch('', cmd))).toContain('ANS-TLS-002@4:high');
  });
  it('with a checksum, or never installed here: the plain-HTTP finding stays medium', () => {
    expect(found('tasks/agent.yml', fetch(`    checksum: sha256:${'b'.repeat(64)}\n`, dnf))).toEqual([
      'ANS-TLS-002@4:medium',
    ]);
    expect(found('tasks/agent.yml', fetch('', ''))).toContain('ANS-TLS-002@4:medium');
  });
  it('a package module given the plain-HTTP URL itself: high', () => {
    const t =
      '---\n- name: Install\n  ansible.builtin.yum:\n    name: http://downloads.example.net/agent-1.0.x86_64.rpm\n';
    expect(found('tasks/agent.yml', t)).toEqual(['ANS-TLS-002@4:high']);
  });
});

describe('files a role installs are read', () => {
  it.each([
    ['roles/repo/files/epel.repo', 'gpgcheck=0'],
    ['roles/repo/templates/custom.repo.j2', 'gpgcheck=0'],
    ['roles/ssh/templates/ssh_config.j2', 'StrictHostKeyChecking no'],
    ['roles/ssh/files/ssh_config', 'StrictHostKeyChecking no'],
    ['roles/ssh/templates/ssh/config.j2', 'StrictHostKeyChecking no'],
  ])('%s is routed to the Ansible family', (p, line) => {
    expect(wantsIac(p)).toBe(true);
    expect(looksLikeAnsible(p, `[x]\n${line}\n`)).toBe(true);
  });
  it('an ssh_config outside a role, or a repo file without gpgcheck, is not', () => {
    expect(looksLikeAnsible('etc/ssh_config', 'StrictHostKeyChecking no\n')).toBe(false);
    expect(looksLikeAnsible('roles/repo/files/epel.repo', '[epel]\nbaseurl=https://x\n')).toBe(false);
  });
});
