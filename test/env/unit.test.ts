/** Unit tests of src/env/: roles, flattening, secret-store references, gitattributes, SOPS rules, parity. */
import { beforeAll, describe, expect, it } from 'vitest';
import { envRoleFromPath, makeRoleFinder } from '../../src/env/roles.js';
import { flatten, flattenSimpleYaml, flattenYaml } from '../../src/env/flatten.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isStoreReference, storeReferenceAt } from '../../src/rules/secrets/stores.js';
import { gitCryptMatcher, isGitCryptBlob } from '../../src/env/gitattributes.js';
import { checkSops, parseSopsConfig } from '../../src/env/atrest.js';
import {
  compareEnvironments,
  credentialPart,
  isCredentialKey,
  isSecurityKey,
  strength,
  type EnvFile,
} from '../../src/env/compare.js';
import { tableJson, tableMarkdown, tableText } from '../../src/env/table.js';
import { compileRuleSet, loadBuiltinPatterns, type RuleSet } from '../../src/rules/secrets/load.js';
import { detectSecrets } from '../../src/rules/secrets/detect.js';
import { rand, ALNUM } from '../../scripts/fakes.mjs';

let secrets: RuleSet;
beforeAll(async () => {
  secrets = compileRuleSet(await loadBuiltinPatterns());
});

describe('environment roles from paths', () => {
  it.each([
    ['inventories/prod/group_vars/all.yml', 'prod', 'inventories/{env}/group_vars/all.yml'],
    ['group_vars/production.yml', 'prod', 'group_vars/{env}.yml'],
    ['envs/qa/app.ini', 'qa', 'envs/{env}/app.ini'],
    ['.env.staging', 'staging', '.env.{env}'],
    ['charts/app/values-prod.yaml', 'prod', 'charts/app/values-{env}.yaml'],
    ['cfn/params.prod.json', 'prod', 'cfn/params.{env}.json'],
    ['src/appsettings.Production.json', 'prod', 'src/appsettings.{env}.json'],
    ['config/dev/app.yaml', 'dev', 'config/{env}/app.yaml'],
    ['inventories/uat/hosts', 'uat', 'inventories/{env}/hosts'],
    ['deploy/stage/values.yml', 'staging', 'deploy/{env}/values.yml'],
  ])('%s → %s', (p, env, role) => {
    expect(envRoleFromPath(p)).toEqual({ env, role });
  });
  it.each(['src/devtools/index.ts', 'test/fixtures/prod/x.json', 'README.md', 'production.js', 'docs/dev.md'])(
    '%s is not an environment file',
    (p) => expect(envRoleFromPath(p)).toBeUndefined(),
  );
  it('config globs decide instead, the role is the path below the fixed prefix', () => {
    const f = makeRoleFinder(
      new Map([
        ['blue', ['deploy/blue-cluster/**']],
        ['green', ['deploy/green-cluster/**']],
      ]),
    );
    expect(f('deploy/blue-cluster/app/config.yaml')).toEqual({ env: 'blue', role: 'app/config.yaml' });
    expect(f('deploy/green-cluster/app/config.yaml')).toEqual({ env: 'green', role: 'app/config.yaml' });
    expect(f('inventories/prod/hosts')).toBeUndefined();
  });
});

describe('flattening', () => {
  it('YAML: dotted keys with positions; lists of scalars compare as sets', () => {
    const f = flatten('a.yml', 'db:\n  host: x\n  port: 5432\ncidrs: [b, a]\nempty: {}\n');
    expect(f.entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['db.host', 'x', 2],
      ['db.port', '5432', 3],
      ['cidrs', 'a, b', 4],
      ['empty', '', 5],
    ]);
  });
  it('JSON CloudFormation parameter files become one key per parameter', () => {
    const f = flatten(
      'params.prod.json',
      '[\n  {"ParameterKey": "DbPassword", "ParameterValue": "x1"},\n  {"ParameterKey": "Env", "ParameterValue": "prod"}\n]\n',
    );
    expect(f.entries.map((e) => [e.key, e.value, e.valueLine])).toEqual([
      ['DbPassword', 'x1', 2],
      ['Env', 'prod', 3],
    ]);
  });
  it('dotenv with export, quotes and comments', () => {
    const f = flatten('.env.dev', '# c\nexport A=1\nB="two words" # c\nC=three # c\n');
    expect(f.entries.map((e) => [e.key, e.value, e.column])).toEqual([
      ['A', '1', 10],
      ['B', 'two words', 4],
      ['C', 'three', 3],
    ]);
  });
  it('INI sections and Ansible INI inventories', () => {
    expect(flatten('ansible.cfg', '[defaults]\nhost_key_checking = False\n').entries[0]!.key).toBe(
      'defaults.host_key_checking',
    );
    const inv = flatten(
      'inventories/dev/hosts',
      '[web]\nw1 ansible_host=10.0.0.1 ansible_user=deploy\n[web:vars]\nport=80\n',
    );
    expect(inv.entries.map((e) => e.key).sort()).toEqual(['web.*.ansible_host', 'web.*.ansible_user', 'web:vars.port']);
  });
  it('unparsable YAML is an error, not a crash', () => {
    const f = flatten('values-dev.yaml', 'a: [1, 2\nb: : :\n');
    expect(f.entries).toEqual([]);
    expect(f.errors.length).toBeGreaterThan(0);
  });
});

describe('the fast reader of simple YAML', () => {
  const same = (text: string) => {
    const fast = flattenSimpleYaml(text);
    if (fast) expect(fast, text).toEqual(flattenYaml(text, 'yaml'));
    return fast !== undefined;
  };
  it('reads the common shapes exactly as the full parser does', () => {
    const simple = [
      'a: 1\nb: two\n',
      '---\ndb:\n  host: db.internal # primary\n  port: 5432\n  password: "quoted value"\n  user: \'app\'\n',
      '# comment\n\nnested:\n    deeper:\n        key: v\n    other: true\nnull_key:\ntilde: ~\nlast: False\n',
      'ip: 10.0.0.1\nversion: 1.2.3\nurl: http://x.example.test:8080/p?q=1#frag\nneg: -12\nzero: 0\nyes_word: yes\n',
      'a:\n  b:\n  c: x\nd: "a # not a comment"\ne: x#y\n',
      'win: value\r\nother: 2\r\n',
      '  indented: root\n  second: 2\n',
      'a:\tb\n',
    ];
    for (const t of simple) expect(same(t), t).toBe(true);
  });
  it('leaves everything else to the full parser', () => {
    const other = [
      'a: [1, 2]\n',
      'a:\n  - x\n',
      'a: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6231\n',
      'a: &x 1\nb: *x\n',
      'a: |\n  text\n',
      'a: "esc\\"aped"\n',
      "a: 'it''s'\n",
      'a: 1.5\n',
      'a: 0x1f\n',
      'a: 007\n',
      'a: 1e3\n',
      'a: .inf\n',
      'a: b\na: c\n',
      'a: first line\n  continued\n',
      'a: x\n  b: y\n',
      'a: b: c\n',
      'true: x\n',
      'a: 1\n---\nb: 2\n',
      '\uFEFFa: 1\n',
      'a:\n  b: 1\n c: 2\n',
    ];
    for (const t of other) expect(flattenSimpleYaml(t), t).toBeUndefined();
  });
  it('agrees with the full parser on every YAML file of this repository', () => {
    const root = path.join(__dirname, '..', '..');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        if (n === 'node_modules' || n === '.git' || n === 'lib' || n === 'dist') continue;
        const p = path.join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(n)) files.push(p);
      }
    };
    for (const d of ['fixtures', 'patterns', 'test', '.github']) {
      try {
        walk(path.join(root, d));
      } catch {
        // a folder that does not exist
      }
    }
    expect(files.length).toBeGreaterThan(50);
    let fast = 0;
    for (const f of files) if (same(readFileSync(f, 'utf8'))) fast++;
    expect(fast).toBeGreaterThan(5);
  });
  it('agrees with the full parser on generated files', () => {
    const values = ['x', '"q r"', "'s t'", '12', 'true', 'No', '~', '', 'a b # c', '10.1.2.3', 'http://h:1/p', '-3'];
    for (let n = 0; n < 300; n++) {
      const lines: string[] = [];
      let depth = 0;
      for (let k = 0; k < 12; k++) {
        const v = values[(n * 7 + k * 3) % values.length]!;
        const pad = '  '.repeat(depth);
        if ((n + k) % 5 === 0 && depth < 3) {
          lines.push(`${pad}m${k}:`);
          depth++;
          lines.push(`${'  '.repeat(depth)}k${k}: ${v}`);
        } else lines.push(`${pad}k${k}: ${v}`.trimEnd());
        if ((n + k) % 7 === 0 && depth > 0) depth--;
        if ((n + k) % 11 === 0) lines.push('# note');
      }
      same(lines.join('\n') + '\n');
    }
  });
});

describe('secret-store references are never findings', () => {
  it.each([
    "api_password: \"{{ lookup('hashi_vault', 'secret=secret/data/app:password token=' + vault_token) }}\"",
    'other_password: "vault:secret/data/app#password"',
    'DB_PASSWORD=vault:secret/data/db#password',
    "MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'",
    "Other: '{{resolve:ssm-secure:/prod/db/password:1}}'",
    'sops_pass: ENC[AES256_GCM,data:Zm9vYmFyYmF6cXV4,iv:aGVsbG93b3JsZGhlbGxvd29ybGQ=,tag:dGFnZ2luZ3RhZ2dpbmc=,type:str]',
    'db_password: !vault |',
  ])('%s', (line) => {
    expect(detectSecrets(line, secrets)).toEqual([]);
  });
  it('a literal next to the same key is still found', () => {
    const v = rand(ALNUM, 24);
    expect(detectSecrets(`other_password: "${v}"`, secrets).length).toBeGreaterThan(0);
  });
  it('isStoreReference on whole values', () => {
    expect(isStoreReference('$ANSIBLE_VAULT;1.1;AES256')).toBe(true);
    expect(isStoreReference('ENC[AES256_GCM,data:abc,iv:d,tag:e,type:str]')).toBe(true);
    expect(isStoreReference('plain')).toBe(false);
    const t =
      'x: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  62313365396662343061393464336163383764373764613633653634306231\n';
    const i = t.lastIndexOf('6231');
    expect(storeReferenceAt(t, i, i + 20)).toBe('Ansible Vault');
  });
});

describe('.gitattributes git-crypt declarations', () => {
  it('follows git: names match at any depth, paths are anchored, later and deeper lines win', () => {
    const m = gitCryptMatcher([
      {
        path: '.gitattributes',
        text: '*.key filter=git-crypt diff=git-crypt\n/secrets/** filter=git-crypt\nsecrets/open.txt -filter\n',
      },
      { path: 'deep/.gitattributes', text: '* filter=git-crypt\nREADME.md !filter\n' },
    ])!;
    expect(m('a/b/c.key')).toBe(true);
    expect(m('secrets/x.yml')).toBe(true);
    expect(m('secrets/open.txt')).toBe(false);
    expect(m('other/secrets/x.yml')).toBe(false);
    expect(m('deep/any/file')).toBe(true);
    expect(m('deep/README.md')).toBe(false);
    expect(m('deep/.gitattributes')).toBe(false);
    expect(m('src/index.ts')).toBe(false);
  });
  it('no git-crypt line → no matcher; the header is "\\0GITCRYPT\\0"', () => {
    expect(gitCryptMatcher([{ path: '.gitattributes', text: '* text=auto\n' }])).toBeUndefined();
    expect(isGitCryptBlob(Buffer.from('\0GITCRYPT\0rest', 'latin1'))).toBe(true);
    expect(isGitCryptBlob(Buffer.from('plain text'))).toBe(false);
  });
});

describe('SOPS key selection', () => {
  const yaml = 'a_unencrypted: 1\nb: 2\nnest:\n  password: x\n  other: y\n';
  it('default: everything but *_unencrypted', () => {
    const cfg = parseSopsConfig("creation_rules:\n  - path_regex: '.*'\n");
    expect(checkSops('s.yaml', yaml, cfg).hits.map((h) => h.path)).toEqual(['b', 'nest.password', 'nest.other']);
  });
  it('encrypted_regex picks keys and their subtrees', () => {
    const cfg = parseSopsConfig("creation_rules:\n  - path_regex: '.*'\n    encrypted_regex: ^(password|nest)$\n");
    expect(checkSops('s.yaml', yaml, cfg).hits.map((h) => h.path)).toEqual(['nest.password', 'nest.other']);
  });
  it('unencrypted_regex and encrypted_suffix', () => {
    const a = parseSopsConfig("creation_rules:\n  - path_regex: '.*'\n    unencrypted_regex: ^(b|other)$\n");
    expect(checkSops('s.yaml', yaml, a).hits.map((h) => h.path)).toEqual(['a_unencrypted', 'nest.password']);
    const b = parseSopsConfig("creation_rules:\n  - path_regex: '.*'\n    encrypted_suffix: word\n");
    expect(checkSops('s.yaml', yaml, b).hits.map((h) => h.path)).toEqual(['nest.password']);
  });
  it('a rule without path_regex governs nothing by itself; a file outside path_regex is not checked', () => {
    expect(checkSops('s.yaml', yaml, parseSopsConfig('creation_rules:\n  - age: x\n')).hits).toEqual([]);
    expect(checkSops('s.yaml', yaml, parseSopsConfig('creation_rules:\n  - path_regex: ^secrets/\n')).hits).toEqual([]);
  });
  it('a nested .sops.yaml governs only the files below its folder; path_regex is tried from its folder and the root', () => {
    const cfg = parseSopsConfig('creation_rules:\n  - path_regex: ^prod/.*\\.yaml$\n', 'deploy/');
    expect(checkSops('deploy/prod/app.yaml', yaml, cfg).hits.map((h) => h.path)).toEqual([
      'b',
      'nest.password',
      'nest.other',
    ]);
    expect(checkSops('deploy/prod/app.yaml', yaml, cfg).hits[0]!.message).toContain(
      'deploy/.sops.yaml creation rule 1',
    );
    expect(checkSops('other/prod/app.yaml', yaml, cfg).hits).toEqual([]);
    expect(checkSops('prod/app.yaml', yaml, cfg).hits).toEqual([]);
    const fromRoot = parseSopsConfig('creation_rules:\n  - path_regex: ^deploy/prod/\n', 'deploy/');
    expect(checkSops('deploy/prod/app.yaml', yaml, fromRoot).hits).toHaveLength(3);
  });
});

describe('parity', () => {
  it('credential-named and security-relevant keys', () => {
    expect(isCredentialKey('db_password')).toBe(true);
    expect(isCredentialKey('DbPassword')).toBe(true);
    expect(isCredentialKey('ansible_become_pass')).toBe(true);
    expect(isCredentialKey('password_file')).toBe(false);
    expect(isCredentialKey('token_url')).toBe(false);
    expect(isSecurityKey(['validate_certs'])).toBe(true);
    expect(isSecurityKey(['db', 'sslmode'])).toBe(true);
    expect(isSecurityKey(['ValidateCerts'])).toBe(true);
    expect(isSecurityKey(['audit', 'log_level'])).toBe(true);
    expect(isSecurityKey(['app', 'log_level'])).toBe(false);
    expect(isSecurityKey(['replicas'])).toBe(false);
  });
  it('a shared secret is reported at each place, by key and file only: the value is nowhere in the output', () => {
    const pw = rand(ALNUM, 20);
    const files = ['dev', 'qa', 'prod'].map((env) => ({
      path: `inventories/${env}/group_vars/all.yml`,
      env,
      role: 'inventories/{env}/group_vars/all.yml',
      text: `db_password: ${env === 'qa' ? rand(ALNUM, 20) : pw}\n`,
    }));
    const r = compareEnvironments(files, { secrets });
    const e1 = r.hits.filter((h) => h.ruleId === 'ENV-001');
    expect(e1.map((h) => h.file).sort()).toEqual([
      'inventories/dev/group_vars/all.yml',
      'inventories/prod/group_vars/all.yml',
    ]);
    expect(e1[0]!.message).toContain('prod');
    const all =
      JSON.stringify(r) +
      tableText({ table: r.table, errors: [] }) +
      tableMarkdown({ table: r.table, errors: [] }) +
      tableJson({ table: r.table, errors: [] });
    expect(all).not.toContain(pw);
    expect(all).not.toContain(pw.slice(0, 6));
    expect(r.table.roles[0]!.rows[0]!.cells).toMatchObject({
      dev: { state: 'shared secret' },
      qa: { state: 'secret' },
      prod: { state: 'shared secret' },
    });
  });
  it('only findings on changed lines block; expectDifferent silences drift', () => {
    const files = [
      {
        path: 'a/dev/c.yml',
        env: 'dev',
        role: 'a/{env}/c.yml',
        text: 'verify_ssl: true\nreplica_count_x: 1\n',
        changed: [] as Array<[number, number]>,
      },
      {
        path: 'a/prod/c.yml',
        env: 'prod',
        role: 'a/{env}/c.yml',
        text: 'verify_ssl: false\n',
        changed: [[1, 1]] as Array<[number, number]>,
      },
    ];
    const r = compareEnvironments(files, { secrets });
    // Only the weaker value is reported (prod: high), where the change touched it.
    expect(
      r.hits.filter((h) => h.ruleId === 'ENV-002').map((h) => [h.file, h.blocking, h.severity ?? 'medium']),
    ).toEqual([['a/prod/c.yml', true, 'high']]);
    expect(r.hits.some((h) => h.ruleId === 'ENV-003')).toBe(true);
    const r2 = compareEnvironments(files, { secrets, expectDifferent: ['replica_*', 'verify_ssl'] });
    expect(r2.hits).toEqual([]);
  });
  it('focus (a hook): the same findings on the focus files as a full comparison, other roles read only when needed', () => {
    const pw = rand(ALNUM, 20);
    const files: EnvFile[] = [];
    for (const env of ['dev', 'qa', 'prod'])
      for (let r = 0; r < 6; r++)
        files.push({
          path: `svc${r}/${env}/app.yml`,
          env,
          role: `svc${r}/{env}/app.yml`,
          text:
            `db_password: "${r === 0 || (r === 3 && env !== 'qa') ? pw : rand(ALNUM, 20)}"\n` +
            `verify_ssl: ${env === 'qa' && r < 2 ? 'false' : 'true'}\n` +
            (env === 'dev' ? 'debug_toolbar: on\n' : ''),
        });
    // A file of another role that cannot be parsed: irrelevant to the focus, so not read at all.
    files.push({ path: 'svc9/dev/app.yml', env: 'dev', role: 'svc9/{env}/app.yml', text: 'a: [\n' });
    const focusPath = 'svc0/qa/app.yml';
    const key = (h: { ruleId: string; file: string; line: number; message: string; blocking: boolean }) =>
      `${h.ruleId} ${h.file}:${h.line} ${h.blocking} ${h.message}`;
    const full = compareEnvironments(files, { secrets }).hits.filter((h) => h.file === focusPath);
    const focused = compareEnvironments(files, { secrets, focus: (p) => p === focusPath });
    expect(focused.hits.map(key).sort()).toEqual(full.map(key).sort());
    // svc0's password is shared with every environment of svc0 and with svc3's dev and prod: all named.
    const e1 = focused.hits.find((h) => h.ruleId === 'ENV-001')!;
    expect(e1.message).toContain('svc3/dev/app.yml');
    expect(e1.message).toContain('svc3/prod/app.yml');
    expect(focused.hits.some((h) => h.ruleId === 'ENV-002')).toBe(true);
    expect(focused.table.roles.map((r) => r.role)).toEqual(['svc0/{env}/app.yml']);
    expect(focused.errors).toEqual([]);
  });
  it('an unparsable file is reported and the rest still compares', () => {
    const r = compareEnvironments(
      [
        { path: 'x/dev/a.yml', env: 'dev', role: 'x/{env}/a.yml', text: 'debug: true\n' },
        { path: 'x/qa/a.yml', env: 'qa', role: 'x/{env}/a.yml', text: 'debug: [\n' },
        { path: 'x/prod/a.yml', env: 'prod', role: 'x/{env}/a.yml', text: 'debug: false\n' },
      ],
      { secrets },
    );
    expect(r.errors.map((e) => e.file)).toEqual(['x/qa/a.yml']);
    expect(r.hits.filter((h) => h.ruleId === 'ENV-002').map((h) => h.file)).toEqual(['x/dev/a.yml']);
  });
});

describe('issue 24: names, paths, ranks and formats', () => {
  it.each([
    ['config/eu-prod.yaml', 'eu-prod', 'config/{env}.yaml'],
    ['deploy/prod-us/app.yaml', 'prod-us', 'deploy/{env}/app.yaml'],
    ['config/pre-prod/app.yml', 'preprod', 'config/{env}/app.yml'],
    ['env/live.tfvars', 'prod', 'env/{env}.tfvars'],
    ['env/sandbox.tfvars', 'sandbox', 'env/{env}.tfvars'],
  ])('%s → %s', (p, env, role) => expect(envRoleFromPath(p)).toEqual({ env, role }));
  it('security settings by the whole path, in every spelling', () => {
    for (const s of [
      ['server', 'ssl', 'enabled'],
      ['server.ssl.enabled'],
      ['SERVER_SSL_ENABLED'],
      ['security', 'csrf', 'enabled'],
      ['auth', 'enabled'],
      ['session', 'cookie_secure'],
      ['app', 'tls_min_version'],
      ['min_tls_version'],
    ])
      expect(isSecurityKey(s), s.join('.')).toBe(true);
    for (const s of [
      ['authentication', 'provider', 'url'],
      ['app', 'enabled'],
      ['ssl', 'cert_file'],
    ])
      expect(isSecurityKey(s), s.join('.')).toBe(false);
  });
  it('ranks values: the weaker one is lower', () => {
    expect(strength(['validate_certs'], 'false')! < strength(['validate_certs'], 'yes')!).toBe(true);
    expect(strength(['debug'], 'true')! < strength(['debug'], 'off')!).toBe(true);
    expect(strength(['min_tls_version'], 'TLSv1.0')! < strength(['min_tls_version'], '1.2')!).toBe(true);
    expect(strength(['db', 'sslmode'], 'disable')! < strength(['db', 'sslmode'], 'verify-full')!).toBe(true);
    expect(strength(['allowed_cidrs'], '0.0.0.0/0')! < strength(['allowed_cidrs'], '10.0.0.0/8')!).toBe(true);
    expect(strength(['port'], '443')).toBeUndefined();
  });
  it('credential parts of URLs and connection strings', () => {
    expect(credentialPart('redis://:abcd1234@redis.dev:6379')?.value).toBe('abcd1234');
    expect(credentialPart('postgres://app:s3cr3tpw@db/x')?.value).toBe('s3cr3tpw');
    expect(credentialPart('Server=x;User Id=a;Password=p4ssw0rdX;')?.value).toBe('p4ssw0rdX');
    expect(credentialPart('https://example.test/a?b=c')).toBeUndefined();
  });
  it('Terraform tfvars: attributes, objects, lists, comments; expressions are unknowable', () => {
    const f = flatten(
      'env/prod.tfvars',
      '# c\nregion = "eu-west-1" // c\ncount_x = 3\nopen = true\ncidrs = ["10.0.0.0/8", "0.0.0.0/0"]\ntags = {\n  team = "shop"\n  "cost-center" = 42\n}\nami = data.x.id\n',
    );
    expect(f.errors).toEqual([]);
    expect(f.entries.map((e) => [e.key, e.value, e.kind, e.line])).toEqual([
      ['region', 'eu-west-1', 'string', 2],
      ['count_x', '3', 'number', 3],
      ['open', 'true', 'bool', 4],
      ['cidrs', '0.0.0.0/0, 10.0.0.0/8', 'list', 5],
      ['tags.team', 'shop', 'string', 7],
      ['tags.cost-center', '42', 'number', 8],
      ['ami', '${data.x.id}', 'string', 10],
    ]);
    expect(flatten('env/prod.tfvars', 'x = "unterminated\n').errors[0]?.message).toMatch(/invalid tfvars/);
  });
  it('Terraform tfvars: heredocs (<<EOT, <<-EOT), null, and what follows them keeps its line', () => {
    const f = flatten(
      'env/prod.tfvars',
      'policy = <<EOT\n{"a": 1}\nEOT\nnote = <<-TXT\n  two\n  lines\n  TXT\ngone = null\nn = -1.5\n',
    );
    expect(f.errors).toEqual([]);
    expect(f.entries.map((e) => [e.key, e.value, e.kind, e.line])).toEqual([
      ['policy', '{"a": 1}', 'string', 1],
      ['note', '  two\n  lines', 'string', 4],
      ['gone', '', 'null', 8],
      ['n', '-1.5', 'number', 9],
    ]);
    expect(flatten('env/prod.tfvars', 'x = <<\n').errors[0]?.message).toMatch(/bad heredoc/);
  });
});
