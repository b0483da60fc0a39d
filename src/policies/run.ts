/**
 * Team policies as rules of the CloudFormation and Ansible families: each policy becomes one rule that the family
 * runs with its own (same parse, same suppressions, same positions), so a policy finding is made and admitted as a
 * built-in rule's is. Loaded only when policies exist (the engine imports this module lazily).
 */
import type { Node } from 'yaml';
import type { CfnRule } from '../rules/cloudformation/rule.js';
import type { AnsibleRule, AnsibleContext, Task } from '../rules/ansible/context.js';
import type { Resource } from '../parse/cloudformation.js';
import { fromCfnResource } from '../cloud/adapters/cloudformation.js';
import { argValue, fromAnsibleTaskAll } from '../cloud/adapters/ansible.js';
import { AWS_MODULES } from '../cloud/adapters/ansible-aws.js';
import { strings } from '../rules/ansible/context.js';
import type { CloudResource, CValue, CMap } from '../cloud/model.js';
import { envClass, globRegex, makeRoleFinder } from '../env/roles.js';
import { evaluate, type EvalContext } from './eval.js';
import type { IacRuleMeta } from '../rules/iac.js';
import type { PolicyBundle, PolicyDef } from './types.js';
import { policyDoc } from './docs.js';

/** Module names that are one module (the AWS collection's old and new names; builtin renames). */
const ALIASES: string[][] = [
  ...AWS_MODULES.map(([names]) => [...names]).filter((n) => n.length > 1),
  ['ec2_security_group', 'ec2_group'],
  ['systemd', 'systemd_service'],
];

function aliasesOf(short: string): string[] {
  return ALIASES.find((g) => g.includes(short)) ?? [short];
}

/** Does a task's module match a policy's module name (FQCN, short name, or an alias of either)? */
export function moduleMatches(t: Pick<Task, 'module' | 'short' | 'collection'>, want: string): boolean {
  const parts = want.split('.');
  const short = parts[parts.length - 1]!;
  if (!aliasesOf(short).includes(t.short)) return false;
  if (parts.length === 1) return true;
  // A short name in a playbook resolves to ansible.builtin (or the collection the play names): it matches an FQCN.
  return t.collection === '' || t.collection === parts.slice(0, -1).join('.');
}

export function policyMeta(p: PolicyDef): IacRuleMeta {
  return {
    id: p.id,
    title: p.title,
    severity: p.severity,
    category: 'policy',
    ...(p.target.resources ? { resources: p.target.resources } : {}),
    ...(p.target.modules ? { modules: p.target.modules } : {}),
    docs: policyDoc(p),
    remediation: p.remediation,
    owners: p.owners,
  };
}

/** Does the policy apply to this path (scope.paths globs, scope.environments)? */
function inScope(p: PolicyDef, path: string, env: string | undefined): boolean {
  if (p.scope.paths.length && !p.scope.paths.some((g) => globRegex(g).test(path))) return false;
  if (p.scope.environments.length && (!env || !p.scope.environments.includes(env))) return false;
  return true;
}

const finders = new WeakMap<PolicyBundle, (path: string) => string | undefined>();

/** The environment class of a file (`prod` for `deploy/eu-prod/…`), as ENV-00x reads it. */
export function environmentOf(b: PolicyBundle, path: string): string | undefined {
  let f = finders.get(b);
  if (!f) {
    const find = makeRoleFinder(b.envGlobs?.length ? new Map(b.envGlobs) : undefined);
    f = (p) => {
      const r = find(p);
      return r ? envClass(r.env) : undefined;
    };
    finders.set(b, f);
  }
  return f(path);
}

function message(p: PolicyDef, r: CloudResource, detail: string): string {
  return `${p.id} ${p.title}: ${r.name}: ${detail}.`;
}

// ------------------------------------------------------------------------------------------------ CloudFormation

/** The policies that apply to a CloudFormation template at `path`, as rules of that family. */
export function cfnRules(b: PolicyBundle, path: string, env = environmentOf(b, path)): CfnRule[] {
  const out: CfnRule[] = [];
  for (const p of b.policies) {
    if (!p.target.resources?.length || !inScope(p, path, env)) continue;
    const meta = policyMeta(p) as CfnRule['meta'];
    out.push({
      meta,
      check(ctx) {
        const t = ctx.t;
        const all = t.resources.map((x) => fromCfnResource(t, x));
        const ectx: EvalContext = { all, environment: env };
        for (const r of all) {
          if (!p.target.resources!.includes(r.kind)) continue;
          if (p.where && evaluate(p.where, r, ectx).r !== 'pass') continue;
          const o = evaluate(p.condition, r, ectx);
          if (o.r !== 'fail') continue;
          const own = o.at && all.some((x) => x !== r && x.props === o.at) ? undefined : o.at;
          ctx.report(r.origin as Resource, own?.loc.node as Node | undefined, message(p, r, o.detail));
        }
      },
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ Ansible

function mapOf(entries: Map<string, CValue>, t: Task): CMap {
  return { t: 'map', entries, loc: { path: `${t.path}.${t.module}`, pos: t.modulePos } };
}

const FILE_MODULES = ['lineinfile', 'blockinfile', 'copy', 'template', 'replace'];
const PKG_MODULES = ['package', 'apt', 'yum', 'dnf', 'dnf5', 'zypper', 'apk', 'pacman', 'pip'];

/**
 * Host settings a task makes, as a partial resource (a task sets some settings; the ones it leaves out are unknown):
 * `host:sshd` (sshd_config lines a task writes), `host:sysctl` (a sysctl task), `host:packages` (Installed/Removed).
 */
function hostResources(ctx: AnsibleContext, t: Task): CloudResource[] {
  const src = { pos: (n: unknown) => ctx.pos(n) };
  const base = (kind: string, props: CMap): CloudResource => ({
    kind,
    name: t.name ? `"${t.name}"` : t.module,
    format: 'ansible',
    loc: { path: t.path, pos: t.pos },
    props,
    origin: t,
    partial: true,
  });
  const out: CloudResource[] = [];
  if (FILE_MODULES.includes(t.short)) {
    const dest = t.args.get('path') ?? t.args.get('dest');
    const target = typeof dest?.value === 'string' ? dest.value : '';
    const e = new Map<string, CValue>();
    for (const a of t.args.values()) {
      if (['path', 'dest', 'src', 'regexp', 'search_string', 'insertafter', 'insertbefore'].includes(a.key)) continue;
      for (const s of strings(a.value))
        for (const line of s.split('\n')) {
          const m = /^\s*([A-Z][A-Za-z]+)\s+(.+?)\s*(?:#.*)?$/.exec(line);
          if (!m) continue;
          const value = /\{\{|\{%/.test(m[2]!)
            ? ({ t: 'unknown', loc: { path: `${t.path}.${t.module}.${a.key}`, pos: a.keyPos } } as CValue)
            : ({ t: 'scalar', value: m[2]!, loc: { path: `${t.path}.${t.module}.${a.key}`, pos: a.keyPos } } as CValue);
          e.set(m[1]!, value);
        }
    }
    if (e.size && (/sshd_config/.test(target) || (!target && t.short === 'template')))
      out.push(base('host:sshd', mapOf(e, t)));
  }
  if (t.short === 'sysctl') {
    const name = t.args.get('name');
    const value = t.args.get('value') ?? t.args.get('val');
    if (typeof name?.value === 'string' && value)
      out.push(base('host:sysctl', mapOf(new Map([[name.value, argValue(t, value, src)]]), t)));
  }
  if (PKG_MODULES.includes(t.short)) {
    const name = t.args.get('name') ?? t.args.get('pkg');
    const state = t.args.get('state');
    const removed = typeof state?.value === 'string' && /^(?:absent|removed)$/.test(state.value);
    if (name)
      out.push(base('host:packages', mapOf(new Map([[removed ? 'Removed' : 'Installed', argValue(t, name, src)]]), t)));
  }
  return out;
}

/** The task as a resource of kind `ansible:<module>` whose properties are its arguments. */
function taskResource(ctx: AnsibleContext, t: Task): CloudResource {
  const src = { pos: (n: unknown) => ctx.pos(n) };
  const e = new Map<string, CValue>();
  for (const a of t.args.values()) e.set(a.key, argValue(t, a, src));
  return {
    kind: `ansible:${t.short}`,
    name: t.name ? `"${t.name}"` : t.module,
    format: 'ansible',
    loc: { path: t.path, pos: t.pos },
    props: mapOf(e, t),
    origin: t,
  };
}

const ansMemo = new WeakMap<object, { cloud: CloudResource[]; host: CloudResource[] }>();

function ansibleResources(ctx: AnsibleContext): { cloud: CloudResource[]; host: CloudResource[] } {
  let m = ansMemo.get(ctx.file);
  if (!m) {
    const src = { pos: (n: unknown) => ctx.pos(n) };
    m = { cloud: [], host: [] };
    for (const t of ctx.file.tasks) {
      m.cloud.push(...fromAnsibleTaskAll(t, src));
      m.host.push(...hostResources(ctx, t));
    }
    ansMemo.set(ctx.file, m);
  }
  return m;
}

/** The policies that apply to an Ansible file at `path`, as rules of that family. */
export function ansibleRules(b: PolicyBundle, path: string, env = environmentOf(b, path)): AnsibleRule[] {
  const out: AnsibleRule[] = [];
  for (const p of b.policies) {
    if (!inScope(p, path, env)) continue;
    const meta = { ...policyMeta(p), modules: p.target.modules ?? [] } as AnsibleRule['meta'];
    out.push({
      meta,
      check(ctx) {
        const { cloud, host } = ansibleResources(ctx);
        const ectx: EvalContext = { all: cloud, environment: env };
        let targets: CloudResource[];
        if (p.target.resources?.length) targets = cloud.filter((r) => p.target.resources!.includes(r.kind));
        else if (p.target.host) targets = host.filter((r) => r.kind === `host:${p.target.host}`);
        else if (p.target.modules?.length)
          targets = ctx.file.tasks
            .filter((t) => p.target.modules!.some((m) => moduleMatches(t, m)))
            .map((t) => taskResource(ctx, t));
        else targets = [];
        for (const r of targets) {
          if (p.where && evaluate(p.where, r, ectx).r !== 'pass') continue;
          const o = evaluate(p.condition, r, ectx);
          if (o.r !== 'fail') continue;
          const t = r.origin as Task;
          ctx.report({
            at: o.at?.loc.pos ?? t.pos,
            scope: t.scope,
            path: o.at ? o.at.loc.path : `${t.path}.${t.module}`,
            message: message(p, r, o.detail),
          });
        }
      },
    });
  }
  return out;
}
