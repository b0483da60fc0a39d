import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudChecks } from '../cloud.js';
import { ecrPublicPolicy } from '../../../cloud/checks/network.js';
import { resourcePolicyOpen } from '../../../cloud/checks/aws-exposure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-007',
    title: 'Resource policy open to any principal or allowing every action',
    severity: 'high',
    category: 'ansible',
    modules: [
      'sqs_queue',
      'sns_topic',
      'ecs_ecr',
      'lambda_policy',
      'ses_identity_policy',
      'aws_ses_identity_policy',
      'kms_key',
      'aws_kms',
    ],
    docs: doc({
      what: 'Flags the `policy` of sqs_queue, sns_topic, ecs_ecr, ses_identity_policy and kms_key/aws_kms (mapping, JSON string or folded YAML) with an Allow statement for `Principal: "*"` and no condition, or allowing `*` / `service:*` to a wildcard principal; and lambda_policy with `principal: "*"` and no `source_arn`/`source_account`. It is the same shared analyser as the CloudFormation policy checks (ECR through CFN-ECR-001).',
      why: 'A wildcard principal lets any AWS account (or anyone, for some services) read the queue, publish to the topic, pull or push images, invoke the function, send mail as your identity or use the key.',
      bad: '- community.aws.sqs_queue:\n    name: jobs\n    policy:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Principal: "*"\n          Action: sqs:SendMessage\n          Resource: "*"',
      good: '- community.aws.sqs_queue:\n    name: jobs\n    policy:\n      Version: "2012-10-17"\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: arn:aws:iam::111122223333:role/producer }\n          Action: sqs:SendMessage\n          Resource: "*"',
      refs: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html',
      ],
    }),
    remediation:
      'Name the principals (accounts, roles, services) that need access, or add a condition such as aws:SourceArn / aws:PrincipalOrgID.',
  },
  check: cloudChecks([
    [ecrPublicPolicy, ['ecr-public-policy']],
    [resourcePolicyOpen, ['policy-public', 'policy-all-actions', 'lambda-public']],
  ]),
};
export default rule;
