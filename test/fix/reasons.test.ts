/**
 * Every rule without an automatic fix says why not (issue 27): the reasons of src/fix/reasons.ts name real IaC rules
 * that have no fix (a rule that gains one must lose its reason), and the generated rule docs carry the line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXES } from '../../src/fix/registry.js';
import { NO_FIX_IDS, noFixReason } from '../../src/fix/reasons.js';
import { RULES } from '../../src/rules/cloudformation/index.js';
import { family as ansible } from '../../src/rules/ansible/index.js';

const root = path.join(import.meta.dirname, '..', '..');

describe('why a rule has no automatic fix', () => {
  const iac = new Set([...RULES.map((r) => r.meta.id), ...ansible.rules.map((r) => r.id)]);

  it('each reason names a real IaC rule without a fix, once', () => {
    for (const id of NO_FIX_IDS) {
      expect(iac.has(id), id).toBe(true);
      expect(Object.prototype.hasOwnProperty.call(FIXES, id), `${id} has a fix now: drop its reason`).toBe(false);
    }
    expect(new Set(NO_FIX_IDS).size).toBe(NO_FIX_IDS.length);
  });

  it('the rule docs say it, with the reason or that the fix is automatic', () => {
    const doc = (id: string) => readFileSync(path.join(root, 'docs', 'rules', `${id}.md`), 'utf8');
    expect(doc('CFN-SG-008')).toContain(`Automatic fix: no — ${noFixReason('CFN-SG-008')}.`);
    expect(doc('CFN-CRED-006')).toMatch(/Automatic fix: no — a credential written in the repository is leaked/);
    expect(doc('CFN-S3-005')).toContain('Automatic fix: yes — `hookguard fix` sets LoggingConfiguration');
    for (const id of iac) expect(doc(id), id).toMatch(/^Automatic fix: (yes|no) — /m);
  });
});
