import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { codebuildCmk } from '../../../cloud/checks/data.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-022',
    title: 'CodeBuild project without a customer KMS key',
    severity: 'low',
    category: 'ansible',
    modules: ['codebuild_project', 'aws_codebuild'],
    docs: doc({
      what: 'Flags codebuild_project without `encryption_key`: artifacts are encrypted with the AWS-managed S3 key. The same check as CFN-CODEBUILD-001.',
      why: 'With the AWS-managed key, anyone with S3 read access to the artifacts bucket can read build output; your own key adds an access policy and an audit trail.',
      bad: '- community.aws.codebuild_project:\n    name: app\n    service_role: arn:aws:iam::111122223333:role/codebuild\n    source: { type: CODEPIPELINE }\n    artifacts: { type: CODEPIPELINE }\n    environment: { type: LINUX_CONTAINER, image: aws/codebuild/standard:7.0, compute_type: BUILD_GENERAL1_SMALL }',
      good: '- community.aws.codebuild_project:\n    name: app\n    service_role: arn:aws:iam::111122223333:role/codebuild\n    encryption_key: arn:aws:kms:eu-west-1:111122223333:alias/codebuild\n    source: { type: CODEPIPELINE }\n    artifacts: { type: CODEPIPELINE }\n    environment: { type: LINUX_CONTAINER, image: aws/codebuild/standard:7.0, compute_type: BUILD_GENERAL1_SMALL }',
      refs: ['https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html'],
    }),
    remediation: 'Set encryption_key to a KMS key you control.',
  },
  check: cloudCheck(codebuildCmk, ['codebuild-cmk']),
};
export default rule;
