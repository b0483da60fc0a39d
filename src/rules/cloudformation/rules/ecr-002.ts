import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { ecrScanOnPush } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ECR-002',
    'ECR repository does not scan images on push',
    'low',
    ['AWS::ECR::Repository'],
    doc({
      what: `An \`AWS::ECR::Repository\` without \`ImageScanningConfiguration.ScanOnPush: true\`.`,
      why: `Images with known vulnerabilities are deployed without anyone being told.`,
      example: `Repo:
  Type: AWS::ECR::Repository
  Properties:
    RepositoryName: web`,
      fix: `Set \`ImageScanningConfiguration: {ScanOnPush: true}\` (or enable enhanced scanning in the registry).`,
      refs: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html'],
    }),
    'Set ImageScanningConfiguration.ScanOnPush: true.',
  ),
  check: cloudCheck(ecrScanOnPush, ['ecr-scan-on-push']),
};
export default rule;
