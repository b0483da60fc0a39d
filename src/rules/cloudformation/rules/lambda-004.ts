import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { lambdaTracing } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-LAMBDA-004',
    'Lambda function does not trace with X-Ray',
    'low',
    ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    doc({
      what: `An \`AWS::Lambda::Function\` without \`TracingConfig.Mode: Active\`, or an \`AWS::Serverless::Function\` without \`Tracing: Active\`.`,
      why: `Traces show which downstream calls a function made and when: the trail you follow after a compromise or a data leak.`,
      example: `Fn:
  Type: AWS::Lambda::Function
  Properties:
    Runtime: python3.12`,
      fix: `Set \`TracingConfig: {Mode: Active}\` (SAM: \`Tracing: Active\`).`,
      refs: ['https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html'],
    }),
    'Set TracingConfig.Mode: Active.',
  ),
  check: cloudCheck(lambdaTracing, ['lambda-tracing']),
};
export default rule;
