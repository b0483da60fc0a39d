// Benchmark helpers: interleaved runs (so machine noise hits every contender alike), medians and ratios.
import { spawnSync } from 'node:child_process';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function timeCommand(cmd, args, opts) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['pipe', 'ignore', 'ignore'], ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status };
}

/** Run each contender `runs` times, interleaved; returns medians in ms. */
export function compare(contenders, runs) {
  const times = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++)
    for (const c of contenders) {
      const { ms, status } = timeCommand(c.cmd, c.args, c.opts);
      if (c.expectStatus !== undefined && status !== c.expectStatus)
        throw new Error(`${c.name}: exit ${status}, expected ${c.expectStatus}`);
      times[c.name].push(ms);
    }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

export function table(rows) {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(w[i])).join('  ')).join('\n');
}
