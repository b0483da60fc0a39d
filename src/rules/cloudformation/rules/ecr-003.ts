import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { ecrMutableTags } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ECR-003',
    'ECR image tags can be overwritten',
    'low',
    ['AWS::ECR::Repository'],
    doc({
      what: `An \`AWS::ECR::Repository\` whose \`ImageTagMutability\` is \`MUTABLE\` or left out (the default).`,
      why: `Anyone who can push can silently replace the image behind a tag that production deploys.`,
      example: `Repo:
  Type: AWS::ECR::Repository
  Properties:
    RepositoryName: web`,
      fix: `Set \`ImageTagMutability: IMMUTABLE\`.`,
      refs: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html'],
    }),
    'Set ImageTagMutability: IMMUTABLE.',
  ),
  check: cloudCheck(ecrMutableTags, ['ecr-mutable-tags']),
};
export default rule;
