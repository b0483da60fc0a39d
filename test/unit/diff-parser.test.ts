import { describe, expect, it } from 'vitest';
import { DiffParser, unquotePath, type FilePatch } from '../../src/git/diff-parser.js';

function parse(text: string, opts: { partBytes?: number; maxLineBytes?: number; split?: number } = {}): FilePatch[] {
  const out: FilePatch[] = [];
  const p = new DiffParser({ onPatch: (x) => out.push(x), partBytes: opts.partBytes, maxLineBytes: opts.maxLineBytes });
  const buf = Buffer.from(text);
  const step = opts.split ?? buf.length;
  for (let i = 0; i < buf.length; i += step) p.write(buf.subarray(i, i + step));
  p.end();
  return out;
}

describe('DiffParser', () => {
  const diff = [
    'diff --git a/src/a b.js b/src/a b.js',
    'index 1111111..2222222 100644',
    '--- a/src/a b.js',
    '+++ b/src/a b.js',
    '@@ -2,0 +3,2 @@ context',
    '+line three',
    '+line four\r',
    '@@ -10 +12 @@',
    '-old',
    '+new twelve',
    'diff --git a/old.txt b/new.txt',
    'similarity index 100%',
    'rename from old.txt',
    'rename to new.txt',
    'diff --git a/img.png b/img.png',
    'new file mode 100644',
    'index 0000000..3333333',
    'Binary files /dev/null and b/img.png differ',
    'diff --git "a/t\\303\\274r\\tx" "b/t\\303\\274r\\tx"',
    'new file mode 100644',
    'index 0000000..4444444',
    '--- /dev/null',
    '+++ "b/t\\303\\274r\\tx"',
    '@@ -0,0 +1 @@',
    '++++ not a header',
    '',
  ].join('\n');

  it('parses hunks into chunks of consecutive added lines with new-file line numbers', () => {
    for (const split of [1, 7, 1000]) {
      const [a, rename, bin, quoted] = parse(diff, { split });
      expect(a!.path).toBe('src/a b.js');
      expect(a!.chunks).toEqual([
        { startLine: 3, text: 'line three\nline four' },
        { startLine: 12, text: 'new twelve' },
      ]);
      expect(a!.changed).toEqual([
        [3, 4],
        [12, 12],
      ]);
      expect(a!.blob).toBe('2222222');
      expect(rename).toMatchObject({ path: 'new.txt', oldPath: 'old.txt', chunks: [] });
      expect(bin).toMatchObject({ path: 'img.png', binary: true });
      expect(quoted).toMatchObject({ path: 'tür\tx', chunks: [{ startLine: 1, text: '+++ not a header' }] });
    }
  });

  it('reads commit headers, modes and deletions', () => {
    const text = [
      '\x1eabc123\x1fAda\x1fada@example.test\x1f2024-01-02T03:04:05+00:00\x1fsubject',
      '',
      'diff --git a/sub b/sub',
      'new file mode 160000',
      'index 0000000..5555555',
      '--- /dev/null',
      '+++ b/sub',
      '@@ -0,0 +1 @@',
      '+Subproject commit 5555555555555555555555555555555555555555',
      'diff --git a/gone b/gone',
      'deleted file mode 100644',
      '--- a/gone',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      '',
    ].join('\n');
    const [sub, gone] = parse(text);
    expect(sub).toMatchObject({
      path: 'sub',
      submodule: true,
      commit: { sha: 'abc123', author: 'Ada', date: '2024-01-02T03:04:05+00:00' },
    });
    expect(gone).toMatchObject({ path: 'gone', deleted: true });
  });

  it('a run of added lines held whole in one buffer gives what line-by-line parsing gives', () => {
    const lines = ['+a\r', '+b\r\r', '+t\u00fcr \u2603', '+', '+++x', '-gone', ' ctx', '+c\r', '+d'];
    const text = [
      'diff --git a/x b/x',
      '--- a/x',
      '+++ b/x',
      '@@ -1,2 +1,4 @@',
      ...lines,
      ...Array.from({ length: 40 }, (_, i) => `+run ${i} ${'q'.repeat(i * 3)}`),
      '',
    ].join('\n');
    for (const partBytes of [undefined, 200, 64]) {
      const whole = parse(text, { partBytes });
      // One byte at a time no line is ever whole in a buffer: the line-by-line path.
      expect(parse(text, { partBytes, split: 1 })).toEqual(whole);
      expect(whole[0]!.chunks[0]!.startLine).toBe(1);
      expect(whole[0]!.chunks[0]!.text).toMatch(/^a\nb\r\nt\u00fcr \u2603\n\n\+\+x\nc\nd\nrun 0 \n/);
    }
  });

  it('a pure deletion hunk touches the lines around it', () => {
    const text = [
      'diff --git a/t.yaml b/t.yaml',
      '--- a/t.yaml',
      '+++ b/t.yaml',
      '@@ -7 +6,0 @@',
      '-  Encrypted: true',
      '',
    ].join('\n');
    expect(parse(text)[0]!.changed).toEqual([[6, 7]]);
  });

  it('splits a large addition into parts and over-long added lines into overlapping pieces', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `+line ${i} ${'y'.repeat(50)}`);
    const text = ['diff --git a/big b/big', '--- /dev/null', '+++ b/big', '@@ -0,0 +1,100 @@', ...lines, ''].join('\n');
    const parts = parse(text, { partBytes: 1000 });
    expect(parts.length).toBeGreaterThan(3);
    const all = parts.flatMap((p) => p.chunks);
    expect(all[0]!.startLine).toBe(1);
    expect(all.map((c) => c.text.split('\n').length).reduce((a, b) => a + b, 0)).toBe(100);
    expect(all[1]!.startLine).toBe(1 + all[0]!.text.split('\n').length);
    const long = parse(['diff --git a/l b/l', '+++ b/l', '@@ -0,0 +1 @@', '+' + 'z'.repeat(5000), ''].join('\n'), {
      maxLineBytes: 100,
      split: 64,
    });
    // An over-long added line is never cut: it arrives in overlapping pieces whose columns say where they start.
    const pieces = long.flatMap((p) => p.chunks);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((c) => c.startLine === 1)).toBe(true);
    expect(long.every((p) => p.truncatedLines === 0)).toBe(true);
    let covered = 0;
    for (const c of pieces) {
      expect(c.startColumn ?? 1).toBeLessThanOrEqual(covered + 1);
      covered = (c.startColumn ?? 1) - 1 + c.text.length;
    }
    expect(covered).toBe(5000);
  });

  it('unquotes C-style paths', () => {
    expect(unquotePath('"a\\\\b\\"c\\n"')).toBe('a\\b"c\n');
    expect(unquotePath('plain name')).toBe('plain name');
  });
});
