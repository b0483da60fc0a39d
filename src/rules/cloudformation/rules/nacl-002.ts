import type { CfnRule } from '../rule.js';
import { asNum } from '../../../parse/cloudformation.js';
import { doc, findVal, meta, privateAclEntry } from '../util.js';
import { worldAllowEntry } from './nacl-001.js';

const PORTS: ReadonlyArray<[number, string]> = [
  [22, 'SSH'],
  [3389, 'RDP'],
];

const rule: CfnRule = {
  meta: meta(
    'CFN-NACL-002',
    'Network ACL allows SSH or RDP from the whole internet',
    'medium',
    ['AWS::EC2::NetworkAclEntry'],
    doc({
      what: 'An ingress `AWS::EC2::NetworkAclEntry` with `RuleAction: allow` from `0.0.0.0/0` or `::/0` whose TCP `PortRange` includes 22 or 3389 (all-protocol entries are reported by CFN-NACL-001).',
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
      if (!findVal(t.values(t.get(r.props, 'Protocol')), (v) => String(v.value) === '6' || String(v.value) === 'tcp'))
        continue;
      const from = t.single(t.at(r.props, 'PortRange.From'));
      const to = t.single(t.at(r.props, 'PortRange.To'));
      const a = from ? asNum(from.value) : undefined;
      const b = to ? asNum(to.value) : undefined;
      if (a === undefined || b === undefined) continue;
      const hit = PORTS.find(([p]) => a <= p && p <= b);
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
