import type { CfnRule } from '../rule.js';
import { doc, meta, openPortsCheck } from '../util.js';

export const ADMIN_PORTS: ReadonlyArray<[number, string]> = [
  [22, 'SSH'],
  [3389, 'RDP'],
];

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-001',
    'Security group allows SSH or RDP from the whole internet',
    'high',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: 'Ingress rules (inline `SecurityGroupIngress` items and standalone `AWS::EC2::SecurityGroupIngress`) whose `CidrIp` is `0.0.0.0/0` or `CidrIpv6` is `::/0` and whose port range includes 22 (SSH) or 3389 (RDP). A `!Ref` to a parameter whose Default is open counts; a parameter without a Default does not.',
      why: 'Remote administration ports open to the internet are scanned and brute-forced within minutes of exposure, and a single weak or leaked credential gives an attacker a shell.',
      example: `BastionSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: ssh
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 22
        ToPort: 22
        CidrIp: 0.0.0.0/0`,
      fix: 'Restrict the source to your bastion or VPN range (or a prefix list), or use SSM Session Manager and close the port entirely.',
      fixed: `      - IpProtocol: tcp
        FromPort: 22
        ToPort: 22
        CidrIp: 10.20.0.0/16`,
      refs: [
        'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13',
        'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html',
      ],
    }),
    'Restrict SSH/RDP to a bastion or VPN CIDR, or use SSM Session Manager.',
  ),
  check: openPortsCheck(ADMIN_PORTS),
};
export default rule;
