import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { kmsRotation } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-012',
    title: 'Cloud KMS key not rotated within 90 days',
    severity: 'medium',
    category: 'ansible',
    modules: ['gcp_kms_crypto_key'],
    docs: doc({
      what: 'Flags gcp_kms_crypto_key (encryption keys) without `rotation_period` or with one above 90 days.',
      why: 'A key that is never rotated protects ever more data, so one compromise exposes all of it.',
      bad: '- google.cloud.gcp_kms_crypto_key:\n    name: data\n    key_ring: projects/my-project/locations/europe-west1/keyRings/app',
      good: '- google.cloud.gcp_kms_crypto_key:\n    name: data\n    key_ring: projects/my-project/locations/europe-west1/keyRings/app\n    rotation_period: 7776000s',
      refs: ['CIS Google Cloud Platform Foundation 1.10'],
    }),
    remediation: 'Set rotation_period to 7776000s (90 days) or less.',
  },
  check: cloudCheck(kmsRotation, ['gcp-kms-rotation']),
};
export default rule;
