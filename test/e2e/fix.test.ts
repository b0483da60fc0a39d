/**
 * `hookguard fix` through the real CLI in temp git repositories (issue 27): findings gone after the fix and no new one,
 * the file still parses, --dry-run changes nothing and prints the diff, --staged re-stages only a file whose working
 * tree equals the index, secrets are never rewritten, running it twice changes nothing, exit codes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGithubToken } from '../../scripts/fakes.mjs';
import { cleanup, Repo } from '../helpers.js';

afterAll(cleanup);

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  # audit logs, kept for a year
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-audit-logs
      PublicAccessBlockConfiguration:
        BlockPublicAcls: false
        BlockPublicPolicy: true
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      MasterUsername: app
      MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}'
      StorageEncrypted: false
      PubliclyAccessible: true
`;

const PLAY = `- hosts: web
  tasks:
    - name: installer
      ansible.builtin.get_url:
        url: https://vendor.example/install.sh
        dest: /tmp/install.sh
        validate_certs: false
`;

describe('hookguard fix', () => {
  it('fixes what is safe, checks the result, and is idempotent; --dry-run shows the diff and writes nothing', () => {
    const repo = Repo.init();
    repo.commit('init', { 'infra/stack.yaml': TEMPLATE, 'ansible/site.yml': PLAY });
    const before = repo.json(['scan', '.']).report.findings;
    const fixable = ['CFN-RDS-001', 'CFN-RDS-003', 'CFN-S3-003', 'ANS-TLS-001'];
    for (const id of fixable) expect(before.map((f) => f.ruleId)).toContain(id);

    const dry = repo.hookguard(['fix', '--dry-run']);
    expect(dry.stdout).toContain('--- a/infra/stack.yaml');
    expect(dry.stdout).toContain('+      StorageEncrypted: true');
    expect(dry.stdout).toContain('-      StorageEncrypted: false');
    expect(readFileSync(path.join(repo.dir, 'infra/stack.yaml'), 'utf8')).toBe(TEMPLATE);

    const r = repo.hookguard(['fix']);
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toContain('infra/stack.yaml: ');
    const after = repo.json(['scan', '.']).report.findings;
    for (const id of fixable) expect(after.map((f) => f.ruleId)).not.toContain(id);
    // No new blocking finding; a new one below the threshold is named (here: encrypted with the AWS-managed key).
    const had = new Set(before.map((f) => `${f.ruleId} ${f.file}`));
    const fresh = after.filter((f) => !had.has(`${f.ruleId} ${f.file}`));
    expect(fresh.filter((f) => ['critical', 'high'].includes(f.severity))).toEqual([]);
    for (const f of fresh) expect(r.stderr).toContain(`now shows ${f.ruleId}`);
    // The four settings of the public access block, in order.
    expect(readFileSync(path.join(repo.dir, 'infra/stack.yaml'), 'utf8')).toContain(
      '        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n',
    );
    // The comment and everything not fixed is still there.
    const fixed = readFileSync(path.join(repo.dir, 'infra/stack.yaml'), 'utf8');
    expect(fixed).toContain('  # audit logs, kept for a year\n');
    expect(fixed).toContain("MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}'");
    expect(readFileSync(path.join(repo.dir, 'ansible/site.yml'), 'utf8')).toContain('validate_certs: true');
    // Twice: nothing changes the second time.
    const again = repo.hookguard(['fix']);
    expect(readFileSync(path.join(repo.dir, 'infra/stack.yaml'), 'utf8')).toBe(fixed);
    expect(again.stdout).not.toContain('infra/stack.yaml: ');
    // scan --fix is the same command; --rule limits it.
    expect(repo.hookguard(['scan', '--fix', '--bogus']).code).toBe(2);
  });

  it('--staged fixes and re-stages a file equal to the index; a file with unstaged changes is left alone', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    repo.write('stack.yaml', TEMPLATE);
    repo.git('add', 'stack.yaml');
    const blocked = repo.hookguard(['scan', '--staged']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/have a safe automatic fix: hookguard fix --staged/);
    const r = repo.hookguard(['fix', '--staged', '--rule', 'CFN-RDS-003']);
    expect(r.stdout).toContain('stack.yaml: CFN-RDS-003');
    // The fix is in the index, and only that rule's.
    const staged = repo.git('show', ':stack.yaml');
    expect(staged).toContain('PubliclyAccessible: false');
    expect(staged).toContain('StorageEncrypted: false');

    repo.write('stack.yaml', TEMPLATE + '# work in progress\n');
    const refused = repo.hookguard(['fix', '--staged']);
    expect(refused.stderr).toContain('stack.yaml has unstaged changes; not fixed');
    expect(readFileSync(path.join(repo.dir, 'stack.yaml'), 'utf8')).toBe(TEMPLATE + '# work in progress\n');
  });

  it('--staged fixes only what the change brings; --no-baseline also fixes what a baseline accepts', () => {
    const repo = Repo.init();
    repo.commit('init', { 'stack.yaml': TEMPLATE });
    // The commit adds a second bucket with its own problem; the committed Db and Logs are not part of it.
    const added = TEMPLATE + '  Assets:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n';
    repo.write('stack.yaml', added);
    repo.git('add', 'stack.yaml');
    const r = repo.hookguard(['fix', '--staged']);
    expect([0, 1]).toContain(r.code);
    const staged = repo.git('show', ':stack.yaml');
    expect(staged).not.toContain('AccessControl: PublicRead');
    // The resources the commit did not touch are as committed (their findings are existing ones, not this change's).
    expect(staged).toContain('      StorageEncrypted: false\n      PubliclyAccessible: true\n');
    expect(staged).toContain('        BlockPublicAcls: false\n');

    // A baseline accepts the committed findings: fix leaves them, unless --no-baseline.
    repo.git('reset', '-q', '--hard');
    expect(repo.hookguard(['baseline']).code).toBe(0);
    expect(repo.hookguard(['fix', '--dry-run']).stdout).not.toContain('StorageEncrypted: true');
    const all = repo.hookguard(['fix', '--dry-run', '--no-baseline']);
    expect(all.stdout).toContain('+      StorageEncrypted: true');
  });

  it('never rewrites a secret: it prints the rotation steps, masked, and exits 1', () => {
    const repo = Repo.init();
    const token = fakeGithubToken();
    repo.commit('init', { 'deploy.env': `GITHUB_TOKEN=${token}\n` });
    const r = repo.hookguard(['fix']);
    expect(r.code).toBe(1);
    expect(readFileSync(path.join(repo.dir, 'deploy.env'), 'utf8')).toBe(`GITHUB_TOKEN=${token}\n`);
    expect(r.stdout).toMatch(/a secret is not fixed by editing it/);
    expect(r.stdout + r.stderr).not.toContain(token);
    const ex = repo.hookguard(['explain', 'CFN-RDS-001']);
    expect(ex.stdout).toMatch(/Automatic fix: yes — hookguard fix sets StorageEncrypted: true/);
    expect(repo.hookguard(['explain', 'github-pat']).stdout).toMatch(/Automatic fix: never/);
    // A rule without a fix says why not.
    expect(repo.hookguard(['explain', 'CFN-SG-008']).stdout).toMatch(
      /Automatic fix: no — a rule’s description says who/,
    );
  });
});

describe('hookguard fix where one fix brings another finding of a rule it also fixes', () => {
  it('keeps the file and fixes the new finding in the next round (KMS-003 on a database RDS-001 just encrypted)', () => {
    const repo = Repo.init();
    const tpl = `Resources:
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      StorageEncrypted: true
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: false
`;
    repo.commit('stack', { 'stack.yaml': tpl });
    const before = repo.json(['scan', '.']).report.findings;
    expect(before.filter((f) => f.ruleId === 'CFN-KMS-003').map((f) => f.line)).toEqual([2]);
    const r = repo.hookguard(['fix', '--rule', 'CFN-KMS-003', '--rule', 'CFN-RDS-001']);
    expect(r.stderr).not.toMatch(/put back/);
    const fixed = readFileSync(path.join(repo.dir, 'stack.yaml'), 'utf8');
    expect(fixed).toContain('      StorageEncrypted: true\n      KmsKeyId: !Ref DataKmsKeyArn\n  Db:');
    expect(fixed).toMatch(/Engine: postgres\n {6}StorageEncrypted: true\n {6}KmsKeyId: !Ref DataKmsKeyArn\n$/);
    const after = repo.json(['scan', '.']).report.findings.map((f) => f.ruleId);
    expect(after).not.toContain('CFN-KMS-003');
    expect(after).not.toContain('CFN-RDS-001');
    repo.hookguard(['fix', '--rule', 'CFN-KMS-003', '--rule', 'CFN-RDS-001']);
    expect(readFileSync(path.join(repo.dir, 'stack.yaml'), 'utf8')).toBe(fixed);
  });
});

describe("hookguard fix where the value is the team's decision (issue 27)", () => {
  it('an open SSH rule becomes a parameter without default; the rescan finds it gone and nothing new blocking', () => {
    const repo = Repo.init();
    repo.commit('stack', {
      'infra/bastion.yaml': `Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      VpcId: vpc-0a1b2c3d
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
          Description: ssh
`,
      'site.yml': `- hosts: bastion
  tasks:
    - name: bastion group
      amazon.aws.ec2_security_group:
        name: bastion
        description: bastion
        rules:
          - proto: tcp
            ports: [22]
            cidr_ip: 0.0.0.0/0
`,
    });
    const before = repo.json(['scan', '.']).report.findings.map((f) => f.ruleId);
    expect(before).toContain('CFN-SG-001');
    expect(before).toContain('ANS-AWS-001');
    const r = repo.hookguard(['fix']);
    expect(r.stderr).not.toMatch(/put back/);
    expect(r.stdout).toMatch(/infra\/bastion\.yaml: CFN-SG-001 \(the world CIDR to !Ref AdminAccessCidr/);
    expect(r.stdout).toMatch(/site\.yml: ANS-AWS-001 \(the world CIDR to "\{\{ admin_cidr \}\}"/);
    const tpl = readFileSync(path.join(repo.dir, 'infra/bastion.yaml'), 'utf8');
    expect(tpl).toContain('CidrIp: !Ref AdminAccessCidr\n');
    expect(tpl).toMatch(/^Parameters:\n {2}AdminAccessCidr:\n {4}Type: String\n {4}Description: /);
    expect(tpl).not.toMatch(/Default/);
    const after = repo.json(['scan', '.']).report.findings.map((f) => f.ruleId);
    expect(after).not.toContain('CFN-SG-001');
    expect(after).not.toContain('ANS-AWS-001');
    // Nothing appeared that the fix brought in.
    expect(after.filter((id) => !before.includes(id))).toEqual([]);
    // A second run changes nothing.
    repo.hookguard(['fix']);
    expect(readFileSync(path.join(repo.dir, 'infra/bastion.yaml'), 'utf8')).toBe(tpl);
  });
});

describe('the blocked commit names hookguard fix --staged only for what it would fix', () => {
  it('not for a prod parameter file line, nor for a Jinja value; yes for a literal it can set', () => {
    const repo = Repo.init();
    repo.commit('init', {
      'infra/app.yaml': `Parameters:
  AdminCidr:
    Type: String
    Default: 10.40.0.0/16
Resources:
  BastionSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr, Description: ssh}
`,
      'infra/params/prod.json': '[{ "ParameterKey": "AdminCidr", "ParameterValue": "0.0.0.0/0" }]\n',
      'ansible/inventories/dev/group_vars/all.yml': 'api_validate_certs: false\n',
    });
    // A template-only change: the blocking finding is prod's, at the parameter file's line (no fix edits that).
    repo.write(
      'infra/app.yaml',
      readFileSync(path.join(repo.dir, 'infra/app.yaml'), 'utf8') +
        '        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: !Ref AdminCidr, Description: rdp}\n',
    );
    repo.git('add', 'infra/app.yaml');
    const cfn = repo.hookguard(['scan', '--staged']);
    expect(cfn.code).toBe(1);
    expect(cfn.stdout).toContain('in prod: RDP (port 3389)');
    expect(cfn.stderr).not.toMatch(/safe automatic fix/);
    // hookguard fix says why, once per line, in the environment's terms.
    const why = repo.hookguard(['fix', '--staged', '--dry-run']).stderr;
    const lines = why.split('\n').filter((l) => l.includes('infra/params/prod.json:1 CFN-SG-001 not fixed'));
    expect(lines).toEqual([
      "hookguard fix: infra/params/prod.json:1 CFN-SG-001 not fixed: the value is set for this environment here and opens infra/app.yaml:11, infra/app.yaml:12; which value it needs is the team's decision: change it in infra/params/prod.json",
    ]);
    repo.git('reset', '-q', '--hard');

    // A task whose validate_certs comes from the inventory: the fix leaves it (the value is set elsewhere).
    const play = `- hosts: web
  tasks:
    - name: register
      ansible.builtin.uri:
        url: https://payments.example.com/v2/merchants
        validate_certs: "{{ api_validate_certs }}"
`;
    repo.write('ansible/site.yml', play);
    repo.git('add', 'ansible/site.yml');
    const jinja = repo.hookguard(['scan', '--staged']);
    expect(jinja.code).toBe(1);
    expect(jinja.stdout).toContain('ANS-TLS-001');
    expect(jinja.stderr).not.toMatch(/safe automatic fix/);

    // The same task with the literal: the hint is given, and the fix it names clears it.
    repo.write('ansible/site.yml', play.replace('"{{ api_validate_certs }}"', 'false'));
    repo.git('add', 'ansible/site.yml');
    expect(repo.hookguard(['scan', '--staged']).stderr).toMatch(/1 of these has a safe automatic fix/);
    repo.hookguard(['fix', '--staged']);
    expect(repo.hookguard(['scan', '--staged']).code).toBe(0);
  });
});

describe('hookguard fix --rule naming a rule without a fix', () => {
  it('says so with the reason instead of a silent "0 files fixed"', () => {
    const repo = Repo.init();
    const t =
      'Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n';
    repo.commit('init', { 'infra/search.yaml': t });
    const r = repo.hookguard(['fix', '--rule', 'CFN-ES-005', '--dry-run']);
    expect(r.stderr).toContain(
      'hookguard fix: CFN-ES-005 has no automatic fix — a domain cannot move from a public endpoint into a VPC',
    );
    expect(readFileSync(path.join(repo.dir, 'infra/search.yaml'), 'utf8')).toBe(t);
  });
});
