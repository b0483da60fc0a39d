import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { lambdaPermissionScope } from '../../../cloud/checks/network.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-031',
    title: 'Lambda permission grants more than invoke, or for any source',
    severity: 'medium',
    category: 'ansible',
    modules: ['lambda_policy'],
    docs: doc({
      what: 'Flags amazon.aws.lambda_policy whose `action` is anything but `lambda:InvokeFunction`/`lambda:InvokeFunctionUrl` (such as `lambda:*` or `lambda:UpdateFunctionCode`), or whose `source_arn` contains a wildcard. The same check as CFN-LAMBDA-003 (a wildcard principal without any source is ANS-AWS-007).',
      why: "A resource policy that grants more than invoke lets the principal change the function's code or configuration; a wildcard source lets any bucket, topic or rule matching the pattern — other accounts' included — invoke it.",
      bad: '- amazon.aws.lambda_policy:\n    state: present\n    function_name: thumbnailer\n    statement_id: s3-invoke\n    action: lambda:*\n    principal: s3.amazonaws.com\n    source_arn: arn:aws:s3:::*',
      good: '- amazon.aws.lambda_policy:\n    state: present\n    function_name: thumbnailer\n    statement_id: s3-invoke\n    action: lambda:InvokeFunction\n    principal: s3.amazonaws.com\n    source_arn: arn:aws:s3:::acme-uploads\n    source_account: "123456789012"',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/amazon/aws/lambda_policy_module.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
      ],
    }),
    remediation: 'Grant lambda:InvokeFunction only, with an exact source_arn (and source_account).',
  },
  check: cloudCheck(lambdaPermissionScope, ['lambda-permission-scope']),
};
export default rule;
