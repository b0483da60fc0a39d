import { atArg, commandOf, isJinja, strings, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { CONTAINER_MODULES, RUN_COMMAND } from '../containers.js';

const SOCKET =
  /(?:^|[\s:=,])\/(?:var\/)?run\/(?:docker|podman\/podman|containerd\/containerd|crio\/crio)\.sock\b|\/run\/user\/\d+\/podman\/podman\.sock\b/;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-CTR-002',
    title: 'Container runtime socket mounted into a container',
    severity: 'high',
    category: 'ansible',
    modules: [...CONTAINER_MODULES, 'command', 'shell'],
    docs: doc({
      what: 'Flags `/var/run/docker.sock` (and podman, containerd, cri-o sockets) in `volumes`, `mounts` or `-v` of container tasks.',
      why: 'Whoever controls the container can start a privileged container through the socket: it is root on the host.',
      bad: '- community.docker.docker_container:\n    name: ci-runner\n    image: example/runner:2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock',
      good: '# use a rootless builder or a socket proxy that allows only the needed API calls',
      refs: ['CIS Docker Benchmark 5.31', 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
    }),
    remediation: 'Do not mount the runtime socket; use a restricted socket proxy or rootless tooling.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(CONTAINER_MODULES))
      for (const k of ['volumes', 'mounts', 'volume', 'mount', 'binds']) {
        const a = t.args.get(k);
        if (a && strings(a.value).some((s) => !isJinja(s) && SOCKET.test(` ${s}`)))
          atArg(ctx, t, a, `${t.module} mounts the container runtime socket (${k}).`);
      }
    for (const t of ctx.file.tasks) {
      const cmd = commandOf(t);
      if (cmd && RUN_COMMAND.test(cmd.text) && SOCKET.test(cmd.text))
        atArg(ctx, t, cmd.arg, `${t.module} mounts the container runtime socket into a container.`);
    }
  },
};
export default rule;
