import { atArg, isJinja, strings, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { CONTAINER_MODULES } from '../containers.js';

const CAPS = /^(?:CAP_)?(?:ALL|SYS_ADMIN|SYS_PTRACE|SYS_MODULE|DAC_READ_SEARCH|SYS_RAWIO|BPF)$/i;
const OPTS = /^(?:seccomp|apparmor|label|systempaths)[=:](?:unconfined|disable)$|^no-new-privileges[=:]false$/i;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-CTR-004',
    title: 'Container with dangerous capabilities or confinement off',
    severity: 'medium',
    category: 'ansible',
    modules: CONTAINER_MODULES,
    docs: doc({
      what: 'Flags container tasks adding ALL, SYS_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH, SYS_RAWIO or BPF capabilities, or with `security_opts` `seccomp=unconfined`, `apparmor=unconfined`, `label=disable`.',
      why: 'These capabilities, or running without seccomp/AppArmor/SELinux confinement, are the usual building blocks of container escapes.',
      bad: '- community.docker.docker_container:\n    name: debug\n    image: example/tools:1\n    capabilities: [SYS_ADMIN]\n    security_opts: [seccomp=unconfined]',
      good: '- community.docker.docker_container:\n    name: debug\n    image: example/tools:1\n    cap_drop: [ALL]',
      refs: ['CIS Docker Benchmark 5.3, 5.21, 5.25', 'https://docs.docker.com/engine/security/seccomp/'],
    }),
    remediation: 'Drop the capability or security option; add only narrowly needed capabilities.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(CONTAINER_MODULES)) {
      for (const k of ['capabilities', 'cap_add']) {
        const a = t.args.get(k);
        const bad = a && strings(a.value).find((s) => !isJinja(s) && CAPS.test(s.trim()));
        if (bad) atArg(ctx, t, a, `${t.module} adds the ${bad.trim().toUpperCase()} capability.`);
      }
      for (const k of ['security_opts', 'security_opt']) {
        const a = t.args.get(k);
        const bad = a && strings(a.value).find((s) => !isJinja(s) && OPTS.test(s.trim()));
        if (bad) atArg(ctx, t, a, `${t.module} runs with ${bad.trim()}.`);
      }
    }
  },
};
export default rule;
