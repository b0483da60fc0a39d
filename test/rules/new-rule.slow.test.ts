/**
 * scripts/new-rule.mjs, the rule scaffold, run for real against a copy of src/ in a temp directory: the rule it
 * writes loads, is registered in order, and passes its own PASS and FAIL fixtures; it refuses ids that are malformed,
 * taken or retired, and --dry-run writes nothing. Seconds (a copy of src/ loaded afresh), so in the slow lane;
 * retired.test.ts checks the registered ids against the retired list in the unit lane.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedLines } from './cloudformation/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'new-rule.mjs');
const ARGS = ['--resource', 'AWS::SNS::Topic', '--prop', 'KmsMasterKeyId'];
let tmp = '';

function scaffold(...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, 'cloudformation', ...args, '--root', tmp], { encoding: 'utf8' });
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'hookguard-new-rule-'));
  cpSync(path.join(ROOT, 'src'), path.join(tmp, 'src'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  writeFileSync(
    path.join(tmp, 'src', 'rules', 'retired.json'),
    JSON.stringify({ retired: { 'CFN-ZZOLD-001': 'removed in a test' } }),
  );
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm run new-rule (cloudformation)', () => {
  it('--dry-run prints the files and writes none', () => {
    const r = scaffold('CFN-ZZNEW-001', ...ARGS, '--dry-run');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('--- src/rules/cloudformation/rules/zznew-001.ts (new)');
    expect(r.stdout).toContain('# expect: CFN-ZZNEW-001');
    expect(existsSync(path.join(tmp, 'src/rules/cloudformation/rules/zznew-001.ts'))).toBe(false);
    expect(readFileSync(path.join(tmp, 'src/rules/cloudformation/index.ts'), 'utf8')).not.toContain('zznew');
  });

  it('writes a rule that loads, is registered in order and passes its PASS and FAIL fixtures', async () => {
    const r = scaffold('CFN-ZZNEW-001', ...ARGS, '--severity', 'low', '--title', 'Topic is not encrypted');
    expect(r.status, r.stderr).toBe(0);
    const registry = readFileSync(path.join(tmp, 'src/rules/cloudformation/index.ts'), 'utf8');
    const imports = [...registry.matchAll(/^import (\w+) from '\.\/rules\//gm)].map((m) => m[1]!);
    expect(imports).toContain('zznew001');
    expect(imports).toEqual([...imports].sort((a, b) => a.localeCompare(b)));

    const family = (await import(
      path.join(tmp, 'src/rules/cloudformation/index.ts')
    )) as typeof import('../../src/rules/cloudformation/index.js');
    const rule = family.RULES.find((x) => x.meta.id === 'CFN-ZZNEW-001');
    expect(rule?.meta).toMatchObject({
      title: 'Topic is not encrypted',
      severity: 'low',
      resources: ['AWS::SNS::Topic'],
    });
    expect(rule?.meta.docs).toMatch(/## What it checks[\s\S]*## Why it matters[\s\S]*## Example/);
    for (const kind of ['pass', 'fail']) {
      const text = readFileSync(path.join(tmp, `fixtures/cloudformation/rules/zznew-001.${kind}.yaml`), 'utf8');
      const lines = family
        .lintTemplate(text)
        .findings.filter((f) => f.ruleId === 'CFN-ZZNEW-001')
        .map((f) => f.line);
      expect(lines, kind).toEqual(expectedLines(text, 'CFN-ZZNEW-001'));
      expect(lines.length, kind).toBe(kind === 'fail' ? 1 : 0);
    }
  });

  it('refuses an id that is malformed, taken or retired (exit 2, nothing written)', () => {
    const before = readFileSync(path.join(tmp, 'src/rules/cloudformation/index.ts'), 'utf8');
    for (const [id, why] of [
      ['CFN-SNS-002', 'exists already'],
      ['CFN-ZZOLD-001', 'is retired'],
      ['cfn-lower-1', 'looks like CFN-SERVICE-001'],
    ]) {
      const r = scaffold(id!, ...ARGS);
      expect(r.status, id).toBe(2);
      expect(r.stderr, id).toContain(why);
    }
    expect(scaffold('CFN-ZZNEW-002', '--resource', 'SNS topic', '--prop', 'X').status).toBe(2);
    expect(readFileSync(path.join(tmp, 'src/rules/cloudformation/index.ts'), 'utf8')).toBe(before);
  });

  it('the scaffold reads the same list', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `import(${JSON.stringify(SCRIPT)}).then((m) => console.log(JSON.stringify(m.retiredIds(${JSON.stringify(ROOT)}))))`,
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual(
      (JSON.parse(readFileSync(path.join(ROOT, 'src/rules/retired.json'), 'utf8')) as { retired: unknown }).retired,
    );
  });
});
