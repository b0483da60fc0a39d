/**
 * Bridge from the format-neutral checks in src/cloud/ to Ansible rules: tasks whose module has an adapter
 * (src/cloud/adapters/ansible.ts) become normalised resources; a shared check runs once per file and each rule reports
 * the finding codes it owns, at the argument that holds the value.
 */
import { fromAnsibleTaskAll } from '../../cloud/adapters/ansible.js';
import type { CloudCheck, CloudFinding, CloudResource } from '../../cloud/model.js';
import type { AnsibleFile, Task } from '../../parse/ansible.js';
import type { AnsibleContext } from './context.js';
import { SEVERITY_RANK, type Severity } from '../../types.js';

const resMemo = new WeakMap<AnsibleFile, CloudResource[]>();
const findMemo = new WeakMap<AnsibleFile, Map<CloudCheck, CloudFinding[]>>();

/** Normalised resources of the file's tasks (those whose module has an adapter). */
export function cloudResources(ctx: AnsibleContext): CloudResource[] {
  let out = resMemo.get(ctx.file);
  if (!out) {
    out = [];
    for (const t of ctx.file.tasks) {
      out.push(...fromAnsibleTaskAll(t, { pos: (n) => ctx.pos(n) }));
    }
    resMemo.set(ctx.file, out);
  }
  return out;
}

export function cloudFindings(ctx: AnsibleContext, check: CloudCheck): CloudFinding[] {
  let m = findMemo.get(ctx.file);
  if (!m) findMemo.set(ctx.file, (m = new Map<CloudCheck, CloudFinding[]>()));
  let out = m.get(check);
  if (!out) {
    const kinds = new Set(check.kinds);
    const all = cloudResources(ctx).filter((r) => kinds.has(r.kind));
    const found: CloudFinding[] = [];
    for (const r of all) check.run(r, (f) => found.push(f), all);
    m.set(check, (out = found));
  }
  return out;
}

/**
 * check(): report the findings of `check` whose code is in `codes`, one per place (findings of several codes at the
 * same argument are joined into one message).
 */
export function cloudCheck(check: CloudCheck, codes: readonly string[]): (ctx: AnsibleContext) => void {
  return cloudChecks([[check, codes]]);
}

/** The same for a rule that reports the codes of several shared checks (findings at one place joined). */
export function cloudChecks(
  pairs: ReadonlyArray<readonly [CloudCheck, readonly string[]]>,
): (ctx: AnsibleContext) => void {
  return (ctx) => {
    const byPlace = new Map<string, CloudFinding[]>();
    for (const [check, codes] of pairs)
      for (const f of cloudFindings(ctx, check)) {
        if (!codes.includes(f.code)) continue;
        const k = f.at?.loc.path ?? f.resource.loc.path;
        const list = byPlace.get(k) ?? [];
        list.push(f);
        byPlace.set(k, list);
      }
    for (const [path, list] of byPlace) {
      const f = list[0]!;
      const t = f.resource.origin as Task;
      const message = [...new Set(list.map((x) => x.message))].join('; ');
      const severity = list.some((x) => !x.severity) ? undefined : list.map((x) => x.severity!).sort(bySeverity)[0];
      ctx.report({
        at: f.at?.loc.pos ?? t.pos,
        scope: t.scope,
        path: f.at ? path : `${t.path}.${t.module}`,
        message: `${t.module}: ${message}`,
        ...(list.some((x) => x.secret) ? { secret: true } : {}),
        ...(severity ? { severity } : {}),
        ...(f.why ? { why: f.why } : {}),
        ...(f.related?.some((x) => x.at.loc.pos)
          ? {
              related: f.related.flatMap((x) => (x.at.loc.pos ? [{ at: x.at.loc.pos, message: x.message }] : [])),
            }
          : {}),
      });
    }
  };
}

/** Most severe first. */
function bySeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}
