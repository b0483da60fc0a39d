import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { assumeRoleMfa } from '../../../cloud/checks/aws-exposure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-015',
    title: 'Role assumed without MFA',
    severity: 'medium',
    category: 'ansible',
    modules: ['sts_assume_role'],
    docs: doc({
      what: 'Flags sts_assume_role without `mfa_serial_number` and `mfa_token`: both are needed (a serial number alone presents no MFA code).',
      why: "Without MFA, whoever holds the caller's long-lived keys can assume the role; requiring MFA makes stolen keys alone useless.",
      bad: '- amazon.aws.sts_assume_role:\n    role_arn: arn:aws:iam::111122223333:role/admin\n    role_session_name: ops',
      good: '- amazon.aws.sts_assume_role:\n    role_arn: arn:aws:iam::111122223333:role/admin\n    role_session_name: ops\n    mfa_serial_number: arn:aws:iam::111122223333:mfa/ops\n    mfa_token: "{{ mfa_code }}"',
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html'],
    }),
    remediation:
      'Pass mfa_serial_number and mfa_token, and require aws:MultiFactorAuthPresent in the role trust policy.',
  },
  check: cloudCheck(assumeRoleMfa, ['assume-role-no-mfa']),
};
export default rule;
