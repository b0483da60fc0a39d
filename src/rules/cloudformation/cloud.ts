/**
 * Bridge from the format-neutral checks in src/cloud/ to CloudFormation rules: adapt the template's resources once,
 * run a shared check once per template, and let each rule report the finding codes it owns.
 */
import type { Node } from 'yaml';
import type { CfnTemplate } from '../../parse/cloudformation.js';
import { fromCfnResource } from '../../cloud/adapters/cloudformation.js';
import type { CloudCheck, CloudFinding, CloudResource } from '../../cloud/model.js';
import type { CfnContext, CfnRule } from './rule.js';
import type { Resource } from '../../parse/cloudformation.js';

const memo = new WeakMap<CfnTemplate, Map<CloudCheck, CloudFinding[]>>();

const byTypeMemo = new WeakMap<CfnTemplate, Map<string, Resource[]>>();

/** The template's resources whose Type is in `types`, in template order (indexed by type once per template). */
export function resourcesOfTypes(t: CfnTemplate, types: readonly string[]): Resource[] {
  let byType = byTypeMemo.get(t);
  if (!byType) {
    byType = new Map();
    for (const r of t.resources) {
      const list = byType.get(r.type);
      if (list) list.push(r);
      else byType.set(r.type, [r]);
    }
    byTypeMemo.set(t, byType);
  }
  if (types.length === 1) return byType.get(types[0]!) ?? [];
  const hit = types.filter((k) => byType.has(k));
  if (hit.length <= 1) return hit.length ? byType.get(hit[0]!)! : [];
  const set = new Set(hit);
  return t.resources.filter((r) => set.has(r.type));
}

/**
 * Normalised resources of the template whose kind is in `kinds`. Conversion is lazy: only resources of a kind some
 * check asks for are converted, each once per template.
 */
export function cloudResources(t: CfnTemplate, kinds: readonly string[]): CloudResource[] {
  return resourcesOfTypes(t, kinds).map((r) => fromCfnResource(t, r));
}

/** Every finding of a shared check on this template (computed once, whichever rule asks first). */
export function cloudFindings(t: CfnTemplate, check: CloudCheck): CloudFinding[] {
  let m = memo.get(t);
  if (!m) memo.set(t, (m = new Map<CloudCheck, CloudFinding[]>()));
  let out = m.get(check);
  if (!out) {
    const found: CloudFinding[] = [];
    const all = cloudResources(t, check.kinds);
    for (const r of all) check.run(r, (f) => found.push(f), all);
    m.set(check, (out = found));
  }
  return out;
}

/** Report a shared finding through a CloudFormation rule's context. */
export function reportCloud(ctx: CfnContext, f: CloudFinding): void {
  const anchor = f.resource.origin as Resource;
  ctx.report(anchor, f.at?.loc.node as Node | undefined, f.message, {
    why: f.why,
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.secret ? { secret: true } : {}),
    ...(f.related?.length
      ? {
          related: f.related.flatMap((x) =>
            x.at.loc.node ? [{ node: x.at.loc.node as Node, message: x.message }] : [],
          ),
        }
      : {}),
  });
}

/** check(): report the findings of `check` whose code is one of `codes` (on resources of `kinds`, when given). */
export function cloudCheck(check: CloudCheck, codes: readonly string[], kinds?: readonly string[]): CfnRule['check'] {
  return (ctx) => {
    for (const f of cloudFindings(ctx.t, check))
      if (codes.includes(f.code) && (!kinds || kinds.includes(f.resource.kind))) reportCloud(ctx, f);
  };
}
