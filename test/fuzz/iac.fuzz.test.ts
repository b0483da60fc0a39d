/** Property tests for the IaC families: any input, however malformed, gives findings inside the text or errors —
 * never an exception — and YAML bombs and deep nesting are refused quickly. */
import fc from 'fast-check';

// A fixed seed keeps CI reproducible; set FUZZ_SEED to explore (a failure prints the seed and path to replay).
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261126) });
import { describe, expect, it } from 'vitest';
import { family as cfn } from '../../src/rules/cloudformation/index.js';
import { family as ansible } from '../../src/rules/ansible/index.js';

const cfnPiece = fc.oneof(
  fc.constantFrom(
    "AWSTemplateFormatVersion: '2010-09-09'\n",
    'Resources:\n',
    '  SG:\n',
    '    Type: AWS::EC2::SecurityGroup\n',
    '    Properties:\n',
    '      SecurityGroupIngress:\n',
    '        - CidrIp: 0.0.0.0/0\n',
    '          FromPort: 22\n',
    '          ToPort: !Ref Port\n',
    '      Tags: &a [x, *a]\n',
    '    Metadata: {hookguard: {suppress: [{rule: CFN-SG-001}]}}\n',
    '  - !If [c, 1, 2]\n',
    '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "PublicRead"}}}}\n',
    '\t',
    ': : :\n',
    '"unterminated\n',
  ),
  fc.string({ maxLength: 20 }),
);

const ansiblePiece = fc.oneof(
  fc.constantFrom(
    '- hosts: all\n',
    '  tasks:\n',
    '    - name: x\n',
    '      ansible.builtin.get_url:\n',
    '        url: http://x\n',
    '        validate_certs: no\n',
    '      shell: curl x | sh\n',
    '      no_log: "{{ x }}"\n',
    '  block:\n',
    'ansible_password: !vault |\n',
    '[web]\nh1 ansible_password=x\n',
    '    mode: 0777 # noqa\n',
    '&a [*a]\n',
  ),
  fc.string({ maxLength: 20 }),
);

function check(fam: typeof cfn, path: string, text: string) {
  const res = fam.lint(path, text);
  const lines = text.split('\n').length;
  for (const f of res.findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(lines);
    expect(f.scope[0]).toBeLessThanOrEqual(f.scope[1]);
  }
  for (const e of res.errors) expect(typeof e.message).toBe('string');
}

describe('fuzz: IaC families never throw', () => {
  it('CloudFormation', () => {
    fc.assert(
      fc.property(fc.array(cfnPiece, { maxLength: 25 }), (p) => check(cfn, 'template.yaml', p.join(''))),
      { numRuns: 400 },
    );
  });
  it('Ansible (playbook, vars, inventory)', () => {
    fc.assert(
      fc.property(
        fc.array(ansiblePiece, { maxLength: 25 }),
        fc.constantFrom('site.yml', 'group_vars/all.yml', 'inventory/hosts', 'ansible.cfg'),
        (p, path) => check(ansible, path, p.join('')),
      ),
      { numRuns: 400 },
    );
  });
});

describe('YAML bombs and deep nesting', () => {
  const laughs = (head: string) => {
    let s = head + 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++)
      s += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]\n`;
    return s;
  };
  it('a billion-laughs template or playbook is never expanded: it is linted (or refused) quickly', () => {
    const t0 = Date.now();
    const c = cfn.lint(
      't.yaml',
      laughs("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"),
    );
    const a = ansible.lint('group_vars/all.yml', laughs('ansible_user: x\n'));
    // Rules walk the parsed nodes and never expand aliases; a 9^10-element expansion would not finish.
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(c.matched).toBe(true);
    expect(a.matched).toBe(true);
  });
  it('10,000 levels of nesting are an error, not a stack overflow', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const c = cfn.lint(
      't.yaml',
      `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: ${deep}\n`,
    );
    const a = ansible.lint('site.yml', `- hosts: all\n  tasks: ${deep}\n`);
    expect(Array.isArray(c.errors) && Array.isArray(a.errors)).toBe(true);
  });
});
