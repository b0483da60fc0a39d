/** The registry in index.ts lists every rule file, ids are stable and unique, and every rule is documented. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { family, RULES } from '../../../src/rules/cloudformation/index.js';
import { SEVERITIES } from '../../../src/types.js';
import { RULES_DIR, slug } from './helpers.js';

describe('CloudFormation rule registry', () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts'));

  it('has at least 60 rules', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(60);
    expect(family.rules.length).toBe(RULES.length);
  });

  it('registers every file in rules/ exactly once, under its own file name', async () => {
    expect(files.length).toBe(RULES.length);
    for (const f of files) {
      const mod = (await import(path.join(RULES_DIR, f))) as { default: (typeof RULES)[number] };
      expect(RULES, f).toContain(mod.default);
      expect(`${slug(mod.default.meta.id)}.ts`).toBe(f);
    }
  });

  it('uses unique ids of the form CFN-<AREA>-<NNN>', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^CFN-[A-Z0-9]+-\d{3}$/);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s has complete meta and docs', (_id, r) => {
    const m = r.meta;
    expect(m.category).toBe('cloudformation');
    expect(SEVERITIES).toContain(m.severity);
    expect(m.title.length).toBeGreaterThan(10);
    expect(m.remediation.length).toBeGreaterThan(10);
    expect(Array.isArray(m.resources)).toBe(true);
    for (const t of m.resources) expect(t).toMatch(/^(?:AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
    for (const section of ['## What it checks', '## Why it matters', '## Example', '## Fix', '## References'])
      expect(m.docs, section).toContain(section);
    expect(m.docs).toMatch(/## References\n- https:\/\//);
  });
});
