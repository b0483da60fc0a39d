/** Builds a rule's markdown documentation with the same sections for every rule (shown by `hookguard explain`). */
export function doc(p: { what: string; why: string; bad: string; good: string; refs: string[] }): string {
  return [
    '## What it does',
    p.what,
    '',
    '## Why it is bad',
    p.why,
    '',
    '## Example',
    '```yaml',
    p.bad.trim(),
    '```',
    '',
    '## Fix',
    '```yaml',
    p.good.trim(),
    '```',
    '',
    '## References',
    ...p.refs.map((r) => `- ${r}`),
  ].join('\n');
}
