import {
  argPath,
  atSecretValue,
  isSecretName,
  isSeq,
  pairsOf,
  plaintextSecret,
  type AnsibleRule,
  type Arg,
} from '../context.js';
import { doc } from '../docs.js';
import { DB_USER_MODULES } from '../dbmodules.js';

const AUTH_HEADER = /^(?:authorization|proxy-authorization|x-api-key|x-auth-token|private-token|x-vault-token)$/i;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SECRET-005',
    title: 'Literal credential in module arguments',
    severity: 'high',
    category: 'ansible',
    modules: ['uri', 'get_url', 'set_fact', 'postgresql_db', 'mysql_db', 's3_bucket'],
    docs: doc({
      what: 'Flags credential arguments (`login_password`, `url_password`, `api_token`, `token_key`, `aws_secret_key`, `client_secret`…, also nested, e.g. `master_auth.password`) and `Authorization`/API-key headers given a literal value in any module (the user password and database account passwords have their own rules).',
      why: 'The credential is committed in clear text; anyone with read access to the repository can use it.',
      bad: '- ansible.builtin.uri:\n    url: https://api.example.com/deploy\n    headers:\n      Authorization: Bearer abcdef0123456789',
      good: '- ansible.builtin.uri:\n    url: https://api.example.com/deploy\n    headers:\n      Authorization: "Bearer {{ vault_deploy_token }}"\n  no_log: true',
      refs: [
        'CWE-798: Use of Hard-coded Credentials',
        'https://docs.ansible.com/ansible/latest/vault_guide/index.html',
      ],
    }),
    remediation: 'Move the value to Ansible Vault and reference it with no_log: true.',
  },
  check(ctx) {
    for (const t of ctx.file.tasks) {
      // Nested arguments count too (`master_auth: {password: …}`, `auth: {api_token: …}`), a few levels down.
      const visit = (a: Arg, key: string, depth: number) => {
        if (a.node && depth < 4) {
          for (const sub of pairsOf(ctx, a.node)) visit(sub, `${key}.${sub.key}`, depth + 1);
          if (isSeq(a.node))
            a.node.items.forEach((it, i) => {
              for (const sub of pairsOf(ctx, it)) visit(sub, `${key}[${i}].${sub.key}`, depth + 1);
            });
        }
        if (!isSecretName(a.key)) return;
        if (depth === 0 && t.short === 'user' && a.key === 'password') return;
        if (
          depth === 0 &&
          DB_USER_MODULES.includes(t.short) &&
          ['password', 'user_password', 'new_password'].includes(a.key)
        )
          return;
        if (plaintextSecret(a))
          atSecretValue(ctx, a, t.scope, argPath(t, key), `${t.module} ${key} is a literal credential.`);
      };
      for (const a of t.args.values()) if (a.key !== 'headers') visit(a, a.key, 0);
      const headers = t.args.get('headers');
      for (const h of pairsOf(ctx, headers?.node))
        if (AUTH_HEADER.test(h.key)) {
          const v = plaintextSecret(h);
          if (v && !/^(?:Bearer|Basic|token)$/i.test(v))
            atSecretValue(
              ctx,
              h,
              t.scope,
              argPath(t, `headers.${h.key}`),
              `${t.module} sends a literal ${h.key} header.`,
            );
        }
    }
  },
};
export default rule;
