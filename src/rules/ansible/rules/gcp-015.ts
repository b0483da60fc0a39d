import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { privateGoogleAccess } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-015',
    title: 'Subnetwork without Private Google Access',
    severity: 'low',
    category: 'ansible',
    modules: ['gcp_compute_subnetwork'],
    docs: doc({
      what: 'Flags gcp_compute_subnetwork without `private_ip_google_access: true`.',
      why: 'Instances without external IPs cannot then reach Google APIs, which pushes teams to give them external IPs.',
      bad: '- google.cloud.gcp_compute_subnetwork:\n    name: app\n    region: europe-west1\n    network: "{{ network }}"\n    ip_cidr_range: 10.10.0.0/24',
      good: '- google.cloud.gcp_compute_subnetwork:\n    name: app\n    region: europe-west1\n    network: "{{ network }}"\n    ip_cidr_range: 10.10.0.0/24\n    private_ip_google_access: true',
      refs: ['https://cloud.google.com/vpc/docs/private-google-access'],
    }),
    remediation: 'Set private_ip_google_access: true.',
  },
  check: cloudCheck(privateGoogleAccess, ['gcp-private-google-access']),
};
export default rule;
