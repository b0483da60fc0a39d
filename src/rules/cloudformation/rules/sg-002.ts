import type { CfnRule } from '../rule.js';
import { doc, meta, openPortsCheck } from '../util.js';

export const DATA_PORTS: ReadonlyArray<[number, string]> = [
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [27017, 'MongoDB'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch transport'],
  [5601, 'Kibana'],
  [11211, 'Memcached'],
  [2379, 'etcd'],
  [2380, 'etcd peer'],
  [5439, 'Redshift'],
  [9042, 'Cassandra'],
  [5984, 'CouchDB'],
  [8086, 'InfluxDB'],
  [7474, 'Neo4j'],
  [5672, 'AMQP'],
  [9092, 'Kafka'],
];

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-002',
    'Security group exposes a database or cache port to the whole internet',
    'high',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    doc({
      what: `Ingress from \`0.0.0.0/0\` or \`::/0\` whose port range includes a database, cache or search port: ${DATA_PORTS.map(([p, n]) => `${p} (${n})`).join(', ')}.`,
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
  check: openPortsCheck(DATA_PORTS),
};
export default rule;
