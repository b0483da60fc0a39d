import { atArg, isFalse, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const KEYS = ['validate_certs', 'verify_ssl', 'verify_certs', 'validate_cert'];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-TLS-001',
    title: 'TLS certificate verification disabled',
    severity: 'high',
    category: 'ansible',
    modules: [
      'uri',
      'get_url',
      'apt_key',
      'rpm_key',
      'win_get_url',
      'win_uri',
      'ec2_instance',
      's3_object',
      'docker_image',
    ],
    docs: doc({
      what: 'Flags any module called with `validate_certs: no` (or `false`, `verify_ssl: false`): uri, get_url, every amazon.aws and community module.',
      why: 'Without certificate verification anyone on the network path can impersonate the server: downloaded code, API responses and credentials sent to it are no longer protected.',
      bad: '- ansible.builtin.get_url:\n    url: https://example.com/tool.tgz\n    dest: /tmp/tool.tgz\n    validate_certs: no',
      good: '- ansible.builtin.get_url:\n    url: https://example.com/tool.tgz\n    dest: /tmp/tool.tgz\n    checksum: sha256:…',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/ansible/builtin/get_url_module.html',
        'CWE-295: Improper Certificate Validation',
      ],
    }),
    remediation: 'Remove validate_certs: no; trust the internal CA with ca_path or the system store instead.',
  },
  check(ctx) {
    for (const t of ctx.file.tasks)
      for (const k of KEYS) {
        const a = t.args.get(k);
        if (isFalse(a))
          atArg(ctx, t, a!, `${t.module} is called with ${k}: ${String(a!.value)}; TLS certificates are not checked.`);
      }
  },
};
export default rule;
