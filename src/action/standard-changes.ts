/**
 * Changes a pull request makes to the team's standard: a team policy (src/policies) it removes, or whose rule it
 * changes (severity, scope, target, filter, condition). The policy is the check the pull request is judged by, so
 * changing it is an exception like turning a built-in rule off: listed on its own, and approved by the policy's
 * owners as the BASE commit names them (its `owners:`, and the owners of its file).
 */
import { git } from '../git/run.js';
import { globRegex } from '../env/roles.js';
import { parsePolicies } from '../policies/load.js';
import type { PolicyDef } from '../policies/types.js';

export interface StandardChange {
  policy: PolicyDef;
  /** The policy at the head commit; undefined when the pull request removes it. */
  after?: PolicyDef | undefined;
  /** `policies/network.yaml`: where the policy was written at the base commit. */
  file: string;
}

/** Policy files at a revision, as `policyFiles` finds them in a working tree (default: `policies/*.y?ml`). */
export function policyFilesIn(tree: readonly string[], paths: readonly string[] | undefined): string[] {
  const yaml = /\.ya?ml$/i;
  const out = new Set<string>();
  for (const p of paths ?? ['policies']) {
    const clean = p.replace(/^\.\//, '').replace(/\/$/, '');
    if (/[*?[{]/.test(clean)) {
      const re = globRegex(clean, true);
      for (const f of tree) if (yaml.test(f) && re.test(f)) out.add(f);
    } else
      for (const f of tree)
        if (f === clean || (yaml.test(f) && f.startsWith(`${clean}/`) && !f.slice(clean.length + 1).includes('/')))
          out.add(f);
  }
  return [...out].sort();
}

/** What decides a policy's findings; lines and prose are left out (rewording a description changes nothing). */
function rule(p: PolicyDef): string {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== 'line')
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  return JSON.stringify(strip({ s: p.severity, sc: p.scope, t: p.target, w: p.where, c: p.condition }));
}

async function policiesAt(
  root: string,
  rev: string,
  paths: readonly string[] | undefined,
  configFile: string | undefined,
): Promise<PolicyDef[]> {
  const ls = await git(root, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', rev]);
  if (ls.code !== 0) return [];
  const tree = ls.stdout.toString('utf8').split('\0').filter(Boolean);
  const sources: Array<{ file: string; text: string; inConfig: boolean; optional: boolean }> = [];
  for (const file of policyFilesIn(tree, paths)) {
    const r = await git(root, ['show', `${rev}:${file}`]);
    if (r.code === 0) sources.push({ file, text: r.stdout.toString('utf8'), inConfig: false, optional: !paths });
  }
  if (configFile) {
    const r = await git(root, ['show', `${rev}:${configFile}`]);
    if (r.code === 0)
      sources.push({ file: configFile, text: r.stdout.toString('utf8'), inConfig: true, optional: true });
  }
  // A policy that does not parse at the head is as good as removed; its errors are the scan's to report.
  return parsePolicies(sources, new Set()).policies;
}

/** Team policies of the base commit that the head commit removes or changes. */
export async function standardChanges(
  root: string,
  base: string,
  head: string,
  o: { basePaths?: string[] | undefined; headPaths?: string[] | undefined; configFile?: string | undefined },
): Promise<StandardChange[]> {
  const before = await policiesAt(root, base, o.basePaths, o.configFile);
  if (!before.length) return [];
  const after = new Map((await policiesAt(root, head, o.headPaths, o.configFile)).map((p) => [p.id.toLowerCase(), p]));
  const out: StandardChange[] = [];
  for (const p of before) {
    const now = after.get(p.id.toLowerCase());
    if (!now) out.push({ policy: p, file: p.file });
    else if (rule(now) !== rule(p)) out.push({ policy: p, after: now, file: p.file });
  }
  return out;
}
