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
