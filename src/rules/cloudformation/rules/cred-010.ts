import type { CfnRule } from '../rule.js';
import { doc, findVal, literalSecretValue, looksSecretName, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-010',
    'CodeBuild project has a secret in a plain-text environment variable',
    'high',
    ['AWS::CodeBuild::Project'],
    doc({
      what: '`Environment.EnvironmentVariables[]` of a CodeBuild project whose `Name` looks like a secret, whose `Type` is `PLAINTEXT` (the default) and whose `Value` is a literal.',
      why: 'PLAINTEXT variables are shown in the CodeBuild console and API, and stored in the template.',
      example: `Build:
  Type: AWS::CodeBuild::Project
  Properties:
    Environment:
      EnvironmentVariables:
        - Name: NPM_TOKEN
          Value: not-a-real-token-123`,
      fix: "Use `Type: SECRETS_MANAGER` or `PARAMETER_STORE` with the secret's name as `Value`.",
      fixed: `        - Name: NPM_TOKEN
          Type: SECRETS_MANAGER
          Value: ci/npm-token`,
      refs: [
        'https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.secrets-manager',
      ],
    }),
    'Use Type SECRETS_MANAGER or PARAMETER_STORE for secret variables.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources)
      for (const env of t.items(t.at(r.props, 'Environment.EnvironmentVariables'))) {
        const name = t.single(t.get(env, 'Name'));
        const n = name ? strVal(name) : undefined;
        if (!n || !looksSecretName(n)) continue;
        const type = t.single(t.get(env, 'Type'));
        if (type && strVal(type) !== undefined && strVal(type) !== 'PLAINTEXT') continue;
        if (type && !strVal(type)) continue;
        const valueNode = t.get(env, 'Value');
        const v = findVal(t.values(valueNode), literalSecretValue);
        if (v)
          ctx.report(r, valueNode, `${r.id} sets build variable ${n} to a literal secret`, {
            why: v.why,
            secret: !v.why,
          });
      }
  },
};
export default rule;
