/**
 * Issue 32, round three: Ansible findings judged in context (hashes are not plaintext, local health probes) and the
 * forms people write (several YAML documents, plays without hosts, tasks sharing a name). Exact lines and severities.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lintAnsible } from '../../../src/rules/ansible/index.js';

const lines = (...l: string[]) => [...l, ''].join('\n');

function found(logical: string, text: string, id?: string): Array<[string, number, string]> {
  const res = lintAnsible(logical, text);
  expect(res.errors).toEqual([]);
  return res.findings
    .filter((f) => !f.suppressed && (!id || f.ruleId === id))
    .map((f) => [f.ruleId, f.line, f.severity] as [string, number, string]);
}

/** A crypt hash assembled at test time: `$<id>$<salt>$<digest>`. */
const crypt = (id: string, len: number) => ['', id, 'fakesalt', 'Q'.repeat(len)].join('$');

describe('hashes are not plaintext', () => {
  it('the user module takes a SHA-512 or SHA-256 crypt hash; MD5-crypt is low; clear text is critical', () => {
    const text = lines(
      '- ansible.builtin.user:',
      '    name: a',
      `    password: "${crypt('6', 86)}"`,
      '- ansible.builtin.user:',
      '    name: b',
      `    password: "${crypt('5', 43)}"`,
      '- ansible.builtin.user:',
      '    name: c',
      `    password: "${crypt('1', 22)}"`,
      '- ansible.builtin.user:',
      '    name: d',
      '    password: ' + 'Plain' + 'Text-' + '42x'.repeat(3),
    );
    expect(found('tasks/main.yml', text, 'ANS-SECRET-001')).toEqual([
      ['ANS-SECRET-001', 9, 'low'],
      ['ANS-SECRET-001', 12, 'critical'],
    ]);
  });

  it('a hash kept in group_vars for the user module is not a plaintext secret', () => {
    const text = lines(`deploy_password: "${crypt('6', 86)}"`, `legacy_password: "${crypt('1', 22)}"`);
    expect(found('group_vars/all.yml', text, 'ANS-SECRET-007')).toEqual([['ANS-SECRET-007', 2, 'low']]);
  });
});

describe('validate_certs: false on a local health probe', () => {
  it('is low on a GET to localhost or a health endpoint, high elsewhere', () => {
    const text = lines(
      '- ansible.builtin.uri:',
      '    url: https://localhost:8443/',
      '    validate_certs: false',
      '- ansible.builtin.uri:',
      '    url: "https://{{ inventory_hostname }}/readyz"',
      '    validate_certs: false',
      '- ansible.builtin.uri:',
      '    url: https://localhost:8443/api/users',
      '    method: POST',
      '    body: {}',
      '    validate_certs: false',
      '- ansible.builtin.get_url:',
      '    url: https://127.0.0.1/tool.tgz',
      '    dest: /tmp/tool.tgz',
      '    validate_certs: false',
    );
    expect(found('tasks/main.yml', text, 'ANS-TLS-001')).toEqual([
      ['ANS-TLS-001', 3, 'low'],
      ['ANS-TLS-001', 6, 'low'],
      ['ANS-TLS-001', 11, 'high'],
      ['ANS-TLS-001', 15, 'high'],
    ]);
  });
});

describe('the forms people write', () => {
  const fetch = (indent: string, url: string) =>
    [
      `${indent}- name: Fetch`,
      `${indent}  ansible.builtin.get_url:`,
      `${indent}    url: ${url}`,
      `${indent}    dest: /tmp/x`,
      `${indent}    mode: "0644"`,
      `${indent}    checksum: sha256:0123`,
      `${indent}    validate_certs: no`,
    ].join('\n');

  it('reads every YAML document of a playbook, not only the first', () => {
    const text = lines(
      '---',
      '- name: Web',
      '  hosts: web',
      '  tasks:',
      fetch('    ', 'https://example.com/a'),
      '---',
      '- name: Db',
      '  hosts: db',
      '  tasks:',
      fetch('    ', 'https://example.com/b'),
    );
    expect(found('site.yml', text, 'ANS-TLS-001')).toEqual([
      ['ANS-TLS-001', 11, 'high'],
      ['ANS-TLS-001', 22, 'high'],
    ]);
  });

  it('reads every YAML document of a task file, and a file whose first document is empty', () => {
    const text = lines(
      '---',
      '# nothing here yet',
      '---',
      fetch('', 'https://example.com/a'),
      '---',
      fetch('', 'https://example.com/b'),
    );
    expect(found('roles/web/tasks/main.yml', text, 'ANS-TLS-001')).toEqual([
      ['ANS-TLS-001', 10, 'high'],
      ['ANS-TLS-001', 18, 'high'],
    ]);
  });

  it('recognises plays without hosts (a playbook written for import_playbook)', () => {
    const text = lines('- name: Hardening', '  become: true', '  tasks:', fetch('    ', 'https://example.com/a'));
    expect(found('playbooks/hardening.yml', text, 'ANS-TLS-001')).toEqual([['ANS-TLS-001', 10, 'high']]);
    const res = lintAnsible('playbooks/hardening.yml', text);
    expect(res.findings[0]!.path).toContain('plays["Hardening"]');
  });

  it('reports two tasks that share a name once each, with distinct paths', () => {
    const sg = (n: string) =>
      [
        '- name: Open group',
        '  amazon.aws.ec2_security_group:',
        `    name: ${n}`,
        `    description: ${n}`,
        '    vpc_id: vpc-1',
        '    rules:',
        '      - proto: tcp',
        '        ports: [22]',
        '        cidr_ip: 0.0.0.0/0',
      ].join('\n');
    const text = lines(sg('a'), sg('b'));
    expect(found('tasks/main.yml', text, 'ANS-AWS-001')).toEqual([
      ['ANS-AWS-001', 9, 'critical'],
      ['ANS-AWS-001', 18, 'critical'],
    ]);
    const paths = lintAnsible('tasks/main.yml', text)
      .findings.filter((f) => f.ruleId === 'ANS-AWS-001')
      .map((f) => f.path);
    expect(new Set(paths).size).toBe(2);
    expect(paths[0]).not.toContain('#2');
    expect(paths[1]).toContain('"Open group"#2');
  });
});

describe('secret names and sshd directives without the case-insensitive regexes', () => {
  // The definitions the fast paths replace, as oracles.
  const SECRET =
    /(?:^|_)(?:pass|password|passwd|passphrase|pwd|secret|token|api_?key|apikey|secret_?key|private_?key|token_?key|client_secret|auth_?key|credentials?)$/i;
  const NOT_SECRET = /(?:^|_)(?:update_password|password_lock|no_log|token_type|pass_through)$/i;
  const words = [
    'pass',
    'Password',
    'PASSWD',
    'api_key',
    'ApiKey',
    'secret',
    'token',
    'credentials',
    'auth',
    'key',
    'no_log',
    'update_password',
    'login',
  ];
  const piece = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom('_', '-', 'x', 'K', 'İ', 'ſ', 'ß', ' '),
    fc.string({ maxLength: 3 }),
  );

  it('isSecretName is the regex definition, for any name', async () => {
    const { isSecretName } = await import('../../../src/rules/ansible/context.js');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), (parts) => {
        const name = parts.join('');
        expect(isSecretName(name)).toBe(SECRET.test(name) && !NOT_SECRET.test(name));
      }),
      { numRuns: 3000 },
    );
    expect(isSecretName('db_Password')).toBe(true);
    expect(isSecretName('update_password')).toBe(false);
    expect(isSecretName('apiKey')).toBe(true);
    expect(isSecretName('passport')).toBe(false);
  });
});
