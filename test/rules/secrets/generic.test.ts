/** Generic detection: what must fire, and the false-positive table (references, placeholders, hashes...). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeUuid, rand, ALNUM } from '../../../scripts/fakes.mjs';
import { compileRuleSet, readPatternDir } from '../../../src/rules/secrets/load.js';
import { detectSecrets } from '../../../src/rules/secrets/detect.js';
import { isPlaceholder } from '../../../src/rules/secrets/validators.js';
import { ROOT } from '../../helpers.js';

const set = compileRuleSet(await readPatternDir(path.join(ROOT, 'patterns')));
const hex = (n: number) => rand('0123456789abcdef', n);
const v = () => rand(ALNUM, 12) + '!' + rand(ALNUM, 4);

const mustFire: Array<[string, string]> = [
  ['code', `const dbPassword = "${v()}";`],
  ['python', `API_KEY = '${v()}'`],
  ['yaml', `  password: ${v()}`],
  ['json', `{"db": {"password": "${v()}"}}`],
  ['.env', `SECRET_TOKEN=${v()}`],
  ['ini', `password = ${v()}`],
  ['properties', `app.auth.client-secret=${v()}`],
  ['terraform', `  master_password = "${v()}"`],
  ['xml element', `<password>${v()}</password>`],
  ['xml appSettings', `<add key="PaymentApiKey" value="${v()}" />`],
  ['uuid with a credential key', `api_key: ${fakeUuid()}`],
];

const mustNotFire: Array<[string, string]> = [
  ['${VAR}', 'password: ${DB_PASSWORD}'],
  ['$(cmd)', 'export TOKEN=$(vault read -field=token secret/ci)'],
  ['process.env', 'const token = process.env.API_TOKEN;'],
  ['os.environ', 'password = os.environ["DB_PASSWORD"]'],
  ['os.getenv', 'secret = os.getenv("APP_SECRET", "")'],
  ['jinja', 'password: "{{ vault_db_password }}"'],
  ['helm', 'password: {{ .Values.db.password | b64enc }}'],
  ['actions', 'token: ${{ secrets.GITHUB_TOKEN }}'],
  ['!Ref', 'MasterUserPassword: !Ref DbPassword'],
  ['resolve', 'MasterUserPassword: "{{resolve:secretsmanager:prod/db:SecretString:password}}"'],
  ['terraform var', 'password = var.db_password'],
  ['terraform resource ref', 'password = random_password.db.result'],
  ['ansible vault', 'ansible_become_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  ' + hex(80)],
  ['angle placeholder', 'token: <your-token>'],
  ['xxxx', 'api_key = "xxxxxxxxxxxxxxxx"'],
  ['stars', 'password: "********"'],
  ['dummy words', 'secret_key = "your-secret-key-here"'],
  ['aws doc key id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
  ['i18n', '"password_too_short": "Password must be at least 8 characters",'],
  ['i18n key', 'forgot_password: ForgotPasswordLink'],
  ['package-lock', `"integrity": "sha512-${rand(ALNUM + '+/', 86)}==",`],
  ['yarn.lock', `  integrity sha512-${rand(ALNUM + '+/', 86)}==`],
  ['go.sum', `github.com/golang-jwt/jwt/v5 v5.2.1 h1:${rand(ALNUM + '+/', 43)}=`],
  ['checksum', `sha256: ${hex(64)}`],
  ['token checksum key', `token_sha256: ${hex(64)}`],
  ['uuid without keyword', `request_id: ${fakeUuid()}`],
  ['data uri', `token_icon: "data:image/png;base64,${rand(ALNUM, 60)}"`],
  ['asset hash', 'secret_bundle: "main.8e5f2c1a9b.js"'],
  ['minified code', 'var e={token:t.token,password:n.password||"",secret:r.secretKey}'],
  ['package version', '"js-tokens": "^4.0.0-beta.12",'],
  ['token length key', 'max_tokens: 4096'],
  ['secret name key', 'secretName: app-tls-certificate'],
  ['tokenizer', 'tokenizer: bert-base-uncased'],
  ['password file path', 'password_file: /run/secrets/db_password'],
  ['token url', 'token_url: https://oauth2.googleapis.com/token'],
  ['env var name', 'password: DB_PASSWORD'],
  ['function call', 'password = getPassword(user)'],
];

describe('generic detection', () => {
  it('fires on every UUID under a credential key (hex runs are not words)', () => {
    const missed = Array.from({ length: 2000 }, () => `api_key: ${fakeUuid()}`).filter(
      (line) => detectSecrets(line, set).length === 0,
    );
    expect(missed.length).toBe(0);
    // One whose letters repeat enough to measure 3.0 (the generic rule's entropy floor) is a key all the same.
    expect(detectSecrets('api_key: 897afd9a-ad88-7caa-0ddd-a0c7a98fd88d', set).length).toBe(1);
  });
  it.each(mustFire)('fires on %s', (_kind, line) => {
    expect(detectSecrets(line, set).length).toBeGreaterThan(0);
  });
  it.each(mustNotFire)('does not fire on %s', (_kind, line) => {
    expect(detectSecrets(line, set).map((h) => `${h.rule.p.id}: ${h.why}`)).toEqual([]);
  });
  it('isPlaceholder recognises references and dummies', () => {
    for (const p of ['${X}', '$(cmd)', '{{ x }}', '<token>', 'xxxx', 'changeme', '********', 'process.env.X', '%(pw)s'])
      expect(isPlaceholder(p), p).toBe(true);
    expect(isPlaceholder(v())).toBe(false);
  });
});

describe('generic: code and structure seen in real packages are not secrets', async () => {
  const { compileRuleSet, readPatternDir } = await import('../../../src/rules/secrets/load.js');
  const { detectSecrets } = await import('../../../src/rules/secrets/detect.js');
  const { ROOT } = await import('../../helpers.js');
  const set = compileRuleSet(await readPatternDir(`${ROOT}/patterns`));
  it.each([
    [
      'TS endpoint map',
      '    "DELETE /applications/{client_id}/token": Operation<"/applications/{client_id}/token", "delete">;',
    ],
    ['parser state names', '  nextLastSignificantToken = "?NonExpressionParenEnd";'],
    ['parser state names with an acronym', '  nextLastSignificantToken = "?InterpolationInJSX";'],
    ['a YAML key whose value is a nested mapping', 'github-token:\n  description: The token used to call the API'],
  ])('%s', (_name, text) => {
    expect(detectSecrets(text, set).filter((h) => h.rule.p.id.startsWith('generic'))).toEqual([]);
  });
});

describe('generic: minified and generated code', async () => {
  const { compileRuleSet, readPatternDir } = await import('../../../src/rules/secrets/load.js');
  const { detectSecrets } = await import('../../../src/rules/secrets/detect.js');
  const { ROOT } = await import('../../helpers.js');
  const set = compileRuleSet(await readPatternDir(`${ROOT}/patterns`));
  it.each([
    ['a comparison, not an assignment', 'f=t.heritageClauses?.find(v=>v.token===w.ExtendsKeyword),h=1'],
    ['a call', '    const endOfFileToken = withJSDoc(parseTokenNode(), endHasJSDoc);'],
    ['a ternary in minified code', '(t.tokenValue=i&15?o:i&32?parseFloat(t.source.substring(1)):0)'],
    ['a bundler-suffixed type alias', 'type ClosingParenToken = ClosingParenToken$1;'],
    [
      'a public badge token',
      '[![codecov](https://codecov.io/github/o/r/graph/badge.svg?token=37tZMQE0Sy)](https://codecov.io)',
    ],
  ])('%s', (_name, text) => {
    expect(detectSecrets(text, set).filter((h) => h.rule.p.id.startsWith('generic'))).toEqual([]);
  });
});
