import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal, getSet } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-LAMBDA-001',
    'Lambda permission allows any principal without a source restriction',
    'high',
    ['AWS::Lambda::Permission'],
    doc({
      what: 'An `AWS::Lambda::Permission` with `Principal: "*"` and neither `SourceArn`, `SourceAccount` nor `PrincipalOrgID`.',
      why: 'Anyone can invoke the function (and run up cost, or reach whatever it can reach).',
      example: `Permission:
  Type: AWS::Lambda::Permission
  Properties:
    FunctionName: !Ref Fn
    Action: lambda:InvokeFunction
    Principal: '*'`,
      fix: 'Name the invoking service or account in `Principal` and set `SourceArn`/`SourceAccount`.',
      fixed: `    Principal: s3.amazonaws.com
    SourceArn: !GetAtt Bucket.Arn
    SourceAccount: !Ref AWS::AccountId`,
      refs: ['https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html'],
    }),
    'Name the invoking principal and set SourceArn/SourceAccount.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const p = ctx.t.get(r.props, 'Principal');
      const v = findVal(ctx.t.values(p), (x) => strVal(x) === '*');
      if (!v) continue;
      if (['SourceArn', 'SourceAccount', 'PrincipalOrgID'].some((k) => getSet(ctx.t, r.props, k) !== undefined))
        continue;
      ctx.report(r, p, `${r.id} lets any principal ("*") invoke the function`, { why: v.why });
    }
  },
};
export default rule;
