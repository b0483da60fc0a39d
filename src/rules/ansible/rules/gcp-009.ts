import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { bucketHygiene } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-009',
    title: 'Cloud Storage bucket without versioning or access logs',
    severity: 'low',
    category: 'ansible',
    modules: ['gcp_storage_bucket'],
    docs: doc({
      what: 'Flags gcp_storage_bucket without `versioning.enabled: true` or without `logging`.',
      why: 'Without versions an overwrite or delete is final; without access logs a leak cannot be traced.',
      bad: '- google.cloud.gcp_storage_bucket:\n    name: reports\n    project: my-project',
      good: '- google.cloud.gcp_storage_bucket:\n    name: reports\n    project: my-project\n    versioning: { enabled: true }\n    logging: { log_bucket: access-logs }',
      refs: ['https://cloud.google.com/storage/docs/object-versioning'],
    }),
    remediation: 'Enable versioning and usage logging.',
  },
  check: cloudCheck(bucketHygiene, ['bucket-versioning', 'bucket-logging']),
};
export default rule;
