import type { Node } from 'yaml';
import type { CfnRule } from '../rule.js';
import type { CfnTemplate, Resource } from '../../../parse/cloudformation.js';
import { doc, meta } from '../util.js';
import { cidrContains } from '../../../cloud/constants.js';

interface Entry {
  r: Resource;
  acl: string;
  egress: boolean;
  number?: number | undefined;
  numberNode?: Node | undefined;
  protocol?: string | undefined;
  cidr?: string | undefined;
  action?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  portNode?: Node | undefined;
}

function known(t: CfnTemplate, n: Node | undefined): string | undefined {
  const v = t.single(n);
  return v && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean')
    ? String(v.value).toLowerCase()
    : undefined;
}

function entryOf(t: CfnTemplate, r: Resource): Entry | undefined {
  const aclNode = t.get(r.props, 'NetworkAclId');
  const acl = [...t.references(aclNode)][0] ?? known(t, aclNode);
  if (!acl) return undefined;
  const num = known(t, t.get(r.props, 'RuleNumber'));
  const ports = t.get(r.props, 'PortRange');
  const from = known(t, t.get(ports, 'From'));
  const to = known(t, t.get(ports, 'To'));
  return {
    r,
    acl,
    egress: known(t, t.get(r.props, 'Egress')) === 'true',
    number: num !== undefined && /^\d+$/.test(num) ? Number(num) : undefined,
    numberNode: t.get(r.props, 'RuleNumber'),
    protocol: known(t, t.get(r.props, 'Protocol')),
    cidr: known(t, t.get(r.props, 'CidrBlock')) ?? known(t, t.get(r.props, 'Ipv6CidrBlock')),
    action: known(t, t.get(r.props, 'RuleAction')),
    from: from !== undefined && /^-?\d+$/.test(from) ? Number(from) : undefined,
    to: to !== undefined && /^-?\d+$/.test(to) ? Number(to) : undefined,
    portNode: ports,
  };
}

const rule: CfnRule = {
  meta: meta(
    'CFN-NACL-003',
    'Network ACL entries repeat, overlap or have no effect',
    'low',
    ['AWS::EC2::NetworkAclEntry'],
    doc({
      what: "Entries of the same network ACL and direction that use the same `RuleNumber`, or that apply to the same protocol and CIDR with the same or overlapping `PortRange`. Duplicates are reported at both entries. Within an ACL of the template (all its entries known), an entry that has no effect is reported too: an `allow` whose traffic a lower-numbered `deny` already refuses (it can never match), and a `deny` that no higher-numbered `allow` could let through (the ACL's final deny-all `*` rule already refuses it, so it usually means an allow was meant to come later). Only entries whose values are known from the template are compared. Hygiene: never blocking.",
      why: 'A NACL is evaluated in rule-number order and the first match wins: a duplicate number fails the deployment, and an overlapping entry is shadowed by the lower-numbered one, so what the template says is not what the network does.',
      example: `A:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref Acl
    RuleNumber: 100
    Protocol: 6
    RuleAction: allow
    CidrBlock: 10.0.0.0/16
    PortRange: { From: 1000, To: 2000 }
B:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref Acl
    RuleNumber: 110
    Protocol: 6
    RuleAction: deny
    CidrBlock: 10.0.0.0/16
    PortRange: { From: 1500, To: 2500 }`,
      fix: 'Give every entry its own rule number and merge or split the port ranges so that no two entries cover the same traffic.',
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html'],
    }),
    'Use unique rule numbers and non-overlapping entries.',
  ),
  check(ctx) {
    const t = ctx.t;
    const seen: Entry[] = [];
    const reported = new Set<string>();
    const report = (e: Entry, node: Node | undefined, message: string) => {
      const k = `${e.r.id}\0${message}`;
      if (reported.has(k)) return;
      reported.add(k);
      ctx.report(e.r, node, message);
    };
    for (const r of ctx.resources) {
      const e = entryOf(t, r);
      if (!e) continue;
      for (const o of seen) {
        if (o.acl !== e.acl || o.egress !== e.egress) continue;
        if (e.number !== undefined && e.number === o.number) {
          // A duplicate is reported at both entries: either may be the one to change.
          report(e, e.numberNode, `${r.id} uses rule number ${e.number}, like ${o.r.id}`);
          report(o, o.numberNode, `${o.r.id} uses rule number ${o.number}, like ${r.id}`);
          break;
        }
        if (e.protocol === undefined || e.protocol !== o.protocol || e.cidr === undefined || e.cidr !== o.cidr)
          continue;
        if ([e.from, e.to, o.from, o.to].some((x) => x === undefined)) continue;
        if (e.from! <= o.to! && o.from! <= e.to!) {
          const same = e.from === o.from && e.to === o.to;
          report(
            e,
            e.portNode,
            `${r.id} ${same ? 'repeats' : 'overlaps'} ports ${e.from}-${e.to} of ${o.r.id} for ${e.cidr}`,
          );
          if (same) report(o, o.portNode, `${o.r.id} repeats ports ${o.from}-${o.to} of ${r.id} for ${o.cidr}`);
          break;
        }
      }
      seen.push(e);
    }
    ineffective(t, seen, report);
  },
};

/** Protocol of an entry: `-1` (all), or a number/name; undefined when not known. */
const ALL = new Set(['-1', 'all']);

/** Does `a` cover all traffic of `b` (protocol, ports, CIDR)? undefined when it cannot tell. */
function covers(a: Entry, b: Entry): boolean | undefined {
  if (a.protocol === undefined || b.protocol === undefined || a.cidr === undefined || b.cidr === undefined)
    return undefined;
  if (!ALL.has(a.protocol) && a.protocol !== b.protocol) return false;
  if (!ALL.has(a.protocol)) {
    if ([a.from, a.to, b.from, b.to].some((x) => x === undefined)) return undefined;
    if (!(a.from! <= b.from! && b.to! <= a.to!)) return false;
  }
  return cidrContains(a.cidr, b.cidr);
}

/** May `a` and `b` match the same packet? undefined when it cannot tell. */
function intersects(a: Entry, b: Entry): boolean | undefined {
  if (a.protocol === undefined || b.protocol === undefined || a.cidr === undefined || b.cidr === undefined)
    return undefined;
  if (!ALL.has(a.protocol) && !ALL.has(b.protocol) && a.protocol !== b.protocol) return false;
  if (!ALL.has(a.protocol) && !ALL.has(b.protocol)) {
    if ([a.from, a.to, b.from, b.to].some((x) => x === undefined)) return undefined;
    if (a.to! < b.from! || b.to! < a.from!) return false;
  }
  const x = cidrContains(a.cidr, b.cidr);
  const y = cidrContains(b.cidr, a.cidr);
  if (x === undefined || y === undefined) return x || y ? true : undefined;
  return x || y;
}

/**
 * Entries that do nothing, in rule-number order (lowest first, first match wins): an allow whose traffic a
 * lower-numbered deny already refuses, and a deny that no higher-numbered allow could let through (every NACL ends
 * with a deny-all `*` rule, so such a deny only repeats it). Only ACLs of this template, whose entries are all here.
 */
function ineffective(
  t: CfnTemplate,
  entries: Entry[],
  report: (e: Entry, node: Node | undefined, message: string) => void,
): void {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    if (e.number === undefined || e.action === undefined || t.resource(e.acl)?.type !== 'AWS::EC2::NetworkAcl')
      continue;
    const k = `${e.acl}\0${String(e.egress)}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  for (const list of groups.values()) {
    if (list.length !== entries.filter((e) => e.acl === list[0]!.acl && e.egress === list[0]!.egress).length) continue;
    list.sort((a, b) => a.number! - b.number!);
    list.forEach((e, i) => {
      if (e.action === 'allow') {
        const deny = list.slice(0, i).find((d) => d.action === 'deny' && covers(d, e) === true);
        if (deny)
          report(
            e,
            e.numberNode,
            `${e.r.id} can never match: ${deny.r.id} (rule ${deny.number}) denies all its traffic first`,
          );
      } else if (e.action === 'deny') {
        const later = list.slice(i + 1).filter((a) => a.action === 'allow');
        if (later.every((a) => intersects(e, a) === false))
          report(
            e,
            e.numberNode,
            `${e.r.id} denies nothing that the ACL's final deny-all rule would not: no later entry allows that traffic`,
          );
      }
    });
  }
}
export default rule;
