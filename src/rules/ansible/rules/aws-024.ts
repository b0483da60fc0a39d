import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { cloudtrailSettings } from '../../../cloud/checks/aws-audit.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-024',
    title: 'CloudTrail trail incomplete',
    severity: 'medium',
    category: 'ansible',
    modules: ['cloudtrail'],
    docs: doc({
      what: 'Flags cloudtrail with `enable_logging: false` (high), without log file validation or multi-region coverage, and (low) without `kms_key_id`, `cloudwatch_logs_log_group_arn` or `sns_topic_name`.',
      why: 'An incomplete trail misses activity in other regions, cannot prove its logs were not altered, and nobody is alerted when something happens.',
      bad: '- amazon.aws.cloudtrail:\n    name: org\n    state: present\n    s3_bucket_name: trail-logs',
      good: '- amazon.aws.cloudtrail:\n    name: org\n    state: present\n    s3_bucket_name: trail-logs\n    is_multi_region_trail: true\n    enable_log_file_validation: true\n    kms_key_id: alias/cloudtrail\n    cloudwatch_logs_log_group_arn: arn:aws:logs:eu-west-1:111122223333:log-group:trail:*\n    cloudwatch_logs_role_arn: arn:aws:iam::111122223333:role/trail\n    sns_topic_name: trail',
      refs: [
        'CIS AWS Foundations 3.1-3.4, 3.7',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html',
      ],
    }),
    remediation: 'Record all regions, validate log files, encrypt with KMS and send to CloudWatch Logs.',
  },
  check: cloudCheck(cloudtrailSettings, [
    'trail-logging-off',
    'trail-validation',
    'trail-multi-region',
    'trail-kms',
    'trail-cloudwatch',
    'trail-sns',
  ]),
};
export default rule;
