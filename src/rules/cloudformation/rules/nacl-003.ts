import type { Node } from 'yaml';
import type { CfnRule } from '../rule.js';
import type { CfnTemplate, Resource } from '../../../parse/cloudformation.js';
import { doc, meta } from '../util.js';

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
    'Network ACL entries repeat or overlap each other',
    'low',
    ['AWS::EC2::NetworkAclEntry'],
    doc({
      what: 'Entries of the same network ACL and direction that use the same `RuleNumber`, or that apply to the same protocol and CIDR with the same or overlapping `PortRange`. Only entries whose values are known from the template are compared. Hygiene: never blocking.',
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
    for (const r of ctx.resources) {
      const e = entryOf(t, r);
      if (!e) continue;
      for (const o of seen) {
        if (o.acl !== e.acl || o.egress !== e.egress) continue;
        if (e.number !== undefined && e.number === o.number) {
          ctx.report(r, e.numberNode, `${r.id} uses rule number ${e.number}, like ${o.r.id}`);
          break;
        }
        if (e.protocol === undefined || e.protocol !== o.protocol || e.cidr === undefined || e.cidr !== o.cidr)
          continue;
        if ([e.from, e.to, o.from, o.to].some((x) => x === undefined)) continue;
        if (e.from! <= o.to! && o.from! <= e.to!) {
          const same = e.from === o.from && e.to === o.to;
          ctx.report(
            r,
            e.portNode,
            `${r.id} ${same ? 'repeats' : 'overlaps'} ports ${e.from}-${e.to} of ${o.r.id} for ${e.cidr}`,
          );
          break;
        }
      }
      seen.push(e);
    }
  },
};
export default rule;
