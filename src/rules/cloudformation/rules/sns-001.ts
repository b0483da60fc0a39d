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
    'CFN-SNS-001',
    'SNS topic policy allows any principal without a condition',
    'high',
    ['AWS::SNS::TopicPolicy'],
    doc({
      what: 'An `Allow` statement in the `PolicyDocument` of `AWS::SNS::TopicPolicy` whose `Principal` is `"*"` or `{AWS: "*"}` and that has no `Condition`.',
      why: "A wildcard principal with no condition grants the statement's actions to anyone on the internet (signed or anonymous, depending on the service).",
      example: `TopicPolicy:
  Type: AWS::SNS::TopicPolicy
  Properties:
    Topics: [!Ref Topic]
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { AWS: '*' }
          Action: sns:Publish
          Resource: '*'`,
      fix: NAME_PRINCIPALS_FIX,
      refs: [PRINCIPAL_REF, 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html'],
    }),
    NAME_PRINCIPALS_REMEDIATION,
  ),
  check: publicPolicyCheck('PolicyDocument'),
};
export default rule;
