/** A unified diff of two texts by line (`hookguard policy --check` shows what regenerating would change). */

export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 2): string {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  // Common prefix and suffix first: a policy document changes in a few places.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  // LCS of the middle (bounded: past this size, the middle is shown as replaced whole).
  type Op = [' ' | '-' | '+', string];
  const ops: Op[] = [];
  if (am.length * bm.length <= 4_000_000) {
    const n = am.length;
    const m = bm.length;
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
  } else ops.push(...am.map((l): Op => ['-', l]), ...bm.map((l): Op => ['+', l]));
  const all: Op[] = [
    ...a.slice(0, pre).map((l): Op => [' ', l]),
    ...ops,
    ...a.slice(a.length - suf).map((l): Op => [' ', l]),
  ];

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
