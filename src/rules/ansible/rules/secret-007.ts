import {
  atSecretValue,
  cryptHash,
  isSecretName,
  pairsOf,
  plaintextSecret,
  type AnsibleContext,
  type AnsibleRule,
  type Arg,
  type VarEntry,
} from '../context.js';
import { doc } from '../docs.js';
import { BECOME_PASSWORD, CONNECTION_PASSWORD } from '../varnames.js';

/** A role's defaults (lowest precedence: meant to be overridden by the inventory or the play). */
const ROLE_DEFAULTS = /(?:^|\/)defaults\/[^/]+\.ya?ml$/;
/** Default passwords everyone knows (the product's or the distribution's own): shipped as a role default, low. */
const WELL_KNOWN =
  /^(?:root|admin|administrator|password|passw0rd|secret|vagrant|guest|default|changeit|postgres|mysql|toor|pass|test|user|demo)$/i;

function visit(ctx: AnsibleContext, v: VarEntry, a: Arg, path: string, depth: number): void {
  const plain =
    isSecretName(a.key) && !CONNECTION_PASSWORD.test(a.key) && !BECOME_PASSWORD.test(a.key) ? plaintextSecret(a) : '';
  if (plain) {
    // A crypt hash (for the user module's password:) is not plaintext; a weak MD5-crypt one is worth a low.
    const hash = cryptHash(plain);
    if (hash === 'weak')
      atSecretValue(
        ctx,
        a,
        v.scope,
        path,
        `${a.key} is an MD5-crypt ($1$) hash, which is cracked quickly offline; use SHA-512 ($6$) or yescrypt.`,
        'low',
      );
    else if (!hash && v.where === 'vars-file' && ROLE_DEFAULTS.test(ctx.file.path) && WELL_KNOWN.test(plain))
      atSecretValue(
        ctx,
        a,
        v.scope,
        path,
        `${a.key} ships a well-known default password in the role's defaults: it applies wherever the role is used without overriding it; set it from a vaulted variable.`,
        'low',
      );
    else if (!hash)
      atSecretValue(
        ctx,
        a,
        v.scope,
        path,
        `${a.key} is a plaintext secret${v.where === 'vars-file' || v.where === 'inventory' ? ' in a vars file; vault it' : ''}.`,
      );
    return;
  }
  if (depth < 6) for (const c of pairsOf(ctx, a.node)) visit(ctx, v, c, `${path}.${c.key}`, depth + 1);
}

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-SECRET-007',
    title: 'Plaintext secret in variables',
    severity: 'high',
    category: 'ansible',
    modules: [],
    docs: doc({
      what: 'Flags secret-looking variables (`*_password`, `*_token`, `*_secret`, `api_key`, `secret_key`…, also nested in dictionaries) with a literal value in group_vars, host_vars, role defaults/vars, play/task vars and inventories. `!vault` values, vault-encrypted files and Jinja references are fine. A crypt hash (`$6$…`, `$5$…`, yescrypt, bcrypt) kept for the user module is not plaintext; an MD5-crypt `$1$` hash is reported at low. Stand-ins a role ships to mean "override me" (`changeme-not-used`, `none`, `must-be-set`), and a default the role\'s own tasks refuse to run with (a `fail`/`assert` comparing the variable with that value), are not secrets; a well-known password (`root`, `admin`) shipped in a role\'s `defaults/` applies wherever the role is not given another and is reported at low.',
      why: 'A plaintext secret in the repository is readable by every clone and stays in git history; vars files are exactly what Ansible Vault is for.',
      bad: '# group_vars/db.yml\npostgres_admin_password: Sup3rSecretPassw0rd!',
      good: '# group_vars/db.yml\npostgres_admin_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  …',
      refs: [
        'https://docs.ansible.com/ansible/latest/vault_guide/vault_encrypting_content.html',
        'CWE-798: Use of Hard-coded Credentials',
      ],
    }),
    remediation: 'Encrypt the value with `ansible-vault encrypt_string` or move it to a vaulted file.',
  },
  check(ctx) {
    for (const v of ctx.file.vars) visit(ctx, v, v, v.path, 0);
  },
};
export default rule;
