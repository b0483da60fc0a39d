import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { ecrPublicPolicy } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ECR-001',
    'ECR repository policy allows any principal',
    'high',
    ['AWS::ECR::Repository'],
    doc({
      what: `An \`AWS::ECR::Repository\` whose \`RepositoryPolicyText\` has an \`Allow\` statement for \`Principal: "*"\` (or \`{AWS: "*"}\`) without a \`Condition\`. Policies written as JSON strings are read too.`,
      why: `Anyone with an AWS account can then pull (or, with push actions, overwrite) the images: leaked code and secrets baked into layers, or a poisoned image deployed by your own services.`,
      example: `Repo:
  Type: AWS::ECR::Repository
  Properties:
    RepositoryPolicyText:
      Statement:
        - Effect: Allow
          Principal: "*"
          Action: ecr:BatchGetImage`,
      fix: `Name the accounts or roles that pull the images, or add a condition such as \`aws:PrincipalOrgID\`.`,
      refs: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html'],
    }),
    'Name the principals explicitly or add a restricting Condition.',
  ),
  check: cloudCheck(ecrPublicPolicy, ['ecr-public-policy']),
};
export default rule;
