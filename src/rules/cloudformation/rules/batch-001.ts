import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { batchPrivileged } from '../../../cloud/checks/identity.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-BATCH-001',
    'Batch job runs a privileged container',
    'high',
    ['AWS::Batch::JobDefinition'],
    doc({
      what: `An \`AWS::Batch::JobDefinition\` with \`ContainerProperties.Privileged: true\`.`,
      why: `A privileged container is root on the host: it can read other jobs' data and credentials and escape the container.`,
      example: `Job:
  Type: AWS::Batch::JobDefinition
  Properties:
    Type: container
    ContainerProperties:
      Image: busybox
      Privileged: true`,
      fix: `Remove \`Privileged\` (or set it to false); grant specific Linux capabilities if really needed.`,
      refs: ['https://docs.aws.amazon.com/batch/latest/userguide/job_definition_parameters.html'],
    }),
    'Set ContainerProperties.Privileged: false.',
  ),
  check: cloudCheck(batchPrivileged, ['batch-privileged']),
};
export default rule;
