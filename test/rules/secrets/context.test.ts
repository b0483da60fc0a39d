/**
 * Precision on real code (issue 11) and password severity (issue 10): the same value is worth different things in a
 * test, a README, a minified bundle and a compose file. Each row is an exact line in an exact file; the expectation is
 * the highest severity reported (or none). Every credential-looking value is generated here (scripts/fakes.mjs).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALNUM, B64, fakeGithubToken, rand } from '../../../scripts/fakes.mjs';
import { compileRuleSet, readPatternDir } from '../../../src/rules/secrets/load.js';
import { detectSecrets, docsExampleKey, type DroppedCandidate } from '../../../src/rules/secrets/detect.js';
import { placeOf } from '../../../src/rules/secrets/context.js';
import { unsplit } from '../../../src/rules/secrets/types.js';
import type { Severity } from '../../../src/types.js';
import { ROOT } from '../../helpers.js';

const patterns = await readPatternDir(path.join(ROOT, 'patterns'));
const set = compileRuleSet(patterns);

const strong = () => rand(ALNUM, 14) + '#' + rand(ALNUM, 5);
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** A catalog rule's own first example, with the split marker removed (so no live-looking token is stored here). */
const example = (id: string) => unsplit(patterns.find((p) => p.id === id)!.examples.match[0]!);
const secretOf = (id: string, text: string) => {
  const h = detectSecrets(text, compileRuleSet(patterns.filter((p) => p.id === id)))[0]!;
  return h.secret;
};

const ORDER: Array<Severity | 'none'> = ['none', 'info', 'low', 'medium', 'high', 'critical'];
function worst(file: string, text: string): { sev: Severity | 'none'; why: string[]; dropped: DroppedCandidate[] } {
  const dropped: DroppedCandidate[] = [];
  const hits = detectSecrets(text, set, [], { path: file, onDrop: (d) => dropped.push(d) });
  let sev: Severity | 'none' = 'none';
  for (const h of hits) if (ORDER.indexOf(h.severity) > ORDER.indexOf(sev)) sev = h.severity;
  return { sev, why: hits.map((h) => `${h.rule.p.id}: ${h.why}`), dropped };
}

type Row = [string, string, string, Severity | 'none'];

describe('real code: blocking must mean a real secret', () => {
  const rows: Row[] = [
    [
      'URL password at a test server',
      'test/proxy.test.js',
      `  const url = \`http://user:${strong()}@localhost:\${port}/\`;`,
      'low',
    ],
    ['URL password at loopback in src', 'src/dev.js', `const proxy = 'http://bob:${strong()}@127.0.0.1:3128';`, 'low'],
    ['URL password at an example host', 'lib/client.js', `// e.g. 'https://bob:${strong()}@proxy.example.com'`, 'low'],
    ['URL password at a .test host', 'src/cfg.js', `const u = 'https://bob:${strong()}@api.acme.test/v1';`, 'low'],
    ['URL password at a real host', 'src/cfg.js', `const u = 'https://bob:${strong()}@db.acme-corp.io/v1';`, 'high'],
    ['Basic header in a test', 'test/auth.spec.ts', `    authorization: 'Basic ${b64('ci:' + strong())}',`, 'low'],
    ['Basic header in code', 'src/client.ts', `    authorization: 'Basic ${b64('ci:' + strong())}',`, 'high'],
    ['assignment in a test', 'tests/test_db.py', `DB_PASSWORD = "${strong()}"`, 'low'],
    ['assignment in a Go test', 'store/db_test.go', `\tpassword := "${strong()}"`, 'low'],
    ['assignment in code', 'app/settings.py', `DB_PASSWORD = "${strong()}"`, 'high'],
    ['minified bundle', 'dist/app.min.js', `var c={password:"${strong()}",user:"x"};`, 'none'],
    ['source map', 'dist/app.js.map', `{"sourcesContent":["const token = '${strong()}'"]}`, 'none'],
    ['yarn release', '.yarn/releases/yarn-4.1.0.cjs', `e.secret="${strong()}";`, 'none'],
    ['dist bundle', 'packages/x/dist/index.mjs', `const apiKey = "${strong()}";`, 'none'],
    [
      'a minified line in src',
      'src/vendor-lib.js',
      'a=1;'.repeat(150) + `b={secret:"${strong()}"}` + ';c=2'.repeat(50),
      'none',
    ],
    [
      'concatenation across a string boundary',
      'src/url.js',
      'u="https://x/?token="+encodeURIComponent(t)+"&x=1"',
      'none',
    ],
    ['ES private field', 'src/conn.js', '    const password = this.#options.password;', 'none'],
    ['ES private field in an object', 'src/conn.js', '    return { password: this.#config.password };', 'none'],
    ['Jenkins plugin version', 'plugins.txt', 'credentials-binding:523.vd859a_4b_122e6', 'none'],
    ['lockfile alias', 'pnpm-lock.yaml', "  registry-auth-token: 'npm:^5.0.1'", 'none'],
    ['rule id', 'roles/cis/defaults/main.yml', 'sudo_password_rule: rhel8cis_rule_4_3_4', 'none'],
    ['option string', 'src/form.ts', "  password: 'current-password',", 'none'],
    ['field description', 'src/schema.js', "  password: 'required',", 'none'],
    ['a variable with an index', 'lib/needle.js', '    options.password = parts[1];', 'none'],
    ['a variable', 'lib/auth.js', '    const password = creds;', 'none'],
    ['README example', 'README.md', `    password: '${strong()}'`, 'medium'],
    ['README weak example', 'README.md', "      password: 'rapunz3l'", 'low'],
    ['docs folder placeholder', 'docs/setup.md', 'DB_PASSWORD=changeme', 'low'],
    ['commented-out line', 'src/app.py', `# API_KEY = "${strong()}"`, 'medium'],
    ['trailing comment', 'src/app.js', `run(); // token = "${strong()}"`, 'medium'],
    ['docstring', 'src/app.py', `def f():\n    """\n    api_key = "${strong()}"\n    """`, 'medium'],
    ['.env.example', '.env.example', 'DB_PASSWORD=changeme', 'low'],
    // Found by scanning popular npm packages (issue 11, round two).
    ['a language keyword', 'lib/auth/scram.js', '    const saltedPassword = await HI(pw, salt, n);', 'none'],
    ['a function expression', 'lib/connection.js', 'Conn.prototype.needsPassword = function needsPassword() {', 'none'],
    ['a number literal', 'lib/payload.js', '  CHANGE_PASSWORD_YES: 0x01,', 'none'],
    [
      'a constant-like literal',
      'built/Commander.d.ts',
      "  client(sub: 'SETINFO', libnameToken: 'LIB-NAME'): R;",
      'none',
    ],
    ['a type annotation', 'Types/domain.d.ts', '    smtp_password: string;', 'none'],
    [
      'a parameter type',
      'Types/client.d.ts',
      '    constructor(req: Request, domainCredentialsClient: IDomainCredentials);',
      'none',
    ],
    ['a value naming its key', 'README.md', "    smtp_password: 'smtp_password_value',", 'low'],
    ['the variable of the same name', 'lib/ssh.js', "  passphrase = passphrase || '';", 'none'],
    [
      'a URL of placeholder words',
      'src/parse.js',
      "parse('postgres://someuser:somepassword@somehost:381/somedatabase')",
      'low',
    ],
    [
      'a template interpolation after a $',
      'bench/gen.mjs',
      'const u = `X-Amz-Security-Token=IQoJb3JpZ2lu${r(B64, 200)}&x=1`;',
      'none',
    ],
    [
      'a not-a-real value in a CodeBuild doc example',
      'src/cred.ts',
      '        - Name: NPM_TOKEN\n          Value: not-a-real-token-123',
      'none',
    ],
    [
      'a percent-encoded run cut off by an interpolation',
      'bench/gen.mjs',
      'const u = `q=x%2F20250101%2Fus-east-1%2Fbedrock&X-Amz-Security-Token=IQoJb3JpZ2luX2Vj${r(B64, 200)}&v=1`;',
      'none',
    ],
    ['an empty shell value', 'Readme.md', '$ MYSQL_USER=root MYSQL_PASSWORD= FILTER=integration npm test', 'none'],
    ['a field size in a comment', 'lib/payload.js', '    // ibPassword: 2-byte', 'none'],
    [
      'an exports reference',
      'lib/rest/token.js',
      'exports.TokenInstance = exports.ApiV2010AccountTokenIceServers = void 0;',
      'none',
    ],
  ];
  it.each(rows)('%s (%s)', (_name, file, text, want) => {
    const got = worst(file, text);
    expect(got.sev, got.why.join('; ')).toBe(want);
  });

  it('messages fit the place: a Basic header is not called a docker config', () => {
    const got = worst('test/auth.spec.ts', `authorization: 'Basic ${b64('ci:' + strong())}'`);
    expect(got.why.join(' ')).toMatch(/Basic authorization header/);
    expect(got.why.join(' ')).not.toMatch(/docker/i);
    expect(got.why.join(' ')).toMatch(/test code/);
  });

  it('a private key in a test fixture is shown, not blocking; elsewhere it blocks', () => {
    const body = Array.from({ length: 6 }, () => rand(ALNUM + '+/', 64)).join('\n');
    const pem = (kind: string) => `-----BEGIN ${kind} PRIVATE KEY-----\n${body}\n-----END ${kind} PRIVATE KEY-----\n`;
    const fixture = worst('test/fixtures/id_rsa', pem('RSA'));
    expect(fixture.sev).toBe('medium');
    expect(fixture.why.join(' ')).toMatch(/a test fixture/);
    expect(worst('deploy/id_rsa', pem('RSA')).sev).toBe('critical');
    // A key published as an example (issue 31): reported, not blocking.
    for (const file of ['examples/tls/server.key', 'docs/samples/client.pem', 'demo/id_ed25519']) {
      const ex = worst(file, pem('RSA'));
      expect(ex.sev, file).toBe('medium');
      expect(ex.why.join(' ')).toMatch(/an example key/);
    }
    expect(worst('examples-of-config/server.key', pem('RSA')).sev).toBe('critical');
  });

  it('a provider-format token still blocks in a generated file and in a test', () => {
    expect(worst('dist/app.min.js', `var t="${fakeGithubToken()}";`).sev).toBe('high');
    expect(worst('test/fixture.test.js', `const t = "${fakeGithubToken()}";`).sev).toBe('high');
  });

  it('says when a candidate was dropped because the file is generated', () => {
    const got = worst('dist/app.min.js', `var c={password:"${strong()}"};`);
    expect(got.dropped.map((d) => [d.reason, d.generated])).toEqual([
      ['generated file (minified bundle, source map or vendored release)', true],
    ]);
  });

  it('classifies places', () => {
    expect(placeOf('src/__tests__/a.ts').test).toBe(true);
    expect(placeOf('pkg/foo_test.go').test).toBe(true);
    expect(placeOf('src/contest.ts').test).toBe(false);
    expect(placeOf('docker-compose.prod.yml').deploy).toBe(true);
    expect(placeOf('.env.production').deploy).toBe(true);
    expect(placeOf('.env.example').deploy).toBe(false);
    expect(placeOf('.env.example').example).toBe(true);
    expect(placeOf('public/js/app.min.js').generated).toBe(true);
    expect(placeOf('src/app.js').generated).toBe(false);
  });
});

describe('what blocked but should not', () => {
  const rows: Row[] = [
    ['$VAR', 'deploy.sh', 'export DB_PASSWORD=$DB_PASS_FROM_CI', 'none'],
    ['${…} inside a value', 'app.properties', 'db.password=pre${DB_SUFFIX}post', 'none'],
    ['ARN', 'serverless.yml', 'dbSecret: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-Ab12Cd', 'none'],
    ['Pulumi fn::secret', 'Pulumi.prod.yaml', '  apiToken:\n    fn::secret: v1:Qm9vZ3Vz', 'none'],
    [
      'Key Vault reference',
      'appsettings.json',
      '"DbPassword": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db/)"',
      'none',
    ],
    ['1Password reference', '.env.tpl', 'API_TOKEN=op://prod/api/credential', 'none'],
    ['route path', 'src/routes.js', "  resetToken: '/users/:id/reset/:token',", 'none'],
    // Go and Ruby sources installed from Debian (issue 31's real-code check): code, not values.
    [
      'cgo constant',
      'unix/types.go',
      '\tNL80211_ATTR_SAE_PASSWORD                = C.NL80211_ATTR_SAE_PASSWORD',
      'none',
    ],
    ['negative hex constant', 'unix/zerrors.go', '\tSIOCGLIFTOKEN                 = -0x3f879678', 'none'],
    ['Ruby symbol', 'lib/adapter.rb', '        private_key: :client_key,', 'none'],
    ['Ruby safe navigation', 'lib/net/http.rb', '        pass = proxy_uri&.password', 'none'],
    ['Ruby constant', 'lib/rdoc/parser.rb', '      token = RDoc::Parser::RipperStateLex::Token.new', 'none'],
    ['Maven coordinate', 'build.gradle', "credentials = 'org.jenkins-ci.plugins:credentials:2.6.1'", 'none'],
    ['URL without credentials', 'config.yml', 'token_endpoint: https://login.acme.io/oauth2/v2.0/token', 'none'],
    ['Stripe publishable key', 'src/checkout.js', `const publishableKey = 'pk_live_${rand(ALNUM, 24)}';`, 'none'],
    ['publicToken', 'src/plaid.js', `  publicToken: '${strong()}',`, 'none'],
    ['client id', 'src/auth.ts', `  clientId: '${strong()}',`, 'none'],
    ['CSRF token', 'templates/form.py', `csrf_token = "${strong()}"`, 'none'],
    ['SDK init app id', 'src/push.js', `OneSignal.init({ appId: "${strong()}" });`, 'none'],
    [
      'Firebase web config',
      'src/firebase.js',
      `const firebaseConfig = {\n  apiKey: "${secretOf('gcp-api-key', example('gcp-api-key'))}",\n  authDomain: "acme.firebaseapp.com",\n};`,
      'low',
    ],
    [
      'Google API key in server code',
      'server/geo.js',
      `const key = "${secretOf('gcp-api-key', example('gcp-api-key'))}";`,
      'high',
    ],
    ['not a JWT', 'src/x.js', `const blob = "eyJ${rand(ALNUM, 30)}.eyJ${rand(ALNUM, 40)}.${rand(ALNUM, 43)}";`, 'none'],
    ['removed line in a pasted diff', 'notes/incident.txt', `-export API_TOKEN=${strong()}`, 'high'],
  ];
  it.each(rows)('%s (%s)', (_name, file, text, want) => {
    const got = worst(file, text);
    expect(got.sev, got.why.join('; ')).toBe(want);
  });

  it('a token prefix inside an image path or a file name is not a token', () => {
    const token = secretOf('slack-bot-token', example('slack-bot-token'));
    expect(worst('README.md', `<img src="https://cdn.acme.io/img/${token}.png">`).sev).toBe('none');
    expect(worst('site/index.html', `![logo](https://cdn.acme.io/${token}/logo.svg)`).sev).toBe('none');
    expect(worst('src/app.js', `const slack = "${token}";`).sev).not.toBe('none');
  });

  it("a value identical to a provider's public docs example is low", () => {
    const jwtIo = [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
      'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
      'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ].join('.');
    expect(docsExampleKey(jwtIo)).toBe('155:1lc66x2:z60ehr');
    const got = worst('src/api.js', `const auth = "Bearer ${jwtIo}";`);
    expect(got.sev, got.why.join('; ')).toBe('low');
    expect(got.why.join(' ')).toMatch(/public docs/);
    const stripeDocs = 'sk_' + 'test_' + '4eC39HqLyjWDarjtT1zdp7dc';
    expect(worst('src/pay.js', `stripe_key = "${stripeDocs}"`).sev).toBe('low');
  });
});

describe('placeholders are shown at low, never dropped, never blocking', () => {
  const rows: Row[] = [
    ['user:pass@', 'config/app.yml', 'url: postgres://user:pass@db.internal:5432/app', 'low'],
    ['password: secret', 'config/app.yml', 'password: secret', 'low'],
    ['changeme', 'config/app.yml', 'admin_password: changeme', 'low'],
    ['redis default', 'src/cache.js', "const url = 'redis://:password@cache.internal:6379';", 'low'],
    [
      'localhost-only strong password',
      'src/db.js',
      `const url = 'postgres://app:${strong()}@localhost:5432/app';`,
      'low',
    ],
    ['Basic header with a placeholder', 'src/client.ts', `authorization: 'Basic ${b64('user:changeme')}'`, 'low'],
    ['reference is still dropped', 'config/app.yml', 'password: ${DB_PASSWORD}', 'none'],
    ['mask is still dropped', 'config/app.yml', 'password: "********"', 'none'],
    ['instructions are still dropped', 'config/app.yml', 'api_key: your-api-key-here', 'none'],
  ];
  it.each(rows)('%s (%s)', (_name, file, text, want) => {
    const got = worst(file, text);
    expect(got.sev, got.why.join('; ')).toBe(want);
  });
});

describe('issue 10: weak but real passwords are findings; deploy config blocks', () => {
  const rows: Row[] = [
    ['dictionary word in code', 'app/settings.py', 'DB_PASSWORD = "hunter2"', 'medium'],
    ['leetspeak in code', 'src/db.js', 'password = "P@ssw0rd"', 'medium'],
    ['compose', 'docker-compose.yml', '      POSTGRES_PASSWORD: mysecretpassword', 'high'],
    ['compose, quoted', 'compose.yaml', '      MYSQL_ROOT_PASSWORD: "R00tPassw0rd!"', 'high'],
    ['.env', '.env', 'DB_PASSWORD=hunter2', 'high'],
    ['Ansible vars', 'group_vars/all.yml', 'db_password: hunter2', 'high'],
    [
      'Kubernetes env name/value in a manifest folder',
      'k8s/db.yaml',
      '            - name: PGPASSWORD\n              value: hunter2',
      'high',
    ],
    ['the same in a test', 'test/db.test.js', 'password = "P@ssw0rd"', 'low'],
    [
      'compose file in a test fixture',
      'test/fixtures/docker-compose.yml',
      '  POSTGRES_PASSWORD: mysecretpassword',
      'low',
    ],
    ['placeholder in compose', 'docker-compose.yml', '  POSTGRES_PASSWORD: changeme', 'low'],
    ['strong in compose', 'docker-compose.yml', `  POSTGRES_PASSWORD: ${strong()}`, 'high'],
  ];
  it.each(rows)('%s (%s)', (_name, file, text, want) => {
    const got = worst(file, text);
    expect(got.sev, got.why.join('; ')).toBe(want);
  });

  it.each([['slack-webhook-url'], ['discord-webhook-url'], ['microsoft-teams-webhook-url']])(
    '%s blocks (high)',
    (id) => {
      const got = worst('scripts/notify.sh', `curl -X POST "${example(id).replace(/^url: /, '')}" -d '{}'`);
      expect(got.sev, got.why.join('; ')).toBe('high');
    },
  );

  it('says why a candidate was dropped', () => {
    const got = worst(
      'config/app.yml',
      [
        'password: "${DB_PASSWORD}"',
        'token: "xxxxxxxxxxxxxxxx"',
        `api_key: "${rand('ab', 40)}"`,
        "version: '1.2.3'",
        `nonce_token: n${rand('0123456789', 4)}`,
      ].join('\n'),
    );
    const reasons = got.dropped.map((d) => d.reason).join(' | ');
    expect(reasons).toMatch(/reference/);
    expect(reasons).toMatch(/a run of one character/);
    expect(reasons).toMatch(/two distinct characters/);
    expect(reasons).toMatch(/too short/);
    expect(got.sev).toBe('none');
  });
});

describe('generated text stays out of unrelated families', () => {
  it('base64 random text is not a credential by itself', () => {
    expect(worst('src/data.js', `const blob = "${rand(B64, 60)}";`).sev).toBe('none');
  });
});

describe('issue 32: test material, local defaults and identifiers from real repositories', () => {
  const pw = () => ['pass', 'word'].join('');
  const rows: Row[] = [
    [
      'a molecule scenario of a role',
      'roles/db/molecule/default/molecule.yml',
      `      MYSQL_ROOT_PASSWORD: ${strong()}`,
      'low',
    ],
    ['a molecule scenario at the top', 'molecule/default/files/app.env', `DB_PASSWORD=${strong()}`, 'low'],
    ['the same line in deploy configuration', 'deploy/app.env', `DB_PASSWORD=${strong()}`, 'high'],
    [
      "Vagrant's public default in a Vagrantfile",
      'Vagrantfile',
      '    ansible.extra_vars = { ansible_become_pass: "vagrant" }',
      'low',
    ],
    [
      'Vagrant raw arguments',
      'Vagrantfile',
      '  ansible.raw_arguments = ["--extra-vars", "ansible_become_pass=vagrant"]',
      'low',
    ],
    [
      'another password in a Vagrantfile',
      'Vagrantfile',
      `    ansible.extra_vars = { ansible_become_pass: "${strong()}" }`,
      'high',
    ],
    ['etcd cluster token (names the cluster)', 'etcd.env', `ETCD_INITIAL_CLUSTER_TOKEN=${strong()}`, 'none'],
    ['etcd cluster token in compose', 'docker-compose.yml', `      ETCD_INITIAL_CLUSTER_TOKEN: ${strong()}`, 'none'],
    ['a registry realm label', 'docker-compose.yml', `      REGISTRY_AUTH_HTPASSWD_REALM: ${strong()}`, 'none'],
    ['a token beside them still counts', 'etcd.env', `ETCD_PEER_AUTH_TOKEN=${strong()}`, 'high'],
  ];
  it.each(rows)('%s (%s)', (_name, file, text, want) => {
    const got = worst(file, text.replace(/PASSWORD/g, pw().toUpperCase()));
    expect(got.sev, got.why.join('; ')).toBe(want);
  });
});
