import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { iamUserInlinePolicy } from '../../../cloud/checks/identity.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-034',
    title: 'Inline IAM policy on a user',
    severity: 'low',
    category: 'ansible',
    modules: ['iam_policy'],
    docs: doc({
      what: 'Flags amazon.aws.iam_policy (formerly community.aws.iam_policy) with `iam_type: user`: an inline policy attached to one IAM user. Policies for groups and roles, `state: absent` and a Jinja `iam_type` are not reported. The same check as CFN-IAM-007. Hygiene: never blocking.',
      why: 'Permissions attached to a user one by one are hard to review and outlive the reason they were given: nobody sees them when looking at the groups, and they stay when the person changes team. Through a group (or a role the user assumes) the same permissions are granted in one place that an audit reads.',
      bad: "- amazon.aws.iam_policy:\n    iam_type: user\n    iam_name: deployer\n    policy_name: deploy-artifacts\n    state: present\n    policy_json: \"{{ lookup('file', 'deploy-artifacts.json') }}\"",
      good: "- amazon.aws.iam_policy:\n    iam_type: group\n    iam_name: deployers\n    policy_name: deploy-artifacts\n    state: present\n    policy_json: \"{{ lookup('file', 'deploy-artifacts.json') }}\"",
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/amazon/aws/iam_policy_module.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions',
      ],
    }),
    remediation: 'Attach the policy to a group the user belongs to (iam_type: group), or to a role the user assumes.',
  },
  check: cloudCheck(iamUserInlinePolicy, ['iam-user-inline-policy']),
};
export default rule;
