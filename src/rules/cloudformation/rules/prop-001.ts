import { isMap, isSeq, type Node, type Scalar } from 'yaml';
import type { CfnTemplate, Resource } from '../../../parse/cloudformation.js';
import {
  listItems,
  mapValues,
  propertiesOf,
  resourceProperties,
  specSource,
  suggest,
  type Shape,
} from '../../../cloud/spec.js';
import type { CfnContext, CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';

/**
 * Property names that say a setting is about security: a misspelling of one of these leaves a control off (medium);
 * any other misspelling is a broken template, not a weaker one (low).
 */
const SECURITY = [
  'encrypt',
  'kms',
  'sse',
  'ssl',
  'tls',
  'https',
  'certificate',
  'cipher',
  'public',
  'acl',
  'access',
  'auth',
  'password',
  'secret',
  'credential',
  'polic',
  'principal',
  'permission',
  'role',
  'iam',
  'log',
  'audit',
  'trail',
  'monitor',
  'versioning',
  'backup',
  'retention',
  'deletion',
  'protect',
  'mfa',
  'ingress',
  'egress',
  'cidr',
  'firewall',
  'security',
  'waf',
  'token',
  'privilege',
  'signing',
  'validation',
];

/** Is a property path about security? Each camel-case word of each name is compared with the stems above. */
export function securityRelevant(path: readonly string[]): boolean {
  return path.some((name) =>
    name.split(/(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+/).some((w) => SECURITY.some((s) => w.toLowerCase().startsWith(s))),
  );
}

const MAX_DEPTH = 24;

interface Walk {
  ctx: CfnContext;
  t: CfnTemplate;
  r: Resource;
}

function report(w: Walk, keyNode: Scalar, value: Node, name: string, path: string[], names: Iterable<string>) {
  const real = suggest(name, names);
  const node = w.t.keyOf(value) === keyNode ? value : keyNode;
  const where = path.length ? ` in ${path.join('.')}` : '';
  if (real) {
    const security = securityRelevant([...path, real]);
    w.ctx.report(
      w.r,
      node,
      `${name} is not a property of ${w.r.type}${where}: did you mean ${real}? As written, the setting is not applied`,
      { severity: security ? 'medium' : 'low' },
    );
  } else
    w.ctx.report(
      w.r,
      node,
      `${name} is not a property of ${w.r.type}${where} in the CloudFormation specification (${specSource()})`,
      { severity: 'info' },
    );
}

/** Check the mapping keys of `node` (and below) against `shape`. Intrinsic functions are unknown: not looked into. */
function walk(w: Walk, node: Node | undefined, shape: Shape, path: string[], depth: number): void {
  if (!node || depth > MAX_DEPTH) return;
  for (const b of w.t.branches(node)) {
    if (w.t.intrinsic(b)) continue;
    if (isSeq(b)) {
      const item = listItems(shape);
      if (item) for (const it of w.t.items(b)) walk(w, it, item, path, depth + 1);
      continue;
    }
    if (!isMap(b)) continue;
    const values = mapValues(shape);
    if (values) {
      for (const e of w.t.entries(b)) walk(w, e.value, values, [...path, e.key], depth + 1);
      continue;
    }
    const names = propertiesOf(shape);
    if (!names || names === 'any') continue;
    for (const e of w.t.entries(b)) {
      if (e.key === '<<') continue;
      const sub = names.get(e.key);
      if (sub) walk(w, e.value, sub, [...path, e.key], depth + 1);
      else report(w, e.keyNode, e.value, e.key, path, names.keys());
    }
  }
}

const rule: CfnRule = {
  meta: meta(
    'CFN-PROP-001',
    'Property name not in the resource type\u2019s specification (misspelt?)',
    'medium',
    [],
    doc({
      what: `A property of an \`AWS::*\` resource, at the top of \`Properties\` or nested at any depth, whose name the resource type does not have according to the CloudFormation resource specification (npm \`@aws-cdk/aws-service-spec\`, the CDK team's database of CloudFormation schemas, trimmed into hookguard at build time). When a real property is close (a typo, a transposition, a wrong case) the finding names it. Types the data does not know are never judged: \`Custom::*\` and \`AWS::CloudFormation::CustomResource\` (their properties are the provider's), third-party types, SAM's \`AWS::Serverless::*\` (the transform defines them) and types newer than the data. Values written with an intrinsic function (\`!If\`, \`!Ref\`, …) are unknown and are not looked into, except that each \`!If\` branch is checked. Severity: **medium** when the real property the name most likely misspells is about security (encryption, KMS keys, TLS and certificates, public access and ACLs, logging and audit, policies, roles and principals, versioning, backup and deletion protection, ingress/egress and CIDRs); **low** for any other misspelling; **info** for a name with no close real property (it may be a property newer than the data, so it never blocks).`,
      why: `\`BucketEncyption:\` reads like encryption in review, and hookguard's own checks, looking for \`BucketEncryption\`, then report a bucket without encryption — while the author believes it is there. CloudFormation refuses most unknown properties only when the stack is deployed, late and far from the author; where a pipeline "fixes" that failure by deleting the line, the security setting is gone for good. A misspelt property is never what was meant, so finding it in the commit is cheap; it is rated by what was meant: a misspelt encryption or public-access setting leaves a control off (medium), a misspelt description or size is only a broken template (low).`,
      example: `Data:
  Type: AWS::S3::Bucket
  Properties:
    BucketEncyption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault:
            SSEAlgorithm: aws:kms`,
      fix: 'Spell the property as the finding suggests (the resource type\u2019s documentation lists its properties). `hookguard fix` does not rename it: the misspelt block was never deployed, so renaming it changes what the stack does, which is for the author to review.',
      fixed: `Data:
  Type: AWS::S3::Bucket
  Properties:
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault:
            SSEAlgorithm: aws:kms`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html',
        'https://github.com/cdklabs/awscdk-service-spec',
      ],
    }),
    'Spell the property as the resource type defines it (the finding names the closest real property).',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const top = resourceProperties(r.type);
      if (!top || !r.props) continue;
      const w: Walk = { ctx, t: ctx.t, r };
      for (const b of ctx.t.branches(r.props)) {
        if (!isMap(b) || ctx.t.intrinsic(b)) continue;
        for (const e of ctx.t.entries(b)) {
          const sub = top.get(e.key);
          if (sub) walk(w, e.value, sub, [e.key], 1);
          else report(w, e.keyNode, e.value, e.key, [], top.keys());
        }
      }
    }
  },
};
export default rule;
