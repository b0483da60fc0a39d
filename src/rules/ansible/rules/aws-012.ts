import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { passwordPolicyWeak } from '../../../cloud/checks/aws-exposure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-012',
    title: 'Weak IAM account password policy',
    severity: 'medium',
    category: 'ansible',
    modules: ['iam_password_policy'],
    docs: doc({
      what: 'Flags iam_password_policy with a minimum length below 14 (or none), no maximum age or one above 90 days, reuse prevention below 24 (or none), and users who cannot change their own password (`allow_pw_change` false or missing).',
      why: 'Short, never-expiring, reusable console passwords are easy to guess and stay valid long after they leak.',
      bad: '- community.aws.iam_password_policy:\n    state: present\n    min_pw_length: 8\n    allow_pw_change: false',
      good: '- community.aws.iam_password_policy:\n    state: present\n    min_pw_length: 14\n    pw_max_age: 90\n    pw_reuse_prevent: 24\n    allow_pw_change: true\n    require_symbols: true\n    require_numbers: true',
      refs: [
        'CIS AWS Foundations 1.8, 1.9',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-7',
      ],
    }),
    remediation:
      'Require at least 14 characters, a maximum age of 90 days, reuse prevention of 24 and let users change their password.',
  },
  check: cloudCheck(passwordPolicyWeak, ['password-policy-weak']),
};
export default rule;
