/**
 * The rules with an automatic fix (`hookguard fix`), as data: small enough for the hook to name the fix command without
 * loading the fixer (src/fix/index.ts) or the YAML parser.
 */
export type Value = boolean | string | number | Value[] | { [k: string]: Value };

/**
 * A template parameter a fix introduces where the right value is the team's decision (which network may reach a port,
 * which KMS key): no Default, a Description that names the decision; the user sets it when deploying.
 */
export interface ParamSpec {
  name: string;
  description: string;
  /** For a world IPv6 CIDR (`::/0`): the parameter to use instead. */
  ipv6?: { name: string; description: string };
  allowedPattern?: string;
  /** The values the team may choose between (`['true', 'false']` for a flag that is a per-environment decision). */
  allowedValues?: string[];
  /** The parameter's Type: `String` unless given (`Number` for a count of days, a list of values for a list). */
  type?: 'String' | 'Number' | 'CommaDelimitedList';
}

/** What a rule's fix does, declared as data. */
export type FixSpec =
  /**
   * Set `key` to `value` in the resource's Properties (`{id}` in a string: the logical id); `byType`: the key and
   * value per resource type where they differ; `param`: the parameter a `{ Ref: name }` in the value refers to.
   */
  | {
      kind: 'cfn-set';
      key: string;
      value: Value;
      what: string;
      byType?: Record<string, { key: string; value: Value }>;
      /** The value chosen by a property the resource writes literally (`EngineType`: `ACTIVEMQ` or `RABBITMQ`). */
      byProp?: { key: string; values: Record<string, Value> };
      param?: ParamSpec;
      /** The fix only adds a missing `key`: where it is written (but wrong), this is why it is left alone. */
      absentOnly?: string;
    }
  /**
   * Set `key` to `value` in the nested block that holds the finding (an `Ebs` mapping of a block device list, a method
   * setting): the innermost block at one of the resource type's `paths` (`List[]` for a list's items).
   */
  | {
      kind: 'cfn-set-in';
      key: string;
      value: Value;
      what: string;
      /** Per resource type; `''` is the resource's Properties. */
      paths: Record<string, string[]>;
      param?: ParamSpec;
      /** The value for this block (its plain data), where it depends on the block; `value` is then the usual one. */
      pick?: (block: Record<string, unknown>) => Value;
    }
  /**
   * Replace the literal value of `key` on the finding's line (in a nested block or a list item of the resource) when
   * `when` holds; with `orSet`, a finding without `key` on its line sets it in the resource's Properties.
   */
  | {
      kind: 'cfn-replace';
      key: string;
      value: string;
      when: (current: unknown) => boolean;
      what: string;
      /**
       * A finding without `key` on its line: `true` sets `key` in the resource's Properties; an object sets its key there
       * (on the resource types it names, else on all).
       */
      orSet?: boolean | { key: string; value: Value; types?: string[] };
      /** Where `key` is written, per resource type (`List[]` for a list's items): the tests check these paths. */
      paths: Record<string, string[]>;
    }
  /**
   * Set each `key` of the resource's Properties that is left out (or written empty) to `!Ref` of its new parameter; a
   * key written with a value is the team's and stays.
   */
  | { kind: 'cfn-set-refs'; refs: Array<{ key: string; param: ParamSpec }>; what: string }
  /**
   * A bucket's CORS origin `'*'` on the finding's line: removed from a list that also names origins, or the list that
   * holds only it replaced by `!Ref` of a new list parameter (the team's sites).
   */
  | { kind: 'cfn-cors-origin'; param: ParamSpec; what: string }
  /** Set `key` in the template parameter whose lines hold the finding. */
  | { kind: 'cfn-param-set'; key: string; value: Value; what: string }
  /** Append a statement denying plain-HTTP requests to the bucket policy's Statement list. */
  | { kind: 'cfn-deny-insecure'; what: string }
  /** Replace the world CIDR on the finding's line with `!Ref` of a new parameter. */
  | { kind: 'cfn-world-param'; param: ParamSpec; what: string }
  /** Set `key` to `!Ref` of a new parameter. */
  | { kind: 'cfn-set-param'; key: string; param: ParamSpec; what: string }
  /** Set the resource type's customer-key property (src/cloud/checks/kms.ts CMK_PROPS) to `!Ref` of a new parameter. */
  | { kind: 'cfn-kms-param'; param: ParamSpec; what: string }
  /** Replace the world CIDR on the finding's line with `"{{ variable }}"` and a comment naming the decision. */
  | { kind: 'ans-world-var'; variable: string; ipv6: string; decision: string; what: string }
  | { kind: 'ans-set'; key: string; value: Value; what: string; when?: (current: unknown) => boolean }
  | { kind: 'ans-task'; key: string; value: Value; what: string }
  /**
   * A module argument written wrong on the finding's line (at any depth of the module's arguments) set right: the
   * first of `sets` whose key is on that line and whose value `when` accepts. An argument left out, or set from a
   * variable, is left with a reason (it may be spelt by an alias, or be the team's on purpose).
   */
  | {
      kind: 'ans-args';
      sets: Array<{ key: string; value: Value; when: (current: unknown) => boolean }>;
      what: string;
      /**
       * An argument left out, added to the module's arguments with a fixed value where the rule reports its absence at
       * the task (its first line or its module's line): only on `modules` (short names), whose documentation lists
       * no alias of `key`, and never where `key` or one of `aliases` is written.
       */
      add?: {
        key: string;
        value: Value;
        modules: string[];
        aliases?: string[];
        /** The text written after `key: ` instead of `value` (a `"{{ variable }}"` and the comment that names it). */
        raw?: string;
      };
    };

const PAB: Value = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};

const CIDR4 = '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$';

/** A YAML true or false as Ansible reads it (`yes`, `True`, `on`…). */
const truthy = (v: unknown) => v === true || /^(?:yes|true|on|y)$/i.test(String(v));
const falsy = (v: unknown) => v === false || /^(?:no|false|off|n)$/i.test(String(v));

/** An open port's fix: a parameter for the network allowed to reach it. */
function networkParam(name: string, who: string): ParamSpec {
  return {
    name,
    description: `The network (CIDR) allowed to reach ${who}: the team's decision, never 0.0.0.0/0`,
    allowedPattern: CIDR4,
    ipv6: {
      name: `${name}Ipv6`,
      description: `The IPv6 network (CIDR) allowed to reach ${who}: the team's decision, never ::/0`,
    },
  };
}

/**
 * An access-log format both REST and HTTP APIs accept (JSON, one line per request); the variables are those the two
 * share in API Gateway's `$context` reference.
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  sourceIp: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
});
const ACCESS_LOG: Value = { DestinationArn: { Ref: 'ApiAccessLogGroupArn' }, Format: ACCESS_LOG_FORMAT };

/**
 * The team's KMS key: one parameter for every resource of the template that a fix points at a customer key (CFN-KMS-003
 * and the per-service key rules). Its key policy must let each of those services use it: the Description says so.
 */
const DATA_KMS_KEY: ParamSpec = {
  name: 'DataKmsKeyArn',
  description: "The ARN of the team's KMS key that encrypts data at rest in this template: the team's decision",
};

/** A resource's customer-key property set to `!Ref DataKmsKeyArn`. */
function kmsKeyFix(key: string, service: string): FixSpec {
  return {
    kind: 'cfn-set-param',
    key,
    param: DATA_KMS_KEY,
    what: `${key}: !Ref DataKmsKeyArn, a new parameter without default (the key is the team's decision; its key policy must let ${service} use it)`,
  };
}

/** The rules with an automatic fix, and the fix. */
export const FIXES: Record<string, FixSpec> = {
  'CFN-RDS-001': { kind: 'cfn-set', key: 'StorageEncrypted', value: true, what: 'StorageEncrypted: true' },
  'CFN-RDS-002': { kind: 'cfn-set', key: 'StorageEncrypted', value: true, what: 'StorageEncrypted: true' },
  'CFN-RDS-003': { kind: 'cfn-set', key: 'PubliclyAccessible', value: false, what: 'PubliclyAccessible: false' },
  'CFN-DOCDB-001': { kind: 'cfn-set', key: 'StorageEncrypted', value: true, what: 'StorageEncrypted: true' },
  'CFN-EC2-006': { kind: 'cfn-set', key: 'Encrypted', value: true, what: 'Encrypted: true' },
  'CFN-EFS-001': { kind: 'cfn-set', key: 'Encrypted', value: true, what: 'Encrypted: true' },
  'CFN-REDSHIFT-001': { kind: 'cfn-set', key: 'Encrypted', value: true, what: 'Encrypted: true' },
  'CFN-REDSHIFT-002': { kind: 'cfn-set', key: 'PubliclyAccessible', value: false, what: 'PubliclyAccessible: false' },
  'CFN-DMS-001': { kind: 'cfn-set', key: 'PubliclyAccessible', value: false, what: 'PubliclyAccessible: false' },
  'CFN-MQ-001': { kind: 'cfn-set', key: 'PubliclyAccessible', value: false, what: 'PubliclyAccessible: false' },
  'CFN-LOG-001': {
    kind: 'cfn-set',
    key: 'EnableLogFileValidation',
    value: true,
    what: 'EnableLogFileValidation: true',
  },
  'CFN-DDB-002': {
    kind: 'cfn-set',
    key: 'PointInTimeRecoverySpecification',
    value: { PointInTimeRecoveryEnabled: true },
    what: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true',
  },
  'CFN-S3-003': {
    kind: 'cfn-set',
    key: 'PublicAccessBlockConfiguration',
    value: PAB,
    what: 'PublicAccessBlockConfiguration with its four settings true',
  },
  'CFN-SQS-002': { kind: 'cfn-set', key: 'SqsManagedSseEnabled', value: true, what: 'SqsManagedSseEnabled: true' },
  'CFN-ES-003': {
    kind: 'cfn-set',
    key: 'NodeToNodeEncryptionOptions',
    value: { Enabled: true },
    what: 'NodeToNodeEncryptionOptions.Enabled: true',
  },
  'CFN-DDB-001': {
    kind: 'cfn-set',
    key: 'SSESpecification',
    value: { SSEEnabled: true },
    what: 'SSESpecification.SSEEnabled: true',
  },
  'CFN-EC-001': {
    kind: 'cfn-set',
    key: 'AtRestEncryptionEnabled',
    value: true,
    what: 'AtRestEncryptionEnabled: true',
  },
  'CFN-ES-001': {
    kind: 'cfn-set',
    key: 'EncryptionAtRestOptions',
    value: { Enabled: true },
    what: 'EncryptionAtRestOptions.Enabled: true',
  },
  'CFN-ES-002': {
    kind: 'cfn-set',
    key: 'DomainEndpointOptions',
    value: { EnforceHTTPS: true },
    what: 'DomainEndpointOptions.EnforceHTTPS: true',
  },
  'CFN-KMS-002': { kind: 'cfn-set', key: 'EnableKeyRotation', value: true, what: 'EnableKeyRotation: true' },
  'CFN-LOG-002': { kind: 'cfn-set', key: 'IsMultiRegionTrail', value: true, what: 'IsMultiRegionTrail: true' },
  'CFN-RDS-005': {
    kind: 'cfn-set',
    key: 'EnableIAMDatabaseAuthentication',
    value: true,
    what: 'EnableIAMDatabaseAuthentication: true',
  },
  'CFN-RDS-006': { kind: 'cfn-set', key: 'BackupRetentionPeriod', value: 7, what: 'BackupRetentionPeriod: 7' },
  'CFN-RDS-007': { kind: 'cfn-set', key: 'DeletionProtection', value: true, what: 'DeletionProtection: true' },
  'CFN-ECR-002': {
    kind: 'cfn-set',
    key: 'ImageScanningConfiguration',
    value: { ScanOnPush: true },
    what: 'ImageScanningConfiguration.ScanOnPush: true',
  },
  'CFN-SG-001': {
    kind: 'cfn-world-param',
    param: networkParam('AdminAccessCidr', 'SSH and RDP'),
    what: "the world CIDR to !Ref AdminAccessCidr, a new parameter without default (the admin network is the team's decision: set it when deploying)",
  },
  'CFN-SG-002': {
    kind: 'cfn-world-param',
    param: networkParam('DatabaseClientCidr', 'the database and cache ports'),
    what: "the world CIDR → !Ref DatabaseClientCidr, a new parameter without default: set it to the clients' network",
  },
  'CFN-SG-006': {
    kind: 'cfn-world-param',
    param: networkParam('ManagementAccessCidr', 'remote-access and management services'),
    what: "the world CIDR to !Ref ManagementAccessCidr, a new parameter without default (the admin network is the team's decision: set it when deploying)",
  },
  'CFN-SNS-002': {
    kind: 'cfn-set-param',
    key: 'KmsMasterKeyId',
    param: {
      name: 'TopicKmsKey',
      description: "The team's KMS key (key ARN, key id or alias/name) that encrypts the topic: the team's decision",
    },
    what: "KmsMasterKeyId: !Ref TopicKmsKey, a new parameter without default: set it to the team's KMS key",
  },
  'CFN-KMS-003': {
    kind: 'cfn-kms-param',
    param: DATA_KMS_KEY,
    what: "the resource's KMS key property to !Ref DataKmsKeyArn, a new parameter without default (the key is the team's decision: set it when deploying)",
  },
  'CFN-APIGW-006': {
    kind: 'cfn-set',
    key: 'TracingEnabled',
    value: true,
    byType: {
      'AWS::ApiGateway::Stage': { key: 'TracingEnabled', value: true },
      'AWS::Serverless::Api': { key: 'TracingEnabled', value: true },
      'AWS::ApiGateway::Deployment': { key: 'StageDescription', value: { TracingEnabled: true } },
    },
    what: 'TracingEnabled: true on the stage (StageDescription.TracingEnabled on a deployment that creates it)',
  },
  'CFN-APIGW-003': {
    kind: 'cfn-set',
    key: 'AccessLogSetting',
    value: ACCESS_LOG,
    byType: {
      'AWS::ApiGateway::Stage': { key: 'AccessLogSetting', value: ACCESS_LOG },
      'AWS::Serverless::Api': { key: 'AccessLogSetting', value: ACCESS_LOG },
      'AWS::ApiGatewayV2::Stage': { key: 'AccessLogSettings', value: ACCESS_LOG },
      'AWS::Serverless::HttpApi': { key: 'AccessLogSettings', value: ACCESS_LOG },
      'AWS::ApiGateway::Deployment': { key: 'StageDescription', value: { AccessLogSetting: ACCESS_LOG } },
    },
    param: {
      name: 'ApiAccessLogGroupArn',
      description:
        "The ARN of the CloudWatch Logs log group that receives the API's access logs (REST APIs also need the account's API Gateway CloudWatch role): the team's decision",
    },
    what: "AccessLogSetting (AccessLogSettings on HTTP APIs) with a JSON format and DestinationArn: !Ref ApiAccessLogGroupArn, a new parameter without default: set it to the team's log group",
  },
  'CFN-S3-005': {
    kind: 'cfn-set',
    key: 'LoggingConfiguration',
    value: { DestinationBucketName: { Ref: 'AccessLogBucketName' }, LogFilePrefix: '{id}/' },
    param: {
      name: 'AccessLogBucketName',
      description:
        "The bucket that receives the S3 server access logs (same account and Region, log delivery allowed): the team's decision",
    },
    what: "LoggingConfiguration to !Ref AccessLogBucketName, a new parameter without default (the log bucket is the team's decision), with the bucket's logical id as the log prefix",
  },
  'CFN-GUARDDUTY-001': { kind: 'cfn-set', key: 'Enable', value: true, what: 'Enable: true' },
  'CFN-LOG-006': { kind: 'cfn-set', key: 'IsLogging', value: true, what: 'IsLogging: true' },
  'CFN-KIN-001': {
    kind: 'cfn-set',
    key: 'StreamEncryption',
    value: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    what: 'StreamEncryption with EncryptionType: KMS and the AWS-managed key alias/aws/kinesis (a key of your own is CFN-KMS-003’s next step)',
  },
  'CFN-ECS-001': {
    kind: 'cfn-replace',
    key: 'TransitEncryption',
    value: 'ENABLED',
    when: (v) => v === 'DISABLED',
    what: 'TransitEncryption: ENABLED where the volume writes DISABLED (a volume that leaves it out is left with a reason)',
    paths: { 'AWS::ECS::TaskDefinition': ['Volumes[].EFSVolumeConfiguration.TransitEncryption'] },
  },
  'CFN-CRED-004': {
    kind: 'cfn-param-set',
    key: 'NoEcho',
    value: true,
    what: 'NoEcho: true on the parameter (the console and the API then mask its value; a Default written in the template is CFN-CRED-006’s: rotate it)',
  },
  'CFN-CF-001': {
    kind: 'cfn-replace',
    key: 'ViewerProtocolPolicy',
    value: 'redirect-to-https',
    when: (v) => v === 'allow-all',
    what: 'ViewerProtocolPolicy: redirect-to-https (plain-HTTP viewers are redirected, not refused)',
    paths: {
      'AWS::CloudFront::Distribution': [
        'DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy',
        'DistributionConfig.CacheBehaviors[].ViewerProtocolPolicy',
      ],
    },
  },
  'CFN-CF-003': {
    kind: 'cfn-replace',
    key: 'MinimumProtocolVersion',
    value: 'TLSv1.2_2021',
    when: (v) => typeof v === 'string' && /^(?:SSLv3|TLSv1|TLSv1_2016|TLSv1\.1_2016)$/.test(v),
    what: 'ViewerCertificate.MinimumProtocolVersion: TLSv1.2_2021 where an older version is written',
    paths: { 'AWS::CloudFront::Distribution': ['DistributionConfig.ViewerCertificate.MinimumProtocolVersion'] },
  },
  'CFN-ELB-002': {
    kind: 'cfn-replace',
    key: 'SslPolicy',
    value: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    when: (v) => typeof v === 'string' && v.startsWith('ELBSecurityPolicy-'),
    orSet: true,
    what: 'SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.2 and 1.3), written or replacing an older policy',
    paths: { 'AWS::ElasticLoadBalancingV2::Listener': ['SslPolicy'] },
  },
  'CFN-APIGW-002': {
    kind: 'cfn-replace',
    key: 'SecurityPolicy',
    value: 'TLS_1_2',
    when: (v) => typeof v === 'string' && v.toUpperCase() === 'TLS_1_0',
    orSet: true,
    what: 'SecurityPolicy: TLS_1_2, written or replacing TLS_1_0',
    paths: {
      'AWS::ApiGateway::DomainName': ['SecurityPolicy'],
      'AWS::ApiGatewayV2::DomainName': ['DomainNameConfigurations[].SecurityPolicy'],
    },
  },
  'CFN-S3-006': {
    kind: 'cfn-deny-insecure',
    what: 'a statement in the bucket policy that denies every request over plain HTTP (Sid DenyInsecureTransport, aws:SecureTransport false) on the bucket and its objects',
  },
  'CFN-SM-002': kmsKeyFix('KmsKeyId', 'SageMaker'),
  'CFN-LOG-003': kmsKeyFix('KmsKeyId', 'the CloudWatch Logs service principal'),
  'CFN-LOG-004': kmsKeyFix('KMSKeyId', 'CloudTrail'),
  'CFN-BACKUP-001': kmsKeyFix('EncryptionKeyArn', 'AWS Backup'),
  'CFN-CODEBUILD-001': kmsKeyFix('EncryptionKey', 'CodeBuild'),
  'CFN-EC2-008': kmsKeyFix('KmsKeyId', 'EC2 (EBS)'),
  'CFN-KENDRA-001': {
    kind: 'cfn-set',
    key: 'ServerSideEncryptionConfiguration',
    value: { KmsKeyId: { Ref: 'DataKmsKeyArn' } },
    param: DATA_KMS_KEY,
    what: "ServerSideEncryptionConfiguration.KmsKeyId: !Ref DataKmsKeyArn, a new parameter without default (the key is the team's decision; its key policy must let Kendra use it)",
  },
  'CFN-MQ-003': {
    kind: 'cfn-set',
    key: 'EncryptionOptions',
    value: { UseAwsOwnedKey: false, KmsKeyId: { Ref: 'DataKmsKeyArn' } },
    param: DATA_KMS_KEY,
    what: "EncryptionOptions with UseAwsOwnedKey: false and KmsKeyId: !Ref DataKmsKeyArn, a new parameter without default (the key is the team's decision; its key policy must let Amazon MQ use it)",
  },
  'CFN-RDS-008': {
    kind: 'cfn-set-param',
    key: 'MultiAZ',
    param: {
      name: 'DatabaseMultiAZ',
      description:
        "Whether the database keeps a standby in a second Availability Zone (true for production; it doubles the instance cost): the team's decision per environment",
      allowedValues: ['true', 'false'],
    },
    what: "MultiAZ: !Ref DatabaseMultiAZ, a new parameter (true or false) without default: Multi-AZ is the team's decision per environment",
  },
  'CFN-EC-004': {
    kind: 'cfn-set-param',
    key: 'CacheSubnetGroupName',
    param: {
      name: 'CacheSubnetGroupName',
      description:
        "The ElastiCache subnet group (private subnets of the application's VPC) the cache runs in: the team's decision",
    },
    what: "CacheSubnetGroupName: !Ref CacheSubnetGroupName, a new parameter without default (which private subnets is the team's decision)",
  },
  'CFN-EC2-003': {
    kind: 'cfn-set-param',
    key: 'SubnetId',
    param: {
      name: 'InstanceSubnetId',
      description:
        "The subnet (a private subnet of the application's VPC, not the default VPC) the instance is launched in: the team's decision",
    },
    what: "SubnetId: !Ref InstanceSubnetId, a new parameter without default (which subnet is the team's decision; security groups given by name must then be given by id)",
  },
  'CFN-EC2-002': {
    kind: 'cfn-set',
    key: 'MapPublicIpOnLaunch',
    value: false,
    what: 'MapPublicIpOnLaunch: false (instances that need a public address get one of their own, or sit behind a load balancer)',
  },
  'CFN-EC2-004': {
    kind: 'cfn-replace',
    key: 'HttpTokens',
    value: 'required',
    when: (v) => v === 'optional',
    what: 'MetadataOptions.HttpTokens: required (IMDSv2 only) where it is written optional',
    paths: {
      'AWS::EC2::LaunchTemplate': ['LaunchTemplateData.MetadataOptions.HttpTokens'],
      'AWS::AutoScaling::LaunchConfiguration': ['MetadataOptions.HttpTokens'],
    },
  },
  'CFN-EC2-005': {
    kind: 'cfn-set',
    key: 'MetadataOptions',
    value: { HttpTokens: 'required' },
    byType: {
      'AWS::EC2::LaunchTemplate': { key: 'LaunchTemplateData', value: { MetadataOptions: { HttpTokens: 'required' } } },
      'AWS::AutoScaling::LaunchConfiguration': { key: 'MetadataOptions', value: { HttpTokens: 'required' } },
    },
    what: 'MetadataOptions.HttpTokens: required (IMDSv2 only), written explicitly',
  },
  'CFN-S3-002': {
    kind: 'cfn-replace',
    key: 'AccessControl',
    value: 'Private',
    when: (v) => typeof v === 'string' && /^(?:PublicRead|PublicReadWrite|AuthenticatedRead)$/.test(v),
    what: 'AccessControl: Private in place of the public canned ACL (serve public content through CloudFront instead)',
    paths: { 'AWS::S3::Bucket': ['AccessControl'] },
  },
  'CFN-MSK-003': {
    kind: 'cfn-set',
    key: 'LoggingInfo',
    value: { BrokerLogs: { CloudWatchLogs: { Enabled: true, LogGroup: { Ref: 'BrokerLogGroupName' } } } },
    param: {
      name: 'BrokerLogGroupName',
      description:
        "The name of the CloudWatch Logs log group that receives the Kafka brokers' logs: the team's decision",
    },
    what: "LoggingInfo.BrokerLogs.CloudWatchLogs with Enabled: true and LogGroup: !Ref BrokerLogGroupName, a new parameter without default (the log group is the team's decision)",
  },
  'CFN-MSK-002': {
    kind: 'cfn-set',
    key: 'EncryptionInfo',
    value: { EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true } },
    what: 'EncryptionInfo.EncryptionInTransit with ClientBroker: TLS and InCluster: true (clients then connect on the TLS port)',
  },
  'CFN-MSK-001': {
    kind: 'cfn-replace',
    key: 'Type',
    value: 'DISABLED',
    when: (v) => v === 'SERVICE_PROVIDED_EIPS',
    what: 'ConnectivityInfo.PublicAccess.Type: DISABLED (clients reach the brokers from the VPC, a peered network or PrivateLink)',
    paths: { 'AWS::MSK::Cluster': ['BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type'] },
  },
  'CFN-CF-004': {
    kind: 'cfn-set',
    key: 'DistributionConfig',
    value: { Logging: { Bucket: { Ref: 'CloudFrontLogBucket' } } },
    param: {
      name: 'CloudFrontLogBucket',
      description:
        "The domain name (bucket.s3.amazonaws.com) of the S3 bucket that receives CloudFront's standard logs (its ACLs must allow log delivery): the team's decision",
    },
    what: "DistributionConfig.Logging.Bucket: !Ref CloudFrontLogBucket, a new parameter without default (the log bucket is the team's decision)",
  },
  'CFN-ROUTE53-001': {
    kind: 'cfn-set',
    key: 'QueryLoggingConfig',
    value: { CloudWatchLogsLogGroupArn: { Ref: 'DnsQueryLogGroupArn' } },
    param: {
      name: 'DnsQueryLogGroupArn',
      description:
        "The ARN of the CloudWatch Logs log group (in us-east-1, its resource policy letting Route 53 write) that receives the zone's DNS query logs: the team's decision",
    },
    what: "QueryLoggingConfig.CloudWatchLogsLogGroupArn: !Ref DnsQueryLogGroupArn, a new parameter without default (the log group is the team's decision)",
  },
  'CFN-EMR-001': {
    kind: 'cfn-set',
    key: 'Instances',
    value: { Ec2SubnetId: { Ref: 'EmrSubnetId' } },
    param: {
      name: 'EmrSubnetId',
      description:
        "The VPC subnet (a private subnet of the application's VPC) the EMR cluster runs in: the team's decision",
    },
    what: "Instances.Ec2SubnetId: !Ref EmrSubnetId, a new parameter without default (which subnet is the team's decision)",
  },
  'CFN-EMR-002': {
    kind: 'cfn-set-param',
    key: 'SecurityConfiguration',
    param: {
      name: 'EmrSecurityConfiguration',
      description:
        "The name of the EMR security configuration (encryption at rest and in transit) the cluster uses: the team's decision",
    },
    what: "SecurityConfiguration: !Ref EmrSecurityConfiguration, a new parameter without default (which configuration is the team's decision)",
  },
  'CFN-LOG-005': {
    kind: 'cfn-set-param',
    key: 'RetentionInDays',
    param: {
      name: 'LogRetentionInDays',
      description:
        "How many days CloudWatch Logs keeps the log group's events (what the team's retention policy requires): the team's decision",
      type: 'Number',
      allowedValues: [
        ...['1', '3', '5', '7', '14', '30', '60', '90', '120', '150', '180', '365', '400', '545', '731'],
        ...['1096', '1827', '2192', '2557', '2922', '3288', '3653'],
      ],
    },
    what: "RetentionInDays: !Ref LogRetentionInDays, a new Number parameter without default, limited to the periods CloudWatch Logs accepts (the retention is the team's decision)",
  },
  'CFN-SG-007': {
    kind: 'cfn-set-param',
    key: 'VpcId',
    param: {
      name: 'VpcId',
      description:
        "The VPC (the application's, not the account's default VPC) the security group belongs to: the team's decision",
    },
    what: "VpcId: !Ref VpcId, a new parameter without default (which VPC is the team's decision)",
  },
  'CFN-DOCDB-002': {
    kind: 'cfn-set',
    key: 'EnableCloudwatchLogsExports',
    value: ['audit', 'profiler'],
    what: 'EnableCloudwatchLogsExports with audit and profiler, added to the list or written (audit events also need audit_logs enabled in the cluster parameter group)',
  },
  'CFN-BATCH-001': {
    kind: 'cfn-set',
    key: 'ContainerProperties',
    value: { Privileged: false },
    what: 'ContainerProperties.Privileged: false',
  },
  'CFN-COGNITO-002': {
    kind: 'cfn-set',
    key: 'AllowUnauthenticatedIdentities',
    value: false,
    what: 'AllowUnauthenticatedIdentities: false (guests then need to sign in)',
  },
  'CFN-CODESTAR-001': { kind: 'cfn-set', key: 'IsPrivate', value: true, what: 'IsPrivate: true' },
  'CFN-IAM-012': {
    kind: 'cfn-set',
    key: 'LoginProfile',
    value: { PasswordResetRequired: true },
    what: 'LoginProfile.PasswordResetRequired: true',
  },
  'CFN-FIREHOSE-001': {
    kind: 'cfn-set',
    key: 'DeliveryStreamEncryptionConfigurationInput',
    value: { KeyType: 'AWS_OWNED_CMK' },
    what: 'DeliveryStreamEncryptionConfigurationInput.KeyType: AWS_OWNED_CMK (server-side encryption; a key of your own is KeyType CUSTOMER_MANAGED_CMK with its KeyARN)',
  },
  'CFN-CONFIG-001': {
    kind: 'cfn-replace',
    key: 'maxAccessKeyAge',
    value: '90',
    when: (v) => Number(v) > 90,
    what: 'InputParameters.maxAccessKeyAge: 90 where a longer age is written',
    paths: { 'AWS::Config::ConfigRule': ['InputParameters.maxAccessKeyAge'] },
  },
  'CFN-ECS-002': {
    kind: 'cfn-replace',
    key: 'Value',
    value: 'enabled',
    when: (v) => v === 'disabled',
    orSet: { key: 'ClusterSettings', value: [{ Name: 'containerInsights', Value: 'enabled' }] },
    what: 'the containerInsights cluster setting enabled (written, or its Value turned from disabled to enabled)',
    paths: { 'AWS::ECS::Cluster': ['ClusterSettings[].Value'] },
  },
  'CFN-EC2-007': {
    kind: 'cfn-set-in',
    key: 'Encrypted',
    value: true,
    what: 'Encrypted: true on the block device mapping’s Ebs volume',
    paths: {
      'AWS::EC2::Instance': ['BlockDeviceMappings[].Ebs'],
      'AWS::EC2::LaunchTemplate': ['LaunchTemplateData.BlockDeviceMappings[].Ebs'],
      'AWS::AutoScaling::LaunchConfiguration': ['BlockDeviceMappings[].Ebs'],
    },
  },
  'CFN-APIGW-004': {
    kind: 'cfn-set-in',
    key: 'CacheDataEncrypted',
    value: true,
    what: 'CacheDataEncrypted: true on the method setting (or stage description) that caches',
    paths: {
      'AWS::ApiGateway::Stage': ['MethodSettings[]'],
      'AWS::ApiGateway::Deployment': ['StageDescription', 'StageDescription.MethodSettings[]'],
    },
  },
  'CFN-APIGW-005': {
    kind: 'cfn-replace',
    key: 'LoggingLevel',
    value: 'ERROR',
    when: (v) => typeof v === 'string' && v.toUpperCase() === 'OFF',
    orSet: {
      key: 'MethodSettings',
      value: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR' }],
      types: ['AWS::ApiGateway::Stage'],
    },
    what: 'execution logging at ERROR: a method setting for every method (HttpMethod *, ResourcePath /*), or LoggingLevel OFF turned to ERROR (REST APIs need the account’s API Gateway CloudWatch role)',
    paths: {
      'AWS::ApiGateway::Stage': ['MethodSettings[].LoggingLevel'],
      'AWS::ApiGatewayV2::Stage': ['DefaultRouteSettings.LoggingLevel'],
    },
  },
  'CFN-MQ-002': {
    kind: 'cfn-set',
    key: 'Logs',
    value: { General: true },
    byProp: { key: 'EngineType', values: { ACTIVEMQ: { General: true, Audit: true }, RABBITMQ: { General: true } } },
    what: 'Logs with General: true (and Audit: true on ActiveMQ; RabbitMQ has no audit log)',
  },
  'CFN-ELB-003': {
    kind: 'cfn-set',
    key: 'LoadBalancerAttributes',
    value: [],
    byType: {
      'AWS::ElasticLoadBalancingV2::LoadBalancer': {
        key: 'LoadBalancerAttributes',
        value: [
          { Key: 'access_logs.s3.enabled', Value: 'true' },
          { Key: 'access_logs.s3.bucket', Value: { Ref: 'LoadBalancerLogBucket' } },
        ],
      },
      'AWS::ElasticLoadBalancing::LoadBalancer': {
        key: 'AccessLoggingPolicy',
        value: { Enabled: true, S3BucketName: { Ref: 'LoadBalancerLogBucket' }, EmitInterval: 60 },
      },
    },
    param: {
      name: 'LoadBalancerLogBucket',
      description:
        "The S3 bucket (same Region, its policy letting Elastic Load Balancing write) that receives the load balancer's access logs: the team's decision",
    },
    what: "access logs on, to !Ref LoadBalancerLogBucket, a new parameter without default (the log bucket is the team's decision): LoadBalancerAttributes on an application or network load balancer, AccessLoggingPolicy on a classic one",
  },
  'CFN-EC2-001': {
    kind: 'cfn-set-in',
    key: 'AssociatePublicIpAddress',
    value: false,
    what: 'AssociatePublicIpAddress: false (reach the instance through a load balancer, a bastion or Session Manager)',
    paths: {
      'AWS::EC2::Instance': ['NetworkInterfaces[]'],
      'AWS::EC2::LaunchTemplate': ['LaunchTemplateData.NetworkInterfaces[]'],
      'AWS::AutoScaling::LaunchConfiguration': [''],
    },
  },
  'CFN-ELB-005': {
    kind: 'cfn-set-in',
    key: 'Value',
    value: 'false',
    pick: (b) => (b.Name === 'Reference-Security-Policy' ? 'ELBSecurityPolicy-TLS-1-2-2017-01' : 'false'),
    what: "the reported SSL negotiation attribute's Value: false (an old protocol or a weak cipher turned off), or Reference-Security-Policy: ELBSecurityPolicy-TLS-1-2-2017-01",
    paths: { 'AWS::ElasticLoadBalancing::LoadBalancer': ['Policies[].Attributes[]'] },
  },
  'CFN-DLM-001': {
    kind: 'cfn-set-in',
    key: 'Encrypted',
    value: true,
    what: 'Encrypted: true on the cross-Region copy (the target Region’s default EBS key unless a CmkArn is given)',
    paths: {
      'AWS::DLM::LifecyclePolicy': [
        'PolicyDetails.Schedules[].CrossRegionCopyRules[]',
        'PolicyDetails.Actions[].CrossRegionCopy[].EncryptionConfiguration',
      ],
    },
  },
  'CFN-S3-001': {
    kind: 'cfn-set-in',
    key: 'ServerSideEncryptionByDefault',
    value: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { Ref: 'DataKmsKeyArn' } },
    param: DATA_KMS_KEY,
    what: "SSEAlgorithm: aws:kms with KMSMasterKeyID: !Ref DataKmsKeyArn, a new parameter without default (the key is the team's decision; readers of the bucket need kms:Decrypt on it)",
    paths: {
      'AWS::S3::Bucket': ['BucketEncryption.ServerSideEncryptionConfiguration[]'],
    },
  },
  'CFN-EKS-002': {
    kind: 'cfn-set',
    key: 'EncryptionConfig',
    value: [{ Provider: { KeyArn: { Ref: 'DataKmsKeyArn' } }, Resources: ['secrets'] }],
    param: DATA_KMS_KEY,
    what: "EncryptionConfig for secrets with Provider.KeyArn: !Ref DataKmsKeyArn, a new parameter without default (the key is the team's decision; the cluster role needs to use it); an EncryptionConfig already written is left with a reason",
  },
  'CFN-S3-007': {
    kind: 'cfn-set',
    key: 'VersioningConfiguration',
    value: { Status: 'Enabled' },
    what: 'VersioningConfiguration.Status: Enabled (Suspended turned to Enabled); a lifecycle rule with NoncurrentVersionExpiration bounds what old versions cost',
  },
  'CFN-RDS-009': {
    kind: 'cfn-replace',
    key: 'CACertificateIdentifier',
    value: 'rds-ca-rsa2048-g1',
    when: (v) => typeof v === 'string' && /^rds-ca-20\d\d\b/i.test(v),
    what: 'CACertificateIdentifier: rds-ca-rsa2048-g1 (the current default CA): give clients the new bundle first; the change restarts the instance unless the engine rotates without one',
    paths: { 'AWS::RDS::DBInstance': ['CACertificateIdentifier'] },
  },
  'CFN-CF-005': {
    kind: 'cfn-set-in',
    key: 'WebACLId',
    value: { Ref: 'CloudFrontWebAclArn' },
    param: {
      name: 'CloudFrontWebAclArn',
      description:
        "The ARN of the team's AWS WAF web ACL (WAFv2, Scope CLOUDFRONT, created in us-east-1) that protects the distribution: the team's decision",
    },
    what: "DistributionConfig.WebACLId: !Ref CloudFrontWebAclArn, a new parameter without default (the web ACL, its rules and default action are the team's decision)",
    paths: { 'AWS::CloudFront::Distribution': ['DistributionConfig'] },
  },
  'CFN-ES-004': {
    kind: 'cfn-set',
    key: 'LogPublishingOptions',
    value: { ES_APPLICATION_LOGS: { CloudWatchLogsLogGroupArn: { Ref: 'SearchLogGroupArn' }, Enabled: true } },
    param: {
      name: 'SearchLogGroupArn',
      description:
        "The ARN of the CloudWatch Logs log group that receives the domain's application (error) logs, its resource policy letting OpenSearch write to it: the team's decision",
    },
    what: "LogPublishingOptions.ES_APPLICATION_LOGS to !Ref SearchLogGroupArn, a new parameter without default (the log group is the team's decision; its resource policy must let OpenSearch write; AUDIT_LOGS also needs fine-grained access control)",
  },
  'CFN-REDSHIFT-004': {
    kind: 'cfn-set',
    key: 'LoggingProperties',
    value: { LogDestinationType: 'cloudwatch', LogExports: ['connectionlog', 'userlog', 'useractivitylog'] },
    absentOnly:
      'LoggingProperties is written without a destination: add its BucketName (a bucket whose policy lets Redshift write) or LogDestinationType: cloudwatch by hand',
    what: 'LoggingProperties with LogDestinationType: cloudwatch and LogExports connectionlog, userlog, useractivitylog (the user activity log also needs enable_user_activity_logging in the parameter group)',
  },
  'CFN-LOG-007': {
    kind: 'cfn-set-refs',
    refs: [
      {
        key: 'CloudWatchLogsLogGroupArn',
        param: {
          name: 'TrailLogGroupArn',
          description:
            "The ARN of the CloudWatch Logs log group that receives the trail's events (as !GetAtt LogGroup.Arn gives it): the team's decision",
        },
      },
      {
        key: 'CloudWatchLogsRoleArn',
        param: {
          name: 'TrailLogsRoleArn',
          description:
            "The ARN of the role CloudTrail assumes to write to the trail's log group (logs:CreateLogStream and logs:PutLogEvents on it): the team's decision",
        },
      },
      {
        key: 'SnsTopicName',
        param: {
          name: 'TrailTopicName',
          description:
            "The name (or ARN) of the SNS topic notified of each log file the trail delivers, its policy letting CloudTrail publish: the team's decision",
        },
      },
    ],
    what: "CloudWatchLogsLogGroupArn, CloudWatchLogsRoleArn and SnsTopicName where left out, each to !Ref a new parameter without default (TrailLogGroupArn, TrailLogsRoleArn, TrailTopicName: the team's decision)",
  },
  'CFN-ECR-003': {
    kind: 'cfn-set',
    key: 'ImageTagMutability',
    value: 'IMMUTABLE',
    what: 'ImageTagMutability: IMMUTABLE (a pipeline that pushes the same tag twice, such as latest, must then push a new tag per build)',
  },
  'CFN-S3-008': {
    kind: 'cfn-cors-origin',
    param: {
      name: 'CorsAllowedOrigins',
      description:
        "The origins (https://app.example.com, comma-separated) of the team's sites that may call the bucket from a browser: the team's decision, never *",
      type: 'CommaDelimitedList',
    },
    what: "the '*' origin removed where the CORS rule also names origins, or AllowedOrigins: !Ref CorsAllowedOrigins, a new list parameter without default (the sites are the team's decision); a '*' method is left with a reason",
  },
  'CFN-REDSHIFT-003': {
    kind: 'cfn-replace',
    key: 'ParameterValue',
    value: 'true',
    when: (v) => String(v).toLowerCase() === 'false',
    what: "require_ssl's ParameterValue: true (clients must then connect over SSL; the clusters using the group apply it at their next reboot)",
    paths: { 'AWS::Redshift::ClusterParameterGroup': ['Parameters[].ParameterValue'] },
  },
  'ANS-AWS-001': {
    kind: 'ans-world-var',
    variable: 'admin_cidr',
    ipv6: 'admin_cidr_ipv6',
    decision: 'the network allowed to reach this administrative port',
    what: 'the world CIDR to "{{ admin_cidr }}", a variable to set in group_vars or the inventory (the admin network is the team\'s decision)',
  },
  // Present and wrong only: an absent argument may be spelt by an alias, or not exist on the rule's other modules.
  'ANS-AWS-004': {
    kind: 'ans-set',
    key: 'publicly_accessible',
    value: false,
    what: 'publicly_accessible: false',
    when: truthy,
  },
  'ANS-AWS-005': {
    kind: 'ans-set',
    key: 'storage_encrypted',
    value: true,
    what: 'storage_encrypted: true',
    when: falsy,
  },
  'ANS-AWS-006': { kind: 'ans-set', key: 'encrypted', value: true, what: 'encrypted: true', when: falsy },
  'ANS-AWS-038': {
    kind: 'ans-set',
    key: 'tracing_enabled',
    value: true,
    what: 'tracing_enabled: true',
    when: falsy,
  },
  'ANS-TLS-001': {
    kind: 'ans-set',
    key: 'validate_certs',
    value: true,
    what: 'validate_certs: true',
  },
  'ANS-PKG-005': {
    kind: 'ans-set',
    key: 'state',
    value: 'present',
    what: 'state: present',
    when: (v) => v === 'latest',
  },
  'ANS-PKG-001': {
    kind: 'ans-set',
    key: 'allow_unauthenticated',
    value: false,
    what: 'allow_unauthenticated: false (where the task sets it true)',
    when: truthy,
  },
  'ANS-PKG-002': {
    kind: 'ans-set',
    key: 'disable_gpg_check',
    value: false,
    what: 'disable_gpg_check: false (where the task sets it true)',
    when: truthy,
  },
  'ANS-PKG-003': {
    kind: 'ans-set',
    key: 'gpgcheck',
    value: true,
    what: 'gpgcheck: true (where the repository sets it false)',
    when: falsy,
  },
  'ANS-TLS-005': {
    kind: 'ans-set',
    key: 'sslverify',
    value: true,
    what: 'sslverify: true (where the repository sets it false)',
    when: falsy,
  },
  'ANS-CTR-001': {
    kind: 'ans-args',
    sets: [{ key: 'privileged', value: false, when: truthy }],
    what: 'privileged: false (grant the capabilities the container needs with capabilities/cap_add instead)',
  },
  'ANS-AWS-030': {
    kind: 'ans-args',
    sets: [{ key: 'privileged', value: false, when: truthy }],
    what: 'privileged: false on the job definition',
  },
  'ANS-AZ-008': {
    kind: 'ans-args',
    sets: [{ key: 'admin_user_enabled', value: false, when: truthy }],
    what: 'admin_user_enabled: false (pull and push with Entra ID identities)',
  },
  'ANS-AZ-012': {
    kind: 'ans-args',
    sets: [{ key: 'https_only', value: true, when: falsy }],
    what: 'https_only: true',
  },
  'ANS-AZ-013': {
    kind: 'ans-args',
    sets: [{ key: 'enable_non_ssl_port', value: false, when: truthy }],
    what: 'enable_non_ssl_port: false (clients connect on the TLS port)',
  },
  'ANS-AZ-017': {
    kind: 'ans-args',
    sets: [
      { key: 'enable_soft_delete', value: true, when: falsy },
      { key: 'enable_purge_protection', value: true, when: falsy },
    ],
    what: 'enable_soft_delete / enable_purge_protection: true where the task turns it off',
  },
  'ANS-AWS-029': {
    kind: 'ans-args',
    sets: [{ key: 'enable_iam_database_authentication', value: true, when: falsy }],
    what: 'enable_iam_database_authentication: true where the task turns it off',
  },
  'ANS-AWS-023': {
    kind: 'ans-args',
    sets: [{ key: 'enable_key_rotation', value: true, when: falsy }],
    what: 'enable_key_rotation: true where the task turns it off (a disabled key or a short deletion window is the team’s decision)',
  },
  'ANS-AWS-009': {
    kind: 'ans-args',
    sets: [
      { key: 'publicly_accessible', value: false, when: truthy },
      { key: 'encrypted', value: true, when: falsy },
    ],
    what: 'publicly_accessible: false / encrypted: true where the task writes the opposite',
  },
  'ANS-AWS-020': {
    kind: 'ans-args',
    sets: [{ key: 'enforce_https', value: true, when: falsy }],
    what: 'domain_endpoint_options.enforce_https: true where the task turns it off',
  },
  'ANS-AWS-021': {
    kind: 'ans-args',
    sets: [
      { key: 'sqs_managed_sse_enabled', value: true, when: falsy },
      { key: 'encrypt', value: true, when: falsy },
      { key: 'encrypted', value: true, when: falsy },
      { key: 'storage_encrypted', value: true, when: falsy },
    ],
    what: 'the encryption argument (sqs_managed_sse_enabled, encrypt, encrypted, storage_encrypted) true where the task turns it off (a Kinesis stream needs a key: left with a reason)',
  },
  'ANS-AWS-024': {
    kind: 'ans-args',
    sets: [
      { key: 'enable_log_file_validation', value: true, when: falsy },
      { key: 'enable_logging', value: true, when: falsy },
      { key: 'is_multi_region_trail', value: true, when: falsy },
      { key: 'include_global_events', value: true, when: falsy },
    ],
    what: 'the trail setting the task turns off (log file validation, logging, multi-region, global events) back on',
  },
  'ANS-AWS-028': {
    kind: 'ans-args',
    sets: [{ key: 'versioning', value: true, when: falsy }],
    what: 'versioning: true where the task turns it off',
  },
  'ANS-GCP-005': {
    kind: 'ans-args',
    sets: [
      { key: 'auto_repair', value: true, when: falsy },
      { key: 'auto_upgrade', value: true, when: falsy },
    ],
    what: 'management.auto_repair / auto_upgrade: true where the task turns it off',
  },
  'ANS-GCP-007': {
    kind: 'ans-args',
    sets: [
      { key: 'enable_secure_boot', value: true, when: falsy },
      { key: 'enable_vtpm', value: true, when: falsy },
      { key: 'enable_integrity_monitoring', value: true, when: falsy },
    ],
    what: 'the Shielded VM setting the task turns off (secure boot, vTPM, integrity monitoring) back on',
  },
  'ANS-GCP-015': {
    kind: 'ans-args',
    sets: [{ key: 'private_ip_google_access', value: true, when: falsy }],
    what: 'private_ip_google_access: true where the task turns it off',
  },
  'ANS-PKG-004': {
    kind: 'ans-args',
    sets: [{ key: 'trusted', value: false, when: truthy }],
    what: 'trusted: false on the deb822 repository (apt then checks its signature: give it signed_by)',
  },
  'ANS-AWS-002': {
    kind: 'ans-args',
    sets: [
      ...['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].map((key) => ({
        key,
        value: true,
        when: falsy,
      })),
      { key: 'delete_public_access', value: false, when: truthy },
    ],
    what: 'the public access block setting the task turns off back on (delete_public_access: false)',
  },
  'ANS-AWS-008': {
    kind: 'ans-args',
    sets: [{ key: 'assign_public_ip', value: false, when: truthy }],
    what: 'assign_public_ip: false (reach the instance through a load balancer, a bastion or Session Manager)',
  },
  'ANS-AWS-012': {
    kind: 'ans-args',
    sets: [{ key: 'allow_pw_change', value: true, when: falsy }],
    what: 'allow_pw_change: true (users may change their own password)',
  },
  'ANS-AZ-002': {
    kind: 'ans-args',
    sets: [
      { key: 'https_only', value: true, when: falsy },
      { key: 'allow_blob_public_access', value: false, when: truthy },
    ],
    what: 'https_only: true / allow_blob_public_access: false where the task writes the opposite',
  },
  // `enabled` is the one the rule reports on that line: backups of the instance, versioning of the bucket.
  'ANS-GCP-008': {
    kind: 'ans-args',
    sets: [
      { key: 'require_ssl', value: true, when: falsy },
      { key: 'enabled', value: true, when: falsy },
    ],
    what: 'ip_configuration.require_ssl / backup_configuration.enabled: true where the task turns it off',
  },
  'ANS-GCP-009': {
    kind: 'ans-args',
    sets: [{ key: 'enabled', value: true, when: falsy }],
    what: 'versioning.enabled: true where the task turns it off',
  },
  'ANS-AWS-036': {
    kind: 'ans-args',
    sets: [
      { key: 'backup_retention_period', value: 7, when: (v) => Number(v) === 0 && String(v).trim() !== '' },
      {
        key: 'ca_certificate_identifier',
        value: 'rds-ca-rsa2048-g1',
        when: (v) => typeof v === 'string' && /^rds-ca-20\d\d\b/i.test(v),
      },
    ],
    what: 'backup_retention_period: 7 where the task writes 0, or ca_certificate_identifier: rds-ca-rsa2048-g1 where it names a retired CA (give clients the new bundle first; the change restarts the instance unless the engine rotates without one)',
  },
  'ANS-AWS-033': {
    kind: 'ans-args',
    sets: [{ key: 'image_tag_mutability', value: 'immutable', when: (v) => String(v).toLowerCase() === 'mutable' }],
    add: { key: 'image_tag_mutability', value: 'immutable', modules: ['ecs_ecr'] },
    what: 'image_tag_mutability: immutable, written or replacing mutable (a pipeline that pushes the same tag twice, such as latest, must then push a new tag per build)',
  },
  'ANS-AWS-018': {
    kind: 'ans-args',
    sets: [
      { key: 'viewer_protocol_policy', value: 'redirect-to-https', when: (v) => v === 'allow-all' },
      {
        key: 'minimum_protocol_version',
        value: 'TLSv1.2_2021',
        when: (v) => typeof v === 'string' && /^(?:SSLv3|TLSv1|TLSv1_2016|TLSv1\.1_2016)$/.test(v),
      },
    ],
    what: 'viewer_protocol_policy: redirect-to-https where a behavior writes allow-all, minimum_protocol_version: TLSv1.2_2021 where an older version is written (a default left out, or the default certificate, is left with a reason)',
  },
  'ANS-AWS-017': {
    kind: 'ans-args',
    sets: [
      {
        key: 'SslPolicy',
        value: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        when: (v) => typeof v === 'string' && v.startsWith('ELBSecurityPolicy-'),
      },
    ],
    what: 'SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.2 and 1.3) where an older policy is written (an HTTP listener needs a certificate, or a redirect: left with a reason)',
  },
  'ANS-GCP-014': {
    kind: 'ans-args',
    sets: [
      { key: 'min_tls_version', value: 'TLS_1_2', when: (v) => v === 'TLS_1_0' || v === 'TLS_1_1' },
      { key: 'profile', value: 'MODERN', when: (v) => v === 'COMPATIBLE' },
    ],
    what: 'min_tls_version: TLS_1_2 where TLS_1_0/TLS_1_1 is written, profile: MODERN where COMPATIBLE is (clients that only speak the older protocols or ciphers can no longer connect)',
  },
  'ANS-GCP-006': {
    kind: 'ans-args',
    sets: [{ key: 'serial-port-enable', value: 'false', when: truthy }],
    what: 'metadata serial-port-enable: false (the interactive serial console off); the service account, OS Login, project SSH keys, an external IP and IP forwarding are the team’s decision: left with a reason',
  },
  'ANS-AZ-014': {
    kind: 'ans-args',
    sets: [{ key: 'enforce_ssl', value: true, when: falsy }],
    add: {
      key: 'enforce_ssl',
      value: true,
      modules: ['azure_rm_postgresqlserver', 'azure_rm_mysqlserver', 'azure_rm_mariadbserver'],
    },
    what: 'enforce_ssl: true, written or replacing false (clients must then connect over TLS)',
  },
  'ANS-AZ-015': {
    kind: 'ans-args',
    sets: [{ key: 'value', value: 'on', when: (v) => typeof v === 'string' && v.toLowerCase() === 'off' }],
    what: 'the server parameter’s value: on where it is written off (a log_retention_days below 4 is the team’s decision: left with a reason)',
  },
  'ANS-GCP-003': {
    kind: 'ans-args',
    sets: [{ key: 'enabled', value: false, when: truthy }],
    what: 'legacy_abac.enabled: false (grant what workloads need with Kubernetes RBAC first); basic auth, client certificates, authorized networks and private nodes are left with a reason',
  },
  'ANS-GCP-004': {
    kind: 'ans-args',
    sets: [
      {
        key: 'logging_service',
        value: 'logging.googleapis.com/kubernetes',
        when: (v) => typeof v === 'string' && v.trim().toLowerCase() === 'none',
      },
      {
        key: 'monitoring_service',
        value: 'monitoring.googleapis.com/kubernetes',
        when: (v) => typeof v === 'string' && v.trim().toLowerCase() === 'none',
      },
    ],
    what: 'logging_service / monitoring_service: the Cloud Logging / Cloud Monitoring service for Kubernetes where none is written (the network policy add-on, IP aliases and the node service account recreate nodes or are the team’s decision: left with a reason)',
  },
  'ANS-AWS-025': {
    kind: 'ans-args',
    sets: [],
    add: {
      key: 'retention',
      value: '',
      modules: ['cloudwatchlogs_log_group'],
      raw: `"{{ log_retention_days }}"  # hookguard: set log_retention_days to the days the team's retention policy requires (the team's decision)`,
    },
    what: 'retention: "{{ log_retention_days }}", a variable to set in group_vars or the inventory, with a comment naming it (how long to keep the logs is the team\'s decision)',
  },
  'ANS-AWS-022': {
    kind: 'ans-args',
    sets: [],
    add: {
      key: 'encryption_key',
      value: '',
      modules: ['codebuild_project', 'aws_codebuild'],
      raw: `"{{ data_kms_key_arn }}"  # hookguard: set data_kms_key_arn to the ARN of the team's KMS key, its key policy letting CodeBuild use it (the team's decision)`,
    },
    what: 'encryption_key: "{{ data_kms_key_arn }}", a variable to set in group_vars or the inventory, with a comment naming it (the key is the team\'s decision, as CFN-CODEBUILD-001\'s DataKmsKeyArn parameter)',
  },
  'ANS-SECRET-006': { kind: 'ans-task', key: 'no_log', value: true, what: 'no_log: true on the task' },
  'ANS-EXEC-003': { kind: 'ans-task', key: 'no_log', value: true, what: 'no_log: true on the task' },
};

/**
 * Whether the rule has a fix, and (given the finding's file) whether that file is one the fixes can edit: they edit a
 * parsed YAML/JSON document, so a finding in an INI-style file (ansible.cfg, a yum `.repo` file, an SSH client config
 * or another template a role installs) has none.
 */
export function hasFix(ruleId: string, file?: string): boolean {
  if (file !== undefined && NOT_A_DOCUMENT.test(file)) return false;
  return Object.prototype.hasOwnProperty.call(FIXES, ruleId);
}

const NOT_A_DOCUMENT =
  /\.(?:repo|j2|jinja2?|cfg|ini|conf)$|(?:^|\/)\.?ssh[_-]?config(?:\.d\/[^/]+)?$|(?:^|\/)\.?ssh\/config$/i;
