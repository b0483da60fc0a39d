import type { CfnRule } from '../rule.js';
import { doc, findVal, looksSecretName, meta, strVal, nonSecretParameter, usesOf } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-005',
    'Secret-looking parameter has a Default value',
    'high',
    [],
    doc({
      what: 'A parameter whose name looks like a secret (Password, Secret, Token, ApiKey…) with a non-empty literal `Default`, whether or not it has `NoEcho`.',
      why: 'The Default is the secret, committed to version control; NoEcho hides it in the console but not in the repository.',
      example: `Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: Sup3rSecretPassw0rd!`,
      fix: 'Remove the Default and supply the value at deploy time, or store it in Secrets Manager and use a dynamic reference.',
      refs: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds'],
    }),
    'Remove the Default from secret parameters; use Secrets Manager.',
  ),
  check(ctx) {
    for (const p of ctx.t.parameters.values()) {
      if (!p.defaultNode || !looksSecretName(p.name) || nonSecretParameter(ctx.t, p.name)) continue;
      const v = findVal(ctx.t.values(p.defaultNode), (x) => (strVal(x) ?? '').length > 0);
      if (!v) continue;
      const anchor = { id: `Parameters.${p.name}`, keyNode: p.keyNode, scope: p.scope, path: `Parameters.${p.name}` };
      ctx.report(anchor, p.defaultNode, `parameter ${p.name} has a Default that looks like a secret`, { secret: true });
      for (const u of usesOf(ctx.t, p.name))
        ctx.report(u.res, u.node, `${u.res.id} gets a secret from the Default of parameter ${p.name}`);
    }
  },
};
export default rule;
