/**
 * amazon.aws / community.aws modules → CloudFormation-shaped resources (the vocabulary of ../model.ts). Each
 * translator renames the module's arguments to the resource type's property names and reshapes what differs
 * (`versioning: false` → `VersioningConfiguration.Status: Suspended`). Values keep the argument's position; Jinja
 * stays unknown; nothing is invented: an argument the task leaves out is a property the resource does not set.
 *
 * Some modules have no CloudFormation twin (`iam_password_policy`, `sts_assume_role`, `ec2_ami`,
 * `ses_identity_policy`): they get a type name of the same shape (`AWS::IAM::AccountPasswordPolicy`) and their
 * properties are named as the AWS API names them.
 */
import type { Task } from '../../parse/ansible.js';
import type { CMap, CValue, Loc } from '../model.js';
import { policyDocument } from '../policy.js';
import { asBool, scalars } from '../values.js';
import { cmap, documentText, moduleLoc, pascalKeys, scalar, taskArgs, type AnsibleSource } from './ansible-values.js';

/** A normalised resource a task stands for (several for modules that manage more than one CloudFormation type). */
export interface AdaptedPart {
  kind: string;
  props: CMap;
  /** The task sets only some properties of a resource managed elsewhere (`s3_cors`): absent means unknown. */
  partial?: boolean;
}

type Args = Map<string, CValue>;

/** Sets a dotted property path, creating maps located at `l` on the way. */
function setPath(out: Map<string, CValue>, path: string, v: CValue, l: Loc): void {
  const parts = path.split('.');
  let cur = out;
  for (const p of parts.slice(0, -1)) {
    let next = cur.get(p);
    if (!next || next.t !== 'map') {
      next = cmap(new Map(), l);
      cur.set(p, next);
    }
    cur = next.entries;
  }
  cur.set(parts[parts.length - 1]!, v);
}

/** Renames arguments (the first present of each `|`-separated alias list) to dotted property paths. */
function renamed(t: Task, args: Args, table: Readonly<Record<string, string>>): Map<string, CValue> {
  const out = new Map<string, CValue>();
  const l = moduleLoc(t);
  for (const [from, to] of Object.entries(table)) {
    const v = from
      .split('|')
      .map((k) => args.get(k))
      .find((x) => x !== undefined);
    if (v) setPath(out, to, v, l);
  }
  return out;
}

/** A boolean argument as a CloudFormation enum value (`versioning: false` → `Suspended`); unknown stays unknown. */
function boolTo(v: CValue, yes: string, no: string): CValue {
  const s = scalars(v)[0];
  const b = s ? asBool(s.value) : undefined;
  return b === undefined ? v : scalar(b ? yes : no, v.loc);
}

function one(kind: string, props: Map<string, CValue>, t: Task, partial = false): AdaptedPart[] {
  return [{ kind, props: cmap(props, moduleLoc(t)), ...(partial ? { partial } : {}) }];
}

/** A policy argument (mapping, JSON string, folded YAML) as a document located at the argument. */
function policy(v: CValue | undefined): CValue | undefined {
  // A Jinja expression (`{{ key_policy }}`) is unknown: never parsed as a document.
  if (!v || v.t === 'unknown') return v;
  return policyDocument(v) ?? v;
}

// ------------------------------------------------------------------------------------------ queues, topics, policies

function sqsQueue(t: Task, a: Args): AdaptedPart[] {
  const parts = one(
    'AWS::SQS::Queue',
    renamed(t, a, {
      name: 'QueueName',
      kms_master_key_id: 'KmsMasterKeyId',
      sqs_managed_sse_enabled: 'SqsManagedSseEnabled',
    }),
    t,
  );
  const p = policy(a.get('policy'));
  if (p) parts.push(...one('AWS::SQS::QueuePolicy', new Map([['PolicyDocument', p]]), t));
  return parts;
}

function snsTopic(t: Task, a: Args): AdaptedPart[] {
  const parts = one('AWS::SNS::Topic', renamed(t, a, { name: 'TopicName', kms_master_key_id: 'KmsMasterKeyId' }), t);
  const p = policy(a.get('policy'));
  if (p) parts.push(...one('AWS::SNS::TopicPolicy', new Map([['PolicyDocument', p]]), t));
  return parts;
}

function ecr(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, {
    name: 'RepositoryName',
    scan_on_push: 'ImageScanningConfiguration.ScanOnPush',
    // `mutable` / `immutable` (the module's default is mutable); the check compares without case.
    image_tag_mutability: 'ImageTagMutability',
  });
  const p = policy(a.get('policy'));
  if (p) props.set('RepositoryPolicyText', p);
  return one('AWS::ECR::Repository', props, t);
}

function lambdaPolicy(t: Task, a: Args): AdaptedPart[] {
  return one(
    'AWS::Lambda::Permission',
    renamed(t, a, {
      function_name: 'FunctionName',
      action: 'Action',
      principal: 'Principal',
      source_arn: 'SourceArn',
      source_account: 'SourceAccount',
    }),
    t,
  );
}

function sesPolicy(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { identity: 'Identity', policy_name: 'PolicyName' });
  const p = policy(a.get('policy'));
  if (p) props.set('Policy', p);
  return one('AWS::SES::IdentityPolicy', props, t);
}

function kmsKey(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, {
    alias: 'Alias',
    enable_key_rotation: 'EnableKeyRotation',
    enabled: 'Enabled',
    pending_window: 'PendingWindowInDays',
    'customer_master_key_spec|key_spec': 'KeySpec',
    key_usage: 'KeyUsage',
  });
  const p = policy(a.get('policy'));
  if (p) props.set('KeyPolicy', p);
  const state = a.get('state');
  if (state && scalars(state).some((s) => s.value === 'absent')) props.set('PendingDeletion', scalar(true, state.loc));
  return one('AWS::KMS::Key', props, t);
}

// ------------------------------------------------------------------------------------------ compute

function interfacesWithPublicIp(v: CValue): CValue {
  return { t: 'list', items: [cmap(new Map([['AssociatePublicIpAddress', v]]), v.loc)], loc: v.loc };
}

function ec2Instance(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, {
    vpc_subnet_id: 'SubnetId',
    'security_groups|security_group': 'SecurityGroups',
    instance_type: 'InstanceType',
  });
  const pub = a.get('network') && a.get('network')!.t === 'map' ? (a.get('network') as CMap).entries : undefined;
  const assign = pub?.get('assign_public_ip');
  if (assign) props.set('NetworkInterfaces', interfacesWithPublicIp(assign));
  const nis = a.get('network_interfaces');
  if (nis?.t === 'list') {
    props.set('NetworkInterfaces', pascalKeys(nis, { assign_public_ip: 'AssociatePublicIpAddress' }));
    for (const ni of nis.items)
      if (ni.t === 'map' && ni.entries.has('subnet_id')) props.set('SubnetId', ni.entries.get('subnet_id')!);
  }
  if (a.get('launch_template')) props.set('LaunchTemplate', a.get('launch_template')!);
  return one('AWS::EC2::Instance', props, t);
}

function legacyEc2(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, {
    vpc_subnet_id: 'SubnetId',
    'group|group_id': 'SecurityGroups',
    instance_type: 'InstanceType',
  });
  const assign = a.get('assign_public_ip');
  if (assign) props.set('NetworkInterfaces', interfacesWithPublicIp(assign));
  const vols = a.get('volumes');
  if (vols) props.set('BlockDeviceMappings', blockDevices(vols));
  return one('AWS::EC2::Instance', props, t);
}

/** Ansible `volumes`/`device_mapping` entries → CloudFormation BlockDeviceMappings (EBS settings under `Ebs`). */
function blockDevices(v: CValue): CValue {
  if (v.t !== 'list') return v;
  return {
    ...v,
    items: v.items.map((it) => {
      if (it.t !== 'map') return it;
      const e = it.entries;
      const out = new Map<string, CValue>();
      const ebs = new Map<string, CValue>();
      for (const [k, x] of e) {
        if (k === 'device_name') out.set('DeviceName', x);
        else if (k === 'ephemeral' || k === 'virtual_name') out.set('VirtualName', x);
        else if (k === 'no_device') out.set('NoDevice', x);
        else if (k === 'encrypted') ebs.set('Encrypted', x);
        else if (k === 'kms_key_id') ebs.set('KmsKeyId', x);
        else if (k === 'snapshot' || k === 'snapshot_id') ebs.set('SnapshotId', x);
        else if (k === 'volume_size' || k === 'size') ebs.set('VolumeSize', x);
        else if (k === 'volume_type') ebs.set('VolumeType', x);
      }
      out.set('Ebs', cmap(ebs, it.loc));
      return cmap(out, it.loc);
    }),
  };
}

function launchConfig(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { name: 'LaunchConfigurationName', assign_public_ip: 'AssociatePublicIpAddress' });
  const vols = a.get('volumes');
  if (vols) props.set('BlockDeviceMappings', blockDevices(vols));
  return one('AWS::AutoScaling::LaunchConfiguration', props, t);
}

function ami(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { name: 'Name', instance_id: 'InstanceId' });
  const lp = a.get('launch_permissions');
  if (lp) props.set('LaunchPermissions', pascalKeys(lp));
  const dm = a.get('device_mapping');
  if (dm) props.set('BlockDeviceMappings', blockDevices(dm));
  return one('AWS::EC2::Image', props, t);
}

function lambdaFunction(t: Task, a: Args): AdaptedPart[] {
  return one(
    'AWS::Lambda::Function',
    renamed(t, a, { name: 'FunctionName', runtime: 'Runtime', role: 'Role', tracing_mode: 'TracingConfig.Mode' }),
    t,
  );
}

function codebuild(t: Task, a: Args): AdaptedPart[] {
  return one('AWS::CodeBuild::Project', renamed(t, a, { name: 'Name', encryption_key: 'EncryptionKey' }), t);
}

// ------------------------------------------------------------------------------------------ data stores

function s3Bucket(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { name: 'BucketName' });
  const enc = a.get('encryption');
  if (enc)
    props.set(
      'BucketEncryption',
      cmap(
        new Map([
          [
            'ServerSideEncryptionConfiguration',
            {
              t: 'list',
              items: [
                cmap(
                  new Map<string, CValue>([
                    ['ServerSideEncryptionByDefault', cmap(new Map([['SSEAlgorithm', enc]]), enc.loc)],
                  ]),
                  enc.loc,
                ),
              ],
              loc: enc.loc,
            },
          ],
        ]),
        enc.loc,
      ),
    );
  const ver = a.get('versioning');
  if (ver)
    props.set('VersioningConfiguration', cmap(new Map([['Status', boolTo(ver, 'Enabled', 'Suspended')]]), ver.loc));
  // `tags: {data: confidential}`: a mapping where CloudFormation has a list of {Key, Value}; paths such as
  // `Tags.data` read either (src/policies).
  const tags = a.get('tags');
  if (tags) props.set('Tags', tags);
  return one('AWS::S3::Bucket', props, t);
}

function s3Cors(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { name: 'BucketName' });
  const rules = a.get('rules');
  if (rules) setPath(props, 'CorsConfiguration.CorsRules', pascalKeys(rules), moduleLoc(t));
  return one('AWS::S3::Bucket', props, t, true);
}

function s3Logging(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, {
    name: 'BucketName',
    target_bucket: 'LoggingConfiguration.DestinationBucketName',
    target_prefix: 'LoggingConfiguration.LogFilePrefix',
  });
  return one('AWS::S3::Bucket', props, t, true);
}

function kinesis(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { name: 'Name' });
  const st = a.get('encryption_state');
  if (st) {
    const on = scalars(st)[0];
    const b = on?.value === 'enabled' ? true : on?.value === 'disabled' ? false : undefined;
    const type =
      b === undefined ? st : b ? (a.get('encryption_type') ?? scalar('KMS', st.loc)) : scalar('NONE', st.loc);
    const e = new Map<string, CValue>([['EncryptionType', type]]);
    if (a.get('key_id')) e.set('KeyId', a.get('key_id')!);
    props.set('StreamEncryption', cmap(e, st.loc));
  }
  return one('AWS::Kinesis::Stream', props, t);
}

function efs(t: Task, a: Args): AdaptedPart[] {
  return one('AWS::EFS::FileSystem', renamed(t, a, { name: 'Name', encrypt: 'Encrypted', kms_key_id: 'KmsKeyId' }), t);
}

function redshift(t: Task, a: Args): AdaptedPart[] {
  const cmd = a.get('command');
  const create = !cmd || scalars(cmd).some((s) => s.value === 'create');
  return one(
    'AWS::Redshift::Cluster',
    renamed(t, a, {
      identifier: 'ClusterIdentifier',
      publicly_accessible: 'PubliclyAccessible',
      encrypted: 'Encrypted',
      node_type: 'NodeType',
    }),
    t,
    !create,
  );
}

function rdsInstance(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, {
    'db_instance_identifier|id|instance_id': 'DBInstanceIdentifier',
    engine: 'Engine',
    enable_iam_database_authentication: 'EnableIAMDatabaseAuthentication',
    publicly_accessible: 'PubliclyAccessible',
    storage_encrypted: 'StorageEncrypted',
    'db_cluster_identifier|cluster_id': 'DBClusterIdentifier',
    backup_retention_period: 'BackupRetentionPeriod',
    ca_certificate_identifier: 'CACertificateIdentifier',
  });
  // Without an engine the task changes (or starts, reboots…) an existing instance.
  return one('AWS::RDS::DBInstance', props, t, !a.get('engine'));
}

function rdsCluster(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, {
    'db_cluster_identifier|cluster_id|id': 'DBClusterIdentifier',
    engine: 'Engine',
    enable_iam_database_authentication: 'EnableIAMDatabaseAuthentication',
    storage_encrypted: 'StorageEncrypted',
    backup_retention_period: 'BackupRetentionPeriod',
  });
  return one('AWS::RDS::DBCluster', props, t, !a.get('engine'));
}

/** Legacy `rds` (command: create): it has no IAM-authentication argument. */
function legacyRds(t: Task, a: Args): AdaptedPart[] {
  const cmd = a.get('command');
  const create = scalars(cmd).some((s) => s.value === 'create');
  const props = renamed(t, a, {
    instance_name: 'DBInstanceIdentifier',
    db_engine: 'Engine',
    publicly_accessible: 'PubliclyAccessible',
  });
  return one('AWS::RDS::DBInstance', props, t, !create);
}

function opensearch(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { domain_name: 'DomainName' });
  const o = {
    enforce_https: 'EnforceHTTPS',
    tls_security_policy: 'TLSSecurityPolicy',
    kms_key_id: 'KmsKeyId',
    subnets: 'SubnetIds',
    security_groups: 'SecurityGroupIds',
  };
  for (const [k, to] of [
    ['vpc_options', 'VPCOptions'],
    ['domain_endpoint_options', 'DomainEndpointOptions'],
    ['encryption_at_rest_options', 'EncryptionAtRestOptions'],
    ['node_to_node_encryption_options', 'NodeToNodeEncryptionOptions'],
  ] as const) {
    const v = a.get(k);
    if (v) props.set(to, pascalKeys(v, o));
  }
  return one('AWS::OpenSearchService::Domain', props, t);
}

// ------------------------------------------------------------------------------------------ identity

function passwordPolicy(t: Task, a: Args): AdaptedPart[] {
  return one(
    'AWS::IAM::AccountPasswordPolicy',
    renamed(t, a, {
      'min_pw_length|minimum_password_length': 'MinimumPasswordLength',
      'pw_max_age|password_max_age': 'MaxPasswordAge',
      'pw_reuse_prevent|password_reuse_prevent|pw_reuse_prevention': 'PasswordReusePrevention',
      'allow_pw_change|allow_password_change': 'AllowUsersToChangePassword',
      require_symbols: 'RequireSymbols',
      require_numbers: 'RequireNumbers',
      require_uppercase: 'RequireUppercaseCharacters',
      require_lowercase: 'RequireLowercaseCharacters',
    }),
    t,
  );
}

function iamRole(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { name: 'RoleName', managed_policies: 'ManagedPolicyArns' });
  const p = policy(a.get('assume_role_policy_document'));
  if (p) props.set('AssumeRolePolicyDocument', p);
  return one('AWS::IAM::Role', props, t);
}

function iamManagedPolicy(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { 'policy_name|name': 'ManagedPolicyName' });
  const p = policy(a.get('policy'));
  if (p) props.set('PolicyDocument', p);
  return one('AWS::IAM::ManagedPolicy', props, t);
}

function iamPolicy(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { policy_name: 'PolicyName' });
  const p = policy(a.get('policy_json') ?? a.get('policy_document'));
  if (p) props.set('PolicyDocument', p);
  // The inline policy's owner: `iam_type: user` + `iam_name` is CloudFormation's `Users: [name]` (located at iam_type).
  const type = a.get('iam_type');
  const owner = { user: 'Users', group: 'Groups', role: 'Roles' }[String(scalars(type)[0]?.value ?? '')];
  const name = a.get('iam_name');
  if (type && owner && name) props.set(owner, { t: 'list', items: [name], loc: type.loc });
  return one('AWS::IAM::Policy', props, t);
}

/** Legacy `iam`: a role with `trust_policy`, or a user whose access key is created/active. */
function legacyIam(t: Task, a: Args): AdaptedPart[] {
  const type = scalars(a.get('iam_type'))[0]?.value;
  const out: AdaptedPart[] = [];
  if (type === 'role') {
    const props = renamed(t, a, { name: 'RoleName' });
    const p = policy(a.get('trust_policy'));
    if (p) props.set('AssumeRolePolicyDocument', p);
    out.push(...one('AWS::IAM::Role', props, t));
  }
  const keys = a.get('access_key_state');
  if (type === 'user' && keys) {
    const s = scalars(keys)[0];
    const v =
      s?.value === 'create' || s?.value === 'active'
        ? scalar('Active', keys.loc)
        : s?.value === 'inactive'
          ? scalar('Inactive', keys.loc)
          : undefined;
    if (v)
      out.push(
        ...one(
          'AWS::IAM::AccessKey',
          new Map([
            ['UserName', a.get('name') ?? v],
            ['Status', v],
          ]),
          t,
        ),
      );
  }
  return out;
}

function accessKey(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { 'user_name|user|username': 'UserName' });
  const act = a.get('active');
  if (act) props.set('Status', boolTo(act, 'Active', 'Inactive'));
  return one('AWS::IAM::AccessKey', props, t);
}

function assumeRole(t: Task, a: Args): AdaptedPart[] {
  return one(
    'AWS::STS::AssumeRole',
    renamed(t, a, { role_arn: 'RoleArn', mfa_serial_number: 'SerialNumber', mfa_token: 'TokenCode' }),
    t,
  );
}

// ------------------------------------------------------------------------------------------ edge

function apiGateway(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { api_id: 'RestApiId', swagger_file: 'BodyS3Location' });
  const dict = a.get('swagger_dict');
  const text = a.get('swagger_text');
  const body = dict ?? (text ? (documentText(text) ?? text) : undefined);
  if (body) props.set('Body', body);
  return one('AWS::ApiGateway::RestApi', props, t);
}

function elbV2(t: Task, a: Args): AdaptedPart[] {
  const parts = one(
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    renamed(t, a, { name: 'Name', scheme: 'Scheme', security_groups: 'SecurityGroups' }),
    t,
  );
  const ls = a.get('listeners');
  if (ls?.t === 'list')
    for (const l of ls.items) {
      const m = pascalKeys(l, { ssl_policy: 'SslPolicy' });
      if (m.t === 'map') parts.push({ kind: 'AWS::ElasticLoadBalancingV2::Listener', props: m });
    }
  return parts;
}

function elbClassic(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { name: 'LoadBalancerName', scheme: 'Scheme' });
  const ls = a.get('listeners');
  if (ls)
    props.set(
      'Listeners',
      pascalKeys(ls, { ssl_certificate_id: 'SSLCertificateId', load_balancer_port: 'LoadBalancerPort' }),
    );
  return one('AWS::ElasticLoadBalancing::LoadBalancer', props, t);
}

function cloudfront(t: Task, a: Args): AdaptedPart[] {
  const l = moduleLoc(t);
  const cfg = new Map<string, CValue>();
  const over = {
    cloudfront_default_certificate: 'CloudFrontDefaultCertificate',
    acm_certificate_arn: 'AcmCertificateArn',
    iam_certificate_id: 'IamCertificateId',
    ssl_support_method: 'SslSupportMethod',
  };
  for (const [k, to] of [
    ['default_cache_behavior', 'DefaultCacheBehavior'],
    ['cache_behaviors', 'CacheBehaviors'],
    ['viewer_certificate', 'ViewerCertificate'],
    ['logging', 'Logging'],
    ['origins', 'Origins'],
  ] as const) {
    const v = a.get(k);
    if (v) cfg.set(to, pascalKeys(v, over));
  }
  if (a.get('web_acl_id')) cfg.set('WebACLId', a.get('web_acl_id')!);
  // `default_origin_domain_name` stands for `origins` on the run that creates the distribution (the module's docs:
  // "should only be used on a first run"): one origin, with the module's defaults for everything else (viewer
  // protocol allow-all, origin protocol match-viewer, the default certificate).
  const origin = a.get('default_origin_domain_name');
  if (!a.get('origins') && origin)
    cfg.set('Origins', { t: 'list', items: [cmap(new Map([['DomainName', origin]]), origin.loc)], loc: origin.loc });
  // Without origins the task changes a distribution that exists (by id or alias): what it leaves out is unknown.
  return one('AWS::CloudFront::Distribution', new Map([['DistributionConfig', cmap(cfg, l)]]), t, !cfg.has('Origins'));
}

// ------------------------------------------------------------------------------------------ audit

function cloudtrail(t: Task, a: Args): AdaptedPart[] {
  return one(
    'AWS::CloudTrail::Trail',
    renamed(t, a, {
      name: 'TrailName',
      'enable_log_file_validation|log_file_validation_enabled': 'EnableLogFileValidation',
      is_multi_region_trail: 'IsMultiRegionTrail',
      kms_key_id: 'KMSKeyId',
      cloudwatch_logs_log_group_arn: 'CloudWatchLogsLogGroupArn',
      cloudwatch_logs_role_arn: 'CloudWatchLogsRoleArn',
      sns_topic_name: 'SnsTopicName',
      enable_logging: 'IsLogging',
      s3_bucket_name: 'S3BucketName',
    }),
    t,
  );
}

function logGroup(t: Task, a: Args): AdaptedPart[] {
  return one(
    'AWS::Logs::LogGroup',
    renamed(t, a, { log_group_name: 'LogGroupName', retention: 'RetentionInDays', kms_key_id: 'KmsKeyId' }),
    t,
  );
}

function configAggregator(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, { name: 'ConfigurationAggregatorName' });
  const o = {
    all_aws_regions: 'AllAwsRegions',
    aws_regions: 'AwsRegions',
    account_ids: 'AccountIds',
    role_arn: 'RoleArn',
  };
  const acc = a.get('account_sources');
  if (acc)
    props.set(
      'AccountAggregationSources',
      pascalKeys(acc.t === 'map' ? { t: 'list', items: [acc], loc: acc.loc } : acc, o),
    );
  const org = a.get('organization_source');
  if (org) props.set('OrganizationAggregationSource', pascalKeys(org, o));
  return one('AWS::Config::ConfigurationAggregator', props, t);
}

/** community.aws.batch_job_definition: the container settings are top-level arguments of the module. */
function batchJobDefinition(t: Task, a: Args): AdaptedPart[] {
  return one(
    'AWS::Batch::JobDefinition',
    renamed(t, a, {
      job_definition_name: 'JobDefinitionName',
      type: 'Type',
      image: 'ContainerProperties.Image',
      privileged: 'ContainerProperties.Privileged',
      readonly_root_filesystem: 'ContainerProperties.ReadonlyRootFilesystem',
      user: 'ContainerProperties.User',
    }),
    t,
  );
}

/** community.aws.elasticache: one cache cluster (memcached by default). `state: rebooted` acts on an existing one. */
function elasticache(t: Task, a: Args): AdaptedPart[] {
  const props = renamed(t, a, {
    name: 'ClusterName',
    engine: 'Engine',
    node_type: 'CacheNodeType',
    num_nodes: 'NumCacheNodes',
    cache_subnet_group: 'CacheSubnetGroupName',
    security_group_ids: 'VpcSecurityGroupIds',
  });
  const rebooted = scalars(a.get('state')).some((s) => s.value === 'rebooted');
  return one('AWS::ElastiCache::CacheCluster', props, t, rebooted);
}

export type AwsTranslator = (t: Task, args: Args) => AdaptedPart[];

/** Module short name(s) → translator. Aliases and legacy names share a translator. */
export const AWS_MODULES: ReadonlyArray<readonly [readonly string[], AwsTranslator]> = [
  [['sqs_queue'], sqsQueue],
  [['sns_topic'], snsTopic],
  [['ecs_ecr'], ecr],
  [['elasticache'], elasticache],
  [['lambda_policy'], lambdaPolicy],
  [['ses_identity_policy', 'aws_ses_identity_policy'], sesPolicy],
  [['kms_key', 'aws_kms'], kmsKey],
  [['ec2_instance'], ec2Instance],
  [['ec2'], legacyEc2],
  [['ec2_lc', 'autoscaling_launch_config'], launchConfig],
  [['ec2_ami'], ami],
  [['lambda'], lambdaFunction],
  [['codebuild_project', 'aws_codebuild'], codebuild],
  [['s3_bucket'], s3Bucket],
  [['s3_cors'], s3Cors],
  [['s3_logging'], s3Logging],
  [['kinesis_stream'], kinesis],
  [['efs'], efs],
  [['redshift'], redshift],
  [['rds_instance'], rdsInstance],
  [['rds_cluster'], rdsCluster],
  [['rds'], legacyRds],
  [['opensearch'], opensearch],
  [['iam_password_policy'], passwordPolicy],
  [['iam_role'], iamRole],
  [['iam_managed_policy'], iamManagedPolicy],
  [['iam_policy'], iamPolicy],
  [['iam'], legacyIam],
  [['iam_access_key'], accessKey],
  [['sts_assume_role'], assumeRole],
  [['api_gateway', 'aws_api_gateway'], apiGateway],
  [['elb_application_lb', 'elb_network_lb'], elbV2],
  [['elb_classic_lb', 'ec2_elb_lb'], elbClassic],
  [['cloudfront_distribution'], cloudfront],
  [['cloudtrail'], cloudtrail],
  [['cloudwatchlogs_log_group'], logGroup],
  [['config_aggregator', 'aws_config_aggregator'], configAggregator],
  [['batch_job_definition', 'aws_batch_job_definition'], batchJobDefinition],
];

export function adaptAws(translate: AwsTranslator, t: Task, src: AnsibleSource): AdaptedPart[] {
  return translate(t, taskArgs(t, src));
}
