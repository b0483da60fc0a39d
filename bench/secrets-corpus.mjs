// Corpus benchmark: recall on true secrets (fake values of the right shape, per provider) and false positives on
// look-alikes (placeholders, references, hashes, UUIDs, lock files...). Runs the built library: `npm run build` first.
// Usage: node bench/secrets-corpus.mjs [--per N] [--json]
import { performance } from 'node:perf_hooks';
import { FAKE_SECRETS, fakeUuid, rand, ALNUM, B64 } from '../scripts/fakes.mjs';

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
};

const set = compileRuleSet(await loadBuiltinPatterns());
const rows = [];
const t0 = performance.now();
let bytes = 0;
for (const [provider, make] of Object.entries(FAKE_SECRETS)) {
  let found = 0;
  for (let i = 0; i < per; i++) {
    const line = make();
    bytes += line.length;
    if (detectSecrets(line, set).some((h) => h.severity !== 'info' && h.severity !== 'low')) found++;
  }
  rows.push({ kind: 'secret', name: provider, n: per, hits: found, recall: found / per });
}
for (const [name, make] of Object.entries(LOOKALIKES)) {
  let fp = 0;
  const rules = new Set();
  for (let i = 0; i < per; i++) {
    const line = make();
    bytes += line.length;
    const hits = detectSecrets(line, set).filter((h) => h.severity !== 'info' && h.severity !== 'low');
    if (hits.length) {
      fp++;
      for (const h of hits) rules.add(h.rule.p.id);
    }
  }
  rows.push({ kind: 'lookalike', name, n: per, falsePositives: fp, rules: [...rules] });
}
const ms = performance.now() - t0;
const secrets = rows.filter((r) => r.kind === 'secret');
const looks = rows.filter((r) => r.kind === 'lookalike');
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
}
