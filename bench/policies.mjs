// Team policies on the pre-commit path: `hookguard scan --staged` on a change with one CloudFormation template and one
// Ansible playbook, with no policies, with 20 policies (their validation cached, as on every commit after the first),
// and with 20 policies validated again on each run (HOOKGUARD_POLICY_CACHE=0: the cost the cache saves). Ratios are
// against `node -e 0` measured interleaved in the same run (medians). BENCH_RUNS (default 20) sets the runs.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compare, table } from './util.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin', 'hookguard.cjs');
const runs = Number(process.env.BENCH_RUNS ?? 20);
const base = mkdtempSync(path.join(tmpdir(), 'hg-bench-policies-'));
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@b',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@b',
  XDG_CACHE_HOME: path.join(base, 'cache'),
};
delete env.NODE_EXTRA_CA_CERTS;

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-data
      VersioningConfiguration: {Status: Enabled}
      Tags: [{Key: data, Value: confidential}]
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.20.1.0/24, Description: ssh}
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      PubliclyAccessible: false
      StorageEncrypted: true
`;
const PLAYBOOK = `- hosts: all
  become: true
  tasks:
    - name: data bucket
      amazon.aws.s3_bucket:
        name: acme-data
        versioning: true
    - name: web group
      amazon.aws.ec2_security_group:
        name: web
        description: web
        vpc_id: vpc-1
        rules:
          - {proto: tcp, ports: [22], cidr_ip: 10.20.1.0/24, rule_desc: ssh}
    - name: no forwarding
      ansible.posix.sysctl:
        name: net.ipv4.ip_forward
        value: '0'
`;

/** Four kinds of policy, cycled to make 20 (each with its examples, which the loader runs). */
const KINDS = [
  (id) => `- id: ${id}
  title: Buckets are versioned
  severity: medium
  description: Versioning keeps what was overwritten.
  resource: AWS::S3::Bucket
  condition: {attribute: VersioningConfiguration.Status, equals: Enabled}
  examples:
    fail:
      - cloudformation: "Resources:\\n  B:\\n    Type: AWS::S3::Bucket\\n    Properties: {BucketName: b}\\n"
    pass:
      - cloudformation: "Resources:\\n  B:\\n    Type: AWS::S3::Bucket\\n    Properties: {VersioningConfiguration: {Status: Enabled}}\\n"
`,
  (id) => `- id: ${id}
  title: SSH from the office only
  severity: high
  description: Port 22 only from 10.20.0.0/16.
  resource: AWS::EC2::SecurityGroup
  condition: {attribute: 'SecurityGroupIngress[].CidrIp', cidr-within: 10.20.0.0/16}
  examples:
    fail:
      - cloudformation: "Resources:\\n  S:\\n    Type: AWS::EC2::SecurityGroup\\n    Properties:\\n      GroupDescription: s\\n      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]\\n"
    pass:
      - cloudformation: "Resources:\\n  S:\\n    Type: AWS::EC2::SecurityGroup\\n    Properties:\\n      GroupDescription: s\\n      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.20.0.0/24}]\\n"
`,
  (id) => `- id: ${id}
  title: Databases are private
  severity: critical
  description: No database is reachable from the internet.
  resource: AWS::RDS::DBInstance
  condition: {attribute: PubliclyAccessible, not-equals: true}
  examples:
    fail:
      - cloudformation: "Resources:\\n  D:\\n    Type: AWS::RDS::DBInstance\\n    Properties: {PubliclyAccessible: true}\\n"
    pass:
      - cloudformation: "Resources:\\n  D:\\n    Type: AWS::RDS::DBInstance\\n    Properties: {PubliclyAccessible: false}\\n"
`,
  (id) => `- id: ${id}
  title: Hosts do not forward packets
  severity: medium
  description: net.ipv4.ip_forward stays 0 on hosts that are not routers.
  host: sysctl
  condition: {attribute: net.ipv4.ip_forward, equals: 0}
  examples:
    fail:
      - ansible: "- hosts: all\\n  tasks:\\n    - ansible.posix.sysctl: {name: net.ipv4.ip_forward, value: '1'}\\n"
    pass:
      - ansible: "- hosts: all\\n  tasks:\\n    - ansible.posix.sysctl: {name: net.ipv4.ip_forward, value: '0'}\\n"
`,
];

function repo(name, policies) {
  const dir = path.join(base, name);
  const write = (rel, text) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  const git = (...a) => {
    const r = spawnSync('git', a, { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
  };
  mkdirSync(dir, { recursive: true });
  git('init', '-q', '-b', 'main');
  write('README.md', '# app\n');
  for (let i = 0; i < policies; i++)
    write(
      `policies/p${String(i + 1).padStart(2, '0')}.yaml`,
      KINDS[i % KINDS.length](`ACME-BENCH-${String(i + 1).padStart(3, '0')}`),
    );
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  write('infra/app.yaml', TEMPLATE);
  write('playbooks/site.yml', PLAYBOOK);
  git('add', '-A');
  return dir;
}

try {
  const none = repo('none', 0);
  const twenty = repo('twenty', 20);
  const scan = (name, cwd, extra = {}) => ({
    name,
    cmd: process.execPath,
    args: [bin, 'scan', '--staged'],
    opts: { cwd, env: { ...env, ...extra } },
    expectStatus: 0,
  });
  // Warm up: the code caches and the policy validation cache, as after a first commit.
  for (const d of [none, twenty])
    for (let i = 0; i < 2; i++) {
      const r = spawnSync(process.execPath, [bin, 'scan', '--staged'], { cwd: d, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`scan in ${d}: exit ${r.status}\n${r.stdout}${r.stderr}`);
    }
  const m = compare(
    [
      { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], opts: { cwd: none, env } },
      scan('scan --staged, no policies', none),
      scan('scan --staged, 20 policies (validation cached)', twenty),
      scan('scan --staged, 20 policies (validated every run)', twenty, { HOOKGUARD_POLICY_CACHE: '0' }),
    ],
    runs,
  );
  const node = m['node -e 0'];
  console.log(`policies benchmark: node ${process.version}, ${runs} interleaved runs each (medians)`);
  console.log(
    table([
      ['command', 'median ms', 'x node -e 0'],
      ...Object.entries(m).map(([k, v]) => [k, v.toFixed(1), (v / node).toFixed(2)]),
    ]),
  );
} finally {
  rmSync(base, { recursive: true, force: true });
}
