/**
 * Environment parity and secrets at rest through the real CLI in temporary git repositories: staged commits with the
 * installed hook, pushes, ranges, history, files on disk and `hookguard env`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALNUM, fakeGithubToken, rand } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo } from '../helpers.js';
import { keyStoreMaker } from '../p12.js';

afterAll(cleanup);

const VAULTED =
  '!vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  62313365396662343061393464336163383764373764613633653634306231386433626436623361\n';

/** dev/qa/prod inventories: dev and prod share a plaintext password that qa keeps vaulted. */
function inventories(repo: Repo, shared: string): void {
  for (const env of ['dev', 'qa', 'prod']) {
    const pw = env === 'qa' ? VAULTED : `"${shared}"\n`;
    repo.write(
      `inventories/${env}/group_vars/all.yml`,
      `db_user: app\ndb_password: ${pw}validate_certs: true\napi_url: https://${env}.example.test\n`,
    );
    repo.write(
      `inventories/${env}/hosts`,
      `[web]\nweb1 ansible_host=10.0.${env.length}.1\n\n[web:vars]\nhttp_port=443\n`,
    );
  }
}

describe('environment parity', () => {
  it('dev and prod sharing a password (vaulted in qa): ENV-001 at both places, the value never printed', () => {
    const repo = Repo.init();
    const shared = rand(ALNUM, 22);
    inventories(repo, shared);
    repo.commit('inventories');
    const { code, report, stderr } = repo.json(['scan', '.']);
    expect(code).toBe(1);
    const env1 = report.findings.filter((f) => f.ruleId === 'ENV-001');
    expect(env1.map((f) => `${f.file}:${f.line}`).sort()).toEqual([
      'inventories/dev/group_vars/all.yml:2',
      'inventories/prod/group_vars/all.yml:2',
    ]);
    expect(env1[0]!.message).toMatch(/prod|dev/);
    for (const out of [JSON.stringify(report), stderr, repo.hookguard(['scan', '.']).stdout])
      expect(leaks(out, [shared, shared.slice(0, 8), shared.slice(-8)])).toEqual([]);
    // The qa value is a store reference: no rule reports it.
    expect(report.findings.filter((f) => f.file.includes('/qa/'))).toEqual([]);
    expect(report.existing.filter((f) => f.file.includes('/qa/'))).toEqual([]);

    const table = repo.hookguard(['env']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/db_password\s+SHARED SECRET\s+unknown\s+SHARED SECRET/);
    expect(table.stdout).toMatch(/validate_certs\s+same\s+same\s+same/);
    const md = repo.hookguard(['env', '--format', 'markdown']);
    expect(md.stdout).toContain('| `db_password` | SHARED SECRET | unknown | SHARED SECRET |');
    const json = JSON.parse(repo.hookguard(['env', '--format', 'json']).stdout) as {
      environments: string[];
      roles: Array<{ role: string; rows: Array<{ key: string; cells: Record<string, { state: string }> }> }>;
    };
    expect(json.environments).toEqual(['dev', 'qa', 'prod']);
    const role = json.roles.find((r) => r.role === 'inventories/{env}/group_vars/all.yml')!;
    expect(role.rows.find((r) => r.key === 'db_password')!.cells.prod!.state).toBe('shared secret');
    for (const out of [table.stdout, md.stdout, JSON.stringify(json)]) expect(out).not.toContain(shared);
    expect(repo.hookguard(['env', '--format', 'html']).code).toBe(2);
  });

  it("a staged change that makes staging's validate_certs differ: ENV-002 on that line only", () => {
    const repo = Repo.init();
    for (const env of ['dev', 'staging', 'prod'])
      repo.write(`inventories/${env}/group_vars/all.yml`, `app_name: shop\nvalidate_certs: true\nlog_level: info\n`);
    repo.commit('same everywhere');
    repo.write('inventories/staging/group_vars/all.yml', `app_name: shop\nvalidate_certs: false\nlog_level: info\n`);
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged', '--fail-on', 'medium']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      'ENV-002 inventories/staging/group_vars/all.yml:2',
    ]);
    // Only staging holds the weaker value: the finding and its fix name it (medium: staging is not production).
    expect(report.findings[0]!.message).toContain('weaker in staging (false) than in dev (true) and prod (true)');
    expect(report.findings[0]!.severity).toBe('medium');
    expect((report.findings[0] as { remediation?: string }).remediation).toMatch(/^staging is the environment to fix/);
    // Findings in the environments this change did not touch are not the committer's.
    expect(report.existing).toEqual([]);
    // At the default threshold (high) a medium finding is reported but does not block.
    expect(repo.json(['scan', '--staged']).code).toBe(0);
  });

  it('pushes and ranges compare at the tip; unparsable environment files are errors and the rest goes on', () => {
    const repo = Repo.init();
    const remote = Repo.init({ bare: true });
    repo.git('remote', 'add', 'origin', remote.dir);
    for (const env of ['dev', 'qa', 'prod']) repo.write(`config/${env}/app.yaml`, `debug: false\nport: 8443\n`);
    const base = repo.commit('base');
    repo.git('push', '-q', 'origin', 'main');
    repo.write('config/qa/app.yaml', 'debug: true\nport: 8443\n');
    repo.commit('debug on in qa');
    repo.write('config/prod/app.yaml', 'debug: [\n');
    const head = repo.commit('broken prod');
    const range = repo.json(['scan', '--diff', `${base}..${head}`, '--fail-on', 'medium']);
    expect(range.report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      'ENV-002 config/qa/app.yaml:1',
    ]);
    expect(range.report.errors.map((e) => e.file)).toContain('config/prod/app.yaml');
    const push = repo.json(['scan', '--pre-push', 'origin', remote.dir, '--fail-on', 'medium'], {
      input: `refs/heads/main ${head} refs/heads/main ${base}\n`,
    });
    expect(push.code).toBe(1);
    expect(push.report.findings.map((f) => f.ruleId)).toEqual(['ENV-002']);
  });

  it('an ignored environment file is not compared, in history or on a push, once another environment file changes', () => {
    const shared = `Shared-${rand(ALNUM, 12)}9`;
    const repo = Repo.init();
    repo.commit('fixtures', {
      '.hookguard.yaml': 'ignore:\n  - fixtures/\n',
      'fixtures/.env.development': `ADMIN_PASSWORD=${shared}\n`,
      'fixtures/.env.production': `ADMIN_PASSWORD=${shared}\n`,
    });
    const base = repo.git('rev-parse', 'HEAD');
    // A later commit touches an environment file that is scanned: the comparison runs over the tip's files.
    repo.commit('app config', {
      'config/.env.development': `ADMIN_PASSWORD=Dev-${rand(ALNUM, 12)}7\n`,
      'config/.env.production': `ADMIN_PASSWORD=${shared}\n`,
    });
    for (const args of [
      ['scan', '--history'],
      ['scan', '--diff', `${base}..HEAD`],
    ]) {
      const { report } = repo.json(args);
      const files = report.findings.filter((f) => /^ENV-/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.file}`);
      expect(
        files.filter((f) => f.includes('fixtures/')),
        args.join(' '),
      ).toEqual([]);
      // The production file shares nothing with an ignored file: no ENV-001 on it either.
      expect(
        files.filter((f) => f.startsWith('ENV-001')),
        args.join(' '),
      ).toEqual([]);
    }
  });

  it('config environments: globs name the environments; bad entries are errors with file:line', () => {
    const repo = Repo.init();
    repo.write('deploy/blue/app.env', 'TLS_VERIFY=true\n');
    repo.write('deploy/green/app.env', 'TLS_VERIFY=false\n');
    repo.write('.hookguard.yaml', 'environments:\n  blue: [deploy/blue/**]\n  green: [deploy/green/**]\n');
    repo.commit('x');
    const ok = repo.json(['scan', '.', '--fail-on', 'medium']);
    expect(ok.report.findings.map((f) => `${f.ruleId} ${f.file}`).sort()).toEqual(['ENV-002 deploy/green/app.env']);
    repo.write('.hookguard.yaml', 'environments:\n  blue: []\n  green: ["  "]\n  expectDifferent: nope\n  "9x": [a]\n');
    const bad = repo.hookguard(['scan', '.']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.hookguard.yaml:2: environments.blue must be a non-empty list of globs');
    expect(bad.stderr).toContain('.hookguard.yaml:3: environments.green: glob 1 is empty');
    expect(bad.stderr).toContain('.hookguard.yaml:4: environments.expectDifferent must be a non-empty list of globs');
    expect(bad.stderr).toContain('.hookguard.yaml:5: environments: unknown key "9x"');
    expect(repo.hookguard(['env']).code).toBe(2);
  });
});

describe('secrets at rest', () => {
  it('git-crypt: a plaintext commit is blocked by the hook, a real git-crypt blob passes; push, range and history', () => {
    const repo = Repo.init();
    const remote = Repo.init({ bare: true });
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.commit('attrs', { '.gitattributes': 'secrets/** filter=git-crypt diff=git-crypt\n', 'README.md': '# x\n' });
    repo.git('push', '-q', 'origin', 'main');
    expect(repo.hookguard(['init']).code).toBe(0);

    // No git-crypt on this machine: git stores the plaintext, and the hook stops it.
    repo.write('secrets/db.yml', 'note: plaintext that should have been encrypted\n');
    repo.git('add', '-A');
    const blocked = repo.gitRun(['commit', '-q', '-m', 'plaintext']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('ATREST-001');
    expect(blocked.stdout + blocked.stderr).not.toContain('should have been encrypted');

    // What git-crypt stores: "\0GITCRYPT\0" then the encrypted bytes.
    repo.write('secrets/db.yml', Buffer.concat([Buffer.from('\0GITCRYPT\0', 'latin1'), Buffer.from(rand(ALNUM, 48))]));
    repo.git('add', '-A');
    expect(repo.gitRun(['commit', '-q', '-m', 'encrypted']).code).toBe(0);

    // Committed around the hook: the push, the range and history name the commit that first stored plaintext.
    repo.write('secrets/api.txt', 'plaintext one\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'first plaintext');
    const first = repo.git('rev-parse', 'HEAD');
    repo.write('secrets/api.txt', 'plaintext two\n');
    repo.git('commit', '-q', '--no-verify', '-am', 'second plaintext');
    const head = repo.git('rev-parse', 'HEAD');
    const pushed = repo.gitRun(['push', 'origin', 'main']);
    expect(pushed.code).not.toBe(0);
    expect(pushed.stdout + pushed.stderr).toContain('ATREST-001');
    const base = repo.git('rev-parse', 'origin/main');
    for (const args of [
      ['scan', '--diff', `${base}..${head}`],
      ['scan', '--history'],
    ]) {
      const r = repo.json(args);
      expect(r.code).toBe(1);
      const f = r.report.findings.filter((x) => x.ruleId === 'ATREST-001');
      expect(f.map((x) => [x.file, x.commit])).toEqual([['secrets/api.txt', first]]);
      expect(f[0]!.severity).toBe('critical');
    }
    // A scan of the unlocked work tree does not apply it.
    expect(repo.json(['scan', '.']).report.findings.filter((x) => x.ruleId === 'ATREST-001')).toEqual([]);
  });

  it('PKCS#12: a key store that opens with a default password or none blocks in every mode (ATREST-004)', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    // Key stores made by the real openssl now: Google Cloud's notasecret, the empty password, a real password.
    const make = keyStoreMaker('hookguard-e2e');
    const p12 = (out: string, pass: string) => make(path.join(repo.dir, out), '-passout', `pass:${pass}`);
    mkdirSync(path.join(repo.dir, 'keys'));
    mkdirSync(path.join(repo.dir, 'tests'));
    p12('keys/svc.p12', 'notasecret');
    p12('keys/client.pfx', '');
    p12('keys/real.p12', rand(ALNUM, 20));
    p12('tests/fixture.p12', 'notasecret');
    const want = [
      'ATREST-004 high keys/client.pfx:1',
      'ATREST-004 high keys/svc.p12:1',
      'ATREST-004 low tests/fixture.p12:1',
    ];
    const seen = (r: {
      report: { findings: Array<{ ruleId: string; severity: string; file: string; line: number }> };
    }) => r.report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}`).sort();
    const disk = repo.json(['scan', '.']);
    expect(disk.code).toBe(1);
    expect(seen(disk)).toEqual(want);
    repo.git('add', '-A');
    const staged = repo.json(['scan', '--staged']);
    expect(staged.code).toBe(1);
    expect(seen(staged)).toEqual(want);
    expect(staged.report.findings.find((f) => f.file === 'keys/svc.p12')!.message).toContain('"notasecret"');
    repo.git('commit', '-q', '--no-verify', '-m', 'key stores');
    for (const args of [
      ['scan', '--diff', 'HEAD~1..HEAD'],
      ['scan', '--history'],
    ])
      expect(seen(repo.json(args))).toEqual(want);
  });

  it('git-crypt: a binary file stored without git-crypt (a keystore) is plaintext too, in every git mode', () => {
    const repo = Repo.init();
    repo.commit('attrs', { '.gitattributes': '*.p12 filter=git-crypt diff=git-crypt\n', 'README.md': '# x\n' });
    // A PKCS#12 keystore as committed without git-crypt: DER bytes, binary to git.
    const der = Buffer.concat([
      Buffer.from([0x30, 0x82, 0x0a, 0x1f, 0x02, 0x01, 0x03, 0x00]),
      Buffer.from(rand(ALNUM, 64)),
    ]);
    repo.write('certs/client.p12', der);
    repo.git('add', '-A');
    const staged = repo.json(['scan', '--staged']);
    expect(staged.code).toBe(1);
    expect(staged.report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      'ATREST-001 certs/client.p12:1',
    ]);
    expect(staged.report.findings[0]!.message).toContain('without the git-crypt header');
    // The same path holding what git-crypt stores passes.
    repo.write('certs/client.p12', Buffer.concat([Buffer.from('\0GITCRYPT\0', 'latin1'), der]));
    repo.git('add', '-A');
    expect(repo.json(['scan', '--staged']).report.findings).toEqual([]);
    repo.git('commit', '-q', '--no-verify', '-m', 'encrypted keystore');
    // Committed around the hook: range and history find it; a binary outside the declared paths is nothing.
    repo.write('certs/client.p12', der);
    repo.write('img/logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), der]));
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '-m', 'decrypted keystore');
    const head = repo.git('rev-parse', 'HEAD');
    for (const args of [
      ['scan', '--diff', 'HEAD~1..HEAD'],
      ['scan', '--history'],
    ]) {
      const r = repo.json(args);
      expect(r.report.findings.map((f) => [f.ruleId, f.file, f.commit])).toEqual([
        ['ATREST-001', 'certs/client.p12', head],
      ]);
    }
  });

  it('SOPS and Ansible Vault files: plaintext where encryption is declared blocks, encrypted passes', () => {
    const repo = Repo.init();
    const enc = (d: string) =>
      `ENC[AES256_GCM,data:${Buffer.from(d).toString('base64')},iv:${rand(ALNUM, 16)}=,tag:${rand(ALNUM, 22)}==,type:str]`;
    repo.commit('sops rules', {
      '.sops.yaml':
        'creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    encrypted_regex: ^(password|token)$\n    age: age1recipient\n',
    });
    repo.write(
      'secrets/prod.yaml',
      `db:\n  user: app\n  password: ${enc('x')}\nsops:\n  version: 3.8.1\n  mac: ${enc('m')}\n`,
    );
    repo.write(
      'group_vars/prod/vault.yml',
      `$ANSIBLE_VAULT;1.1;AES256\n${rand('0123456789abcdef', 80)}\n${rand('0123456789abcdef', 80)}\n`,
    );
    repo.git('add', '-A');
    const clean = repo.json(['scan', '--staged']);
    expect(clean.report.findings).toEqual([]);
    repo.git('commit', '-q', '--no-verify', '-m', 'encrypted');

    const plain = rand(ALNUM, 18);
    repo.write(
      'secrets/prod.yaml',
      `db:\n  user: app\n  password: ${enc('x')}\napi:\n  token: ${plain}\nsops:\n  version: 3.8.1\n  mac: ${enc('m')}\n`,
    );
    repo.write('group_vars/qa/vault.yml', `vault_db_password: ${rand(ALNUM, 16)}\n`);
    repo.git('add', '-A');
    const r = repo.json(['scan', '--staged']);
    expect(r.code).toBe(1);
    expect(r.report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(
      ['ATREST-003 group_vars/qa/vault.yml:1', 'ATREST-002 secrets/prod.yaml:5'].sort((a, b) =>
        a.split(' ')[1]!.localeCompare(b.split(' ')[1]!),
      ),
    );
    expect(JSON.stringify(r.report)).not.toContain(plain);
  });

  it('a file vaulted whole in one environment and committed decrypted in another blocks (ATREST-003), masked', () => {
    const repo = Repo.init();
    const hex = () => rand('0123456789abcdef', 80);
    repo.commit('prod secrets vaulted', {
      'inventories/prod/group_vars/secrets.yml': `$ANSIBLE_VAULT;1.1;AES256\n${hex()}\n${hex()}\n`,
    });
    const plain = rand(ALNUM, 20);
    repo.write('inventories/dev/group_vars/secrets.yml', `db_user: app\ndb_password: ${plain}\n`);
    repo.git('add', '-A');
    const r = repo.json(['scan', '--staged']);
    expect(r.code).toBe(1);
    const at3 = r.report.findings.filter((f) => f.ruleId === 'ATREST-003');
    expect(at3.map((f) => `${f.file}:${f.line}`)).toEqual([
      'inventories/dev/group_vars/secrets.yml:1',
      'inventories/dev/group_vars/secrets.yml:2',
    ]);
    expect(at3[1]!.message).toContain('prod (inventories/prod/group_vars/secrets.yml)');
    expect(JSON.stringify(r.report)).not.toContain(plain);
    expect(repo.hookguard(['scan', '--staged']).stdout).not.toContain(plain);
  });

  it('a .sops.yaml in a subfolder governs the files below it, in every mode', () => {
    const repo = Repo.init();
    repo.commit('nested sops config', {
      'deploy/.sops.yaml': "creation_rules:\n  - path_regex: 'secrets/.*\\.ya?ml$'\n    age: age1recipient\n",
      'deploy/values.yaml': 'replicas: 2\n',
    });
    const plain = rand(ALNUM, 18);
    repo.write('deploy/secrets/prod.yaml', `db:\n  user: app\n  password: ${plain}\n`);
    // The same path outside deploy/ is not governed.
    repo.write('secrets/prod.yaml', `db:\n  user: app\n  password_hint: see the wiki\n`);
    repo.git('add', '-A');
    const at = (r: ReturnType<Repo['json']>) =>
      r.report.findings.filter((f) => f.ruleId === 'ATREST-002').map((f) => `${f.file}:${f.line}`);
    const staged = repo.json(['scan', '--staged']);
    expect(staged.code).toBe(1);
    expect(at(staged)).toEqual(['deploy/secrets/prod.yaml:2', 'deploy/secrets/prod.yaml:3']);
    expect(staged.report.findings[0]!.message).toContain('deploy/.sops.yaml creation rule 1');
    repo.git('commit', '-q', '--no-verify', '-m', 'plaintext');
    expect(at(repo.json(['scan', '.']))).toEqual(['deploy/secrets/prod.yaml:2', 'deploy/secrets/prod.yaml:3']);
    expect(at(repo.json(['scan', '--history']))).toEqual(['deploy/secrets/prod.yaml:2', 'deploy/secrets/prod.yaml:3']);
    expect(at(repo.json(['scan', '--diff', 'HEAD~1..HEAD']))).toEqual([
      'deploy/secrets/prod.yaml:2',
      'deploy/secrets/prod.yaml:3',
    ]);
    for (const args of [
      ['scan', '.'],
      ['scan', '--history'],
    ])
      expect(repo.hookguard(args).stdout).not.toContain(plain);
  });

  it('references to secret stores are never reported; secret findings name the store the repository uses', () => {
    const repo = Repo.init();
    repo.commit('uses vault', {
      'group_vars/all.yml': `db_password: ${VAULTED}api_password: "{{ lookup('hashi_vault', 'secret=kv/data/app:password') }}"\n`,
      'template.yaml':
        "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      StorageEncrypted: true\n      MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'\n",
      '.env.prod': 'DB_PASSWORD=vault:secret/data/db#password\n',
    });
    const r = repo.json(['scan', '.', '--fail-on', 'low']);
    expect(r.report.findings.filter((f) => f.category === 'secret' || /SECRET|ENV-00/.test(f.ruleId))).toEqual([]);
    repo.write(
      'app.py',
      `token = "${fakeGithubToken()}"\ndb = "postgres://app:${'Zq8vLm2R' + 't5Kp9Wx3'}@db.internal/app"\n`,
    );
    repo.git('add', '-A');
    const s = repo.json(['scan', '--staged']);
    expect(s.code).toBe(1);
    const f = s.report.findings.find((x) => x.ruleId === 'postgres-connection-url') as
      { remediation?: string } | undefined;
    expect(f?.remediation).toContain('This repository already uses');
    expect(f?.remediation).toContain('Ansible Vault');
    expect(f?.remediation).toContain('HashiCorp Vault');
    // A provider's token is revoked and kept out of the repository: no store is offered for it.
    const t = s.report.findings.find((x) => x.ruleId === 'github-pat') as { remediation?: string } | undefined;
    expect(t?.remediation).toMatch(/keep it out of the repository\.$/);
  });

  it('stores declared only by test fixtures or docs are not "in use": no mode names them in remediation', () => {
    const repo = Repo.init();
    repo.commit('fixtures that declare stores', {
      'test/fixtures/crypt/.gitattributes': 'secret.env filter=git-crypt diff=git-crypt\n',
      'test/fixtures/vault/group_vars/all.yml': `db_password: ${VAULTED}`,
      'docs/vault.yml': `api_password: "{{ lookup('hashi_vault', 'secret=kv/app') }}"\n`,
    });
    repo.commit('a password', { 'app.py': `db = "postgres://app:${'Zq8vLm2R' + 't5Kp9Wx3'}@db.internal/app"\n` });
    const rule = 'postgres-connection-url';
    for (const args of [
      ['scan', '.'],
      ['scan', '--history'],
      ['scan', '--diff', 'HEAD~1..HEAD'],
    ]) {
      const r = repo.json(args);
      const f = r.report.findings.find((x) => x.ruleId === rule) as { remediation?: string } | undefined;
      expect(f, args.join(' ')).toBeDefined();
      expect(f?.remediation, args.join(' ')).not.toContain('already uses');
    }
    // The same declaration at the root is the repository's own: named.
    repo.commit('real git-crypt', { '.gitattributes': 'secrets/** filter=git-crypt diff=git-crypt\n' });
    const h = repo.json(['scan', '--history']);
    const f = h.report.findings.find((x) => x.ruleId === rule) as { remediation?: string } | undefined;
    expect(f?.remediation).toContain('This repository already uses git-crypt');
  });
});
