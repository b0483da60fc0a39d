import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { kmsKeySettings } from '../../../cloud/checks/aws-audit.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-023',
    title: 'KMS key without rotation, disabled or with a short deletion window',
    severity: 'medium',
    category: 'ansible',
    modules: ['kms_key', 'aws_kms'],
    docs: doc({
      what: 'Flags kms_key / aws_kms symmetric keys without `enable_key_rotation: true`, keys with `enabled: false` (low), and a `pending_window` below 30 days. (Key policies open to anyone are ANS-AWS-007.)',
      why: 'Without rotation one key protects years of data; a disabled key makes data unreadable; a short deletion window leaves little time to notice and cancel a mistaken or malicious deletion, after which the data is lost for good.',
      bad: '- amazon.aws.kms_key:\n    alias: app\n    state: present\n    enable_key_rotation: false',
      good: '- amazon.aws.kms_key:\n    alias: app\n    state: present\n    enable_key_rotation: true',
      refs: ['CIS AWS Foundations 3.8', 'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html'],
    }),
    remediation: 'Enable rotation and keep the deletion window at 30 days.',
  },
  check: cloudCheck(kmsKeySettings, ['kms-rotation', 'kms-disabled', 'kms-deletion-window']),
};
export default rule;
