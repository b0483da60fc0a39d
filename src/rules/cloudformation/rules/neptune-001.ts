import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { neptuneIamAuth } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-NEPTUNE-001',
    'Neptune IAM authentication is off',
    'low',
    ['AWS::Neptune::DBCluster'],
    doc({
      what: `An \`AWS::Neptune::DBCluster\` without \`IamAuthEnabled: true\`.`,
      why: `Without IAM authentication anyone who reaches the cluster endpoint inside the VPC can query and change the graph; IAM (SigV4) ties every request to a role.`,
      example: `Graph:
  Type: AWS::Neptune::DBCluster
  Properties:
    StorageEncrypted: true`,
      fix: `Set \`IamAuthEnabled: true\`.`,
      refs: ['https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html'],
    }),
    'Set IamAuthEnabled: true.',
  ),
  check: cloudCheck(neptuneIamAuth, ['neptune-iam-auth-off']),
};
export default rule;
