/** Retired rule ids (src/rules/retired.json) are never reused: no rule of any family has one. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iacRuleDocs } from '../../src/index.js';
import { readPatternDir } from '../../src/rules/secrets/load.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('retired rule ids (src/rules/retired.json)', () => {
  it('are never the id of a rule, in any family', async () => {
    const retired = (
      JSON.parse(readFileSync(path.join(ROOT, 'src/rules/retired.json'), 'utf8')) as {
        retired: Record<string, string>;
      }
    ).retired;
    const ids = [
      ...(await readPatternDir(path.join(ROOT, 'patterns'))).map((p) => p.id),
      ...(await iacRuleDocs()).map((d) => d.id),
    ];
    expect(ids.length).toBeGreaterThan(300);
    expect(ids.filter((id) => id in retired)).toEqual([]);
  });
});
