import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { s3Versioning } from '../../../cloud/checks/aws-at-rest.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-S3-007',
    'S3 bucket is not versioned',
    'low',
    ['AWS::S3::Bucket'],
    doc({
      what: 'An `AWS::S3::Bucket` without `VersioningConfiguration` (a new bucket is unversioned), or with `VersioningConfiguration.Status: Suspended`. The same check as the Ansible ANS-AWS-028. Hygiene: never blocking.',
      why: 'Without versioning an overwrite or a delete is final: a mistaken deployment, a compromised key or ransomware that rewrites objects leaves nothing to restore. Versioning keeps every earlier version (a lifecycle rule can expire old ones), and it is required for replication and Object Lock.',
      example: `Reports:
  Type: AWS::S3::Bucket
  Properties:
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms }`,
      fix: 'Set `VersioningConfiguration: { Status: Enabled }`, and a lifecycle rule (`NoncurrentVersionExpiration`) to bound what old versions cost.',
      fixed: `    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms }
    VersioningConfiguration:
      Status: Enabled`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-versioningconfiguration.html',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
      ],
    }),
    'Set VersioningConfiguration.Status: Enabled.',
  ),
  check: cloudCheck(s3Versioning, ['s3-versioning']),
};
export default rule;
