/** Counts per character code for ASCII texts (reused: entropy runs on every candidate value). */
const counts = new Uint32Array(128);
const order = new Uint8Array(128);

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const n = s.length;
  // ASCII (nearly always): counted in a typed array, summed in order of first occurrence as the Map below is.
  let distinct = 0;
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      ascii = false;
      break;
    }
    const v = counts[c]!;
    counts[c] = v + 1;
    if (v === 0) order[distinct++] = c;
  }
  if (ascii) {
    let h = 0;
    for (let k = 0; k < distinct; k++) {
      const c = order[k]!;
      const p = counts[c]! / n;
      counts[c] = 0;
      h -= p * Math.log2(p);
    }
    return h;
  }
  counts.fill(0);
  const map = new Map<string, number>();
  for (const ch of s) map.set(ch, (map.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of map.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}
