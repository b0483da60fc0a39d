import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { rdsClassicIngress } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-RDS-004',
    'Classic DB security group is open to the internet or a wide range',
    'high',
    ['AWS::RDS::DBSecurityGroup', 'AWS::RDS::DBSecurityGroupIngress'],
    doc({
      what: `\`AWS::RDS::DBSecurityGroup\` ingress (inline \`DBSecurityGroupIngress\` or standalone \`AWS::RDS::DBSecurityGroupIngress\`) whose \`CIDRIP\` is the whole internet (any /0) or a public range wider than /8.`,
      why: `The database port is then reachable from the internet (or a large part of it), exposing it to credential stuffing and exploits.`,
      example: `DbSg:
  Type: AWS::RDS::DBSecurityGroup
  Properties:
    GroupDescription: db
    DBSecurityGroupIngress:
      - CIDRIP: 0.0.0.0/0`,
      fix: `Allow only the application's security group (\`EC2SecurityGroupId\`) or a narrow private range; better, move to VPC security groups.`,
      refs: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html'],
    }),
    'Allow only the application security group or a narrow private range.',
  ),
  check: cloudCheck(rdsClassicIngress, ['rds-classic-ingress']),
};
export default rule;
