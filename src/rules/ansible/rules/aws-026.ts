import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { configAllRegions } from '../../../cloud/checks/data.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-026',
    title: 'Config aggregator does not cover all regions',
    severity: 'low',
    category: 'ansible',
    modules: ['config_aggregator', 'aws_config_aggregator'],
    docs: doc({
      what: 'Flags config_aggregator `account_sources` / `organization_source` without `all_aws_regions: true`. The same check as CFN-CONFIG-002.',
      why: 'Resources in regions the aggregator does not cover are invisible to compliance reporting, which is where forgotten or malicious resources live.',
      bad: '- community.aws.config_aggregator:\n    name: org\n    state: present\n    account_sources:\n      - account_ids: ["111122223333"]\n        aws_regions: [eu-west-1]',
      good: '- community.aws.config_aggregator:\n    name: org\n    state: present\n    account_sources:\n      - account_ids: ["111122223333"]\n        all_aws_regions: true',
      refs: ['https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html'],
    }),
    remediation: 'Set all_aws_regions: true.',
  },
  check: cloudCheck(configAllRegions, ['config-all-regions']),
};
export default rule;
