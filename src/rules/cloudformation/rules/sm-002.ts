import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { sagemakerKms } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SM-002',
    'SageMaker storage is not encrypted with your KMS key',
    'medium',
    ['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::EndpointConfig'],
    doc({
      what: `An \`AWS::SageMaker::NotebookInstance\` or \`AWS::SageMaker::EndpointConfig\` without \`KmsKeyId\`.`,
      why: `The ML storage volume (notebooks, model artifacts, data copies) is then not encrypted with a key you control and audit.`,
      example: `Notebook:
  Type: AWS::SageMaker::NotebookInstance
  Properties:
    InstanceType: ml.t3.medium`,
      fix: `Set \`KmsKeyId\` to a customer managed key.`,
      refs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html'],
    }),
    'Set KmsKeyId.',
  ),
  check: cloudCheck(sagemakerKms, ['sagemaker-kms']),
};
export default rule;
