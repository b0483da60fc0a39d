import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudChecks } from '../cloud.js';
import {
  efsEncryption,
  kinesisEncryption,
  s3EncryptionNone,
  sqsEncryption,
  volumeEncryption,
} from '../../../cloud/checks/aws-at-rest.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-021',
    title: 'Data store or volume not encrypted at rest',
    severity: 'medium',
    category: 'ansible',
    modules: [
      'kinesis_stream',
      'sqs_queue',
      'efs',
      'ec2_lc',
      'autoscaling_launch_config',
      'ec2_ami',
      's3_bucket',
      'ec2',
    ],
    docs: doc({
      what: 'Flags kinesis_stream without server-side encryption (`encryption_state: disabled` or not set), sqs_queue with `sqs_managed_sse_enabled: false` and no `kms_master_key_id` (not set at all: low), efs without `encrypt: true`, ec2_lc and ec2_ami EBS volumes (`volumes`, `device_mapping`) without `encrypted: true`, and s3_bucket `encryption: none`.',
      why: 'Unencrypted stores and volumes expose their data in snapshots, backups and to anyone who obtains the underlying storage; encryption cannot be added later without copying the data.',
      bad: '- community.aws.efs:\n    name: shared\n    state: present\n    encrypt: false',
      good: '- community.aws.efs:\n    name: shared\n    state: present\n    encrypt: true\n    kms_key_id: alias/efs',
      refs: [
        'https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/kinesis-controls.html#kinesis-1',
      ],
    }),
    remediation:
      'Turn on encryption (encrypt, encrypted, encryption_state: enabled, kms_master_key_id) with a KMS key.',
  },
  check: cloudChecks([
    [kinesisEncryption, ['kinesis-unencrypted']],
    [sqsEncryption, ['sqs-unencrypted']],
    [efsEncryption, ['efs-unencrypted']],
    [volumeEncryption, ['volume-unencrypted']],
    [s3EncryptionNone, ['s3-encryption-none']],
  ]),
};
export default rule;
