import type { CfnRule } from '../rule.js';
import { doc, findVal, isTrue, meta, strVal, privateAclEntry } from '../util.js';
import { isWorldCidr } from '../../../cloud/constants.js';
import type { CfnTemplate, Resource } from '../../../parse/cloudformation.js';
import type { Node } from 'yaml';

/** An allow NACL entry from/to the world: its CIDR node and whether it is egress. */
export function worldAllowEntry(
  t: CfnTemplate,
  r: Resource,
): { cidr: Node; egress: boolean; why?: string | undefined } | undefined {
  const action = t.values(t.get(r.props, 'RuleAction'));
  if (!findVal(action, (v) => strVal(v)?.toLowerCase() === 'allow')) return undefined;
  for (const key of ['CidrBlock', 'Ipv6CidrBlock']) {
    const n = t.get(r.props, key);
    const v = findVal(t.values(n), (x) => isWorldCidr(strVal(x) ?? ''));
    if (n && v) return { cidr: n, egress: !!findVal(t.values(t.get(r.props, 'Egress')), isTrue), why: v.why };
  }
  return undefined;
}

const rule: CfnRule = {
  meta: meta(
    'CFN-NACL-001',
    'Network ACL allows all traffic from the whole internet',
    'medium',
    ['AWS::EC2::NetworkAclEntry'],
    doc({
      what: 'An ingress `AWS::EC2::NetworkAclEntry` with `RuleAction: allow`, a world CIDR (`0.0.0.0/0`, `::/0`) and `Protocol: -1` (all protocols) or a port range covering every port.',
      why: 'A NACL is the subnet-level second line of defence; allowing everything from everywhere removes it, leaving security groups as the only control.',
      example: `AllowAll:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref Acl
    RuleNumber: 100
    Protocol: -1
    RuleAction: allow
    CidrBlock: 0.0.0.0/0`,
      fix: 'Allow only the protocols and port ranges the subnet serves (for a public subnet: 443, 80 and the ephemeral return ports).',
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html'],
    }),
    'Allow only the needed protocols and ports in network ACLs.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const e = worldAllowEntry(t, r);
      if (!e || e.egress) continue;
      const proto = t.values(t.get(r.props, 'Protocol'));
      const all = findVal(proto, (v) => ['-1', 'all'].includes(String(v.value)));
      const from = t.single(t.at(r.props, 'PortRange.From'));
      const to = t.single(t.at(r.props, 'PortRange.To'));
      const allPorts = from && to && Number(from.value) <= 0 && Number(to.value) >= 65535;
      if (all || allPorts)
        ctx.report(
          r,
          e.cidr,
          privateAclEntry(t, r)
            ? `${r.id} allows all inbound traffic from any address (the ACL guards private subnets)`
            : `${r.id} allows all inbound traffic from the internet`,
          { why: e.why, ...(privateAclEntry(t, r) ? { severity: 'low' as const } : {}) },
        );
    }
  },
};
export default rule;
