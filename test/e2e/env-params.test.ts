/**
 * Issue 32: templates judged per environment, through the real CLI in temp git repositories. A parameter file staged
 * alone makes the template it belongs to evaluated with its values; what only those values open is reported at the
 * parameter's line, naming the environment — in the installed pre-commit hook, pre-push, --diff, --history and a
 * scan of paths; `scan --parameters FILE` evaluates a template with one file's values (as cfn_nag's).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, gitLogger, Repo, type ReportFinding } from '../helpers.js';

afterAll(cleanup);

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  AllowedCidr:
    Type: String
    Default: 10.0.0.0/8
  InstanceType:
    Type: String
    Default: t3.micro
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
          CidrIp: !Ref AllowedCidr
          Description: ssh from the office
`;

const params = (cidr: string) => `[
  { "ParameterKey": "InstanceType", "ParameterValue": "t3.large" },
  { "ParameterKey": "AllowedCidr", "ParameterValue": "${cidr}" }
]
`;

const at = (f: ReportFinding) => `${f.ruleId} ${f.file}:${f.line}`;
const sg = (fs: ReportFinding[]) => fs.filter((f) => f.ruleId === 'CFN-SG-001');

function repoWithStack(): Repo {
  const repo = Repo.init();
  repo.commit('stack', { 'infra/stack.yaml': TEMPLATE, 'infra/params/dev.json': params('10.1.0.0/16') });
  return repo;
}

describe('a parameter file that opens a template in one environment', () => {
  it('the installed pre-commit hook blocks a staged prod parameter file alone, at its line, naming prod', () => {
    const repo = repoWithStack();
    expect(repo.hookguard(['init']).code).toBe(0);
    repo.write('infra/params/prod.json', params('0.0.0.0/0'));
    repo.git('add', 'infra/params/prod.json');
    const r = repo.gitRun(['commit', '-m', 'prod params']);
    expect(r.code).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('CFN-SG-001');
    expect(out).toMatch(/infra\/params\/prod\.json\n\s+3:\d+\s+high\s+CFN-SG-001/);
    expect(out).toMatch(/in prod: .*AllowedCidr = 0\.0\.0\.0\/0/);
    // The same values for dev-like ranges pass.
    repo.write('infra/params/prod.json', params('10.2.0.0/16'));
    repo.git('add', 'infra/params/prod.json');
    expect(repo.gitRun(['commit', '-m', 'prod params, closed']).code).toBe(0);
  });

  it('--staged JSON: the finding, its message and the template line; dev reports nothing', () => {
    const repo = repoWithStack();
    repo.write('infra/params/prod.json', params('0.0.0.0/0'));
    repo.git('add', 'infra/params/prod.json');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(sg(report.findings).map(at)).toEqual(['CFN-SG-001 infra/params/prod.json:3']);
    expect(sg(report.findings)[0]!.message).toBe(
      'in prod: SSH (port 22) is open to 0.0.0.0/0 in Bastion (AllowedCidr = 0.0.0.0/0) — infra/stack.yaml:19',
    );
    // The template line the value opens is a related location (JSON related, SARIF relatedLocations).
    const related = (sg(report.findings)[0] as ReportFinding & { related?: Array<Record<string, unknown>> }).related;
    expect(related).toEqual([
      expect.objectContaining({ file: 'infra/stack.yaml', line: 19, message: 'where infra/stack.yaml uses the value' }),
    ]);
    const all = repo.json(['scan', '.']).report;
    expect([...all.findings, ...all.existing].filter((f) => f.file === 'infra/params/dev.json')).toEqual([]);
  });

  it('pre-push, --diff and --history report the commit that set the value', () => {
    const repo = repoWithStack();
    const base = repo.git('rev-parse', 'HEAD');
    const sha = repo.commit('prod', { 'infra/params/prod.json': params('0.0.0.0/0') });
    const diff = repo.json(['scan', '--diff', `${base}..HEAD`]);
    expect(diff.code).toBe(1);
    expect(sg(diff.report.findings).map((f) => [at(f), f.commit])).toEqual([
      ['CFN-SG-001 infra/params/prod.json:3', sha],
    ]);
    const hist = repo.json(['scan', '--history']);
    expect(sg([...hist.report.findings, ...hist.report.existing]).map((f) => [at(f), f.commit])).toEqual([
      ['CFN-SG-001 infra/params/prod.json:3', sha],
    ]);
    const push = repo.json(['scan', '--pre-push', 'origin', 'x'], {
      input: `refs/heads/main ${sha} refs/heads/main ${base}\n`,
    });
    expect(push.code).toBe(1);
    expect(sg(push.report.findings).map(at)).toEqual(['CFN-SG-001 infra/params/prod.json:3']);
  });

  it('a {"Parameters": {…}} file named after its template (stack.prod.json) is judged the same way', () => {
    const repo = Repo.init();
    repo.write('cfn/stack.yaml', TEMPLATE);
    repo.write('cfn/stack.prod.json', '{\n  "Parameters": {\n    "AllowedCidr": "0.0.0.0/0"\n  }\n}\n');
    const { report } = repo.json(['scan', '.']);
    expect(sg([...report.findings, ...report.existing]).map(at)).toEqual(['CFN-SG-001 cfn/stack.prod.json:3']);
  });
});

describe('the config maps parameter files to their template', () => {
  it('parameterFiles: {glob: template} judges files no name would tie to it; a bad mapping is exit 2', () => {
    const repo = Repo.init();
    repo.write('cfn/app.yaml', TEMPLATE);
    repo.write('deploy/customers/acme.json', params('0.0.0.0/0'));
    repo.write('.hookguard.yaml', 'parameterFiles:\n  "deploy/customers/*.json": cfn/app.yaml\n');
    repo.commit('mapped');
    const { report } = repo.json(['scan', '.']);
    const f = sg([...report.findings, ...report.existing]);
    expect(f.map(at)).toEqual(['CFN-SG-001 deploy/customers/acme.json:3']);
    expect(f[0]!.message).toMatch(/^in acme: .* — cfn\/app\.yaml:19$/);
    // Without the mapping nothing ties the file to the template.
    repo.write('.hookguard.yaml', 'failOn: high\n');
    const none = repo.json(['scan', '.']).report;
    expect(sg([...none.findings, ...none.existing])).toEqual([]);
    repo.write('.hookguard.yaml', 'parameterFiles:\n  "deploy/*.json": ../outside.yaml\n');
    const bad = repo.hookguard(['scan', '.']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('parameterFiles');
  });
});

describe('hookguard env', () => {
  it('marks the parameter difference that changes a security finding, with the rule, in the prod column only', () => {
    const repo = repoWithStack();
    repo.commit('prod', { 'infra/params/prod.json': params('0.0.0.0/0') });
    const table = JSON.parse(repo.hookguard(['env', '--format', 'json']).stdout) as {
      roles: Array<{
        role: string;
        rows: Array<{ key: string; security: boolean; cells: Record<string, { findings?: string[] }> }>;
      }>;
    };
    const role = table.roles.find((r) => r.role === 'infra/params/{env}.json')!;
    const cidr = role.rows.find((r) => r.key === 'AllowedCidr')!;
    expect(cidr.cells.prod!.findings).toEqual(['CFN-SG-001']);
    expect(cidr.cells.dev!.findings).toBeUndefined();
    // InstanceType differs too, but changes no finding.
    expect(role.rows.find((r) => r.key === 'InstanceType')!.cells.prod!.findings).toBeUndefined();
    expect(repo.hookguard(['env']).stdout).toMatch(/AllowedCidr\s+.*0\.0\.0\.0\/0 → CFN-SG-001/);
  });
});

describe('the Ansible twin', () => {
  it('a staged play deploying the template with a group_vars value that opens it blocks, at the parameter', () => {
    const repo = repoWithStack();
    repo.write('deploy/group_vars/all.yml', 'bastion_cidr: 0.0.0.0/0\n');
    repo.write(
      'deploy/site.yml',
      `- hosts: localhost
  tasks:
    - name: Deploy the bastion
      amazon.aws.cloudformation:
        stack_name: bastion
        template: ../infra/stack.yaml
        template_parameters:
          AllowedCidr: "{{ bastion_cidr }}"
`,
    );
    repo.git('add', '-A');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    const f = sg(report.findings);
    expect(f.map(at)).toEqual(['CFN-SG-001 deploy/site.yml:8']);
    expect(f[0]!.message).toContain('deployed by task "Deploy the bastion"');
    expect(f[0]!.message).toContain('deploy/group_vars/all.yml:1');
  });
});

describe('scan --parameters FILE', () => {
  it('evaluates the template with the file’s values at the template’s lines; a missing file is exit 2', () => {
    const repo = repoWithStack();
    repo.write('/tmp-params.json', params('0.0.0.0/0'));
    const { code, report } = repo.json(['scan', 'infra/stack.yaml', '--parameters', 'tmp-params.json']);
    expect(code).toBe(1);
    expect(sg(report.findings).map(at)).toEqual(['CFN-SG-001 infra/stack.yaml:19']);
    expect(sg(report.findings)[0]!.message).toContain('AllowedCidr = 0.0.0.0/0 from tmp-params.json');
    expect(repo.json(['scan', 'infra/stack.yaml']).code).toBe(0);
    const bad = repo.hookguard(['scan', 'infra/stack.yaml', '--parameters', 'nope.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--parameters: cannot read nope.json');
    repo.write('notparams.json', '{"name": "x"}');
    const wrong = repo.hookguard(['scan', 'infra/stack.yaml', '--parameters', 'notparams.json']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('is not a CloudFormation parameter file');
  });
});

describe('a changed template whose parameter files did not change', () => {
  // The SSH rule takes its CIDR from the parameter only in the new version: prod's value opens it.
  const before = TEMPLATE.replace('CidrIp: !Ref AllowedCidr', 'CidrIp: 10.0.0.0/8');
  function repoWithParams(): Repo {
    const repo = Repo.init();
    repo.commit('stack', {
      'infra/stack.yaml': before,
      'infra/params/dev.json': params('10.1.0.0/16'),
      'infra/params/prod.json': params('0.0.0.0/0'),
    });
    return repo;
  }

  it('--staged: the template is judged with each environment read from the index, at prod’s parameter line', () => {
    const repo = repoWithParams();
    repo.write('infra/stack.yaml', TEMPLATE);
    repo.git('add', 'infra/stack.yaml');
    // The working tree's prod file is not what is committed: the index is.
    repo.write('infra/params/prod.json', params('10.9.0.0/16'));
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(sg(report.findings).map(at)).toEqual(['CFN-SG-001 infra/params/prod.json:3']);
    expect(sg(report.findings)[0]!.message).toBe(
      'in prod: SSH (port 22) is open to 0.0.0.0/0 in Bastion (AllowedCidr = 0.0.0.0/0) — infra/stack.yaml:19',
    );
  });

  it('the installed hook blocks the commit; a template change elsewhere shows prod’s finding as existing only', () => {
    const repo = repoWithParams();
    expect(repo.hookguard(['init']).code).toBe(0);
    repo.write('infra/stack.yaml', TEMPLATE);
    repo.git('add', 'infra/stack.yaml');
    const r = repo.gitRun(['commit', '-m', 'ssh from a parameter']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/infra\/params\/prod\.json\n\s+3:\d+\s+high\s+CFN-SG-001/);
    expect(repo.gitRun(['commit', '--no-verify', '-q', '-m', 'ssh from a parameter']).code).toBe(0);
    // A later change that does not touch the group: prod's finding is old, not this change's.
    repo.write('infra/stack.yaml', `${TEMPLATE}Outputs:\n  Group:\n    Value: !Ref Bastion\n`);
    repo.git('add', 'infra/stack.yaml');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(0);
    expect(sg(report.findings)).toEqual([]);
    expect(sg(report.existing).map(at)).toEqual(['CFN-SG-001 infra/params/prod.json:3']);
  });

  it('pre-push and --diff read the parameter files from the pushed commit', () => {
    const repo = repoWithParams();
    const base = repo.git('rev-parse', 'HEAD');
    const sha = repo.commit('ssh from a parameter', { 'infra/stack.yaml': TEMPLATE });
    const diff = repo.json(['scan', '--diff', `${base}..HEAD`]);
    expect(diff.code).toBe(1);
    expect(sg(diff.report.findings).map((f) => [at(f), f.commit])).toEqual([
      ['CFN-SG-001 infra/params/prod.json:3', sha],
    ]);
    const push = repo.json(['scan', '--pre-push', 'origin', 'x'], {
      input: `refs/heads/main ${sha} refs/heads/main ${base}\n`,
    });
    expect(push.code).toBe(1);
    expect(sg(push.report.findings).map(at)).toEqual(['CFN-SG-001 infra/params/prod.json:3']);
  });

  it('a template at the root with params/, and files the config maps to it elsewhere', () => {
    const repo = Repo.init();
    repo.commit('stack', {
      'stack.yaml': before,
      'params/prod.json': params('0.0.0.0/0'),
      'deploy/customers/acme.json': params('0.0.0.0/0'),
      '.hookguard.yaml': 'parameterFiles:\n  "deploy/customers/*.json": stack.yaml\n',
    });
    repo.write('stack.yaml', TEMPLATE);
    repo.git('add', 'stack.yaml');
    const { code, report } = repo.json(['scan', '--staged']);
    expect(code).toBe(1);
    expect(sg(report.findings).map(at)).toEqual([
      'CFN-SG-001 deploy/customers/acme.json:3',
      'CFN-SG-001 params/prod.json:3',
    ]);
  });

  it('team policies judge each environment too: a prod-only policy reports prod’s value at its line', () => {
    const repo = Repo.init();
    const policy = [
      '- id: ACME-DATA-001',
      '  title: Databases are never publicly accessible in prod',
      '  severity: critical',
      "  owners: ['@acme/data']",
      '  description: An RDS instance in production is reachable only from inside the VPC.',
      '  resource: AWS::RDS::DBInstance',
      '  condition:',
      '    any:',
      '      - environment: {not-in: [prod]}',
      '      - {attribute: PubliclyAccessible, not-equals: true}',
      '  examples:',
      '    fail:',
      '      - path: deploy/prod/db.yaml',
      '        cloudformation: "Resources: {Db: {Type: AWS::RDS::DBInstance, Properties: {PubliclyAccessible: true}}}"',
      '    pass:',
      '      - path: deploy/prod/db.yaml',
      '        cloudformation: "Resources: {Db: {Type: AWS::RDS::DBInstance, Properties: {PubliclyAccessible: false}}}"',
      '',
    ].join('\n');
    const template = (cls: string) =>
      [
        'Parameters:',
        '  DbPublic:',
        '    Type: String',
        "    Default: 'false'",
        'Resources:',
        '  Db:',
        '    Type: AWS::RDS::DBInstance',
        '    Properties:',
        '      Engine: postgres',
        `      DBInstanceClass: ${cls}`,
        '      StorageEncrypted: true',
        '      PubliclyAccessible: !Ref DbPublic',
        '',
      ].join('\n');
    const value = (v: string) => `[\n  { "ParameterKey": "DbPublic", "ParameterValue": "${v}" }\n]\n`;
    repo.commit('stack', {
      'policies/data.yaml': policy,
      'infra/app.yaml': template('db.t3.micro'),
      'infra/params/dev.json': value('true'),
      'infra/params/prod.json': value('true'),
    });
    // Only the template changes (the database's class): prod's value is judged by the built-in rule and the policy;
    // dev's public database is the built-in rule's alone (the policy is for prod).
    repo.write('infra/app.yaml', template('db.t3.small'));
    repo.git('add', '-A');
    const { report } = repo.json(['scan', '--staged']);
    const onParams = report.findings.filter((f) => f.file.startsWith('infra/params/')).map(at);
    expect(onParams.sort()).toEqual([
      'ACME-DATA-001 infra/params/prod.json:2',
      'CFN-RDS-003 infra/params/dev.json:2',
      'CFN-RDS-003 infra/params/prod.json:2',
    ]);
    const f = report.findings.find((x) => x.ruleId === 'ACME-DATA-001')!;
    expect(f).toMatchObject({ category: 'policy', severity: 'critical', owners: ['@acme/data'] });
  });

  it('a staged template without parameters, or without parameter files, lists nothing', () => {
    const repo = Repo.init();
    repo.commit('init', { 'README.md': '# x\n' });
    const logged = gitLogger(repo);
    const { env } = logged;
    const lists = () => logged.calls(/(?:^| )(?:ls-files|ls-tree) /);
    // No Parameters section: nothing to look for.
    repo.write('infra/plain.yaml', before.replace(/Parameters:[\s\S]*?(?=Resources:)/, ''));
    // At the root with parameters but no params/ folder in the index: the index says so without git.
    repo.write('stack.yaml', TEMPLATE);
    repo.git('add', '-A');
    logged.reset();
    expect(repo.json(['scan', '--staged'], { env }).code).toBe(0);
    expect(lists()).toEqual([]);
  });
});
