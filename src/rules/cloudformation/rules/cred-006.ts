import type { Node } from 'yaml';
import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

/** Resource type → password property paths (under Properties). */
export const PASSWORD_PROPS: Record<string, string[]> = {
  'AWS::RDS::DBInstance': ['MasterUserPassword'],
  'AWS::RDS::DBCluster': ['MasterUserPassword'],
  'AWS::Redshift::Cluster': ['MasterUserPassword'],
  'AWS::DocDB::DBCluster': ['MasterUserPassword'],
  'AWS::Neptune::DBCluster': ['MasterUserPassword'],
  'AWS::DMS::Endpoint': ['Password'],
  'AWS::DirectoryService::MicrosoftAD': ['Password'],
  'AWS::DirectoryService::SimpleAD': ['Password'],
  'AWS::OpenSearchService::Domain': ['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
  'AWS::Elasticsearch::Domain': ['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
  'AWS::ElastiCache::ReplicationGroup': ['AuthToken'],
  'AWS::ElastiCache::User': ['Passwords'],
  'AWS::AmazonMQ::Broker': ['Users[].Password'],
  'AWS::MemoryDB::User': ['AuthenticationMode.Passwords'],
};

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-006',
    'Password property has a literal value',
    'critical',
    Object.keys(PASSWORD_PROPS),
    doc({
      what: `A password property (${[...new Set(Object.values(PASSWORD_PROPS).flat())].join(', ')}) whose value is a literal string, or a \`!Ref\` to a parameter that supplies it through a Default. Dynamic references (\`{{resolve:secretsmanager:…}}\`, \`{{resolve:ssm-secure:…}}\`), \`ManageMasterUserPassword\`, and \`!Ref\` to a parameter without a Default are fine.`,
      why: 'A password in the template is in version control, in every copy of the repository, and visible to anyone who can read the stack template.',
      example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    MasterUsername: app
    MasterUserPassword: Sup3rSecretPassw0rd!`,
      fix: 'Use `ManageMasterUserPassword: true` (RDS), or a dynamic reference to Secrets Manager.',
      fixed: `    MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html',
        'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html',
      ],
    }),
    'Use a {{resolve:secretsmanager:…}} dynamic reference or a managed password.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      for (const path of PASSWORD_PROPS[r.type] ?? []) {
        let nodes: Array<Node | undefined>;
        if (path.includes('[].')) {
          const [list, prop] = path.split('[].') as [string, string];
          nodes = t.items(t.at(r.props, list)).map((u) => t.get(u, prop));
        } else nodes = [t.at(r.props, path)];
        for (const n of nodes) {
          if (!n) continue;
          for (const item of t.items(n)) {
            const v = findVal(t.values(item), (x) => (strVal(x) ?? '').length > 0);
            if (v)
              ctx.report(r, item, `${r.id} has a literal ${path.split('.').pop()!.replace('[]', '')}`, {
                why: v.why,
                secret: !v.why,
              });
          }
        }
      }
    }
  },
};
export default rule;
