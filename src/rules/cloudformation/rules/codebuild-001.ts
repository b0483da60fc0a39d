import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { codebuildCmk } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CODEBUILD-001',
    'CodeBuild artifacts are not encrypted with your KMS key',
    'low',
    ['AWS::CodeBuild::Project'],
    doc({
      what: `An \`AWS::CodeBuild::Project\` without \`EncryptionKey\`.`,
      why: `Build artifacts (often including configuration and packaged secrets) are then encrypted with the AWS-managed S3 key, which you cannot restrict or audit per project.`,
      example: `Build:
  Type: AWS::CodeBuild::Project
  Properties:
    Name: app`,
      fix: `Set \`EncryptionKey\` to a customer managed KMS key.`,
      refs: ['https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html'],
    }),
    'Set EncryptionKey.',
  ),
  check: cloudCheck(codebuildCmk, ['codebuild-cmk']),
};
export default rule;
