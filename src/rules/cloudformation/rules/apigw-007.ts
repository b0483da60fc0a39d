import type { CfnRule } from '../rule.js';
import { doc, getSet, meta, wafAssociated } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-APIGW-007',
    'API Gateway stage has no WAF web ACL',
    'low',
    ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::Serverless::Api'],
    doc({
      what: 'An `AWS::ApiGateway::Stage`, an `AWS::ApiGateway::Deployment` that creates its stage (`StageName`), or a SAM `AWS::Serverless::Api` that no `AWS::WAFv2::WebACLAssociation` (or classic `AWS::WAFRegional::WebACLAssociation`) of the template names in its `ResourceArn` — by the stage, or by its REST API. An association whose target is created elsewhere does not count either way. HTTP and WebSocket APIs (`AWS::ApiGatewayV2`) cannot take a web ACL and are not reported. Hygiene: never blocking.',
      why: 'A REST API stage is reachable from the whole internet unless it is private. AWS WAF is where requests are filtered before they reach the integrations behind the stage: rate limits per client, managed rules against injection and known bad inputs, IP and country blocks. Without a web ACL there is nowhere to add them when an attack starts, except in every backend.',
      example: `Prod:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    DeploymentId: !Ref Deployment
    StageName: prod
    TracingEnabled: true`,
      fix: 'Create an `AWS::WAFv2::WebACL` with `Scope: REGIONAL` and associate it with the stage: `AWS::WAFv2::WebACLAssociation` with `ResourceArn: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Prod}` and `WebACLArn: !GetAtt ApiAcl.Arn`.',
      fixed: `ProdAcl:
  Type: AWS::WAFv2::WebACLAssociation
  Properties:
    ResourceArn: !Sub arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${Api}/stages/\${Prod}
    WebACLArn: arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/api/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
      refs: [
        'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-wafv2-webaclassociation.html',
      ],
    }),
    'Associate an AWS WAF web ACL (Scope REGIONAL) with the stage (AWS::WAFv2::WebACLAssociation).',
  ),
  check(ctx) {
    const t = ctx.t;
    const covered = wafAssociated(t);
    for (const r of ctx.resources) {
      if (r.type === 'AWS::ApiGateway::Deployment' && !getSet(t, r.props, 'StageName')) continue;
      const names = [r.id, ...(r.type === 'AWS::Serverless::Api' ? [] : t.references(t.get(r.props, 'RestApiId')))];
      if (names.some((n) => covered.has(n))) continue;
      const what = r.type === 'AWS::ApiGateway::Deployment' ? `the stage ${r.id} creates` : r.id;
      ctx.report(
        r,
        undefined,
        `${what} has no WAF web ACL associated (no WebACLAssociation in this template names it)`,
      );
    }
  },
};
export default rule;
