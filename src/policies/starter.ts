/**
 * `hookguard policy init`: a commented starter `policies/` folder a team copies and edits — network boundaries,
 * encryption with the team's key, no public data stores, host hardening — each policy with the examples the loader
 * runs. Existing files are never overwritten.
 */
export const STARTER: Readonly<Record<string, string>> = {
  'network.yaml': `# Network boundaries: how VPCs and security groups are configured.
# Each policy is enforced by hookguard (pre-commit, pre-push, the Action) on CloudFormation templates and on the
# equivalent Ansible amazon.aws tasks alike, and rendered as the team's standard by \`hookguard policy\`.
# Replace ACME with your team's prefix, and 10.20.0.0/16 with your office or VPN range.
- id: ACME-NET-001
  title: SSH only from the office network
  severity: high
  owners: ['@acme/network']
  service: networking
  description: |
    Security groups admit SSH (port 22) only from \`10.20.0.0/16\`, the office VPN range. Anything wider turns a
    leaked key into a breach; use the bastion or SSM Session Manager from elsewhere.
  resource: AWS::EC2::SecurityGroup
  # Each ingress rule on its own: a rule that reaches port 22 (all protocols, or a port range that includes 22) must
  # come from inside the office range; rules for other ports, or from another security group, are not judged here.
  condition:
    each: SecurityGroupIngress
    where:
      any:
        - {attribute: IpProtocol, in: ['-1', all]}
        - all:
            - {attribute: FromPort, lte: 22}
            - {attribute: ToPort, gte: 22}
    condition:
      all:
        - any:
            - {attribute: CidrIp, cidr-within: 10.20.0.0/16}
            - {attribute: CidrIp, absent: true}
        - {attribute: CidrIpv6, absent: true}
  remediation: Set CidrIp (cidr_ip in Ansible) to a range inside 10.20.0.0/16.
  examples:
    fail:
      - cloudformation: |
          Resources:
            Bastion:
              Type: AWS::EC2::SecurityGroup
              Properties:
                GroupDescription: bastion
                SecurityGroupIngress:
                  - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                  - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
      - cloudformation: |
          Resources:
            Wide:
              Type: AWS::EC2::SecurityGroup
              Properties:
                GroupDescription: every port from a partner
                SecurityGroupIngress:
                  - {IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIp: 192.168.7.0/24}
      - ansible: |
          - hosts: localhost
            tasks:
              - amazon.aws.ec2_security_group:
                  name: bastion
                  description: bastion
                  rules:
                    - {proto: tcp, ports: [22], cidr_ip: 0.0.0.0/0}
    pass:
      - cloudformation: |
          Resources:
            Bastion:
              Type: AWS::EC2::SecurityGroup
              Properties:
                GroupDescription: bastion
                SecurityGroupIngress:
                  - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                  - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.20.8.0/24}
`,
  'encryption.yaml': `# Encryption with the team's key: data at rest is encrypted with our customer-managed KMS key, so access to the data
# is access to the key, which we control and audit. Replace the alias with your team's key.
- id: ACME-KMS-001
  title: Buckets are encrypted with the team's KMS key
  severity: high
  owners: ['@acme/platform']
  service: encryption
  description: |
    Every S3 bucket uses SSE-KMS with the team key \`alias/acme-data\`: S3-managed keys (SSE-S3) cannot be
    restricted or audited per team.
  resource: AWS::S3::Bucket
  condition:
    all:
      - attribute: BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm
        equals: aws:kms
      - attribute: BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.KMSMasterKeyID
        matches: 'alias/acme-data$'
  examples:
    fail:
      - cloudformation: |
          Resources:
            Reports:
              Type: AWS::S3::Bucket
              Properties:
                BucketEncryption:
                  ServerSideEncryptionConfiguration:
                    - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
    pass:
      - cloudformation: |
          Resources:
            Reports:
              Type: AWS::S3::Bucket
              Properties:
                BucketEncryption:
                  ServerSideEncryptionConfiguration:
                    - ServerSideEncryptionByDefault:
                        SSEAlgorithm: aws:kms
                        KMSMasterKeyID: alias/acme-data
`,
  'data-stores.yaml': `# No public data stores: databases are private, buckets with confidential data deny plain HTTP.
- id: ACME-DATA-001
  title: Databases are never publicly accessible in prod
  severity: critical
  owners: ['@acme/data']
  service: data stores
  description: |
    An RDS instance in production is reachable only from inside the VPC. Outside production a public endpoint may
    be used for a demo, and is reported by the built-in rules instead.
  resource: AWS::RDS::DBInstance
  condition:
    any:
      - environment: {not-in: [prod]}
      - {attribute: PubliclyAccessible, not-equals: true}
  examples:
    fail:
      - path: deploy/prod/db.yaml
        cloudformation: |
          Resources:
            Orders:
              Type: AWS::RDS::DBInstance
              Properties: {Engine: postgres, PubliclyAccessible: true}
    pass:
      - path: deploy/prod/db.yaml
        cloudformation: |
          Resources:
            Orders:
              Type: AWS::RDS::DBInstance
              Properties: {Engine: postgres, PubliclyAccessible: false}
      - path: deploy/dev/db.yaml
        cloudformation: |
          Resources:
            Orders:
              Type: AWS::RDS::DBInstance
              Properties: {Engine: postgres, PubliclyAccessible: true}
- id: ACME-DATA-002
  title: Confidential buckets refuse plain HTTP
  severity: high
  owners: ['@acme/data']
  service: data stores
  description: |
    A bucket tagged \`data: confidential\` has a bucket policy that denies every request made without TLS
    (\`aws:SecureTransport\` false).
  resource: AWS::S3::Bucket
  where: {attribute: Tags.data, equals: confidential}
  condition:
    related:
      kind: AWS::S3::BucketPolicy
      via: Bucket
      condition: {attribute: PolicyDocument, denies-insecure-transport: true}
  examples:
    fail:
      - cloudformation: |
          Resources:
            Payroll:
              Type: AWS::S3::Bucket
              Properties:
                Tags: [{Key: data, Value: confidential}]
    pass:
      - cloudformation: |
          Resources:
            Payroll:
              Type: AWS::S3::Bucket
              Properties:
                Tags: [{Key: data, Value: confidential}]
            PayrollPolicy:
              Type: AWS::S3::BucketPolicy
              Properties:
                Bucket: !Ref Payroll
                PolicyDocument:
                  Statement:
                    - Effect: Deny
                      Principal: '*'
                      Action: 's3:*'
                      Resource: '*'
                      Condition: {Bool: {'aws:SecureTransport': false}}
`,
  'hosts.yaml': `# Host hardening: what every server we manage with Ansible looks like.
- id: ACME-HOST-001
  title: sshd refuses root logins
  severity: high
  owners: ['@acme/platform']
  service: hosts
  description: |
    Every host's sshd_config has \`PermitRootLogin no\`: administrators log in as themselves and use sudo, so every
    action has a name in the logs.
  host: sshd
  condition: {attribute: PermitRootLogin, equals: 'no'}
  examples:
    fail:
      - ansible: |
          - hosts: all
            tasks:
              - ansible.builtin.lineinfile:
                  path: /etc/ssh/sshd_config
                  regexp: '^PermitRootLogin'
                  line: PermitRootLogin yes
    pass:
      - ansible: |
          - hosts: all
            tasks:
              - ansible.builtin.lineinfile:
                  path: /etc/ssh/sshd_config
                  regexp: '^PermitRootLogin'
                  line: PermitRootLogin no
- id: ACME-HOST-002
  title: Hosts do not forward packets
  severity: medium
  owners: ['@acme/platform']
  service: hosts
  description: Hosts that are not routers keep \`net.ipv4.ip_forward = 0\`.
  host: sysctl
  condition: {attribute: net.ipv4.ip_forward, equals: 0}
  examples:
    fail:
      - ansible: |
          - hosts: all
            tasks:
              - ansible.posix.sysctl: {name: net.ipv4.ip_forward, value: '1'}
    pass:
      - ansible: |
          - hosts: all
            tasks:
              - ansible.posix.sysctl: {name: net.ipv4.ip_forward, value: '0'}
- id: ACME-HOST-003
  title: No telnet client or server
  severity: medium
  owners: ['@acme/platform']
  service: hosts
  description: Telnet sends passwords in clear text; nothing we run needs it.
  host: packages
  condition:
    not: {attribute: Installed, contains: telnet}
  examples:
    fail:
      - ansible: |
          - hosts: all
            tasks:
              - ansible.builtin.package: {name: [curl, telnet], state: present}
    pass:
      - ansible: |
          - hosts: all
            tasks:
              - ansible.builtin.package: {name: [curl], state: present}
`,
};

/** Write the starter pack into `dir` (created when missing); returns what was written and what was kept. */
export function writeStarter(
  dir: string,
  fs: {
    exists(p: string): boolean;
    write(p: string, text: string): void;
    mkdir(p: string): void;
    join(a: string, b: string): string;
  },
): { written: string[]; kept: string[] } {
  fs.mkdir(dir);
  const written: string[] = [];
  const kept: string[] = [];
  for (const [name, text] of Object.entries(STARTER)) {
    const p = fs.join(dir, name);
    if (fs.exists(p)) kept.push(name);
    else {
      fs.write(p, text);
      written.push(name);
    }
  }
  return { written, kept };
}
