import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { ec2InstanceExposure } from '../../../cloud/checks/aws-exposure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-008',
    title: 'EC2 instance with a public IP, outside a VPC or in the default security group',
    severity: 'medium',
    category: 'ansible',
    modules: ['ec2_instance', 'ec2'],
    docs: doc({
      what: 'Flags ec2_instance (`network.assign_public_ip`, `network_interfaces[].assign_public_ip`) and legacy ec2 (`assign_public_ip`) instances that get a public IP; instances with no `vpc_subnet_id` (default VPC or EC2-Classic; low); and instances in the `default` security group (`security_group(s)`, legacy `group`).',
      why: 'A public address puts the instance on the internet, where only its security group stands between it and every scanner; the default VPC and default security group are shared by everything launched without thought.',
      bad: '- amazon.aws.ec2_instance:\n    name: app\n    image_id: ami-0abcdef1234567890\n    security_group: default\n    network:\n      assign_public_ip: true',
      good: '- amazon.aws.ec2_instance:\n    name: app\n    image_id: ami-0abcdef1234567890\n    vpc_subnet_id: subnet-0123456789abcdef0\n    security_group: app-sg\n    network:\n      assign_public_ip: false',
      refs: [
        'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9',
        'CIS AWS Foundations 5.4',
      ],
    }),
    remediation:
      'Launch into a private subnet of your VPC with a dedicated security group; reach it through a load balancer, bastion or SSM.',
  },
  check: cloudCheck(ec2InstanceExposure, ['instance-public-ip', 'instance-no-vpc', 'instance-default-sg']),
};
export default rule;
