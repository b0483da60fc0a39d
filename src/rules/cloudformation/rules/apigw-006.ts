import type { Node } from 'yaml';
import type { CfnRule } from '../rule.js';
import { boolProp, doc, getSet, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-APIGW-006',
    'API Gateway stage without X-Ray tracing',
    'low',
    ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::Serverless::Api'],
    doc({
      what: 'An `AWS::ApiGateway::Stage` whose `TracingEnabled` is false or not set (the default is off), an `AWS::ApiGateway::Deployment` that creates its stage (`StageName`) without `StageDescription.TracingEnabled: true`, or a SAM `AWS::Serverless::Api` without `TracingEnabled: true` (its own or from `Globals.Api`). Hygiene: never blocking.',
      why: 'Without X-Ray traces an investigation cannot follow a request from the API into the functions and services behind it: which caller reached which backend, and where a request was slowed or failed.',
      example: `Prod:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    DeploymentId: !Ref Deployment
    StageName: prod
    TracingEnabled: false`,
      fix: 'Set `TracingEnabled: true` on the stage.',
      fixed: `    TracingEnabled: true`,
      refs: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html'],
    }),
    'Set TracingEnabled: true on API Gateway stages.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      let node: Node | undefined;
      let where = 'TracingEnabled';
      if (r.type === 'AWS::ApiGateway::Deployment') {
        if (!getSet(t, r.props, 'StageName')) continue;
        node = t.at(r.props, 'StageDescription.TracingEnabled');
        where = 'StageDescription.TracingEnabled';
      } else node = t.propOf(r, 'TracingEnabled');
      const b = boolProp(t, node);
      const parent = r.type === 'AWS::ApiGateway::Deployment' ? t.get(r.props, 'StageDescription') : undefined;
      if (b.absent) ctx.report(r, parent, `${r.id} does not enable X-Ray tracing (${where} is off by default)`);
      else if (b.falseVal) ctx.report(r, node, `${r.id} turns X-Ray tracing off`, { why: b.falseVal.why });
    }
  },
};
export default rule;
