import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudChecks } from '../cloud.js';
import { s3Logging, s3Versioning } from '../../../cloud/checks/aws-at-rest.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-028',
    title: 'S3 bucket without versioning or access logging',
    severity: 'low',
    category: 'ansible',
    modules: ['s3_bucket', 's3_logging'],
    docs: doc({
      what: 'Flags s3_bucket with `versioning: false` or none, and buckets with no access logging (no s3_logging task for the same bucket in the file).',
      why: 'Without versioning, an overwrite or deletion (by mistake or ransomware) is final; without access logs, reads of leaked data cannot be traced.',
      bad: '- amazon.aws.s3_bucket:\n    name: reports\n    state: present',
      good: '- amazon.aws.s3_bucket:\n    name: reports\n    state: present\n    versioning: true\n\n- community.aws.s3_logging:\n    name: reports\n    target_bucket: access-logs\n    target_prefix: reports/',
      refs: [
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
      ],
    }),
    remediation: 'Enable versioning and server access logging (s3_logging).',
  },
  check: cloudChecks([
    [s3Versioning, ['s3-versioning']],
    [s3Logging, ['s3-logging']],
  ]),
};
export default rule;
