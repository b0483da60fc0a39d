// Fake credentials of the right shape, generated at run time (tests, demo, benchmarks): nothing live-looking is
// ever stored in the repository.
import { randomBytes } from 'node:crypto';

export const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function rand(alphabet, n) {
  const bytes = randomBytes(n * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes.readUInt16LE(i * 2) % alphabet.length];
  return s;
}
export const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const ALNUM = B62;
export const B64 = B62 + '+/';

export function crc32(str) {
  let c = ~0;
  for (const b of Buffer.from(str)) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
export function base62(n, width) {
  let s = '';
  while (n > 0) {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}
/** A GitHub-shaped token whose checksum is valid (so offline validation treats it as real). */
export function fakeGithubToken(prefix = 'ghp') {
  const body = rand(ALNUM, 30);
  return `${prefix}_${body}${base62(crc32(body), 6)}`;
}
export function fakeAwsKeyId() {
  return 'AKIA' + rand(UPPER32, 16);
}
export function fakeAwsSecret() {
  return rand(B64, 40);
}

/** An npm token (npm_ + 30 random + base62 CRC-32), valid checksum. */
export function fakeNpmToken() {
  const body = rand(ALNUM, 30);
  return `npm_${body}${base62(crc32(body), 6)}`;
}

/** Same shape with a checksum that does not match (what a hand-made fake looks like). */
export function fakeBadChecksumToken(prefix = 'ghp') {
  const body = rand(ALNUM, 30);
  return `${prefix}_${body}${base62((crc32(body) + 1) % 2 ** 32, 6)}`;
}

/** An AWS access key id that encodes `account` (12 digits) the way AWS does for keys created since 2019. */
export function fakeAwsKeyIdForAccount(account, prefix = 'AKIA') {
  const acct = BigInt(account);
  // 6 bytes: top bit set (new format), account in bits 7..46, 7 random low bits; then 4 random bytes.
  const first = (1n << 47n) | (acct << 7n) | BigInt(randomBytes(1)[0] & 0x7f);
  const bytes = Buffer.concat([Buffer.from(first.toString(16).padStart(12, '0'), 'hex'), randomBytes(4)]);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 15; i >= 0; i--) out += UPPER32[Number((bits >> BigInt(i * 5)) & 31n)];
  return prefix + out;
}

/** base64url JSON, for fake JWTs. */
function b64url(obj) {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}
/** A JWT-shaped token (random signature); `payload` defaults to a subject and an expiry an hour ahead. */
export function fakeJwt(
  payload = { sub: 'user-' + rand(ALNUM, 6), exp: Math.floor(Date.now() / 1000) + 3600 },
  alg = 'HS256',
) {
  return `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}.${alg === 'none' ? '' : rand(B62 + '-_', 43)}`;
}

const HEX = '0123456789abcdef';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = B62 + '-_';
const CRYPT = './' + B62;
/** A password as people make them: letters, then digits and a symbol. */
const pw = () => `${rand(ALNUM, 10)}${rand('0123456789', 3)}${rand('!#%+', 1)}`;
const uuid = () => [8, 4, 4, 4, 12].map((n) => rand(HEX, n)).join('-');

/**
 * One true-secret line per provider family, fake values of the right shape (for the corpus benchmark and tests).
 * Keys are provider names; values return a line of text and the rule ids that may report it.
 */
export const FAKE_SECRETS = {
  'aws-access-key-id': () => `aws_access_key_id = ${fakeAwsKeyId()}`,
  'aws-secret-access-key': () => `aws_secret_access_key = ${fakeAwsSecret()}`,
  'gcp-api-key': () => `apiKey: "AIza${rand(B64URL, 35)}"`,
  'gcp-oauth-client-secret': () => `"client_secret": "GOCSPX-${rand(B64URL, 28)}"`,
  'azure-storage': () =>
    `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${rand(B64, 86)}==;EndpointSuffix=core.windows.net`,
  'azure-ad-client-secret': () => `AZURE_CLIENT_SECRET=${rand(ALNUM, 3)}8Q~${rand(ALNUM, 34)}`,
  github: () => `GITHUB_TOKEN=${fakeGithubToken()}`,
  'github-fine-grained': () => `GH_TOKEN=github_pat_${rand(ALNUM, 22)}_${rand(ALNUM, 59)}`,
  gitlab: () => `GITLAB_TOKEN=glpat-${rand(B64URL, 20)}`,
  bitbucket: () => `BITBUCKET_APP_PASSWORD=ATBB${rand(ALNUM, 32)}`,
  slack: () => `SLACK_BOT_TOKEN=xoxb-${rand('0123456789', 11)}-${rand('0123456789', 13)}-${rand(ALNUM, 24)}`,
  'slack-webhook': () =>
    `https://hooks.slack.com/services/T${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${rand(ALNUM, 24)}`,
  stripe: () => `STRIPE_SECRET_KEY=${'sk_' + 'live_' + rand(ALNUM, 99)}`,
  twilio: () => `TWILIO_AUTH_TOKEN=${rand(HEX, 32)}`,
  sendgrid: () => `SENDGRID_API_KEY=SG.${rand(B64URL, 22)}.${rand(B64URL, 43)}`,
  mailgun: () => `MAILGUN_API_KEY=key-${rand(HEX, 32)}`,
  mailchimp: () => `MAILCHIMP_API_KEY=${rand(HEX, 32)}-us14`,
  npm: () => `//registry.npmjs.org/:_authToken=${fakeNpmToken()}`,
  pypi: () => `password = pypi-AgEIcHlwaS5vcmc${rand(B64URL, 120)}`,
  rubygems: () => `:rubygems_api_key: rubygems_${rand(HEX, 48)}`,
  nuget: () => `dotnet nuget push x.nupkg --api-key oy2${rand(LOWER_ALNUM, 43)}`,
  docker: () => `{"auths":{"registry.acme.dev":{"auth":"${Buffer.from('ci:' + rand(ALNUM, 20)).toString('base64')}"}}}`,
  vault: () => `VAULT_TOKEN=hvs.CAESI${rand(B64URL, 90)}`,
  terraform: () => `token = "${rand(ALNUM, 14)}.atlasv1.${rand(B64URL, 67)}"`,
  datadog: () => `DD_API_KEY=${rand(HEX, 32)}`,
  'new-relic': () => `NEW_RELIC_API_KEY=NRAK-${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 27)}`,
  sentry: () => `SENTRY_AUTH_TOKEN=sntryu_${rand(HEX, 64)}`,
  grafana: () => `GRAFANA_TOKEN=glsa_${rand(ALNUM, 32)}_${rand(HEX, 8)}`,
  pagerduty: () => `PAGERDUTY_TOKEN=u+${rand(B64URL, 18)}`,
  okta: () => `OKTA_API_TOKEN=00${rand(B64URL, 40)}`,
  auth0: () => `AUTH0_CLIENT_SECRET=${rand(B64URL, 64)}`,
  atlassian: () => `JIRA_API_TOKEN=ATATT3xFfGF0${rand(B64URL, 180)}`,
  linear: () => `LINEAR_API_KEY=lin_api_${rand(ALNUM, 40)}`,
  notion: () => `NOTION_TOKEN=ntn_${rand('0123456789', 11)}${rand(ALNUM, 35)}`,
  shopify: () => `SHOPIFY_TOKEN=shpat_${rand(HEX, 32)}`,
  square: () => `SQUARE_ACCESS_TOKEN=EAAA${rand(B64URL, 60)}`,
  braintree: () => `BRAINTREE_TOKEN=access_token$production$${rand(LOWER_ALNUM, 16)}$${rand(HEX, 32)}`,
  heroku: () => `HEROKU_API_KEY=HRKU-AA${rand(B64URL, 58)}`,
  digitalocean: () => `DIGITALOCEAN_TOKEN=dop_v1_${rand(HEX, 64)}`,
  cloudflare: () => `CLOUDFLARE_API_TOKEN=${rand(B64URL, 40)}`,
  fastly: () => `FASTLY_API_TOKEN=${rand(B64URL, 32)}`,
  databricks: () => `DATABRICKS_TOKEN=dapi${rand(HEX, 32)}`,
  snowflake: () => `snowflake://etl:${rand(ALNUM, 18)}@acme-xy12345/db`,
  openai: () => `OPENAI_API_KEY=sk-proj-${rand(B64URL, 74)}T3BlbkFJ${rand(B64URL, 74)}`,
  anthropic: () => `ANTHROPIC_API_KEY=sk-ant-api03-${rand(B64URL, 93)}AA`,
  huggingface: () => `HF_TOKEN=hf_${rand('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 34)}`,
  cohere: () => `COHERE_API_KEY=${rand(ALNUM, 40)}`,
  telegram: () => `TELEGRAM_BOT_TOKEN=${rand('0123456789', 10)}:AA${rand(B64URL, 33)}`,
  discord: () => `DISCORD_WEBHOOK=https://discord.com/api/webhooks/${rand('0123456789', 18)}/${rand(B64URL, 68)}`,
  doppler: () => `DOPPLER_TOKEN=dp.st.prd.${rand(ALNUM, 43)}`,
  '1password': () => `OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ${rand(B64, 300)}`,
  age: () => `AGE-SECRET-KEY-1${rand('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`,
  jwt: () => `Authorization: Bearer ${fakeJwt()}`,
  postgres: () => `DATABASE_URL=postgres://app:${rand(ALNUM, 20)}@db.internal:5432/app`,
  mysql: () => `mysql://root:${rand(ALNUM, 16)}@10.0.0.3:3306/shop`,
  mongodb: () => `MONGO_URI=mongodb+srv://svc:${rand(ALNUM, 24)}@cluster0.ab1cd.mongodb.net/prod`,
  redis: () => `REDIS_URL=redis://:${rand(ALNUM, 32)}@cache.internal:6379/0`,
  amqp: () => `BROKER_URL=amqp://worker:${rand(ALNUM, 18)}@rabbit.internal:5672//`,
  'basic-auth-url': () => `git remote add origin https://alice:${rand(ALNUM, 20)}@git.acme-corp.io/acme/app.git`,
  netrc: () => `machine api.example.com login deploy password ${rand(ALNUM, 24)}`,
  'k8s-secret': () =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${Buffer.from(rand(ALNUM, 20)).toString('base64')}\n`,
  ansible: () => `web1 ansible_host=10.0.0.5 ansible_user=deploy ansible_password=${rand(ALNUM, 14)}`,
  generic: () => `DB_PASSWORD="${rand(ALNUM, 10)}!${rand(ALNUM, 6)}"`,
  // Issue 11: structured credentials that are not provider tokens.
  'odbc-connection-string': () =>
    `"Data Source=sql01;Initial Catalog=shop;User Id=shop_app;Password=${rand(ALNUM, 16)};"`,
  'x-api-key-header': () => `curl -H "X-API-Key: ${rand(ALNUM, 32)}" https://api.acme-corp.io/v1/items`,
  'curl-user': () => `curl -s -u admin:${rand(ALNUM, 16)} https://jenkins.internal/api/json`,
  sshpass: () => `sshpass -p '${pw()}' ssh deploy@10.0.0.7`,
  'mysql-p': () => `mysql -u root -p${pw()} shop < dump.sql`,
  'password-flag': () => `pg_restore --dbname=app --password=${pw()} dump.tar`,
  psexec: () => `PsExec64.exe \\\\srv01 -u CORP\\admin -p ${pw()} cmd`,
  pgpass: () => `db.internal:5432:app:app_rw:${rand(ALNUM, 18)}`,
  'mssql-url': () => `DATABASE_URL=mssql+pyodbc://etl:${rand(ALNUM, 16)}@sql01.internal/dw`,
  'ftp-url': () => `ftp://backup:${rand(ALNUM, 14)}@ftp.internal/dumps`,
  'ldap-url': () => `LDAP_URL=ldaps://cn=svc:${rand(ALNUM, 14)}@ldap.corp.internal:636`,
  'smtp-url': () => `EMAIL_URL=smtp://mailer:${rand(ALNUM, 16)}@smtp.mailhost.net:587`,
  'maven-settings': () =>
    `<server>\n  <id>releases</id>\n  <username>deployer</username>\n  <password>${pw()}</password>\n</server>`,
  'gradle-credentials': () => `credentials {\n  username 'ci'\n  password '${rand(ALNUM, 18)}'\n}`,
  'yarnrc-token': () => `npmAuthToken: ${rand(B64URL, 36)}`,
  'k8s-string-data': () =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  API_TOKEN: ${rand(ALNUM, 24)}\n`,
  wireguard: () => `[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = ${rand(B64, 42)}Q=\n`,
  'vite-secret': () => `VITE_STRIPE_SECRET=${rand(ALNUM, 32)}`,
  'next-public-secret': () => `NEXT_PUBLIC_ADMIN_PASSWORD=${rand(ALNUM, 14)}`,
  // Password hashes and other offline-crackable material.
  bcrypt: () => `admin_hash: "$2b$12$${rand(CRYPT, 53)}"`,
  'sha512-crypt': () => `password: "$6$${rand(CRYPT, 16)}$${rand(CRYPT, 86)}"`,
  'md5-crypt': () => `AuthHash "$1$${rand(CRYPT, 8)}$${rand(CRYPT, 22)}"`,
  argon2: () => `ADMIN_PASSWORD_HASH=$argon2id$v=19$m=65536,t=3,p=4$${rand(B64, 22)}$${rand(B64, 43)}`,
  'django-pbkdf2': () => `"password": "pbkdf2_sha256$600000$${rand(ALNUM, 22)}$${rand(B64, 43)}=",`,
  'werkzeug-hash': () => `hash = 'pbkdf2:sha256:600000$${rand(ALNUM, 16)}$${rand(HEX, 64)}'`,
  htpasswd: () => `admin:$apr1$${rand(CRYPT, 8)}$${rand(CRYPT, 22)}`,
  shadow: () => `root:$6$${rand(CRYPT, 16)}$${rand(CRYPT, 86)}:19700:0:99999:7:::`,
  ntlm: () => `Administrator:500:aad3b435b51404eeaad3b435b51404ee:${rand(HEX, 32)}:::`,
  'krb5-asrep': () => `$krb5asrep$23$svc_sql@CORP.LOCAL:${rand(HEX, 32)}$${rand(HEX, 220)}`,
  'krb5-tgs': () => `$krb5tgs$23$*svc_web$CORP.LOCAL$http/web01*$${rand(HEX, 32)}$${rand(HEX, 400)}`,
  // Provider tokens added or widened in issue 11.
  'aws-secret-camel': () => `AWS.config.update({ secretAccessKey: "${rand(B64, 36)}Ab1/" })`,
  'aws-session-token': () => `"SessionToken": "IQoJb3JpZ2lu${rand(B64, 300)}"`,
  sidekiq: () => `BUNDLE_ENTERPRISE__CONTRIBSYS__COM: "${rand(HEX, 8)}:${rand(HEX, 8)}"`,
  mapbox: () => `MAPBOX_DOWNLOADS_TOKEN=sk.eyJ${rand(B64URL, 60)}.${rand(B64URL, 22)}`,
  vsphere: () => `GOVC_PASSWORD=${pw()}`,
  twitch: () => `TWITCH_CLIENT_SECRET=${rand(LOWER_ALNUM, 30)}`,
  'sumo-logic': () => `SUMO_ACCESS_KEY=${rand(ALNUM, 64)}`,
  'new-relic-admin': () => `NEW_RELIC_ADMIN_KEY=NRAA-${rand(HEX, 27)}`,
  blynk: () => `#define BLYNK_AUTH_TOKEN "${rand(B64URL, 32)}"`,
  truenas: () => `TRUENAS_API_KEY=1-${rand(ALNUM, 64)}`,
  'dependency-track': () => `DTRACK_API_KEY=odt_${rand(ALNUM, 32)}`,
  adafruit: () => `#define IO_KEY "aio_${rand(ALNUM, 28)}"`,
  thingsboard: () => `curl -X POST http://tb.acme-corp.io:8080/api/v1/${rand(ALNUM, 20)}/telemetry`,
  linkedin: () => `LINKEDIN_CLIENT_SECRET=${rand(ALNUM, 16)}`,
  salesforce: () => `SF_ACCESS_TOKEN=00D${rand(ALNUM, 15)}!${rand(ALNUM, 96)}`,
  'facebook-token': () => `FB_PAGE_TOKEN=EAAG${rand(ALNUM, 180)}`,
  'facebook-secret': () => `FACEBOOK_APP_SECRET=${rand(HEX, 32)}`,
  openrouter: () => `OPENROUTER_API_KEY=sk-or-v1-${rand(HEX, 64)}`,
  'slack-legacy-bot': () => `SLACK_TOKEN=xoxb-${rand('0123456789', 11)}-${rand(ALNUM, 24)}`,
  'slack-signing': () => `SLACK_SIGNING_SECRET=${rand(HEX, 32)}`,
  'sonar-legacy': () => `SONAR_TOKEN=${rand(HEX, 40)}`,
  'telegram-url': () => `https://api.telegram.org/bot${rand('0123456789', 10)}:AA${rand(B64URL, 33)}/sendMessage`,
  'hubspot-hapikey': () => `https://api.hubapi.com/contacts/v1/contacts?hapikey=${uuid()}`,
  'vercel-prefixed': () => `VERCEL_TOKEN=vcp_${rand(ALNUM, 40)}`,
  messagebird: () => `MESSAGEBIRD_API_KEY=${rand(ALNUM, 25)}`,
  'stripe-restricted': () => `STRIPE_KEY=${'rk_' + 'live_' + rand(ALNUM, 99)}`,
  groq: () => `GROQ_API_KEY=gsk_${rand(ALNUM, 52)}`,
  tailscale: () => `TS_AUTHKEY=tskey-auth-${rand(ALNUM, 12)}-${rand(ALNUM, 32)}`,
  'teams-webhook': () =>
    `https://acme.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${rand(HEX, 32)}/${uuid()}`,
};

/** The family each FAKE_SECRETS entry belongs to (the bench reports recall per family). */
export const SECRET_FAMILIES = {
  'password hashes': [
    'bcrypt',
    'sha512-crypt',
    'md5-crypt',
    'argon2',
    'django-pbkdf2',
    'werkzeug-hash',
    'htpasswd',
    'shadow',
    'ntlm',
    'krb5-asrep',
    'krb5-tgs',
  ],
  'structured credentials': [
    'odbc-connection-string',
    'x-api-key-header',
    'curl-user',
    'sshpass',
    'mysql-p',
    'password-flag',
    'psexec',
    'pgpass',
    'maven-settings',
    'gradle-credentials',
    'yarnrc-token',
    'k8s-string-data',
    'k8s-secret',
    'wireguard',
    'vite-secret',
    'next-public-secret',
    'netrc',
    'ansible',
    'generic',
    'age',
    'jwt',
  ],
  'credential URLs': [
    'postgres',
    'mysql',
    'mongodb',
    'redis',
    'amqp',
    'basic-auth-url',
    'mssql-url',
    'ftp-url',
    'ldap-url',
    'smtp-url',
    'snowflake',
  ],
};
/** Family of a FAKE_SECRETS key: one of SECRET_FAMILIES, else "provider tokens". */
export function familyOf(name) {
  for (const [fam, names] of Object.entries(SECRET_FAMILIES)) if (names.includes(name)) return fam;
  return 'provider tokens';
}

/** A random UUID-shaped string (a look-alike: not a secret on its own). */
export const fakeUuid = uuid;
