/**
 * Static check for regexes that can backtrack catastrophically: a quantified group whose body can itself repeat
 * without bound (star height > 1, e.g. `(a+)+`, `(\w*\s?)*`), or a quantified alternation whose branches overlap
 * trivially (`(a|a)*`). Returns a reason, or undefined when the pattern looks linear.
 */
export function checkRegexSafety(source: string): string | undefined {
  interface Frame {
    start: number;
    unbounded: boolean;
    alternatives: string[];
    altStart: number;
  }
  const stack: Frame[] = [{ start: 0, unbounded: false, alternatives: [], altStart: 0 }];
  let inClass = false;
  const isUnboundedQuantAt = (i: number): { unbounded: boolean; quantified: boolean; len: number } => {
    const c = source[i];
    if (c === '*' || c === '+') return { unbounded: true, quantified: true, len: 1 };
    if (c === '?') return { unbounded: false, quantified: true, len: 1 };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m) {
        const unbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 100);
        return { unbounded, quantified: true, len: m[0].length };
      }
    }
    return { unbounded: false, quantified: false, len: 0 };
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') {
      stack.push({ start: i, unbounded: false, alternatives: [], altStart: i + 1 });
      continue;
    }
    if (c === '|') {
      const top = stack[stack.length - 1]!;
      top.alternatives.push(source.slice(top.altStart, i));
      top.altStart = i + 1;
      continue;
    }
    if (c === ')') {
      const frame = stack.pop();
      if (!frame || stack.length === 0) return undefined; // unbalanced: the RegExp constructor reports it
      frame.alternatives.push(source.slice(frame.altStart, i));
      const q = isUnboundedQuantAt(i + 1);
      if (q.unbounded && frame.unbounded) {
        return `nested unbounded repetition in ${source.slice(frame.start, i + 1 + q.len)} can backtrack exponentially`;
      }
      if (q.unbounded) {
        const alts = frame.alternatives.map((a) => a.replace(/^\?(?::|<?[=!]|<[A-Za-z_]\w*>)/, ''));
        if (new Set(alts).size < alts.length)
          return `repeated alternation with identical branches in ${source.slice(frame.start, i + 1)}`;
      }
      const parent = stack[stack.length - 1]!;
      if (frame.unbounded || q.unbounded) parent.unbounded = true;
      i += q.len;
      continue;
    }
    const q = isUnboundedQuantAt(i);
    if (q.unbounded) stack[stack.length - 1]!.unbounded = true;
    if (q.len > 1) i += q.len - 1;
  }
  return undefined;
}
