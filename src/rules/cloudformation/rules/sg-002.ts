import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { securityGroupCheck } from '../../../cloud/checks/security-group.js';
import { DATA_PORTS } from '../../../cloud/constants.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-002',
    'Security group exposes a database or cache port to the whole internet',
    'high',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: `Ingress from any CIDR covering the whole internet (\`0.0.0.0/0\`, \`::/0\`, and every other /0 spelling such as \`0000::/0\` or \`10.0.0.0/0\`) whose port range includes a database, cache or search port: ${DATA_PORTS.map(([p, n]) => `${p} (${n})`).join(', ')}.`,
      why: 'Data stores exposed to the internet are found by automated scanners and routinely ransomed or dumped; many (Redis, Memcached, Elasticsearch) have no authentication by default.',
      example: `DbSG:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: db
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 5432
        ToPort: 5432
        CidrIp: 0.0.0.0/0`,
      fix: 'Allow the port only from the application tier: use `SourceSecurityGroupId` instead of a CIDR, or a private VPC range.',
      fixed: `      - IpProtocol: tcp
        FromPort: 5432
        ToPort: 5432
        SourceSecurityGroupId: !Ref AppSG`,
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html'],
    }),
    'Allow database ports only from the application security group, never from 0.0.0.0/0.',
  ),
  check: cloudCheck(securityGroupCheck, ['ingress-data']),
};
export default rule;
