import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { securityGroupCheck } from '../../../cloud/checks/security-group.js';
import { REMOTE_PORTS } from '../../../cloud/constants.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-006',
    'Security group exposes a remote-access or management service to the whole internet',
    'high',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: `Ingress from any CIDR covering the whole internet (\`0.0.0.0/0\`, \`::/0\`, and every other /0 spelling such as \`0000::/0\` or \`10.0.0.0/0\`) including one of: ${REMOTE_PORTS.map(([p, n]) => `${p} (${n})`).join(', ')}.`,
      why: 'These protocols are either unencrypted (FTP, Telnet), frequently exploited (SMB, RPC) or give full control of the host or cluster (Docker, kubelet, WinRM).',
      example: `WinSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: win
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 445
        ToPort: 445
        CidrIp: 0.0.0.0/0`,
      fix: 'Restrict the source to a management network or VPN, or remove the rule.',
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html'],
    }),
    'Restrict management ports to a management network or VPN.',
  ),
  check: cloudCheck(securityGroupCheck, ['ingress-remote']),
};
export default rule;
