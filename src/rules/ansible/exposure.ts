/**
 * Network exposure for the Azure NSG and GCP firewall rules: what counts as "anywhere" and which ports are sensitive,
 * both from the shared cloud constants (src/cloud/constants.ts), so every family uses the same lists.
 */
import { isWorldCidr, SENSITIVE_SERVICES, servesOn } from '../../cloud/constants.js';

/** Sources that mean the whole internet: CIDRs with prefix length 0 (every spelling) and Azure's service tags. */
export function isAnywhere(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const s = v.trim().toLowerCase();
  return s === '*' || s === 'internet' || s === 'any' || isWorldCidr(s);
}

/** `22`, `1000-2000`, `*` (every port), `"20-23, 94"` → ranges; undefined for what cannot be read (Jinja). */
export function portRanges(values: unknown[]): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  // A string may list several ports and ranges: `"20-23, 94"` (Azure NSG rules accept this form).
  for (const v of values)
    for (const part of String(v).split(',')) {
      const s = part.trim();
      if (s === '*' || s === '-1') out.push([0, 65535]);
      else {
        const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(s);
        if (!m) return undefined;
        out.push([Number(m[1]), m[2] ? Number(m[2]) : Number(m[1])]);
      }
    }
  return out;
}

/** Every port, or the sensitive services the ranges open on `protocol` (`tcp`, `Udp`, `*`…; absent is any). */
export function exposed(ranges: Array<[number, number]>, protocol?: string): { all: boolean; ports: number[] } {
  const all = ranges.some(([lo, hi]) => lo <= 0 && hi >= 65535);
  const ports = SENSITIVE_SERVICES.filter(
    (e) => servesOn(e, protocol) && ranges.some(([lo, hi]) => e[0] >= lo && e[0] <= hi),
  ).map(([p]) => p);
  return { all, ports: [...new Set(ports)] };
}

export function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}
