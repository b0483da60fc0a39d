/** Encryption, logging and resilience settings of data and compute services. */
import type { CloudCheck, CloudResource, CValue } from '../model.js';
import { policyDocument } from '../policy.js';
import { asBool, asNum, asStr, get, isKnown, isSet, items, present, scalars, getSet } from '../values.js';
import { equalsAny, nearest, propCheck, requireSet, requireTrue, strProp } from './factory.js';

// ---------------------------------------------------------------------------------------------- encryption

export const mskInTransit: CloudCheck = {
  name: 'msk-in-transit',
  kinds: ['AWS::MSK::Cluster'],
  codes: { 'msk-in-transit': 'MSK accepts plaintext traffic' },
  run(r, emit) {
    for (const s of scalars(get(r.props, 'EncryptionInfo.EncryptionInTransit.ClientBroker')))
      if (isKnown(s) && equalsAny('PLAINTEXT', 'TLS_PLAINTEXT')(s))
        emit({
          code: 'msk-in-transit',
          resource: r,
          at: s.at,
          message: `${r.name} accepts ${asStr(s) === 'PLAINTEXT' ? 'only plaintext' : 'plaintext'} traffic from clients (ClientBroker ${asStr(s)})`,
          why: s.why,
          ...(asStr(s) === 'TLS_PLAINTEXT' ? { severity: 'medium' as const } : {}),
        });
    for (const s of scalars(get(r.props, 'EncryptionInfo.EncryptionInTransit.InCluster')))
      if (asBool(s.value) === false)
        emit({
          code: 'msk-in-transit',
          resource: r,
          at: s.at,
          message: `${r.name} sends traffic between brokers unencrypted (InCluster false)`,
          why: s.why,
        });
  },
};

export const ecsEfsTransit: CloudCheck = {
  name: 'ecs-efs-transit',
  kinds: ['AWS::ECS::TaskDefinition'],
  codes: { 'ecs-efs-transit': 'EFS volume mounted without TLS' },
  run(r, emit) {
    for (const v of items(get(r.props, 'Volumes'))) {
      const efs = get(v, 'EFSVolumeConfiguration');
      if (!efs || !present(efs)) continue;
      const te = get(efs, 'TransitEncryption');
      const s = scalars(te).find(isKnown);
      if (!te)
        emit({
          code: 'ecs-efs-transit',
          resource: r,
          at: efs,
          message: `${r.name} mounts an EFS volume without TransitEncryption (it defaults to DISABLED)`,
        });
      else if (s && equalsAny('DISABLED')(s))
        emit({
          code: 'ecs-efs-transit',
          resource: r,
          at: s.at,
          message: `${r.name} mounts an EFS volume without TLS`,
          why: s.why,
        });
    }
  },
};

export const sagemakerKms = requireSet({
  code: 'sagemaker-kms',
  kinds: ['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::EndpointConfig'],
  description: 'SageMaker storage without a customer KMS key',
  path: 'KmsKeyId',
  message: (r) => `${r.name} does not set KmsKeyId, so its storage volume is not encrypted with your KMS key`,
});

export const workspacesVolumes: CloudCheck = {
  name: 'workspaces-volumes',
  kinds: ['AWS::WorkSpaces::Workspace'],
  codes: { 'workspaces-volumes': 'WorkSpace volumes not encrypted' },
  run(r, emit) {
    for (const p of ['RootVolumeEncryptionEnabled', 'UserVolumeEncryptionEnabled']) {
      const v = get(r.props, p);
      const f = scalars(v).find((s) => asBool(s.value) === false);
      if (!v) emit({ code: 'workspaces-volumes', resource: r, message: `${r.name} does not set ${p}` });
      else if (f)
        emit({
          code: 'workspaces-volumes',
          resource: r,
          at: f.at,
          message: `${r.name} sets ${p} to false`,
          why: f.why,
        });
    }
  },
};

/** MethodSettings (Stage) or StageDescription (Deployment) entries that cache without encryption. */
export const apigwCacheEncryption: CloudCheck = {
  name: 'apigw-cache-encryption',
  kinds: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'],
  codes: { 'apigw-cache-encryption': 'API cache not encrypted' },
  run(r, emit) {
    const settings: CValue[] =
      r.kind === 'AWS::ApiGateway::Stage'
        ? items(get(r.props, 'MethodSettings'))
        : [get(r.props, 'StageDescription'), ...items(get(r.props, 'StageDescription.MethodSettings'))].filter(
            (x): x is CValue => x !== undefined,
          );
    for (const m of settings) {
      const caching = scalars(get(m, 'CachingEnabled')).some((s) => asBool(s.value) === true);
      if (!caching) continue;
      const enc = get(m, 'CacheDataEncrypted');
      const f = scalars(enc).find((s) => asBool(s.value) === false);
      if (!enc || f)
        emit({
          code: 'apigw-cache-encryption',
          resource: r,
          at: f?.at ?? get(m, 'CachingEnabled'),
          message: `${r.name} caches responses without encrypting the cache (CacheDataEncrypted)`,
        });
    }
  },
};

export const mqCmk = propCheck({
  code: 'mq-cmk',
  kinds: ['AWS::AmazonMQ::Broker'],
  description: 'broker encrypted with an AWS-owned key',
  path: 'EncryptionOptions.UseAwsOwnedKey',
  bad: (s) => asBool(s.value) === true,
  message: (r) => `${r.name} encrypts with an AWS-owned key rather than your KMS key`,
  absent: (r) => `${r.name} does not set EncryptionOptions, so it uses an AWS-owned key`,
});

export const codebuildCmk = requireSet({
  code: 'codebuild-cmk',
  kinds: ['AWS::CodeBuild::Project'],
  description: 'build artifacts encrypted with the AWS-managed key',
  path: 'EncryptionKey',
  message: (r) => `${r.name} does not set EncryptionKey, so artifacts use the AWS-managed S3 key`,
});

export const ebsCmk = requireSet({
  code: 'ebs-cmk',
  kinds: ['AWS::EC2::Volume'],
  description: 'EBS volume without a customer KMS key',
  path: 'KmsKeyId',
  // CFN-EC2-006 reports unencrypted volumes; this is about whose key encrypts them.
  when: (r) => scalars(get(r.props, 'Encrypted')).some((s) => asBool(s.value) === true),
  message: (r) => `${r.name} is encrypted with the AWS-managed EBS key, not your KMS key`,
});

/** EKS envelope encryption: an `EncryptionConfig` entry with `Provider.KeyArn` (an entry without a key encrypts nothing). */
export const eksSecrets: CloudCheck = {
  name: 'eks-secrets',
  kinds: ['AWS::EKS::Cluster'],
  codes: { 'eks-secrets': 'Kubernetes secrets not envelope-encrypted' },
  run(r, emit) {
    const enc = get(r.props, 'EncryptionConfig');
    if (!isSet(enc)) {
      if (!r.partial)
        emit({
          code: 'eks-secrets',
          resource: r,
          at: enc,
          message: `${r.name} does not envelope-encrypt Kubernetes secrets with KMS (no EncryptionConfig)`,
        });
      return;
    }
    if (items(enc).some((c) => c.t !== 'map' || getSet(c, 'Provider.KeyArn'))) return;
    emit({
      code: 'eks-secrets',
      resource: r,
      at: enc,
      message: `${r.name} has an EncryptionConfig without Provider.KeyArn, so no KMS key encrypts its secrets`,
    });
  },
};

export const daxEncryption = requireTrue({
  code: 'dax-encryption',
  kinds: ['AWS::DAX::Cluster'],
  description: 'DAX cluster not encrypted at rest',
  path: 'SSESpecification.SSEEnabled',
  absentMessage: (r) => `${r.name} does not enable encryption at rest (SSESpecification)`,
  falseMessage: (r) => `${r.name} turns encryption at rest off`,
});

export const kendraKms = requireSet({
  code: 'kendra-kms',
  kinds: ['AWS::Kendra::Index'],
  description: 'Kendra index without a customer KMS key',
  path: 'ServerSideEncryptionConfiguration.KmsKeyId',
  message: (r) => `${r.name} does not set a KMS key for its index (ServerSideEncryptionConfiguration)`,
});

export const firehoseEncryption: CloudCheck = {
  name: 'firehose-encryption',
  kinds: ['AWS::KinesisFirehose::DeliveryStream'],
  codes: { 'firehose-encryption': 'delivery stream not encrypted' },
  run(r, emit) {
    const type = strProp(r, 'DeliveryStreamType');
    // A stream fed from Kinesis or MSK keeps the source's encryption.
    if (type && type !== 'directput') return;
    if (getSet(r.props, 'DeliveryStreamEncryptionConfigurationInput') !== undefined) return;
    emit({
      code: 'firehose-encryption',
      resource: r,
      message: `${r.name} does not encrypt records at rest (DeliveryStreamEncryptionConfigurationInput)`,
    });
  },
};

/** EMR clusters without a security configuration, and security configurations that leave encryption out. */
export const emrEncryption: CloudCheck = {
  name: 'emr-encryption',
  kinds: ['AWS::EMR::Cluster', 'AWS::EMR::SecurityConfiguration'],
  codes: {
    'emr-no-security-configuration': 'cluster without a security configuration',
    'emr-encryption-off': 'security configuration without at-rest, in-transit or local-disk encryption',
  },
  run(r, emit) {
    if (r.kind === 'AWS::EMR::Cluster') {
      if (getSet(r.props, 'SecurityConfiguration') === undefined)
        emit({
          code: 'emr-no-security-configuration',
          resource: r,
          message: `${r.name} has no SecurityConfiguration, so nothing is encrypted beyond the defaults`,
        });
      return;
    }
    const raw = get(r.props, 'SecurityConfiguration');
    const conf = policyDocument(raw);
    if (!conf) return;
    const enc = get(conf, 'EncryptionConfiguration');
    const at = enc ?? raw;
    if (!enc) {
      emit({ code: 'emr-encryption-off', resource: r, at, message: `${r.name} configures no encryption` });
      return;
    }
    const flag = (k: string) => scalars(get(enc, k)).find(isKnown);
    const rest = flag('EnableAtRestEncryption');
    const transit = flag('EnableInTransitEncryption');
    if (!rest || asBool(rest.value) === false)
      emit({
        code: 'emr-encryption-off',
        resource: r,
        at: rest?.at ?? at,
        message: `${r.name} does not encrypt data at rest`,
      });
    else if (!getSet(enc, 'AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration'))
      emit({
        code: 'emr-encryption-off',
        resource: r,
        at: rest.at,
        message: `${r.name} does not encrypt the nodes' local disks`,
      });
    if (!transit || asBool(transit.value) === false)
      emit({
        code: 'emr-encryption-off',
        resource: r,
        at: transit?.at ?? at,
        message: `${r.name} does not encrypt data in transit`,
      });
  },
};

// ---------------------------------------------------------------------------------------------- logging

export const mskLogs: CloudCheck = {
  name: 'msk-logs',
  kinds: ['AWS::MSK::Cluster'],
  codes: { 'msk-logs': 'broker logs not delivered' },
  run(r, emit) {
    const logs = get(r.props, 'LoggingInfo.BrokerLogs');
    if (!logs || !present(logs)) {
      emit({
        code: 'msk-logs',
        resource: r,
        at: nearest(r, 'LoggingInfo.BrokerLogs'),
        message: `${r.name} does not deliver broker logs (LoggingInfo)`,
      });
      return;
    }
    // Delivered when some destination is enabled (or cannot be known).
    const dests = ['CloudWatchLogs', 'Firehose', 'S3']
      .map((d) => get(logs, `${d}.Enabled`))
      .filter((v) => v !== undefined);
    const on = dests.some((v) => scalars(v).some((s) => asBool(s.value) !== false));
    if (!on)
      emit({ code: 'msk-logs', resource: r, at: logs, message: `${r.name} turns every broker log destination off` });
  },
};

export const mqLogs: CloudCheck = {
  name: 'mq-logs',
  kinds: ['AWS::AmazonMQ::Broker'],
  codes: { 'mq-logs': 'broker logs off' },
  run(r, emit) {
    const rabbit = strProp(r, 'EngineType') === 'rabbitmq';
    const want = rabbit ? ['General'] : ['General', 'Audit'];
    const logs = get(r.props, 'Logs');
    const off = want.filter((k) => !scalars(get(logs, k)).some((s) => asBool(s.value) === true || !isKnown(s)));
    if (off.length)
      emit({
        code: 'mq-logs',
        resource: r,
        at: logs,
        message: `${r.name} does not publish ${off.join(' and ')} logs to CloudWatch`,
      });
  },
};

export const apigwExecutionLogs: CloudCheck = {
  name: 'apigw-execution-logs',
  kinds: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
  codes: { 'apigw-execution-logs': 'execution logging off' },
  run(r, emit) {
    if (r.kind === 'AWS::ApiGatewayV2::Stage') {
      // Only WebSocket APIs log executions (HTTP APIs cannot): an explicit OFF is reported, absence is not.
      const off = scalars(get(r.props, 'DefaultRouteSettings.LoggingLevel')).find((s) => equalsAny('OFF')(s));
      if (off)
        emit({
          code: 'apigw-execution-logs',
          resource: r,
          at: off.at,
          message: `${r.name} turns execution logging off for its routes (DefaultRouteSettings.LoggingLevel OFF)`,
          why: off.why,
        });
      return;
    }
    const settings = items(get(r.props, 'MethodSettings'));
    const levels = settings.flatMap((m) => scalars(get(m, 'LoggingLevel')));
    if (levels.some((s) => !isKnown(s) || equalsAny('INFO', 'ERROR')(s))) return;
    const off = levels.find((s) => equalsAny('OFF')(s));
    emit({
      code: 'apigw-execution-logs',
      resource: r,
      at: off?.at ?? get(r.props, 'MethodSettings'),
      message: `${r.name} does not log executions (MethodSettings LoggingLevel ERROR or INFO)`,
    });
  },
};

export const configAllRegions: CloudCheck = {
  name: 'config-all-regions',
  kinds: ['AWS::Config::ConfigurationAggregator'],
  codes: { 'config-all-regions': 'aggregator does not cover every region' },
  run(r, emit) {
    const sources = [
      ...items(get(r.props, 'AccountAggregationSources')),
      get(r.props, 'OrganizationAggregationSource'),
    ];
    for (const src of sources) {
      if (!src || src.t !== 'map') continue;
      const all = get(src, 'AllAwsRegions');
      if (scalars(all).some((s) => asBool(s.value) === true || !isKnown(s))) continue;
      emit({
        code: 'config-all-regions',
        resource: r,
        at: all ?? src,
        message: `${r.name} aggregates only some regions (AllAwsRegions is not true)`,
      });
    }
  },
};

export const lambdaTracing: CloudCheck = {
  name: 'lambda-tracing',
  kinds: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
  codes: { 'lambda-tracing': 'X-Ray tracing off' },
  run(r, emit) {
    const v = get(r.props, r.kind === 'AWS::Lambda::Function' ? 'TracingConfig.Mode' : 'Tracing');
    const s = scalars(v).find(isKnown);
    if (v && !s) return;
    if (!v || (s && !equalsAny('Active')(s)))
      emit({
        code: 'lambda-tracing',
        resource: r,
        at: s?.at ?? (r.kind === 'AWS::Lambda::Function' ? nearest(r, 'TracingConfig.Mode') : undefined),
        message: `${r.name} does not trace requests with X-Ray (Mode Active)`,
      });
  },
};

export const docdbAudit: CloudCheck = {
  name: 'docdb-audit',
  kinds: ['AWS::DocDB::DBCluster'],
  codes: { 'docdb-audit': 'audit logs not exported' },
  run(r, emit) {
    const v = get(r.props, 'EnableCloudwatchLogsExports');
    const vals = scalars(v);
    if (vals.some((s) => !isKnown(s))) return;
    const missing = ['audit', 'profiler'].filter((k) => !vals.some((s) => asStr(s) === k));
    if (missing.length)
      emit({
        code: 'docdb-audit',
        resource: r,
        at: v,
        message: `${r.name} does not export ${missing.join(' and ')} logs (EnableCloudwatchLogsExports)`,
      });
  },
};

export const ecsInsights: CloudCheck = {
  name: 'ecs-insights',
  kinds: ['AWS::ECS::Cluster'],
  codes: { 'ecs-insights': 'Container Insights off' },
  run(r, emit) {
    const settings = items(get(r.props, 'ClusterSettings'));
    const ci = settings.find((s) => scalars(get(s, 'Name')).some((x) => asStr(x) === 'containerInsights'));
    const value = ci ? scalars(get(ci, 'Value')).find(isKnown) : undefined;
    if (ci && (!value || equalsAny('enabled', 'enhanced')(value))) return;
    emit({
      code: 'ecs-insights',
      resource: r,
      at: value?.at ?? get(r.props, 'ClusterSettings'),
      message: `${r.name} does not enable Container Insights`,
    });
  },
};

export const route53QueryLogs: CloudCheck = {
  name: 'route53-query-logs',
  kinds: ['AWS::Route53::HostedZone'],
  codes: { 'route53-query-logs': 'public zone without query logging' },
  run(r, emit) {
    if (getSet(r.props, 'VPCs') !== undefined || getSet(r.props, 'QueryLoggingConfig') !== undefined) return;
    emit({
      code: 'route53-query-logs',
      resource: r,
      message: `${r.name} does not log DNS queries (QueryLoggingConfig)`,
    });
  },
};

export const guarddutyOff = requireTrue({
  code: 'guardduty-off',
  kinds: ['AWS::GuardDuty::Detector'],
  description: 'GuardDuty detector disabled',
  path: 'Enable',
  falseMessage: (r) => `${r.name} creates a GuardDuty detector that is turned off`,
});

// ---------------------------------------------------------------------------------------------- resilience

export const rdsBackupRetention: CloudCheck = {
  name: 'rds-backup-retention',
  kinds: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  codes: { 'rds-backup-retention': 'backups kept less than 7 days' },
  run(r, emit) {
    if (r.kind === 'AWS::RDS::DBInstance' && getSet(r.props, 'DBClusterIdentifier') !== undefined) return;
    if (r.kind === 'AWS::RDS::DBInstance' && getSet(r.props, 'SourceDBInstanceIdentifier') !== undefined) return;
    const v = get(r.props, 'BackupRetentionPeriod');
    const n = scalars(v)
      .map((s) => asNum(s.value))
      .find((x) => x !== undefined && x < 7);
    if (!v)
      emit({
        code: 'rds-backup-retention',
        resource: r,
        message: `${r.name} keeps automated backups for 1 day (the default)`,
      });
    else if (n !== undefined)
      emit({
        code: 'rds-backup-retention',
        resource: r,
        at: v,
        message:
          n === 0
            ? `${r.name} turns automated backups off`
            : `${r.name} keeps automated backups for ${n} day(s), less than 7`,
      });
  },
};

export const rdsDeletionProtection = requireTrue({
  code: 'rds-deletion-protection',
  kinds: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  description: 'database can be deleted without turning protection off first',
  path: 'DeletionProtection',
  when: (r) => !(r.kind === 'AWS::RDS::DBInstance' && getSet(r.props, 'DBClusterIdentifier') !== undefined),
  absentMessage: (r) => `${r.name} does not enable DeletionProtection`,
  falseMessage: (r) => `${r.name} turns DeletionProtection off`,
});

export const rdsMultiAz = requireTrue({
  code: 'rds-multi-az',
  kinds: ['AWS::RDS::DBInstance'],
  description: 'database instance in a single Availability Zone',
  path: 'MultiAZ',
  when: (r) =>
    getSet(r.props, 'DBClusterIdentifier') === undefined &&
    getSet(r.props, 'SourceDBInstanceIdentifier') === undefined &&
    !/^aurora/.test(strProp(r, 'Engine') ?? ''),
  absentMessage: (r) => `${r.name} runs in a single Availability Zone (MultiAZ is not set)`,
  falseMessage: (r) => `${r.name} sets MultiAZ to false`,
});

export const ecrScanOnPush = requireTrue({
  code: 'ecr-scan-on-push',
  kinds: ['AWS::ECR::Repository'],
  description: 'images not scanned on push',
  path: 'ImageScanningConfiguration.ScanOnPush',
  absentMessage: (r) => `${r.name} does not scan images on push`,
  falseMessage: (r) => `${r.name} turns scan on push off`,
});

export const ecrMutableTags = propCheck({
  code: 'ecr-mutable-tags',
  kinds: ['AWS::ECR::Repository'],
  description: 'image tags can be overwritten',
  path: 'ImageTagMutability',
  bad: equalsAny('MUTABLE'),
  message: (r) => `${r.name} lets a pushed tag be overwritten (ImageTagMutability MUTABLE)`,
  absent: (r) => `${r.name} lets a pushed tag be overwritten (ImageTagMutability defaults to MUTABLE)`,
});

export const elasticacheMultiAz = requireTrue({
  code: 'elasticache-multi-az',
  kinds: ['AWS::ElastiCache::ReplicationGroup'],
  description: 'replication group without Multi-AZ failover',
  path: 'MultiAZEnabled',
  absentMessage: (r) => `${r.name} does not enable Multi-AZ (MultiAZEnabled)`,
  falseMessage: (r) => `${r.name} sets MultiAZEnabled to false`,
});

export const lambdaDlq = requireSet({
  code: 'lambda-dlq',
  kinds: ['AWS::Lambda::Function'],
  description: 'function without a dead-letter queue',
  path: 'DeadLetterConfig.TargetArn',
  message: (r) => `${r.name} has no dead-letter queue, so failed asynchronous events are dropped`,
});

/** The SAM spelling: `DeadLetterQueue: {Type: SQS|SNS, TargetArn}` (or from Globals.Function). */
export const samDlq = requireSet({
  code: 'lambda-dlq',
  kinds: ['AWS::Serverless::Function'],
  description: 'function without a dead-letter queue',
  path: 'DeadLetterQueue.TargetArn',
  message: (r) => `${r.name} has no DeadLetterQueue, so failed asynchronous events are dropped`,
});

export const dynamoPitr = requireTrue({
  code: 'dynamodb-pitr',
  kinds: ['AWS::DynamoDB::Table'],
  description: 'point-in-time recovery off',
  path: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
  absentMessage: (r) => `${r.name} does not enable point-in-time recovery`,
  falseMessage: (r) => `${r.name} turns point-in-time recovery off`,
});

// ---------------------------------------------------------------------------------------------- audit logs

/** Log types that record errors and who did what (slow logs are performance logs). */
const OPENSEARCH_LOGS = ['ES_APPLICATION_LOGS', 'AUDIT_LOGS'];

export const opensearchLogs: CloudCheck = {
  name: 'opensearch-logs',
  kinds: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  codes: { 'opensearch-logs': 'neither application nor audit logs are published' },
  run(r, emit) {
    if (r.partial) return;
    const opts = get(r.props, 'LogPublishingOptions');
    // A whole option map from a parameter or a condition cannot be judged.
    if (opts && opts.t !== 'map') return;
    const on = OPENSEARCH_LOGS.some((k) => {
      const o = get(opts, k);
      if (!o) return false;
      const enabled = scalars(get(o, 'Enabled'));
      if (enabled.some((e) => asBool(e.value) === false) && !enabled.some((e) => !isKnown(e))) return false;
      return enabled.length > 0 || isSet(get(o, 'CloudWatchLogsLogGroupArn'));
    });
    if (!on)
      emit({
        code: 'opensearch-logs',
        resource: r,
        at: opts,
        message: `${r.name} publishes neither application (error) logs nor audit logs to CloudWatch Logs`,
      });
  },
};

export const redshiftAuditLogging: CloudCheck = {
  name: 'redshift-audit-logging',
  kinds: ['AWS::Redshift::Cluster'],
  codes: { 'redshift-audit-logging': 'audit logging is off' },
  run(r, emit) {
    if (r.partial) return;
    const lp = get(r.props, 'LoggingProperties');
    if (lp && lp.t !== 'map' && lp.t !== 'scalar') return;
    const dest = scalars(get(lp, 'LogDestinationType'));
    const cloudwatch = dest.some((d) => !isKnown(d) || asStr(d)?.toLowerCase() === 'cloudwatch');
    if (cloudwatch || isSet(get(lp, 'BucketName'))) return;
    emit({
      code: 'redshift-audit-logging',
      resource: r,
      at: lp,
      message: lp
        ? `${r.name} sets LoggingProperties without a BucketName or LogDestinationType cloudwatch, so audit logging stays off`
        : `${r.name} does not enable audit logging (no LoggingProperties)`,
    });
  },
};

// ---------------------------------------------------------------------------------------------- RDS

/** A member of a cluster or a read replica takes its backups (and retention) from elsewhere. */
const ownBackups = (r: CloudResource): boolean =>
  r.kind !== 'AWS::RDS::DBInstance' ||
  (getSet(r.props, 'DBClusterIdentifier') === undefined && getSet(r.props, 'SourceDBInstanceIdentifier') === undefined);

export const rdsBackupsOff = propCheck({
  code: 'rds-backups-off',
  kinds: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  description: 'automated backups turned off (retention 0)',
  path: 'BackupRetentionPeriod',
  when: ownBackups,
  bad: (s) => asNum(s.value) === 0,
  message: (r) => `${r.name} turns automated backups off (BackupRetentionPeriod 0): no point-in-time restore`,
});

/** The CA bundles named by year (rds-ca-2015, rds-ca-2019 and their regional variants) have expired. */
export const rdsRetiredCa = propCheck({
  code: 'rds-retired-ca',
  kinds: ['AWS::RDS::DBInstance'],
  description: 'the server certificate is signed by a retired CA',
  path: 'CACertificateIdentifier',
  bad: (s) => /^rds-ca-20\d\d\b/i.test(asStr(s) ?? ''),
  message: (r, s) =>
    `${r.name} uses the retired certificate authority ${asStr(s)} (expired): clients that verify the server certificate fail, and those that do not verify nothing`,
});
