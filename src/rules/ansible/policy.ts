/** Reading IAM/S3 policy documents given as YAML mappings or JSON strings (Jinja lookups are unknown). */
import { isJinja } from './context.js';

export interface Stmt {
  effect: string;
  actions: string[];
  notActions: boolean;
  resources: string[];
  principalStar: boolean;
  hasCondition: boolean;
}

export function parsePolicy(v: unknown): Record<string, unknown> | undefined {
  if (typeof v === 'string') {
    if (isJinja(v)) return undefined;
    try {
      const p: unknown = JSON.parse(v);
      return p && typeof p === 'object' ? (p as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)];

export function statements(doc: Record<string, unknown>): Stmt[] {
  const raw = doc.Statement ?? doc.statement;
  const arr = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return arr
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object')
    .map((s) => {
      const pr = s.Principal;
      const principalStar =
        pr === '*' || (!!pr && typeof pr === 'object' && list((pr as Record<string, unknown>).AWS).includes('*'));
      return {
        effect: String(s.Effect ?? ''),
        actions: list(s.Action),
        notActions: s.NotAction !== undefined,
        resources: list(s.Resource),
        principalStar,
        hasCondition: !!s.Condition,
      };
    });
}
