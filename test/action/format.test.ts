import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../src/action/api.js';
import { commentBody, parseMarker, resolvedBody, rightLines } from '../../src/action/format.js';
import { inputName } from '../../src/action/runner.js';
import type { Finding } from '../../src/types.js';

describe('rightLines', () => {
  it('lists added and context lines of the new file, not removed ones', () => {
    const patch = [
      '@@ -1,3 +1,4 @@',
      ' a',
      '-b',
      '+B',
      '+c',
      ' d',
      '@@ -10,2 +11,2 @@ fn()',
      ' x',
      '-y',
      '+Y',
      '\\ No newline at end of file',
    ].join('\n');
    expect([...rightLines(patch)]).toEqual([1, 2, 3, 4, 11, 12]);
  });
  it('handles single-line hunks and an empty patch', () => {
    expect([...rightLines('@@ -0,0 +1 @@\n+only')]).toEqual([1]);
    expect(rightLines('').size).toBe(0);
  });
});

describe('markers', () => {
  const f: Finding = {
    ruleId: 'github-pat',
    category: 'secret',
    severity: 'high',
    title: 'GitHub personal access token',
    message: 'GitHub personal access token found.',
    remediation: 'Revoke it.',
    file: 'a.js',
    line: 3,
    column: 1,
    endLine: 3,
    endColumn: 10,
    match: 'ghp_…x7',
    fingerprint: '0123456789abcdef0123456789abcdef',
    blocking: true,
  };
  it('round-trips the fingerprint, and a resolved body keeps it', () => {
    const body = commentBody(f);
    expect(parseMarker(body)).toEqual({ fingerprint: f.fingerprint, resolved: false });
    const done = resolvedBody(body, f.fingerprint, 'a'.repeat(40));
    expect(parseMarker(done)).toEqual({ fingerprint: f.fingerprint, resolved: true });
    expect(done).toContain('**Resolved**');
    expect(parseMarker('a human comment')).toBeUndefined();
  });
});

describe('retryDelay', () => {
  const now = 1_000_000_000_000;
  it('waits for retry-after or the rate-limit reset, with a cap', () => {
    expect(retryDelay({ status: 429, response: { headers: { 'retry-after': '3' } } }, 0, now, 60_000)).toBe(3000);
    const reset = String(now / 1000 + 10);
    expect(
      retryDelay(
        { status: 403, response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } } },
        0,
        now,
        60_000,
      ),
    ).toBe(11_000);
    expect(
      retryDelay({ status: 429, response: { headers: { 'retry-after': '3600' } } }, 0, now, 60_000),
    ).toBeUndefined();
    expect(retryDelay({ status: 429, response: { headers: { 'retry-after': '1' } } }, 4, now, 60_000)).toBeUndefined();
  });
  it('does not retry a plain 403 or 422; retries 5xx a little', () => {
    expect(
      retryDelay({ status: 403, message: 'Resource not accessible by integration' }, 0, now, 60_000),
    ).toBeUndefined();
    expect(retryDelay({ status: 422 }, 0, now, 60_000)).toBeUndefined();
    expect(retryDelay({ status: 502 }, 0, now, 60_000)).toBe(1000);
    expect(retryDelay({ status: 502 }, 2, now, 60_000)).toBeUndefined();
  });
});

it('names inputs as the runner does', () => {
  expect(inputName('github-token')).toBe('INPUT_GITHUB-TOKEN');
  expect(inputName('sarif file')).toBe('INPUT_SARIF_FILE');
});
