import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { emrNoVpc } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EMR-001',
    'EMR cluster is not launched in a VPC subnet',
    'medium',
    ['AWS::EMR::Cluster'],
    doc({
      what: `An \`AWS::EMR::Cluster\` whose \`Instances\` set neither \`Ec2SubnetId\` nor \`Ec2SubnetIds\`.`,
      why: `Without a subnet the cluster lands in the default VPC's public subnets, with public IPs on its master node, instead of behind your network controls.`,
      example: `Cluster:
  Type: AWS::EMR::Cluster
  Properties:
    Instances:
      MasterInstanceGroup: {InstanceCount: 1, InstanceType: m5.xlarge}`,
      fix: `Set \`Instances.Ec2SubnetId\` to a private subnet.`,
      refs: ['https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html'],
    }),
    'Set Instances.Ec2SubnetId to a private subnet.',
  ),
  check: cloudCheck(emrNoVpc, ['emr-no-vpc']),
};
export default rule;
