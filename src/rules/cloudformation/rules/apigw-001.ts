import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-APIGW-001',
    'API Gateway method has no authorization',
    'medium',
    ['AWS::ApiGateway::Method'],
    doc({
      what: 'An `AWS::ApiGateway::Method` with `AuthorizationType: NONE` and no `ApiKeyRequired: true`. `OPTIONS` methods (CORS pre-flight) are skipped.',
      why: 'Anyone on the internet can call the method; unless the backend authenticates every request itself, data and actions behind it are public.',
      example: `GetItems:
  Type: AWS::ApiGateway::Method
  Properties:
    RestApiId: !Ref Api
    ResourceId: !Ref ItemsResource
    HttpMethod: GET
    AuthorizationType: NONE`,
      fix: 'Use `AWS_IAM`, `COGNITO_USER_POOLS` or a `CUSTOM` Lambda authorizer. For intentionally public endpoints, suppress with the reason.',
      refs: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html'],
    }),
    'Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      if (findVal(t.values(t.get(r.props, 'HttpMethod')), (v) => strVal(v)?.toUpperCase() === 'OPTIONS')) continue;
      if (findVal(t.values(t.get(r.props, 'ApiKeyRequired')), (v) => String(v.value).toLowerCase() === 'true'))
        continue;
      const n = t.get(r.props, 'AuthorizationType');
      const v = findVal(t.values(n), (x) => strVal(x)?.toUpperCase() === 'NONE');
      if (v) ctx.report(r, n, `${r.id} has no authorization (AuthorizationType: NONE)`, { why: v.why });
    }
  },
};
export default rule;
