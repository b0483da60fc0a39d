import { atArg, known, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { CONTAINER_MODULES } from '../containers.js';

const KEYS = [
  'network_mode',
  'pid_mode',
  'ipc_mode',
  'userns_mode',
  'uts',
  'network',
  'pid',
  'ipc',
  'userns',
  'cgroupns_mode',
];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-CTR-003',
    title: 'Container shares host namespaces',
    severity: 'medium',
    category: 'ansible',
    modules: CONTAINER_MODULES,
    docs: doc({
      what: 'Flags container tasks with `network_mode`, `pid_mode`, `ipc_mode`, `userns_mode` (podman: `network`, `pid`, `ipc`, `userns`) set to `host`.',
      why: 'The container sees and can signal host processes (pid), sniff or bind host interfaces (network), or read shared memory (ipc); user-namespace remapping is lost (userns).',
      bad: '- community.docker.docker_container:\n    name: exporter\n    image: example/exporter:3\n    pid_mode: host',
      good: '- community.docker.docker_container:\n    name: exporter\n    image: example/exporter:3\n    published_ports: ["127.0.0.1:9100:9100"]',
      refs: ['CIS Docker Benchmark 5.9, 5.15, 5.16, 5.30'],
    }),
    remediation: 'Use the default (private) namespaces; publish only the ports needed.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(CONTAINER_MODULES))
      for (const k of KEYS) {
        const a = t.args.get(k);
        if (known(a)?.toLowerCase() === 'host')
          atArg(ctx, t, a!, `${t.module} ${k}: host shares the host's namespace with the container.`);
      }
  },
};
export default rule;
