import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { securityGroupCheck } from '../../../cloud/checks/security-group.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-007',
    'Security group is created in the default VPC',
    'low',
    ['AWS::EC2::SecurityGroup'],
    doc({
      what: "An `AWS::EC2::SecurityGroup` without `VpcId`, which CloudFormation creates in the account's default VPC.",
      why: 'The default VPC has public subnets with public IPs on launch and an internet gateway in every Availability Zone; workloads placed there are internet-facing unless someone remembers otherwise.',
      example: `AppSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app`,
      fix: 'Create the group in a purpose-built VPC by setting `VpcId`.',
      fixed: `AppSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: app
    VpcId: !Ref Vpc`,
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html'],
    }),
    'Set VpcId so the group is not created in the default VPC.',
  ),
  check: cloudCheck(securityGroupCheck, ['default-vpc']),
};
export default rule;
