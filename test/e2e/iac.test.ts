import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, Repo } from '../helpers.js';

afterAll(cleanup);

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: vpc-0abc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
          Description: admin access
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      ManageMasterUserPassword: true
      StorageEncrypted: true
      KmsKeyId: alias/app-data
      EnableIAMDatabaseAuthentication: true
      BackupRetentionPeriod: 7
      DeletionProtection: true
      MultiAZ: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: true
      DelaySeconds: 0
`;

describe('IaC findings in git modes block only where the change touches them', () => {
  it('an old open SSH rule is existing (not blocking) when another resource changes', () => {
    const repo = Repo.init();
    repo.commit('legacy template', { 'infra/stack.yaml': TEMPLATE });
    repo.write('infra/stack.yaml', TEMPLATE.replace('DelaySeconds: 0', 'DelaySeconds: 5'));
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.existing.map((f) => [f.ruleId, f.line])).toEqual([['CFN-SG-001', 12]]);
    const text = repo.hookguard(['scan', '--staged']).stdout;
    expect(text).toMatch(/Existing problems in the files you touched/);
  });

  it('a hook sums up minor existing problems per file instead of listing them at every commit; --verbose lists them', () => {
    const repo = Repo.init();
    const tpl = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 0\n`;
    repo.commit('legacy', { 'infra/s.yaml': tpl });
    repo.write('infra/s.yaml', tpl.replace('DelaySeconds: 0', 'DelaySeconds: 5'));
    repo.git('add', '-A');
    const { report } = repo.json(['scan', '--staged']);
    const minor = report.existing.filter((f) => f.severity !== 'high' && f.severity !== 'critical');
    expect(minor.length).toBeGreaterThan(0);
    const text = repo.hookguard(['scan', '--staged']).stdout;
    expect(text).toMatch(
      new RegExp(`infra/s\\.yaml: ${minor.length} more existing problems? \\(.*\\); --verbose lists`),
    );
    expect(text).not.toContain(minor[0]!.ruleId);
    const verbose = repo.hookguard(['scan', '--staged', '--verbose']).stdout;
    expect(verbose).toContain(minor[0]!.ruleId);
    // A directory scan lists everything, as before.
    expect(repo.hookguard(['scan', 'infra']).stdout).toContain(minor[0]!.ruleId);
  });

  it('touching the resource makes its finding blocking; deleting a line counts as touching it', () => {
    const repo = Repo.init();
    repo.commit('legacy template', { 'infra/stack.yaml': TEMPLATE });
    // Remove StorageEncrypted from the database: a pure deletion inside the resource.
    repo.write('infra/stack.yaml', TEMPLATE.replace('      StorageEncrypted: true\n', ''));
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['CFN-RDS-001']);
    expect(report.findings[0]!.line).toBe(14);
    expect(report.existing.map((f) => f.ruleId)).toEqual(['CFN-SG-001']);
  });

  it('a new template blocks in full; pre-push and --diff apply the same rule per commit', () => {
    const repo = Repo.init();
    const base = repo.commit('init', { 'README.md': 'x\n' });
    repo.commit('template', { 'cfn/stack': TEMPLATE }); // any file name: detected by content
    const { code, report } = repo.json(['scan', '--diff', `${base}..HEAD`]);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.ruleId])).toEqual([['cfn/stack', 'CFN-SG-001']]);
    expect(report.findings[0]!.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('resource Metadata suppressions are honoured and recorded; a malformed template is reported and the scan goes on', () => {
    const repo = Repo.init();
    const suppressed = TEMPLATE.replace(
      '    Type: AWS::EC2::SecurityGroup\n',
      '    Type: AWS::EC2::SecurityGroup\n    Metadata:\n      hookguard:\n        suppress:\n          - rule: CFN-SG-001\n            reason: bastion behind the VPN\n',
    );
    repo.write('a.yaml', suppressed);
    repo.write(
      'b.yaml',
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  X:\n    Type: AWS::S3::Bucket\n    Properties: [unclosed\n",
    );
    repo.write('c.yaml', TEMPLATE);
    const { code, report } = repo.json(['scan', '.']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.ruleId])).toEqual([['c.yaml', 'CFN-SG-001']]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        file: 'a.yaml',
        ruleId: 'CFN-SG-001',
        by: 'metadata',
        reason: 'bastion behind the VPN',
      }),
    ]);
    expect(report.errors.map((e) => e.file)).toEqual(['b.yaml']);
  });
});

describe('a misspelt security property (CFN-PROP-001, issue 28)', () => {
  it('is reported at medium in the staged template, and blocks at --fail-on medium', () => {
    const repo = Repo.init();
    repo.commit('template', { 'infra/stack.yaml': TEMPLATE });
    repo.write('infra/stack.yaml', TEMPLATE.replace('SqsManagedSseEnabled: true', 'SqsManagedSseEnable: true'));
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged', '--fail-on', 'medium']);
    expect(code).toBe(1);
    const f = report.findings.filter((x) => x.ruleId === 'CFN-PROP-001');
    expect(f.map((x) => [x.severity, x.line])).toEqual([['medium', 29]]);
    expect(f[0]!.message).toContain('did you mean SqsManagedSseEnabled?');
  });
});
