/**
 * Issue 32, line attribution: a resource- or task-level problem found at a property also points at the resource or
 * task key (and an NSG/GCP firewall rule at the ports it opens), as related locations (JSON `related`, SARIF
 * `relatedLocations`).
 */
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../src/rules/cloudformation/index.js';
import { lintAnsible } from '../../src/rules/ansible/index.js';
import { sarifReport } from '../../src/report/sarif.js';
import { publicFinding } from '../../src/report/json.js';
import type { Finding, ScanResult } from '../../src/types.js';

const lines = (...l: string[]) => [...l, ''].join('\n');
const rel = (f: { related?: Array<{ line: number; column: number; message: string }> }) =>
  (f.related ?? []).map((r) => [r.line, r.column, r.message]);

describe('CloudFormation', () => {
  it('a property-level finding relates to its resource key; one at the key has nothing to add', () => {
    const text = lines(
      'Resources:',
      '  Bastion:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: ssh',
      '      VpcId: vpc-1',
      '      SecurityGroupIngress:',
      '        - IpProtocol: tcp',
      '          FromPort: 22',
      '          ToPort: 22',
      '          CidrIp: 0.0.0.0/0',
      '          Description: ssh',
      '  Logs:',
      '    Type: AWS::S3::Bucket',
    );
    const fs = lintTemplate(text).findings;
    const sg = fs.find((f) => f.ruleId === 'CFN-SG-001')!;
    // …and, for a world-open rule, at the ports it opens (as the NSG and GCP firewall findings do).
    expect([sg.line, rel(sg)]).toEqual([
      11,
      [
        [2, 3, 'resource Bastion'],
        [9, 21, 'the ports it opens'],
        [10, 19, 'the ports it opens'],
      ],
    ]);
    const atKey = fs.filter((f) => f.line === 13);
    expect(atKey.length).toBeGreaterThan(0);
    expect(atKey.every((f) => f.related === undefined)).toBe(true);
  });

  it('NACL duplicates: each entry is reported, and relates to its own resource', () => {
    const entry = (id: string) => [
      `  ${id}:`,
      '    Type: AWS::EC2::NetworkAclEntry',
      '    Properties:',
      '      NetworkAclId: acl-1',
      '      RuleNumber: 100',
      '      Protocol: 6',
      '      RuleAction: allow',
      '      CidrBlock: 10.0.0.0/8',
      '      PortRange: {From: 443, To: 443}',
    ];
    const text = lines('Resources:', ...entry('A'), ...entry('B'));
    const dup = lintTemplate(text).findings.filter((f) => f.ruleId === 'CFN-NACL-003');
    expect(dup.map((f) => f.line)).toEqual([6, 15]);
    expect(dup.map(rel)).toEqual([[[2, 3, 'resource A']], [[11, 3, 'resource B']]]);
  });
});

describe('Ansible', () => {
  it('an Azure NSG rule open to the internet relates to the ports it opens and to the task', () => {
    const text = lines(
      '- hosts: localhost',
      '  tasks:',
      '    - name: NSG',
      '      azure.azcollection.azure_rm_securitygroup:',
      '        resource_group: rg',
      '        name: web',
      '        rules:',
      '          - name: ssh',
      '            protocol: Tcp',
      '            destination_port_range: "20-23, 94"',
      '            source_address_prefix: "*"',
      '            access: Allow',
      '            priority: 100',
      '            direction: Inbound',
    );
    const f = lintAnsible('site.yml', text).findings.find((x) => x.ruleId === 'ANS-AZ-001')!;
    expect([f.line, rel(f)]).toEqual([
      11,
      [
        [10, 13, 'the ports it opens'],
        [3, 7, 'the task'],
      ],
    ]);
  });

  it('an AWS security group rule open to the internet relates to its ports and to the task', () => {
    const text = lines(
      '- name: Web group',
      '  amazon.aws.ec2_security_group:',
      '    name: web',
      '    description: web',
      '    vpc_id: vpc-1',
      '    rules:',
      '      - proto: tcp',
      '        ports:',
      '          - 22',
      '        cidr_ip: 0.0.0.0/0',
    );
    const f = lintAnsible('tasks/sg.yml', text).findings.find((x) => x.ruleId === 'ANS-AWS-001')!;
    expect([f.line, rel(f).map(([l, , m]) => [l, m])]).toEqual([
      10,
      [
        [8, 'the ports it opens'],
        [1, 'the task'],
      ],
    ]);
  });

  it('a GCP firewall open to the internet relates to each allowed entry’s ports', () => {
    const text = lines(
      '- name: fw',
      '  google.cloud.gcp_compute_firewall:',
      '    name: ssh',
      '    source_ranges: ["0.0.0.0/0"]',
      '    allowed:',
      '      - ip_protocol: tcp',
      '        ports: ["22"]',
      '      - ip_protocol: tcp',
      '        ports: ["443"]',
      '    project: p',
    );
    const f = lintAnsible('roles/x/tasks/main.yml', text).findings.find((x) => x.ruleId === 'ANS-GCP-001')!;
    expect([f.line, rel(f)]).toEqual([
      4,
      [
        [7, 9, 'the ports it opens'],
        [1, 3, 'the task'],
      ],
    ]);
  });
});

describe('reports', () => {
  const finding: Finding = {
    ruleId: 'CFN-SG-001',
    category: 'cloudformation',
    severity: 'high',
    title: 't',
    message: 'm',
    remediation: 'r',
    file: 'params/prod.json',
    line: 3,
    column: 3,
    endLine: 3,
    endColumn: 40,
    fingerprint: 'f',
    blocking: true,
    related: [{ file: 'stack.yaml', line: 19, column: 11, endLine: 19, endColumn: 33, message: 'where it is used' }],
  };
  it('JSON carries related; SARIF relatedLocations (another file named by its own uri)', () => {
    expect(publicFinding(finding).related).toEqual(finding.related);
    const result: ScanResult = {
      findings: [finding],
      existing: [],
      suppressed: [],
      errors: [],
      staleBaseline: [],
      summary: { files: 1, bytes: 1, durationMs: 1, bySeverity: {}, skipped: { binary: 0, large: 0, other: 0 } },
    };
    const sarif = JSON.parse(
      sarifReport(result, { toolVersion: '0', rules: [], failOn: 'high' } as unknown as Parameters<
        typeof sarifReport
      >[1]),
    ) as { runs: Array<{ results: Array<{ relatedLocations?: unknown[] }> }> };
    expect(sarif.runs[0]!.results[0]!.relatedLocations).toEqual([
      {
        id: 0,
        message: { text: 'where it is used' },
        physicalLocation: {
          artifactLocation: { uri: 'stack.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 19, startColumn: 11, endLine: 19, endColumn: 33 },
        },
      },
    ]);
  });
});
