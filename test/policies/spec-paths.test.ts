/**
 * Team policies' attribute paths are checked against the CloudFormation resource specification: a misspelt property
 * would never see a value, and the policy would pass everything in silence.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicies, specErrors } from '../../src/policies/load.js';
import { STARTER } from '../../src/policies/starter.js';
import { NETWORK_POLICY } from './fixtures.js';

const policy = (target: string, condition: string) => `- id: T-S-001
  title: t
  severity: low
  description: d
  ${target}
  condition:
${condition.replace(/^/gm, '    ')}
  examples: {fail: [{cloudformation: x}], pass: [{cloudformation: x}]}
`;

function errors(text: string, file = 'p.yaml'): string[] {
  const { policies, errors: parse } = parsePolicies([{ file, text, inConfig: false, optional: false }], new Set());
  expect(parse).toEqual([]);
  return policies.flatMap(specErrors);
}

describe('policy attribute paths against the CloudFormation specification', () => {
  it('refuses a misspelt property, at its line, with the real name', () => {
    const e = errors(
      policy(
        'resource: AWS::S3::Bucket',
        'attribute: BucketEncyption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm\nequals: aws:kms',
      ),
    );
    expect(e).toEqual([
      'p.yaml:7: AWS::S3::Bucket has no property BucketEncyption (did you mean BucketEncryption?): the policy would never see a value there',
    ]);
    const nested = errors(
      policy(
        'resource: AWS::S3::Bucket',
        'attribute: BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefalt.SSEAlgorithm\nequals: aws:kms',
      ),
    );
    expect(nested[0]).toMatch(
      /no property BucketEncryption\.ServerSideEncryptionConfiguration\[\]\.ServerSideEncryptionByDefalt \(did you mean ServerSideEncryptionByDefault\?\)/,
    );
  });

  it('reads each: paths on the list item, and a where: as well as the condition', () => {
    const e = errors(
      policy(
        'resource: AWS::EC2::SecurityGroup',
        'each: SecurityGroupIngress\nwhere: {attribute: FromPrt, equals: 22}\ncondition: {attribute: CidrIp, cidr-within: 10.0.0.0/8}',
      ),
    );
    expect(e).toEqual([expect.stringMatching(/SecurityGroupIngress\[\]\.FromPrt \(did you mean FromPort\?\)/)]);
  });

  it('accepts real paths, tags read by key, and what the data does not judge', () => {
    expect(errors(policy('resource: AWS::S3::Bucket', 'attribute: Tags.data\nequals: confidential'))).toEqual([]);
    expect(
      errors(policy('resource: AWS::S3::Bucket', 'attribute: VersioningConfiguration.Status\nequals: Enabled')),
    ).toEqual([]);
    expect(errors(policy('resource: AWS::Serverless::Function', 'attribute: Anything.Goes\nexists: true'))).toEqual([]);
    expect(errors(policy('host: sysctl', 'attribute: net.ipv4.ip_forward\nequals: 0'))).toEqual([]);
    expect(errors(NETWORK_POLICY)).toEqual([]);
    for (const [file, text] of Object.entries(STARTER)) expect(errors(text, file)).toEqual([]);
  });
});
