import type { CfnRule } from '../rule.js';
import type { Node } from 'yaml';
import { doc, looksSecretName, meta, nonSecretParameter, usesOf } from '../util.js';
import { cloudFindings } from '../cloud.js';
import { secretProps } from '../../../cloud/checks/secrets.js';
import type { Resource } from '../../../parse/cloudformation.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-004',
    'Secret-looking parameter without NoEcho',
    'medium',
    [],
    doc({
      what: 'A parameter without `NoEcho: true` that holds a secret: its name looks like one (Password, Secret, Token, ApiKey, PrivateKey…; names such as `SecretArn`, `PasswordLength` or `TokenUrl` are skipped), or it is passed to a password, token or key property (those of CFN-CRED-006), whatever its name. Reported at the parameter and at every property that consumes it.',
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
    const t = ctx.t;
    // Parameters consumed by a secret property, whatever their name.
    const consumed = new Map<string, Array<{ res: Resource; node: Node }>>();
    for (const f of cloudFindings(t, secretProps)) {
      if (f.code !== 'secret-from-parameter' || !f.detail || !f.at?.loc.node) continue;
      const p = t.parameters.get(f.detail);
      if (!p || p.noEcho) continue;
      const list = consumed.get(p.name) ?? [];
      list.push({ res: f.resource.origin as Resource, node: f.at.loc.node as Node });
      consumed.set(p.name, list);
    }
    for (const p of t.parameters.values()) {
      if (p.noEcho) continue;
      const byName = looksSecretName(p.name) && !nonSecretParameter(t, p.name);
      const uses = consumed.get(p.name);
      if (!byName && !uses) continue;
      const anchor = { id: `Parameters.${p.name}`, keyNode: p.keyNode, scope: p.scope, path: `Parameters.${p.name}` };
      ctx.report(
        anchor,
        undefined,
        byName
          ? `parameter ${p.name} looks like a secret but has no NoEcho: true`
          : `parameter ${p.name} is passed to a secret property but has no NoEcho: true`,
      );
      // Also where the secret is consumed, so a change to that resource shows it.
      for (const u of byName ? usesOf(t, p.name) : uses!)
        ctx.report(
          u.res,
          u.node,
          `${u.res.id} takes parameter ${p.name}, which ${byName ? 'looks like a secret' : 'holds a secret'} but has no NoEcho`,
        );
    }
  },
};
export default rule;
