/**
 * Issue 32, round three: findings judged by what the values say and by the context they sit in (severity of
 * placeholders, conditions off by default, duplicate keys). Exact lines and severities.
 */
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../../src/rules/cloudformation/index.js';

const of = (text: string, id: string) =>
  lintTemplate(text)
    .findings.filter((f) => f.ruleId === id)
    .map((f) => [f.line, f.severity]);

const lines = (...l: string[]) => [...l, ''].join('\n');

describe('literal secrets', () => {
  it('a placeholder password is low, a type name is nothing, a real-looking value is critical', () => {
    const real = 'Pr0d-' + 'x7Qz'.repeat(3);
    const text = lines(
      'Resources:',
      '  A:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      MasterUserPassword: changeme',
      '  B:',
      '    Type: AWS::SecretsManager::Secret',
      '    Properties:',
      '      SecretString: String',
      '  C:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      `      MasterUserPassword: ${real}`,
    );
    expect(of(text, 'CFN-CRED-006')).toEqual([
      [5, 'low'],
      [13, 'critical'],
    ]);
    const msg = lintTemplate(text)
      .findings.map((f) => f.message)
      .join('\n');
    expect(msg).not.toContain(real);
  });

  it("an IAM user's login password is CFN-CRED-003's, reported once", () => {
    const text = lines(
      'Resources:',
      '  U:',
      '    Type: AWS::IAM::User',
      '    Properties:',
      '      LoginProfile:',
      '        Password: ' + 'Init-' + 'k9'.repeat(5),
    );
    expect(of(text, 'CFN-CRED-003')).toEqual([[6, 'critical']]);
    expect(of(text, 'CFN-CRED-006')).toEqual([]);
  });
});

describe('conditions evaluated with the parameter defaults', () => {
  const bucketPolicy = (param: string) =>
    lines(
      'Parameters:',
      '  PublicAccess:',
      '    Type: String',
      ...(param ? [`    Default: "${param}"`] : []),
      'Conditions:',
      '  HasPublicAccess: !Equals [!Ref PublicAccess, "true"]',
      'Resources:',
      '  Site:',
      '    Type: AWS::S3::Bucket',
      '  SitePolicy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: !Ref Site',
      '      PolicyDocument:',
      '        Statement:',
      '          - !If',
      '            - HasPublicAccess',
      '            - Effect: Allow',
      '              Principal: "*"',
      '              Action: s3:GetObject',
      '              Resource: !Sub "${Site.Arn}/*"',
      '            - !Ref AWS::NoValue',
    );

  it('a branch the defaults leave off is low and names the condition', () => {
    const text = bucketPolicy('false');
    expect(of(text, 'CFN-S3-004')).toEqual([[19, 'low']]);
    const f = lintTemplate(text).findings.find((x) => x.ruleId === 'CFN-S3-004')!;
    expect(f.message).toContain('only when HasPublicAccess is true');
  });

  it('a branch the defaults take keeps its severity', () => {
    expect(of(bucketPolicy('true'), 'CFN-S3-004')).toEqual([[19, 'high']]);
  });

  it('a condition the defaults cannot decide is never blocking', () => {
    const text = bucketPolicy('');
    expect(of(text, 'CFN-S3-004')).toEqual([[18, 'low']]);
    expect(lintTemplate(text).findings.find((x) => x.ruleId === 'CFN-S3-004')!.message).toContain(
      'depends on parameters without defaults',
    );
  });

  it('And/Or/Not and !Condition, the else branch, and a resource Condition', () => {
    const text = lines(
      'Parameters:',
      '  Env: { Type: String, Default: dev }',
      '  Bastion: { Type: String, Default: "no" }',
      'Conditions:',
      '  IsProd: !Equals [!Ref Env, prod]',
      '  NotProd: !Not [!Condition IsProd]',
      '  WantsBastion: !Equals [!Ref Bastion, "yes"]',
      '  BastionOutsideProd: !And [!Condition NotProd, !Condition WantsBastion]',
      '  Anything: !Or [!Condition IsProd, !Condition WantsBastion]',
      'Resources:',
      '  BastionSg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Condition: BastionOutsideProd',
      '    Properties:',
      '      GroupDescription: bastion',
      '      VpcId: vpc-1',
      '      SecurityGroupIngress:',
      '        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }',
      '  AppSg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: app',
      '      VpcId: vpc-1',
      '      SecurityGroupIngress:',
      '        - IpProtocol: tcp',
      '          FromPort: 3389',
      '          ToPort: 3389',
      '          CidrIp: !If [IsProd, 10.0.0.0/8, 0.0.0.0/0]',
      '        - IpProtocol: tcp',
      '          FromPort: 22',
      '          ToPort: 22',
      '          CidrIp: !If [Anything, 0.0.0.0/0, 10.0.0.0/8]',
    );
    // BastionSg: its Condition is false with the defaults → low. AppSg line 28: the else branch is the default → high.
    // Line 32: Anything is false (dev, no bastion), so its 0.0.0.0/0 branch is off → low.
    expect(of(text, 'CFN-SG-001')).toEqual([
      [18, 'low'],
      [28, 'high'],
      [32, 'low'],
    ]);
  });

  it('reads the long forms (JSON) the same way', () => {
    const text = JSON.stringify(
      {
        Parameters: { PublicAccess: { Type: 'String', Default: 'false' } },
        Conditions: { HasPublicAccess: { 'Fn::Equals': [{ Ref: 'PublicAccess' }, 'true'] } },
        Resources: {
          Q: {
            Type: 'AWS::SQS::QueuePolicy',
            Properties: {
              Queues: ['q'],
              PolicyDocument: {
                Statement: [
                  {
                    'Fn::If': [
                      'HasPublicAccess',
                      { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' },
                      { Ref: 'AWS::NoValue' },
                    ],
                  },
                ],
              },
            },
          },
        },
      },
      null,
      2,
    );
    const sqs = lintTemplate(text).findings.filter((f) => f.ruleId === 'CFN-SQS-001');
    expect(sqs.length).toBeGreaterThan(0);
    for (const f of sqs) {
      expect(f.severity).toBe('low');
      expect(f.message).toContain('HasPublicAccess');
    }
  });

  it('a resource whose condition cannot be decided keeps its severity', () => {
    const text = lines(
      'Parameters:',
      '  Bastion: { Type: String }',
      'Conditions:',
      '  WantsBastion: !Equals [!Ref Bastion, "yes"]',
      'Resources:',
      '  BastionSg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Condition: WantsBastion',
      '    Properties:',
      '      GroupDescription: bastion',
      '      VpcId: vpc-1',
      '      SecurityGroupIngress:',
      '        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }',
    );
    expect(of(text, 'CFN-SG-001')).toEqual([[13, 'high']]);
  });
});
