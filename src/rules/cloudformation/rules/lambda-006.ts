import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-LAMBDA-006',
    'Lambda functions share one execution role',
    'low',
    ['AWS::Lambda::Function'],
    doc({
      what: 'Two or more `AWS::Lambda::Function` resources whose `Role` is the same role of the template (`!GetAtt R.Arn`, `!Ref`, `!Sub` naming it). Reported at each function after the first. Hygiene: never blocking.',
      why: "A shared role holds the union of every function's permissions, so each function can do what any of them needs: a compromise of the least important one reaches the data of all.",
      example: `SharedRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { Service: lambda.amazonaws.com }
          Action: sts:AssumeRole
A:
  Type: AWS::Lambda::Function
  Properties:
    Role: !GetAtt SharedRole.Arn
B:
  Type: AWS::Lambda::Function
  Properties:
    Role: !GetAtt SharedRole.Arn`,
      fix: 'Give each function its own role with only the permissions it needs.',
      refs: ['https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html'],
    }),
    'Give each function its own least-privilege role.',
  ),
  check(ctx) {
    const t = ctx.t;
    const first = new Map<string, string>();
    for (const r of ctx.resources) {
      const n = t.get(r.props, 'Role');
      const role = [...t.references(n)].find((id) => t.resource(id)?.type === 'AWS::IAM::Role');
      if (!role) continue;
      const seen = first.get(role);
      if (seen === undefined) first.set(role, r.id);
      else ctx.report(r, n, `${r.id} shares execution role ${role} with ${seen}`);
    }
  },
};
export default rule;
