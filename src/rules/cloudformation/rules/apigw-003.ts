import type { CfnRule } from '../rule.js';
import { doc, meta, requireProp } from '../util.js';

const rule: CfnRule = requireProp({
  meta: meta(
    'CFN-APIGW-003',
    'API Gateway stage has no access logging',
    'low',
    ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
    doc({
      what: 'An `AWS::ApiGateway::Stage` or `AWS::ApiGatewayV2::Stage` without `AccessLogSetting`.',
      why: 'Without access logs you cannot tell who called the API, from where, or with what result.',
      example: `Stage:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    StageName: prod`,
      fix: 'Set `AccessLogSetting: { DestinationArn: !GetAtt ApiLogs.Arn, Format: \u2026 }`.',
      refs: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
    }),
    'Set AccessLogSetting on the stage.',
  ),
  prop: 'AccessLogSetting',
  message: (r) => `${r.id} has no AccessLogSetting`,
});
export default rule;
