import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { dnssec } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-013',
    title: 'Cloud DNS zone without DNSSEC or with RSASHA1',
    severity: 'medium',
    category: 'ansible',
    modules: ['gcp_dns_managed_zone'],
    docs: doc({
      what: 'Flags public gcp_dns_managed_zone without `dnssec_config.state: on`, and key specs using `rsasha1`.',
      why: 'Without DNSSEC, resolvers cannot tell forged answers from real ones; RSASHA1 signatures are considered breakable.',
      bad: '- google.cloud.gcp_dns_managed_zone:\n    name: example\n    dns_name: example.com.\n    description: public zone',
      good: '- google.cloud.gcp_dns_managed_zone:\n    name: example\n    dns_name: example.com.\n    description: public zone\n    dnssec_config:\n      state: "on"\n      default_key_specs:\n        - { algorithm: rsasha256, key_type: keySigning, key_length: 2048 }\n        - { algorithm: rsasha256, key_type: zoneSigning, key_length: 1024 }',
      refs: ['CIS Google Cloud Platform Foundation 3.3-3.5'],
    }),
    remediation: 'Turn DNSSEC on with RSASHA256 or ECDSA keys.',
  },
  check: cloudCheck(dnssec, ['gcp-dnssec']),
};
export default rule;
