/** Precision fixes found on real template collections: parsing, inherited settings, non-secret names, severities in context. */
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../../src/rules/cloudformation/index.js';
import { parseTemplate, reindentQuoted } from '../../../src/parse/cloudformation.js';

const of = (text: string, id: string) =>
  lintTemplate(text)
    .findings.filter((f) => f.ruleId === id)
    .map((f) => [f.line, f.severity]);

describe('parsing real templates', () => {
  it("lints every template of a multi-document YAML stream, with the file's line numbers", () => {
    const text = [
      'Resources:',
      '  A:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      SqsManagedSseEnabled: false',
      '---',
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  B:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      SqsManagedSseEnabled: false',
      '',
    ].join('\n');
    const res = lintTemplate(text);
    expect(res.errors).toEqual([]);
    expect(parseTemplate(text).templates).toHaveLength(2);
    expect(of(text, 'CFN-SQS-002').map(([l]) => l)).toEqual([5, 12]);
  });

  it("a stream whose other documents are not templates still gives the template's findings", () => {
    const text =
      'name: not a template\n---\nResources:\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n';
    expect(of(text, 'CFN-SQS-002').map(([l]) => l)).toEqual([7]);
  });

  it('reads a multi-line single-quoted string whose continuation is not indented past its key', () => {
    const text = [
      'Resources:',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      "      DisplayName: 'a long name",
      "      that goes on, it''s fine # not a comment'",
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      SqsManagedSseEnabled: false',
      '',
    ].join('\n');
    const res = lintTemplate(text);
    expect(res.errors).toEqual([]);
    expect(of(text, 'CFN-SQS-002').map(([l]) => l)).toEqual([10]);
    expect(reindentQuoted(text).split('\n')).toHaveLength(text.split('\n').length);
  });

  it('leaves valid text alone and does not mistake an apostrophe in a plain scalar for a quote', () => {
    const text = "Description: it's plain\nResources:\n  A:\n    Type: AWS::SQS::Queue\n";
    expect(reindentQuoted(text)).toBe(text);
  });
});

describe('inherited settings', () => {
  it('Aurora Serverless v1 is always encrypted: CFN-RDS-002 does not fire', () => {
    const text =
      'Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      EngineMode: serverless\n';
    expect(of(text, 'CFN-RDS-002')).toEqual([]);
  });

  it('a restore inherits encryption, but an explicit StorageEncrypted: false is still reported', () => {
    const text = [
      'Resources:',
      '  Restored:',
      '    Type: AWS::RDS::DBCluster',
      '    Properties:',
      '      Engine: aurora-postgresql',
      '      SnapshotIdentifier: snap-1',
      '  Replica:',
      '    Type: AWS::RDS::DBCluster',
      '    Properties:',
      '      Engine: aurora-postgresql',
      '      SourceDBClusterIdentifier: db-1',
      '      StorageEncrypted: false',
      '',
    ].join('\n');
    expect(of(text, 'CFN-RDS-002').map(([l]) => l)).toEqual([12]);
  });
});

describe('CFN-CRED-004 and CFN-CRED-005', () => {
  it('do not fire on parameters that are not secrets', () => {
    const text = [
      'Parameters:',
      '  ParentSecretStack:',
      '    Type: String',
      '  AllowUsersToChangePassword:',
      '    Type: String',
      '    Default: "true"',
      '    AllowedValues: ["true", "false"]',
      '  PasswordLength:',
      '    Type: Number',
      '    Default: 20',
      'Resources:',
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '',
    ].join('\n');
    expect(of(text, 'CFN-CRED-004')).toEqual([]);
    expect(of(text, 'CFN-CRED-005')).toEqual([]);
  });

  it('report a secret parameter at the property that consumes it too', () => {
    const text = [
      'Parameters:',
      '  DbPassword:',
      '    Type: String',
      '    Default: hunter2hunter2',
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBCluster',
      '    Properties:',
      '      Engine: aurora-postgresql',
      '      StorageEncrypted: true',
      '      MasterUsername: admin',
      '      MasterUserPassword: !Ref DbPassword',
      '',
    ].join('\n');
    expect(of(text, 'CFN-CRED-004').map(([l]) => l)).toEqual([2, 12]);
    expect(of(text, 'CFN-CRED-005').map(([l]) => l)).toEqual([4, 12]);
  });
});

describe('severity in context', () => {
  it('a subnet named public is public by design: info, not blocking', () => {
    const text = [
      'Resources:',
      '  PublicSubnetA:',
      '    Type: AWS::EC2::Subnet',
      '    Properties:',
      '      VpcId: vpc-1',
      '      CidrBlock: 10.0.0.0/24',
      '      MapPublicIpOnLaunch: true',
      '  AppSubnet:',
      '    Type: AWS::EC2::Subnet',
      '    Properties:',
      '      VpcId: vpc-1',
      '      CidrBlock: 10.0.1.0/24',
      '      MapPublicIpOnLaunch: true',
      '',
    ].join('\n');
    expect(of(text, 'CFN-EC2-002')).toEqual([
      [7, 'info'],
      [13, 'medium'],
    ]);
  });

  it('an allow-all NACL entry guarding private subnets is not "from the internet"', () => {
    const text = [
      'Resources:',
      '  PrivateAcl:',
      '    Type: AWS::EC2::NetworkAcl',
      '    Properties: {VpcId: vpc-1}',
      '  PrivateIn:',
      '    Type: AWS::EC2::NetworkAclEntry',
      '    Properties:',
      '      NetworkAclId: !Ref PrivateAcl',
      '      RuleNumber: 100',
      '      Protocol: -1',
      '      RuleAction: allow',
      '      CidrBlock: 0.0.0.0/0',
      '',
    ].join('\n');
    const f = lintTemplate(text).findings.filter((x) => x.ruleId === 'CFN-NACL-001');
    expect(f.map((x) => [x.line, x.severity])).toEqual([[12, 'low']]);
    expect(f[0]!.message).not.toContain('from the internet');
  });

  it('default VPC in a sample template (no VPC of its own) is info; in a template with a VPC it stays low', () => {
    const sg = '  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n';
    expect(of(`Resources:\n${sg}`, 'CFN-SG-007')).toEqual([[2, 'info']]);
    const withVpc = `Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n${sg}`;
    expect(of(withVpc, 'CFN-SG-007')).toEqual([[5, 'low']]);
  });

  it("all-traffic ingress on a load balancer's group is medium, on an instance's group critical", () => {
    const text = [
      'Resources:',
      '  LbSg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: front',
      '      VpcId: vpc-1',
      '      SecurityGroupIngress:',
      '        - {IpProtocol: "-1", CidrIp: 0.0.0.0/0}',
      '  Lb:',
      '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer',
      '    Properties:',
      '      SecurityGroups: [!GetAtt LbSg.GroupId]',
      '      Subnets: [subnet-1, subnet-2]',
      '  HostSg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: host',
      '      VpcId: vpc-1',
      '      SecurityGroupIngress:',
      '        - {IpProtocol: "-1", CidrIp: 0.0.0.0/0}',
      '',
    ].join('\n');
    expect(of(text, 'CFN-SG-003')).toEqual([
      [8, 'medium'],
      [20, 'critical'],
    ]);
  });
});

describe('messages read as English', () => {
  it('CFN-SG-008 names "an ingress" / "an egress" rule', () => {
    const text = `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}
`;
    expect(
      lintTemplate(text)
        .findings.filter((f) => f.ruleId === 'CFN-SG-008')
        .map((f) => f.message),
    ).toEqual(['Sg has an ingress rule without Description', 'Sg has an egress rule without Description']);
  });
});
