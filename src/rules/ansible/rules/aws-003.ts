import { atArg, strings, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { parsePolicy, statements } from '../policy.js';

const POLICY_KEYS = ['policy_json', 'policy_document', 'policy', 'assume_role_policy_document_raw'];
const ADMIN_ARN =
  /:policy\/(?:AdministratorAccess|IAMFullAccess|PowerUserAccess)$|^(?:AdministratorAccess|IAMFullAccess)$/;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-003',
    title: 'IAM policy grants full administrator access',
    severity: 'critical',
    category: 'ansible',
    modules: ['iam_policy', 'iam_managed_policy', 'iam_role', 'iam_user', 'iam_group'],
    docs: doc({
      what: 'Flags IAM policies (iam_policy, iam_managed_policy) with an Allow statement of `Action: "*"` on `Resource: "*"`, and roles/users/groups attached to AdministratorAccess, IAMFullAccess or PowerUserAccess.',
      why: 'Full `*:*` access defeats least privilege: one leaked key or compromised instance owns the whole account.',
      bad: '- amazon.aws.iam_policy:\n    iam_type: role\n    iam_name: app\n    policy_name: all\n    policy_json:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Action: "*"\n          Resource: "*"',
      good: '- amazon.aws.iam_policy:\n    iam_type: role\n    iam_name: app\n    policy_name: read-reports\n    policy_json:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Action: ["s3:GetObject"]\n          Resource: ["arn:aws:s3:::reports/*"]',
      refs: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'CIS AWS Foundations 1.16',
      ],
    }),
    remediation: 'Grant only the actions and resources the principal needs.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['iam_policy', 'iam_managed_policy', 'iam_role', 'iam_user', 'iam_group']))
      for (const k of POLICY_KEYS) {
        const a = t.args.get(k);
        const d = parsePolicy(a?.value);
        if (
          d &&
          statements(d).some(
            (s) =>
              s.effect === 'Allow' &&
              !s.notActions &&
              s.actions.some((x) => x === '*' || x === '*:*') &&
              s.resources.includes('*'),
          )
        )
          atArg(ctx, t, a!, `${t.module} ${k} allows every action on every resource.`);
      }
    for (const t of ctx.tasksFor(['iam_role', 'iam_user', 'iam_group']))
      for (const k of ['managed_policies', 'managed_policy']) {
        const a = t.args.get(k);
        const admin = a && strings(a.value).find((s) => ADMIN_ARN.test(s.trim()));
        if (admin) atArg(ctx, t, a, `${t.module} attaches ${admin.trim().split('/').pop()}.`);
      }
  },
};
export default rule;
