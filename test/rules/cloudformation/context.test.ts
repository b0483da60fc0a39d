/**
 * Issue 32, round three: findings judged by what the values say and by the context they sit in (severity of
 * placeholders, conditions off by default, duplicate keys). Exact lines and severities.
 */
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../../src/rules/cloudformation/index.js';

const of = (text: string, id: string) =>
  lintTemplate(text)
    .findings.filter((f) => f.ruleId === id)
    .map((f) => [f.line, f.severity]);

const lines = (...l: string[]) => [...l, ''].join('\n');

describe('literal secrets', () => {
  it('a placeholder password is low, a type name is nothing, a real-looking value is critical', () => {
    const real = 'Pr0d-' + 'x7Qz'.repeat(3);
    const text = lines(
      'Resources:',
      '  A:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      MasterUserPassword: changeme',
      '  B:',
      '    Type: AWS::SecretsManager::Secret',
      '    Properties:',
      '      SecretString: String',
      '  C:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      `      MasterUserPassword: ${real}`,
    );
    expect(of(text, 'CFN-CRED-006')).toEqual([
      [5, 'low'],
      [13, 'critical'],
    ]);
    const msg = lintTemplate(text)
      .findings.map((f) => f.message)
      .join('\n');
    expect(msg).not.toContain(real);
  });

  it("an IAM user's login password is CFN-CRED-003's, reported once", () => {
    const text = lines(
      'Resources:',
      '  U:',
      '    Type: AWS::IAM::User',
      '    Properties:',
      '      LoginProfile:',
      '        Password: ' + 'Init-' + 'k9'.repeat(5),
    );
    expect(of(text, 'CFN-CRED-003')).toEqual([[6, 'critical']]);
    expect(of(text, 'CFN-CRED-006')).toEqual([]);
  });
});
