import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { configAllRegions } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CONFIG-002',
    'Config aggregator does not cover every region',
    'low',
    ['AWS::Config::ConfigurationAggregator'],
    doc({
      what: `An \`AWS::Config::ConfigurationAggregator\` source (\`AccountAggregationSources\` item or \`OrganizationAggregationSource\`) without \`AllAwsRegions: true\`.`,
      why: `Resources created in a region nobody aggregates are invisible to compliance dashboards: exactly where an attacker would put them.`,
      example: `Agg:
  Type: AWS::Config::ConfigurationAggregator
  Properties:
    AccountAggregationSources:
      - AccountIds: ["111122223333"]
        AwsRegions: [eu-west-1]`,
      fix: `Set \`AllAwsRegions: true\`.`,
      refs: ['https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html'],
    }),
    'Set AllAwsRegions: true.',
  ),
  check: cloudCheck(configAllRegions, ['config-all-regions']),
};
export default rule;
