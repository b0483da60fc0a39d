import { isJinja, isSeq, pairsOf, strings, type AnsibleRule, type Arg } from '../context.js';
import { doc } from '../docs.js';

const ADMIN_PORTS = [
  21, 22, 23, 135, 139, 445, 1433, 1521, 2375, 2376, 3306, 3389, 5432, 5900, 5985, 5986, 6379, 9200, 11211, 27017,
];
const WORLD = /^(?:0\.0\.0\.0\/0|::\/0)$/;

function portRanges(a: Arg | undefined): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const v of a ? (Array.isArray(a.value) ? a.value : [a.value]) : []) {
    const s = String(v).trim();
    const m = /^(-?\d+)(?:\s*-\s*(\d+))?$/.exec(s);
    if (!m) continue;
    const lo = Number(m[1]);
    out.push(lo === -1 ? [0, 65535] : [lo, m[2] ? Number(m[2]) : lo]);
  }
  return out;
}

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-001',
    title: 'Security group open to the internet on an administrative port',
    severity: 'critical',
    category: 'ansible',
    modules: ['ec2_security_group', 'ec2_group'],
    docs: doc({
      what: 'Flags ec2_security_group (ec2_group) ingress `rules` that allow `0.0.0.0/0` or `::/0` on SSH, RDP, WinRM, database, Docker API and similar administrative ports, or on all ports/protocols.',
      why: 'Administrative services open to the whole internet are scanned within minutes and brute-forced or exploited.',
      bad: '- amazon.aws.ec2_security_group:\n    name: web\n    description: web\n    rules:\n      - proto: tcp\n        ports: [22]\n        cidr_ip: 0.0.0.0/0',
      good: '- amazon.aws.ec2_security_group:\n    name: web\n    description: web\n    rules:\n      - proto: tcp\n        ports: [22]\n        cidr_ip: 10.20.0.0/16',
      refs: [
        'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13',
        'CIS AWS Foundations 5.2',
      ],
    }),
    remediation: 'Restrict the rule to a VPN/bastion CIDR, or use SSM Session Manager instead of open SSH/RDP.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['ec2_security_group', 'ec2_group'])) {
      const rules = t.args.get('rules');
      if (!rules?.node || !isSeq(rules.node)) continue;
      rules.node.items.forEach((item, i) => {
        const args = new Map(pairsOf(ctx, item).map((a) => [a.key, a]));
        const cidr = ['cidr_ip', 'cidr_ipv6']
          .map((k) => args.get(k))
          .find((a) => a && strings(a.value).some((s) => WORLD.test(s.trim())));
        if (!cidr) return;
        const proto = String(args.get('proto')?.value ?? 'tcp').toLowerCase();
        if (isJinja(proto) || proto === 'icmp' || proto === 'icmpv6') return;
        let ranges = portRanges(args.get('ports'));
        const from = args.get('from_port');
        if (from) {
          const lo = Number(from.value);
          const hi = Number(args.get('to_port')?.value ?? lo);
          if (Number.isFinite(lo)) ranges.push(lo === -1 ? [0, 65535] : [lo, Number.isFinite(hi) ? hi : lo]);
        }
        const allTraffic = proto === 'all' || proto === '-1';
        if (allTraffic) ranges = [[0, 65535]];
        const open = ADMIN_PORTS.filter((p) => ranges.some(([lo, hi]) => p >= lo && p <= hi));
        if (!open.length) return;
        ctx.report({
          at: cidr.keyPos,
          scope: t.scope,
          path: `${t.path}.${t.module}.rules[${i}].${cidr.key}`,
          message: `${t.module} allows ${String(cidr.value)} on ${allTraffic ? 'all ports' : `port${open.length > 1 ? 's' : ''} ${open.slice(0, 5).join(', ')}`}.`,
        });
      });
    }
  },
};
export default rule;
