import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { vmShielded } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-007',
    title: 'Compute instance without Shielded VM',
    severity: 'low',
    category: 'ansible',
    modules: ['gcp_compute_instance', 'gcp_compute_instance_template'],
    docs: doc({
      what: 'Flags gcp_compute_instance without `shielded_instance_config`, or with secure boot, vTPM or integrity monitoring turned off.',
      why: 'Shielded VM protects the boot chain against rootkits and bootkits and reports integrity changes.',
      bad: '- google.cloud.gcp_compute_instance:\n    name: web\n    machine_type: e2-small\n    zone: europe-west1-b',
      good: '- google.cloud.gcp_compute_instance:\n    name: web\n    machine_type: e2-small\n    zone: europe-west1-b\n    shielded_instance_config: { enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true }',
      refs: ['CIS Google Cloud Platform Foundation 4.8'],
    }),
    remediation: 'Enable secure boot, vTPM and integrity monitoring.',
  },
  check: cloudCheck(vmShielded, ['vm-shielded']),
};
export default rule;
