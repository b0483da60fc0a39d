import type { CfnRule } from '../rule.js';
import { doc, findVal, literalSecretValue, looksSecretName, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-008',
    'ECS container environment variable holds a secret in plain text',
    'high',
    ['AWS::ECS::TaskDefinition'],
    doc({
      what: '`ContainerDefinitions[].Environment[]` entries whose `Name` looks like a secret (PASSWORD, SECRET, TOKEN, API_KEY…) and whose `Value` is a literal.',
      why: 'Plain environment values are stored in the task definition, visible to anyone who can describe it, and copied into every revision.',
      example: `Task:
  Type: AWS::ECS::TaskDefinition
  Properties:
    ContainerDefinitions:
      - Name: app
        Image: app:1
        Environment:
          - Name: DB_PASSWORD
            Value: Sup3rSecretPassw0rd!`,
      fix: "Use the container definition's `Secrets` list with `ValueFrom` pointing at Secrets Manager or SSM Parameter Store.",
      fixed: `      - Name: app
        Image: app:1
        Secrets:
          - Name: DB_PASSWORD
            ValueFrom: !Ref DbSecret`,
      refs: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html'],
    }),
    'Use Secrets (ValueFrom) instead of Environment for secret values.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources)
      for (const c of t.items(t.get(r.props, 'ContainerDefinitions')))
        for (const env of t.items(t.get(c, 'Environment'))) {
          const name = t.single(t.get(env, 'Name'));
          const n = name ? strVal(name) : undefined;
          if (!n || !looksSecretName(n)) continue;
          const valueNode = t.get(env, 'Value');
          const v = findVal(t.values(valueNode), literalSecretValue);
          if (v)
            ctx.report(r, valueNode, `${r.id} sets container environment variable ${n} to a literal secret`, {
              why: v.why,
              secret: !v.why,
            });
        }
  },
};
export default rule;
