import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudChecks } from '../cloud.js';
import { redshiftPublic } from '../../../cloud/checks/aws-exposure.js';
import { redshiftEncryption } from '../../../cloud/checks/aws-at-rest.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-009',
    title: 'Redshift cluster publicly accessible or unencrypted',
    severity: 'high',
    category: 'ansible',
    modules: ['redshift'],
    docs: doc({
      what: 'Flags redshift clusters created (`command: create`) with `publicly_accessible: true`, or without `encrypted: true`.',
      why: 'A public cluster is reachable from the internet by anyone who can guess or brute-force its credentials; an unencrypted one exposes the warehouse in its snapshots and disks.',
      bad: '- community.aws.redshift:\n    command: create\n    identifier: dw\n    node_type: ra3.xlplus\n    username: admin\n    password: "{{ vault_dw_password }}"\n    publicly_accessible: true',
      good: '- community.aws.redshift:\n    command: create\n    identifier: dw\n    node_type: ra3.xlplus\n    username: admin\n    password: "{{ vault_dw_password }}"\n    publicly_accessible: false\n    encrypted: true',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1'],
    }),
    remediation: 'Set publicly_accessible: false and encrypted: true (with kms_key_id for your own key).',
  },
  check: cloudChecks([
    [redshiftPublic, ['redshift-public']],
    [redshiftEncryption, ['redshift-unencrypted']],
  ]),
};
export default rule;
