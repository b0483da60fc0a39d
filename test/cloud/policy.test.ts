import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/parse/cloudformation.js';
import { cfnValue } from '../../src/cloud/adapters/cloudformation.js';
import { yamlValue } from '../../src/cloud/adapters/ansible.js';
import {
  actionCovers,
  conditionKeys,
  grants,
  isAccountRoot,
  principalAccount,
  publicStatements,
  statements,
  wildcardActions,
  wildcardPrincipal,
} from '../../src/cloud/policy.js';
import { asStr } from '../../src/cloud/values.js';
import { parseYaml } from '../../src/parse/yaml.js';
import type { YAMLMap } from 'yaml';

function cfnDoc(yaml: string) {
  const p = parseTemplate(yaml);
  const t = p.template!;
  const r = t.resources[0]!;
  return { t, v: cfnValue(t, t.get(r.props, 'PolicyDocument')) };
}

function ansDoc(yaml: string) {
  const { doc, lc } = parseYaml(yaml);
  const pos = (n: unknown) => {
    const r = (n as { range?: [number, number] }).range!;
    const s = lc.linePos(r[0]);
    return { line: s.line, column: s.col, endLine: s.line, endColumn: s.col };
  };
  return yamlValue((doc.contents as YAMLMap).items[0]!.value, { path: 'policy' }, { pos });
}

const HEAD = 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n';

describe('policy-statement analyser', () => {
  it('reads a mapping document with Allow/Deny, actions and resources', () => {
    const { v } = cfnDoc(
      HEAD +
        '      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: ["s3:*", ec2:DescribeInstances]\n            Resource: "*"\n          - Effect: Deny\n            NotAction: iam:*\n            Resource: "*"\n',
    );
    const s = statements(v);
    expect(s.map((x) => [x.allow, x.deny])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(wildcardActions(s[0]!).map(asStr)).toEqual(['s3:*']);
    expect(grants(s[0]!, 's3:GetObject')).toBeDefined();
    expect(grants(s[0]!, 'iam:PassRole')).toBeUndefined();
    expect(grants(s[1]!, 'iam:PassRole')).toBeUndefined(); // Deny never grants
  });

  it('parses a document given as a JSON string, and reports at the string', () => {
    const { t, v } = cfnDoc(
      HEAD + `      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}'\n`,
    );
    const s = statements(v);
    expect(s).toHaveLength(1);
    expect(wildcardActions(s[0]!).map(asStr)).toEqual(['*']);
    expect(t.line(s[0]!.action!.loc.node)).toBe(5);
  });

  it('parses a folded YAML scalar holding JSON (Ansible policy_json)', () => {
    const v = ansDoc(
      'policy_json: >\n  {"Version": "2012-10-17", "Statement": {"Effect": "Allow",\n  "Principal": "*", "Action": "sqs:SendMessage"}}\n',
    );
    const pub = publicStatements(v);
    expect(pub).toHaveLength(1);
    expect(pub[0]!.at.at.loc.path).toBe('policy.Statement.Principal');
  });

  it('keeps Jinja and ${} placeholders unknown: never a wildcard', () => {
    const v = ansDoc('p: \'{"Statement": [{"Effect": "Allow", "Principal": "{{ who }}", "Action": "*"}]}\'\n');
    const s = statements(v)[0]!;
    expect(wildcardPrincipal(s)).toBeUndefined();
    const { v: sub } = cfnDoc(
      HEAD +
        '      PolicyDocument: !Sub \'{"Statement": [{"Effect": "Allow", "Action": "${Act}", "Resource": "*"}]}\'\n',
    );
    const st = statements(sub);
    expect(st).toHaveLength(1);
    expect(wildcardActions(st[0]!)).toEqual([]);
  });

  it('expands !If branches of a statement', () => {
    const { v } = cfnDoc(
      HEAD +
        '      PolicyDocument:\n        Statement:\n          - !If [C, {Effect: Allow, Action: "*", Resource: "*"}, {Effect: Allow, Action: s3:GetObject, Resource: "*"}]\n',
    );
    expect(statements(v).map((s) => wildcardActions(s).length)).toEqual([1, 0]);
  });

  it('finds condition keys, accounts and roots', () => {
    const { v } = cfnDoc(
      HEAD +
        '      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {AWS: "arn:aws:iam::111122223333:root"}\n            Action: sts:AssumeRole\n            Condition: {StringEquals: {"sts:ExternalId": abc}}\n',
    );
    const s = statements(v)[0]!;
    expect(conditionKeys(s)).toEqual(['sts:externalid']);
    expect(principalAccount('arn:aws:iam::111122223333:root')).toBe('111122223333');
    expect(isAccountRoot('arn:aws:iam::111122223333:root')).toBe(true);
    expect(isAccountRoot('arn:aws:iam::111122223333:role/x')).toBe(false);
    expect(publicStatements(v)).toEqual([]);
  });

  it('matches action wildcards case-insensitively', () => {
    expect(actionCovers('iam:Pass*', 'iam:PassRole')).toBe(true);
    expect(actionCovers('IAM:passrole', 'iam:PassRole')).toBe(true);
    expect(actionCovers('iam:Get?', 'iam:GetX')).toBe(true);
    expect(actionCovers('s3:*', 'iam:PassRole')).toBe(false);
  });
});
