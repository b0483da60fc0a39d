import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { diskKeys } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-011',
    title: 'Compute disk without a customer-managed key',
    severity: 'low',
    category: 'ansible',
    modules: ['gcp_compute_disk'],
    docs: doc({
      what: 'Flags gcp_compute_disk without `disk_encryption_key` (raw or KMS key).',
      why: 'With Google-managed keys, access to the data cannot be revoked or audited separately from access to the disk.',
      bad: '- google.cloud.gcp_compute_disk:\n    name: data\n    size_gb: 100\n    zone: europe-west1-b',
      good: '- google.cloud.gcp_compute_disk:\n    name: data\n    size_gb: 100\n    zone: europe-west1-b\n    disk_encryption_key:\n      kms_key_name: projects/my-project/locations/europe-west1/keyRings/disks/cryptoKeys/data',
      refs: ['CIS Google Cloud Platform Foundation 4.7'],
    }),
    remediation: 'Encrypt with a Cloud KMS key (disk_encryption_key.kms_key_name).',
  },
  check: cloudCheck(diskKeys, ['disk-csek']),
};
export default rule;
