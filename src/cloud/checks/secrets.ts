/**
 * Secret-valued properties: passwords, tokens and private keys that a resource type takes as a property. A literal
 * value (or a parameter Default) puts the secret in the repository; `{{resolve:ssm:…}}` reads a plain-text SSM
 * parameter (only `ssm-secure` and Secrets Manager keep it encrypted). Values that cannot be known (a parameter
 * without Default, GetAtt, other dynamic references) are fine here; the formats report parameters themselves.
 */
import type { CloudCheck, CloudFinding, CValue, Emit, CloudResource } from '../model.js';
import { asStr, get, isKnown, items, scalars } from '../values.js';

/**
 * Resource type → property paths (in the resource schema's names) that hold a secret. `[]` walks a list:
 * `Users[].Password`. Read from each type's CloudFormation resource reference.
 */
export const SECRET_PROPS: Readonly<Record<string, readonly string[]>> = {
  'AWS::RDS::DBInstance': ['MasterUserPassword'],
  'AWS::RDS::DBCluster': ['MasterUserPassword'],
  'AWS::Redshift::Cluster': ['MasterUserPassword'],
  'AWS::RedshiftServerless::Namespace': ['AdminUserPassword'],
  'AWS::DocDB::DBCluster': ['MasterUserPassword'],
  'AWS::DocDBElastic::Cluster': ['AdminUserPassword'],
  'AWS::Neptune::DBCluster': ['MasterUserPassword'],
  'AWS::Lightsail::Database': ['MasterUserPassword'],
  'AWS::DMS::Endpoint': [
    'Password',
    'MongoDbSettings.Password',
    'OracleSettings.AsmPassword',
    'OracleSettings.SecurityDbEncryption',
  ],
  'AWS::DirectoryService::MicrosoftAD': ['Password'],
  'AWS::DirectoryService::SimpleAD': ['Password'],
  'AWS::OpenSearchService::Domain': ['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
  'AWS::Elasticsearch::Domain': ['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
  'AWS::ElastiCache::ReplicationGroup': ['AuthToken'],
  'AWS::ElastiCache::User': ['Passwords'],
  'AWS::AmazonMQ::Broker': ['Users[].Password'],
  'AWS::MemoryDB::User': ['AuthenticationMode.Passwords'],
  'AWS::Amplify::App': [
    'AccessToken',
    'OauthToken',
    'BasicAuthConfig.Password',
    'AutoBranchCreationConfig.BasicAuthConfig.Password',
  ],
  'AWS::Amplify::Branch': ['BasicAuthConfig.Password'],
  'Alexa::ASK::Skill': ['AuthenticationConfiguration.ClientSecret', 'AuthenticationConfiguration.RefreshToken'],
  'AWS::Pinpoint::APNSChannel': ['PrivateKey', 'TokenKey'],
  'AWS::Pinpoint::APNSSandboxChannel': ['PrivateKey', 'TokenKey'],
  'AWS::Pinpoint::APNSVoipChannel': ['PrivateKey', 'TokenKey'],
  'AWS::Pinpoint::APNSVoipSandboxChannel': ['PrivateKey', 'TokenKey'],
  'AWS::Pinpoint::GCMChannel': ['ApiKey'],
  'AWS::Pinpoint::BaiduChannel': ['ApiKey', 'SecretKey'],
  'AWS::Pinpoint::ADMChannel': ['ClientSecret'],
  'AWS::AppStream::DirectoryConfig': ['ServiceAccountCredentials.AccountPassword'],
  'AWS::CodePipeline::Webhook': ['AuthenticationConfiguration.SecretToken'],
  'AWS::CodeBuild::SourceCredential': ['Token'],
  'AWS::EMR::Cluster': [
    'KerberosAttributes.KdcAdminPassword',
    'KerberosAttributes.CrossRealmTrustPrincipalPassword',
    'KerberosAttributes.ADDomainJoinPassword',
  ],
  'AWS::KinesisFirehose::DeliveryStream': [
    'RedshiftDestinationConfiguration.Password',
    'SplunkDestinationConfiguration.HECToken',
    'HttpEndpointDestinationConfiguration.EndpointConfiguration.AccessKey',
  ],
  'AWS::Lambda::Permission': ['EventSourceToken'],
  'AWS::ManagedBlockchain::Member': [
    'MemberConfiguration.MemberFrameworkConfiguration.MemberFabricConfiguration.AdminPassword',
  ],
  'AWS::OpsWorks::App': ['AppSource.Password', 'SslConfiguration.PrivateKey'],
  'AWS::OpsWorks::Stack': ['CustomCookbooksSource.Password', 'RdsDbInstances[].DbPassword'],
  'AWS::DataSync::LocationSMB': ['Password'],
  'AWS::DataSync::LocationObjectStorage': ['SecretKey'],
  'AWS::Events::Connection': [
    'AuthParameters.BasicAuthParameters.Password',
    'AuthParameters.ApiKeyAuthParameters.ApiKeyValue',
    'AuthParameters.OAuthParameters.ClientParameters.ClientSecret',
  ],
  'AWS::QuickSight::DataSource': ['Credentials.CredentialPair.Password'],
  'AWS::Glue::Connection': ['ConnectionInput.ConnectionProperties.PASSWORD'],
  'AWS::SecretsManager::Secret': ['SecretString'],
  'AWS::IAM::User': ['LoginProfile.Password'],
};

/** Every value at `path` (`A[].B` walks the list A), with alternatives expanded. */
export function valuesAt(props: CValue, path: string): CValue[] {
  const [head, ...rest] = path.split('[].');
  let cur: CValue[] = [get(props, head!)].filter((v): v is CValue => v !== undefined);
  for (const part of rest)
    cur = cur.flatMap((v) =>
      items(v)
        .map((it) => get(it, part))
        .filter((x): x is CValue => x !== undefined),
    );
  return cur;
}

/** The property's own name, for messages (`Users[].Password` → `Password`). */
function leaf(path: string): string {
  return path.split(/\.|\[\]\./).pop()!;
}

/** A type name written where the value belongs (a skeleton copied from the resource reference: `SecretString: String`). */
const TYPE_NAME =
  /^(?:String|Number|Integer|Boolean|Json|Object|List|Array|Map|SecureString|StringList|CommaDelimitedList|Timestamp)$/i;

/** Values that stand for a secret to be filled in: `changeme`, `<password>`, `${DB_PASSWORD}`, `xxxx`, `TODO`. */
const PLACEHOLDER =
  /^(?:change[-_]?me|replace[-_]?me|todo|tbd|none|null|placeholder|example|dummy|test|redacted|secret|password|x{3,}|\*+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\})$/i;

/**
 * Is a literal in a secret's place not a secret? `type-name`: the property's type written as its value (nothing to
 * leak); `placeholder`: a stand-in that deploys as a weak, well-known password. Anything else may be a real secret.
 */
export function placeholderSecret(value: string): 'type-name' | 'placeholder' | undefined {
  const v = value.trim();
  if (TYPE_NAME.test(v)) return 'type-name';
  if (PLACEHOLDER.test(v)) return 'placeholder';
  return undefined;
}

/** JSON keys of a secret's fields that hold the secret itself (as opposed to the username, host or port beside it). */
const SECRET_FIELD = /pass|pwd|secret|token|key|credential|auth/i;
/** Fields that describe a secret and are not one (Secrets Manager's RDS secret structure: username, host, port…). */
const DESCRIPTIVE_FIELD =
  /^(?:user(?:name)?|login|host(?:name)?|port|engine|db ?name|database|dbname|dbInstanceIdentifier|dbClusterIdentifier|proxies|masterarn|endpoint|url|region|account(?:id)?)$/i;

/**
 * A JSON SecretString judged by its fields: `none` when it holds no secret (`{"username":"admin","password":""}`,
 * built from a username parameter and an empty default, or a username alone); `placeholder` when every secret field
 * is a stand-in; undefined when a secret field has a value, or the text is not a JSON object.
 */
export function jsonSecret(text: string): 'none' | 'placeholder' | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return undefined;
  let placeholders = 0;
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (SECRET_FIELD.test(k)) {
      if (v === null || v === '') continue;
      if (typeof v === 'string' && placeholderSecret(v)) {
        placeholders++;
        continue;
      }
      return undefined;
    }
    if (!DESCRIPTIVE_FIELD.test(k)) return undefined;
  }
  return placeholders ? 'placeholder' : 'none';
}

/** A dynamic reference to a plain-text SSM parameter (`{{resolve:ssm:…}}`, not `ssm-secure`). */
export function isPlainSsm(raw: string | undefined): boolean {
  return raw !== undefined && /\{\{resolve:ssm:/.test(raw);
}

export const secretProps: CloudCheck = {
  name: 'secret-props',
  kinds: Object.keys(SECRET_PROPS),
  codes: {
    'secret-literal': 'a secret property has a literal value (or a parameter Default)',
    'secret-ssm-plaintext': 'a secret property reads a plain-text SSM parameter',
    'secret-from-parameter': 'a secret property takes a parameter (the format checks the parameter is NoEcho)',
  },
  run(r: CloudResource, emit: Emit) {
    for (const path of SECRET_PROPS[r.kind] ?? []) {
      for (const v of valuesAt(r.props, path)) {
        for (const s of scalars(v)) {
          const base: Omit<CloudFinding, 'code' | 'message'> = { resource: r, at: s.at, detail: path };
          if (isKnown(s)) {
            const text = asStr(s) ?? '';
            if (text.length === 0) continue;
            let ph = placeholderSecret(text);
            if (ph === 'type-name') continue;
            if (r.kind === 'AWS::SecretsManager::Secret' && path === 'SecretString') {
              const j = jsonSecret(text);
              if (j === 'none') continue;
              if (j === 'placeholder') ph = 'placeholder';
            }
            emit({
              ...base,
              code: 'secret-literal',
              ...(ph
                ? {
                    message: `${r.name} has a placeholder ${leaf(path)}: it deploys as a well-known password; use a dynamic reference`,
                    severity: 'low' as const,
                  }
                : { message: `${r.name} has a literal ${leaf(path)}`, secret: !s.why }),
              why: s.why,
            });
          } else if (isPlainSsm(s.raw)) {
            emit({
              ...base,
              code: 'secret-ssm-plaintext',
              message: `${r.name} reads ${leaf(path)} from a plain-text SSM parameter ({{resolve:ssm:…}}); use ssm-secure or Secrets Manager`,
            });
          }
          if (s.ref) emit({ ...base, code: 'secret-from-parameter', message: s.ref, detail: s.ref });
        }
      }
    }
  },
};
