/**
 * Ansible cloud-module tasks → normalised resources in the CloudFormation vocabulary (see ../model.ts).
 *
 * `yamlValue` turns any argument node into a normalised value: Jinja (`{{ }}`, `{% %}`) and `!vault` values are
 * unknown, positions are the argument's key (where Ansible rules report). A module adapter then renames arguments to
 * the CloudFormation property names and reshapes what differs (one Ansible rule with `ports: [22, 80]` becomes one
 * CloudFormation-shaped ingress entry per port spec). Register new modules in ANSIBLE_ADAPTERS.
 */
import type { Task } from '../../parse/ansible.js';
import type { CloudResource, CMap, CValue } from '../model.js';
import { get, items, scalars } from '../values.js';
import { adaptAws, AWS_MODULES, type AdaptedPart } from './ansible-aws.js';
import { PROVIDER_MODULES } from './ansible-providers.js';
import { argValue, scalar, type AnsibleSource } from './ansible-values.js';

export { argValue, yamlValue, taskArgs, type AnsibleSource } from './ansible-values.js';
export type { AdaptedPart } from './ansible-aws.js';

// ---------------------------------------------------------------------------------------------- ec2_security_group

/** One Ansible SG rule (a map) → CloudFormation-shaped ingress/egress entries, one per port spec. */
function sgRule(rule: CValue): CValue[] {
  if (rule.t !== 'map') return [rule];
  const e = rule.entries;
  const base = new Map<string, CValue>();
  const proto = e.get('proto');
  if (proto) {
    const s = scalars(proto)[0];
    const p = s && typeof s.value === 'string' && s.value.trim().toLowerCase() === 'all' ? '-1' : undefined;
    base.set('IpProtocol', p ? scalar(p, proto.loc) : s?.value === -1 ? scalar('-1', proto.loc) : proto);
  } else base.set('IpProtocol', scalar('tcp', rule.loc));
  const rename: Array<[string, string]> = [
    ['cidr_ip', 'CidrIp'],
    ['cidr_ipv6', 'CidrIpv6'],
    ['group_id', 'SourceSecurityGroupId'],
    ['group_name', 'SourceSecurityGroupName'],
    ['ip_prefix', 'SourcePrefixListId'],
    ['rule_desc', 'Description'],
  ];
  for (const [from, to] of rename) {
    const v = e.get(from);
    if (v) base.set(to, v);
  }
  const out: CValue[] = [];
  const withPorts = (from: CValue | undefined, to: CValue | undefined) => {
    const m = new Map(base);
    if (from) m.set('FromPort', from);
    if (to) m.set('ToPort', to);
    out.push({ t: 'map', entries: m, loc: rule.loc });
  };
  const ports = e.get('ports');
  if (ports) {
    for (const p of items(ports)) {
      const s = scalars(p)[0];
      if (!s || s.value === undefined) continue;
      if (p.t === 'unknown' || typeof s.value === 'symbol') {
        withPorts(p, p);
        continue;
      }
      const text = String(s.value).trim();
      const m = /^(-?\d+)\s*(?:-\s*(\d+))?$/.exec(text);
      if (!m) {
        withPorts({ t: 'unknown', loc: ports.loc }, { t: 'unknown', loc: ports.loc });
        continue;
      }
      const lo = Number(m[1]);
      const hi = m[2] !== undefined ? Number(m[2]) : lo;
      withPorts(scalar(lo, ports.loc), scalar(hi, ports.loc));
    }
  }
  const from = e.get('from_port');
  const to = e.get('to_port');
  // One bound alone (`to_port: -1`) stands for both: -1 is every port, as for all-protocol rules.
  if (from || to) withPorts(from ?? to, to ?? from);
  if (!ports && !from && !to) withPorts(undefined, undefined);
  return out;
}

function sgRules(v: CValue | undefined): CValue | undefined {
  if (!v) return undefined;
  if (v.t !== 'list') return v;
  return { t: 'list', items: v.items.flatMap(sgRule), loc: v.loc };
}

function securityGroup(t: Task, src: AnsibleSource): CMap {
  const args = new Map<string, CValue>();
  for (const a of t.args.values()) args.set(a.key, argValue(t, a, src));
  const props = new Map<string, CValue>();
  const put = (to: string, v: CValue | undefined) => {
    if (v) props.set(to, v);
  };
  put('GroupName', args.get('name'));
  put('GroupDescription', args.get('description'));
  put('VpcId', args.get('vpc_id'));
  put('SecurityGroupIngress', sgRules(args.get('rules')));
  put('SecurityGroupEgress', sgRules(args.get('rules_egress') ?? args.get('egress_rules')));
  put('Tags', args.get('tags'));
  return { t: 'map', entries: props, loc: { path: `${t.path}.${t.module}`, pos: t.modulePos } };
}

export interface AnsibleAdapter {
  /** CloudFormation resource type (or the provider's type name) the module is normalised to (its main resource). */
  kind: string;
  /** Collections the module is recognised in ('' = a short name). */
  collections: readonly string[];
  /** The resources the task stands for (most modules: one). */
  parts(t: Task, src: AnsibleSource): AdaptedPart[];
  /** Resources the task only removes (e.g. `state: absent`) are not adapted. */
  applies?(t: Task): boolean;
}

const AWS = ['', 'amazon.aws', 'community.aws'] as const;

const notAbsent = (t: Task) => {
  const s = t.args.get('state');
  return !(s && typeof s.value === 'string' && /^(?:absent|terminated|deleted)$/.test(s.value.trim()));
};

function build(): Record<string, AnsibleAdapter> {
  const out: Record<string, AnsibleAdapter> = {};
  const sg: AnsibleAdapter = {
    kind: 'AWS::EC2::SecurityGroup',
    collections: AWS,
    parts: (t, src) => [{ kind: 'AWS::EC2::SecurityGroup', props: securityGroup(t, src) }],
    applies: notAbsent,
  };
  out.ec2_security_group = sg;
  out.ec2_group = sg;
  for (const [names, translate] of AWS_MODULES)
    for (const n of names)
      out[n] = {
        kind: '',
        collections: AWS,
        parts: (t, src) => adaptAws(translate, t, src),
        // A KMS key being deleted still has a deletion window to check.
        applies: n === 'kms_key' || n === 'aws_kms' ? undefined : notAbsent,
      };
  for (const [names, kind, collections] of PROVIDER_MODULES)
    for (const n of names)
      out[n] = {
        kind,
        collections,
        parts: (t, src) => [{ kind, props: rawProps(t, src) }],
        applies: notAbsent,
      };
  return out;
}

/** Azure and GCP modules keep their own argument names (the provider modules mirror the provider's API). */
function rawProps(t: Task, src: AnsibleSource): CMap {
  const e = new Map<string, CValue>();
  for (const a of t.args.values()) e.set(a.key, argValue(t, a, src));
  return { t: 'map', entries: e, loc: { path: `${t.path}.${t.module}`, pos: t.modulePos } };
}

/** Module short name → adapter. */
export const ANSIBLE_ADAPTERS: Readonly<Record<string, AnsibleAdapter>> = build();

/** How messages name the resource: the task's name (quoted, it is a sentence) or the resource's own name. */
function nameOf(t: Task, props: CMap): string {
  if (t.name) return `"${t.name}"`;
  for (const k of ['GroupName', 'name', 'Name', 'BucketName', 'QueueName', 'TopicName', 'FunctionName']) {
    const n = scalars(get(props, k))[0];
    if (n && typeof n.value === 'string') return n.value;
  }
  const a = t.args.get('name');
  return a && typeof a.value === 'string' ? a.value : t.module;
}

/** Every normalised resource a task manages, when an adapter knows its module. */
export function fromAnsibleTaskAll(t: Task, src: AnsibleSource): CloudResource[] {
  const a = ANSIBLE_ADAPTERS[t.short];
  if (!a || !a.collections.includes(t.collection)) return [];
  if (a.applies && !a.applies(t)) return [];
  return a.parts(t, src).map((p, i) => ({
    kind: p.kind,
    name: nameOf(t, p.props),
    format: 'ansible' as const,
    loc: { path: i ? `${t.path}#${i}` : t.path, pos: t.pos },
    props: p.props,
    origin: t,
    ...(p.partial ? { partial: true } : {}),
  }));
}

/** The (main) normalised resource a task manages, when an adapter knows its module. */
export function fromAnsibleTask(t: Task, src: AnsibleSource): CloudResource | undefined {
  return fromAnsibleTaskAll(t, src)[0];
}
