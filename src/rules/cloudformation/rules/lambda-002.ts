import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-LAMBDA-002',
    'Lambda function URL has no authentication',
    'high',
    ['AWS::Lambda::Url', 'AWS::Serverless::Function'],
    doc({
      what: '`AWS::Lambda::Url` with `AuthType: NONE`, or a SAM function whose `FunctionUrlConfig.AuthType` is `NONE`.',
      why: 'The function gets a public HTTPS endpoint that anyone can call; unless the code authenticates every request itself, it is open to the internet.',
      example: `Url:
  Type: AWS::Lambda::Url
  Properties:
    TargetFunctionArn: !GetAtt Fn.Arn
    AuthType: NONE`,
      fix: 'Use `AuthType: AWS_IAM`, or front the function with API Gateway and an authorizer. If the endpoint is intentionally public (a webhook that verifies signatures), suppress with a reason.',
      refs: ['https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html'],
    }),
    'Set AuthType: AWS_IAM (or use API Gateway with an authorizer).',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const n = ctx.t.at(r.props, r.type === 'AWS::Lambda::Url' ? 'AuthType' : 'FunctionUrlConfig.AuthType');
      const v = findVal(ctx.t.values(n), (x) => strVal(x)?.toUpperCase() === 'NONE');
      if (v) ctx.report(r, n, `${r.id} has a function URL with AuthType NONE`, { why: v.why });
    }
  },
};
export default rule;
