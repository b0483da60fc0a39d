import { describe, expect, it } from 'vitest';
import { fence, fixBlock, hunkRanges, inOneHunk, suggestionFor } from '../../src/action/suggest.js';
import { applyFixes } from '../../src/fix/index.js';

const TPL = `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: false
  Vol:
    Type: AWS::EC2::Volume
    Properties:
      Size: 10
`;

describe('suggestionFor', () => {
  it('a changed value: the one line, as it becomes', () => {
    const after = applyFixes(TPL, [{ ruleId: 'CFN-RDS-001', line: 6 }], 'cloudformation').text;
    expect(suggestionFor(TPL, after, 6)).toEqual({
      startLine: 6,
      endLine: 6,
      text: '      StorageEncrypted: true',
      diff: '-      StorageEncrypted: false\n+      StorageEncrypted: true',
    });
  });

  it('an insertion replaces the line above it, widened back to the finding line', () => {
    const after = applyFixes(TPL, [{ ruleId: 'CFN-EC2-006', line: 7 }], 'cloudformation').text;
    const s = suggestionFor(TPL, after, 7)!;
    expect([s.startLine, s.endLine]).toEqual([7, 10]);
    expect(s.text).toBe('  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      Encrypted: true');
    expect(s.diff).toBe('     Type: AWS::EC2::Volume\n     Properties:\n       Size: 10\n+      Encrypted: true');
  });

  it('nothing changed: no suggestion', () => {
    expect(suggestionFor(TPL, TPL, 3)).toBeUndefined();
  });
});

describe('the diff shown when a fix cannot be a suggestion', () => {
  it('keeps three unchanged lines around each change and marks the gaps', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const after = ['P', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'I', 'j'].join('\n');
    const s = suggestionFor(before, after, 9)!;
    expect([s.startLine, s.endLine]).toEqual([1, 9]);
    expect(s.diff).toBe(['+P', ' a', ' b', ' c', '@@', ' f', ' g', ' h', '-i', '+I'].join('\n'));
  });
});

describe('hunks', () => {
  const patch = ['@@ -1,3 +1,4 @@', ' a', '-b', '+B', '+c', ' d', '@@ -10,2 +11,2 @@ fn()', ' x', '-y', '+Y'].join(
    '\n',
  );
  it('gives each hunk its right-hand line range', () => {
    expect(hunkRanges(patch)).toEqual([
      [1, 4],
      [11, 12],
    ]);
  });
  it('a range is in one hunk, or not', () => {
    const h = hunkRanges(patch);
    expect(inOneHunk(h, 2, 4)).toBe(true);
    expect(inOneHunk(h, 11, 12)).toBe(true);
    expect(inOneHunk(h, 4, 11)).toBe(false);
    expect(inOneHunk(h, 5, 5)).toBe(false);
  });
});

describe('fixBlock', () => {
  it('a suggestion block, or a diff block, fenced longer than any backtick run inside', () => {
    const s = { startLine: 1, endLine: 1, text: 'a: ```x```', diff: '-a\n+a: ```x```' };
    expect(fence(s.text)).toBe('````');
    expect(fixBlock(s, true, 'sets a')).toBe(
      '**Suggested fix** (`hookguard fix` sets a):\n\n````suggestion\na: ```x```\n````',
    );
    expect(fixBlock(s, false, 'sets a')).toMatch(
      /cannot be a one-click suggestion here:\n\n````diff\n-a\n\+a: ```x```\n````$/,
    );
  });
});
