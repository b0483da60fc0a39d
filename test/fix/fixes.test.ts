/**
 * `hookguard fix` edits (issue 27): each fix turns a FAIL document into the reviewed expected one, touches nothing
 * outside the lines it sets or adds (comments, order, quoting, short-form tags stay), is idempotent, and leaves a value
 * that comes from elsewhere (a !Ref, Jinja) alone with a reason. YAML and JSON CloudFormation, Ansible.
 */
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/index.js';
import { FIXES } from '../../src/fix/registry.js';
import { lintTemplate } from '../../src/rules/cloudformation/index.js';
import { family as ansible } from '../../src/rules/ansible/index.js';

const CFN_YAML = `AWSTemplateFormatVersion: '2010-09-09'
# the database tier
Parameters:
  Size: { Type: String, Default: db.t3.micro }
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres   # pinned by the platform team
      DBInstanceClass: !Ref Size
      StorageEncrypted: false
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-logs'
  Vol:
    Type: AWS::EC2::Volume
`;

const CFN_YAML_FIXED = `AWSTemplateFormatVersion: '2010-09-09'
# the database tier
Parameters:
  Size: { Type: String, Default: db.t3.micro }
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres   # pinned by the platform team
      DBInstanceClass: !Ref Size
      StorageEncrypted: true
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-logs'
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  Vol:
    Type: AWS::EC2::Volume
    Properties:
      Encrypted: true
`;

const CFN_JSON = `{
    "Resources": {
        "Db": {
            "Type": "AWS::RDS::DBInstance",
            "Properties": {
                "Engine": "postgres",
                "PubliclyAccessible": true
            }
        },
        "Fs": {
            "Type": "AWS::EFS::FileSystem",
            "Properties": {
                "PerformanceMode": "generalPurpose"
            }
        }
    }
}
`;

const CFN_JSON_FIXED = `{
    "Resources": {
        "Db": {
            "Type": "AWS::RDS::DBInstance",
            "Properties": {
                "Engine": "postgres",
                "PubliclyAccessible": false
            }
        },
        "Fs": {
            "Type": "AWS::EFS::FileSystem",
            "Properties": {
                "PerformanceMode": "generalPurpose",
                "Encrypted": true
            }
        }
    }
}
`;

const PLAY = `- hosts: web
  become: yes
  tasks:
    - name: fetch the installer   # from the vendor
      ansible.builtin.get_url:
        url: https://vendor.example/install.sh
        dest: /tmp/install.sh
        validate_certs: no
    - name: nginx
      apt:
        name: nginx
        state: latest
    - name: call the API
      uri:
        url: https://api.example/items
        password: "{{ api_password }}"
`;

const PLAY_FIXED = `- hosts: web
  become: yes
  tasks:
    - name: fetch the installer   # from the vendor
      ansible.builtin.get_url:
        url: https://vendor.example/install.sh
        dest: /tmp/install.sh
        validate_certs: yes
    - name: nginx
      apt:
        name: nginx
        state: present
    - name: call the API
      uri:
        url: https://api.example/items
        password: "{{ api_password }}"
      no_log: true
`;

/** Every line of `before` that the fix did not set or add is still in `after`, in order. */
function onlyAdded(before: string, after: string, changed: RegExp) {
  const a = after.split('\n');
  let i = 0;
  for (const l of before.split('\n')) {
    if (changed.test(l)) continue;
    while (i < a.length && a[i] !== l) i++;
    expect(i, `line lost: ${l}`).toBeLessThan(a.length);
    i++;
  }
}

describe('fixes', () => {
  it('CloudFormation YAML: set a flag, add a missing block, add Properties; nothing else moves', () => {
    const r = applyFixes(
      CFN_YAML,
      [
        { ruleId: 'CFN-RDS-001', line: 11 },
        { ruleId: 'CFN-S3-003', line: 12 },
        { ruleId: 'CFN-EC2-006', line: 16 },
      ],
      'cloudformation',
    );
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(CFN_YAML_FIXED);
    onlyAdded(CFN_YAML, r.text, /StorageEncrypted/);
    // Idempotent: the same findings asked again change nothing.
    const again = applyFixes(r.text, [{ ruleId: 'CFN-RDS-001', line: 11 }], 'cloudformation');
    expect(again.text).toBe(r.text);
  });

  it('CloudFormation JSON keeps its indentation and commas', () => {
    const r = applyFixes(
      CFN_JSON,
      [
        { ruleId: 'CFN-RDS-003', line: 7 },
        { ruleId: 'CFN-EFS-001', line: 10 },
      ],
      'cloudformation',
    );
    expect(r.text).toBe(CFN_JSON_FIXED);
    expect(JSON.parse(r.text)).toBeTruthy();
  });

  it("Ansible: module arguments in the file's boolean spelling, state: latest → present, no_log on the task", () => {
    const r = applyFixes(
      PLAY,
      [
        { ruleId: 'ANS-TLS-001', line: 8 },
        { ruleId: 'ANS-PKG-005', line: 12 },
        { ruleId: 'ANS-SECRET-006', line: 16 },
      ],
      'ansible',
    );
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(PLAY_FIXED);
    expect(applyFixes(r.text, [{ ruleId: 'ANS-SECRET-006', line: 16 }], 'ansible').text).toBe(r.text);
  });

  it('never guesses a value that comes from elsewhere: a !Ref, Jinja, inline key=value arguments', () => {
    const ref = CFN_YAML.replace('StorageEncrypted: false', 'StorageEncrypted: !Ref Encrypt');
    const r = applyFixes(ref, [{ ruleId: 'CFN-RDS-001', line: 11 }], 'cloudformation');
    expect(r.text).toBe(ref);
    expect(r.skipped[0]!.why).toMatch(/set from elsewhere/);
    const inline = `- hosts: all\n  tasks:\n    - get_url: url=https://x.example/a dest=/tmp/a validate_certs=no\n`;
    const a = applyFixes(inline, [{ ruleId: 'ANS-TLS-001', line: 3 }], 'ansible');
    expect(a.text).toBe(inline);
    expect(a.skipped[0]!.why).toMatch(/inline/);
    // A Jinja value is the inventory's (dev may differ from prod on purpose): never replaced by a literal.
    const jinja = `- hosts: all\n  tasks:\n    - ansible.builtin.uri:\n        url: https://pay.example.com/v2\n        validate_certs: "{{ api_validate_certs }}"\n`;
    const j = applyFixes(jinja, [{ ruleId: 'ANS-TLS-001', line: 5 }], 'ansible');
    expect(j.text).toBe(jinja);
    expect(j.skipped[0]!.why).toMatch(/set from elsewhere/);
    const broken = 'Resources: [\n';
    expect(applyFixes(broken, [{ ruleId: 'CFN-RDS-001', line: 1 }], 'cloudformation').skipped[0]!.why).toMatch(
      /does not parse/,
    );
  });

  it('every fix names what it does', () => {
    for (const [id, spec] of Object.entries(FIXES)) {
      expect(id).toMatch(/^(CFN|ANS)-/);
      expect(spec.what.length).toBeGreaterThan(5);
    }
  });
});

describe('a block with some settings off', () => {
  it('sets every one of them in one run', () => {
    const t = `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: false\n        BlockPublicPolicy: true\n        IgnorePublicAcls: false\n`;
    const r = applyFixes(t, [{ ruleId: 'CFN-S3-003', line: 5 }], 'cloudformation');
    expect(r.text).toBe(
      `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n`,
    );
  });
});

/**
 * Fixes whose right value is the team's decision (issue 27): a template parameter without Default whose Description
 * names the decision, or an Ansible variable with a comment; never a guessed value.
 */
describe("the team's decision: a new parameter or variable, never a guessed value", () => {
  const SG_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
        - IpProtocol: tcp
          FromPort: 3389
          ToPort: 3389
          CidrIpv6: ::/0   # RDP for the ops team
  Alerts:
    Type: AWS::SNS::Topic
`;
  const SG_YAML_FIXED = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  AdminAccessCidr:
    Type: String
    Description: 'The network (CIDR) allowed to reach SSH and RDP: the team''s decision, never 0.0.0.0/0'
    AllowedPattern: '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$'
  AdminAccessCidrIpv6:
    Type: String
    Description: 'The IPv6 network (CIDR) allowed to reach SSH and RDP: the team''s decision, never ::/0'
  TopicKmsKey:
    Type: String
    Description: 'The team''s KMS key (key ARN, key id or alias/name) that encrypts the topic: the team''s decision'
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminAccessCidr }
        - IpProtocol: tcp
          FromPort: 3389
          ToPort: 3389
          CidrIpv6: !Ref AdminAccessCidrIpv6   # RDP for the ops team
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKmsKey
`;
  const targets = [
    { ruleId: 'CFN-SG-001', line: 8 },
    { ruleId: 'CFN-SG-001', line: 12 },
    { ruleId: 'CFN-SNS-002', line: 13 },
  ];

  it('CloudFormation YAML: the world CIDR becomes !Ref of a new parameter in a new Parameters section', () => {
    const r = applyFixes(SG_YAML, targets, 'cloudformation');
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(SG_YAML_FIXED);
    expect(r.applied.map((a) => a.ruleId)).toEqual(['CFN-SNS-002', 'CFN-SG-001', 'CFN-SG-001']);
    // Once fixed, a second run changes nothing (the parameter exists without a Default and is used as it is).
    const again = applyFixes(SG_YAML_FIXED, targets, 'cloudformation');
    expect(again.text).toBe(SG_YAML_FIXED);
  });

  const DB_JSON = `{
  "Parameters": {
    "Env": {
      "Type": "String",
      "Default": "dev"
    }
  },
  "Resources": {
    "Db": {
      "Type": "AWS::EC2::SecurityGroupIngress",
      "Properties": {
        "GroupId": "sg-1",
        "IpProtocol": "tcp",
        "FromPort": 5432,
        "ToPort": 5432,
        "CidrIp": "0.0.0.0/0"
      }
    }
  }
}
`;
  const DB_JSON_FIXED = `{
  "Parameters": {
    "Env": {
      "Type": "String",
      "Default": "dev"
    },
    "DatabaseClientCidr": {
      "Type": "String",
      "Description": "The network (CIDR) allowed to reach the database and cache ports: the team's decision, never 0.0.0.0/0",
      "AllowedPattern": "^(\\\\d{1,3}\\\\.){3}\\\\d{1,3}/\\\\d{1,2}$"
    }
  },
  "Resources": {
    "Db": {
      "Type": "AWS::EC2::SecurityGroupIngress",
      "Properties": {
        "GroupId": "sg-1",
        "IpProtocol": "tcp",
        "FromPort": 5432,
        "ToPort": 5432,
        "CidrIp": { "Ref": "DatabaseClientCidr" }
      }
    }
  }
}
`;

  it('CloudFormation JSON: the parameter joins the existing Parameters', () => {
    const r = applyFixes(DB_JSON, [{ ruleId: 'CFN-SG-002', line: 16 }], 'cloudformation');
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(DB_JSON_FIXED);
    const p = (JSON.parse(r.text) as { Parameters: Record<string, { Default?: string }> }).Parameters;
    expect(p.DatabaseClientCidr).toBeDefined();
    expect(p.DatabaseClientCidr!.Default).toBeUndefined();
  });

  it('an existing parameter of that name with a Default is the team’s value already: refused, nothing changes', () => {
    const t = `Parameters:\n  AdminAccessCidr:\n    Type: String\n    Default: 10.0.0.0/8\nResources:\n  S:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: sg-1\n      IpProtocol: tcp\n      FromPort: 22\n      ToPort: 22\n      CidrIp: 0.0.0.0/0\n`;
    const r = applyFixes(t, [{ ruleId: 'CFN-SG-001', line: 13 }], 'cloudformation');
    expect(r.text).toBe(t);
    expect(r.skipped[0]!.why).toMatch(/AdminAccessCidr already exists with a Default/);
  });

  it("CFN-KMS-003: the resource type's key property, top level or nested, becomes !Ref of one new parameter", () => {
    const t = `Resources:\n  Files:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      Encrypted: true\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EncryptionAtRestOptions:\n        Enabled: true\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      StorageEncrypted: true\n      KmsKeyId: alias/aws/rds\n`;
    const r = applyFixes(
      t,
      [2, 9, 15].map((line) => ({ ruleId: 'CFN-KMS-003', line })),
      'cloudformation',
    );
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(
      `Parameters:\n  DataKmsKeyArn:\n    Type: String\n    Description: 'The ARN of the team''s KMS key that encrypts data at rest in this template: the team''s decision'\nResources:\n  Files:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      Encrypted: true\n      KmsKeyId: !Ref DataKmsKeyArn\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EncryptionAtRestOptions:\n        Enabled: true\n        KmsKeyId: !Ref DataKmsKeyArn\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      StorageEncrypted: true\n      KmsKeyId: !Ref DataKmsKeyArn\n`,
    );
  });

  it('a CIDR set from a parameter is changed where it is set, not here', () => {
    const t = `Parameters:\n  Cidr:\n    Type: String\n    Default: 0.0.0.0/0\nResources:\n  S:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: sg-1\n      IpProtocol: tcp\n      FromPort: 22\n      ToPort: 22\n      CidrIp: !Ref Cidr\n`;
    const r = applyFixes(t, [{ ruleId: 'CFN-SG-001', line: 13 }], 'cloudformation');
    expect(r.text).toBe(t);
    expect(r.skipped[0]!.why).toMatch(/no literal world CIDR/);
  });

  const SG_PLAY = `- name: Web security group
  amazon.aws.ec2_security_group:
    name: web
    description: web
    rules:
      - proto: tcp
        ports: [22]
        cidr_ip: 0.0.0.0/0
      - proto: tcp
        ports: [3389]
        cidr_ipv6: ::/0   # rdp
      - proto: all
        cidr_ip:
          - 10.0.0.0/8
          - '0.0.0.0/0'
`;
  const SG_PLAY_FIXED = `- name: Web security group
  amazon.aws.ec2_security_group:
    name: web
    description: web
    rules:
      - proto: tcp
        ports: [22]
        cidr_ip: "{{ admin_cidr }}"  # hookguard: set admin_cidr to the network allowed to reach this administrative port (the team's decision)
      - proto: tcp
        ports: [3389]
        cidr_ipv6: "{{ admin_cidr_ipv6 }}"   # rdp
      - proto: all
        cidr_ip:
          - 10.0.0.0/8
          - "{{ admin_cidr }}"  # hookguard: set admin_cidr to the network allowed to reach this administrative port (the team's decision)
`;

  it('Ansible: the world CIDR becomes a variable, with a comment that names the decision', () => {
    const t = [8, 11, 15].map((line) => ({ ruleId: 'ANS-AWS-001', line }));
    const r = applyFixes(SG_PLAY, t, 'ansible');
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(SG_PLAY_FIXED);
    expect(applyFixes(r.text, t, 'ansible').skipped.map((s) => s.why)).toEqual(
      Array(3).fill('no literal world CIDR on that line (a variable: change it where it is set)'),
    );
  });
});

describe('Ansible AWS modules: an argument written wrong is set right; an absent one is left (aliases, other modules)', () => {
  const PLAY = `- name: Public database
  amazon.aws.rds_instance:
    id: app-db
    storage_encrypted: no
    publicly_accessible: yes   # for the migration
- name: Data volume
  amazon.aws.ec2_vol:
    instance: i-0123456789abcdef0
    volume_size: 50
    encrypted: False
- name: Another database
  amazon.aws.rds_instance:
    id: other
`;
  const FIXED = `- name: Public database
  amazon.aws.rds_instance:
    id: app-db
    storage_encrypted: yes
    publicly_accessible: no   # for the migration
- name: Data volume
  amazon.aws.ec2_vol:
    instance: i-0123456789abcdef0
    volume_size: 50
    encrypted: True
- name: Another database
  amazon.aws.rds_instance:
    id: other
`;
  it('keeps the file’s spelling of booleans and its comments; skips the absent argument with a reason', () => {
    const r = applyFixes(
      PLAY,
      [
        { ruleId: 'ANS-AWS-005', line: 4 },
        { ruleId: 'ANS-AWS-004', line: 5 },
        { ruleId: 'ANS-AWS-006', line: 10 },
        { ruleId: 'ANS-AWS-005', line: 11 },
      ],
      'ansible',
    );
    expect(r.text).toBe(FIXED);
    expect(r.skipped).toEqual([
      { ruleId: 'ANS-AWS-005', line: 11, why: 'storage_encrypted is not what the rule reported' },
    ]);
    expect(applyFixes(FIXED, [{ ruleId: 'ANS-AWS-004', line: 5 }], 'ansible').text).toBe(FIXED);
  });
});

describe('fixes per resource type, with a new parameter inside a block (APIGW-003, APIGW-006, S3-005)', () => {
  const FORMAT =
    '{"requestId":"$context.requestId","sourceIp":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","path":"$context.path","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength"}';
  const API = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Prod:   # the public stage
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
  Http:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref HttpApi
      StageName: $default
  Deploy:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: beta
  Reports:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-reports'
`;
  const API_FIXED = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ApiAccessLogGroupArn:
    Type: String
    Description: 'The ARN of the CloudWatch Logs log group that receives the API''s access logs (REST APIs also need the account''s API Gateway CloudWatch role): the team''s decision'
  AccessLogBucketName:
    Type: String
    Description: 'The bucket that receives the S3 server access logs (same account and Region, log delivery allowed): the team''s decision'
Resources:
  Prod:   # the public stage
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
      TracingEnabled: true
      AccessLogSetting:
        DestinationArn: !Ref ApiAccessLogGroupArn
        Format: '${FORMAT}'
  Http:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref HttpApi
      StageName: $default
      AccessLogSettings:
        DestinationArn: !Ref ApiAccessLogGroupArn
        Format: '${FORMAT}'
  Deploy:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: beta
      StageDescription:
        TracingEnabled: true
        AccessLogSetting:
          DestinationArn: !Ref ApiAccessLogGroupArn
          Format: '${FORMAT}'
  Reports:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-reports'
      LoggingConfiguration:
        DestinationBucketName: !Ref AccessLogBucketName
        LogFilePrefix: Reports/
`;
  const targets = [
    { ruleId: 'CFN-APIGW-006', line: 3 },
    { ruleId: 'CFN-APIGW-003', line: 3 },
    { ruleId: 'CFN-APIGW-003', line: 8 },
    { ruleId: 'CFN-APIGW-006', line: 13 },
    { ruleId: 'CFN-APIGW-003', line: 13 },
    { ruleId: 'CFN-S3-005', line: 18 },
  ];

  it('YAML: each stage gets the key its type names, the deployment a StageDescription, the bucket its own prefix', () => {
    const r = applyFixes(API, targets, 'cloudformation');
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(API_FIXED);
    onlyAdded(API, r.text, /^$/);
    // The targets are the rules' own findings, and the fix clears them all.
    const ids = new Set(targets.map((t) => t.ruleId));
    const mine = (text: string) =>
      lintTemplate(text)
        .findings.filter((f) => ids.has(f.ruleId))
        .map((f) => ({ ruleId: f.ruleId, line: f.line }));
    expect(mine(API)).toEqual(expect.arrayContaining(targets));
    expect(mine(API)).toHaveLength(targets.length);
    expect(mine(r.text)).toEqual([]);
  });

  it('JSON: the !Ref is { "Ref": … }, and the parameter joins the existing Parameters', () => {
    const json = `{
  "Parameters": {
    "Env": { "Type": "String" }
  },
  "Resources": {
    "Stage": {
      "Type": "AWS::ApiGateway::Stage",
      "Properties": {
        "RestApiId": "abc123",
        "TracingEnabled": false
      }
    }
  }
}
`;
    const r = applyFixes(
      json,
      [
        { ruleId: 'CFN-APIGW-006', line: 10 },
        { ruleId: 'CFN-APIGW-003', line: 6 },
      ],
      'cloudformation',
    );
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(`{
  "Parameters": {
    "Env": { "Type": "String" },
    "ApiAccessLogGroupArn": {
      "Type": "String",
      "Description": "The ARN of the CloudWatch Logs log group that receives the API's access logs (REST APIs also need the account's API Gateway CloudWatch role): the team's decision"
    }
  },
  "Resources": {
    "Stage": {
      "Type": "AWS::ApiGateway::Stage",
      "Properties": {
        "RestApiId": "abc123",
        "TracingEnabled": true,
        "AccessLogSetting": {
          "DestinationArn": { "Ref": "ApiAccessLogGroupArn" },
          "Format": ${JSON.stringify(FORMAT)}
        }
      }
    }
  }
}
`);
    expect(JSON.parse(r.text).Resources.Stage.Properties.AccessLogSetting.Format).toBe(FORMAT);
  });

  it('JSON: two fixes that add the same missing block write it once, with both settings', () => {
    const json = `{
  "Resources": {
    "Deploy": {
      "Type": "AWS::ApiGateway::Deployment",
      "Properties": {
        "RestApiId": "abc123",
        "StageName": "beta"
      }
    }
  }
}
`;
    const r = applyFixes(
      json,
      [
        { ruleId: 'CFN-APIGW-006', line: 3 },
        { ruleId: 'CFN-APIGW-003', line: 3 },
      ],
      'cloudformation',
    );
    expect(r.skipped).toEqual([]);
    expect(r.applied.map((a) => a.ruleId).sort()).toEqual(['CFN-APIGW-003', 'CFN-APIGW-006']);
    // The merged edit answers for both findings, with or without the parameter's edit.
    const alone = applyFixes(
      json,
      [
        { ruleId: 'CFN-APIGW-006', line: 3 },
        { ruleId: 'CFN-APIGW-006', line: 4 },
      ],
      'cloudformation',
    );
    expect(alone.applied).toHaveLength(2);
    expect(JSON.parse(r.text).Resources.Deploy.Properties.StageDescription).toEqual({
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: { Ref: 'ApiAccessLogGroupArn' }, Format: FORMAT },
    });
    expect(r.text).toContain(`        "StageName": "beta",
        "StageDescription": {
          "TracingEnabled": true,
          "AccessLogSetting": {`);
    expect(lintTemplate(r.text).findings.filter((f) => ['CFN-APIGW-003', 'CFN-APIGW-006'].includes(f.ruleId))).toEqual(
      [],
    );
  });

  it('an entry added at the end of a nested block stays in it when a property is added after the block', () => {
    const t = `Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
`;
    // The order findings come in (here the access log first) does not decide where the edits land.
    const r = applyFixes(
      t,
      [
        { ruleId: 'CFN-S3-005', line: 2 },
        { ruleId: 'CFN-S3-003', line: 5 },
      ],
      'cloudformation',
    );
    expect(r.text).toBe(`Parameters:
  AccessLogBucketName:
    Type: String
    Description: 'The bucket that receives the S3 server access logs (same account and Region, log delivery allowed): the team''s decision'
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: !Ref AccessLogBucketName
        LogFilePrefix: Logs/
`);
  });

  it('a type the fix does not know is left alone with a reason', () => {
    const t = `Resources:\n  X:\n    Type: AWS::Custom::Thing\n    Properties:\n      A: 1\n`;
    const r = applyFixes(t, [{ ruleId: 'CFN-APIGW-006', line: 2 }], 'cloudformation');
    expect(r.text).toBe(t);
    expect(r.skipped[0]!.why).toMatch(/no fix for resource type AWS::Custom::Thing/);
  });
});

describe('a version raised or a value replaced where it is written (CF-001, CF-003, ELB-002, APIGW-002, GUARDDUTY-001)', () => {
  const T = `Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: "allow-all"   # legacy clients
        CacheBehaviors:
          - PathPattern: /img/*
            TargetOriginId: web
            ViewerProtocolPolicy: allow-all
        ViewerCertificate:
          AcmCertificateArn: !Ref Cert
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1_2016
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      Protocol: HTTPS
      Port: 443
      SslPolicy: ELBSecurityPolicy-2016-08
  Tls:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      Protocol: TLS
      Port: 8443
  Domain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: False
`;
  const FIXED = T.replace('"allow-all"   # legacy', '"redirect-to-https"   # legacy')
    .replace('ViewerProtocolPolicy: allow-all\n', 'ViewerProtocolPolicy: redirect-to-https\n')
    .replace('TLSv1_2016', 'TLSv1.2_2021')
    .replace('ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS13-1-2-2021-06')
    .replace('Port: 8443\n', 'Port: 8443\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n')
    .replace('api.example.com\n', 'api.example.com\n      SecurityPolicy: TLS_1_2\n')
    .replace('Enable: False', 'Enable: True');
  const ids = ['CFN-CF-001', 'CFN-CF-003', 'CFN-ELB-002', 'CFN-APIGW-002', 'CFN-GUARDDUTY-001'];
  const mine = (text: string) =>
    lintTemplate(text)
      .findings.filter((f) => ids.includes(f.ruleId))
      .map((f) => ({ ruleId: f.ruleId, line: f.line }));

  it('YAML: the quoting, comment and boolean spelling of the line stay; absent settings are added', () => {
    const targets = mine(T);
    expect(new Set(targets.map((t) => t.ruleId))).toEqual(new Set(ids));
    const r = applyFixes(T, targets, 'cloudformation');
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(FIXED);
    expect(mine(r.text)).toEqual([]);
    // Added only on a resource type where the key is a top-level property.
    const wrong = applyFixes(T, [{ ruleId: 'CFN-APIGW-002', line: 25 }], 'cloudformation');
    expect(wrong.text).toBe(T);
    expect(wrong.skipped[0]!.why).toMatch(/no SecurityPolicy written on that line/);
  });

  it('JSON', () => {
    const json = JSON.stringify(
      {
        Resources: {
          Https: {
            Type: 'AWS::ElasticLoadBalancingV2::Listener',
            Properties: { Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS-1-1-2017-01' },
          },
          Domain: {
            Type: 'AWS::ApiGatewayV2::DomainName',
            Properties: {
              DomainName: 'api.example.com',
              DomainNameConfigurations: [{ CertificateArn: 'arn:cert', SecurityPolicy: 'TLS_1_0' }],
            },
          },
        },
      },
      null,
      2,
    );
    const r = applyFixes(json, mine(json), 'cloudformation');
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(
      json
        .replace('ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-TLS13-1-2-2021-06')
        .replace('"TLS_1_0"', '"TLS_1_2"'),
    );
    expect(mine(r.text)).toEqual([]);
  });

  it('a value the rule did not report, or one set from elsewhere, is left with a reason', () => {
    const t = `Resources:\n  L:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      Protocol: HTTPS\n      SslPolicy: !Ref Policy\n`;
    const r = applyFixes(t, [{ ruleId: 'CFN-ELB-002', line: 6 }], 'cloudformation');
    expect(r.text).toBe(t);
    expect(r.skipped[0]!.why).toMatch(/set from elsewhere/);
    const other = t.replace('!Ref Policy', 'CustomPolicy');
    expect(applyFixes(other, [{ ruleId: 'CFN-ELB-002', line: 6 }], 'cloudformation').skipped[0]!.why).toMatch(
      /not what the rule reported/,
    );
  });
});

describe('CFN-S3-006: a statement denying plain HTTP joins the bucket policy', () => {
  const T = `Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: team-reports   # created by the data team
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
        - Effect: Allow
          Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }
          Action: s3:GetObject
          Resource: arn:aws:s3:::team-reports/*
`;
  it('YAML: after the last statement, at its column, for a bucket named literally', () => {
    const r = applyFixes(T, [{ ruleId: 'CFN-S3-006', line: 6 }], 'cloudformation');
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(
      T +
        `        - Sid: DenyInsecureTransport
          Effect: Deny
          Principal: '*'
          Action: 's3:*'
          Resource:
            - !Sub 'arn:\${AWS::Partition}:s3:::team-reports'
            - !Sub 'arn:\${AWS::Partition}:s3:::team-reports/*'
          Condition:
            Bool:
              aws:SecureTransport: 'false'
`,
    );
    expect(lintTemplate(r.text).findings.filter((f) => f.ruleId === 'CFN-S3-006')).toEqual([]);
    // Asked again (the same finding), nothing is added twice.
    expect(applyFixes(r.text, [{ ruleId: 'CFN-S3-006', line: 6 }], 'cloudformation').text).toBe(r.text);
  });

  it('JSON: { "Ref": … } becomes ${Name} in the Fn::Sub; a bucket from elsewhere is left with a reason', () => {
    const json = JSON.stringify(
      {
        Resources: {
          Policy: {
            Type: 'AWS::S3::BucketPolicy',
            Properties: {
              Bucket: { Ref: 'Data' },
              PolicyDocument: {
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Service: 'logs.amazonaws.com' },
                    Action: 's3:PutObject',
                    Resource: '*',
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
    const r = applyFixes(json, [{ ruleId: 'CFN-S3-006', line: 3 }], 'cloudformation');
    expect(r.skipped).toEqual([]);
    expect(JSON.parse(r.text).Resources.Policy.Properties.PolicyDocument.Statement[1]).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [
        { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Data}' },
        { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Data}/*' },
      ],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(lintTemplate(r.text).findings.filter((f) => f.ruleId === 'CFN-S3-006')).toEqual([]);
    const imported = T.replace('team-reports   # created', '!ImportValue data-bucket   # created');
    const x = applyFixes(imported, [{ ruleId: 'CFN-S3-006', line: 6 }], 'cloudformation');
    expect(x.text).toBe(imported);
    expect(x.skipped[0]!.why).toMatch(/not a !Ref or a literal name/);
  });
});

describe('Ansible package and repository checks turned back on (PKG-001/002/003, TLS-005)', () => {
  const PLAY = `- hosts: all
  become: true
  tasks:
    - name: Agent from the vendor
      ansible.builtin.apt:
        deb: /tmp/agent.deb
        allow_unauthenticated: yes   # the vendor's key expired
    - name: Agent on RHEL
      ansible.builtin.dnf:
        name: agent
        disable_gpg_check: True
    - name: Vendor repository
      ansible.builtin.yum_repository:
        name: vendor
        description: Vendor
        baseurl: https://repo.vendor.example/el9
        gpgcheck: no
        sslverify: "false"
    - name: Inline
      yum: name=agent disable_gpg_check=yes
`;
  const ids = ['ANS-PKG-001', 'ANS-PKG-002', 'ANS-PKG-003', 'ANS-TLS-005'];
  const mine = (text: string) =>
    ansible
      .lint('site.yml', text)
      .findings.filter((f) => ids.includes(f.ruleId))
      .map((f) => ({ ruleId: f.ruleId, line: f.line }));

  it("keeps the file's boolean spelling (a quoted string becomes a boolean); inline key=value arguments are left with a reason", () => {
    const targets = mine(PLAY);
    expect(new Set(targets.map((t) => t.ruleId))).toEqual(new Set(ids));
    const r = applyFixes(PLAY, targets, 'ansible');
    expect(r.text).toBe(
      PLAY.replace('allow_unauthenticated: yes', 'allow_unauthenticated: no')
        .replace('disable_gpg_check: True', 'disable_gpg_check: False')
        .replace('gpgcheck: no', 'gpgcheck: yes')
        .replace('sslverify: "false"', 'sslverify: true'),
    );
    expect(r.skipped.map((s) => [s.ruleId, s.line])).toEqual([['ANS-PKG-002', 20]]);
    expect(r.skipped[0]!.why).toMatch(/inline/);
    expect(mine(r.text)).toEqual([{ ruleId: 'ANS-PKG-002', line: 20 }]);
  });
});

describe('CFN-LOG-006, CFN-KIN-001, CFN-ECS-001', () => {
  const T = `Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref TrailBucket
      IsLogging: false
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
      StreamEncryption:
        EncryptionType: NONE
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: shared
          EFSVolumeConfiguration:
            FilesystemId: !Ref Fs
            TransitEncryption: DISABLED   # TODO
`;
  it('YAML: a flag, a block whose value was wrong and gains its key, a value in a list item', () => {
    const ids = ['CFN-LOG-006', 'CFN-KIN-001', 'CFN-ECS-001'];
    const mine = (text: string) =>
      lintTemplate(text)
        .findings.filter((f) => ids.includes(f.ruleId))
        .map((f) => ({ ruleId: f.ruleId, line: f.line }));
    expect(new Set(mine(T).map((t) => t.ruleId))).toEqual(new Set(ids));
    const r = applyFixes(T, mine(T), 'cloudformation');
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(
      T.replace('IsLogging: false', 'IsLogging: true')
        .replace('EncryptionType: NONE\n', 'EncryptionType: KMS\n        KeyId: alias/aws/kinesis\n')
        .replace('DISABLED   # TODO', 'ENABLED   # TODO'),
    );
    expect(mine(r.text)).toEqual([]);
  });
});

describe('CFN-CRED-004: NoEcho on a secret-looking parameter', () => {
  it('added to the parameter, or a false one turned true; YAML and JSON', () => {
    const t = `Parameters:
  DbPassword:   # rotated by the DBA team
    Type: String
  ApiToken:
    Type: String
    NoEcho: false
Resources:
  Q:
    Type: AWS::SQS::Queue
`;
    const r = applyFixes(
      t,
      [
        { ruleId: 'CFN-CRED-004', line: 2 },
        { ruleId: 'CFN-CRED-004', line: 4 },
      ],
      'cloudformation',
    );
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(
      t
        .replace('    Type: String\n  ApiToken', '    Type: String\n    NoEcho: true\n  ApiToken')
        .replace('NoEcho: false', 'NoEcho: true'),
    );
    expect(lintTemplate(r.text).findings.filter((f) => f.ruleId === 'CFN-CRED-004')).toEqual([]);
    const json = `{\n  "Parameters": {\n    "DbPassword": { "Type": "String" }\n  },\n  "Resources": { "Q": { "Type": "AWS::SQS::Queue" } }\n}\n`;
    const j = applyFixes(json, [{ ruleId: 'CFN-CRED-004', line: 3 }], 'cloudformation');
    expect(JSON.parse(j.text).Parameters.DbPassword).toEqual({ Type: 'String', NoEcho: true });
    expect(applyFixes(t, [{ ruleId: 'CFN-CRED-004', line: 9 }], 'cloudformation').skipped[0]!.why).toMatch(
      /set NoEcho: true on its parameter/,
    );
  });
});

describe('a value chosen by the resource (CFN-MQ-002), a key set in the nested block of the finding (CFN-EC2-007)', () => {
  it('RabbitMQ gets General only; an engine from a parameter is left with a reason', () => {
    const t = `Resources:\n  Rabbit:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      EngineType: rabbitmq\n  Other:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      EngineType: !Ref Engine\n`;
    const r = applyFixes(
      t,
      [
        { ruleId: 'CFN-MQ-002', line: 2 },
        { ruleId: 'CFN-MQ-002', line: 6 },
      ],
      'cloudformation',
    );
    expect(r.text).toBe(
      `Resources:\n  Rabbit:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      EngineType: rabbitmq\n      Logs:\n        General: true\n  Other:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      EngineType: !Ref Engine\n`,
    );
    expect(r.skipped).toEqual([
      {
        ruleId: 'CFN-MQ-002',
        line: 6,
        why: 'EngineType is not one hookguard knows, or not written literally: set Logs by hand',
      },
    ]);
    expect(
      lintTemplate(r.text)
        .findings.filter((f) => f.ruleId === 'CFN-MQ-002')
        .map((f) => f.line),
    ).toEqual([8]);
  });

  it('only the mapping that holds the finding changes, among several of the same list', () => {
    const t = `Resources:\n  Box:\n    Type: AWS::EC2::Instance\n    Properties:\n      BlockDeviceMappings:\n        - DeviceName: /dev/sda1\n          Ebs: { VolumeSize: 8, Encrypted: true }\n        - DeviceName: /dev/sdf\n          Ebs:\n            VolumeSize: 10\n`;
    const r = applyFixes(t, [{ ruleId: 'CFN-EC2-007', line: 9 }], 'cloudformation');
    expect(r.skipped).toEqual([]);
    expect(r.text).toBe(`${t}            Encrypted: true\n`);
    expect(applyFixes(r.text, [{ ruleId: 'CFN-EC2-007', line: 9 }], 'cloudformation').text).toBe(r.text);
    const none = applyFixes(t, [{ ruleId: 'CFN-EC2-007', line: 3 }], 'cloudformation');
    expect(none.text).toBe(t);
    expect(none.skipped[0]!.why).toMatch(/no block of BlockDeviceMappings\[\]\.Ebs at that line/);
  });
});

describe('Ansible: a module argument written wrong on the finding’s line, at any depth (ans-args)', () => {
  const PLAY = `- name: Search
  community.aws.opensearch:
    domain_name: search
    domain_endpoint_options:
      enforce_https: False   # legacy clients
- name: Cache
  azure_rm_rediscache:
    name: cache
    enable_non_ssl_port: "{{ plain_port }}"
`;
  it('sets the nested argument in the file’s spelling; a variable or an absent argument is left with a reason', () => {
    const r = applyFixes(
      PLAY,
      [
        { ruleId: 'ANS-AWS-020', line: 5 },
        { ruleId: 'ANS-AWS-020', line: 1 },
        { ruleId: 'ANS-AZ-013', line: 9 },
      ],
      'ansible',
    );
    expect(r.text).toBe(PLAY.replace('enforce_https: False', 'enforce_https: True'));
    expect(r.skipped.map((s) => [s.ruleId, s.line])).toEqual([
      ['ANS-AWS-020', 1],
      ['ANS-AZ-013', 9],
    ]);
    expect(r.skipped[0]!.why).toMatch(/left out, or set from a variable/);
    expect(applyFixes(r.text, [{ ruleId: 'ANS-AWS-020', line: 5 }], 'ansible').text).toBe(r.text);
  });
});

describe('new parameters only where a value is missing (CFN-LOG-007, CFN-CF-005), a block only where absent (CFN-REDSHIFT-004)', () => {
  const fix = (text: string, ruleId: string) =>
    applyFixes(
      text,
      lintTemplate(text)
        .findings.filter((f) => f.ruleId === ruleId)
        .map((f) => ({ ruleId: f.ruleId, line: f.line })),
      'cloudformation',
    );

  it('CFN-LOG-007: a topic the trail names stays, and gets no parameter; an empty log group becomes !Ref', () => {
    const text = `Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: audit
      SnsTopicName: deliveries # ours
      CloudWatchLogsLogGroupArn: ''
`;
    const out = fix(text, 'CFN-LOG-007');
    expect(out.skipped).toEqual([]);
    expect(out.text).toContain('      SnsTopicName: deliveries # ours\n');
    expect(out.text).toContain('      CloudWatchLogsLogGroupArn: !Ref TrailLogGroupArn\n');
    expect(out.text).toContain('      CloudWatchLogsRoleArn: !Ref TrailLogsRoleArn\n');
    expect(out.text).not.toContain('TrailTopicName');
    expect(out.text.startsWith('Parameters:\n  TrailLogGroupArn:\n    Type: String\n')).toBe(true);
    expect(lintTemplate(out.text).findings.filter((f) => f.ruleId === 'CFN-LOG-007')).toEqual([]);
  });

  it('CFN-CF-005: a WebACLId written with a value is left with a reason; an empty one becomes !Ref', () => {
    const dist = (acl: string) => `Resources:
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        WebACLId: ${acl}
        DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: https-only }
`;
    expect(fix(dist("''"), 'CFN-CF-005').text).toContain('        WebACLId: !Ref CloudFrontWebAclArn\n');
    const kept = applyFixes(dist('acl-123'), [{ ruleId: 'CFN-CF-005', line: 5 }], 'cloudformation');
    expect(kept.text).toBe(dist('acl-123'));
    expect(kept.skipped[0]?.why).toMatch(/already set/);
  });

  it('CFN-REDSHIFT-004: LoggingProperties written without a destination is left with a reason', () => {
    const text = `Resources:
  Wh:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
      LoggingProperties:
        S3KeyPrefix: redshift/
`;
    const out = fix(text, 'CFN-REDSHIFT-004');
    expect(out.text).toBe(text);
    expect(out.skipped[0]?.why).toMatch(/BucketName/);
  });
});

describe('Ansible: an argument left out, added where the rule reports its absence at the task (ans-args add)', () => {
  const TASKS = `- name: Web images  # ours
  community.aws.ecs_ecr:
    name: shop/web
    scan_on_push: yes

- name: Worker images
  ecs_ecr:
    name: shop/worker
    image_tag_mutability: MUTABLE
`;

  it('adds image_tag_mutability: immutable under the module, and turns MUTABLE immutable', () => {
    const findings = ansible.lint('tasks/main.yml', TASKS).findings.filter((f) => f.ruleId === 'ANS-AWS-033');
    expect(findings.map((f) => f.line)).toEqual([1, 9]);
    const out = applyFixes(
      TASKS,
      findings.map((f) => ({ ruleId: f.ruleId, line: f.line })),
      'ansible',
    );
    expect(out.text).toBe(
      TASKS.replace('scan_on_push: yes\n', 'scan_on_push: yes\n    image_tag_mutability: immutable\n').replace(
        'MUTABLE',
        'immutable',
      ),
    );
    expect(ansible.lint('tasks/main.yml', out.text).findings.filter((f) => f.ruleId === 'ANS-AWS-033')).toEqual([]);
  });

  it('adds nothing for a line inside the task, or on a module the fix does not name', () => {
    const inside = applyFixes(TASKS, [{ ruleId: 'ANS-AWS-033', line: 3 }], 'ansible');
    expect(inside.text).toBe(TASKS);
    expect(inside.skipped[0]?.why).toMatch(/left out/);
    const other = TASKS.replace('community.aws.ecs_ecr', 'community.aws.ecs_ecr_other');
    expect(applyFixes(other, [{ ruleId: 'ANS-AWS-033', line: 1 }], 'ansible').text).toBe(other);
  });
});

describe("CFN-S3-008: a CORS rule's '*' origin", () => {
  const bucket = (rules: string) => `Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
${rules}`;
  const fix = (text: string) => {
    const mine = lintTemplate(text).findings.filter((f) => f.ruleId === 'CFN-S3-008');
    expect(mine.length).toBeGreaterThan(0);
    return applyFixes(
      text,
      mine.map((f) => ({ ruleId: f.ruleId, line: f.line })),
      'cloudformation',
    );
  };

  it('removed from a flow list that names other origins; no parameter', () => {
    const text = bucket(
      `          - AllowedOrigins: [https://a.example.com, '*']\n            AllowedMethods: [GET]\n`,
    );
    const out = fix(text);
    expect(out.text).toBe(text.replace(", '*'", ''));
  });

  it('a list of only * becomes !Ref of a new list parameter without default (block and flow)', () => {
    const block = bucket(
      `          - AllowedOrigins:\n              - '*'  # any\n            AllowedMethods: [GET]\n`,
    );
    const out = fix(block);
    expect(out.text).toContain(
      '          - AllowedOrigins: !Ref CorsAllowedOrigins  # any\n            AllowedMethods',
    );
    expect(
      out.text.startsWith('Parameters:\n  CorsAllowedOrigins:\n    Type: CommaDelimitedList\n    Description: '),
    ).toBe(true);
    expect(out.text).not.toMatch(/Default/);
    expect(lintTemplate(out.text).findings.filter((f) => f.ruleId === 'CFN-S3-008')).toEqual([]);
    const flow = bucket(`          - AllowedOrigins: ['*']\n            AllowedMethods: [GET]\n`);
    expect(fix(flow).text).toContain('          - AllowedOrigins: !Ref CorsAllowedOrigins\n');
  });

  it("a '*' method is left with a reason", () => {
    const text = bucket(`          - AllowedOrigins: [https://a.example.com]\n            AllowedMethods: ['*']\n`);
    const out = fix(text);
    expect(out.text).toBe(text);
    expect(out.skipped[0]?.why).toMatch(/method/);
  });
});
