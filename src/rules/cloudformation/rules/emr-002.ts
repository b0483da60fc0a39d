import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { emrEncryption } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EMR-002',
    'EMR cluster has no security configuration',
    'medium',
    ['AWS::EMR::Cluster'],
    doc({
      what: `An \`AWS::EMR::Cluster\` without \`SecurityConfiguration\`.`,
      why: `Without one, EMR encrypts neither data at rest (EBS, local disks, EMRFS) nor data in transit between nodes.`,
      example: `Cluster:
  Type: AWS::EMR::Cluster
  Properties:
    Name: etl`,
      fix: `Create an \`AWS::EMR::SecurityConfiguration\` with at-rest and in-transit encryption and reference it.`,
      refs: ['https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-security-configurations.html'],
    }),
    'Set SecurityConfiguration.',
  ),
  check: cloudCheck(emrEncryption, ['emr-no-security-configuration']),
};
export default rule;
