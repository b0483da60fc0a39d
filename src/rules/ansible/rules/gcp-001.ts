import { isJinja, isSeq, known, pairsOf, type AnsibleRule, type Arg } from '../context.js';
import { doc } from '../docs.js';
import { exposed, isAnywhere, list, portRanges } from '../exposure.js';

const MODULES = ['gcp_compute_firewall'];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-001',
    title: 'GCP firewall opens a sensitive port or every port to the internet',
    severity: 'critical',
    category: 'ansible',
    modules: MODULES,
    docs: doc({
      what: 'Flags ingress gcp_compute_firewall rules with `source_ranges` containing `0.0.0.0/0` (or `::/0`) whose `allowed` entries cover SSH, RDP, database or cache ports, or every port (no `ports`, or protocol `all`).',
      why: 'Administrative and data services open to the whole internet are found by scanners within minutes and brute-forced or exploited.',
      bad: '- google.cloud.gcp_compute_firewall:\n    name: allow-ssh\n    network: "{{ network }}"\n    allowed:\n      - ip_protocol: tcp\n        ports: ["22"]\n    source_ranges: ["0.0.0.0/0"]\n    project: my-project\n    auth_kind: serviceaccount',
      good: '- google.cloud.gcp_compute_firewall:\n    name: allow-ssh\n    network: "{{ network }}"\n    allowed:\n      - ip_protocol: tcp\n        ports: ["22"]\n    source_ranges: ["35.235.240.0/20"]\n    project: my-project\n    auth_kind: serviceaccount',
      refs: ['https://cloud.google.com/firewall/docs/firewalls', 'CIS Google Cloud Platform Foundation 3.6, 3.7'],
    }),
    remediation: 'Restrict source_ranges (e.g. to the IAP range 35.235.240.0/20) or use OS Login through IAP.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODULES)) {
      if (known(t.args.get('state'))?.toLowerCase() === 'absent') continue;
      if ((known(t.args.get('direction')) ?? 'INGRESS').toUpperCase() !== 'INGRESS') continue;
      const src = t.args.get('source_ranges');
      const world = list(src?.value).find(isAnywhere);
      if (!src || world === undefined) continue;
      const allowed = t.args.get('allowed');
      if (!allowed?.node || !isSeq(allowed.node)) continue;
      let all = false;
      const ports = new Set<number>();
      const at: Array<{ at: Arg['keyPos']; message: string }> = [];
      for (const item of allowed.node.items) {
        const a = new Map(pairsOf(ctx, item).map((x) => [x.key, x]));
        const proto = a.get('ip_protocol')?.value;
        if (typeof proto !== 'string' || isJinja(proto)) continue;
        const p = proto.toLowerCase();
        if (p === 'icmp' || p === 'ipip') continue;
        const pv = list(a.get('ports')?.value);
        if (p === 'all' || !pv.length) {
          all = true;
          at.push({ at: a.get('ip_protocol')!.keyPos, message: 'every port of this protocol' });
          continue;
        }
        if (pv.some(isJinja)) continue;
        const ranges = portRanges(pv);
        if (!ranges) continue;
        const e = exposed(ranges, p);
        all ||= e.all;
        for (const x of e.ports) ports.add(x);
        const portsArg = a.get('ports');
        if ((e.all || e.ports.length) && portsArg) at.push({ at: portsArg.keyPos, message: 'the ports it opens' });
      }
      if (!all && !ports.size) continue;
      const list5 = [...ports].sort((x, y) => x - y).slice(0, 5);
      ctx.report({
        at: src.keyPos,
        scope: t.scope,
        ...(at.length ? { related: at } : {}),
        path: `${t.path}.${t.module}.source_ranges`,
        message: `${t.module} allows ${String(world)} on ${all ? 'every port' : `port${list5.length > 1 ? 's' : ''} ${list5.join(', ')}`}.`,
      });
    }
  },
};
export default rule;
