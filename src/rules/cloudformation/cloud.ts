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

/** Normalised resources of the template whose kind is in `kinds`. */
export function cloudResources(t: CfnTemplate, kinds: readonly string[]): CloudResource[] {
  const set = new Set(kinds);
  return t.resources.filter((r) => set.has(r.type)).map((r) => fromCfnResource(t, r));
}

/** Every finding of a shared check on this template (computed once, whichever rule asks first). */
export function cloudFindings(t: CfnTemplate, check: CloudCheck): CloudFinding[] {
  let m = memo.get(t);
  if (!m) memo.set(t, (m = new Map()));
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
  });
}

/** check(): report the findings of `check` whose code is one of `codes`. */
export function cloudCheck(check: CloudCheck, codes: readonly string[]): CfnRule['check'] {
  return (ctx) => {
    for (const f of cloudFindings(ctx.t, check)) if (codes.includes(f.code)) reportCloud(ctx, f);
  };
}
