// The merge stages of a scan (src/scan/merge.ts) as functions of data: no git, no CLI, milliseconds.
import { describe, expect, it } from 'vitest';
import {
  applyBaseline,
  bySeverity,
  decideExit,
  dedupe,
  judgedAtTips,
  keepAtPushedTips,
  sortFindings,
  staleEntries,
  withSnapshotFindings,
} from '../../src/scan/merge.js';
import type { BaselineEntry } from '../../src/suppress/baseline.js';
import type { FileError, Finding, Suppressed } from '../../src/types.js';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'CFN-S3-001',
  category: 'cloudformation',
  severity: 'high',
  title: 't',
  message: 'm',
  remediation: 'r',
  file: 'a.yaml',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  fingerprint: 'fp',
  blocking: true,
  ...over,
});

const entry = (over: Partial<BaselineEntry>): BaselineEntry => ({
  fingerprint: 'fp',
  ruleId: 'CFN-S3-001',
  file: 'a.yaml',
  line: 1,
  ...over,
});

describe('pushed-tip filter', () => {
  it('keeps secrets and findings of no commit; keeps an IaC commit finding only when the tips still have it', () => {
    const secret = finding({ fingerprint: 's', secret: true, commit: 'c1' });
    const fixedLater = finding({ fingerprint: 'gone', commit: 'c1' });
    const stillThere = finding({ fingerprint: 'here', commit: 'c2' });
    const onDisk = finding({ fingerprint: 'disk' });
    const kept = keepAtPushedTips([secret, fixedLater, stillThere, onDisk], new Set(['here']));
    expect(kept.map((f) => f.fingerprint)).toEqual(['s', 'here', 'disk']);
  });

  it('asks the tips only about blocking IaC findings of a commit', () => {
    const fs = [
      finding({ fingerprint: 'a', commit: 'c' }),
      finding({ fingerprint: 'b', commit: 'c', blocking: false }),
      finding({ fingerprint: 'c', commit: 'c', secret: true }),
      finding({ fingerprint: 'd' }),
    ];
    expect(judgedAtTips(fs).map((f) => f.fingerprint)).toEqual(['a']);
  });
});

describe('snapshot findings', () => {
  it('an at-rest finding replaces a secret finding on its line (same commit); other findings stay', () => {
    const secret = finding({ ruleId: 'aws-key', category: 'secret', file: 'prod.env', line: 3, fingerprint: 's1' });
    const otherLine = finding({ ruleId: 'aws-key', category: 'secret', file: 'prod.env', line: 4, fingerprint: 's2' });
    const iacSecret = finding({ ruleId: 'ANS-SECRET-001', category: 'ansible', file: 'prod.env', line: 3 });
    const atRest = finding({
      ruleId: 'ATREST-002',
      category: 'environment',
      file: 'prod.env',
      line: 3,
      fingerprint: 'r',
    });
    const out = withSnapshotFindings([secret, otherLine, iacSecret], [atRest]);
    expect(out.map((f) => f.fingerprint)).toEqual(['s2', 'r']);
  });

  it('without an at-rest finding, the snapshot findings are appended', () => {
    const env = finding({ ruleId: 'ENV-001', category: 'environment', fingerprint: 'e' });
    const secret = finding({ category: 'secret', fingerprint: 's' });
    expect(withSnapshotFindings([secret], [env]).map((f) => f.fingerprint)).toEqual(['s', 'e']);
  });
});

describe('baseline', () => {
  it('accepts by exact fingerprint, and by content key only for an entry whose file is gone, once per entry', () => {
    const baseline = new Map([
      ['exact', entry({ fingerprint: 'exact' })],
      ['moved', entry({ fingerprint: 'moved', file: 'old.yaml', key: 'k1' })],
      ['kept-file', entry({ fingerprint: 'kept-file', file: 'still.yaml', key: 'k2' })],
    ]);
    const fs = [
      finding({ fingerprint: 'exact' }),
      finding({ fingerprint: 'new-a', file: 'new.yaml', contentKey: 'k1' }),
      finding({ fingerprint: 'new-b', file: 'copy.yaml', contentKey: 'k1' }),
      finding({ fingerprint: 'new-c', file: 'x.yaml', contentKey: 'k2' }),
    ];
    const r = applyBaseline(fs, baseline, (file) => file === 'old.yaml');
    expect(r.kept.map((f) => f.fingerprint)).toEqual(['new-b', 'new-c']);
    expect(r.suppressed.map((s) => [s.fingerprint, s.by, s.reason])).toEqual([
      ['exact', 'baseline', 'accepted in baseline'],
      ['new-a', 'baseline', 'accepted in baseline (as old.yaml)'],
    ]);
    expect([...r.matched].sort()).toEqual(['exact', 'moved']);
  });

  it('without a baseline every finding is kept', () => {
    const fs = [finding({ fingerprint: 'a' })];
    expect(applyBaseline(fs, undefined, () => true)).toEqual({ kept: fs, suppressed: [], matched: new Set() });
  });

  it('reports stale entries only in a full scan', () => {
    const baseline = new Map([
      ['a', entry({ fingerprint: 'a' })],
      ['b', entry({ fingerprint: 'b' })],
    ]);
    const matched = new Set(['a']);
    expect(staleEntries('files', baseline, matched)).toEqual(['b']);
    expect(staleEntries('history', baseline, matched)).toEqual(['b']);
    expect(staleEntries(undefined, baseline, matched)).toEqual([]);
    expect(staleEntries('files', undefined, matched)).toEqual([]);
  });

  it('judges an entry only by a full scan of the kind that wrote it, and never one an inline allow shadows', () => {
    const baseline = new Map([
      ['f', entry({ fingerprint: 'f', mode: 'files' })],
      ['h', entry({ fingerprint: 'h', mode: 'history' })],
      ['d', entry({ fingerprint: 'd', mode: 'diff' })],
      ['s', entry({ fingerprint: 's', mode: 'files' })],
    ]);
    expect(staleEntries('files', baseline, new Set(), new Set(['s']))).toEqual(['f']);
    expect(staleEntries('history', baseline, new Set(['h']))).toEqual(['d']);
  });
});

describe('dedupe', () => {
  // Commits stream newest first: c-new has place 0, c-old place 1.
  const seq = new Map([
    ['c-new', 0],
    ['c-old', 1],
  ]);

  it('reports an IaC problem seen in several commits once, at the oldest commit', () => {
    const out = dedupe([finding({ commit: 'c-new', line: 5 }), finding({ commit: 'c-old', line: 4 })], [], seq);
    expect([...out.values()].map((f) => f.commit)).toEqual(['c-old']);
  });

  it('prefers a blocking finding over an existing one, whatever the commit order', () => {
    const out = dedupe(
      [finding({ commit: 'c-old', blocking: false }), finding({ commit: 'c-new', blocking: true })],
      [],
      seq,
    );
    expect([...out.values()].map((f) => [f.commit, f.blocking])).toEqual([['c-new', true]]);
  });

  it('counts a secret once per commit and line', () => {
    const s = { category: 'secret' as const, fingerprint: 'same' };
    const out = dedupe(
      [
        finding({ ...s, commit: 'c-new', line: 1 }),
        finding({ ...s, commit: 'c-old', line: 1 }),
        finding({ ...s, commit: 'c-old', line: 1 }),
        finding({ ...s, commit: 'c-old', line: 2 }),
      ],
      [],
      seq,
    );
    expect(out.size).toBe(3);
  });

  it('drops an unused-allow finding where an inline allow suppressed something on that line', () => {
    const unused = finding({ ruleId: 'HG-UNUSED-001', category: 'hookguard', file: '.env', line: 2, fingerprint: 'u' });
    const used: Suppressed = {
      ruleId: 'ENV-001',
      file: '.env',
      line: 2,
      fingerprint: 'x',
      severity: 'high',
      by: 'inline',
      reason: '',
    };
    expect(dedupe([unused], [used], seq).size).toBe(0);
    expect(dedupe([unused], [{ ...used, by: 'baseline' }], seq).size).toBe(1);
    expect(dedupe([unused], [{ ...used, line: 3 }], seq).size).toBe(1);
  });
});

describe('order, summary and exit code', () => {
  it('sorts by file, line, column, rule', () => {
    const fs = [
      finding({ file: 'b', line: 1, ruleId: 'A' }),
      finding({ file: 'a', line: 2, column: 1, ruleId: 'A' }),
      finding({ file: 'a', line: 1, column: 3, ruleId: 'A' }),
      finding({ file: 'a', line: 1, column: 3, ruleId: '0' }),
    ];
    expect(sortFindings(fs).map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      'a:1:3:0',
      'a:1:3:A',
      'a:2:1:A',
      'b:1:1:A',
    ]);
  });

  it('counts blocking findings by severity', () => {
    expect(bySeverity([finding({}), finding({}), finding({ severity: 'low' })])).toEqual({ high: 2, low: 1 });
  });

  it('fails at or above the threshold only', () => {
    const medium = [finding({ severity: 'medium' })];
    expect(decideExit('paths', medium, [], 'high')).toBe(0);
    expect(decideExit('paths', medium, [], 'medium')).toBe(1);
    expect(decideExit('paths', medium, [], 'low')).toBe(1);
    expect(decideExit('paths', [finding({ severity: 'critical' })], [], 'none')).toBe(0);
    expect(decideExit('paths', [], [], 'low')).toBe(0);
  });

  it('a hook blocks on a file it could not read whole, unless nothing blocks', () => {
    const cut: FileError[] = [{ file: 'big.txt', message: 'time budget spent', incomplete: true }];
    expect(decideExit('staged', [], cut, 'high')).toBe(1);
    expect(decideExit('pre-push', [], cut, 'high')).toBe(1);
    expect(decideExit('staged', [], cut, 'none')).toBe(0);
    expect(decideExit('paths', [], cut, 'high')).toBe(0);
    expect(decideExit('staged', [], [{ file: 'x', message: 'unreadable' }], 'high')).toBe(0);
  });
});
