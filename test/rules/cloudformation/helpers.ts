/** Shared helpers for the CloudFormation rule tests: fixture paths, expectation markers, linting. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintTemplate } from '../../../src/rules/cloudformation/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = path.join(ROOT, 'fixtures', 'cloudformation');
export const RULE_FIXTURES = path.join(FIXTURES, 'rules');
export const RULES_DIR = path.join(ROOT, 'src', 'rules', 'cloudformation', 'rules');

/** `CFN-SG-001` → `sg-001` (the rule's file name and fixture prefix). */
export function slug(id: string): string {
  return id.toLowerCase().replace(/^cfn-/, '');
}

export function read(rel: string): string {
  return readFileSync(path.join(FIXTURES, rel), 'utf8');
}

/** Lines carrying `# expect: ID[, ID…]` markers for `id` (with multiplicity: `ID*2`); for JSON, `Metadata.hookguard-test.expect`. */
export function expectedLines(text: string, id: string): number[] {
  // JSON has no comments: a JSON fixture lists its expectations in the template's own Metadata.
  if (text.trimStart().startsWith('{')) {
    const want = (JSON.parse(text) as { Metadata?: { 'hookguard-test'?: { expect?: Record<string, number[]> } } })
      .Metadata?.['hookguard-test']?.expect?.[id];
    return [...(want ?? [])].sort((a, b) => a - b);
  }
  const out: number[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /#\s*expect:\s*(.+)$/.exec(line);
    if (!m) return;
    for (const part of m[1]!.split(',')) {
      const [pid, times] = part.trim().split('*');
      if (pid === id) for (let k = 0; k < Number(times ?? 1); k++) out.push(i + 1);
    }
  });
  return out;
}

export function lint(text: string) {
  return lintTemplate(text);
}

/** Lines of the (unsuppressed) findings of one rule. */
export function linesOf(text: string, id: string): number[] {
  return lint(text)
    .findings.filter((f) => f.ruleId === id && !f.suppressed)
    .map((f) => f.line)
    .sort((a, b) => a - b);
}
