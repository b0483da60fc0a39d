import type { CfnRule } from '../rule.js';
import { asNum } from '../../../parse/cloudformation.js';
import { doc, findVal, meta, privateAclEntry } from '../util.js';
import { worldAllowEntry } from './nacl-001.js';
import { ADMIN_PORTS, servesOn, transportOf } from '../../../cloud/constants.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-NACL-002',
    'Network ACL allows SSH or RDP from the whole internet',
    'medium',
    ['AWS::EC2::NetworkAclEntry'],
    doc({
      what: 'An ingress `AWS::EC2::NetworkAclEntry` with `RuleAction: allow` from `0.0.0.0/0` or `::/0` whose `PortRange` includes SSH (TCP 22) or RDP (TCP or UDP 3389); a service counts only on its own transport, so UDP 22 is not SSH (all-protocol entries are reported by CFN-NACL-001).',
      why: 'Administration ports should be reachable only from a management network at every layer; the NACL is the subnet-wide guard if a security group is misconfigured.',
      example: `Ssh:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref Acl
    RuleNumber: 100
    Protocol: 6
    RuleAction: allow
    CidrBlock: 0.0.0.0/0
    PortRange: { From: 22, To: 22 }`,
      fix: 'Restrict the CIDR to your management network, or rely on SSM Session Manager and drop the entry.',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21'],
    }),
    'Allow admin ports in NACLs only from a management CIDR.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const e = worldAllowEntry(t, r);
      if (!e || e.egress) continue;
      // Ports count on TCP and UDP only, and a service only on its own transport (UDP 22 is not SSH; RDP is both).
      const proto = findVal(t.values(t.get(r.props, 'Protocol')), (v) =>
        ['tcp', 'udp'].includes(transportOf(String(v.value))),
      );
      if (!proto) continue;
      const from = t.single(t.at(r.props, 'PortRange.From'));
      const to = t.single(t.at(r.props, 'PortRange.To'));
      const a = from ? asNum(from.value) : undefined;
      const b = to ? asNum(to.value) : undefined;
      if (a === undefined || b === undefined) continue;
      const hit = ADMIN_PORTS.find((p) => a <= p[0] && p[0] <= b && servesOn(p, String(proto.value)));
      if (hit)
        ctx.report(
          r,
          e.cidr,
          privateAclEntry(t, r)
            ? `${r.id} allows ${hit[1]} (port ${hit[0]}) from any address (the ACL guards private subnets)`
            : `${r.id} allows ${hit[1]} (port ${hit[0]}) from the internet`,
          { why: e.why, ...(privateAclEntry(t, r) ? { severity: 'low' as const } : {}) },
        );
    }
  },
};
export default rule;
