/**
 * Issue 32: templates judged per environment. A parameter file is evaluated in the template whose parameters it sets;
 * findings that appear only with its values are reported at the parameter's line, naming the environment.
 */
import { describe, expect, it } from 'vitest';
import { family, lintTemplate } from '../../../src/rules/cloudformation/index.js';
import { looksLikeParameterFile } from '../../../src/rules/cloudformation/detect.js';
import {
  environmentOf,
  readParameterFile,
  templateCandidates,
} from '../../../src/rules/cloudformation/environments.js';

const lines = (...l: string[]) => [...l, ''].join('\n');

const TEMPLATE = lines(
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Parameters:',
  '  AllowedCidr:',
  '    Type: String',
  '    Default: 10.0.0.0/8',
  '  Public:',
  '    Type: String',
  "    Default: 'false'",
  'Conditions:',
  "  IsPublic: !Equals [!Ref Public, 'true']",
  'Resources:',
  '  Sg:',
  '    Type: AWS::EC2::SecurityGroup',
  '    Properties:',
  '      GroupDescription: ssh',
  '      SecurityGroupIngress:',
  '        - IpProtocol: tcp',
  '          FromPort: 22',
  '          ToPort: 22',
  '          CidrIp: !Ref AllowedCidr',
  '  Data:',
  '    Type: AWS::S3::Bucket',
  '    Condition: IsPublic',
  '    Properties:',
  '      AccessControl: PublicRead',
);

const PROD_LIST = lines(
  '[',
  '  { "ParameterKey": "Public", "ParameterValue": "true" },',
  '  { "ParameterKey": "AllowedCidr", "ParameterValue": "0.0.0.0/0" }',
  ']',
);
const DEV_MAP = lines(
  '{',
  '  "Parameters": {',
  '    "AllowedCidr": "10.1.0.0/16",',
  '    "Public": "false"',
  '  }',
  '}',
);

const lint = (path: string, text: string, related: Record<string, string>) =>
  family.lint(path, text, new Map(Object.entries(related)));

describe('parameter files', () => {
  it('reads both formats and the overrides list, with the line of each value', () => {
    expect(readParameterFile(PROD_LIST)?.map((e) => [e.name, e.value, e.line])).toEqual([
      ['Public', 'true', 2],
      ['AllowedCidr', '0.0.0.0/0', 3],
    ]);
    expect(readParameterFile(DEV_MAP)?.map((e) => [e.name, e.value, e.line])).toEqual([
      ['AllowedCidr', '10.1.0.0/16', 3],
      ['Public', 'false', 4],
    ]);
    expect(readParameterFile('["AllowedCidr=0.0.0.0/0"]')?.map((e) => [e.name, e.value])).toEqual([
      ['AllowedCidr', '0.0.0.0/0'],
    ]);
    // A template is not a parameter file; neither is a list of other things.
    expect(readParameterFile(TEMPLATE)).toBeUndefined();
    expect(readParameterFile('[{"name": "x"}]')).toBeUndefined();
  });

  it('is recognised cheaply by content and name', () => {
    expect(looksLikeParameterFile('params/prod.json', PROD_LIST)).toBe(true);
    expect(looksLikeParameterFile('cfg/prod.json', DEV_MAP)).toBe(true);
    expect(looksLikeParameterFile('stack.yaml', TEMPLATE)).toBe(false);
    expect(looksLikeParameterFile('package.json', '{"name": "x", "version": "1.0.0"}')).toBe(false);
  });

  it('names the environment from its path and finds the template by name', () => {
    expect(environmentOf('infra/params/prod.json')).toBe('prod');
    expect(environmentOf('infra/parameters-production.json')).toBe('prod');
    expect(environmentOf('infra/stack.staging.json')).toBe('staging');
    expect(environmentOf('infra/params/acme.json')).toBe('acme');
    expect(templateCandidates('infra/stack.prod.json')).toContain('infra/stack.yaml');
    expect(templateCandidates('infra/params/prod.json')).toContain('infra/template.yaml');
  });
});

describe('a template judged with an environment’s values', () => {
  it('reports what only prod’s values open, at the parameter’s line, naming prod and the value', () => {
    const res = lint('infra/params/prod.json', PROD_LIST, { 'infra/stack.yaml': TEMPLATE });
    expect(res.matched).toBe(true);
    const sg = res.findings.filter((f) => f.ruleId === 'CFN-SG-001');
    expect(sg.map((f) => [f.line, f.severity])).toEqual([[3, 'high']]);
    expect(sg[0]!.message).toMatch(/^in prod\b/);
    expect(sg[0]!.message).toContain('AllowedCidr = 0.0.0.0/0');
    expect(sg[0]!.message).toContain('infra/stack.yaml:20');
    // The bucket is deployed (public-read) only when IsPublic is on (low with the defaults): prod's Public = true turns it on,
    // reported at Public's line, at the rule's own severity.
    const base = lintTemplate(TEMPLATE).findings.filter((f) => f.ruleId === 'CFN-S3-002');
    expect(base.length).toBeGreaterThan(0);
    expect(base.every((f) => f.severity === 'low' && f.message.includes('IsPublic'))).toBe(true);
    const s3 = res.findings.filter((f) => f.ruleId === 'CFN-S3-002');
    expect(s3.map((f) => f.ruleId).sort()).toEqual(base.map((f) => f.ruleId).sort());
    expect(s3.every((f) => f.line === 2 && f.message.startsWith('in prod (Public = true)'))).toBe(true);
    expect(s3.some((f) => f.severity !== 'low')).toBe(true);
  });

  it('reports nothing for an environment whose values add no finding (dev)', () => {
    const res = lint('infra/params/dev.json', DEV_MAP, { 'infra/stack.yaml': TEMPLATE });
    expect(res.findings).toEqual([]);
  });

  it('the defaults alone leave the group closed and the bucket gated (the base the environment is compared with)', () => {
    const base = lintTemplate(TEMPLATE).findings;
    expect(base.filter((f) => f.ruleId === 'CFN-SG-001')).toEqual([]);
  });

  it('never reports through a NoEcho parameter or a credential rule (the line holds the value)', () => {
    const tpl = lines(
      'Parameters:',
      '  DbPass:',
      '    Type: String',
      '    NoEcho: true',
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      StorageEncrypted: true',
      '      MasterUsername: app',
      '      MasterUserPassword: !Ref DbPass',
    );
    const value = 'Pw-' + 'k3Z'.repeat(4);
    const res = lint('db/params/prod.json', `[{"ParameterKey": "DbPass", "ParameterValue": "${value}"}]`, {
      'db/template.yaml': tpl,
    });
    expect(res.matched).toBe(true);
    expect(res.findings).toEqual([]);
  });

  it('ignores templates that do not declare the file’s parameters', () => {
    const other = TEMPLATE.replace(/AllowedCidr/g, 'OtherCidr');
    expect(lint('infra/params/prod.json', PROD_LIST, { 'infra/stack.yaml': other }).findings).toEqual([]);
  });

  it('a nested stack is judged with the parameters its parent gives it, reported at the parent', () => {
    const parent = lines(
      'Resources:',
      '  Network:',
      '    Type: AWS::CloudFormation::Stack',
      '    Properties:',
      '      TemplateURL: ./nested/sg.yaml',
      '      Parameters:',
      '        AllowedCidr: 0.0.0.0/0',
    );
    expect(family.related!('infra/main.yaml', parent)).toEqual(['infra/nested/sg.yaml']);
    const res = family.lint('infra/main.yaml', parent, new Map([['infra/nested/sg.yaml', TEMPLATE]]));
    const sg = res.findings.filter((f) => f.ruleId === 'CFN-SG-001');
    expect(sg.map((f) => [f.line, f.severity])).toEqual([[7, 'high']]);
    expect(sg[0]!.message).toMatch(
      /^in nested stack Network\b.*AllowedCidr = 0\.0\.0\.0\/0.*infra\/nested\/sg\.yaml:20/,
    );
  });

  it('the Ansible twin: a cloudformation task’s template_parameters (through a variable) at the parameter’s line', () => {
    const play = lines(
      '- hosts: localhost',
      '  vars:',
      '    ssh_cidr: 0.0.0.0/0',
      '  tasks:',
      '    - name: Deploy the bastion stack',
      '      amazon.aws.cloudformation:',
      '        stack_name: bastion',
      '        template: files/stack.yaml',
      '        template_parameters:',
      '          Public: "false"',
      '          AllowedCidr: "{{ ssh_cidr }}"',
    );
    expect(family.related!('deploy/site.yml', play)).toContain('deploy/files/stack.yaml');
    const res = family.lint('deploy/site.yml', play, new Map([['deploy/files/stack.yaml', TEMPLATE]]));
    expect(res.findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([['CFN-SG-001', 11, 'high']]);
    expect(res.findings[0]!.message).toMatch(
      /^deployed by task "Deploy the bastion stack".*AllowedCidr = 0\.0\.0\.0\/0.*deploy\/files\/stack\.yaml:20$/,
    );
    // A value the play cannot know (an undefined variable) is unknown, never insecure.
    const unknown = play.replace('ssh_cidr: 0.0.0.0/0', 'other: 1');
    expect(family.lint('deploy/site.yml', unknown, new Map([['deploy/files/stack.yaml', TEMPLATE]])).findings).toEqual(
      [],
    );
  });

  it('scan --parameters: the template is evaluated with the file’s values at its own lines', () => {
    const res = family.lint('infra/stack.yaml', TEMPLATE, new Map(), undefined, {
      parameters: { path: 'p.json', text: PROD_LIST },
    });
    const sg = res.findings.filter((f) => f.ruleId === 'CFN-SG-001');
    expect(sg.map((f) => f.line)).toEqual([20]);
    expect(sg[0]!.message).toContain('AllowedCidr = 0.0.0.0/0 from p.json');
  });
});
