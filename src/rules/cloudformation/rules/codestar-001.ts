import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { codestarPrivate } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CODESTAR-001',
    'CodeStar creates a public GitHub repository',
    'medium',
    ['AWS::CodeStar::GitHubRepository'],
    doc({
      what: `An \`AWS::CodeStar::GitHubRepository\` without \`IsPrivate: true\`.`,
      why: `Code pushed to a public repository (and every secret ever committed to it) is visible to everyone.`,
      example: `Repo:
  Type: AWS::CodeStar::GitHubRepository
  Properties:
    RepositoryName: app
    RepositoryOwner: acme`,
      fix: `Set \`IsPrivate: true\`.`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codestar-githubrepository.html',
      ],
    }),
    'Set IsPrivate: true.',
  ),
  check: cloudCheck(codestarPrivate, ['codestar-public-repo']),
};
export default rule;
