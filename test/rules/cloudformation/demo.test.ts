/** The demo template shipped in fixtures/demo: what a user sees on first run. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { family } from '../../../src/rules/cloudformation/index.js';
import { ROOT } from './helpers.js';

it('finds the planted problems in fixtures/demo/infra/network.yaml and nothing on HTTPS', () => {
  const text = readFileSync(path.join(ROOT, 'fixtures/demo/infra/network.yaml'), 'utf8');
  const res = family.lint('infra/network.yaml', text);
  expect(res.errors).toEqual([]);
  const got = res.findings.map((f) => `${f.ruleId}@${f.line}`);
  expect(got).toContain('CFN-SG-001@16');
  expect(got).toContain('CFN-IAM-001@33');
  expect(got).toContain('CFN-S3-002@38');
  expect(
    res.findings.some(
      (f) =>
        f.line >= 17 &&
        f.line <= 25 &&
        f.ruleId.startsWith('CFN-SG-00') &&
        !['CFN-SG-007', 'CFN-SG-008'].includes(f.ruleId),
    ),
  ).toBe(false);
  const ssh = res.findings.find((f) => f.ruleId === 'CFN-SG-001')!;
  expect(ssh.why).toBe('Default of parameter AdminCidr');
  expect(ssh.scope).toEqual([8, 16]);
});
