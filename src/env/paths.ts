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

/**
 * A path with its ASCII capitals in lower case (nothing else changed): what these case-insensitive tests match,
 * written in lower case without the i flag (a regex with it costs several times more to compile, at every start; the
 * flag without u folds ASCII letters only, which is exactly this). The last path is remembered: one path meets
 * several tests in a row.
 */
let lastPath = '';
let lastLower = '';
const NON_ASCII = /[^\x00-\x7f]/;
const UPPER = /[A-Z]+/g;
export function lowerAscii(path: string): string {
  if (path !== lastPath) {
    lastPath = path;
    lastLower = NON_ASCII.test(path) ? path.replace(UPPER, (m) => m.toLowerCase()) : path.toLowerCase();
  }
  return lastLower;
}

/** Lower case, for lowerAscii paths. */
const ENV_TOKEN =
  /(?:^|[/._-])(?:dev|development|test|testing|qa|staging|stage|uat|preprod|prod|production|live|sandbox)(?:[/._-]|$)/;
/** Formats the parity check can flatten (see flatten.ts formatOf). Lower case, for lowerAscii paths. */
const CONFIG_FILE =
  /\.(?:ya?ml|json|ini|cfg|conf|properties|env|tfvars)$|(?:^|\/)\.env(?:\.[^/]*)?$|(?:^|\/)(?:inventor(?:y|ies)|hosts)(?:\/[^/.]*)*$|(?:^|\/)(?:hosts|inventory)$/;

/** A file that may play a role in one environment (a path segment or name part names one, and we can parse it). */
export function isEnvCandidate(path: string): boolean {
  const p = lowerAscii(path);
  return ENV_TOKEN.test(p) && CONFIG_FILE.test(p);
}

/** Any configuration file (when `environments` globs in the config decide which files belong to which). */
export function isConfigFile(path: string): boolean {
  return CONFIG_FILE.test(lowerAscii(path));
}

/** Files that declare at-rest encryption (their change can turn a check on). */
export function isAtRestConfig(path: string): boolean {
  return /(?:^|\/)(?:\.gitattributes|\.sops\.ya?ml)$/.test(path);
}

/** An Ansible Vault file by name or place: vault.yml, *.vault.yml, group_vars/<g>/vault*, vars/vault*. */
export function isVaultName(path: string): boolean {
  const p = lowerAscii(path);
  return (
    p.includes('vault') &&
    (/(?:^|\/)(?:group_vars|host_vars)\/(?:[^/]+\/)?vault[^/]*$/.test(p) ||
      /(?:^|\/)vars\/vault[^/]*\.ya?ml$/.test(p) ||
      /\.vault(?:\.ya?ml)?$/.test(p) ||
      /(?:^|\/)vault\.ya?ml$/.test(p))
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
