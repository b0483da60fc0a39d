import { isJinja, isSeq, pairsOf, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { exposed, isAnywhere, list, portRanges } from '../exposure.js';

const MODULES = ['azure_rm_securitygroup'];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-001',
    title: 'Azure network security group opens a sensitive port to the internet',
    severity: 'critical',
    category: 'ansible',
    modules: MODULES,
    docs: doc({
      what: 'Flags inbound `Allow` rules of azure_rm_securitygroup whose `source_address_prefix` is `*`, `Internet`, `Any` or a /0 CIDR and whose `destination_port_range` covers SSH, RDP, WinRM, SMB, database or cache ports, or every port.',
      why: 'Administrative and data services open to the whole internet are found by scanners within minutes and brute-forced or exploited.',
      bad: '- azure.azcollection.azure_rm_securitygroup:\n    resource_group: prod\n    name: web-nsg\n    rules:\n      - name: ssh\n        protocol: Tcp\n        destination_port_range: 22\n        source_address_prefix: "*"\n        access: Allow\n        priority: 100\n        direction: Inbound',
      good: '- azure.azcollection.azure_rm_securitygroup:\n    resource_group: prod\n    name: web-nsg\n    rules:\n      - name: ssh\n        protocol: Tcp\n        destination_port_range: 22\n        source_address_prefix: 10.20.0.0/16\n        access: Allow\n        priority: 100\n        direction: Inbound',
      refs: [
        'https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview',
        'CIS Microsoft Azure Foundations 6.1, 6.2',
      ],
    }),
    remediation: 'Allow the port only from a VPN or bastion range, or use Azure Bastion / just-in-time access.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODULES)) {
      const rules = t.args.get('rules');
      if (!rules?.node || !isSeq(rules.node)) continue;
      rules.node.items.forEach((item, i) => {
        const a = new Map(pairsOf(ctx, item).map((x) => [x.key, x]));
        const access = String(a.get('access')?.value ?? 'Allow').toLowerCase();
        const direction = String(a.get('direction')?.value ?? 'Inbound').toLowerCase();
        if (access !== 'allow' || direction !== 'inbound') return;
        const src = a.get('source_address_prefix');
        if (!src || !list(src.value).some(isAnywhere)) return;
        const portArg = a.get('destination_port_range');
        const values = list(portArg?.value ?? '*');
        if (values.some(isJinja)) return;
        const ranges = portRanges(values);
        if (!ranges) return;
        const proto = a.get('protocol')?.value;
        const e = exposed(ranges, typeof proto === 'string' && !isJinja(proto) ? proto : undefined);
        if (!e.all && !e.ports.length) return;
        ctx.report({
          at: src.keyPos,
          scope: t.scope,
          ...(portArg ? { related: [{ at: portArg.keyPos, message: 'the ports it opens' }] } : {}),
          path: `${t.path}.${t.module}.rules[${i}].source_address_prefix`,
          message: `${t.module} rule ${String(a.get('name')?.value ?? i)} allows ${String(list(src.value).find(isAnywhere))} on ${e.all ? 'every port' : `port${e.ports.length > 1 ? 's' : ''} ${e.ports.slice(0, 5).join(', ')}`}.`,
        });
      });
    }
  },
};
export default rule;
