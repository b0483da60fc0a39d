import type { CfnRule } from '../rule.js';
import { doc, meta, openPortsCheck } from '../util.js';

export const REMOTE_PORTS: ReadonlyArray<[number, string]> = [
  [21, 'FTP'],
  [23, 'Telnet'],
  [135, 'MS RPC'],
  [137, 'NetBIOS'],
  [139, 'NetBIOS'],
  [445, 'SMB'],
  [2375, 'Docker API'],
  [2376, 'Docker API (TLS)'],
  [5900, 'VNC'],
  [5985, 'WinRM'],
  [5986, 'WinRM (TLS)'],
  [6443, 'Kubernetes API'],
  [10250, 'kubelet'],
];

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-006',
    'Security group exposes a remote-access or management service to the whole internet',
    'high',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: `Ingress from \`0.0.0.0/0\` or \`::/0\` including one of: ${REMOTE_PORTS.map(([p, n]) => `${p} (${n})`).join(', ')}.`,
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
  check: openPortsCheck(REMOTE_PORTS),
};
export default rule;
