import { atArg, isFalse, known, str, urlHost, type AnsibleRule, type Task } from '../context.js';
import { doc } from '../docs.js';

const KEYS = ['validate_certs', 'verify_ssl', 'verify_certs', 'validate_cert'];

/** Health, readiness and liveness endpoints (`/healthz`, `/readyz`, `/health/live`, `/ping`, `/status`). */
const HEALTH_PATH = /\/(?:healthz?|readyz?|readiness|livez?|liveness|ping|status)(?:[/?#.]|$)/i;

/**
 * A local health probe: a `uri` GET/HEAD that sends no credentials or body, to the machine itself (localhost,
 * 127.0.0.0/8, ::1 — often a service's self-signed port) or to a health endpoint. Skipping verification there risks
 * a faked health answer, not a leaked secret or code: low, not high.
 */
function healthProbe(t: Task): boolean {
  if (t.short !== 'uri' && t.short !== 'win_uri') return false;
  const method = (known(t.args.get('method')) ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (['body', 'src', 'url_password', 'password', 'client_key'].some((k) => t.args.has(k))) return false;
  const headers = t.args.get('headers')?.value;
  if (
    headers &&
    typeof headers === 'object' &&
    Object.keys(headers).some((k) => /authorization|token|api[-_]?key/i.test(k))
  )
    return false;
  const url = str(t.args.get('url')) ?? '';
  const host = urlHost(url)
    ?.toLowerCase()
    .replace(/^\[|\]$/g, '');
  const loopback = host !== undefined && (host === 'localhost' || host === '::1' || /^127\./.test(host));
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return loopback || HEALTH_PATH.test(path);
}

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
      what: 'Flags any module called with `validate_certs: no` (or `false`, `verify_ssl: false`): uri, get_url, every amazon.aws and community module. A local health probe — a `uri` GET to localhost/127.0.0.1/::1 or to a health endpoint (`/healthz`, `/readyz`, `/ping`…) that sends no credentials or body — is reported at low: a faked answer misleads the play, but nothing secret travels.',
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
        if (!isFalse(a)) continue;
        if (healthProbe(t))
          atArg(
            ctx,
            t,
            a!,
            `${t.module} probes a local or health endpoint with ${k}: ${String(a!.value)}; its certificate is not checked.`,
            { severity: 'low' },
          );
        else
          atArg(ctx, t, a!, `${t.module} is called with ${k}: ${String(a!.value)}; TLS certificates are not checked.`);
      }
  },
};
export default rule;
