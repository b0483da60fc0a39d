/**
 * Issue 32, round three: Ansible findings judged in context (hashes are not plaintext, local health probes) and the
 * forms people write (several YAML documents, plays without hosts, tasks sharing a name). Exact lines and severities.
 */
import { describe, expect, it } from 'vitest';
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
