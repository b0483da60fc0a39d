import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { apigwExecutionLogs } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-APIGW-005',
    'API Gateway stage does not log executions',
    'low',
    ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
    doc({
      what: `An \`AWS::ApiGateway::Stage\` whose \`MethodSettings\` set no \`LoggingLevel\` of \`ERROR\` or \`INFO\` (execution logging is off by default), or an \`AWS::ApiGatewayV2::Stage\` whose \`DefaultRouteSettings.LoggingLevel\` is \`OFF\` (WebSocket APIs; HTTP APIs have no execution logs, so a V2 stage without the setting is not reported).`,
      why: `Execution logs show authorizer decisions, throttling and integration errors: what you need to investigate abuse of the API.`,
      example: `Stage:
  Type: AWS::ApiGateway::Stage
  Properties:
    StageName: prod`,
      fix: `Add a method setting \`{HttpMethod: "*", ResourcePath: "/*", LoggingLevel: ERROR}\`.`,
      refs: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
    }),
    'Set MethodSettings LoggingLevel to ERROR or INFO.',
  ),
  check: cloudCheck(apigwExecutionLogs, ['apigw-execution-logs']),
};
export default rule;
