import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { bigqueryPublic } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-010',
    title: 'BigQuery dataset readable by anyone',
    severity: 'high',
    category: 'ansible',
    modules: ['gcp_bigquery_dataset'],
    docs: doc({
      what: 'Flags gcp_bigquery_dataset `access` entries for `allUsers` or `allAuthenticatedUsers` (`special_group` or `iam_member`).',
      why: 'Every table of the dataset can then be queried by anyone (with any Google account).',
      bad: '- google.cloud.gcp_bigquery_dataset:\n    name: sales\n    dataset_reference: { dataset_id: sales }\n    access:\n      - role: READER\n        special_group: allAuthenticatedUsers',
      good: '- google.cloud.gcp_bigquery_dataset:\n    name: sales\n    dataset_reference: { dataset_id: sales }\n    access:\n      - role: READER\n        group_by_email: analysts@example.com',
      refs: ['CIS Google Cloud Platform Foundation 7.1'],
    }),
    remediation: 'Grant access to named groups or service accounts only.',
  },
  check: cloudCheck(bigqueryPublic, ['bq-public']),
};
export default rule;
