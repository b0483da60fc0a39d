/**
 * Ansible cloud-module tasks → normalised resources in the CloudFormation vocabulary (see ../model.ts).
 *
 * `yamlValue` turns any argument node into a normalised value: Jinja (`{{ }}`, `{% %}`) and `!vault` values are
 * unknown, positions are the argument's key (where Ansible rules report). A module adapter then renames arguments to
 * the CloudFormation property names and reshapes what differs (one Ansible rule with `ports: [22, 80]` becomes one
 * CloudFormation-shaped ingress entry per port spec). Register new modules in ANSIBLE_ADAPTERS.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Arg, Pos, Task } from '../../parse/ansible.js';
import type { CloudResource, CMap, CValue, Loc } from '../model.js';
import { get, items, scalars } from '../values.js';

export interface AnsibleSource {
  /** Position of a node of the task's file. */
  pos(node: unknown): Pos;
}

const JINJA = /\{\{|\{%/;

/** A YAML node (or a plain value, for free-form `k=v` arguments) as a normalised value located at `l`. */
export function yamlValue(node: unknown, l: Loc, src: AnsibleSource, depth = 0): CValue {
  const n = node as { tag?: string } | null | undefined;
  if (n && typeof n === 'object' && n.tag === '!vault') return { t: 'unknown', loc: l, why: 'vaulted value' };
  if (depth > 40) return { t: 'unknown', loc: l };
  if (isMap(node)) {
    const entries = new Map<string, CValue>();
    for (const p of node.items) {
      if (!isScalar(p.key)) continue;
      const k = String(p.key.value);
      entries.set(
        k,
        yamlValue(p.value, { path: `${l.path}.${k}`, pos: src.pos(p.key), node: p.value }, src, depth + 1),
      );
    }
    return { t: 'map', entries, loc: l };
  }
  if (isSeq(node)) {
    return {
      t: 'list',
      items: node.items.map((it, i) =>
        yamlValue(it, { path: `${l.path}[${i}]`, pos: src.pos(it), node: it }, src, depth + 1),
      ),
      loc: l,
    };
  }
  const v = isScalar(node) ? node.value : node;
  if (typeof v === 'string') {
    if (JINJA.test(v)) return { t: 'unknown', loc: l, why: 'Jinja expression', raw: v };
    return { t: 'scalar', value: v, loc: l };
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined)
    return { t: 'scalar', value: v ?? null, loc: l };
  return { t: 'unknown', loc: l };
}

/** An argument of a task as a normalised value, located at the argument's key. */
export function argValue(t: Task, a: Arg, src: AnsibleSource): CValue {
  const l: Loc = { path: `${t.path}.${t.module}.${a.key}`, pos: a.keyPos, node: a.node };
  if (a.vault) return { t: 'unknown', loc: l, why: 'vaulted value' };
  return yamlValue(a.node ?? a.value, l, src);
}

function scalar(value: string | number, l: Loc): CValue {
  return { t: 'scalar', value, loc: l };
}

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
  /** CloudFormation resource type (or the provider's type name) the module is normalised to. */
  kind: string;
  /** Collections the module is recognised in ('' = a short name). */
  collections: readonly string[];
  props(t: Task, src: AnsibleSource): CMap;
  /** Resources the task only changes or removes (e.g. `state: absent`) are not adapted. */
  applies?(t: Task, props: CMap): boolean;
}

const AWS = ['', 'amazon.aws', 'community.aws'] as const;

const notAbsent = (t: Task) => {
  const s = t.args.get('state');
  return !(s && typeof s.value === 'string' && s.value.trim() === 'absent');
};

/** Module short name → adapter. */
export const ANSIBLE_ADAPTERS: Readonly<Record<string, AnsibleAdapter>> = {
  ec2_security_group: { kind: 'AWS::EC2::SecurityGroup', collections: AWS, props: securityGroup, applies: notAbsent },
  ec2_group: { kind: 'AWS::EC2::SecurityGroup', collections: AWS, props: securityGroup, applies: notAbsent },
};

/** The normalised resource a task manages, when an adapter knows its module. */
export function fromAnsibleTask(t: Task, src: AnsibleSource): CloudResource | undefined {
  const a = ANSIBLE_ADAPTERS[t.short];
  if (!a || !a.collections.includes(t.collection)) return undefined;
  const props = a.props(t, src);
  if (a.applies && !a.applies(t, props)) return undefined;
  const name = get(props, 'GroupName');
  const n = name ? scalars(name)[0] : undefined;
  return {
    kind: a.kind,
    name: t.name ?? (n && typeof n.value === 'string' ? n.value : t.module),
    format: 'ansible',
    loc: { path: t.path, pos: t.pos },
    props,
    origin: t,
  };
}
