import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { ecsEfsTransit } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ECS-001',
    'ECS task mounts an EFS volume without TLS',
    'medium',
    ['AWS::ECS::TaskDefinition'],
    doc({
      what: `An \`AWS::ECS::TaskDefinition\` volume with \`EFSVolumeConfiguration\` whose \`TransitEncryption\` is left out (default DISABLED) or \`DISABLED\`.`,
      why: `NFS traffic between the task and EFS is then unencrypted inside the VPC.`,
      example: `Task:
  Type: AWS::ECS::TaskDefinition
  Properties:
    Volumes:
      - Name: data
        EFSVolumeConfiguration: {FilesystemId: fs-1}`,
      fix: `Set \`TransitEncryption: ENABLED\` (and use an access point with IAM authorization).`,
      refs: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html'],
    }),
    'Set EFSVolumeConfiguration.TransitEncryption: ENABLED.',
  ),
  check: cloudCheck(ecsEfsTransit, ['ecs-efs-transit']),
};
export default rule;
