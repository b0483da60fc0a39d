import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { ec2DefaultSecurityGroup } from '../../../cloud/checks/aws-exposure.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EC2-009',
    'Instance is placed in the default security group',
    'medium',
    ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
    doc({
      what: 'An `AWS::EC2::Instance` or `AWS::AutoScaling::LaunchConfiguration` whose `SecurityGroups` (names), or an `AWS::EC2::LaunchTemplate` whose `LaunchTemplateData.SecurityGroups`, names the group `default`. (The Ansible twin is part of ANS-AWS-008.)',
      why: "Every VPC's default security group lets all of its members reach each other on every port, and anything launched without a group lands in it too: an instance placed there can be reached by unrelated workloads, and rules added to it for one instance open all of them. AWS recommends leaving the default group unused (Security Hub EC2.2).",
      example: `Web:
  Type: AWS::EC2::Instance
  Properties:
    ImageId: ami-0abcdef1234567890
    InstanceType: t3.micro
    SecurityGroups: [default]`,
      fix: 'Create a security group for the workload with only the rules it needs and use it (by name in a default VPC, or `SecurityGroupIds: [!Ref WebSG]`).',
      fixed: `    SecurityGroups: [web-servers]`,
      refs: [
        'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2',
      ],
    }),
    'Use a security group of its own with only the rules the workload needs.',
  ),
  check: cloudCheck(ec2DefaultSecurityGroup, ['ec2-default-sg']),
};
export default rule;
