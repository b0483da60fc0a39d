import { atArg, commandOf, isTrue, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { CONTAINER_MODULES, RUN_COMMAND } from '../containers.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-CTR-001',
    title: 'Privileged container',
    severity: 'high',
    category: 'ansible',
    modules: [...CONTAINER_MODULES, 'command', 'shell'],
    docs: doc({
      what: 'Flags docker_container/podman_container with `privileged: yes`, and `docker run --privileged` in commands.',
      why: 'A privileged container has every capability and all host devices: escaping to root on the host is trivial.',
      bad: '- community.docker.docker_container:\n    name: agent\n    image: example/agent:1.2\n    privileged: yes',
      good: '- community.docker.docker_container:\n    name: agent\n    image: example/agent:1.2\n    capabilities: [NET_BIND_SERVICE]',
      refs: [
        'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
        'CIS Docker Benchmark 5.4',
      ],
    }),
    remediation: 'Remove privileged; grant only the specific capabilities or devices needed.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(CONTAINER_MODULES)) {
      const a = t.args.get('privileged');
      if (isTrue(a)) atArg(ctx, t, a!, `${t.module} runs a privileged container.`);
    }
    for (const t of ctx.file.tasks) {
      const cmd = commandOf(t);
      if (cmd && RUN_COMMAND.test(cmd.text) && /\s--privileged(?:=true)?\b(?!=false)/.test(cmd.text))
        atArg(ctx, t, cmd.arg, `${t.module} starts a privileged container.`);
    }
  },
};
export default rule;
