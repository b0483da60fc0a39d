/**
 * Line diffs, written once: `hookguard policy --check` (what regenerating would change), `hookguard fix --dry-run`
 * (what a fix would write) and the Action's fix comments (a suggestion's change shown as a diff).
 */

/** Lines equal at the start (`pre`) and at the end (`suf`) of `a` and `b`, not overlapping. */
export function commonEnds(a: readonly string[], b: readonly string[]): { pre: number; suf: number } {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  return { pre, suf };
}

export type DiffOp = [' ' | '-' | '+', string];

/**
 * The line edits from `a` to `b`: kept (` `), removed (`-`), added (`+`). The common ends are trimmed first; the middle
 * is a longest common subsequence while `middle(a) × middle(b)` stays within `bound`, past which it is shown as
 * replaced whole.
 */
export function lineOps(a: readonly string[], b: readonly string[], bound = 4_000_000): DiffOp[] {
  const { pre, suf } = commonEnds(a, b);
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const ops: DiffOp[] = a.slice(0, pre).map((l): DiffOp => [' ', l]);
  if (am.length * bm.length <= bound) {
    const n = am.length;
    const m = bm.length;
    // L[i][j]: the longest common subsequence of am[i…] and bm[j…].
    const L: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        L[i]![j] = am[i] === bm[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push([' ', am[i]!]);
        i++;
        j++;
      } else if (i < n && (j >= m || L[i + 1]![j]! >= L[i]![j + 1]!)) ops.push(['-', am[i++]!]);
      else ops.push(['+', bm[j++]!]);
    }
  } else ops.push(...am.map((l): DiffOp => ['-', l]), ...bm.map((l): DiffOp => ['+', l]));
  ops.push(...a.slice(a.length - suf).map((l): DiffOp => [' ', l]));
  return ops;
}

/** A unified diff of two texts by line, with `context` unchanged lines around each change. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 2): string {
  const all = lineOps(oldText.split('\n'), newText.split('\n'));
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  let k = 0;
  let oldLine = 1;
  let newLine = 1;
  while (k < all.length) {
    if (all[k]![0] === ' ') {
      k++;
      oldLine++;
      newLine++;
      continue;
    }
    // A hunk: from `context` lines before the change to `context` lines after the last change within reach.
    const start = Math.max(0, k - context);
    let end = k;
    for (let q = k; q < all.length; q++) {
      if (all[q]![0] !== ' ') end = q;
      else if (q - end > 2 * context) break;
    }
    end = Math.min(all.length - 1, end + context);
    const before = k - start;
    const hunk = all.slice(start, end + 1);
    const oldCount = hunk.filter((o) => o[0] !== '+').length;
    const newCount = hunk.filter((o) => o[0] !== '-').length;
    out.push(`@@ -${oldLine - before},${oldCount} +${newLine - before},${newCount} @@`);
    for (const [t, l] of hunk) out.push(`${t}${l}`);
    for (let q = k; q <= end; q++) {
      if (all[q]![0] !== '+') oldLine++;
      if (all[q]![0] !== '-') newLine++;
    }
    k = end + 1;
  }
  return out.join('\n') + '\n';
}
