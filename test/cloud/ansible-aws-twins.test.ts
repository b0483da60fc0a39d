/**
 * Ansible AWS modules on the shared model: each module task is adapted to the CloudFormation resource type it
 * manages, so a shared check gives the same finding codes for the task and for its CloudFormation twin. Table-driven:
 * one secure and one insecure pair per check, written from the module docs and the resource schemas.
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/parse/cloudformation.js';
import { loadAnsible, posOf } from '../../src/parse/ansible.js';
import { fromCfnResource } from '../../src/cloud/adapters/cloudformation.js';
import { fromAnsibleTaskAll } from '../../src/cloud/adapters/ansible.js';
import type { CloudCheck, CloudResource } from '../../src/cloud/model.js';
import { get, scalars } from '../../src/cloud/values.js';
import { kmsKeySettings, cloudtrailSettings, logGroupRetention } from '../../src/cloud/checks/aws-audit.js';
import { elbListener, cloudfrontTransport, opensearchHttps } from '../../src/cloud/checks/aws-transport.js';
import {
  efsEncryption,
  kinesisEncryption,
  redshiftEncryption,
  s3Versioning,
} from '../../src/cloud/checks/aws-at-rest.js';
import {
  resourcePolicyOpen,
  redshiftPublic,
  ec2InstanceExposure,
  ec2DefaultSecurityGroup,
  opensearchOutsideVpc,
  elasticacheSubnetGroup,
} from '../../src/cloud/checks/aws-exposure.js';
import { batchPrivileged, iamUserInlinePolicy, rdsIamAuth, trustPolicy } from '../../src/cloud/checks/identity.js';
import {
  lambdaTracing,
  configAllRegions,
  codebuildCmk,
  ecrMutableTags,
  rdsBackupsOff,
  rdsRetiredCa,
} from '../../src/cloud/checks/data.js';
import { ecrPublicPolicy, lambdaPermissionScope } from '../../src/cloud/checks/network.js';
import { securityGroupCheck } from '../../src/cloud/checks/security-group.js';
import { customerKey } from '../../src/cloud/checks/kms.js';

function cfn(type: string, props: string): CloudResource[] {
  const text = `Resources:\n  R:\n    Type: ${type}\n    Properties:\n${props.replace(/^/gm, '      ')}\n`;
  const t = parseTemplate(text).template!;
  return t.resources.map((r) => fromCfnResource(t, r));
}

function ans(task: string): CloudResource[] {
  const file = loadAnsible('tasks/main.yml', task).file!;
  return file.tasks.flatMap((t) => fromAnsibleTaskAll(t, { pos: (n) => posOf(file, n) }));
}

function codes(check: CloudCheck, rs: CloudResource[]): string[] {
  const out: string[] = [];
  const mine = rs.filter((r) => check.kinds.includes(r.kind));
  for (const r of mine) check.run(r, (f) => out.push(f.code), mine);
  return out.sort();
}

interface Twin {
  name: string;
  check: CloudCheck;
  cfn: [string, string];
  ansible: string;
  want: string[];
}

const TWINS: Twin[] = [
  {
    name: 'port range open to the internet',
    check: securityGroupCheck,
    cfn: [
      'AWS::EC2::SecurityGroup',
      'GroupDescription: app\nVpcId: vpc-1\nSecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 30000\n    ToPort: 30100\n    CidrIp: 0.0.0.0/0',
    ],
    ansible:
      '- amazon.aws.ec2_security_group:\n    name: app\n    description: app\n    vpc_id: vpc-1\n    rules:\n      - proto: tcp\n        from_port: 30000\n        to_port: 30100\n        cidr_ip: 0.0.0.0/0\n',
    want: ['ingress-range'],
  },
  {
    name: 'one public port',
    check: securityGroupCheck,
    cfn: [
      'AWS::EC2::SecurityGroup',
      'GroupDescription: web\nVpcId: vpc-1\nSecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    CidrIp: 0.0.0.0/0',
    ],
    ansible:
      '- amazon.aws.ec2_security_group:\n    name: web\n    description: web\n    vpc_id: vpc-1\n    rules:\n      - proto: tcp\n        ports: [443]\n        cidr_ip: 0.0.0.0/0\n',
    want: [],
  },
  {
    name: 'instance in the default security group',
    check: ec2DefaultSecurityGroup,
    cfn: ['AWS::EC2::Instance', 'ImageId: ami-1\nSecurityGroups: [web, default]'],
    ansible: '- amazon.aws.ec2_instance:\n    name: i\n    image_id: ami-1\n    security_groups: [web, default]\n',
    want: ['ec2-default-sg'],
  },
  {
    name: 'instance in its own security group',
    check: ec2DefaultSecurityGroup,
    cfn: ['AWS::EC2::Instance', 'ImageId: ami-1\nSecurityGroups: [web]'],
    ansible: '- amazon.aws.ec2_instance:\n    name: i\n    image_id: ami-1\n    security_group: web\n',
    want: [],
  },
  {
    name: 'privileged Batch container',
    check: batchPrivileged,
    cfn: ['AWS::Batch::JobDefinition', 'Type: container\nContainerProperties:\n  Image: alpine\n  Privileged: true'],
    ansible:
      '- community.aws.batch_job_definition:\n    job_definition_name: j\n    type: container\n    image: alpine\n    privileged: true\n',
    want: ['batch-privileged'],
  },
  {
    name: 'unprivileged Batch container',
    check: batchPrivileged,
    cfn: ['AWS::Batch::JobDefinition', 'Type: container\nContainerProperties:\n  Image: alpine'],
    ansible:
      '- community.aws.batch_job_definition:\n    job_definition_name: j\n    type: container\n    image: alpine\n',
    want: [],
  },
  {
    name: 'Lambda permission for every action and any bucket',
    check: lambdaPermissionScope,
    cfn: [
      'AWS::Lambda::Permission',
      'FunctionName: f\nAction: lambda:*\nPrincipal: s3.amazonaws.com\nSourceArn: arn:aws:s3:::*',
    ],
    ansible:
      '- amazon.aws.lambda_policy:\n    function_name: f\n    statement_id: s\n    action: lambda:*\n    principal: s3.amazonaws.com\n    source_arn: arn:aws:s3:::*\n',
    want: ['lambda-permission-scope', 'lambda-permission-scope'],
  },
  {
    name: 'Lambda permission to invoke from one bucket',
    check: lambdaPermissionScope,
    cfn: [
      'AWS::Lambda::Permission',
      'FunctionName: f\nAction: lambda:InvokeFunction\nPrincipal: s3.amazonaws.com\nSourceArn: arn:aws:s3:::uploads',
    ],
    ansible:
      '- amazon.aws.lambda_policy:\n    function_name: f\n    statement_id: s\n    action: lambda:InvokeFunction\n    principal: s3.amazonaws.com\n    source_arn: arn:aws:s3:::uploads\n',
    want: [],
  },
  {
    name: 'ECR repository with mutable tags (the default)',
    check: ecrMutableTags,
    cfn: ['AWS::ECR::Repository', 'RepositoryName: shop/web'],
    ansible: '- community.aws.ecs_ecr:\n    name: shop/web\n',
    want: ['ecr-mutable-tags'],
  },
  {
    name: 'ECR repository with immutable tags',
    check: ecrMutableTags,
    cfn: ['AWS::ECR::Repository', 'RepositoryName: shop/web\nImageTagMutability: IMMUTABLE'],
    ansible: '- community.aws.ecs_ecr:\n    name: shop/web\n    image_tag_mutability: immutable\n',
    want: [],
  },
  {
    name: 'inline policy on a user',
    check: iamUserInlinePolicy,
    cfn: ['AWS::IAM::Policy', 'PolicyName: p\nUsers: [deployer]\nPolicyDocument: {Statement: []}'],
    ansible: '- amazon.aws.iam_policy:\n    iam_type: user\n    iam_name: deployer\n    policy_name: p\n',
    want: ['iam-user-inline-policy'],
  },
  {
    name: 'inline policy on a group',
    check: iamUserInlinePolicy,
    cfn: ['AWS::IAM::Policy', 'PolicyName: p\nGroups: [deployers]\nPolicyDocument: {Statement: []}'],
    ansible: '- amazon.aws.iam_policy:\n    iam_type: group\n    iam_name: deployers\n    policy_name: p\n',
    want: [],
  },
  {
    name: 'OpenSearch domain with a public endpoint',
    check: opensearchOutsideVpc,
    cfn: ['AWS::OpenSearchService::Domain', 'DomainName: search\nEngineVersion: OpenSearch_2.11'],
    ansible: '- community.aws.opensearch:\n    domain_name: search\n    engine_version: OpenSearch_2.11\n',
    want: ['opensearch-outside-vpc'],
  },
  {
    name: 'OpenSearch domain in private subnets',
    check: opensearchOutsideVpc,
    cfn: [
      'AWS::OpenSearchService::Domain',
      'DomainName: search\nVPCOptions:\n  SubnetIds: [subnet-1]\n  SecurityGroupIds: [sg-1]',
    ],
    ansible:
      '- community.aws.opensearch:\n    domain_name: search\n    vpc_options:\n      subnets: [subnet-1]\n      security_groups: [sg-1]\n',
    want: [],
  },
  {
    name: 'OpenSearch domain encrypted with the AWS-managed key',
    check: customerKey,
    cfn: ['AWS::OpenSearchService::Domain', 'DomainName: search\nEncryptionAtRestOptions:\n  Enabled: true'],
    ansible:
      '- community.aws.opensearch:\n    domain_name: search\n    encryption_at_rest_options:\n      enabled: true\n',
    want: ['customer-key'],
  },
  {
    name: 'OpenSearch domain encrypted with a customer key',
    check: customerKey,
    cfn: [
      'AWS::OpenSearchService::Domain',
      'DomainName: search\nEncryptionAtRestOptions:\n  Enabled: true\n  KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/k',
    ],
    ansible:
      '- community.aws.opensearch:\n    domain_name: search\n    encryption_at_rest_options:\n      enabled: true\n      kms_key_id: arn:aws:kms:eu-west-1:111122223333:key/k\n',
    want: [],
  },
  {
    name: 'RDS instance without backups and with a retired CA',
    check: rdsBackupsOff,
    cfn: ['AWS::RDS::DBInstance', 'Engine: postgres\nBackupRetentionPeriod: 0\nCACertificateIdentifier: rds-ca-2019'],
    ansible:
      '- amazon.aws.rds_instance:\n    id: db\n    engine: postgres\n    backup_retention_period: 0\n    ca_certificate_identifier: rds-ca-2019\n',
    want: ['rds-backups-off'],
  },
  {
    name: 'RDS instance with a retired CA',
    check: rdsRetiredCa,
    cfn: ['AWS::RDS::DBInstance', 'Engine: postgres\nBackupRetentionPeriod: 7\nCACertificateIdentifier: rds-ca-2019'],
    ansible:
      '- amazon.aws.rds_instance:\n    id: db\n    engine: postgres\n    backup_retention_period: 7\n    ca_certificate_identifier: rds-ca-2019\n',
    want: ['rds-retired-ca'],
  },
  {
    name: 'RDS instance with backups and a current CA',
    check: rdsRetiredCa,
    cfn: [
      'AWS::RDS::DBInstance',
      'Engine: postgres\nBackupRetentionPeriod: 7\nCACertificateIdentifier: rds-ca-rsa2048-g1',
    ],
    ansible:
      '- amazon.aws.rds_instance:\n    id: db\n    engine: postgres\n    backup_retention_period: 7\n    ca_certificate_identifier: rds-ca-rsa2048-g1\n',
    want: [],
  },
  {
    name: 'RDS cluster keeping backups',
    check: rdsBackupsOff,
    cfn: ['AWS::RDS::DBCluster', 'Engine: aurora-postgresql\nBackupRetentionPeriod: 7'],
    ansible: '- amazon.aws.rds_cluster:\n    id: c\n    engine: aurora-postgresql\n    backup_retention_period: 7\n',
    want: [],
  },
  {
    name: 'ElastiCache cluster without a subnet group',
    check: elasticacheSubnetGroup,
    cfn: ['AWS::ElastiCache::CacheCluster', 'Engine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1'],
    ansible:
      '- community.aws.elasticache:\n    name: c\n    state: present\n    engine: redis\n    node_type: cache.t3.micro\n    num_nodes: 1\n',
    want: ['elasticache-no-subnet-group'],
  },
  {
    name: 'ElastiCache cluster in a subnet group',
    check: elasticacheSubnetGroup,
    cfn: [
      'AWS::ElastiCache::CacheCluster',
      'Engine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nCacheSubnetGroupName: private',
    ],
    ansible:
      '- community.aws.elasticache:\n    name: c\n    state: present\n    engine: redis\n    node_type: cache.t3.micro\n    num_nodes: 1\n    cache_subnet_group: private\n',
    want: [],
  },
  {
    name: 'KMS key without rotation',
    check: kmsKeySettings,
    cfn: ['AWS::KMS::Key', 'EnableKeyRotation: false\nPendingWindowInDays: 7'],
    ansible: '- amazon.aws.kms_key:\n    alias: a\n    enable_key_rotation: false\n    pending_window: 7\n',
    want: ['kms-deletion-window', 'kms-rotation'],
  },
  {
    name: 'KMS key rotated',
    check: kmsKeySettings,
    cfn: ['AWS::KMS::Key', 'EnableKeyRotation: true'],
    ansible: '- aws_kms: alias=a enable_key_rotation=yes\n',
    want: [],
  },
  {
    name: 'bare CloudTrail trail',
    check: cloudtrailSettings,
    cfn: ['AWS::CloudTrail::Trail', 'IsLogging: true\nS3BucketName: logs'],
    ansible: '- amazon.aws.cloudtrail:\n    name: t\n    s3_bucket_name: logs\n    enable_logging: true\n',
    want: ['trail-cloudwatch', 'trail-kms', 'trail-multi-region', 'trail-sns', 'trail-validation'],
  },
  {
    name: 'CloudTrail trail with an empty key',
    check: cloudtrailSettings,
    cfn: [
      'AWS::CloudTrail::Trail',
      'IsLogging: true\nS3BucketName: logs\nKMSKeyId: ""\nIsMultiRegionTrail: true\nEnableLogFileValidation: true\nCloudWatchLogsLogGroupArn: arn\nSnsTopicName: t',
    ],
    ansible:
      '- amazon.aws.cloudtrail:\n    name: t\n    s3_bucket_name: logs\n    enable_logging: true\n    kms_key_id: ""\n    is_multi_region_trail: true\n    enable_log_file_validation: true\n    cloudwatch_logs_log_group_arn: arn\n    sns_topic_name: t\n',
    want: ['trail-kms'],
  },
  {
    name: 'log group without retention',
    check: logGroupRetention,
    cfn: ['AWS::Logs::LogGroup', 'LogGroupName: /app'],
    ansible: '- cloudwatchlogs_log_group: log_group_name=/app\n',
    want: ['log-retention'],
  },
  {
    name: 'HTTPS listener without a policy',
    check: elbListener,
    cfn: ['AWS::ElasticLoadBalancingV2::Listener', 'Protocol: HTTPS\nPort: 443\nLoadBalancerArn: arn'],
    ansible:
      '- amazon.aws.elb_application_lb:\n    name: w\n    listeners:\n      - Protocol: HTTPS\n        Port: 443\n',
    want: ['listener-ssl-policy'],
  },
  {
    name: 'CloudFront allow-all with TLSv1',
    check: cloudfrontTransport,
    cfn: [
      'AWS::CloudFront::Distribution',
      'DistributionConfig:\n  Enabled: true\n  DefaultCacheBehavior:\n    ViewerProtocolPolicy: allow-all\n    TargetOriginId: o\n  ViewerCertificate:\n    AcmCertificateArn: arn\n    MinimumProtocolVersion: TLSv1',
    ],
    ansible:
      '- community.aws.cloudfront_distribution:\n    origins: [{ domain_name: a.example.com }]\n    default_cache_behavior:\n      viewer_protocol_policy: allow-all\n    viewer_certificate:\n      acm_certificate_arn: arn\n      minimum_protocol_version: TLSv1\n',
    want: ['cloudfront-allow-all', 'cloudfront-tls'],
  },
  {
    name: 'CloudFront with its own certificate and no minimum version',
    check: cloudfrontTransport,
    cfn: [
      'AWS::CloudFront::Distribution',
      'DistributionConfig:\n  Enabled: true\n  DefaultCacheBehavior:\n    ViewerProtocolPolicy: https-only\n    TargetOriginId: o\n  ViewerCertificate:\n    AcmCertificateArn: arn\n    SslSupportMethod: sni-only',
    ],
    ansible:
      '- community.aws.cloudfront_distribution:\n    origins: [{ domain_name: a.example.com }]\n    default_cache_behavior:\n      viewer_protocol_policy: https-only\n    viewer_certificate:\n      acm_certificate_arn: arn\n      ssl_support_method: sni-only\n',
    want: ['cloudfront-tls'],
  },
  {
    name: 'OpenSearch without HTTPS',
    check: opensearchHttps,
    cfn: ['AWS::OpenSearchService::Domain', 'DomainEndpointOptions:\n  EnforceHTTPS: false'],
    ansible:
      '- community.aws.opensearch:\n    domain_name: d\n    domain_endpoint_options:\n      enforce_https: false\n',
    want: ['opensearch-https'],
  },
  {
    name: 'EFS unencrypted',
    check: efsEncryption,
    cfn: ['AWS::EFS::FileSystem', 'PerformanceMode: generalPurpose'],
    ansible: '- community.aws.efs:\n    name: e\n',
    want: ['efs-unencrypted'],
  },
  {
    name: 'Kinesis encryption off',
    check: kinesisEncryption,
    cfn: ['AWS::Kinesis::Stream', 'ShardCount: 1\nStreamEncryption:\n  EncryptionType: NONE'],
    ansible: '- kinesis_stream: name=s shards=1 encryption_state=disabled\n',
    want: ['kinesis-unencrypted'],
  },
  {
    name: 'Redshift public and unencrypted',
    check: redshiftPublic,
    cfn: ['AWS::Redshift::Cluster', 'PubliclyAccessible: true\nNodeType: ra3.xlplus'],
    ansible: '- community.aws.redshift:\n    command: create\n    identifier: r\n    publicly_accessible: yes\n',
    want: ['redshift-public'],
  },
  {
    name: 'Redshift unencrypted',
    check: redshiftEncryption,
    cfn: ['AWS::Redshift::Cluster', 'NodeType: ra3.xlplus'],
    ansible: '- community.aws.redshift:\n    command: create\n    identifier: r\n',
    want: ['redshift-unencrypted'],
  },
  {
    name: 'S3 versioning suspended',
    check: s3Versioning,
    cfn: ['AWS::S3::Bucket', 'VersioningConfiguration:\n  Status: Suspended'],
    ansible: '- amazon.aws.s3_bucket:\n    name: b\n    versioning: false\n',
    want: ['s3-versioning'],
  },
  {
    name: 'public queue policy',
    check: resourcePolicyOpen,
    cfn: [
      'AWS::SQS::QueuePolicy',
      'Queues: [q]\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: "sqs:*"\n      Resource: "*"',
    ],
    ansible:
      '- community.aws.sqs_queue:\n    name: q\n    policy:\n      Statement:\n        - Effect: Allow\n          Principal: "*"\n          Action: "sqs:*"\n          Resource: "*"\n',
    want: ['policy-all-actions', 'policy-public'],
  },
  {
    name: 'public ECR repository',
    check: ecrPublicPolicy,
    cfn: [
      'AWS::ECR::Repository',
      'RepositoryPolicyText:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: ecr:BatchGetImage',
    ],
    ansible:
      '- community.aws.ecs_ecr:\n    name: r\n    policy:\n      Statement:\n        - Effect: Allow\n          Principal: "*"\n          Action: ecr:BatchGetImage\n',
    want: ['ecr-public-policy'],
  },
  {
    name: 'instance with a public IP in the default group',
    check: ec2InstanceExposure,
    cfn: [
      'AWS::EC2::Instance',
      'ImageId: ami-1\nSecurityGroups: [default]\nNetworkInterfaces:\n  - DeviceIndex: "0"\n    SubnetId: subnet-1\n    AssociatePublicIpAddress: true',
    ],
    ansible:
      '- amazon.aws.ec2_instance:\n    image_id: ami-1\n    vpc_subnet_id: subnet-1\n    security_group: default\n    network:\n      assign_public_ip: true\n',
    want: ['instance-default-sg', 'instance-public-ip'],
  },
  {
    name: 'RDS without IAM auth',
    check: rdsIamAuth,
    cfn: ['AWS::RDS::DBInstance', 'Engine: postgres\nDBInstanceClass: db.t3.micro'],
    ansible: '- amazon.aws.rds_instance:\n    id: d\n    engine: postgres\n',
    want: ['rds-iam-auth-off'],
  },
  {
    name: 'trust of another account root',
    check: trustPolicy,
    cfn: [
      'AWS::IAM::Role',
      'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: "arn:aws:iam::111122223333:root" }\n      Action: sts:AssumeRole',
    ],
    ansible:
      '- amazon.aws.iam_role:\n    name: r\n    assume_role_policy_document:\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: "arn:aws:iam::111122223333:root" }\n          Action: sts:AssumeRole\n',
    want: ['trust-cross-account'],
  },
  {
    name: 'trust of another account with MFA required to be absent',
    check: trustPolicy,
    cfn: [
      'AWS::IAM::Role',
      'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: "111122223333" }\n      Action: sts:AssumeRole\n      Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } }',
    ],
    ansible:
      '- amazon.aws.iam_role:\n    name: r\n    assume_role_policy_document:\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: "111122223333" }\n          Action: sts:AssumeRole\n          Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } }\n',
    want: ['trust-cross-account'],
  },
  {
    name: 'trust of another account with an empty ExternalId',
    check: trustPolicy,
    cfn: [
      'AWS::IAM::Role',
      'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: "111122223333" }\n      Action: sts:AssumeRole\n      Condition: { StringEquals: { "sts:ExternalId": "" } }',
    ],
    ansible:
      '- amazon.aws.iam_role:\n    name: r\n    assume_role_policy_document: \'{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": ""}}}]}\'\n',
    want: ['trust-cross-account'],
  },
  {
    name: 'trust of another account with an ExternalId',
    check: trustPolicy,
    cfn: [
      'AWS::IAM::Role',
      'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: "111122223333" }\n      Action: sts:AssumeRole\n      Condition: { StringEquals: { "sts:ExternalId": "f2b9c1" } }',
    ],
    ansible:
      '- amazon.aws.iam_role:\n    name: r\n    assume_role_policy_document:\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: "111122223333" }\n          Action: sts:AssumeRole\n          Condition: { StringEquals: { "sts:ExternalId": "f2b9c1" } }\n',
    want: [],
  },
  {
    name: 'queue policy open to any Referer',
    check: resourcePolicyOpen,
    cfn: [
      'AWS::SQS::QueuePolicy',
      'Queues: [q]\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: sqs:SendMessage\n      Resource: "*"\n      Condition: { StringLike: { "aws:Referer": "https://example.com/*" } }',
    ],
    ansible:
      '- community.aws.sqs_queue:\n    name: q\n    policy:\n      Statement:\n        - Effect: Allow\n          Principal: "*"\n          Action: sqs:SendMessage\n          Resource: "*"\n          Condition: { StringLike: { "aws:Referer": "https://example.com/*" } }\n',
    want: ['policy-public'],
  },
  {
    name: 'HTTP listener redirecting without a protocol',
    check: elbListener,
    cfn: [
      'AWS::ElasticLoadBalancingV2::Listener',
      'Protocol: HTTP\nPort: 80\nLoadBalancerArn: arn\nDefaultActions:\n  - Type: redirect\n    RedirectConfig: { Host: www.example.com, StatusCode: HTTP_301 }',
    ],
    ansible:
      '- amazon.aws.elb_application_lb:\n    name: w\n    listeners:\n      - Protocol: HTTP\n        Port: 80\n        DefaultActions:\n          - Type: redirect\n            RedirectConfig: { Host: www.example.com, StatusCode: HTTP_301 }\n',
    want: ['listener-http'],
  },
  {
    name: 'Lambda without tracing',
    check: lambdaTracing,
    cfn: ['AWS::Lambda::Function', 'Runtime: python3.12\nRole: arn'],
    ansible: '- amazon.aws.lambda:\n    name: f\n    runtime: python3.12\n    role: arn\n',
    want: ['lambda-tracing'],
  },
  {
    name: 'aggregator of some regions',
    check: configAllRegions,
    cfn: [
      'AWS::Config::ConfigurationAggregator',
      'AccountAggregationSources:\n  - AccountIds: ["111122223333"]\n    AwsRegions: [eu-west-1]',
    ],
    ansible:
      '- community.aws.config_aggregator:\n    name: a\n    account_sources:\n      - account_ids: ["111122223333"]\n        aws_regions: [eu-west-1]\n',
    want: ['config-all-regions'],
  },
  {
    name: 'CodeBuild without a key',
    check: codebuildCmk,
    cfn: ['AWS::CodeBuild::Project', 'Name: p'],
    ansible: '- community.aws.codebuild_project:\n    name: p\n',
    want: ['codebuild-cmk'],
  },
];

describe('an Ansible AWS task and its CloudFormation twin give the same findings', () => {
  it.each(TWINS)('$name', (tw) => {
    const a = codes(tw.check, ans(tw.ansible));
    const c = codes(tw.check, cfn(...tw.cfn));
    expect(a).toEqual(tw.want);
    expect(c).toEqual(tw.want);
  });
});

describe('the Ansible AWS adapter', () => {
  it('names every alias and legacy module and each collection', () => {
    const kinds = (task: string) => ans(task).map((r) => r.kind);
    expect(kinds('- ec2_group: name=a description=a')).toEqual(['AWS::EC2::SecurityGroup']);
    expect(kinds('- amazon.aws.kms_key: alias=a')).toEqual(['AWS::KMS::Key']);
    expect(kinds('- aws_kms: alias=a')).toEqual(['AWS::KMS::Key']);
    expect(kinds('- community.aws.aws_api_gateway: swagger_file=a.yml')).toEqual(['AWS::ApiGateway::RestApi']);
    expect(kinds('- ec2: image=ami-1')).toEqual(['AWS::EC2::Instance']);
    expect(kinds('- rds: command=create instance_name=a db_engine=MySQL')).toEqual(['AWS::RDS::DBInstance']);
    expect(kinds('- iam: iam_type=user name=a access_key_state=create')).toEqual(['AWS::IAM::AccessKey']);
    expect(kinds('- sqs_queue:\n    name: q\n    policy: \'{"Statement": []}\'')).toEqual([
      'AWS::SQS::Queue',
      'AWS::SQS::QueuePolicy',
    ]);
    // A module of another collection with the same short name is not an AWS module.
    expect(kinds('- my.own.kms_key: alias=a')).toEqual([]);
    // Removed resources are not checked.
    expect(kinds('- s3_bucket: name=b state=absent')).toEqual([]);
  });

  it('keeps Jinja unknown and translates booleans into the CloudFormation enums', () => {
    const [b] = ans('- s3_bucket:\n    name: b\n    versioning: "{{ v }}"\n');
    expect(get(b!.props, 'VersioningConfiguration.Status')?.t).toBe('unknown');
    const [c] = ans('- s3_bucket:\n    name: b\n    versioning: no\n');
    expect(scalars(get(c!.props, 'VersioningConfiguration.Status'))[0]?.value).toBe('Suspended');
  });

  it('marks tasks that change only part of a resource as partial', () => {
    expect(ans('- s3_cors: name=b rules=[]')[0]?.partial).toBe(true);
    expect(ans('- rds_instance: id=a state=rebooted')[0]?.partial).toBe(true);
    expect(ans('- rds_instance: id=a engine=postgres')[0]?.partial).toBeUndefined();
  });
});
