import type { CfnRule } from '../rule.js';
import { doc, findVal, literalSecretValue, looksSecretName, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-007',
    'Lambda environment variable holds a secret in plain text',
    'high',
    ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    doc({
      what: '`Environment.Variables` of a Lambda or SAM function where a variable named like a secret (PASSWORD, SECRET, TOKEN, API_KEY…) has a literal value (or one supplied by a parameter Default). References (`!Ref`, `!GetAtt`, `{{resolve:…}}`) and ARNs/names of secrets are fine.',
      why: 'Environment variables are stored in the template and shown in the Lambda console and `GetFunctionConfiguration` to anyone with read access.',
      example: `Fn:
  Type: AWS::Lambda::Function
  Properties:
    Environment:
      Variables:
        API_TOKEN: not-a-real-token-123`,
      fix: 'Store the secret in Secrets Manager or SSM Parameter Store (SecureString) and read it at runtime; pass only its ARN or name.',
      fixed: `      Variables:
        API_TOKEN_SECRET_ARN: !Ref ApiTokenSecret`,
      refs: [
        'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption',
      ],
    }),
    'Read secrets from Secrets Manager at runtime; pass only their ARN.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources)
      for (const e of t.entries(t.at(r.props, 'Environment.Variables'))) {
        if (!looksSecretName(e.key)) continue;
        const v = findVal(t.values(e.value), literalSecretValue);
        if (v)
          ctx.report(r, e.value, `${r.id} sets environment variable ${e.key} to a literal secret`, {
            why: v.why,
            secret: !v.why,
          });
      }
  },
};
export default rule;
