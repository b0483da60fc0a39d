// Corpus benchmark: recall on true secrets (fake values of the right shape, per provider) and false positives on
// look-alikes (placeholders, references, hashes, UUIDs, lock files...). Runs the built library: `npm run build` first.
// Usage: node bench/secrets-corpus.mjs [--per N] [--json]
import { performance } from 'node:perf_hooks';
import { FAKE_SECRETS, familyOf, fakeUuid, rand, ALNUM, B64 } from '../scripts/fakes.mjs';

const lib = await import('../lib/index.js');
const { detectSecrets, compileRuleSet, loadBuiltinPatterns } = lib;
const args = process.argv.slice(2);
const per = Number(args[args.indexOf('--per') + 1]) || 50;
const asJson = args.includes('--json');

const hex = (n) => rand('0123456789abcdef', n);
const b64 = (n) => rand(B64, n);
/** Look-alikes: each returns a line that must produce no finding at or above low severity. */
const LOOKALIKES = {
  'env reference': () => `DB_PASSWORD=\${DB_PASSWORD_${rand('ABCDEFGH', 3)}}`,
  'command substitution': () => `export TOKEN=$(vault kv get -field=token secret/${rand('abcdef', 5)})`,
  'process.env': () => `const apiKey = process.env.API_KEY_${rand('ABCDEF', 3)};`,
  'os.environ': () => `password = os.environ["DB_PASSWORD_${rand('ABC', 2)}"]`,
  jinja: () => `password: "{{ vault_${rand('abcdef', 6)}_password }}"`,
  'github actions': () => `token: \${{ secrets.TOKEN_${rand('ABCDEF', 4)} }}`,
  'cloudformation ref': () => `MasterUserPassword: !Ref DbPassword${rand('ABC', 2)}`,
  'dynamic reference': () => `Password: '{{resolve:secretsmanager:prod/${rand('abc', 4)}:SecretString:password}}'`,
  'terraform var': () => `password = var.db_password_${rand('abc', 3)}`,
  placeholder: () => `api_key: <your-api-key-${rand('abc', 2)}>`,
  xxxx: () => `token = "${'x'.repeat(32)}"`,
  changeme: () => `password: changeme`,
  'aws docs example': () => 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws docs secret': () => 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  i18n: () => `"reset_password_${rand('abc', 2)}": "Reset your password",`,
  'package-lock integrity': () => `"integrity": "sha512-${b64(86)}==",`,
  'yarn.lock integrity': () => `  integrity sha512-${b64(86)}==`,
  'go.sum': () => `github.com/${rand('abcdef', 6)}/lib v1.2.3 h1:${b64(43)}=`,
  'sha256 checksum': () => `sha256: ${hex(64)}`,
  'git sha': () => `commit ${hex(40)}`,
  uuid: () => `request_id: ${fakeUuid()}`,
  'data uri': () => `src="data:image/png;base64,${b64(120)}"`,
  'asset hash': () => `<script src="/static/js/main.${hex(8)}.chunk.js"></script>`,
  'minified code': () => `var e={token:t.token,password:n.password||"",secret:r.secret${rand('ABC', 2)}}`,
  'public key': () => `-----BEGIN PUBLIC KEY-----\n${b64(64)}\n-----END PUBLIC KEY-----`,
  'stripe publishable key': () => `pk_live_${rand(ALNUM, 24)}`,
  'random identifier': () => `const ${rand('abcdefghij', 8)}Token = getToken${rand('ABCD', 2)}();`,
  'version string': () => `"js-tokens": "^${rand('123456789', 1)}.0.${rand('0123456789', 1)}"`,
  // Look-alikes of the families added in issue 11 (hashes, structured credentials, provider context rules).
  'regex replacement': () => `s = s.replace(/(\\w+)-(\\w+)/, "$1$2${rand('ab', 1)}")`,
  'crypt prefix in docs': () => `# $6$ is SHA-512 crypt, $5$ SHA-256 crypt, $1$ MD5 crypt (${rand('abc', 3)})`,
  'hash placeholder': () => `admin_hash: "$2b$12$<hash-${rand('abc', 3)}>"`,
  'ipv6 listener': () => `tcp6       0      0 :::${rand('123456789', 2)}    :::*    LISTEN`,
  'connection string reference': () => '"Server=db;User Id=app;Password=' + '${DB_PASSWORD_' + rand('ABC', 2) + '};"',
  'curl with env credentials': () => `curl -u "$USER:$TOKEN_${rand('ABC', 2)}" https://api.example.com/items`,
  'mysql password prompt': () => `mysql -u root -p shop_${rand('abc', 3)} < dump.sql`,
  'password from stdin': () => `echo "$TOKEN" | docker login -u ci_${rand('abc', 3)} --password-stdin ghcr.io`,
  'password option help': () => `parser.add_argument("--password", help="database password ${rand('abc', 3)}")`,
  'password flag variable': () => `pg_dump --password="$PGPASS_${rand('ABC', 2)}" app`,
  'header from variable': () => `headers = {'X-Auth-Token': token_${rand('abc', 3)}}`,
  'header from env': () => `'x-api-key': process.env.API_KEY_${rand('ABC', 2)},`,
  'public env url': () => `VITE_API_URL=https://api.example.com/${rand('abc', 4)}`,
  'public env reference': () => `NEXT_PUBLIC_SECRET_NAME=\${SECRET_${rand('ABC', 2)}}`,
  'wireguard public key': () => `PublicKey = ${b64(42)}Q=`,
  'facebook app id': () => `FACEBOOK_APP_ID=${rand('0123456789', 16)}`,
  'clock times': () => `${rand('12', 1)}2:30:45:00:${rand('0123456789', 2)}`,
  'k8s configmap': () => `kind: ConfigMap\ndata:\n  mode: production-${rand('abc', 3)}\n`,
  'mapbox public token': () => `mapboxgl.accessToken = 'pk.eyJ${rand(ALNUM, 60)}.${rand(ALNUM, 22)}';`,
  'session token reference': () => `aws_session_token = \${AWS_SESSION_TOKEN_${rand('ABC', 2)}}`,
};
/** The family a look-alike imitates (reported per family next to the secrets' recall). */
const LOOKALIKE_FAMILY = {
  'regex replacement': 'password hashes',
  'crypt prefix in docs': 'password hashes',
  'hash placeholder': 'password hashes',
  'ipv6 listener': 'password hashes',
  'connection string reference': 'structured credentials',
  'curl with env credentials': 'structured credentials',
  'mysql password prompt': 'structured credentials',
  'password from stdin': 'structured credentials',
  'password option help': 'structured credentials',
  'password flag variable': 'structured credentials',
  'header from variable': 'structured credentials',
  'header from env': 'structured credentials',
  'public env url': 'structured credentials',
  'public env reference': 'structured credentials',
  'wireguard public key': 'structured credentials',
  'clock times': 'structured credentials',
  'k8s configmap': 'structured credentials',
  'facebook app id': 'provider tokens',
  'mapbox public token': 'provider tokens',
  'session token reference': 'provider tokens',
  'aws docs example': 'provider tokens',
  'aws docs secret': 'provider tokens',
  'stripe publishable key': 'provider tokens',
};

const set = compileRuleSet(await loadBuiltinPatterns());
/** What blocks a commit at the default --fail-on high. */
const BLOCKING = new Set(['high', 'critical']);
const rows = [];
const t0 = performance.now();
let bytes = 0;
for (const [provider, make] of Object.entries(FAKE_SECRETS)) {
  let found = 0;
  let any = 0;
  let blocked = 0;
  for (let i = 0; i < per; i++) {
    const line = make();
    bytes += line.length;
    const hits = detectSecrets(line, set);
    if (hits.some((h) => h.severity !== 'info' && h.severity !== 'low')) found++;
    if (hits.some((h) => h.severity !== 'info')) any++;
    if (hits.some((h) => BLOCKING.has(h.severity))) blocked++;
  }
  rows.push({
    kind: 'secret',
    name: provider,
    family: familyOf(provider),
    n: per,
    hits: found,
    any,
    blocked,
    recall: found / per,
  });
}
for (const [name, make] of Object.entries(LOOKALIKES)) {
  let fp = 0;
  let fpBlocked = 0;
  const rules = new Set();
  for (let i = 0; i < per; i++) {
    const line = make();
    bytes += line.length;
    const all = detectSecrets(line, set);
    const hits = all.filter((h) => h.severity !== 'info' && h.severity !== 'low');
    if (hits.length) {
      fp++;
      for (const h of hits) rules.add(h.rule.p.id);
    }
    if (all.some((h) => BLOCKING.has(h.severity))) fpBlocked++;
  }
  rows.push({
    kind: 'lookalike',
    name,
    family: LOOKALIKE_FAMILY[name] ?? 'everyday text',
    n: per,
    falsePositives: fp,
    blocked: fpBlocked,
    rules: [...rules],
  });
}
const ms = performance.now() - t0;
const secrets = rows.filter((r) => r.kind === 'secret');
const looks = rows.filter((r) => r.kind === 'lookalike');
const families = new Map();
for (const r of rows) {
  const f = families.get(r.family) ?? {
    family: r.family,
    secrets: 0,
    found: 0,
    any: 0,
    blocked: 0,
    lookalikes: 0,
    fp: 0,
    fpBlocked: 0,
  };
  if (r.kind === 'secret') {
    f.secrets += r.n;
    f.found += r.hits;
    f.any += r.any;
    f.blocked += r.blocked;
  } else {
    f.lookalikes += r.n;
    f.fp += r.falsePositives;
    f.fpBlocked += r.blocked;
  }
  families.set(r.family, f);
}
const summary = {
  rules: set.rules.length,
  providers: secrets.length,
  recall: secrets.reduce((a, r) => a + r.hits, 0) / secrets.reduce((a, r) => a + r.n, 0),
  missedProviders: secrets.filter((r) => r.recall < 1).map((r) => `${r.name} ${(r.recall * 100).toFixed(0)}%`),
  lookalikeLines: looks.reduce((a, r) => a + r.n, 0),
  falsePositives: looks.reduce((a, r) => a + r.falsePositives, 0),
  noisyLookalikes: looks
    .filter((r) => r.falsePositives)
    .map((r) => `${r.name}: ${r.falsePositives} (${r.rules.join(', ')})`),
  families: [...families.values()],
  ms: Math.round(ms),
  kb: Math.round(bytes / 1024),
};
if (asJson) console.log(JSON.stringify({ summary, rows }, null, 2));
else {
  console.log(
    `secrets corpus: ${summary.rules} rules, ${summary.providers} providers × ${per} fakes, ${summary.lookalikeLines} look-alike lines (${summary.kb} KB, ${summary.ms} ms)`,
  );
  for (const r of secrets) console.log(`  recall  ${(r.recall * 100).toFixed(0).padStart(3)}%  ${r.name}`);
  for (const r of looks)
    console.log(
      `  false+  ${String(r.falsePositives).padStart(4)}  ${r.name}${r.rules.length ? ` (${r.rules.join(', ')})` : ''}`,
    );
  console.log(
    `overall recall ${(summary.recall * 100).toFixed(1)}%, false positives ${summary.falsePositives}/${summary.lookalikeLines}`,
  );
  const pct = (a, b) => (b ? `${((a / b) * 100).toFixed(1)}%` : '-').padStart(7);
  console.log('per family (found = medium or above, any = low or above, blocked = high or above):');
  console.log('  family                   secrets  found    any   blocked | look-alikes  false+  blocked');
  for (const f of summary.families)
    console.log(
      `  ${f.family.padEnd(24)} ${String(f.secrets).padStart(6)} ${pct(f.found, f.secrets)} ${pct(f.any, f.secrets)} ${pct(f.blocked, f.secrets)} | ${String(f.lookalikes).padStart(11)} ${pct(f.fp, f.lookalikes)} ${pct(f.fpBlocked, f.lookalikes)}`,
    );
}
