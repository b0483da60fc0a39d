import { atArg, commandOf, isJinja, strings, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { SERVICE_MODULES, serviceTurnedOff } from '../services.js';

const COMMAND =
  /\b(?:aa-teardown|aa-disable|aa-complain)\b|\bsystemctl\s+(?:stop|disable|mask)\s+(?:--now\s+)?apparmor\b|\bservice\s+apparmor\s+(?:stop|teardown)\b|\bapparmor=0\b/;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-OS-002',
    title: 'AppArmor disabled',
    severity: 'medium',
    category: 'ansible',
    modules: [...SERVICE_MODULES, 'command', 'shell', 'lineinfile'],
    docs: doc({
      what: 'Flags tasks that stop, disable or mask the apparmor service, run `aa-teardown`/`aa-disable`/`aa-complain`, or add `apparmor=0` to the kernel command line.',
      why: 'AppArmor profiles confine exposed services; turning them off removes that containment for every profile on the host.',
      bad: '- ansible.builtin.systemd:\n    name: apparmor\n    state: stopped\n    enabled: false',
      good: '# adjust the one profile instead\n- ansible.builtin.copy:\n    src: usr.sbin.nginx\n    dest: /etc/apparmor.d/local/usr.sbin.nginx',
      refs: ['https://ubuntu.com/server/docs/security-apparmor', 'CIS Benchmarks: Ensure AppArmor is enabled'],
    }),
    remediation: 'Keep AppArmor running; fix the specific profile (local overrides) instead.',
  },
  check(ctx) {
    serviceTurnedOff(ctx, /^apparmor(?:\.service)?$/, (t) => `${t.module} turns the AppArmor service off.`);
    for (const t of ctx.file.tasks) {
      const cmd = commandOf(t);
      if (cmd && COMMAND.test(cmd.text)) {
        atArg(ctx, t, cmd.arg, `${t.module} disables AppArmor.`);
        continue;
      }
      const hit = ['line', 'replace', 'content', 'block']
        .map((k) => t.args.get(k))
        .find((a) => a && strings(a.value).some((s) => !isJinja(s) && /\bapparmor=0\b/.test(s)));
      if (hit) atArg(ctx, t, hit, `${t.module} disables AppArmor on the kernel command line.`);
    }
  },
};
export default rule;
