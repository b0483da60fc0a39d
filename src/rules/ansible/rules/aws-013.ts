import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudChecks } from '../cloud.js';
import { assumeAnyRole, trustPolicy } from '../../../cloud/checks/identity.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-013',
    title: 'IAM role trust or policy lets principals assume roles too freely',
    severity: 'high',
    category: 'ansible',
    modules: ['iam_role', 'iam_managed_policy', 'iam_policy', 'iam'],
    docs: doc({
      what: 'Flags iam_role `assume_role_policy_document` (and legacy iam `trust_policy`) trusting another account or its root without an ExternalId or MFA condition, or allowing `*`/`sts:*`; and iam_managed_policy / iam_policy documents granting sts:AssumeRole on `*`. The same checks as CFN-IAM-010/011/013.',
      why: 'A trust without a condition lets anyone in the other account (or the confused deputy acting for them) take the role; sts:AssumeRole on every role turns one identity into all of them.',
      bad: '- amazon.aws.iam_role:\n    name: partner\n    assume_role_policy_document:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: "arn:aws:iam::111122223333:root" }\n          Action: sts:AssumeRole',
      good: '- amazon.aws.iam_role:\n    name: partner\n    assume_role_policy_document:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: "arn:aws:iam::111122223333:root" }\n          Action: sts:AssumeRole\n          Condition:\n            StringEquals: { "sts:ExternalId": "partner-7f3a" }',
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html'],
    }),
    remediation:
      'Require sts:ExternalId or aws:MultiFactorAuthPresent for other accounts, allow only sts:AssumeRole, and name the roles a policy may assume.',
  },
  check: cloudChecks([
    [trustPolicy, ['trust-cross-account', 'trust-all-actions']],
    [assumeAnyRole, ['assume-any-role']],
  ]),
};
export default rule;
