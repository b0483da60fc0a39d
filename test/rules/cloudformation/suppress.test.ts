/** Per-resource suppressions: hookguard Metadata, cfn_nag Metadata (mapped ids), and reasonless entries. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/rules/cloudformation/index.js';
import { CFN_NAG_MAP } from '../../../src/rules/cloudformation/suppress.js';
import { lint, read } from './helpers.js';

const text = read('parse/suppressions.yaml');
const res = lint(text);

describe('resource Metadata suppressions', () => {
  it('returns hookguard-suppressed findings marked with their reason', () => {
    const f = res.findings.find((x) => x.ruleId === 'CFN-SG-001' && x.line === 17)!;
    expect(f.suppressed).toEqual({
      by: 'metadata',
      reason: 'bastion host, protected by MFA-enforced SSH certificates',
    });
  });

  it('maps cfn_nag ids to hookguard rules', () => {
    const f = res.findings.find((x) => x.ruleId === 'CFN-SG-004' && x.line === 34)!;
    expect(f.suppressed).toEqual({ by: 'metadata', reason: 'public load balancer' });
  });

  it('applies a reasonless suppression but reports it in errors, naming resource and rule', () => {
    const acl = res.findings.find((x) => x.ruleId === 'CFN-S3-002')!;
    expect(acl.suppressed).toEqual({ by: 'metadata', reason: '(no reason given)' });
    expect(res.errors).toContainEqual({
      line: 40,
      message: 'resource NoReason: suppression of CFN-S3-005 has no reason (add reason: "…")',
    });
    expect(res.errors).toContainEqual({
      line: 45,
      message: 'resource NoReason: suppression of cfn_nag W31 has no reason (add reason: "…")',
    });
  });

  it('reports a suppression naming an unknown rule', () => {
    expect(res.errors).toContainEqual({
      line: 41,
      message: 'resource NoReason: hookguard suppression names unknown rule CFN-NOPE-999',
    });
  });

  it('suppresses only the named resource', () => {
    const f = res.findings.find((x) => x.ruleId === 'CFN-SG-001' && x.line === 58)!;
    expect(f.suppressed).toBeUndefined();
  });

  it('maps cfn_nag ids only to registered rules', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const [nag, ours] of Object.entries(CFN_NAG_MAP))
      for (const id of ours) expect(ids.has(id), `${nag} → ${id}`).toBe(true);
  });
});
