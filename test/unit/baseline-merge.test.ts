import { describe, expect, it } from 'vitest';
import { mergeBaseline, type BaselineEntry } from '../../src/suppress/baseline.js';
import type { Finding } from '../../src/types.js';

const finding = (fingerprint: string, file: string, line: number): Finding =>
  ({ ruleId: 'CFN-S3-001', fingerprint, file, line, column: 1, endLine: line, endColumn: 2 }) as Finding;

describe('mergeBaseline dates', () => {
  it('new entries get today, kept entries keep the day they were accepted and their reason', () => {
    const prev = new Map<string, BaselineEntry>([
      ['a', { fingerprint: 'a', ruleId: 'CFN-S3-001', file: 't.yaml', line: 3, date: '2026-01-02', reason: 'legacy' }],
    ]);
    const now = new Date('2026-12-01T10:00:00Z');
    const r = mergeBaseline(
      prev,
      [finding('a', 't.yaml', 5), finding('b', 't.yaml', 9)],
      'hookguard test',
      { exists: () => true },
      now,
    );
    expect(r.file.findings.map((e) => [e.fingerprint, e.line, e.date, e.reason])).toEqual([
      ['a', 5, '2026-01-02', 'legacy'],
      ['b', 9, '2026-12-01', undefined],
    ]);
    expect([r.added, r.kept]).toEqual([1, 1]);
  });
});
