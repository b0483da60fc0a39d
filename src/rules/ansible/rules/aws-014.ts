import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { accessKeyActive } from '../../../cloud/checks/aws-exposure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-014',
    title: 'Long-lived IAM user access key created active',
    severity: 'low',
    category: 'ansible',
    modules: ['iam_access_key', 'iam'],
    docs: doc({
      what: 'Flags iam_access_key (unless `active: false`) and legacy iam users with `access_key_state: create` or `active`: long-lived access keys for IAM users.',
      why: 'Access keys never expire on their own; they end up in laptops, CI variables and repositories, and are the most common way AWS accounts are breached.',
      bad: '- amazon.aws.iam_access_key:\n    user_name: deploy\n    state: present',
      good: "- amazon.aws.iam_role:\n    name: deploy\n    assume_role_policy_document: \"{{ lookup('file', 'deploy-trust.json') }}\"",
      refs: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
        'CIS AWS Foundations 1.14',
      ],
    }),
    remediation:
      'Use roles (instance profiles, OIDC federation, IAM Identity Center) and temporary credentials; if a key is unavoidable, rotate it.',
  },
  check: cloudCheck(accessKeyActive, ['access-key-active']),
};
export default rule;
