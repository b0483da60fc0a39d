/** Helpers shared by CloudFormation rules: docs, value tests, rule factories, policy statements (via src/cloud). */
import type { Node } from 'yaml';
import { asBool, isKnown, type CfnTemplate, type Resource, type Val } from '../../parse/cloudformation.js';
import type { CfnContext, CfnRule } from './rule.js';
import type { Severity } from '../../types.js';
import { cfnValue } from '../../cloud/adapters/cloudformation.js';
import * as policy from '../../cloud/policy.js';
import type { Scalar } from '../../cloud/values.js';

export interface DocParts {
  what: string;
  why: string;
  /** A failing snippet (YAML). */
  example: string;
  fix: string;
  /** A passing snippet (YAML), shown under the fix. */
  fixed?: string;
  refs: string[];
}

/** Rule documentation in the shape `hookguard explain` prints and the tests check. */
/**
 * A snippet without its common indentation and surrounding blank lines. (`trim()` would strip the first line's
 * indentation only, and a fragment such as a list item taken from deep in a template would no longer parse.)
 */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, '')
    .trimEnd()
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function doc(p: DocParts): string {
  return [
    '## What it checks',
    p.what,
    '',
    '## Why it matters',
    p.why,
    '',
    '## Example',
    '```yaml',
    dedent(p.example),
    '```',
    '',
    '## Fix',
    p.fix,
    ...(p.fixed ? ['', '```yaml', dedent(p.fixed), '```'] : []),
    '',
    '## References',
    ...p.refs.map((r) => `- ${r}`),
  ].join('\n');
}

/** First known value matching `pred`, if any. */
export function findVal(vals: Val[], pred: (v: Val) => boolean): Val | undefined {
  return vals.find((v) => isKnown(v) && pred(v));
}

export function isTrue(v: Val): boolean {
  return asBool(v.value) === true;
}

export function isFalse(v: Val): boolean {
  return asBool(v.value) === false;
}

/** A boolean property: absent, or the first known true/false value (unknown values count as compliant). */
export function boolProp(t: CfnTemplate, node: Node | undefined): { absent: boolean; falseVal?: Val; trueVal?: Val } {
  if (node === undefined) return { absent: true };
  const vals = t.values(node);
  const falseVal = findVal(vals, isFalse);
  const trueVal = findVal(vals, isTrue);
  return { absent: false, ...(falseVal ? { falseVal } : {}), ...(trueVal ? { trueVal } : {}) };
}

/** Rule factory for "property X must be true" (absent counts as false unless `absentOk`). */
export function requireTrue(opts: {
  meta: CfnRule['meta'];
  prop: string;
  /** Skip resources for which this returns false. */
  when?: (t: CfnTemplate, r: Resource) => boolean;
  absentOk?: boolean;
  absentMessage: (r: Resource) => string;
  falseMessage: (r: Resource) => string;
}): CfnRule {
  return {
    meta: opts.meta,
    check(ctx: CfnContext) {
      for (const r of ctx.resources) {
        if (opts.when && !opts.when(ctx.t, r)) continue;
        const node = ctx.t.at(r.props, opts.prop);
        const b = boolProp(ctx.t, node);
        if (b.absent) {
          if (!opts.absentOk) ctx.report(r, parentOrUndefined(ctx.t, r, opts.prop), opts.absentMessage(r));
        } else if (b.falseVal) ctx.report(r, node, opts.falseMessage(r), { why: b.falseVal.why });
      }
    },
  };
}

/** Deepest existing node along a dotted path under Properties (to point at the closest thing that exists). */
function parentOrUndefined(t: CfnTemplate, r: Resource, path: string): Node | undefined {
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const n = t.at(r.props, parts.slice(0, i).join('.'));
    if (n !== undefined) return n;
  }
  return undefined;
}

/** Rule factory for "property X must be set" (any value, even unknown, passes). */
export function requireProp(opts: {
  meta: CfnRule['meta'];
  prop: string;
  when?: (t: CfnTemplate, r: Resource) => boolean;
  message: (r: Resource) => string;
}): CfnRule {
  return {
    meta: opts.meta,
    check(ctx: CfnContext) {
      for (const r of ctx.resources) {
        if (opts.when && !opts.when(ctx.t, r)) continue;
        const node = ctx.t.at(r.props, opts.prop);
        if (node === undefined || ctx.t.values(node).every((v) => v.value === null))
          ctx.report(r, node ?? parentOrUndefined(ctx.t, r, opts.prop), opts.message(r));
      }
    },
  };
}

export function meta(
  id: string,
  title: string,
  severity: Severity,
  resources: string[],
  docs: string,
  remediation: string,
): CfnRule['meta'] {
  return { id, title, severity, category: 'cloudformation', resources, docs, remediation };
}

// ---------------------------------------------------------------- policies
// Policy documents are read by the format-neutral analyser (src/cloud/policy.ts); these wrappers hand the rules the
// nodes to report at. Documents given as JSON strings are parsed, so their findings point at the string.

export interface Statement {
  node: Node;
  allow: boolean;
  deny: boolean;
  actionNode?: Node | undefined;
  notActionNode?: Node | undefined;
  resourceNode?: Node | undefined;
  notResourceNode?: Node | undefined;
  principalNode?: Node | undefined;
  notPrincipalNode?: Node | undefined;
  conditionNode?: Node | undefined;
  actions: Val[];
  resources: Val[];
  /** The analyser's statement. */
  cloud: policy.Statement;
}

const nodeOf = (v: { loc: { node?: unknown } } | undefined): Node | undefined => v?.loc.node as Node | undefined;
const toVal = (s: Scalar): Val => ({ value: s.value, ...(s.why ? { why: s.why } : {}) });

/** Statements of a policy document (each `!If` branch expanded; JSON strings parsed). */
export function statements(t: CfnTemplate, docNode: Node | undefined): Statement[] {
  if (!docNode) return [];
  return policy.statements(cfnValue(t, docNode)).map((s) => ({
    node: nodeOf(s.at)!,
    allow: s.allow,
    deny: s.deny,
    actionNode: nodeOf(s.action),
    notActionNode: nodeOf(s.notAction),
    resourceNode: nodeOf(s.resource),
    notResourceNode: nodeOf(s.notResource),
    principalNode: nodeOf(s.principal),
    notPrincipalNode: nodeOf(s.notPrincipal),
    conditionNode: nodeOf(s.condition),
    actions: s.actions.map(toVal),
    resources: s.resources.map(toVal),
    cloud: s,
  }));
}

/** Identity policy documents of a resource: IAM policies, inline role/user/group policies, SAM inline statements. */
export function identityPolicyDocs(t: CfnTemplate, r: Resource): Node[] {
  switch (r.type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::IAM::RolePolicy':
    case 'AWS::IAM::UserPolicy':
    case 'AWS::IAM::GroupPolicy': {
      const d = t.get(r.props, 'PolicyDocument');
      return d ? [d] : [];
    }
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      return t.items(t.get(r.props, 'Policies')).flatMap((p) => {
        const d = t.get(p, 'PolicyDocument');
        return d ? [d] : [];
      });
    case 'AWS::Serverless::Function':
    case 'AWS::Serverless::StateMachine':
      return t.items(t.get(r.props, 'Policies')).filter((p) => t.get(p, 'Statement') !== undefined);
    default:
      return [];
  }
}

export const IDENTITY_POLICY_TYPES = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::Serverless::Function',
  'AWS::Serverless::StateMachine',
];

/** Does an IAM action pattern (with `*`/`?` wildcards) cover `action` (e.g. `iam:PassRole`)? */
export const actionCovers = policy.actionCovers;

export function strVal(v: Val): string | undefined {
  return isKnown(v) && typeof v.value === 'string' ? v.value.trim() : undefined;
}

/** The wildcard principal of a statement (`*`, `{AWS: '*'}`, `{AWS: ['*']}`), with the node to report at. */
export function wildcardPrincipal(s: Statement): { node: Node; val: Val } | undefined {
  const w = policy.wildcardPrincipal(s.cloud);
  return w ? { node: nodeOf(w.at)!, val: toVal(w) } : undefined;
}

/** A Condition that actually constrains (non-empty mapping, or one that cannot be known). */
export function hasCondition(s: Statement): boolean {
  return policy.hasCondition(s.cloud);
}

/** What to do about a resource policy open to any principal (shared by the resource-policy rules). */
export const NAME_PRINCIPALS_FIX =
  'Name the principals (accounts, roles, services) that need access, or restrict the statement with a condition such as `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`.';
export const NAME_PRINCIPALS_REMEDIATION = 'Name the principals explicitly or add a restricting Condition.';
export const PRINCIPAL_REF =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html';

/** check(): each Allow statement of the policy in property `prop` that lets any principal in without a condition. */
export function publicPolicyCheck(prop: string): CfnRule['check'] {
  return (ctx) => {
    for (const r of ctx.resources)
      for (const p of publicStatements(ctx.t, ctx.t.get(r.props, prop)))
        ctx.report(r, p.node, `${r.id} allows any principal ("*") without a condition`, { why: p.why });
  };
}

export function publicStatements(
  t: CfnTemplate,
  docNode: Node | undefined,
): Array<{ s: policy.Statement; node: Node; why?: string | undefined }> {
  if (!docNode) return [];
  return policy.publicStatements(cfnValue(t, docNode)).map((p) => ({ s: p.s, node: nodeOf(p.at.at)!, why: p.at.why }));
}

/** Does a name look like it holds a secret (password, token, key…)? */
export const SECRET_NAME =
  /passw(?:or)?d|passphrase|secret|token|api[-_]?key|apikey|private[-_]?key|access[-_]?key|credential|auth[-_]?key|client[-_]?secret|(?:^|[-_])pwd(?:$|[-_])/i;

/** Names that look secret-ish but are not secrets themselves (ARNs, ids, names of secrets, key ids). */
export const NOT_SECRET_NAME =
  /arn$|(?:^|[-_])(?:id|name|arn|path|length|type|rotation|policy|usage|file|field|version|region|header|url|uri|location|param(?:eter)?|ssm)$|secretsmanager|secretname|secretid|secretarn|keyid|keyname|tokenurl|tokenendpoint|passwordlength|passwordpolicy|expir|ttl|enabled|requir/i;

export function looksSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

/** A literal string that is plausibly a real value (not a placeholder, reference syntax or empty). */
export function literalSecretValue(v: Val): boolean {
  const s = strVal(v);
  if (s === undefined || s.length < 4) return false;
  if (
    /^\$\{|^\{\{|^arn:|^<.*>$|^(?:changeme|change-me|none|null|todo|xxx+|\*+|placeholder|example|dummy|test)$/i.test(s)
  )
    return false;
  return true;
}

/** Rule factory for "property X must not be true" (absent is fine unless `absentMessage` is given). */
export function forbidTrue(opts: {
  meta: CfnRule['meta'];
  prop: string;
  when?: (t: CfnTemplate, r: Resource) => boolean;
  trueMessage: (r: Resource) => string;
  /** Report a missing property too (when the service's default is true). */
  absentMessage?: (r: Resource) => string;
}): CfnRule {
  return {
    meta: opts.meta,
    check(ctx: CfnContext) {
      for (const r of ctx.resources) {
        if (opts.when && !opts.when(ctx.t, r)) continue;
        const node = ctx.t.at(r.props, opts.prop);
        const b = boolProp(ctx.t, node);
        if (b.absent) {
          if (opts.absentMessage) ctx.report(r, parentOrUndefined(ctx.t, r, opts.prop), opts.absentMessage(r));
        } else if (b.trueVal) ctx.report(r, node, opts.trueMessage(r), { why: b.trueVal.why });
      }
    },
  };
}
