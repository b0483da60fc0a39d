import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { vmAccess } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-006',
    title: 'Compute instance with broad access: full-scope default account, serial port, project SSH keys',
    severity: 'high',
    category: 'ansible',
    modules: ['gcp_compute_instance', 'gcp_compute_instance_template'],
    docs: doc({
      what: 'Flags gcp_compute_instance running as the default compute service account with the cloud-platform scope, with `serial-port-enable` metadata on, and (medium/low) the default account with narrower scopes, project-wide SSH keys not blocked (`block-project-ssh-keys`), `enable-oslogin: FALSE`, an external IP (`access_configs`) or `can_ip_forward`.',
      why: "A full-scope default account turns any code execution on the VM into Editor on the project; the serial console and project-wide keys open side doors that bypass the instance's own access control.",
      bad: '- google.cloud.gcp_compute_instance:\n    name: web\n    machine_type: e2-small\n    zone: europe-west1-b\n    metadata:\n      serial-port-enable: "true"\n    service_accounts:\n      - email: default\n        scopes: [https://www.googleapis.com/auth/cloud-platform]',
      good: '- google.cloud.gcp_compute_instance:\n    name: web\n    machine_type: e2-small\n    zone: europe-west1-b\n    metadata:\n      block-project-ssh-keys: "true"\n      enable-oslogin: "TRUE"\n    service_accounts:\n      - email: web@my-project.iam.gserviceaccount.com\n        scopes: [https://www.googleapis.com/auth/cloud-platform]\n    shielded_instance_config: { enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true }',
      refs: [
        'CIS Google Cloud Platform Foundation 4.1-4.6',
        'https://cloud.google.com/compute/docs/access/service-accounts',
      ],
    }),
    remediation:
      'Use a dedicated service account, block project-wide SSH keys, keep OS Login and the serial console off, and avoid external IPs.',
  },
  check: cloudCheck(vmAccess, [
    'vm-default-sa',
    'vm-project-ssh-keys',
    'vm-serial-port',
    'vm-os-login',
    'vm-public-ip',
    'vm-ip-forward',
  ]),
};
export default rule;
