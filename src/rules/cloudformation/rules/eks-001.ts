import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { eksNodeSsh } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EKS-001',
    'EKS node group allows SSH from anywhere',
    'high',
    ['AWS::EKS::Nodegroup'],
    doc({
      what: `An \`AWS::EKS::Nodegroup\` with \`RemoteAccess\` (an SSH key) but no \`SourceSecurityGroups\`: EKS then opens port 22 on the nodes to \`0.0.0.0/0\`.`,
      why: `Every worker node accepts SSH from the internet; one leaked key or weak sshd setting gives a foothold on nodes that hold every pod's credentials.`,
      example: `Nodes:
  Type: AWS::EKS::Nodegroup
  Properties:
    RemoteAccess:
      Ec2SshKey: ops`,
      fix: `Add \`SourceSecurityGroups\` naming your bastion or VPN group, or drop \`RemoteAccess\` and use SSM Session Manager.`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-nodegroup-remoteaccess.html',
      ],
    }),
    'Set RemoteAccess.SourceSecurityGroups, or remove RemoteAccess.',
  ),
  check: cloudCheck(eksNodeSsh, ['eks-node-ssh']),
};
export default rule;
