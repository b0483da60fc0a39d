import type { CfnRule } from '../rule.js';
import { doc, looksSecretName, meta, nonSecretParameter, usesOf } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-004',
    'Secret-looking parameter without NoEcho',
    'medium',
    [],
    doc({
      what: 'A parameter whose name looks like a secret (Password, Secret, Token, ApiKey, PrivateKey…) of type String without `NoEcho: true`. Names such as `SecretArn`, `PasswordLength` or `TokenUrl` are not secrets and are skipped.',
      why: 'Without NoEcho the value is shown in plain text in the console, in `describe-stacks` output and in deployment logs.',
      example: `Parameters:
  DbPassword:
    Type: String`,
      fix: 'Set `NoEcho: true` — better, drop the parameter and use a `{{resolve:secretsmanager:…}}` dynamic reference where the value is used.',
      fixed: `Parameters:
  DbPassword:
    Type: String
    NoEcho: true`,
      refs: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html'],
    }),
    'Set NoEcho: true on secret parameters (or use dynamic references).',
  ),
  check(ctx) {
    for (const p of ctx.t.parameters.values()) {
      if (p.noEcho || !looksSecretName(p.name) || nonSecretParameter(ctx.t, p.name)) continue;
      const anchor = { id: `Parameters.${p.name}`, keyNode: p.keyNode, scope: p.scope, path: `Parameters.${p.name}` };
      ctx.report(anchor, undefined, `parameter ${p.name} looks like a secret but has no NoEcho: true`);
      // Also where the secret is consumed, so a change to that resource shows it.
      for (const u of usesOf(ctx.t, p.name))
        ctx.report(u.res, u.node, `${u.res.id} takes parameter ${p.name}, which looks like a secret but has no NoEcho`);
    }
  },
};
export default rule;
