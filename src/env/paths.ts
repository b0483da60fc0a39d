/**
 * Cheap path tests the hook's hot path uses to decide whether the environment / at-rest checks need to load at all.
 * No imports: this module is bundled into lib/cli.cjs.
 */

/** Words that name an environment, and the name they stand for. */
export const ENV_WORDS: Readonly<Record<string, string>> = {
  dev: 'dev',
  development: 'dev',
  test: 'test',
  testing: 'test',
  qa: 'qa',
  staging: 'staging',
  stage: 'staging',
  uat: 'uat',
  preprod: 'preprod',
  prod: 'prod',
  production: 'prod',
  live: 'prod',
  sandbox: 'sandbox',
};

const ENV_TOKEN =
  /(?:^|[/._-])(?:dev|development|test|testing|qa|staging|stage|uat|preprod|prod|production|live|sandbox)(?:[/._-]|$)/i;
/** Formats the parity check can flatten (see flatten.ts formatOf). */
const CONFIG_FILE =
  /\.(?:ya?ml|json|ini|cfg|conf|properties|env|tfvars)$|(?:^|\/)\.env(?:\.[^/]*)?$|(?:^|\/)(?:inventor(?:y|ies)|hosts)(?:\/[^/.]*)*$|(?:^|\/)(?:hosts|inventory)$/i;

/** A file that may play a role in one environment (a path segment or name part names one, and we can parse it). */
export function isEnvCandidate(path: string): boolean {
  return ENV_TOKEN.test(path) && CONFIG_FILE.test(path);
}

/** Any configuration file (when `environments` globs in the config decide which files belong to which). */
export function isConfigFile(path: string): boolean {
  return CONFIG_FILE.test(path);
}

/** Files that declare at-rest encryption (their change can turn a check on). */
export function isAtRestConfig(path: string): boolean {
  return /(?:^|\/)(?:\.gitattributes|\.sops\.ya?ml)$/.test(path);
}

/** An Ansible Vault file by name or place: vault.yml, *.vault.yml, group_vars/<g>/vault*, vars/vault*. */
export function isVaultName(path: string): boolean {
  return (
    /(?:^|\/)(?:group_vars|host_vars)\/(?:[^/]+\/)?vault[^/]*$/i.test(path) ||
    /(?:^|\/)vars\/vault[^/]*\.ya?ml$/i.test(path) ||
    /\.vault(?:\.ya?ml)?$/i.test(path) ||
    /(?:^|\/)vault\.ya?ml$/i.test(path)
  );
}

/** SOPS metadata in a file's text (YAML/JSON `sops:` map, dotenv `sops_version=`, INI `[sops]`). */
export function hasSopsMetadata(text: string): boolean {
  return (
    text.includes('sops') &&
    /^(?:sops:\s*$|\s*"sops"\s*:\s*\{|sops_version=|\[sops\]\s*$)/m.test(text) &&
    /(?:mac|lastmodified|version)/.test(text)
  );
}
