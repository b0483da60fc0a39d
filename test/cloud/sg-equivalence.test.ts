/**
 * One model, two formats: a CloudFormation security group and the equivalent Ansible `ec2_security_group` task are
 * normalised to the same resource, so the shared check gives the same findings, and the rules that report them
 * (CFN-SG-001/002/003/006 and ANS-AWS-001) flag the same rules of the group.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../src/rules/cloudformation/index.js';
import { lintAnsible } from '../../src/rules/ansible/index.js';
import { parseTemplate } from '../../src/parse/cloudformation.js';
import { loadAnsible } from '../../src/parse/ansible.js';
import { fromCfnResource } from '../../src/cloud/adapters/cloudformation.js';
import { fromAnsibleTask } from '../../src/cloud/adapters/ansible.js';
import { securityGroupCheck } from '../../src/cloud/checks/security-group.js';
import type { CloudFinding, CloudResource, CValue } from '../../src/cloud/model.js';
import { posOf } from '../../src/parse/ansible.js';

fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261201) });

interface Rule {
  proto: 'tcp' | 'udp' | '-1' | 'icmp';
  from: number;
  to: number;
  cidr: string;
  /** Ansible spelling: ports list, a "from-to" string, or from_port/to_port. */
  style: 'ports' | 'range' | 'fromto';
  allWord: boolean;
}

const V4 = ['0.0.0.0/0', '10.0.0.0/8', '10.0.0.0/0', '192.168.0.0/16', '203.0.113.7/32'];
const V6 = ['::/0', '0000::/0', '0:0:0:0:0:0:0:0/0', 'fd00::/8'];
const PORTS = [0, 20, 22, 80, 443, 636, 1000, 2383, 3306, 3389, 5432, 8000, 8080, 9000, 9999, 27017, 65535];

const ruleArb: fc.Arbitrary<Rule> = fc
  .record({
    proto: fc.constantFrom('tcp', 'udp', '-1', 'icmp'),
    a: fc.constantFrom(...PORTS),
    b: fc.constantFrom(...PORTS),
    cidr: fc.constantFrom(...V4, ...V6),
    style: fc.constantFrom('ports', 'range', 'fromto'),
    allWord: fc.boolean(),
  })
  .map(({ a, b, ...r }) => ({ ...r, from: Math.min(a, b), to: Math.max(a, b) }));

const groupArb = fc.record({
  ingress: fc.array(ruleArb, { minLength: 0, maxLength: 5 }),
  egress: fc.array(ruleArb, { minLength: 0, maxLength: 2 }),
  vpc: fc.boolean(),
  module: fc.constantFrom('amazon.aws.ec2_security_group', 'ec2_security_group', 'ec2_group', 'amazon.aws.ec2_group'),
  name: fc.constantFrom('web', 'db', 'app-lb'),
});
type Group = typeof groupArb extends fc.Arbitrary<infer G> ? G : never;

const isV6 = (c: string) => c.includes(':');

function cfnTemplate(g: Group): string {
  const rule = (r: Rule) =>
    [
      `        - IpProtocol: '${r.proto}'`,
      ...(r.proto === '-1' ? [] : [`          FromPort: ${r.from}`, `          ToPort: ${r.to}`]),
      `          ${isV6(r.cidr) ? 'CidrIpv6' : 'CidrIp'}: '${r.cidr}'`,
    ].join('\n');
  return [
    'Resources:',
    '  Group:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    `      GroupName: ${g.name}`,
    `      GroupDescription: ${g.name}`,
    ...(g.vpc ? ['      VpcId: vpc-0abc'] : []),
    ...(g.ingress.length ? ['      SecurityGroupIngress:', ...g.ingress.map(rule)] : []),
    ...(g.egress.length ? ['      SecurityGroupEgress:', ...g.egress.map(rule)] : []),
    '',
  ].join('\n');
}

function ansibleTasks(g: Group): string {
  const rule = (r: Rule) => {
    const proto = r.proto === '-1' ? (r.allWord ? 'all' : '-1') : r.proto;
    const ports =
      r.proto === '-1'
        ? []
        : r.style === 'ports' && r.from === r.to
          ? [`        ports: [${r.from}]`]
          : r.style === 'fromto' || r.from === r.to
            ? [`        from_port: ${r.from}`, `        to_port: ${r.to}`]
            : [`        ports: ['${r.from}-${r.to}']`];
    return [
      `      - proto: '${proto}'`,
      ...ports,
      `        ${isV6(r.cidr) ? 'cidr_ipv6' : 'cidr_ip'}: '${r.cidr}'`,
    ].join('\n');
  };
  return [
    `- name: ${g.name} group`,
    `  ${g.module}:`,
    `    name: ${g.name}`,
    `    description: ${g.name}`,
    ...(g.vpc ? ['    vpc_id: vpc-0abc'] : []),
    ...(g.ingress.length ? ['    rules:', ...g.ingress.map(rule)] : []),
    ...(g.egress.length ? ['    rules_egress:', ...g.egress.map(rule)] : []),
    '',
  ].join('\n');
}

function cfnResource(g: Group): CloudResource {
  const t = parseTemplate(cfnTemplate(g)).template!;
  return fromCfnResource(t, t.resources[0]!);
}

function ansResource(g: Group): CloudResource {
  const file = loadAnsible('roles/net/tasks/main.yml', ansibleTasks(g)).file!;
  return fromAnsibleTask(file.tasks[0]!, { pos: (n) => posOf(file, n) })!;
}

/** Which rule of the group a finding points at: `in3`, `out0`, or `group`. */
function which(path: string | undefined): string {
  if (!path) return 'group';
  const m = /(SecurityGroupIngress|rules|SecurityGroupEgress|rules_egress)\[(\d+)\]/.exec(path);
  if (!m) return 'group';
  return `${/Egress|egress/.test(m[1]!) ? 'out' : 'in'}${m[2]}`;
}

function summary(found: CloudFinding[]): string[] {
  return found.map((f) => `${f.code} ${f.detail ?? ''} @${which(f.at?.loc.path)}`).sort();
}

function run(r: CloudResource): CloudFinding[] {
  const out: CloudFinding[] = [];
  securityGroupCheck.run(r, (f) => out.push(f), [r]);
  return out;
}

/** Normalised values without locations, for comparing shapes. */
function shape(v: CValue | undefined): unknown {
  if (!v) return undefined;
  switch (v.t) {
    case 'scalar':
      return typeof v.value === 'number' ? String(v.value) : v.value;
    case 'unknown':
      return '?';
    case 'list':
      return v.items.map(shape);
    case 'alt':
      return { alt: v.options.map(shape) };
    case 'map':
      return Object.fromEntries([...v.entries].map(([k, x]) => [k, shape(x)]));
  }
}

describe('CloudFormation and Ansible security groups', () => {
  it('a fixed example normalises to the same ingress rules', () => {
    const g: Group = {
      ingress: [
        { proto: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0', style: 'ports', allWord: false },
        { proto: '-1', from: 0, to: 0, cidr: '::/0', style: 'ports', allWord: true },
        { proto: 'tcp', from: 8000, to: 9999, cidr: '10.0.0.0/8', style: 'range', allWord: false },
      ],
      egress: [],
      vpc: true,
      module: 'amazon.aws.ec2_security_group',
      name: 'web',
    };
    const c = cfnResource(g);
    const a = ansResource(g);
    expect(a.kind).toBe(c.kind);
    expect(shape(a.props.entries.get('SecurityGroupIngress'))).toEqual(
      shape(c.props.entries.get('SecurityGroupIngress')),
    );
    expect(summary(run(a))).toEqual(summary(run(c)));
    expect(summary(run(c))).toEqual(['ingress-admin 0.0.0.0/0 22 @in0', 'ingress-all ::/0 all @in1']);
  });

  it('any group gives the same shared-check findings in both formats', () => {
    fc.assert(
      fc.property(groupArb, (g) => {
        expect(summary(run(ansResource(g)))).toEqual(summary(run(cfnResource(g))));
      }),
      { numRuns: 300 },
    );
  });

  it('and the rules built on it flag the same rules of the group', () => {
    const CFN = new Set(['CFN-SG-001', 'CFN-SG-002', 'CFN-SG-003', 'CFN-SG-006']);
    fc.assert(
      fc.property(groupArb, (g) => {
        const cfn = lintTemplate(cfnTemplate(g));
        const ans = lintAnsible('roles/net/tasks/main.yml', ansibleTasks(g));
        expect(cfn.errors).toEqual([]);
        expect(ans.errors).toEqual([]);
        const fromCfn = [...new Set(cfn.findings.filter((f) => CFN.has(f.ruleId)).map((f) => which(f.path)))].sort();
        const fromAns = [
          ...new Set(ans.findings.filter((f) => f.ruleId === 'ANS-AWS-001').map((f) => which(f.path))),
        ].sort();
        expect(fromAns).toEqual(fromCfn);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Ansible adapter', () => {
  it('keeps Jinja unknown and never reports it', () => {
    const text =
      "- amazon.aws.ec2_security_group:\n    name: x\n    description: x\n    rules:\n      - proto: tcp\n        ports: [22]\n        cidr_ip: '{{ admin_cidr }}'\n";
    const file = loadAnsible('tasks/main.yml', text).file!;
    const r = fromAnsibleTask(file.tasks[0]!, { pos: (n) => posOf(file, n) })!;
    expect(shape(r.props.entries.get('SecurityGroupIngress'))).toEqual([
      { IpProtocol: 'tcp', CidrIp: '?', FromPort: '22', ToPort: '22' },
    ]);
    expect(run(r).filter((f) => f.code !== 'default-vpc')).toEqual([]);
  });

  it('skips state: absent and modules of other collections', () => {
    const text =
      "- amazon.aws.ec2_security_group:\n    name: x\n    state: absent\n    rules:\n      - {proto: tcp, ports: [22], cidr_ip: '0.0.0.0/0'}\n- other.coll.ec2_group:\n    name: y\n";
    const file = loadAnsible('tasks/main.yml', text).file!;
    expect(file.tasks.map((t) => fromAnsibleTask(t, { pos: (n) => posOf(file, n) }))).toEqual([undefined, undefined]);
  });

  it('reports at the list item that opens the group, with the argument path', () => {
    const text =
      '- ec2_group:\n    name: x\n    description: x\n    rules:\n      - proto: tcp\n        ports: [3306]\n        cidr_ip:\n          - 10.0.0.0/8\n          - 0.0.0.0/0\n';
    const res = lintAnsible('tasks/main.yml', text);
    const f = res.findings.filter((x) => x.ruleId === 'ANS-AWS-001');
    expect(f.map((x) => [x.line, x.path])).toEqual([[9, 'tasks[0].ec2_group.rules[0].cidr_ip[1]']]);
    expect(f[0]!.message).toContain('MySQL (port 3306)');
  });
});
