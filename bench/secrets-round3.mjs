// Issue 31 ("Secrets, round three"): per-class counts for the shapes this round works on. Every value is generated
// here, fresh on each run; each class is either a credential (counted as found at medium or above, blocked at high or
// above) or a look-alike (counted as blocked at high or above). The "shown whole" class runs the built CLI in every
// output format and counts printed lines that hold a password whole.
// Runs the built library and CLI: `npm run build` first. Usage: node bench/secrets-round3.mjs [--per N] [--misses]
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { detectSecrets, compileRuleSet, loadBuiltinPatterns } = await import('../lib/index.js');
const args = process.argv.slice(2);
const per = Number(args[args.indexOf('--per') + 1]) || 5;
const showMisses = args.includes('--misses');

const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const AN = DIGITS + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' + LOWER;
function r(alphabet, n) {
  const b = randomBytes(n * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[b.readUInt16LE(i * 2) % alphabet.length];
  return s;
}
const pick = (...xs) => xs[randomBytes(1)[0] % xs.length];
const pw = () => r(AN, 10) + pick('!', '#', '%', '@') + r(AN, 5);
const spaces = () =>
  pick(true, false) ? ' '.repeat(6 + (randomBytes(1)[0] % 20)) : '\t'.repeat(2 + (randomBytes(1)[0] % 3));
const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CISCO = './' + DIGITS + UP + LOWER;
const b64url = (s) => Buffer.from(s).toString('base64url');
const mixedHex = (n) => {
  for (;;) {
    const s = r('0123456789abcdefABCDEF', n);
    if (/[a-f]/.test(s) && /[A-F]/.test(s)) return s;
  }
};
/** A Mapbox temporary token: `tk.`, a base64url JSON payload, a signature. */
const mapboxTemp = () =>
  `tk.${b64url(JSON.stringify({ u: r(LOWER, 8), exp: 1900000000 + (randomBytes(2).readUInt16LE(0) % 9999), scopes: ['styles:read'] }))}.${r(AN + '_-', 22)}`;
/** GitHub's stateless installation token: `ghs_<app id>_<JWT>`. */
const ghsJwt = () =>
  `ghs_${r(DIGITS, 6)}_${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify({ iss: r(DIGITS, 6), exp: 1900000000, ins: r(DIGITS, 8) }))}.${r(AN + '_-', 342)}`;
const pwBare = () => r(AN, 8) + pick('!', '#', '%', '@') + r(AN, 6);
const WORDS = ['violet', 'tundra', 'marble', 'kettle', 'copper', 'lantern', 'orchid', 'glacier', 'pepper', 'saddle'];
const passphrase = () => {
  const w = [...WORDS].sort(() => randomBytes(1)[0] - 128);
  return [w[0], w[1], w[2], r(DIGITS, 2), w[3]].join(' ');
};
const alphabetRun = (n) => {
  const a = UP + LOWER + DIGITS;
  const at = randomBytes(1)[0] % 26;
  return (a + a).slice(at, at + n);
};
/** A notebook whose code cell holds `line`. */
const notebook = (line) =>
  `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "import requests\\n",\n    "${line}",\n    "requests.get(url, headers={\\"X-Token\\": api_token})"\n   ]\n  }\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`;

/** [class, kind, () => Array<[path, text]>]: kind 'secret' must be found, 'lookalike' must not block. */
const CLASSES = [
  [
    'aligned assignment (generic)',
    'secret',
    () => [
      ['config/app.conf', `api_token${spaces()}= "${r(AN, 40)}"`],
      ['config/settings.rb', `  :password${spaces()}=> '${pw()}',`],
      ['infra/main.tf', `  password${spaces()}= "${pw()}"`],
      ['config/app.yml', `db_password:${spaces()}${pw()}`],
      ['lib/Config.pm', `    'secret_key'${spaces()}=> '${r(AN, 32)}',`],
    ],
  ],
  [
    'aligned assignment (keyed provider)',
    'secret',
    () => [
      ['config/aws.ini', `aws_secret_access_key${spaces()}= ${r(AN + '/+', 40)}`],
      ['config/vault.hcl', `vault_token${spaces()}= "s.${r(AN, 24)}"`],
    ],
  ],
  [
    'key names (PASS, camel/kebab)',
    'secret',
    () => [
      ['.env', `PASS=${pw()}`],
      ['.env', `DB_PASS=${pw()}`],
      ['config/app.env', `SMTP_PASS="${pw()}"`],
      ['src/config.js', `const privateKey = "${r(AN, 40)}";`],
      ['src/config.ts', `  authKey: '${r(AN, 32)}',`],
      ['config/app.yml', `private-key: ${r(AN, 40)}`],
      ['config/app.yml', `access-key: ${r(AN, 32)}`],
      ['src/Config.java', `String accessKey = "${r(AN, 32)}";`],
    ],
  ],
  [
    'dotted tokens (Vault, Kubernetes bootstrap)',
    'secret',
    () => [
      ['deploy/env.sh', `export VAULT_TOKEN=hvs.${r(AN, 24)}`],
      ['deploy/env.sh', `token: hvs.${r(AN + '_-', 90)}`],
      ['deploy/env.sh', `export VAULT_TOKEN=s.${r(AN, 24)}`],
      ['deploy/ci.yml', `      vault_token: s.${r(AN, 24)}`],
      ['scripts/login.sh', `vault login s.${r(AN, 24)}`],
      ['scripts/login.sh', `curl -H "X-Vault-Token: hvb.${r(AN + '_-', 130)}" https://vault.acme.io/v1/x`],
      [
        'scripts/join.sh',
        `kubeadm join 10.0.0.5:6443 --token ${r(LOWER + DIGITS, 6)}.${r(LOWER + DIGITS, 16)} --discovery-token-ca-cert-hash sha256:${r(HEX, 64)}`,
      ],
      ['k8s/bootstrap.yaml', `  token: ${r(LOWER + DIGITS, 6)}.${r(LOWER + DIGITS, 16)}`],
    ],
  ],
  [
    'curl forms',
    'secret',
    () => [
      ['scripts/deploy.sh', `curl -X POST \\\n  -u deploy:${pw()} \\\n  https://ci.acme.io/api`],
      ['scripts/deploy.sh', `curl -u ":${pw()}" https://api.acme.io/v1/x`],
      ['scripts/deploy.sh', `curl -u "${r(AN, 32)}:" https://api.acme.io/v1/x`],
      ['scripts/deploy.sh', `curl --user deploy:'${pw()}' https://api.acme.io/v1/x`],
      ['scripts/deploy.sh', `curl -H 'Authorization: ${r(HEX, 40)}' https://api.acme.io/v1/x`],
    ],
  ],
  [
    'call-argument defaults',
    'secret',
    () => [
      ['app/settings.py', `API_TOKEN = os.getenv("API_TOKEN", "${r(AN, 32)}")`],
      ['config/services.php', `'key' => env('TWILIO_KEY', '${r(AN, 32)}'),`],
      ['app/settings.py', `SECRET = os.environ.get('APP_SECRET', '${r(AN, 40)}')`],
    ],
  ],
  [
    'locale files and prose',
    'lookalike',
    () => [
      ['conf/locale/locale_fr-FR.ini', `reset_password=Réinitialiser le mot de passe`],
      ['conf/locale/locale_ru-RU.ini', `password_hint=Пароль должен содержать ${r(DIGITS, 1)} символов`],
      ['i18n/de.json', `  "auth.token_expired": "Ihr Sitzungstoken ist abgelaufen",`],
      ['config/locales/es.yml', `    password_confirmation: Confirmación de contraseña`],
      ['app/strings.ini', `forgot_password=Mot de passe oublié ?`],
    ],
  ],
  [
    'code read as a literal',
    'lookalike',
    () => [
      ['config/initializers/auth.rb', `PASSWORD_RESET_TOKEN_EXPIRES_IN = ${1 + (randomBytes(1)[0] % 59)}.minutes`],
      ['lib/settings.rb', `    raise "Missing credential: app_settings.#{name}"`],
      ['lib/client.py', `        proxy_password=self._opts["password"],`],
      ['lib/client.py', `        api_key=self.config["api_key"],`],
      ['lib/auth.rb', `  SECRET_TOKEN_TTL = 2.hours`],
    ],
  ],
  [
    'CI test databases and demo credentials',
    'lookalike',
    () => [
      ['tox.ini', `DATABASE_URL = postgresql://app:${pw()}@postgres:5432/app_test`],
      ['setup.cfg', `db_url = mssql+pyodbc://sa:${pw()}@mssql-ci:1433/test?driver=ODBC`],
      ['.github/workflows/ci.yml', `          DATABASE_URL: mysql://root:${pw()}@mysql:3306/test`],
      ['lib/engine.py', `engine = create_engine("oracle://scott:tiger@dbhost/xe")`],
      ['docker-compose.yml', `      DATABASE_URL: postgres://postgres:postgres@db:5432/dev`],
    ],
  ],
  [
    'test folders not named tests/',
    'lookalike',
    () => [
      ['t/unit/auth.t', `my $password = "${pw()}";`],
      ['spec/models/user_spec.rb', `  let(:api_token) { "${r(AN, 32)}" }`],
      ['pkg/store/store_test.go', `\tpassword := "${pw()}"`],
      ['celery/tests/test_redis.py', `    password = "${pw()}"`],
      ['t/integration/test_client.py', `API_KEY = "${r(AN, 32)}"`],
      ['internal/testdata/config.yml', `password: ${pw()}`],
      ['t/unit/test_slack.py', `token = "xoxb-1111111111-2222222222-${r(AN, 24)}"`],
    ],
  ],
  [
    'placeholders and masked values',
    'lookalike',
    () => [
      ['scripts/api.sh', `curl -u <user:password> https://api.acme.io/v1/x`],
      ['config/app.ini', `password = [PASSWORD]`],
      ['config/app.ini', `api_key = ${r(AN, 8)}################`],
      ['config/app.yml', `secret: AbCdEf123AbCdEf123`],
      ['config/app.yml', `api_token: abcdefg1234567890`],
      ['src/cfg.py', `OPENAI_API_KEY = "sk-abcdefghabcdefghabcdefghabcdefghabcdefgh12"`],
    ],
  ],
  [
    'empty value and route strings',
    'lookalike',
    () => [
      ['conf/app.properties', `snowflake.password=\nsnowflake.account=${r(LOWER, 8)}-${r(LOWER + DIGITS, 7)}`],
      ['config/app.ini', `password =\n${r(LOWER, 6)}_timeout = ${r(DIGITS, 3)}`],
      ['config/routes.rb', `  put '/forgot-password' => "ctrl/passwords#update"`],
      ['config/routes.rb', `  get '/reset-password/:token' => 'passwords#edit', as: :reset_password`],
    ],
  ],
  // ---- the rest of issue 31 (second pass): provider formats, blocked wrongly, call arguments, dropped as code,
  // layout, letters-only tokens.
  [
    'dotted provider tokens (Mapbox tk., StackHawk, ?token=id.secret)',
    'secret',
    () => [
      ['scripts/tiles.sh', `export MAPBOX_TOKEN=${mapboxTemp()}`],
      ['.env', `HAWK_API_KEY=hawk.${r(AN, 20)}.${r(AN, 20)}`],
      ['stackhawk.yml', `  apiKey: hawk.${r(AN, 20)}.${r(AN, 20)}`],
      ['scripts/poll.sh', `curl "https://api.acme-corp.io/v2/events?token=${r(HEX, 8)}.${r(AN, 32)}"`],
      [
        'src/ingest.js',
        `fetch("https://hooks.acme-corp.io/ingest?source=ci&token=${r(DIGITS, 6)}.${r(AN + '_-', 40)}")`,
      ],
    ],
  ],
  [
    'near-misses of a known prefix (medium)',
    'secret',
    () => [
      ['.env', `SRC_ACCESS_TOKEN=sgp_${mixedHex(40)}`],
      ['.env', `SHOPIFY_TOKEN=shpat_${r(AN, 32)}`],
      ['config/shop.yml', `access_token: shpca_${r(AN, 38)}`],
      ['.env', `STRIPE_KEY=rk_prod_${r(AN, 40)}`],
      ['bot/config.py', `BOT = "${r(DIGITS, 10)}:AA${r(AN + '_-', pick(30, 31, 36, 40))}"`],
      [
        'ci/notify.sh',
        `curl -X POST http://hooks.slack.com/services/T${r(UP + DIGITS, 10)}/B${r(UP + DIGITS, 10)}/${r(AN, 24)}`,
      ],
      ['wg0.conf', `PrivateKey = ${r(AN + '+/', 42)}${pick('B', 'C', 'D', 'F', 'b', 'z', '1', '7')}=`],
    ],
  ],
  [
    'formats with no rule before (42, Tavily, Jina, ADO, ghs_ JWT, tskey-*, Cisco 8/9)',
    'secret',
    () => [
      ['.env', `FT_SECRET=s-s4t2ud-${r(HEX, 64)}`],
      ['.env', `TAVILY=tvly-${pick('', 'dev-', 'prod-')}${r(AN, 32)}`],
      ['agent/search.py', `client = TavilyClient(api_key="tvly-${r(AN, 32)}")`],
      ['.env', `EMBEDDINGS=jina_${r(HEX, 32)}${r(AN + '_-', 28)}`],
      [
        'scripts/clone.sh',
        `git clone https://build:${r(AN, 52)}${r(AN, 24)}AZDO${r(AN, 4)}@example.visualstudio.com/p/_git/r`,
      ],
      ['src/fb.js', `const graph = "https://graph.facebook.com/me?access_token=${r(DIGITS, 15)}|${r(HEX, 32)}";`],
      ['ci/release.sh', `export GH=${ghsJwt()}`],
      [
        'deploy/ts.env',
        `TS_KEY=tskey-${pick('federated', 'oauth', 'k8s', 'device', 'share')}-${r(AN, 12)}CNTRL-${r(AN, 30)}`,
      ],
      ['net/router.cfg', `username admin privilege 15 secret 8 $8$${r(CISCO, 14)}$${r(CISCO, 43)}`],
      ['net/router.cfg', `enable secret 9 $9$${r(CISCO, 14)}$${r(CISCO, 43)}`],
    ],
  ],
  [
    'provider look-alikes (AIzaSy runs, API- in a path, keyword inside a word)',
    'lookalike',
    () => [
      ['src/maps.js', `const key = "AIzaSy${alphabetRun(33)}";`],
      ['docs/links.txt', `see https://docs.acme-corp.io/reference/API-${r(UP + DIGITS, 28)}/index.html`],
      ['web/nav.html', `<a href="/wiki/API-${r(UP + DIGITS, 28)}">endpoint</a>`],
      ['src/chess.js', `const rookTable = "${r(AN, 40)}";`],
    ],
  ],
  [
    'AWS_SECRET_ACCESS_KEY that cannot be one (report, not block)',
    'lookalike',
    () => [
      ['.env', `AWS_SECRET_ACCESS_KEY=${r(AN, pick(20, 32, 48))}`],
      ['.travis.yml', `  AWS_SECRET_ACCESS_KEY: "encrypted:${r(AN + '+/', 60)}"`],
      ['config/ci.yml', `aws_secret_access_key: !encrypted ${r(AN + '+/', 64)}`],
    ],
  ],
  [
    'credentials as call arguments',
    'secret',
    () => [
      ['src/Mail.cs', `var cred = new NetworkCredential("svc_mail", "${pw()}");`],
      [
        'src/Ldap.cs',
        `var entry = new DirectoryEntry(\n    "LDAP://dc01.acme-corp.local/DC=acme,DC=local",\n    "ACME\\\\svc_ldap",\n    "${pw()}");`,
      ],
      ['app/graph.py', `cred = UsernamePasswordCredential(client_id, "ops@acme-corp.io", password='${pw()}')`],
      ['deploy/connect.ps1', `Connect-VIServer -Server vc01 -User admin -Password ${pwBare()}`],
      ['deploy/connect.ps1', `$sec = ConvertTo-SecureString "${pw()}" -AsPlainText -Force`],
      ['ops/unseal.sh', `vault operator unseal ${r(AN + '+/', 43)}=`],
      ['app/auth.py', `    if password == "${pw()}":`],
      ['app/build.gradle', `        buildConfigField 'String', 'API_KEY', '"${r(AN, 32)}"'`],
      ['app/build.gradle', `        buildConfigField "String", "MAPS_TOKEN", "\\"${r(AN, 40)}\\""`],
    ],
  ],
  [
    'real passwords read as code before',
    'secret',
    () => [
      ['config/db.yml', `db_password: "${r(LOWER, 5)}$${r(LOWER, 5)}${r(DIGITS, 1)}"`],
      ['config/app.yml', `jwt_secret: "${r(AN + '#{}[]~<>!%^&*-+=', 24)}"`],
      ['config/app.ini', `password = "${r(AN, 5)}??${r(AN, 6)}!"`],
      ['ops/run.bat', `psexec \\\\\\\\srv01 -u admin -p ${r(LOWER, 3)}_${r(LOWER, 5)}${r(DIGITS, 1)} cmd`],
      ['src/Db.cs', `var cs = "Server=db01;Database=app;User Id=svc;Password=${r(LOWER, 3)}_${r(LOWER, 4)};";`],
      ['app/settings.py', `password = "${passphrase()}"`],
    ],
  ],
  [
    'prose under credential names (quiet)',
    'lookalike',
    () => [
      ['app/forms.py', `    password_help = "Use at least ${pick('twelve', 'ten', 'eight')} characters and a digit"`],
      ['config/locales/en.yml', `  password: "Enter your password again"`],
      ['app/messages.py', `TOKEN_EXPIRED = "Your session token has expired, please sign in"`],
      ['src/i18n/de.js', `  password: "Passwort vergessen",`],
    ],
  ],
  [
    'layout (notebooks, escaped strings, quoted JSON, Terraform default, git+https)',
    'secret',
    () => [
      ['notebooks/explore.ipynb', notebook(`api_token = \\"${r(AN, 40)}\\"\\n`)],
      ['deploy/run.js', `const ps = "$password = \\"${pw()}\\"; Connect-Db $password";`],
      ['deploy/env.json', `{"CONFIG": "{\\"client_secret\\":\\"${r(AN, 40)}\\"}"}`],
      [
        'infra/vars.tf',
        `variable "db_password" {\n  type      = string\n  sensitive = true\n  default   =\n    "${pw()}"\n}`,
      ],
      ['package.json', `    "lib": "git+https://${r(HEX, 40)}:x-oauth-basic@github.com/acme/lib.git",`],
    ],
  ],
  [
    'letters-only random tokens',
    'secret',
    () => [
      ['config/app.env', `API_TOKEN=${r(UP + LOWER, 24)}`],
      ['src/config.js', `const apiKey = "${r(UP + LOWER, 32)}";`],
      ['config/app.yml', `secret_key: ${r(LOWER, 20)}`],
    ],
  ],
  [
    'letters-only names under credential keys (quiet)',
    'lookalike',
    () => [
      ['src/errors.js', `const TOKEN = "AccessTokenExpiredError";`],
      ['config/app.yml', `secret: keepItSecretKeepItSafe`],
      ['src/api.ts', `  apiKey: "RequiredApiKeyHeader",`],
      ['src/auth.ts', `const authToken = "unauthenticatedRequestHandler";`],
      ['config/app.yml', `token_type: ${pick('bearerauthorization', 'refreshtokengrant', 'clientcredentials')}`],
    ],
  ],
];

const set = compileRuleSet(await loadBuiltinPatterns());
const rank = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const rows = [];
for (const [name, kind, make] of CLASSES) {
  let n = 0;
  let found = 0;
  let blocked = 0;
  const misses = [];
  for (let i = 0; i < per; i++)
    for (const [file, text] of make()) {
      n++;
      const hits = detectSecrets(text, set, [], { path: file });
      const worst = Math.max(-1, ...hits.map((h) => rank[h.severity]));
      if (worst >= rank.medium) found++;
      if (worst >= rank.high) blocked++;
      const bad = kind === 'secret' ? worst < rank.medium : worst >= rank.high;
      if (
        bad &&
        misses.length < 12 &&
        !misses.some((m) => m.file === file && m.text.slice(0, 12) === text.slice(0, 12))
      )
        misses.push({ file, text, rules: hits.map((h) => `${h.rule.p.id}:${h.severity}`) });
    }
  rows.push({ name, kind, n, found, blocked, misses });
}

// Shown whole: every output format of the built CLI over a multi-host URL and repeated values.
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-round3-'));
  let n = 0;
  let whole = 0;
  const leaks = [];
  for (let i = 0; i < per; i++) {
    const a = pw();
    const b = pw();
    const t = r(AN, 40);
    const secrets = [a, b, t];
    fs.writeFileSync(
      path.join(dir, 'app.conf'),
      [
        `DATABASE_URL=postgresql://app:${a}@db1.acme-corp.io:5432,app:${b}@db2.acme-corp.io:5432/app`,
        `api_token = "${t}" # same as ${t}`,
        `REPLICA_URL=postgresql://app:${a}@db1.acme-corp.io:5432,app:${a}@db3.acme-corp.io:5432/app`,
      ].join('\n') + '\n',
    );
    for (const format of ['text', 'json', 'sarif', 'github']) {
      n++;
      let out = '';
      try {
        out = execFileSync(
          process.execPath,
          [path.join(ROOT, 'bin/hookguard.cjs'), 'scan', '--format', format, '--no-color', dir],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
      } catch (e) {
        out = `${e.stdout ?? ''}${e.stderr ?? ''}`;
      }
      if (secrets.some((s) => out.includes(s))) {
        whole++;
        if (leaks.length < 4) leaks.push(format);
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  rows.push({
    name: 'shown whole (reports printing a value whole)',
    kind: 'leak',
    n,
    found: whole,
    blocked: 0,
    misses: leaks,
  });
}

console.log(`issue 31 classes, ${per} rounds of fresh values:`);
console.log(
  `  ${'class'.padEnd(46)} ${'kind'.padEnd(10)} ${'cases'.padStart(5)} ${'found'.padStart(6)} ${'blocked'.padStart(8)}`,
);
for (const x of rows)
  console.log(
    `  ${x.name.padEnd(46)} ${x.kind.padEnd(10)} ${String(x.n).padStart(5)} ${String(x.found).padStart(6)} ${String(x.blocked).padStart(8)}`,
  );
console.log(
  '(secret: found = medium or above, blocked = high or above; lookalike: blocked should be 0; leak: found = outputs that print a value whole, should be 0)',
);
if (showMisses)
  for (const x of rows)
    for (const m of x.misses)
      console.log(
        `[${x.name}] ${typeof m === 'string' ? m : `${m.file}: ${JSON.stringify(m.text).slice(0, 150)} → ${m.rules.join(' ') || 'nothing'}`}`,
      );
