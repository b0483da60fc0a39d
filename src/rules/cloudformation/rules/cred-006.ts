import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { SECRET_PROPS, secretProps } from '../../../cloud/checks/secrets.js';

/** IAM users' login passwords are CFN-CRED-003's. */
const KINDS = Object.keys(SECRET_PROPS).filter((k) => k !== 'AWS::IAM::User');

const PROPS = [...new Set(KINDS.flatMap((k) => SECRET_PROPS[k]!).map((p) => p.split(/\.|\[\]\./).pop()!))].sort();

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-006',
    'Password, token or key property has a literal value',
    'critical',
    KINDS,
    doc({
      what: `A property that holds a password, token or private key (${PROPS.join(', ')}; ${KINDS.length} resource types) whose value is a literal string, or a \`!Ref\` to a parameter that supplies it through a Default. Dynamic references (\`{{resolve:secretsmanager:…}}\`, \`{{resolve:ssm-secure:…}}\`), \`ManageMasterUserPassword\`, and \`!Ref\` to a parameter without a Default are fine. A type name in the value's place (\`SecretString: String\`, a skeleton copied from the reference) is not a secret and is not reported; an obvious placeholder (\`changeme\`, \`<password>\`, \`xxxx\`) is reported at low, since it deploys as a well-known password. A JSON \`SecretString\` is judged by its fields (Secrets Manager's database secret structure: \`username\`, \`password\`, \`engine\`, \`host\`, \`port\`, \`dbname\`): one whose secret fields are empty (built from a username parameter and an empty password default) holds no secret and is not reported.`,
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
        'https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_secret_json_structure.html',
      ],
    }),
    'Use a {{resolve:secretsmanager:…}} dynamic reference or a managed password.',
  ),
  check: cloudCheck(secretProps, ['secret-literal'], KINDS),
};
export default rule;
