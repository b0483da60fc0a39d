import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { securityGroupCheck } from '../../../cloud/checks/security-group.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-032',
    title: 'Security group opens a port range to the whole internet',
    severity: 'medium',
    category: 'ansible',
    modules: ['ec2_security_group', 'ec2_group'],
    docs: doc({
      what: 'Flags ec2_security_group (ec2_group) ingress `rules` that allow the whole internet (`0.0.0.0/0`, `::/0` or any other /0 spelling) over a range of more than one port (`from_port`/`to_port`, or `ports: ["8000-8100"]`) that does not already include an administrative or database port (ANS-AWS-001 reports those, and all ports). A single port such as 443 open to the world is normal for a public endpoint and is not reported. The same check as CFN-SG-004.',
      why: 'A range exposes every service that ever listens on one of its ports — debug servers, metrics endpoints, ephemeral admin tools — without anyone deciding to publish them.',
      bad: '- amazon.aws.ec2_security_group:\n    name: app\n    description: app servers\n    vpc_id: vpc-0a1b2c3d\n    rules:\n      - proto: tcp\n        from_port: 30000\n        to_port: 30100\n        cidr_ip: 0.0.0.0/0',
      good: '- amazon.aws.ec2_security_group:\n    name: app\n    description: app servers\n    vpc_id: vpc-0a1b2c3d\n    rules:\n      - proto: tcp\n        ports: [443]\n        cidr_ip: 0.0.0.0/0\n      - proto: tcp\n        from_port: 8000\n        to_port: 8999\n        cidr_ip: 10.20.0.0/16',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/amazon/aws/ec2_security_group_module.html',
        'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      ],
    }),
    remediation: 'Open only the ports the service publishes, or restrict the range to the networks that need it.',
  },
  // The same check as CFN-SG-004, on the task normalised to AWS::EC2::SecurityGroup.
  check: cloudCheck(securityGroupCheck, ['ingress-range']),
};
export default rule;
