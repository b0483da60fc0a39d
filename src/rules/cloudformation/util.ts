/** Helpers shared by CloudFormation rules: docs, value tests, rule factories, policy statements (via src/cloud). */
import { isScalar as isScalarNode, isSeq as isSeqNode, type Node } from 'yaml';
import { asBool, isKnown, type CfnTemplate, type Resource, type Val } from '../../parse/cloudformation.js';
import type { CfnContext, CfnRule } from './rule.js';
import type { Severity } from '../../types.js';
import { cfnValue } from '../../cloud/adapters/cloudformation.js';
import * as policy from '../../cloud/policy.js';
import { isSet, type Scalar } from '../../cloud/values.js';

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

/**
 * Is the property node set? The shared notion of the cloud model (src/cloud/values.ts `isSet`): absent, null
 * (`Key:`), `""`, `[]`, `{}` and mappings of only those are not set; a value that cannot be known is.
 */
export function isSetNode(t: CfnTemplate, node: Node | undefined): node is Node {
  return node !== undefined && isSet(cfnValue(t, node));
}

/** Property `path` (dotted) of a node when it is set (see `isSetNode`), else undefined. */
export function getSet(t: CfnTemplate, node: Node | undefined, path: string): Node | undefined {
  const n = t.at(node, path);
  return isSetNode(t, n) ? n : undefined;
}

/** A boolean property: absent (or not set), or the first known true/false value (unknown values count as compliant). */
export function boolProp(t: CfnTemplate, node: Node | undefined): { absent: boolean; falseVal?: Val; trueVal?: Val } {
  if (!isSetNode(t, node)) return { absent: true };
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
  /** The resource inherits the setting (a restore, a replica) when it leaves the property out: only an explicit
   * false is reported then. */
  inherits?: (t: CfnTemplate, r: Resource) => boolean;
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
          if (!opts.absentOk && !opts.inherits?.(ctx.t, r))
            ctx.report(r, parentOrUndefined(ctx.t, r, opts.prop), opts.absentMessage(r));
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
        if (!isSetNode(ctx.t, node)) ctx.report(r, node ?? parentOrUndefined(ctx.t, r, opts.prop), opts.message(r));
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

/** Resource types with a resource policy, and the property that holds it. */
export const RESOURCE_POLICY_PROPS: Readonly<Record<string, string>> = {
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
  'AWS::OpenSearchService::Domain': 'AccessPolicies',
  'AWS::Elasticsearch::Domain': 'AccessPolicies',
};
export const RESOURCE_POLICY_TYPES = Object.keys(RESOURCE_POLICY_PROPS);

/** Identity and resource policy types: what the statement-level IAM rules read. */
export const POLICY_TYPES = [...IDENTITY_POLICY_TYPES, ...RESOURCE_POLICY_TYPES];

/** Every policy document of a resource: identity policies and its resource policy (trust policies are separate). */
export function policyDocs(t: CfnTemplate, r: Resource): Node[] {
  const prop = RESOURCE_POLICY_PROPS[r.type];
  if (!prop) return identityPolicyDocs(t, r);
  const d = t.get(r.props, prop);
  return d ? [d] : [];
}

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
        ctx.report(
          r,
          p.node,
          p.client
            ? `${r.id} allows any principal ("*") with only a ${p.client} condition, which the caller chooses`
            : `${r.id} allows any principal ("*") without a condition`,
          { why: p.why },
        );
  };
}

export function publicStatements(
  t: CfnTemplate,
  docNode: Node | undefined,
): Array<{ s: policy.Statement; node: Node; why?: string | undefined; client?: string | undefined }> {
  if (!docNode) return [];
  return policy
    .publicStatements(cfnValue(t, docNode))
    .map((p) => ({ s: p.s, node: nodeOf(p.at.at)!, why: p.at.why, client: p.client }));
}

/** Does a name look like it holds a secret (password, token, key…)? */
export const SECRET_NAME =
  /passw(?:or)?d|passphrase|secret|token|api[-_]?key|apikey|private[-_]?key|access[-_]?key|credential|auth[-_]?key|client[-_]?secret|(?:^|[-_])pwd(?:$|[-_])/i;

/** Names that look secret-ish but are not secrets themselves (ARNs, ids, names of secrets, key ids). */
export const NOT_SECRET_NAME =
  /arn$|(?:^|[-_])(?:id|name|arn|path|length|type|rotation|policy|usage|file|field|version|region|header|url|uri|location|param(?:eter)?|ssm)$|secretsmanager|secretname|secretid|secretarn|keyid|keyname|tokenurl|tokenendpoint|passwordlength|passwordpolicy|expir|ttl|enabled|requir/i;

/** Names of switches and references, not of secrets: `AllowUsersToChangePassword`, `ParentSecretStack`. */
const SWITCH_OR_REFERENCE =
  /^(?:allow|enable|disable|use|require|create|rotate|manage|generate|include|exclude|is|has|should|with)[A-Z_-]|(?:stack|stackname|module|bucket|prefix|suffix|mode|size|count|days|hours|minutes|seconds|format|kms|encrypt(?:ed|ion)?)$/i;

export function looksSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name) && !SWITCH_OR_REFERENCE.test(name);
}

/** A parameter that cannot hold a secret: a number, a list, an AWS-specific id type, or only true/false values. */
export function nonSecretParameter(t: CfnTemplate, name: string): boolean {
  const p = t.parameters.get(name);
  if (!p) return false;
  if (p.type && p.type !== 'String' && !p.type.startsWith('AWS::SSM::Parameter::Value<String')) return true;
  const allowed = t.listValues(t.get(p.node, 'AllowedValues'));
  return (
    allowed.length > 0 &&
    allowed.every((v) => ['true', 'false', 'yes', 'no', 'enabled', 'disabled'].includes(String(v.value).toLowerCase()))
  );
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
  /** Severity in this resource's context, when it differs from the rule's. */
  severity?: (t: CfnTemplate, r: Resource) => Severity | undefined;
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
        } else if (b.trueVal) {
          const severity = opts.severity?.(ctx.t, r);
          ctx.report(r, node, opts.trueMessage(r), { why: b.trueVal.why, ...(severity ? { severity } : {}) });
        }
      }
    },
  };
}

/** Properties of resources that take parameter `name` (`!Ref name`, `\${name}` in a `!Sub`): where it is consumed. */
export function usesOf(t: CfnTemplate, name: string): Array<{ res: Resource; node: Node }> {
  const out: Array<{ res: Resource; node: Node }> = [];
  const sub = new RegExp(`\\$\\{\\s*${name.replace(/[^\w]/g, '')}\\s*\\}`);
  const walk = (res: Resource, n: Node | undefined, depth: number) => {
    if (!n || depth > 40) return;
    const fn = t.intrinsic(n);
    if (fn?.fn === 'Ref') {
      if (t.values(n).length && isScalarNode(fn.arg) && String(fn.arg.value) === name) out.push({ res, node: n });
      return;
    }
    if (fn?.fn === 'Fn::Sub') {
      const tpl = t.subTemplate(n);
      if (tpl && sub.test(tpl)) out.push({ res, node: n });
      return;
    }
    for (const e of t.entries(n)) walk(res, e.value, depth + 1);
    if (isSeqNode(n)) for (const it of n.items) walk(res, it as Node, depth + 1);
  };
  for (const r of t.resources) walk(r, r.props, 0);
  return out;
}

/** Logical id and Name tag of a resource (what people call it), for guessing its purpose. */
export function namesOf(t: CfnTemplate, r: Resource): string {
  const names = [r.id];
  for (const tag of t.items(t.get(r.props, 'Tags')))
    if (t.values(t.get(tag, 'Key')).some((v) => v.value === 'Name'))
      for (const v of t.values(t.get(tag, 'Value'))) if (typeof v.value === 'string') names.push(v.value);
  return names.join(' ');
}

/** Does the template declare its own VPC (so a resource left in the default VPC is a mistake, not a sample)? */
export function declaresVpc(t: CfnTemplate): boolean {
  return (
    t.resources.some((r) => r.type === 'AWS::EC2::VPC') ||
    [...t.parameters.values()].some(
      (p) =>
        p.type === 'AWS::EC2::VPC::Id' || p.type === 'List<AWS::EC2::Subnet::Id>' || p.type === 'AWS::EC2::Subnet::Id',
    )
  );
}

/** Subnets a network ACL guards (through SubnetNetworkAclAssociation resources of this template). */
export function aclSubnets(t: CfnTemplate, aclId: string): Resource[] {
  const out: Resource[] = [];
  for (const a of t.resources)
    if (a.type === 'AWS::EC2::SubnetNetworkAclAssociation' && t.references(t.get(a.props, 'NetworkAclId')).has(aclId))
      for (const id of t.references(t.get(a.props, 'SubnetId'))) {
        const s = t.resource(id);
        if (s) out.push(s);
      }
  return out;
}

/** A network ACL entry that guards private subnets only (by the names of the ACL and its subnets). */
export function privateAclEntry(t: CfnTemplate, entry: Resource): boolean {
  const aclId = [...t.references(t.get(entry.props, 'NetworkAclId'))][0];
  const acl = aclId ? t.resource(aclId) : undefined;
  if (!acl) return false;
  const subnets = aclSubnets(t, acl.id);
  const names = [namesOf(t, acl), ...subnets.map((s) => namesOf(t, s))];
  if (names.some((n) => /public|dmz|edge/i.test(n))) return false;
  return (
    /private|internal|isolated|database|\bdb\b|app/i.test(namesOf(t, acl)) ||
    (subnets.length > 0 && subnets.every((s) => /private|internal|isolated/i.test(namesOf(t, s))))
  );
}

const wafMemo = new WeakMap<CfnTemplate, Set<string>>();

/**
 * Logical ids of this template's resources that a web ACL association names in its `ResourceArn`
 * (`AWS::WAFv2::WebACLAssociation`, classic `AWS::WAFRegional::WebACLAssociation`): `!Ref Alb`, `!GetAtt`, or a
 * `!Sub` stage ARN naming `${Api}`/`${Stage}`. An association whose target is not a resource of this template (a
 * literal ARN, a parameter, an import) covers something created elsewhere.
 */
export function wafAssociated(t: CfnTemplate): Set<string> {
  let out = wafMemo.get(t);
  if (!out) {
    out = new Set();
    for (const a of t.resources)
      if (a.type === 'AWS::WAFv2::WebACLAssociation' || a.type === 'AWS::WAFRegional::WebACLAssociation')
        for (const id of t.references(t.get(a.props, 'ResourceArn'))) if (t.resource(id)) out.add(id);
    wafMemo.set(t, out);
  }
  return out;
}
