import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { lambdaTracing } from '../../../cloud/checks/data.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-027',
    title: 'Lambda function without X-Ray tracing',
    severity: 'low',
    category: 'ansible',
    modules: ['lambda'],
    docs: doc({
      what: 'Flags lambda functions without `tracing_mode: Active`. The same check as CFN-LAMBDA-004.',
      why: 'Without tracing, failures and abuse across the services a function calls are hard to follow.',
      bad: '- amazon.aws.lambda:\n    name: resize\n    runtime: python3.12\n    role: arn:aws:iam::111122223333:role/resize\n    handler: app.handler\n    zip_file: resize.zip',
      good: '- amazon.aws.lambda:\n    name: resize\n    runtime: python3.12\n    role: arn:aws:iam::111122223333:role/resize\n    handler: app.handler\n    zip_file: resize.zip\n    tracing_mode: Active',
      refs: ['https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html'],
    }),
    remediation: 'Set tracing_mode: Active.',
  },
  check: cloudCheck(lambdaTracing, ['lambda-tracing']),
};
export default rule;
