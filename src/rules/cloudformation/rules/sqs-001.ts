import type { CfnRule } from '../rule.js';
import {
  doc,
  meta,
  NAME_PRINCIPALS_FIX,
  NAME_PRINCIPALS_REMEDIATION,
  PRINCIPAL_REF,
  publicPolicyCheck,
} from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SQS-001',
    'SQS queue policy allows any principal without a condition',
    'high',
    ['AWS::SQS::QueuePolicy'],
    doc({
      what: 'An `Allow` statement in the `PolicyDocument` of `AWS::SQS::QueuePolicy` whose `Principal` is `"*"` or `{AWS: "*"}` and that has no `Condition`.',
      why: "A wildcard principal with no condition grants the statement's actions to anyone on the internet (signed or anonymous, depending on the service).",
      example: `QueuePolicy:
  Type: AWS::SQS::QueuePolicy
  Properties:
    Queues: [!Ref Queue]
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: '*'
          Action: sqs:SendMessage
          Resource: '*'`,
      fix: NAME_PRINCIPALS_FIX,
      refs: [
        PRINCIPAL_REF,
        'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
      ],
    }),
    NAME_PRINCIPALS_REMEDIATION,
  ),
  check: publicPolicyCheck('PolicyDocument'),
};
export default rule;
