import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { sslPolicyWeak } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-014',
    title: 'SSL policy allows TLS below 1.2 or weak ciphers',
    severity: 'medium',
    category: 'ansible',
    modules: ['gcp_compute_ssl_policy'],
    docs: doc({
      what: 'Flags gcp_compute_ssl_policy with `min_tls_version` TLS_1_0/TLS_1_1 or unset (TLS 1.0 is the default), or the COMPATIBLE profile.',
      why: 'TLS 1.0/1.1 and the ciphers of the COMPATIBLE profile have known weaknesses.',
      bad: '- google.cloud.gcp_compute_ssl_policy:\n    name: web\n    profile: COMPATIBLE',
      good: '- google.cloud.gcp_compute_ssl_policy:\n    name: web\n    profile: MODERN\n    min_tls_version: TLS_1_2',
      refs: ['CIS Google Cloud Platform Foundation 3.9'],
    }),
    remediation: 'Use min_tls_version TLS_1_2 with the MODERN or RESTRICTED profile.',
  },
  check: cloudCheck(sslPolicyWeak, ['gcp-ssl-policy']),
};
export default rule;
