/** A team policy file and the equivalent CloudFormation / Ansible material the policy tests share. */

/** SSH only from the office range; the examples are the policy's own (they must behave for the file to load). */
export const NETWORK_POLICY = `# The network team's boundaries.
- id: ACME-NET-001
  title: SSH only from the office network
  severity: high
  owners: ['@acme/network']
  description: |
    Security groups admit SSH (port 22) only from \`10.20.0.0/16\`, the office VPN range: a bastion open to
    anything else is one leaked key away from a breach.
  resource: AWS::EC2::SecurityGroup
  condition:
    each: SecurityGroupIngress
    where: {attribute: FromPort, equals: 22}
    condition: {attribute: CidrIp, cidr-within: 10.20.0.0/16}
  examples:
    fail:
      - cloudformation: |
          Resources:
            OpenSsh:
              Type: AWS::EC2::SecurityGroup
              Properties:
                GroupDescription: ssh from a partner range
                SecurityGroupIngress:
                  - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 192.168.7.0/24}
      - ansible: |
          - hosts: localhost
            tasks:
              - name: partner ssh
                amazon.aws.ec2_security_group:
                  name: partner-ssh
                  description: ssh
                  rules:
                    - {proto: tcp, ports: [22], cidr_ip: 192.168.7.0/24}
    pass:
      - cloudformation: |
          Resources:
            OfficeSsh:
              Type: AWS::EC2::SecurityGroup
              Properties:
                GroupDescription: ssh from the office
                SecurityGroupIngress:
                  - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.20.8.0/24}
`;

export const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      VpcId: vpc-0abc
      SecurityGroupIngress:
        - IpProtocol: tcp
          Description: ssh
          FromPort: 22
          ToPort: 22
          CidrIp: 172.16.0.0/12
`;

export const PLAYBOOK = `- hosts: localhost
  tasks:
    - name: bastion group
      amazon.aws.ec2_security_group:
        name: bastion
        description: bastion
        vpc_id: vpc-0abc
        rules:
          - proto: tcp
            ports: [22]
            cidr_ip: 172.16.0.0/12
            rule_desc: ssh
`;

/** The same resources with the range coming from a parameter without Default / a Jinja variable: unknown. */
export const TEMPLATE_UNKNOWN = TEMPLATE.replace(
  'Resources:',
  'Parameters:\n  AdminCidr:\n    Type: String\nResources:',
).replace('CidrIp: 172.16.0.0/12', 'CidrIp: !Ref AdminCidr');
export const PLAYBOOK_UNKNOWN = PLAYBOOK.replace('cidr_ip: 172.16.0.0/12', 'cidr_ip: "{{ admin_cidr }}"');
