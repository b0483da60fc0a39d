import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { securityGroupCheck } from '../../../cloud/checks/security-group.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-001',
    title: 'Security group open to the internet on an administrative port',
    severity: 'critical',
    category: 'ansible',
    modules: ['ec2_security_group', 'ec2_group'],
    docs: doc({
      what: "Flags ec2_security_group (ec2_group, amazon.aws and short names) ingress `rules` that allow the whole internet (`0.0.0.0/0`, `::/0` or any other /0 spelling) on SSH, RDP, WinRM, database, cache, Docker API and similar administrative ports, or on all ports/protocols. It is the same check as CloudFormation's CFN-SG-001/002/003/006, with the same port lists; Jinja values are unknown and never reported.",
      why: 'Administrative services open to the whole internet are scanned within minutes and brute-forced or exploited.',
      bad: '- amazon.aws.ec2_security_group:\n    name: web\n    description: web\n    rules:\n      - proto: tcp\n        ports: [22]\n        cidr_ip: 0.0.0.0/0',
      good: '- amazon.aws.ec2_security_group:\n    name: web\n    description: web\n    rules:\n      - proto: tcp\n        ports: [22]\n        cidr_ip: 10.20.0.0/16',
      refs: [
        'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13',
        'CIS AWS Foundations 5.2',
      ],
    }),
    remediation: 'Restrict the rule to a VPN/bastion CIDR, or use SSM Session Manager instead of open SSH/RDP.',
  },
  // The same check as CFN-SG-001/002/003/006, on the task normalised to AWS::EC2::SecurityGroup.
  check: cloudCheck(securityGroupCheck, ['ingress-admin', 'ingress-data', 'ingress-remote', 'ingress-all']),
};
export default rule;
