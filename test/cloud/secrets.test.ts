/** The shared secret-property check on adapted CloudFormation resources: literal, plain SSM, parameter, unknown. */
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/parse/cloudformation.js';
import { fromCfnResource } from '../../src/cloud/adapters/cloudformation.js';
import { SECRET_PROPS, secretProps, valuesAt } from '../../src/cloud/checks/secrets.js';
import type { CloudFinding } from '../../src/cloud/model.js';

function run(text: string): CloudFinding[] {
  const t = parseTemplate(text).template!;
  const out: CloudFinding[] = [];
  for (const r of t.resources) {
    const res = fromCfnResource(t, r);
    if (secretProps.kinds.includes(res.kind)) secretProps.run(res, (f) => out.push(f), [res]);
  }
  return out;
}

const tpl = `Parameters:
  Given: {Type: String, NoEcho: true}
  WithDefault: {Type: String, NoEcho: true, Default: Sup3rDefaultValue}
Resources:
  Broker:
    Type: AWS::AmazonMQ::Broker
    Properties:
      Users:
        - Username: a
          Password: Sup3rLiteralValue
        - Username: b
          Password: !Ref Given
        - Username: c
          Password: !Ref WithDefault
        - Username: d
          Password: '{{resolve:ssm:/mq/d}}'
        - Username: e
          Password: '{{resolve:ssm-secure:/mq/e}}'
        - Username: f
          Password: !If [Prod, '{{resolve:secretsmanager:mq:SecretString:f}}', Sup3rOtherBranch]
`;

describe('secretProps', () => {
  it('walks list paths and tells literal, parameter default, plain SSM and parameter apart', () => {
    const got = run(tpl).map((f) => [f.code, f.at?.loc.path.replace(/^.*Users/, 'Users'), f.secret ?? false]);
    expect(got).toEqual([
      ['secret-literal', 'Users[0].Password', true],
      ['secret-from-parameter', 'Users[1].Password', false],
      ['secret-literal', 'Users[2].Password', false],
      ['secret-from-parameter', 'Users[2].Password', false],
      ['secret-ssm-plaintext', 'Users[3].Password', false],
      ['secret-literal', 'Users[5].Password', true],
    ]);
  });

  it('every table path is a dotted path of property names, with [] only after a list', () => {
    for (const [kind, paths] of Object.entries(SECRET_PROPS)) {
      expect(kind).toMatch(/^(?:AWS|Alexa)::\w+::\w+$/);
      for (const p of paths) expect(p).toMatch(/^[A-Za-z]\w*(?:(?:\.|\[\]\.)[A-Za-z]\w*)*$/);
    }
  });

  it('valuesAt gives nothing for a missing path', () => {
    const t = parseTemplate(tpl).template!;
    const r = fromCfnResource(t, t.resources[0]!);
    expect(valuesAt(r.props, 'Nope[].Password')).toEqual([]);
    expect(valuesAt(r.props, 'Users[].Password')).toHaveLength(6);
  });
});
