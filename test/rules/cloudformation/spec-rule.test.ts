/** CFN-PROP-001: misspelt properties, rated by what the author meant (issue 28). */
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../../src/rules/cloudformation/index.js';
import prop, { securityRelevant } from '../../../src/rules/cloudformation/rules/prop-001.js';

const lint = (text: string) => lintTemplate(text, [prop]).findings;

const bucket = (props: string) => `Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n${props}`;

describe('CFN-PROP-001', () => {
  it('reports a misspelt security property at medium with the real name', () => {
    const f = lint(bucket('      BucketEncyption:\n        ServerSideEncryptionConfiguration: []\n'));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'CFN-PROP-001', severity: 'medium', line: 5 });
    expect(f[0]!.message).toContain('did you mean BucketEncryption?');
    expect(f[0]!.path).toBe('Resources.Data.Properties.BucketEncyption');
  });

  it('rates a nested misspelling by its path: under a security block it is medium', () => {
    const f = lint(bucket('      PublicAccessBlockConfiguration:\n        BlockPublicAcl: true\n'));
    expect(f.map((x) => [x.severity, x.line])).toEqual([['medium', 6]]);
    expect(f[0]!.message).toContain('did you mean BlockPublicAcls?');
    expect(f[0]!.message).toContain('in PublicAccessBlockConfiguration');
  });

  it('reports any other misspelling at low, and a name with no close property at info', () => {
    const f = lint(
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySecond: 5\n      Colour: blue\n',
    );
    expect(f.map((x) => [x.severity, x.line])).toEqual([
      ['low', 5],
      ['info', 6],
    ]);
    expect(f[0]!.message).toContain('did you mean DelaySeconds?');
    expect(f[1]!.message).toContain('@aws-cdk/aws-service-spec');
  });

  it('reads JSON templates the same way', () => {
    const json = JSON.stringify(
      { Resources: { V: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'a', Encrpyted: true } } } },
      null,
      2,
    );
    const f = lint(json);
    expect(f.map((x) => [x.severity, x.line])).toEqual([['medium', 7]]);
    expect(f[0]!.message).toContain('did you mean Encrypted?');
  });

  it('is honoured by the resource Metadata suppression', () => {
    const f = lint(
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      hookguard:\n        suppress:\n          - rule: CFN-PROP-001\n            reason: property newer than the data\n    Properties:\n      Colour: blue\n',
    );
    expect(f.map((x) => x.suppressed?.by)).toEqual(['metadata']);
  });

  it('tells security words from others', () => {
    expect(securityRelevant(['KMSMasterKeyID'])).toBe(true);
    expect(securityRelevant(['LoggingConfiguration', 'DestinationBucketName'])).toBe(true);
    expect(securityRelevant(['DelaySeconds'])).toBe(false);
    expect(securityRelevant(['DataCatalogName'])).toBe(false);
  });
});
