/**
 * Environment parity on realistic repositories (issue 24, "configured identically, with different passwords"): a
 * Spring app with application-{env}.yml/.properties, `.env.development`/`.env.production`, Ansible
 * inventories/{dev,qa,prod}, CloudFormation parameter files, Terraform tfvars — through the real CLI in temp git repos.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ALNUM, rand } from '../../scripts/fakes.mjs';
import { cleanup, leaks, Repo, type ReportFinding } from '../helpers.js';

afterAll(cleanup);

interface Finding extends ReportFinding {
  remediation?: string;
}
interface Table {
  environments: string[];
  roles: Array<{
    role: string;
    files: Record<string, string>;
    rows: Array<{ key: string; security: boolean; cells: Record<string, { state: string; weaker?: boolean }> }>;
  }>;
}

const at = (f: ReportFinding) => `${f.ruleId} ${f.file}:${f.line}`;
const envTable = (repo: Repo) => JSON.parse(repo.hookguard(['env', '--format', 'json']).stdout) as Table;

function spring(env: string, secure: boolean): string {
  return `server:
  port: 8443
  ssl:
    enabled: ${secure}
spring:
  datasource:
    url: jdbc:postgresql://db.${env}.internal:5432/shop
security:
  csrf:
    enabled: ${secure}
auth:
  enabled: ${secure}
session:
  cookie_secure: ${secure}
app:
  tls_min_version: "${secure ? '1.2' : '1.0'}"
`;
}

describe('a Spring app whose production profile turns security off', () => {
  it('nested YAML and .properties: ENV-002 on prod only, high, fix naming prod; the table marks the prod column', () => {
    const repo = Repo.init();
    repo.write('src/main/resources/application-dev.yml', spring('dev', true));
    repo.write('src/main/resources/application-prod.yml', spring('prod', false));
    repo.write('config/application-dev.properties', 'server.ssl.enabled=true\nserver.port=8443\n');
    repo.write('config/application-prod.properties', 'server.ssl.enabled=false\nserver.port=8443\n');
    repo.commit('profiles');
    const { code, report } = repo.json(['scan', '.']);
    expect(code).toBe(1);
    const env2 = (report.findings as Finding[]).filter((f) => f.ruleId === 'ENV-002');
    expect(env2.map(at).sort()).toEqual([
      'ENV-002 config/application-prod.properties:1',
      'ENV-002 src/main/resources/application-prod.yml:10',
      'ENV-002 src/main/resources/application-prod.yml:12',
      'ENV-002 src/main/resources/application-prod.yml:14',
      'ENV-002 src/main/resources/application-prod.yml:16',
      'ENV-002 src/main/resources/application-prod.yml:4',
    ]);
    for (const f of env2) {
      expect(f.severity).toBe('high');
      expect(f.message).toMatch(/is weaker in prod \(.+\) than in dev \(.+\)/);
      expect(f.remediation).toMatch(/^prod is the environment to fix: set .+ in .+-prod\.(?:yml|properties) to/);
    }
    const tls = env2.find((f) => f.line === 16)!;
    expect(tls.message).toBe('Security setting app.tls_min_version is weaker in prod (1.0) than in dev (1.2).');
    // Nothing on the secure environment's files.
    expect([...report.findings, ...report.existing].filter((f) => f.file.includes('-dev.'))).toEqual([]);

    const text = repo.hookguard(['env']).stdout;
    expect(text).toMatch(/server\.ssl\.enabled\s+DIFFERS: true\s+WEAKER: false/);
    expect(text).toMatch(/app\.tls_min_version\s+DIFFERS: 1\.2\s+WEAKER: 1\.0/);
    expect(text).not.toContain('differs (expected)');
    const role = envTable(repo).roles.find((r) => r.role === 'src/main/resources/application-{env}.yml')!;
    for (const k of ['server.ssl.enabled', 'security.csrf.enabled', 'auth.enabled', 'session.cookie_secure']) {
      const row = role.rows.find((r) => r.key === k)!;
      expect(row.security, k).toBe(true);
      expect(row.cells.prod!.weaker, k).toBe(true);
      expect(row.cells.dev!.weaker, k).toBeUndefined();
    }
    // The same setting spelled as a dotenv key is the same setting.
    repo.write('.env.development', 'SERVER_SSL_ENABLED=true\n');
    repo.write('.env.production', 'SERVER_SSL_ENABLED=false\n');
    const again = repo.json(['scan', '.env.development', '.env.production']);
    expect(again.report.findings.map(at)).toEqual(['ENV-002 .env.production:1']);
  });
});

describe('the pre-commit hook', () => {
  it('turning off validate_certs and auth_required in prod only is blocked (high); dev and qa are not blamed', () => {
    const repo = Repo.init();
    for (const env of ['dev', 'qa', 'prod'])
      repo.write(
        `inventories/${env}/group_vars/all.yml`,
        `app_name: shop\nvalidate_certs: true\napi:\n  auth_required: true\n`,
      );
    repo.commit('secure everywhere');
    expect(repo.hookguard(['init']).code).toBe(0);
    repo.write(
      'inventories/prod/group_vars/all.yml',
      `app_name: shop\nvalidate_certs: false\napi:\n  auth_required: false\n`,
    );
    repo.git('add', '-A');
    const blocked = repo.gitRun(['commit', '-q', '-m', 'prod: quick fix']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('ENV-002');
    const { report } = repo.json(['scan', '--staged']);
    expect(report.findings.map((f) => `${at(f)} ${f.severity}`)).toEqual([
      'ENV-002 inventories/prod/group_vars/all.yml:2 high',
      'ENV-002 inventories/prod/group_vars/all.yml:4 high',
    ]);
    expect((report.findings[1] as Finding).remediation).toContain(
      'prod is the environment to fix: set api.auth_required in inventories/prod/group_vars/all.yml to true, as in dev and qa',
    );
    expect(report.existing).toEqual([]);
  });
});

describe('shared, weak and embedded passwords', () => {
  it('changeme in every environment is ENV-001; in production also ENV-004; URL and connection-string passwords compare', () => {
    const repo = Repo.init();
    const redisPw = rand(ALNUM, 20);
    const sqlPw = rand(ALNUM, 18);
    for (const [env, name] of [
      ['dev', 'development'],
      ['prod', 'production'],
    ] as const) {
      repo.write(
        `.env.${name}`,
        `DB_PASSWORD=changeme\nADMIN_PASSWORD=password\nREDIS_URL=redis://:${redisPw}@redis.${env}.corp.internal:6379/0\nAPP_NAME=shop\n`,
      );
      repo.write(
        `src/Shop/appsettings.${name.charAt(0).toUpperCase()}${name.slice(1)}.json`,
        JSON.stringify(
          {
            ConnectionStrings: {
              Default: `Server=sql-${env}.corp.internal;Database=shop;User Id=shop;Password=${sqlPw};`,
            },
          },
          null,
          2,
        ) + '\n',
      );
    }
    repo.commit('environments');
    const { code, report } = repo.json(['scan', '.']);
    expect(code).toBe(1);
    const env1 = report.findings.filter((f) => f.ruleId === 'ENV-001');
    expect(env1.map(at).sort()).toEqual([
      'ENV-001 .env.development:1',
      'ENV-001 .env.development:2',
      'ENV-001 .env.development:3',
      'ENV-001 .env.production:1',
      'ENV-001 .env.production:2',
      'ENV-001 .env.production:3',
      'ENV-001 src/Shop/appsettings.Development.json:3',
      'ENV-001 src/Shop/appsettings.Production.json:3',
    ]);
    expect(env1.every((f) => f.severity === 'high')).toBe(true);
    expect(env1.find((f) => f.line === 3 && f.file === '.env.production')!.message).toContain(
      'The password inside REDIS_URL (prod) has the same value in dev',
    );
    const env4 = report.findings.filter((f) => f.ruleId === 'ENV-004');
    expect(env4.map(at)).toEqual(['ENV-004 .env.production:1', 'ENV-004 .env.production:2']);
    expect(env4.every((f) => f.severity === 'high')).toBe(true);
    const table = repo.hookguard(['env']);
    expect(table.stdout).toMatch(/DB_PASSWORD\s+SHARED SECRET\s+SHARED SECRET/);
    expect(table.stdout).toMatch(/REDIS_URL\s+SHARED SECRET\s+SHARED SECRET/);
    for (const out of [JSON.stringify(report), repo.hookguard(['scan', '.']).stdout, table.stdout])
      expect(leaks(out, [redisPw, sqlPw])).toEqual([]);

    // Distinct passwords per environment: nothing shared; a weak one outside production is not ENV-004.
    repo.write('.env.production', `DB_PASSWORD=${rand(ALNUM, 16)}\nADMIN_PASSWORD=\${ADMIN_PASSWORD}\n`);
    repo.write('.env.development', `DB_PASSWORD=changeme\nADMIN_PASSWORD=password\n`);
    const clean = repo.json(['scan', '.env.development', '.env.production']);
    expect(clean.report.findings.filter((f) => /^ENV-00[14]$/.test(f.ruleId))).toEqual([]);
  });
});

describe('CloudFormation parameter files', () => {
  it('credential-named and NoEcho parameters with literal values: ENV-005 in both file shapes, with the fix', () => {
    const repo = Repo.init();
    repo.write(
      'cfn/template.yaml',
      `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  DBPassword:
    Type: String
    NoEcho: true
  AdminCode:
    Type: String
    NoEcho: true
  InstanceType:
    Type: String
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: true
      DBInstanceClass: !Ref InstanceType
      MasterUsername: app
      MasterUserPassword: !Ref DBPassword
`,
    );
    const made: string[] = [];
    const pw = () => {
      made.push(rand(ALNUM, 6) + '-' + rand(ALNUM, 6));
      return made[made.length - 1]!;
    };
    repo.write(
      'cfn/params/prod.json',
      JSON.stringify(
        [
          { ParameterKey: 'DBPassword', ParameterValue: pw() },
          { ParameterKey: 'AdminCode', ParameterValue: pw() },
          { ParameterKey: 'InstanceType', ParameterValue: 'db.m6g.large' },
        ],
        null,
        2,
      ) + '\n',
    );
    repo.write(
      'cfn/params/dev.json',
      JSON.stringify({ Parameters: { DBPassword: pw(), AdminCode: pw(), InstanceType: 'db.t4g.micro' } }, null, 2) +
        '\n',
    );
    repo.commit('stack');
    const { code, report } = repo.json(['scan', '.']);
    expect(code).toBe(1);
    const env5 = (report.findings as Finding[]).filter((f) => f.ruleId === 'ENV-005');
    expect(env5.map(at).sort()).toEqual([
      'ENV-005 cfn/params/dev.json:3',
      'ENV-005 cfn/params/dev.json:4',
      'ENV-005 cfn/params/prod.json:4',
      'ENV-005 cfn/params/prod.json:8',
    ]);
    expect(env5.every((f) => f.severity === 'high')).toBe(true);
    expect(env5.find((f) => f.message.startsWith('Parameter AdminCode (prod)'))!.message).toContain(
      'cfn/template.yaml declares it NoEcho',
    );
    expect(env5[0]!.remediation).toContain('{{resolve:secretsmanager:');
    expect(env5[0]!.remediation).toContain('ssm-secure');
    // Both shapes compare alike: one row per parameter, no "Parameters." rows, nothing missing.
    const role = envTable(repo).roles.find((r) => r.role === 'cfn/params/{env}.json')!;
    expect(role.rows.map((r) => r.key)).toEqual(['AdminCode', 'DBPassword', 'InstanceType']);
    expect(role.rows.find((r) => r.key === 'DBPassword')!.cells.prod!.state).toBe('secret');
    // A NoEcho parameter is a secret in the table too: its value is never shown.
    expect(role.rows.find((r) => r.key === 'AdminCode')!.cells.prod!.state).toBe('secret');
    for (const out of [
      repo.hookguard(['env']).stdout,
      repo.hookguard(['env', '--format', 'markdown']).stdout,
      repo.hookguard(['scan', '.']).stdout,
      JSON.stringify(report),
    ])
      expect(leaks(out, made)).toEqual([]);
  });
});

describe('hookguard env on real layouts', () => {
  it('YAML inventories with per-host vars: no false missing rows, QA tls_verify false found (table and scan)', () => {
    const repo = Repo.init();
    for (const env of ['dev', 'qa', 'prod'])
      repo.write(
        `inventories/${env}/hosts.yml`,
        `all:
  children:
    web:
      hosts:
        web1.${env}.corp.internal:
          ansible_host: 10.0.${env.length}.11
          tls_verify: true
        web2.${env}.corp.internal:
          ansible_host: 10.0.${env.length}.12
          tls_verify: ${env === 'qa' ? 'false' : 'true'}
      vars:
        http_port: 443
`,
      );
    repo.commit('inventories');
    const t = envTable(repo);
    const role = t.roles.find((r) => r.role === 'inventories/{env}/hosts.yml')!;
    expect(role.rows.map((r) => r.key)).toEqual([
      'all.children.web.hosts.*.ansible_host',
      'all.children.web.hosts.*.tls_verify',
      'all.children.web.vars.http_port',
    ]);
    expect(role.rows.flatMap((r) => Object.values(r.cells)).filter((c) => c.state === 'missing')).toEqual([]);
    const tls = role.rows[1]!.cells;
    expect([tls.dev!.weaker, tls.qa!.weaker, tls.prod!.weaker]).toEqual([undefined, true, undefined]);
    const { report } = repo.json(['scan', '.']);
    expect(report.findings.map(at)).toEqual(['ENV-002 inventories/qa/hosts.yml:10']);
    expect(report.findings[0]!.severity).toBe('medium');
  });

  it('expectDifferent is honoured by the table; two folders of one environment are both compared', () => {
    const repo = Repo.init();
    repo.write('deploy/dev/app.yaml', 'debug: true\nmetrics_port: 9100\nverify_ssl: true\n');
    repo.write('deploy/prod/app.yaml', 'debug: false\nmetrics_port: 9100\nverify_ssl: true\n');
    repo.write('deploy/production/app.yaml', 'debug: false\nmetrics_port: 9200\nverify_ssl: false\n');
    repo.write('.hookguard.yaml', 'environments:\n  expectDifferent: [debug]\n');
    repo.commit('deploy');
    const t = envTable(repo);
    const role = t.roles.find((r) => r.role === 'deploy/{env}/app.yaml')!;
    expect(role.files).toEqual({
      dev: 'deploy/dev/app.yaml',
      prod: 'deploy/prod/app.yaml',
      'prod (2)': 'deploy/production/app.yaml',
    });
    const debug = role.rows.find((r) => r.key === 'debug')!;
    expect(Object.values(debug.cells).map((c) => c.state)).toEqual(['expected', 'expected', 'expected']);
    expect(repo.hookguard(['env']).stdout).toMatch(/debug\s+differs \(expected\)\s+differs \(expected\)/);
    const { report } = repo.json(['scan', '.', '--fail-on', 'medium']);
    // The second prod folder is compared: its weaker verify_ssl is found (high: production), debug is expected.
    // Ports have no order: every environment's file gets it (medium).
    expect(
      report.findings
        .filter((f) => f.ruleId === 'ENV-002')
        .map((f) => `${at(f)} ${f.severity}`)
        .sort(),
    ).toEqual([
      'ENV-002 deploy/dev/app.yaml:2 medium',
      'ENV-002 deploy/prod/app.yaml:2 medium',
      'ENV-002 deploy/production/app.yaml:2 medium',
      'ENV-002 deploy/production/app.yaml:3 high',
    ]);
    expect(report.findings.find((f) => f.line === 3)!.message).toContain(
      'weaker in prod (2) (false) than in dev (true) and prod (true)',
    );
  });

  it('live, sandbox, eu-prod, pre-prod and Terraform tfvars are environments', () => {
    const repo = Repo.init();
    const cfg = (open: boolean) => `storage_encrypted: true\npublicly_accessible: ${open}\n`;
    repo.write('config/sandbox.yaml', cfg(true));
    repo.write('config/pre-prod.yaml', cfg(false));
    repo.write('config/live.yaml', cfg(false));
    repo.write('config/eu-prod.yaml', cfg(true));
    repo.write(
      'terraform/env/dev.tfvars',
      'instance_type = "t3.micro"\ndeletion_protection = false\ntags = {\n  team = "shop"\n}\n',
    );
    repo.write(
      'terraform/env/prod.tfvars',
      'instance_type = "m6i.large"\ndeletion_protection = true\ntags = {\n  team = "shop"\n}\n',
    );
    repo.commit('envs');
    const t = envTable(repo);
    expect(t.environments).toEqual(['sandbox', 'dev', 'preprod', 'eu-prod', 'prod']);
    const c = t.roles.find((r) => r.role === 'config/{env}.yaml')!;
    expect(Object.keys(c.files)).toEqual(['sandbox', 'preprod', 'eu-prod', 'prod']);
    const tf = t.roles.find((r) => r.role === 'terraform/env/{env}.tfvars')!;
    expect(tf.rows.map((r) => r.key)).toEqual(['deletion_protection', 'instance_type', 'tags.team']);
    const { report } = repo.json(['scan', '.']);
    expect(report.findings.map((f) => `${at(f)} ${f.severity}`).sort()).toEqual([
      'ENV-002 config/eu-prod.yaml:2 high',
      'ENV-002 config/sandbox.yaml:2 medium',
      'ENV-002 terraform/env/dev.tfvars:2 medium',
    ]);
  });
});

describe('--history', () => {
  it('ENV findings carry the commit, author and date that wrote their line', () => {
    const repo = Repo.init();
    repo.commit('dev', { 'inventories/dev/group_vars/all.yml': 'validate_certs: true\napp_name: shop\n' });
    repo.commit('prod ok', { 'inventories/prod/group_vars/all.yml': 'validate_certs: true\napp_name: shop\n' });
    repo.write('inventories/prod/group_vars/all.yml', 'validate_certs: false\napp_name: shop\n');
    repo.git('add', '-A');
    repo.gitIn(
      {
        env: {
          GIT_AUTHOR_NAME: 'Pat Ops',
          GIT_AUTHOR_EMAIL: 'pat@example.test',
          GIT_AUTHOR_DATE: '2024-03-05T10:20:30+01:00',
        },
      },
      'commit',
      '-q',
      '--no-verify',
      '-m',
      'turn off cert checks in prod',
    );
    const sha = repo.git('rev-parse', 'HEAD');
    repo.commit('later', { 'README.md': '# shop\n' });
    const { report } = repo.json(['scan', '--history']);
    const f = report.findings.filter((x) => x.ruleId === 'ENV-002');
    expect(f.map((x) => [at(x), x.commit, x.author, x.date])).toEqual([
      ['ENV-002 inventories/prod/group_vars/all.yml:1', sha, 'Pat Ops', '2024-03-05T10:20:30+01:00'],
    ]);
  });
});
