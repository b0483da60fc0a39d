import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { workspacesVolumes } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-WS-001',
    'WorkSpaces volumes are not encrypted',
    'medium',
    ['AWS::WorkSpaces::Workspace'],
    doc({
      what: `An \`AWS::WorkSpaces::Workspace\` without \`RootVolumeEncryptionEnabled: true\` and \`UserVolumeEncryptionEnabled: true\`.`,
      why: `Desktop volumes hold users' files, browser profiles and cached credentials.`,
      example: `Desk:
  Type: AWS::WorkSpaces::Workspace
  Properties:
    BundleId: wsb-1
    DirectoryId: d-1
    UserName: alice`,
      fix: `Set both flags to true with a \`VolumeEncryptionKey\`.`,
      refs: ['https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html'],
    }),
    'Set RootVolumeEncryptionEnabled and UserVolumeEncryptionEnabled to true.',
  ),
  check: cloudCheck(workspacesVolumes, ['workspaces-volumes']),
};
export default rule;
