import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { lambdaDlq, samDlq } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-LAMBDA-005',
    'Lambda function has no dead-letter queue',
    'low',
    ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    doc({
      what: `An \`AWS::Lambda::Function\` without \`DeadLetterConfig.TargetArn\`, or a SAM \`AWS::Serverless::Function\` without \`DeadLetterQueue.TargetArn\` (its own or from \`Globals.Function\`).`,
      why: `Asynchronous events that keep failing are dropped after the retries, silently.`,
      example: `Fn:
  Type: AWS::Lambda::Function
  Properties:
    Runtime: python3.12`,
      fix: `Set \`DeadLetterConfig: {TargetArn: …}\` (an SQS queue or SNS topic), or an on-failure destination.`,
      refs: ['https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html'],
    }),
    'Set DeadLetterConfig.TargetArn.',
  ),
  check(ctx) {
    cloudCheck(lambdaDlq, ['lambda-dlq'])(ctx);
    cloudCheck(samDlq, ['lambda-dlq'])(ctx);
  },
};
export default rule;
