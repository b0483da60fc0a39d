import type { CfnRule } from '../rule.js';
import type { CfnTemplate, Resource } from '../../../parse/cloudformation.js';
import { doc, findVal, meta, strVal, getSet } from '../util.js';

const HTTP_ROUTE = /^(?:ANY|GET|POST|PUT|PATCH|DELETE|HEAD) \//i;

/** An HTTP API route, or a WebSocket API's `$connect` (the only WebSocket route that takes an authorizer). */
function httpOrConnectRoute(t: CfnTemplate, r: Resource): boolean {
  const key = findVal(t.values(t.get(r.props, 'RouteKey')), (v) => typeof v.value === 'string');
  const k = key ? strVal(key) : undefined;
  if (k === undefined) return false;
  if (k === '$connect' || HTTP_ROUTE.test(k)) return true;
  if (k !== '$default') return false;
  // `$default` exists in both kinds of API: ask the API it belongs to.
  const api = [...t.references(t.get(r.props, 'ApiId'))].map((id) => t.resource(id)).find((x) => x);
  if (!api) return false;
  return !!findVal(t.values(t.get(api.props, 'ProtocolType')), (v) => strVal(v)?.toUpperCase() === 'HTTP');
}

const rule: CfnRule = {
  meta: meta(
    'CFN-APIGW-001',
    'API Gateway method has no authorization',
    'medium',
    ['AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Route'],
    doc({
      what: 'An `AWS::ApiGateway::Method` (REST API) with `AuthorizationType: NONE` or without `AuthorizationType` (it defaults to `NONE`), and no `ApiKeyRequired: true`; an `AWS::ApiGatewayV2::Route` of an HTTP API (`GET /items`, or `$default` of an API whose `ProtocolType` is `HTTP`) or the `$connect` route of a WebSocket API, without an authorizer. `OPTIONS` methods and routes (CORS pre-flight) are skipped, and so are WebSocket routes other than `$connect` (only `$connect` can carry an authorizer).',
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
      if (r.type === 'AWS::ApiGatewayV2::Route' && !httpOrConnectRoute(t, r)) continue;
      const method = r.type === 'AWS::ApiGateway::Method' ? t.get(r.props, 'HttpMethod') : t.get(r.props, 'RouteKey');
      if (findVal(t.values(method), (v) => /^OPTIONS\b/i.test(strVal(v) ?? ''))) continue;
      if (findVal(t.values(t.get(r.props, 'ApiKeyRequired')), (v) => String(v.value).toLowerCase() === 'true'))
        continue;
      const n = getSet(t, r.props, 'AuthorizationType');
      if (!n) {
        ctx.report(r, undefined, `${r.id} does not set AuthorizationType, so it defaults to NONE (no authorization)`);
        continue;
      }
      const v = findVal(t.values(n), (x) => strVal(x)?.toUpperCase() === 'NONE');
      if (v) ctx.report(r, n, `${r.id} has no authorization (AuthorizationType: NONE)`, { why: v.why });
    }
  },
};
export default rule;
