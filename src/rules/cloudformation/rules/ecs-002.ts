import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { ecsInsights } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ECS-002',
    'ECS cluster does not enable Container Insights',
    'low',
    ['AWS::ECS::Cluster'],
    doc({
      what: `An \`AWS::ECS::Cluster\` without a \`ClusterSettings\` entry \`{Name: containerInsights, Value: enabled}\`.`,
      why: `Container Insights gives per-task metrics and events needed to notice a hijacked task (crypto-mining, unusual traffic).`,
      example: `Cluster:
  Type: AWS::ECS::Cluster
  Properties:
    ClusterName: web`,
      fix: `Add \`ClusterSettings: [{Name: containerInsights, Value: enabled}]\`.`,
      refs: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-container-insights.html'],
    }),
    'Enable containerInsights in ClusterSettings.',
  ),
  check: cloudCheck(ecsInsights, ['ecs-insights']),
};
export default rule;
