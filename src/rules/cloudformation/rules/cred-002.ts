import { isMap, isScalar, isSeq } from 'yaml';
import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-002',
    'Stack output exposes a secret access key',
    'critical',
    [],
    doc({
      what: 'An entry under `Outputs` whose `Value` is `!GetAtt <AccessKey>.SecretAccessKey` (short or long form, also inside `!Sub`/`!Join`).',
      why: 'Stack outputs are readable by anyone with `cloudformation:DescribeStacks`, shown in the console and logged by deployment tools: the secret key is effectively published.',
      example: `Outputs:
  SecretKey:
    Value: !GetAtt Key.SecretAccessKey`,
      fix: 'Do not output secrets. Store the key in Secrets Manager (`AWS::SecretsManager::Secret` with `SecretString: !GetAtt Key.SecretAccessKey`) — or better, avoid access keys entirely.',
      refs: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html'],
    }),
    'Never output SecretAccessKey; store it in Secrets Manager or use roles.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const o of t.entries(t.get(t.root, 'Outputs'))) {
      const value = t.get(o.value, 'Value');
      if (!value) continue;
      const hit = findSecretAtt(t, value);
      if (hit)
        ctx.report(
          {
            id: `Outputs.${o.key}`,
            keyNode: o.keyNode,
            scope: t.scopeOf(o.keyNode, o.value),
            path: `Outputs.${o.key}`,
          },
          hit,
          `output ${o.key} exposes a SecretAccessKey`,
        );
    }
  },
};

function findSecretAtt(
  t: Parameters<CfnRule['check']>[0]['t'],
  node: import('yaml').Node,
  depth = 0,
): import('yaml').Node | undefined {
  if (depth > 20) return undefined;
  const fn = t.intrinsic(node);
  if (fn?.fn === 'Fn::GetAtt') {
    const a = fn.arg;
    const s = isScalar(a)
      ? String(a.value)
      : isSeq(a)
        ? a.items.map((i) => (isScalar(i) ? String(i.value) : '')).join('.')
        : '';
    if (/\.SecretAccessKey$/.test(s)) return node;
  }
  if (fn?.fn === 'Fn::Sub') {
    const a = fn.arg;
    const tpl = isScalar(a) ? a : isSeq(a) ? a.items[0] : undefined;
    if (isScalar(tpl) && /\$\{[^}]*\.SecretAccessKey\}/.test(String(tpl.value))) return node;
  }
  const children = isMap(node) ? node.items.map((p) => p.value) : isSeq(node) ? node.items : [];
  for (const c of children) {
    if (!c || typeof c !== 'object') continue;
    const h = findSecretAtt(t, c as import('yaml').Node, depth + 1);
    if (h) return h;
  }
  return undefined;
}
export default rule;
