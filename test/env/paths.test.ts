import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isConfigFile, isEnvCandidate, isVaultName, lowerAscii } from '../../src/env/paths.js';
import { spanningSecrets, wantsIac } from '../../src/scan/wants.js';

// The case-insensitive definitions these tests had before they went to lower case without the i flag: the oracles.
const ENV_TOKEN =
  /(?:^|[/._-])(?:dev|development|test|testing|qa|staging|stage|uat|preprod|prod|production|live|sandbox)(?:[/._-]|$)/i;
const CONFIG_FILE =
  /\.(?:ya?ml|json|ini|cfg|conf|properties|env|tfvars)$|(?:^|\/)\.env(?:\.[^/]*)?$|(?:^|\/)(?:inventor(?:y|ies)|hosts)(?:\/[^/.]*)*$|(?:^|\/)(?:hosts|inventory)$/i;
const VAULT = [
  /(?:^|\/)(?:group_vars|host_vars)\/(?:[^/]+\/)?vault[^/]*$/i,
  /(?:^|\/)vars\/vault[^/]*\.ya?ml$/i,
  /\.vault(?:\.ya?ml)?$/i,
  /(?:^|\/)vault\.ya?ml$/i,
];
const IAC_NAME =
  /\.(?:ya?ml|json|template|tmpl|cfn)$|(?:^|\/)(?:ansible\.cfg|\.ansible\.cfg)$|(?:^|\/)(?:group_vars|host_vars|inventory|inventories)\/|(?:^|\/)(?:hosts|inventory)(?:\.ini)?$/i;
const NO_EXT = /(?:^|\/)[^/.]+$|\.(?:txt|ini|cfg|conf)$/i;
const SPANNING =
  /(?:^|\/)(?:[._]netrc|\.pypirc|\.pgpass|settings\.xml|\.htpasswd|[^/]*\.gradle(?:\.kts)?|gradle\.properties|\.npmrc)$/i;

const piece = fc.oneof(
  fc.constantFrom(
    '/',
    '.',
    '-',
    '_',
    'Prod',
    'STAGING',
    'dev',
    'group_vars',
    'Host_Vars',
    'Vault',
    'vars',
    'YML',
    'yaml',
  ),
  fc.constantFrom('.Env', 'json', 'Hosts', 'inventory', 'INVENTORIES', 'ansible.cfg', 'template', 'Txt', 'conf'),
  fc.constantFrom('.NetRC', '_netrc', 'Settings.XML', 'build.Gradle', '.kts', '.npmrc', 'gradle.properties'),
  fc.constantFrom('\u212A', '\u0130', '\u017F', '\u00E9', '\uFF21'),
  fc.string({ maxLength: 3 }),
);

describe('path tests in lower case without the i flag', () => {
  it('answer as the case-insensitive regexes do, for any path (non-ASCII letters included)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const p = parts.join('');
        expect(isEnvCandidate(p)).toBe(ENV_TOKEN.test(p) && CONFIG_FILE.test(p));
        expect(isConfigFile(p)).toBe(CONFIG_FILE.test(p));
        expect(isVaultName(p)).toBe(VAULT.some((r) => r.test(p)));
        expect(wantsIac(p)).toBe(IAC_NAME.test(p) || NO_EXT.test(p));
        expect(spanningSecrets(p)).toBe(SPANNING.test(p));
      }),
      { numRuns: 5000 },
    );
    expect(isEnvCandidate('config/PROD.YAML')).toBe(true);
    expect(isVaultName('Group_Vars/all/Vault.yml')).toBe(true);
    expect(lowerAscii('A/\u0130/\u212A.YML')).toBe('a/\u0130/\u212A.yml'); // the Kelvin sign stays: /i without u keeps it apart from k
  });
});
