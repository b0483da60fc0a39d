/**
 * Network exposure shared by the Azure and GCP rules until they move onto the shared cloud model (src/cloud):
 * what counts as "anywhere" and which ports are administrative or data services.
 */
export const SENSITIVE_PORTS = [
  20, 21, 22, 23, 135, 137, 138, 139, 445, 1433, 1434, 1521, 2375, 2376, 3306, 3389, 5432, 5500, 5900, 5985, 5986, 6379,
  7001, 8020, 9042, 9200, 9300, 11211, 27017, 27018,
];

/** Sources that mean the whole internet: CIDRs ending in /0 and Azure's service tags. */
export function isAnywhere(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const s = v.trim().toLowerCase();
  return s === '*' || s === 'internet' || s === 'any' || /^(?:0\.0\.0\.0|::|0+(?::0+)*:?:?)\/0$/.test(s);
}

/** `22`, `1000-2000`, `*` (every port) → ranges; undefined for what cannot be read (Jinja). */
export function portRanges(values: unknown[]): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  for (const v of values) {
    const s = String(v).trim();
    if (s === '*' || s === '-1') out.push([0, 65535]);
    else {
      const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(s);
      if (!m) return undefined;
      out.push([Number(m[1]), m[2] ? Number(m[2]) : Number(m[1])]);
    }
  }
  return out;
}

export function exposed(ranges: Array<[number, number]>): { all: boolean; ports: number[] } {
  const all = ranges.some(([lo, hi]) => lo <= 0 && hi >= 65535);
  return { all, ports: SENSITIVE_PORTS.filter((p) => ranges.some(([lo, hi]) => p >= lo && p <= hi)) };
}

export function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}
