import { atArg, commandOf, known, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { SERVICE_MODULES, serviceTurnedOff } from '../services.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-OS-003',
    title: 'Host firewall disabled',
    severity: 'medium',
    category: 'ansible',
    modules: [...SERVICE_MODULES, 'ufw', 'command', 'shell'],
    docs: doc({
      what: 'Flags tasks that stop, disable or mask firewalld, ufw, nftables or iptables, `ufw: state: disabled`, and `ufw disable` / `systemctl stop firewalld` commands.',
      why: 'Every listening service on the host becomes reachable from the network, including ones meant for localhost or a management network.',
      bad: '- ansible.builtin.service:\n    name: firewalld\n    state: stopped',
      good: '- ansible.posix.firewalld:\n    service: https\n    permanent: true\n    state: enabled',
      refs: ['CIS Benchmarks: Ensure a firewall is enabled'],
    }),
    remediation: 'Keep the firewall running and open only the ports the service needs.',
  },
  check(ctx) {
    serviceTurnedOff(
      ctx,
      /^(?:firewalld|ufw|nftables|iptables|ip6tables)(?:\.service)?$/,
      (t, n) => `${t.module} turns the ${n} firewall off.`,
    );
    for (const t of ctx.tasksFor(['ufw'])) {
      const a = t.args.get('state');
      if (known(a) === 'disabled') atArg(ctx, t, a!, 'ufw state: disabled turns the firewall off.');
    }
    for (const t of ctx.file.tasks) {
      const cmd = commandOf(t);
      if (
        cmd &&
        /\bufw\s+(?:--force\s+)?disable\b|\bsystemctl\s+(?:stop|disable|mask)\s+(?:--now\s+)?(?:firewalld|ufw|nftables)\b/.test(
          cmd.text,
        )
      )
        atArg(ctx, t, cmd.arg, `${t.module} turns the host firewall off.`);
    }
  },
};
export default rule;
