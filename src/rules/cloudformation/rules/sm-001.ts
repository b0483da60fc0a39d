import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { sagemakerInternet } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SM-001',
    'SageMaker notebook has direct internet access',
    'medium',
    ['AWS::SageMaker::NotebookInstance'],
    doc({
      what: `An \`AWS::SageMaker::NotebookInstance\` without a \`SubnetId\` (always internet-facing), or in a subnet with \`DirectInternetAccess\` left out (it defaults to \`Enabled\`) or set to \`Enabled\`.`,
      why: `Notebooks hold data-science credentials and data; direct internet access lets code in them send data anywhere, bypassing the VPC's egress controls.`,
      example: `Notebook:
  Type: AWS::SageMaker::NotebookInstance
  Properties:
    InstanceType: ml.t3.medium
    RoleArn: !GetAtt Role.Arn`,
      fix: `Place the notebook in a private subnet (\`SubnetId\`, \`SecurityGroupIds\`) and set \`DirectInternetAccess: Disabled\`.`,
      refs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html'],
    }),
    'Set SubnetId and DirectInternetAccess: Disabled.',
  ),
  check: cloudCheck(sagemakerInternet, ['sagemaker-internet']),
};
export default rule;
