// The git hooks' cost, as a ratio against `node -e 0` measured in the same run, interleaved (medians). Goals (issue 30):
// - iac: the realistic change: 10 files, ~480 added lines of JS/YAML/JSON with one CloudFormation template and
//   one Ansible playbook. Goal <= 2.0x.
// - code: only code files staged (11 files, ~500 added lines of JS/TS/Python/Markdown). Goal <= 1.4x.
// - commit-msg: the commit-msg hook `init` installs, on a three-line message (no goal set; shown for its cost).
// Floor: `git diff --cached` piped into a node that only reads it (the least any node hook can cost).
// Measured: the hook files as installed by `hookguard init` (what a commit waits for) and the bare
// `hookguard scan --staged` command. `git diff --cached` alone is shown for scale. BENCH_RUNS (default 30) sets the
// runs per contender, BENCH_KEEP=1 keeps the repositories. NODE_EXTRA_CA_CERTS makes node parse a certificate bundle at
// every start (tens of ms, more than hookguard itself): it is left out of every contender's environment, as on most
// developer machines, and the run says so; BENCH_CA=inherit keeps it.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compare, table } from './util.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin', 'hookguard.cjs');
const runs = Number(process.env.BENCH_RUNS ?? 30);
const TARGETS = { iac: 2.0, code: 1.4 };

const base = mkdtempSync(path.join(tmpdir(), 'hg-bench-hook-'));
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@b',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@b',
  // The code cache lives with the benchmark: the first run writes it, as a user's first commit would.
  XDG_CACHE_HOME: path.join(base, 'cache'),
};
for (const k of Object.keys(env))
  if (k.startsWith('GIT_') && !k.startsWith('GIT_CONFIG') && !/^GIT_(AUTHOR|COMMITTER)_/.test(k)) delete env[k];
const caDropped = Boolean(env.NODE_EXTRA_CA_CERTS) && process.env.BENCH_CA !== 'inherit';
if (caDropped) delete env.NODE_EXTRA_CA_CERTS;

function write(dir, rel, text) {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

/** A repository with an existing project (40 JS files) committed. */
function project(name) {
  const dir = path.join(base, name);
  mkdirSync(dir);
  const git = (...a) => {
    const r = spawnSync('git', a, { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
  };
  git('init', '-q', '-b', 'main');
  // The hook as `npx hookguard init` installs it in a repository without package.json yet: native, in .git/hooks.
  const init = spawnSync(process.execPath, [bin, 'init'], { cwd: dir, env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`hookguard init: ${init.stderr}`);
  for (let i = 0; i < 40; i++)
    write(
      dir,
      `src/m${i % 5}/f${i}.js`,
      Array.from({ length: 80 }, (_, j) => `export const v${j} = compute(${j}, "value-${j}");`).join('\n') + '\n',
    );
  write(dir, 'package.json', JSON.stringify({ name: 'app', version: '1.0.0', type: 'module' }, null, 2) + '\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  return { dir, git };
}

/** Only code: 10 new files of 50 lines and one touched file (no secrets: the common case). */
function codeChange() {
  const { dir, git } = project('code');
  const kinds = [
    (j) => `  const result${j} = await fetchUser(id, { retries: ${j % 5}, timeout: ${j * 10} });`,
    (j) => `  password_hint_${j}: "see the wiki page ${j}"`,
    (j) => `| row ${j} | some text describing the change in detail | ${j * 3} |`,
    (j) => `  token_count_${j} = len(tokens) + ${j}  # not a secret`,
  ];
  for (let f = 0; f < 10; f++) {
    const ext = ['js', 'ts', 'md', 'py', 'js', 'ts', 'md', 'py', 'js', 'ts'][f];
    const lines = Array.from({ length: 50 }, (_, j) => kinds[f % kinds.length](j + f * 50));
    write(dir, `src/change${f}.${ext}`, lines.join('\n') + '\n');
  }
  writeFileSync(path.join(dir, 'src/m0/f0.js'), 'export const touched = 1;\n', { flag: 'a' });
  git('add', '-A');
  return dir;
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: Orders service - queue, table, bucket and worker function
Parameters:
  Stage:
    Type: String
    AllowedValues: [dev, staging, prod]
    Default: dev
  VpcId:
    Type: AWS::EC2::VPC::Id
  PrivateSubnets:
    Type: List<AWS::EC2::Subnet::Id>
  AppCidr:
    Type: String
    Default: 10.20.0.0/16
Resources:
  OrdersKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Orders data key
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: AccountAdmin
            Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: '*'
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub orders-\${Stage}
      KmsMasterKeyId: !Ref OrdersKey
      VisibilityTimeout: 120
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDlq.Arn
        maxReceiveCount: 5
  OrdersDlq:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Ref OrdersKey
      MessageRetentionPeriod: 1209600
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: orderId
          AttributeType: S
      KeySchema:
        - AttributeName: orderId
          KeyType: HASH
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !Ref OrdersKey
  ReceiptsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !Ref OrdersKey
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      VersioningConfiguration:
        Status: Enabled
  WorkerSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Orders worker
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 8443
          ToPort: 8443
          CidrIp: !Ref AppCidr
          Description: internal callers only
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole
      Policies:
        - PolicyName: orders
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]
                Resource: !GetAtt OrdersQueue.Arn
              - Effect: Allow
                Action: [dynamodb:PutItem, dynamodb:GetItem]
                Resource: !GetAtt OrdersTable.Arn
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !GetAtt WorkerRole.Arn
      Timeout: 60
      Code:
        S3Bucket: !Sub artifacts-\${AWS::AccountId}
        S3Key: orders/worker.zip
      VpcConfig:
        SecurityGroupIds: [!Ref WorkerSecurityGroup]
        SubnetIds: !Ref PrivateSubnets
      Environment:
        Variables:
          TABLE: !Ref OrdersTable
          QUEUE_URL: !Ref OrdersQueue
Outputs:
  QueueUrl:
    Value: !Ref OrdersQueue
`;

const PLAYBOOK = `---
- name: Configure the orders workers
  hosts: workers
  become: true
  vars:
    app_user: orders
    app_dir: /opt/orders
    node_major: 20
  handlers:
    - name: Restart orders
      ansible.builtin.systemd:
        name: orders
        state: restarted
        daemon_reload: true
  tasks:
    - name: Install packages
      ansible.builtin.apt:
        name: [git, curl, ca-certificates]
        state: present
        update_cache: true
    - name: Create the service user
      ansible.builtin.user:
        name: "{{ app_user }}"
        system: true
        shell: /usr/sbin/nologin
        create_home: false
    - name: Create the application directory
      ansible.builtin.file:
        path: "{{ app_dir }}"
        state: directory
        owner: "{{ app_user }}"
        group: "{{ app_user }}"
        mode: "0750"
    - name: Write the configuration
      ansible.builtin.template:
        src: orders.env.j2
        dest: "{{ app_dir }}/orders.env"
        owner: "{{ app_user }}"
        mode: "0640"
      notify: Restart orders
    - name: Install the unit file
      ansible.builtin.copy:
        src: orders.service
        dest: /etc/systemd/system/orders.service
        owner: root
        group: root
        mode: "0644"
      notify: Restart orders
    - name: Open the service port to the load balancer subnet
      community.general.ufw:
        rule: allow
        port: "8443"
        proto: tcp
        from_ip: 10.20.0.0/16
    - name: Enable and start orders
      ansible.builtin.systemd:
        name: orders
        enabled: true
        state: started
`;

/** The change: a template, a playbook, JSON and YAML config, JavaScript. */
function iacChange() {
  const { dir, git } = project('iac');
  write(dir, 'infra/orders.yaml', TEMPLATE);
  write(dir, 'deploy/orders.yml', PLAYBOOK);
  write(
    dir,
    'config/app.json',
    JSON.stringify(
      {
        service: 'orders',
        port: 8443,
        queue: { batchSize: 10, waitSeconds: 20, retries: 5 },
        table: { name: 'orders', readTimeoutMs: 2000 },
        features: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`flag${i}`, i % 2 === 0])),
        logging: { level: 'info', format: 'json' },
      },
      null,
      2,
    ) + '\n',
  );
  write(
    dir,
    'config/settings.yaml',
    [
      'service: orders',
      'logging:',
      '  level: info',
      '  format: json',
      'limits:',
      ...Array.from({ length: 16 }, (_, i) => `  route_${i}: { rps: ${50 + i}, burst: ${100 + i} }`),
      'timeouts:',
      ...Array.from({ length: 10 }, (_, i) => `  step_${i}: ${i * 100 + 250}`),
    ].join('\n') + '\n',
  );
  for (let f = 0; f < 6; f++)
    write(
      dir,
      `src/orders/part${f}.js`,
      Array.from(
        { length: 37 },
        (_, j) =>
          `export async function step${f}_${j}(id) { return fetchOrder(id, { retries: ${j % 4}, part: ${f} }); }`,
      ).join('\n') + '\n',
    );
  git('add', '-A');
  return dir;
}

function addedLines(dir) {
  const r = spawnSync('git', ['diff', '--cached', '--numstat'], { cwd: dir, env, encoding: 'utf8' });
  const rows = r.stdout.trim().split('\n');
  return { files: rows.length, lines: rows.reduce((n, l) => n + (Number(l.split('\t')[0]) || 0), 0) };
}

try {
  const dirs = { code: codeChange(), iac: iacChange() };
  const message = path.join(base, 'COMMIT_EDITMSG');
  writeFileSync(message, 'Retry the orders worker on an empty queue\n\nThe worker gave up after one empty poll.\n');
  const shape = Object.fromEntries(Object.entries(dirs).map(([k, d]) => [k, addedLines(d)]));
  const command = (name, dir) => ({
    name,
    cmd: process.execPath,
    args: [bin, 'scan', '--staged'],
    opts: { cwd: dir, env },
    expectStatus: 0,
  });
  // What a commit waits for: the pre-commit hook file, run as git runs it (at the top of the working tree).
  const hook = (name, dir) => ({
    name,
    cmd: path.join(dir, '.git', 'hooks', 'pre-commit'),
    args: [],
    opts: { cwd: dir, env },
    expectStatus: 0,
  });
  // One run of each before timing: the first run writes the code cache, as a user's first commit does.
  const commitMsg = {
    name: 'commit-msg hook: three-line message',
    cmd: path.join(dirs.code, '.git', 'hooks', 'commit-msg'),
    args: [message],
    opts: { cwd: dirs.code, env },
    expectStatus: 0,
  };
  for (const c of [...Object.values(dirs).flatMap((d) => [command('', d), hook('', d)]), commitMsg]) {
    const r = spawnSync(c.cmd, c.args, { ...c.opts, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${c.cmd} ${c.args.join(' ')}: exit ${r.status}\n${r.stdout}${r.stderr}`);
  }
  const m = compare(
    [
      { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], opts: { cwd: dirs.code, env } },
      { name: 'git diff --cached (iac)', cmd: 'git', args: ['diff', '--cached', '-U0'], opts: { cwd: dirs.iac, env } },
      // The least any node hook can do: start node on git's diff and read it.
      {
        name: 'floor: git diff --cached | node reading it (code)',
        cmd: 'sh',
        args: ['-c', `git diff --cached -U0 | "${process.execPath}" -e "require('fs').readFileSync(0)"`],
        opts: { cwd: dirs.code, env },
      },
      hook('pre-commit hook: code files only', dirs.code),
      commitMsg,
      hook('pre-commit hook: with template + playbook', dirs.iac),
      command('hookguard scan --staged: code files only', dirs.code),
      command('hookguard scan --staged: with template + playbook', dirs.iac),
    ],
    runs,
  );
  const node = m['node -e 0'];
  console.log(
    `hook benchmark: ${availableParallelism()} cores, node ${process.version}, ${runs} interleaved runs each (medians)` +
      (caDropped ? '; NODE_EXTRA_CA_CERTS left out of the environment (BENCH_CA=inherit keeps it)' : ''),
  );
  console.log(
    `  code: ${shape.code.files} files, ${shape.code.lines} added lines; iac: ${shape.iac.files} files, ${shape.iac.lines} added lines (one CloudFormation template, one playbook, JSON/YAML config, JS)`,
  );
  console.log(
    table([
      ['command', 'median ms', 'x node -e 0'],
      ...Object.entries(m).map(([k, v]) => [k, v.toFixed(1), (v / node).toFixed(2)]),
    ]),
  );
  const ratio = (k) => (m[k] / node).toFixed(2);
  const floor = ratio('floor: git diff --cached | node reading it (code)');
  console.log(
    `pre-commit hook (code only) / node -e 0 = ${ratio('pre-commit hook: code files only')} (floor ${floor}, goal <= ${TARGETS.code})`,
  );
  console.log(
    `pre-commit hook (with IaC) / node -e 0 = ${ratio('pre-commit hook: with template + playbook')} (floor ${floor}, goal <= ${TARGETS.iac})`,
  );
  console.log(
    `commit-msg hook / node -e 0 = ${ratio('commit-msg hook: three-line message')} (floor ${floor}, no goal set)`,
  );
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${base}`);
  else rmSync(base, { recursive: true, force: true });
}
