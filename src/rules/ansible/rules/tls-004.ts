import { isFalse, isJinja, pairsOf, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-TLS-004',
    title: 'Environment variable disables TLS verification',
    severity: 'high',
    category: 'ansible',
    modules: [],
    docs: doc({
      what: 'Flags task `environment:` settings that switch off certificate checks for the tools the task runs: `GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED: 0`, `PYTHONHTTPSVERIFY: 0`.',
      why: 'Every HTTPS connection the command makes then accepts any certificate, so it can be intercepted.',
      bad: '- ansible.builtin.command: npm ci\n  environment:\n    NODE_TLS_REJECT_UNAUTHORIZED: "0"',
      good: '- ansible.builtin.command: npm ci\n  environment:\n    NODE_EXTRA_CA_CERTS: /etc/pki/internal-ca.pem',
      refs: ['CWE-295: Improper Certificate Validation'],
    }),
    remediation: 'Drop the variable and trust the needed CA (NODE_EXTRA_CA_CERTS, GIT_SSL_CAINFO, SSL_CERT_FILE).',
  },
  check(ctx) {
    for (const t of ctx.file.tasks) {
      for (const a of pairsOf(ctx, t.keywords.get('environment')?.node)) {
        const { key, value } = a;
        if (isJinja(value)) continue;
        const bad =
          (key === 'GIT_SSL_NO_VERIFY' && value !== undefined && value !== null && value !== '' && !isFalse(a)) ||
          ((key === 'NODE_TLS_REJECT_UNAUTHORIZED' || key === 'PYTHONHTTPSVERIFY') && String(value).trim() === '0');
        if (bad)
          ctx.report({
            at: a.keyPos,
            scope: t.scope,
            path: `${t.path}.environment.${key}`,
            message: `environment ${key} switches TLS certificate verification off for this task.`,
          });
      }
    }
  },
};
export default rule;
