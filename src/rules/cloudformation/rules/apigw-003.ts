import type { CfnRule } from '../rule.js';
import { doc, meta, getSet, isSetNode } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-APIGW-003',
    'API Gateway stage has no access logging',
    'low',
    [
      'AWS::ApiGateway::Stage',
      'AWS::ApiGatewayV2::Stage',
      'AWS::ApiGateway::Deployment',
      'AWS::Serverless::Api',
      'AWS::Serverless::HttpApi',
    ],
    doc({
      what: 'An `AWS::ApiGateway::Stage` or `AWS::ApiGatewayV2::Stage` without `AccessLogSetting` (`AccessLogSettings` for the V2 stage), a SAM `AWS::Serverless::Api` without `AccessLogSetting` or `AWS::Serverless::HttpApi` without `AccessLogSettings` (their own or from `Globals`), or an `AWS::ApiGateway::Deployment` that creates its stage itself (`StageName`) without `StageDescription.AccessLogSetting`.',
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
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      if (r.type === 'AWS::ApiGateway::Deployment') {
        // A Deployment makes a stage only when it names one; otherwise a Stage resource does.
        if (!getSet(t, r.props, 'StageName')) continue;
        const sd = t.get(r.props, 'StageDescription');
        if (!getSet(t, sd, 'AccessLogSetting'))
          ctx.report(r, sd, `${r.id} creates stage without access logging (StageDescription.AccessLogSetting)`);
      } else {
        // The HTTP/WebSocket stage spells it in the plural.
        // The HTTP/WebSocket stage (and SAM's HttpApi) spell it in the plural; SAM APIs may take it from Globals.
        const prop = /ApiGatewayV2::Stage|Serverless::HttpApi/.test(r.type) ? 'AccessLogSettings' : 'AccessLogSetting';
        if (!isSetNode(t, t.propOf(r, prop))) ctx.report(r, undefined, `${r.id} has no ${prop}`);
      }
    }
  },
};
export default rule;
