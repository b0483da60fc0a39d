import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { logGroupRetention } from '../../../cloud/checks/aws-audit.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-025',
    title: 'Log group without retention',
    severity: 'low',
    category: 'ansible',
    modules: ['cloudwatchlogs_log_group'],
    docs: doc({
      what: 'Flags cloudwatchlogs_log_group without `retention`.',
      why: 'Without a retention period the logs your incident response and compliance rely on are kept by accident, not by policy (and grow without limit).',
      bad: '- amazon.aws.cloudwatchlogs_log_group:\n    log_group_name: /app/web',
      good: '- amazon.aws.cloudwatchlogs_log_group:\n    log_group_name: /app/web\n    retention: 365',
      refs: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html'],
    }),
    remediation: 'Set retention to what your policy requires (e.g. 365 days).',
  },
  check: cloudCheck(logGroupRetention, ['log-retention']),
};
export default rule;
