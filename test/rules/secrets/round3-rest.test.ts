/**
 * Issue 31, second pass: the classes round three left (provider formats, look-alikes of provider rules, credentials
 * as call arguments, real passwords read as code, layout, letters-only tokens). Table tests as in round3.test.ts: a
 * row is an exact line in an exact file, made with fresh values on every round, and the severity it must get.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALNUM, rand } from '../../../scripts/fakes.mjs';
import { compileRuleSet, readPatternDir } from '../../../src/rules/secrets/load.js';
import { detectSecrets } from '../../../src/rules/secrets/detect.js';
import { wordLike } from '../../../src/rules/secrets/letters.js';
import type { Severity } from '../../../src/types.js';
import { ROOT } from '../../helpers.js';

const patterns = await readPatternDir(path.join(ROOT, 'patterns'));
const set = compileRuleSet(patterns);
const ORDER: Array<Severity | 'none'> = ['none', 'info', 'low', 'medium', 'high', 'critical'];
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CISCO = './' + DIGITS + UPPER + LOWER;
const pick = <T>(...xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const b64url = (s: string) => Buffer.from(s).toString('base64url');
/** A random password with digits and a symbol inside. */
const pw = () => rand(ALNUM, 5) + rand(DIGITS, 2) + rand(ALNUM, 3) + pick('!', '#', '%', '@') + rand(ALNUM, 5);
const WORDS = ['violet', 'tundra', 'marble', 'kettle', 'copper', 'lantern', 'orchid', 'glacier', 'pepper', 'saddle'];
const passphrase = () => {
  const w = [...WORDS].sort(() => Math.random() - 0.5);
  return [w[0], w[1], w[2], rand(DIGITS, 2), w[3]].join(' ');
};

function worst(file: string, text: string): { sev: Severity | 'none'; why: string } {
  const hits = detectSecrets(text, set, [], { path: file });
  let sev: Severity | 'none' = 'none';
  for (const h of hits) if (ORDER.indexOf(h.severity) > ORDER.indexOf(sev)) sev = h.severity;
  return { sev, why: hits.map((h) => `${h.rule.p.id}: ${h.severity} (${h.why})`).join('; ') };
}

type Want = Severity | 'none' | 'atLeastMedium' | 'blocks' | 'atMostLow' | 'atMostMedium';
type Row = [name: string, file: string, make: () => string, want: Want];

function table(rows: Row[], rounds = 4) {
  it.each(rows)('%s', (_name, file, make, want) => {
    for (let i = 0; i < rounds; i++) {
      const text = make();
      const { sev, why } = worst(file, text);
      // Never print a value whole: long runs are cut to their first three characters.
      const label = `${text.replace(/[A-Za-z0-9+/_-]{12,}/g, (v) => v.slice(0, 3) + '…').slice(0, 120)} → ${why || 'nothing'}`;
      const at = ORDER.indexOf(sev);
      if (want === 'atLeastMedium') expect(at, label).toBeGreaterThanOrEqual(ORDER.indexOf('medium'));
      else if (want === 'blocks') expect(at, label).toBeGreaterThanOrEqual(ORDER.indexOf('high'));
      else if (want === 'atMostLow') expect(at, label).toBeLessThanOrEqual(ORDER.indexOf('low'));
      else if (want === 'atMostMedium') expect(at, label).toBeLessThanOrEqual(ORDER.indexOf('medium'));
      else expect(sev, label).toBe(want);
    }
  });
}

const mapboxTemp = () =>
  `tk.${b64url(JSON.stringify({ u: rand(LOWER, 8), exp: 1900000000 + Math.floor(Math.random() * 9999), scopes: ['styles:read'] }))}.${rand(ALNUM + '_-', 22)}`;
const ghsStateless = () =>
  `ghs_${rand(DIGITS, 6)}_${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify({ iss: rand(DIGITS, 6), ins: rand(DIGITS, 8) }))}.${rand(ALNUM + '_-', 342)}`;
const mixedHex = (n: number): string => {
  for (;;) {
    const s = rand('0123456789abcdefABCDEF', n);
    if (/[a-f]/.test(s) && /[A-F]/.test(s)) return s;
  }
};

describe('provider formats: dotted tokens', () => {
  table([
    [
      'Mapbox temporary token (medium: it lives an hour)',
      'scripts/tiles.sh',
      () => `export MAPBOX_TOKEN=${mapboxTemp()}`,
      'medium',
    ],
    ['StackHawk API key', '.env', () => `HAWK_API_KEY=hawk.${rand(ALNUM, 20)}.${rand(ALNUM, 20)}`, 'high'],
    [
      'StackHawk key in stackhawk.yml',
      'stackhawk.yml',
      () => `  apiKey: hawk.${rand(ALNUM, 20)}.${rand(ALNUM, 20)}`,
      'high',
    ],
    [
      '<id>.<secret> in ?token=',
      'scripts/poll.sh',
      () => `curl "https://api.acme-corp.io/v2/events?token=${rand(LOWER, 1)}${rand(HEX, 7)}.${rand(ALNUM, 30)}9Q"`,
      'atLeastMedium',
    ],
    [
      '<id>.<secret> in &token=',
      'src/ingest.js',
      () => `fetch("https://hooks.acme-corp.io/ingest?source=ci&token=${rand(LOWER, 6)}.${rand(ALNUM, 38)}7Xa")`,
      'atLeastMedium',
    ],
    ['a property reference stays code', 'src/app.js', () => `const token = this.session.accessToken;`, 'none'],
    ['a dotted Python attribute stays code', 'app/client.py', () => `token = settings.API_TOKEN_VALUE`, 'none'],
  ]);
});

describe('provider formats: near-misses of a known prefix are reported at medium', () => {
  table([
    ['Sourcegraph sgp_ with mixed-case hex', '.env', () => `SRC_ACCESS_TOKEN=sgp_${mixedHex(40)}`, 'medium'],
    ['Sourcegraph canonical stays high', '.env', () => `SRC_ACCESS_TOKEN=sgp_${rand(HEX, 40)}`, 'high'],
    ['Shopify shpat_ with a non-hex body', 'config/shop.env', () => `SHOPIFY_TOKEN=shpat_${rand(ALNUM, 32)}`, 'medium'],
    ['Shopify shpca_ of another length', 'config/shop.yml', () => `access_token: shpca_${rand(ALNUM, 38)}`, 'medium'],
    ['Shopify canonical stays high', 'config/shop.env', () => `SHOPIFY_TOKEN=shpat_${rand(HEX, 32)}`, 'high'],
    ['Stripe rk_prod_', '.env', () => `STRIPE_KEY=rk_prod_${rand(ALNUM, 40)}`, 'medium'],
    [
      'Telegram token of another length',
      'bot/config.py',
      () => `BOT = "${rand('123456789', 1)}${rand(DIGITS, 9)}:AA${rand(ALNUM + '_-', pick(30, 31, 36, 40))}"`,
      'medium',
    ],
    [
      'Slack webhook over http://',
      'ci/notify.sh',
      () =>
        `curl -X POST http://hooks.slack.com/services/T${rand(UPPER + DIGITS, 10)}/B${rand(UPPER + DIGITS, 10)}/${rand(ALNUM, 24)}`,
      'medium',
    ],
    [
      'WireGuard key with non-canonical padding',
      'wg0.conf',
      () => `PrivateKey = ${rand(ALNUM + '+/', 42)}${pick('B', 'C', 'D', 'F', 'b', 'z', '1', '7')}=`,
      'medium',
    ],
    [
      'WireGuard canonical stays high',
      'wg0.conf',
      () => `PrivateKey = ${rand(ALNUM + '+/', 42)}${pick('A', 'E', 'I', 'c', 'w', '0', '4', '8')}=`,
      'high',
    ],
    ['a MAC address is not a Telegram token', 'net/hosts.txt', () => `mac 00:aa:bb:cc:dd:${rand(HEX, 2)}`, 'none'],
  ]);
});

describe('provider formats with no rule before', () => {
  table([
    ['42 intra application secret', '.env', () => `FT_CLIENT_SECRET=s-s4t2ud-${rand(HEX, 64)}`, 'high'],
    ['42 intra UID is the public client id', '.env', () => `FT_UID=u-s4t2ud-${rand(HEX, 64)}`, 'none'],
    ['Tavily key', '.env', () => `TAVILY=tvly-${pick('', 'dev-', 'prod-')}${rand(ALNUM, 32)}`, 'high'],
    [
      'Tavily key as an argument',
      'agent/search.py',
      () => `client = TavilyClient(api_key="tvly-${rand(ALNUM, 32)}")`,
      'high',
    ],
    ['Tavily docs placeholder', 'docs/quickstart.py', () => `TavilyClient(api_key="tvly-YOUR_API_KEY")`, 'none'],
    ['Jina key', '.env', () => `EMBEDDINGS=jina_${rand(HEX, 32)}${rand(ALNUM + '_-', 28)}`, 'high'],
    [
      'Azure DevOps 84-character PAT without a keyword',
      'scripts/push.sh',
      () =>
        `git push https://${rand(ALNUM, 52)}${rand(ALNUM, 24)}AZDO${rand(ALNUM, 4)}@example.visualstudio.com/p/_git/r`,
      'high',
    ],
    [
      'Facebook APPID|app secret',
      'src/fb.js',
      () =>
        `const graph = "https://graph.facebook.com/me?access_token=${rand('123456789', 1)}${rand(DIGITS, 14)}|${rand(HEX, 32)}";`,
      'high',
    ],
    [
      'GitHub stateless installation token (ghs_APPID_JWT)',
      'ci/release.sh',
      () => `export GH_TOKEN=${ghsStateless()}`,
      'high',
    ],
    [
      'Tailscale key of a newer type',
      'deploy/ts.env',
      () => `TS_KEY=tskey-${pick('federated', 'oauth', 'k8s')}-${rand(ALNUM, 12)}CNTRL-${rand(ALNUM, 30)}`,
      'high',
    ],
    [
      'Cisco type 8 hash',
      'net/router.cfg',
      () => `username admin privilege 15 secret 8 $8$${rand(CISCO, 14)}$${rand(CISCO, 43)}`,
      'medium',
    ],
    ['Cisco type 9 hash', 'net/router.cfg', () => `enable secret 9 $9$${rand(CISCO, 14)}$${rand(CISCO, 43)}`, 'medium'],
  ]);
});

describe('blocked wrongly: provider rules without bounds', () => {
  const alphabetRun = (n: number) => {
    const a = UPPER + LOWER + DIGITS;
    const at = Math.floor(Math.random() * 26);
    return (a + a).slice(at, at + n);
  };
  table([
    ['AIzaSy and an alphabet run', 'src/maps.js', () => `const key = "AIzaSy${alphabetRun(33)}";`, 'none'],
    ['a random Google key still blocks', 'src/maps.js', () => `const key = "AIzaSy${rand(ALNUM + '_-', 33)}";`, 'high'],
    [
      'API- in a URL path is not an Octopus key',
      'docs/links.txt',
      () => `see https://docs.acme-corp.io/reference/API-${rand(UPPER + DIGITS, 28)}/index.html`,
      'none',
    ],
    ['API- in a link', 'web/nav.html', () => `<a href="/wiki/API-${rand(UPPER + DIGITS, 28)}">endpoint</a>`, 'none'],
    [
      'an Octopus key after its name still blocks',
      '.env',
      () => `OCTOPUS_API_KEY=API-${rand(UPPER + DIGITS, 28)}`,
      'high',
    ],
    ['okta inside another word (rookTable)', 'src/chess.js', () => `const rookTable = "00${rand(ALNUM, 40)}";`, 'none'],
    ['okta in camelCase still matches', 'src/okta.js', () => `const myOktaToken = "00${rand(ALNUM, 40)}";`, 'high'],
    ['OKTA_API_TOKEN still matches', '.env', () => `OKTA_API_TOKEN=00${rand(ALNUM, 40)}`, 'high'],
    [
      'upper-case hex under a key name still blocks',
      'src/x.js',
      () => `const API_KEY = "${rand(HEX, 64).toUpperCase()}";`,
      'high',
    ],
  ]);

  it('aws is matched case-aware: not inside another word (lawsSecretKey), but in camelCase (myAwsSecretKey)', () => {
    const key = () => rand(ALNUM + '/+', 38) + 'a1';
    const ids = (text: string) => detectSecrets(text, set, [], { path: 'src/x.js' }).map((h) => h.rule.p.id);
    for (let i = 0; i < 4; i++) {
      expect(ids(`const lawsSecretKey = "${key()}";`)).not.toContain('aws-secret-access-key');
      expect(ids(`const myAwsSecretKey = "${key()}";`)).toContain('aws-secret-access-key');
      expect(ids(`AWS_SECRET_KEY=${key()}`)).toContain('aws-secret-access-key');
    }
  });
});

describe('blocked wrongly: a value under AWS_SECRET_ACCESS_KEY that cannot be one is reported, not blocked', () => {
  table([
    ['another length', '.env', () => `AWS_SECRET_ACCESS_KEY=${rand(ALNUM, pick(20, 32, 48))}`, 'medium'],
    [
      'marked encrypted',
      '.travis.yml',
      () => `  AWS_SECRET_ACCESS_KEY: "encrypted:${rand(ALNUM + '+/', 60)}"`,
      'atMostLow',
    ],
    ['a real one still blocks', '.env', () => `AWS_SECRET_ACCESS_KEY=${rand(ALNUM + '/+', 38)}a1`, 'blocks'],
  ]);
});

describe('real passwords read as code before', () => {
  table([
    [
      'a $ inside a quoted value',
      'config/db.yml',
      () => `db_password: "${rand(LOWER, 5)}$${rand(LOWER, 5)}${rand(DIGITS, 1)}"`,
      'atLeastMedium',
    ],
    [
      'punctuation-heavy secret',
      'config/app.yml',
      () => `jwt_secret: "${rand(ALNUM, 4)}<${rand(LOWER, 1)}>${rand(ALNUM + '#{}[]~<>!%^&*-+=', 18)}"`,
      'high',
    ],
    [
      '?? inside a quoted value',
      'config/app.ini',
      () => `password = "${rand(ALNUM, 5)}??${rand(ALNUM, 6)}!"`,
      'atLeastMedium',
    ],
    ['a generic type stays a name', 'src/types.ts', () => `const tokenType = "Operation<TokenPayload>";`, 'none'],
    ['a nullish expression stays code', 'src/app.ts', () => `const token = session??fallbackToken;`, 'none'],
    ['a bundler identifier stays code', 'dist/app.js', () => `var secret = lib$Name;`, 'none'],
  ]);
});

describe('letters-only random tokens under a credential name', () => {
  table([
    [
      'lower-case letters',
      'config/app.yml',
      () => `secret_key: ${rand(LOWER, 8)}${rand('bcdfghjklmnpqrstvwxz', 6)}${rand(LOWER, 8)}`,
      'atLeastMedium',
    ],
    ['mixed-case letters', 'src/config.js', () => `const apiKey = "${rand(UPPER + LOWER, 32)}";`, 'high'],
    [
      'a compound name stays quiet',
      'config/app.yml',
      () => `token_type: ${pick('bearerauthorization', 'refreshtokengrant', 'clientcredentials')}`,
      'none',
    ],
    ['a CamelCase error name stays quiet', 'src/errors.js', () => `const TOKEN = "AccessTokenExpiredError";`, 'none'],
    [
      'words run together stay quiet',
      'config/app.yml',
      () => `secret: ${pick('keepitsecretkeepitsafe', 'correcthorsebattery', 'opensesamestreet')}`,
      'atMostMedium',
    ],
  ]);

  it('wordLike: identifiers read as words, random letters do not', () => {
    for (const w of [
      'authentication',
      'serialization',
      'beforeunload',
      'lightsteelblue',
      'transparency',
      'organizations',
    ])
      expect(wordLike(w), w).toBe(true);
    let random = 0;
    for (let i = 0; i < 200; i++) if (!wordLike(rand(LOWER, 24))) random++;
    // Measured: about 93% of 24-letter random strings read as random; the bound leaves room for chance.
    expect(random).toBeGreaterThan(160);
  });
});

describe('credentials as call arguments', () => {
  table([
    ['NetworkCredential', 'src/Mail.cs', () => `var cred = new NetworkCredential("svc_mail", "${pw()}");`, 'high'],
    [
      'Java PasswordAuthentication',
      'src/Relay.java',
      () => `return new PasswordAuthentication("relay", "${pw()}".toCharArray());`,
      'high',
    ],
    [
      'DirectoryEntry over several lines',
      'src/Ldap.cs',
      () =>
        `var entry = new DirectoryEntry(\n    "LDAP://dc01.acme-corp.local/DC=acme,DC=local",\n    "ACME\\\\svc_ldap",\n    "${pw()}");`,
      'high',
    ],
    [
      'keyword argument',
      'app/graph.py',
      () => `cred = UsernamePasswordCredential(client_id, "ops@acme-corp.io", password='${pw()}')`,
      'high',
    ],
    [
      'PowerShell -Password literal',
      'deploy/connect.ps1',
      () => `Connect-VIServer -Server vc01 -User admin -Password ${rand(ALNUM, 8)}!${rand(ALNUM, 6)}`,
      'high',
    ],
    [
      'PowerShell ConvertTo-SecureString',
      'deploy/connect.ps1',
      () => `$sec = ConvertTo-SecureString "${pw()}" -AsPlainText -Force`,
      'high',
    ],
    ['vault operator unseal', 'ops/unseal.sh', () => `vault operator unseal ${rand(ALNUM + '+/', 43)}=`, 'critical'],
    ['comparison (reported, not blocked)', 'app/auth.py', () => `    if password == "${pw()}":`, 'medium'],
    ['comparison in JS', 'src/auth.js', () => `if (apiToken === "${rand(ALNUM, 32)}") {`, 'medium'],
    [
      'Gradle buildConfigField',
      'app/build.gradle',
      () => `        buildConfigField 'String', 'API_KEY', '"${rand(ALNUM, 32)}"'`,
      'high',
    ],
    [
      'Gradle escaped quotes',
      'app/build.gradle',
      () => `        buildConfigField "String", "MAPS_TOKEN", "\\"${rand(ALNUM, 40)}\\""`,
      'high',
    ],
    [
      'PowerShell variable',
      'deploy/connect.ps1',
      () => `Connect-VIServer -Server vc01 -User admin -Password $password`,
      'none',
    ],
    [
      'NetworkCredential with a variable',
      'src/Mail.cs',
      () => `var cred = new NetworkCredential(user, password);`,
      'none',
    ],
    ['comparison with another variable', 'app/auth.py', () => `    if password == confirm_password:`, 'none'],
    ['comparison with a type name', 'app/auth.py', () => `    if token_type == "refresh_token":`, 'none'],
    ['Gradle reference', 'app/build.gradle', () => `buildConfigField 'String', 'API_KEY', "\\"\${apiKey}\\""`, 'none'],
  ]);
});

describe('real passwords: passphrases and slots that hold only a password', () => {
  table([
    ['a passphrase with spaces', 'app/settings.py', () => `password = "${passphrase()}"`, 'atLeastMedium'],
    ['a passphrase in a deploy file blocks', 'deploy/.env', () => `DB_PASSPHRASE="${passphrase()}"`, 'high'],
    [
      'psexec -p with an identifier-shaped password',
      'ops/run.bat',
      () => `psexec \\\\srv01 -u admin -p ${rand(LOWER, 3)}_${rand(LOWER, 5)}${rand(DIGITS, 1)} cmd`,
      'atLeastMedium',
    ],
    [
      'Password=svc_user; in a connection string',
      'src/Db.cs',
      () => `var cs = "Server=db01;Database=app;User Id=svc;Password=${rand(LOWER, 3)}_${rand(LOWER, 4)};";`,
      'atLeastMedium',
    ],
    [
      'a sentence under a password name',
      'app/forms.py',
      () => `    password_help = "Use at least ${pick('twelve', 'ten', 'eight')} characters and a digit"`,
      'none',
    ],
    ['a label', 'config/locales/en.yml', () => `  password: "Enter your password again"`, 'none'],
    ['a sentence in French', 'app/messages.py', () => `    password_error = "le mot de passe est incorrect"`, 'none'],
    ['the famous example', 'docs/guide.py', () => `password = "correct horse battery staple"`, 'atMostLow'],
    [
      'a punctuation-heavy secret opening with [',
      'config/app.yml',
      () => `jwt_secret: "[${rand(ALNUM, 4)}#9${rand(ALNUM, 5)}{-${rand(ALNUM, 7)}^#"`,
      'high',
    ],
    [
      'a punctuation-heavy secret opening with <',
      'config/app.yml',
      () => `jwt_secret: "<${rand(ALNUM, 5)}~${rand(ALNUM, 3)}+${rand(ALNUM, 6)}*"`,
      'high',
    ],
    ['a placeholder in angle brackets stays quiet', 'config/app.yml', () => `jwt_secret: "<your-jwt-secret>"`, 'none'],
  ]);
});

describe('layout: notebooks, escaped strings, quoted JSON, Terraform defaults, git URLs', () => {
  const notebook = (line: string) =>
    `{\n "cells": [\n  {\n   "cell_type": "code",\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "import requests\\n",\n    "${line}",\n    "requests.get(url)"\n   ]\n  }\n ],\n "nbformat": 4\n}\n`;
  table([
    [
      'a notebook code cell',
      'notebooks/explore.ipynb',
      () => notebook(`api_token = \\"${rand(ALNUM, 40)}\\"\\n`),
      'high',
    ],
    [
      'code inside an escaped string',
      'deploy/run.js',
      () => `const ps = "$password = \\"${pw()}\\"; Connect-Db $password";`,
      'high',
    ],
    [
      'JSON wrapped in a string',
      'deploy/env.json',
      () => `{"CONFIG": "{\\"client_secret\\":\\"${rand(ALNUM, 40)}\\"}"}`,
      'high',
    ],
    [
      'Terraform default on the next line',
      'infra/vars.tf',
      () => `variable "db_password" {\n  type      = string\n  sensitive = true\n  default   =\n    "${pw()}"\n}`,
      'high',
    ],
    [
      'Terraform default on its line',
      'infra/vars.tf',
      () => `variable "api_token" {\n  default = "${rand(ALNUM, 32)}"\n}`,
      'high',
    ],
    [
      'git+https token as the user',
      'package.json',
      () => `    "lib": "git+https://${rand(HEX, 40)}:x-oauth-basic@github.com/acme/lib.git",`,
      'high',
    ],
    [
      'a hex token as the user of a github.com URL',
      'scripts/clone.sh',
      () => `git clone https://${rand(HEX, 40)}@github.com/acme/app.git`,
      'high',
    ],
    [
      'a Terraform variable without a default',
      'infra/vars.tf',
      () => `variable "db_password" {\n  type = string\n}`,
      'none',
    ],
    ['a Terraform duration', 'infra/vars.tf', () => `variable "token_ttl" {\n  default = "3600s"\n}`, 'none'],
    [
      'an escaped string without a secret',
      'src/msg.js',
      () => `const m = "say \\"hello\\" to the password prompt";`,
      'none',
    ],
    ['a plain git URL', 'package.json', () => `    "lib": "git+https://github.com/acme/lib.git",`, 'none'],
  ]);

  it('a notebook finding points at the code cell line in the file', () => {
    const text = notebook(`api_token = \\"${rand(ALNUM, 40)}\\"\\n`);
    const hits = detectSecrets(text, set, [], { path: 'notebooks/explore.ipynb' });
    expect(hits.length).toBeGreaterThan(0);
    const h = hits[0]!;
    const line = text.slice(0, h.start).split('\n').length;
    expect(text.split('\n')[line - 1]).toContain('api_token');
    // The reported value is the literal's characters in the file, the token alone.
    expect(h.secret).toMatch(/^[A-Za-z0-9]{40}$/);
  });
});

describe('real trees: names in Google Cloud SDK and Perl code stay quiet', () => {
  table([
    [
      'an IAM role',
      'lib/daisy_utils.py',
      () => `ROLE_IAM_SERVICE_ACCOUNT_TOKEN_CREATOR = 'roles/iam.serviceAccountTokenCreator'`,
      'none',
    ],
    [
      'camelCase led by an acronym',
      'lib/util.py',
      () => `NC_CC_GCP_SECRET_CONFIG = 'gcpSecretManagerCertificateConfig'`,
      'none',
    ],
    ['a metavar', 'lib/flags.py', () => `               'oauth2-client-secret=OAUTH2-CLIENT-SECRET]'),`, 'none'],
    ['a JSONPath template', 'lib/kube.py', () => `        'token-key': '{.credential.access_token}',`, 'none'],
    ['a YAML anchor', 'lib/flags.yaml', () => `  oidc_client_secret: &oidc_client_secret`, 'none'],
    [
      'a secret reference name:version',
      'lib/flags.py',
      () => `          "For example: '--set-secrets=ENV=mysecret:latest,"`,
      'none',
    ],
    ['a Perl code reference', 'lib/Authen/SASL.pod', () => `     pass => \\&fetch_password,`, 'none'],
  ]);
});
