import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers.js';

describe("the README's demo: npx hookguard scan fixtures/demo", () => {
  it('shows every kind of finding and blocks', () => {
    const r = runCli(['scan', 'fixtures/demo', '--format', 'json'], { cwd: ROOT });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const categories = new Set(report.findings.map((f: { category: string }) => f.category));
    expect([...categories].sort()).toEqual(['ansible', 'at-rest', 'cloudformation', 'environment', 'secret']);
    const rules = new Set(report.findings.map((f: { ruleId: string }) => f.ruleId));
    for (const id of [
      'aws-access-key-id',
      'github-pat',
      'private-key',
      'CFN-SG-001',
      'ANS-TLS-001',
      'ENV-001',
      'ATREST-003',
    ])
      expect(rules).toContain(id);
    expect(report.suppressed.map((s: { by: string }) => s.by)).toContain('inline');
  });

  it('hookguard env fixtures/demo shows the parity table', () => {
    const r = runCli(['env', 'fixtures/demo'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fixtures/demo/inventories/{env}/group_vars/all.yml');
    expect(r.stdout).toMatch(/db_password\s+SHARED SECRET\s+unknown\s+secret\s+SHARED SECRET/);
    expect(r.stdout).toMatch(/validate_certs\s+DIFFERS: true\s+DIFFERS: true\s+WEAKER: false\s+DIFFERS: true/);
    expect(r.stdout).toMatch(/debug_toolbar\s+same\s+MISSING\s+MISSING\s+MISSING/);
  });

  it('a closed pipe ends the output quietly', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" scan fixtures/demo --format sarif | head -c 10`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('{\n  "$sche');
    expect(r.stderr).toBe('');
  });
});
