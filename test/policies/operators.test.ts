/**
 * Each operator of the policy condition language, on resources adapted from real CloudFormation and Ansible text:
 * pass, fail (with the value blamed) and unknown (a parameter without Default, Jinja) — which is never a violation.
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/parse/cloudformation.js';
import { fromCfnResource } from '../../src/cloud/adapters/cloudformation.js';
import { fromAnsibleTaskAll } from '../../src/cloud/adapters/ansible.js';
import { loadAnsible, posOf } from '../../src/parse/ansible.js';
import { evaluate } from '../../src/policies/eval.js';
import { attributePaths, parsePolicies } from '../../src/policies/load.js';
import { moduleMatches } from '../../src/policies/run.js';
import type { Cond } from '../../src/policies/types.js';
import type { CloudResource } from '../../src/cloud/model.js';

/** A condition written as in a policy file (YAML, indented under `condition:`). */
function cond(yaml: string, host = false): Cond {
  const text = `- id: T-X-001
  title: t
  severity: low
  description: d
  ${host ? 'host: sysctl' : 'resource: AWS::S3::Bucket'}
  condition:
${yaml.replace(/^/gm, '    ')}
  examples: {fail: [{cloudformation: x}], pass: [{cloudformation: x}]}
`;
  const { policies, errors } = parsePolicies([{ file: 'p.yaml', text, inConfig: false, optional: false }], new Set());
  expect(errors).toEqual([]);
  return policies[0]!.condition;
}

function cfn(props: string, params = ''): CloudResource[] {
  const t = parseTemplate(
    `${params}Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n${props.replace(/^/gm, '      ')}\n`,
  ).templates[0]!;
  return t.resources.map((r) => fromCfnResource(t, r));
}

function outcome(c: Cond, props: string, params = ''): string {
  const all = cfn(props, params);
  return evaluate(c, all[0]!, { all }).r;
}

const UNKNOWN_PARAM = 'Parameters:\n  P:\n    Type: String\n';

describe('policy operators', () => {
  it.each([
    // [operator, condition, passing props, failing props]
    ['exists', 'attribute: BucketName\nexists: true', 'BucketName: a', 'Tags: []'],
    ['absent', 'attribute: AccessControl\nabsent: true', 'BucketName: a', 'AccessControl: PublicRead'],
    [
      'equals',
      'attribute: VersioningConfiguration.Status\nequals: Enabled',
      'VersioningConfiguration: {Status: Enabled}',
      'VersioningConfiguration: {Status: Suspended}',
    ],
    [
      'not-equals',
      'attribute: AccessControl\nnot-equals: PublicRead',
      'AccessControl: Private',
      'AccessControl: PublicRead',
    ],
    [
      'in',
      'attribute: AccessControl\nin: [Private, LogDeliveryWrite]',
      'AccessControl: Private',
      'AccessControl: PublicRead',
    ],
    [
      'not-in',
      'attribute: AccessControl\nnot-in: [PublicRead, PublicReadWrite]',
      'AccessControl: Private',
      'AccessControl: PublicReadWrite',
    ],
    ['matches', "attribute: BucketName\nmatches: '^acme-[a-z]+$'", 'BucketName: acme-logs', 'BucketName: logs'],
    [
      'gt',
      'attribute: ObjectLockConfiguration.Rule.DefaultRetention.Days\ngt: 30',
      'ObjectLockConfiguration: {Rule: {DefaultRetention: {Days: 31}}}',
      'ObjectLockConfiguration: {Rule: {DefaultRetention: {Days: 30}}}',
    ],
    [
      'gte',
      'attribute: ObjectLockConfiguration.Rule.DefaultRetention.Days\ngte: 30',
      'ObjectLockConfiguration: {Rule: {DefaultRetention: {Days: "30"}}}',
      'ObjectLockConfiguration: {Rule: {DefaultRetention: {Days: 29}}}',
    ],
    [
      'lt',
      'attribute: ObjectLockConfiguration.Rule.DefaultRetention.Days\nlt: 400',
      'ObjectLockConfiguration: {Rule: {DefaultRetention: {Days: 399}}}',
      'ObjectLockConfiguration: {Rule: {DefaultRetention: {Days: 400}}}',
    ],
    [
      'lte',
      'attribute: ObjectLockConfiguration.Rule.DefaultRetention.Days\nlte: 400',
      'ObjectLockConfiguration: {Rule: {DefaultRetention: {Days: 400}}}',
      'ObjectLockConfiguration: {Rule: {DefaultRetention: {Days: 401}}}',
    ],
    [
      'cidr-within',
      'attribute: Tags.range\ncidr-within: [10.20.0.0/16]',
      'Tags: [{Key: range, Value: 10.20.3.0/24}]',
      'Tags: [{Key: range, Value: 10.0.0.0/8}]',
    ],
    [
      'cidr-is-world',
      'attribute: Tags.range\ncidr-is-world: false',
      'Tags: [{Key: range, Value: 10.0.0.0/8}]',
      'Tags: [{Key: range, Value: 0.0.0.0/0}]',
    ],
    [
      'contains',
      'attribute: Tags\ncontains: {Key: data, Value: confidential}',
      'Tags: [{Key: data, Value: confidential}]',
      'Tags: [{Key: data, Value: public}]',
    ],
    [
      'count',
      'attribute: Tags\ncount: {gte: 2}',
      'Tags: [{Key: a, Value: b}, {Key: c, Value: d}]',
      'Tags: [{Key: a, Value: b}]',
    ],
    [
      'all',
      'all:\n  - {attribute: BucketName, exists: true}\n  - {attribute: AccessControl, equals: Private}',
      'BucketName: a\nAccessControl: Private',
      'BucketName: a\nAccessControl: PublicRead',
    ],
    [
      'any',
      'any:\n  - {attribute: AccessControl, equals: Private}\n  - {attribute: AccessControl, absent: true}',
      'BucketName: a',
      'AccessControl: PublicRead',
    ],
    [
      'not',
      'not:\n  attribute: AccessControl\n  equals: PublicRead',
      'AccessControl: Private',
      'AccessControl: PublicRead',
    ],
  ])('%s', (_op, c, good, bad) => {
    const parsed = cond(c);
    expect(outcome(parsed, good)).toBe('pass');
    expect(outcome(parsed, bad)).toBe('fail');
  });

  it('an unknown value (a parameter without Default) is unknown for every value operator, never a failure', () => {
    for (const c of [
      'attribute: AccessControl\nequals: Private',
      'attribute: AccessControl\nnot-in: [PublicRead]',
      "attribute: AccessControl\nmatches: '^Private$'",
      'attribute: AccessControl\ngt: 3',
      'attribute: AccessControl\ncidr-within: 10.0.0.0/8',
      'attribute: AccessControl\ncidr-is-world: false',
      'not:\n  attribute: AccessControl\n  equals: PublicRead',
    ])
      expect(outcome(cond(c), 'AccessControl: !Ref P', UNKNOWN_PARAM), c).toBe('unknown');
    // With a Default, the parameter's value counts.
    expect(
      outcome(
        cond('attribute: AccessControl\nequals: Private'),
        'AccessControl: !Ref P',
        `${UNKNOWN_PARAM}    Default: PublicRead\n`,
      ),
    ).toBe('fail');
  });

  it('a failure names the value to blame (its logical path), or the resource when the property is missing', () => {
    const all = cfn('VersioningConfiguration: {Status: Suspended}');
    const o = evaluate(cond('attribute: VersioningConfiguration.Status\nequals: Enabled'), all[0]!, { all });
    expect(o).toMatchObject({ r: 'fail', detail: expect.stringContaining('"Suspended"') as unknown });
    expect(o.r === 'fail' && o.at?.loc.path).toBe('Resources.B.Properties.VersioningConfiguration.Status');
  });

  it('related: a bucket with a BucketPolicy that denies requests without TLS (denies-insecure-transport)', () => {
    const c = cond(
      'related:\n  kind: AWS::S3::BucketPolicy\n  via: Bucket\n  condition: {attribute: PolicyDocument, denies-insecure-transport: true}',
    );
    const policy = (effect: string) => `BucketName: a
P:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref B
    PolicyDocument:
      Statement:
        - Effect: ${effect}
          Principal: '*'
          Action: 's3:*'
          Resource: '*'
          Condition: {Bool: {'aws:SecureTransport': false}}`;
    // The bucket policy is written as a sibling resource: unindent it to the Resources level.
    const tpl = (effect: string) => {
      const t = parseTemplate(
        `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n${policy(effect)
          .split('\n')
          .map((l, i) => (i === 0 ? `      ${l}` : `  ${l}`))
          .join('\n')}\n`,
      ).templates[0]!;
      const all = t.resources.map((r) => fromCfnResource(t, r));
      return evaluate(
        c,
        all.find((r) => r.kind === 'AWS::S3::Bucket')!,
        { all },
      ).r;
    };
    expect(tpl('Deny')).toBe('pass');
    expect(tpl('Allow')).toBe('fail');
    expect(outcome(c, 'BucketName: a')).toBe('fail');
  });

  it('environment: in / not-in the file environment; unknown when the path names none', () => {
    const c = cond('environment: {in: [prod]}');
    const all = cfn('BucketName: a');
    expect(evaluate(c, all[0]!, { all, environment: 'prod' }).r).toBe('pass');
    expect(evaluate(c, all[0]!, { all, environment: 'dev' }).r).toBe('fail');
    expect(evaluate(c, all[0]!, { all }).r).toBe('unknown');
  });

  it('one condition reads a CloudFormation bucket and the amazon.aws.s3_bucket task alike (Tags as a mapping too)', () => {
    const c = cond(
      'all:\n  - {attribute: VersioningConfiguration.Status, equals: Enabled}\n  - {attribute: Tags.data, equals: confidential}',
    );
    const play = (versioning: string, data: string) => {
      const f = loadAnsible(
        'site.yml',
        `- hosts: localhost\n  tasks:\n    - amazon.aws.s3_bucket:\n        name: a\n        versioning: ${versioning}\n        tags: {data: ${data}}\n`,
      ).file!;
      const all = f.tasks.flatMap((t) => fromAnsibleTaskAll(t, { pos: (n) => posOf(f, n) }));
      return evaluate(c, all[0]!, { all }).r;
    };
    expect(play('true', 'confidential')).toBe('pass');
    expect(play('false', 'confidential')).toBe('fail');
    expect(play('"{{ keep_versions }}"', 'confidential')).toBe('unknown');
    expect(outcome(c, 'VersioningConfiguration: {Status: Enabled}\nTags: [{Key: data, Value: confidential}]')).toBe(
      'pass',
    );
    expect(outcome(c, 'VersioningConfiguration: {Status: Suspended}\nTags: [{Key: data, Value: confidential}]')).toBe(
      'fail',
    );
  });

  it('host settings are named as written (sysctl keys with dots), and modules match by FQCN, short name or alias', () => {
    expect(
      attributePaths(
        parsePolicies(
          [
            {
              file: 'h.yaml',
              text: `- id: T-H-001
  title: t
  severity: low
  description: d
  host: sysctl
  condition: {attribute: net.ipv4.ip_forward, equals: 0}
  examples: {fail: [{ansible: x}], pass: [{ansible: x}]}
`,
              inConfig: false,
              optional: false,
            },
          ],
          new Set(),
        ).policies[0]!,
      ),
    ).toEqual([{ kind: 'host:sysctl', path: ['net.ipv4.ip_forward'], file: 'h.yaml', line: 6 }]);
    const t = (module: string, short: string, collection: string) => ({ module, short, collection });
    expect(moduleMatches(t('ansible.posix.sysctl', 'sysctl', 'ansible.posix'), 'sysctl')).toBe(true);
    expect(moduleMatches(t('sysctl', 'sysctl', ''), 'ansible.posix.sysctl')).toBe(true);
    expect(moduleMatches(t('community.general.sysctl', 'sysctl', 'community.general'), 'ansible.posix.sysctl')).toBe(
      false,
    );
    expect(moduleMatches(t('amazon.aws.ec2_group', 'ec2_group', 'amazon.aws'), 'amazon.aws.ec2_security_group')).toBe(
      true,
    );
  });

  it('attributePaths lists every path with its resource type and line (for the resource-specification check)', () => {
    const text = `- id: T-S3-001
  title: t
  severity: low
  description: d
  resource: AWS::S3::Bucket
  where: {attribute: Tags.data, equals: confidential}
  condition:
    all:
      - attribute: BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.KMSMasterKeyID
        exists: true
      - related:
          kind: AWS::S3::BucketPolicy
          via: Bucket
          condition: {attribute: PolicyDocument, denies-insecure-transport: true}
  examples: {fail: [{cloudformation: x}], pass: [{cloudformation: x}]}
`;
    const p = parsePolicies([{ file: 'p.yaml', text, inConfig: false, optional: false }], new Set()).policies[0]!;
    expect(attributePaths(p)).toEqual([
      { kind: 'AWS::S3::Bucket', path: ['Tags', 'data'], file: 'p.yaml', line: 6 },
      {
        kind: 'AWS::S3::Bucket',
        path: [
          'BucketEncryption',
          'ServerSideEncryptionConfiguration',
          '[]',
          'ServerSideEncryptionByDefault',
          'KMSMasterKeyID',
        ],
        file: 'p.yaml',
        line: 9,
      },
      { kind: 'AWS::S3::BucketPolicy', path: ['Bucket'], file: 'p.yaml', line: 11 },
      { kind: 'AWS::S3::BucketPolicy', path: ['PolicyDocument'], file: 'p.yaml', line: 14 },
    ]);
  });

  it('refuses bad policies with every problem at its file:line', () => {
    const text = `- id: CFN-S3-001
  title: t
  severity: urgent
  description: d
  resource: AWS::S3::Bucket
  condition: {attribute: A, frobs: 1}
  examples: {fail: [{cloudformation: x}], pass: [{cloudformation: x}]}
`;
    const { errors } = parsePolicies([{ file: 'bad.yaml', text, inConfig: false, optional: false }], new Set());
    expect(errors).toEqual([
      'bad.yaml:3: severity must be one of critical, high, medium, low',
      expect.stringMatching(/^bad\.yaml:6: a leaf condition has exactly one operator/) as unknown,
    ]);
  });

  it('each judges every item of a list on its own: one bad rule among good ones fails, other ports are not judged', () => {
    const c = cond(`each: SecurityGroupIngress
where:
  all:
    - {attribute: FromPort, lte: 22}
    - {attribute: ToPort, gte: 22}
condition: {attribute: CidrIp, cidr-within: 10.20.0.0/16}`);
    const rules = (...r: string[]) => `SecurityGroupIngress:\n${r.map((x) => `  - ${x}`).join('\n')}`;
    const open443 = '{FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}';
    // A top-level where over SecurityGroupIngress[].FromPort would skip this group: not every rule is port 22.
    expect(outcome(c, rules(open443, '{FromPort: 22, ToPort: 22, CidrIp: 172.16.0.0/12}'))).toBe('fail');
    expect(outcome(c, rules(open443, '{FromPort: 0, ToPort: 65535, CidrIp: 192.168.0.0/16}'))).toBe('fail');
    expect(outcome(c, rules(open443, '{FromPort: 22, ToPort: 22, CidrIp: 10.20.8.0/24}'))).toBe('pass');
    expect(outcome(c, rules(open443))).toBe('pass');
    expect(outcome(c, 'BucketName: none')).toBe('pass');
    // Unknown port (a parameter without Default) with a bad range: unknown, never a violation.
    expect(outcome(c, rules('{FromPort: !Ref P, ToPort: !Ref P, CidrIp: 172.16.0.0/12}'), UNKNOWN_PARAM)).toBe(
      'unknown',
    );
    expect(outcome(c, rules('{FromPort: 22, ToPort: 22, CidrIp: !Ref P}'), UNKNOWN_PARAM)).toBe('unknown');
    const all = cfn(rules(open443, '{FromPort: 22, ToPort: 22, CidrIp: 172.16.0.0/12}'));
    const o = evaluate(c, all[0]!, { all });
    expect(o.r === 'fail' && o.at?.loc.path).toMatch(/SecurityGroupIngress\[1\]\.CidrIp$/);
  });

  it('each is validated, and attributePaths reads its paths on the list item', () => {
    const text = (c: string) => `- id: T-E-001
  title: t
  severity: low
  description: d
  resource: AWS::EC2::SecurityGroup
  condition:
${c.replace(/^/gm, '    ')}
  examples: {fail: [{cloudformation: x}], pass: [{cloudformation: x}]}
`;
    const parse = (c: string) =>
      parsePolicies([{ file: 'e.yaml', text: text(c), inConfig: false, optional: false }], new Set());
    expect(parse('each: SecurityGroupIngress').errors.join('\n')).toMatch(/^e\.yaml:\d+: each takes where/);
    expect(parse('each: [a]\ncondition: {attribute: CidrIp, exists: true}').errors.join('\n')).toMatch(
      /each must name a list attribute/,
    );
    const ok = parse(
      'each: SecurityGroupIngress\nwhere: {attribute: FromPort, equals: 22}\ncondition: {attribute: CidrIp, exists: true}',
    );
    expect(ok.errors).toEqual([]);
    expect(attributePaths(ok.policies[0]!).map((x) => x.path.join('.'))).toEqual([
      'SecurityGroupIngress.[]',
      'SecurityGroupIngress.[].FromPort',
      'SecurityGroupIngress.[].CidrIp',
    ]);
  });
});
