/** Baseline entries that matched nothing in a full scan, as HG-UNUSED-001 findings on their line of the baseline. */
import type { Finding, Severity } from '../types.js';
import type { BaselineEntry } from './baseline.js';
import { UNUSED_ID, unusedRule } from '../rules/hookguard/unused.js';
import { makeFinding } from '../finding/index.js';

export function unusedBaselineFindings(
  file: string,
  text: string,
  stale: string[],
  entries: ReadonlyMap<string, BaselineEntry>,
  overrides: ReadonlyMap<string, 'off' | Severity>,
): Finding[] {
  const o = overrides.get(UNUSED_ID.toLowerCase());
  if (o === 'off') return [];
  const lines = text.split('\n');
  return stale.map((fp) => {
    const e = entries.get(fp);
    const idx = lines.findIndex((l) => l.includes(`"${fp}"`));
    const line = idx >= 0 ? idx + 1 : 1;
    const col = idx >= 0 ? lines[idx]!.indexOf(`"${fp}"`) + 1 : 1;
    return makeFinding({
      ruleId: UNUSED_ID,
      category: 'hookguard',
      severity: o ?? unusedRule.severity,
      title: unusedRule.title,
      message: `Baseline entry for ${e?.ruleId ?? 'a finding'} in ${e?.file ?? 'a file'}${e?.line ? `:${e.line}` : ''} matches nothing any more.`,
      remediation: `Drop it with "hookguard baseline ${e?.mode && e.mode !== 'files' ? '--history ' : ''}--prune" (it removes only the entries a full scan of that kind no longer finds, and adds nothing), or delete its line from ${file}.`,
      file,
      line,
      column: col,
      endLine: line,
      endColumn: col + fp.length + 2,
      identity: [fp],
      blocking: true,
    });
  });
}
