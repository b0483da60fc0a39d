/** Parsing and resolution edge cases: JSON, short and long intrinsic forms, unknowns, malformed input, detection. */
import { describe, expect, it } from 'vitest';
import { parseTemplate, UNKNOWN } from '../../../src/parse/cloudformation.js';
import { family } from '../../../src/rules/cloudformation/index.js';
import { looksLikeCloudFormation } from '../../../src/rules/cloudformation/detect.js';
import { lint, linesOf, read } from './helpers.js';

describe('JSON templates', () => {
  const text = read('parse/template.json');

  it('are linted with positions from the parsed nodes', () => {
    const res = lint(text);
    expect(res.matched).toBe(true);
    expect(res.errors).toEqual([]);
    const ssh = res.findings.filter((f) => f.ruleId === 'CFN-SG-001');
    expect(ssh.map((f) => f.line)).toEqual([13, 15]);
    // The first finding points at the "CidrIp" key on line 13.
    const line13 = text.split('\n')[12]!;
    expect(ssh[0]!.column).toBe(line13.indexOf('"CidrIp"') + 1);
  });

  it('resolve Ref to a parameter Default and say so', () => {
    const f = lint(text).findings.find((x) => x.ruleId === 'CFN-SG-001' && x.line === 13)!;
    expect(f.why).toBe('Default of parameter AdminCidr');
    expect(f.message).toContain('Default of parameter AdminCidr');
    expect(f.path).toBe('Resources.Ssh.Properties.SecurityGroupIngress[0].CidrIp');
    expect(f.scope).toEqual([7, 18]);
  });

  it('check both branches of Fn::If and resolve Fn::Join of literals', () => {
    expect(linesOf(text, 'CFN-SG-001')).toContain(15);
  });

  it('mark literal passwords as secret with the exact value range', () => {
    const f = lint(text).findings.find((x) => x.ruleId === 'CFN-CRED-006')!;
    expect(f.secret).toBe(true);
    const line = text.split('\n')[f.line - 1]!;
    expect(line.slice(f.column - 1, f.endColumn - 1)).toBe('Sup3rSecretPassw0rd!');
  });
});

describe('intrinsic functions (YAML short form)', () => {
  const text = read('parse/intrinsics.yaml');

  it('resolve what can be resolved and leave unknowns alone', () => {
    // 30 Ref→Default (port too), 38 Join, 42 Select of a CommaDelimitedList default, 46 FindInMap,
    // 50 Select+Split, 74 Sub with a literal variable map, 77 one !If branch.
    // Not: 34 ${Prefix} (unknown), 54 Ref without Default, 58 ImportValue, 62 GetAtt, 66 {{resolve:…}},
    // 70 ${AWS::Region}.
    expect(linesOf(text, 'CFN-SG-001')).toEqual([30, 38, 42, 46, 50, 74, 77]);
  });

  it('give values with reasons through the template model', () => {
    const { template: t } = parseTemplate(text);
    const sg = t!.resource('Sg')!;
    const items = t!.items(t!.get(sg.props, 'SecurityGroupIngress'));
    expect(t!.values(t!.get(items[0], 'FromPort'))).toEqual([{ value: 22, why: 'Default of parameter OpenPort' }]);
    expect(t!.values(t!.get(items[6], 'CidrIp'))).toEqual([
      { value: UNKNOWN, why: 'parameter Unknown has no Default' },
    ]);
    expect(t!.values(t!.get(items[9], 'CidrIp'))[0]!.value).toBe(UNKNOWN);
    // The NoValue branch of !If yields nothing, the other branch its map.
    expect(items.length).toBe(13);
  });

  it('treat the long forms like the short ones', () => {
    const long = `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      VpcId: vpc-1
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp:
            Fn::Sub: '0.0.0.0/\${Bits}'
Parameters:
  Bits:
    Type: String
    Default: '0'
`;
    expect(linesOf(long, 'CFN-SG-001')).toEqual([11]);
  });
});

describe('malformed input', () => {
  it('reports invalid YAML with a line and no content, without throwing', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      MasterUserPassword: "Sup3rSecretPassw0rd!
      Engine: [postgres
`;
    const res = lint(text);
    expect(res.matched).toBe(true);
    expect(res.findings).toEqual([]);
    expect(res.errors.length).toBeGreaterThan(0);
    expect(res.errors[0]!.line).toBeGreaterThan(0);
    for (const e of res.errors) expect(e.message).not.toContain('Sup3rSecret');
  });

  it('reads duplicate keys as CloudFormation does (the later wins), reports them as a finding and still checks', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Bucket:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
`;
    const res = lint(text);
    expect(res.matched).toBe(true);
    expect(res.errors).toEqual([]);
    const dup = res.findings.filter((f) => f.ruleId === 'CFN-TPL-001');
    expect(dup.map((f) => f.line)).toEqual([5]);
    expect(dup[0]!.message).toContain('first on line 3');
    // The later Bucket (a queue) is the one deployed, and it is checked.
    expect(res.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['CFN-TPL-001', 5],
      ['CFN-SQS-002', 8],
    ]);
  });

  it('reports a Type that is not a string and lints the other resources', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Weird:
    Type: [AWS::S3::Bucket]
  NoType:
    Properties: {}
  Site:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
`;
    const res = lint(text);
    expect(res.errors).toEqual([
      { line: 4, message: 'resource Weird: Type must be a string' },
      { line: 5, message: 'resource NoType has no Type' },
    ]);
    expect(linesOf(text, 'CFN-S3-002')).toEqual([10]);
  });

  it('handles empty and scalar documents', () => {
    expect(lint('').matched).toBe(false);
    expect(lint('just a string').matched).toBe(false);
    expect(lint('- a\n- b\n').matched).toBe(false);
  });
});

describe('template detection', () => {
  it('leaves non-template YAML alone', () => {
    const k8s = `apiVersion: v1
kind: ConfigMap
metadata: { name: x }
data:
  Type: AWS::S3::Bucket
`;
    const playbook = `- hosts: all
  tasks:
    - name: create bucket
      amazon.aws.s3_bucket: { name: b }
`;
    const compose = `services:\n  web:\n    image: nginx\n`;
    for (const text of [k8s, playbook, compose])
      expect(family.lint('x.yaml', text)).toEqual({ matched: false, findings: [], errors: [] });
  });

  it('recognises templates by content, whatever the file name', () => {
    const sam = `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: src/, Handler: a.b, Runtime: python3.12 }\n`;
    expect(family.lint('stack', sam).matched).toBe(true);
    expect(parseTemplate(sam).template!.sam).toBe(true);
    expect(looksLikeCloudFormation('infra/stack', sam)).toBe(true);
    expect(looksLikeCloudFormation('cfn/network.template', read('parse/intrinsics.yaml'))).toBe(true);
    expect(looksLikeCloudFormation('t.json', read('parse/template.json'))).toBe(true);
    expect(looksLikeCloudFormation('README.md', sam)).toBe(false);
    expect(looksLikeCloudFormation('app.yaml', 'name: x\n')).toBe(false);
  });
});
