import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { securityGroupCheck } from '../../../cloud/checks/security-group.js';
import { ADMIN_PORTS } from '../../../cloud/constants.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-001',
    'Security group allows SSH or RDP from the whole internet',
    'high',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: `Ingress rules (inline \`SecurityGroupIngress\` items and standalone \`AWS::EC2::SecurityGroupIngress\`) whose \`CidrIp\`/\`CidrIpv6\` is any CIDR covering the whole internet (\`0.0.0.0/0\`, \`::/0\`, and every other /0 spelling such as \`0000::/0\` or \`10.0.0.0/0\`) and whose port range includes ${ADMIN_PORTS.map(([p, n]) => `${p} (${n})`).join(' or ')}. A \`!Ref\` to a parameter whose Default is open counts; a parameter without a Default does not.`,
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
  check: cloudCheck(securityGroupCheck, ['ingress-admin']),
};
export default rule;
