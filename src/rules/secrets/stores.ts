/**
 * References to secret stores: the right way to put a secret in a repository. A value that is (or sits inside) one
 * of these is never reported by any rule — secret detectors, IaC rules, environment parity.
 *
 * - HashiCorp Vault: `lookup('hashi_vault', …)` / `community.hashi_vault.*` in Jinja, `vault:` / `vault://` URIs,
 *   `${vault:…}`
 * - AWS: `{{resolve:secretsmanager:…}}`, `{{resolve:ssm-secure:…}}`, `{{resolve:ssm:…}}`, Secrets Manager / SSM ARNs,
 *   `lookup('amazon.aws.aws_secret' | 'aws_ssm', …)`, `${ssm:…}`
 * - Ansible Vault: `!vault` tagged values, `$ANSIBLE_VAULT;…` headers and the hex lines of their bodies
 * - SOPS: `ENC[AES256_GCM,data:…]` values
 *
 * Pure string code, no imports: the hot path calls it only for a candidate secret.
 */

export type StoreName = 'git-crypt' | 'SOPS' | 'Ansible Vault' | 'HashiCorp Vault' | 'AWS Secrets Manager / SSM';

const SPAN_RES: Array<[RegExp, StoreName]> = [
  [/ENC\[[A-Za-z0-9_]+,data:[^\]\s]*\]/g, 'SOPS'],
  [/\$ANSIBLE_VAULT;\d+\.\d+;[A-Z0-9]+(?:;[\w.-]+)?/g, 'Ansible Vault'],
  [/\{\{\s*resolve:(?:secretsmanager|ssm-secure|ssm):[^}\n]*\}\}/g, 'AWS Secrets Manager / SSM'],
  [/arn:aws[\w-]*:(?:secretsmanager|ssm):[\w-]*:\d*:(?:secret|parameter)[:/][\w/+=.@-]+/g, 'AWS Secrets Manager / SSM'],
  [/\$\{(?:ssm|secretsmanager|aws-secretsmanager)(?:\.[\w-]+)?:[^}\n]*\}/g, 'AWS Secrets Manager / SSM'],
  [/\$\{vault:[^}\n]*\}/g, 'HashiCorp Vault'],
  [/(?<![\w-])vault:(?:\/\/)?[\w.-]+(?:\/[\w.-]+)+(?:[#:][\w.-]+)?/g, 'HashiCorp Vault'],
];

/** A Jinja expression that reads from a store (the whole `{{ … }}` is the reference). */
const JINJA = /\{\{[^{}\n]*?\}\}/g;
const JINJA_STORE =
  /\b(?:community\.hashi_vault\.|hashi_vault|vault_kv[12]_get|vault_read|amazon\.aws\.aws_s(?:ecret|sm_parameter_store)|aws_secret|aws_ssm|azure_keyvault_secret|gcp_secret_manager|google\.cloud\.gcp_secret)/;

/** Hex lines of an `$ANSIBLE_VAULT` body. */
const VAULT_HEX = /^\s*[0-9a-f]{20,}\s*$/;

function lineBounds(text: string, start: number, end: number): [number, number] {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', end);
  if (le === -1) le = text.length;
  return [ls, le];
}

/** Which store a span of text refers to, when [start, end) lies inside a store reference. */
export function storeReferenceAt(text: string, start: number, end: number): StoreName | undefined {
  const [ls, le] = lineBounds(text, start, end);
  const line = text.slice(ls, le);
  const s = start - ls;
  const e = end - ls;
  for (const [re, name] of SPAN_RES) {
    re.lastIndex = 0;
    // The hit starts inside the reference (a detector may take a quote or an escape after it along).
    for (let m = re.exec(line); m; m = re.exec(line))
      if (m.index <= s && s < m.index + m[0].length && /^[\s"'`\\nr,;)}]*$/.test(line.slice(m.index + m[0].length, e)))
        return name;
  }
  if (line.includes('{{')) {
    JINJA.lastIndex = 0;
    for (let m = JINJA.exec(line); m; m = JINJA.exec(line))
      if (m.index <= s && e <= m.index + m[0].length && JINJA_STORE.test(m[0]))
        return /vault/.test(m[0]) && !/aws|azure|gcp|google/.test(m[0])
          ? 'HashiCorp Vault'
          : 'AWS Secrets Manager / SSM';
  }
  // `key: !vault |` and the block under it.
  if (/!vault\b/.test(line)) return 'Ansible Vault';
  if (VAULT_HEX.test(line)) {
    const before = text.slice(Math.max(0, ls - 64 * 1024), ls);
    const h = Math.max(before.lastIndexOf('$ANSIBLE_VAULT;'), before.lastIndexOf('!vault'));
    if (
      h !== -1 &&
      before
        .slice(h)
        .split('\n')
        .slice(1, -1)
        .every((l) => VAULT_HEX.test(l) || l.trim() === '')
    )
      return 'Ansible Vault';
  }
  return undefined;
}

/** True when a whole value is a store reference (or an encrypted value). */
const HINT = /ENC\[|\$ANSIBLE_VAULT|!vault|resolve:|arn:aws|\$\{|vault:|\{\{/;

export function isStoreReference(value: string): boolean {
  const v = value.trim();
  if (!v || !HINT.test(v)) return false;
  if (v.startsWith('$ANSIBLE_VAULT;')) return true;
  return storeReferenceAt(v, 0, v.length) !== undefined;
}
