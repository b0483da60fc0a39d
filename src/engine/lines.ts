/** Offsets, lines and ranges in a text: what the engine and its passes share. */
import type { Target } from '../types.js';
import type { EngineOptions } from './index.js';
/** Line starts of a text, for offset → line/column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function lineText(text: string, starts: number[], idx: number): string {
  const s = starts[idx]!;
  const e = idx + 1 < starts.length ? starts[idx + 1]! - 1 : text.length;
  return text.slice(s, e);
}

export function overlaps(scope: [number, number], changed: Array<[number, number]> | undefined): boolean {
  if (!changed) return true;
  return changed.some(([s, e]) => scope[0] <= e && s <= scope[1]);
}

/**
 * Readers of a target's lines for the comment above a finding: `contentLine` from its full text (when there is one),
 * `revisionLine` from the file at the scanned revision (index or commit), read only when a finding starts a diff hunk.
 */
export function aboveLines(
  t: Target,
  opts: EngineOptions,
): { contentLine: (n: number) => string | undefined; revisionLine: (n: number) => Promise<string | undefined> } {
  // Lines of the full text (when there is one), for the line above a finding that starts a chunk.
  let contentStarts: number[] | undefined;
  const contentLine = (n: number): string | undefined => {
    if (t.content === undefined || n < 1) return undefined;
    contentStarts ??= lineStarts(t.content);
    return n <= contentStarts.length ? lineText(t.content, contentStarts, n - 1) : undefined;
  };

  // The file at the scanned revision (index or commit), read only when a finding starts a diff hunk.
  let revisionText: Promise<string | undefined> | undefined;
  const revisionLine = async (n: number): Promise<string | undefined> => {
    if (!opts.readRelated || t.content !== undefined) return undefined;
    revisionText ??= opts.readRelated(t.path, t.commit?.sha).catch(() => undefined);
    const text = await revisionText;
    if (text === undefined) return undefined;
    let at = 0;
    for (let i = 1; i < n; i++) {
      at = text.indexOf('\n', at) + 1;
      if (at === 0) return undefined;
    }
    const e = text.indexOf('\n', at);
    return text.slice(at, e === -1 ? undefined : e).replace(/\r$/, '');
  };
  return { contentLine, revisionLine };
}
