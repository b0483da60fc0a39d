import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editDistance, lookupPath, resourceProperties, specSource, suggest } from '../../src/cloud/spec.js';
import { generate } from '../../scripts/gen-cfn-spec.mjs';

describe('CloudFormation resource specification data', () => {
  it('is what the installed @aws-cdk/aws-service-spec gives (regenerate with node scripts/gen-cfn-spec.mjs)', () => {
    const committed = readFileSync(new URL('../../src/cloud/cfn-spec.json', import.meta.url), 'utf8');
    expect(committed === generate()).toBe(true);
    const pkg = JSON.parse(
      readFileSync(new URL('../../node_modules/@aws-cdk/aws-service-spec/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(specSource()).toBe(`@aws-cdk/aws-service-spec ${pkg.version}`);
  });

  it('knows the AWS resource types and their properties', () => {
    expect(resourceProperties('AWS::S3::Bucket')?.has('BucketEncryption')).toBe(true);
    expect(resourceProperties('AWS::EC2::SecurityGroup')?.has('SecurityGroupIngress')).toBe(true);
    expect(resourceProperties('AWS::RDS::DBInstance')?.has('StorageEncrypted')).toBe(true);
  });
});

describe('lookupPath', () => {
  const S3 = 'AWS::S3::Bucket';
  it.each([
    [['BucketEncryption']],
    [['BucketEncryption', 'ServerSideEncryptionConfiguration[]', 'ServerSideEncryptionByDefault', 'SSEAlgorithm']],
    [['BucketEncryption', 'ServerSideEncryptionConfiguration[0]', 'BucketKeyEnabled']],
    [['BucketEncryption', 'ServerSideEncryptionConfiguration', '[]', 'BucketKeyEnabled']],
    [['BucketEncryption', 'ServerSideEncryptionConfiguration', '0', 'BucketKeyEnabled']],
    [['Tags[]', 'Key']],
    [['PublicAccessBlockConfiguration', 'RestrictPublicBuckets']],
    [[]],
  ])('%j exists on AWS::S3::Bucket', (path) => {
    expect(lookupPath(S3, path)).toBe('ok');
  });

  it('reports the first missing segment, where it is, and the real name it misspells', () => {
    expect(lookupPath(S3, ['BucketEncyption'])).toEqual({
      missing: 'BucketEncyption',
      at: 0,
      suggestion: 'BucketEncryption',
    });
    expect(
      lookupPath(S3, ['BucketEncryption', 'ServerSideEncryptionConfiguration[]', 'ServerSideEncryptionByDefualt']),
    ).toEqual({ missing: 'ServerSideEncryptionByDefualt', at: 2, suggestion: 'ServerSideEncryptionByDefault' });
    expect(lookupPath(S3, ['Tags[]', 'Kee'])).toEqual({ missing: 'Kee', at: 1, suggestion: 'Key' });
    // Case alone.
    expect(lookupPath(S3, ['bucketName'])).toEqual({ missing: 'bucketName', at: 0, suggestion: 'BucketName' });
    // Nothing close: no suggestion.
    expect(lookupPath(S3, ['Flavour'])).toEqual({ missing: 'Flavour', at: 0 });
    // Below a scalar there is nothing.
    expect(lookupPath(S3, ['BucketName', 'Inner'])).toEqual({ missing: 'Inner', at: 1 });
  });

  it('lets any key through below a map and anything below free JSON', () => {
    expect(lookupPath('AWS::Lambda::Function', ['Environment', 'Variables', 'ANY_NAME'])).toBe('ok');
    expect(lookupPath('AWS::Lambda::Function', ['Environment', 'Variabels'])).toMatchObject({
      missing: 'Variabels',
      suggestion: 'Variables',
    });
    expect(lookupPath('AWS::IAM::Role', ['AssumeRolePolicyDocument', 'Statement', 'Whatever'])).toBe('ok');
    expect(lookupPath('AWS::IAM::Role', ['AssumeRolePolicyDocumnet'])).toMatchObject({
      suggestion: 'AssumeRolePolicyDocument',
    });
  });

  it('never judges types it does not know: Custom::, SAM, third-party, newer than the data', () => {
    expect(lookupPath('Custom::Thing', ['Anything'])).toBe('unknown-kind');
    expect(lookupPath('AWS::CloudFormation::CustomResource', ['AnyInput'])).toBe('unknown-kind');
    expect(lookupPath('AWS::Serverless::Function', ['CodeUri'])).toBe('unknown-kind');
    expect(lookupPath('AWS::CloudFormation::Typo', ['X'])).toBe('unknown-kind');
    expect(lookupPath('Acme::Service::Thing', ['X'])).toBe('unknown-kind');
    expect(lookupPath('AWS::S3::Bucket::Extra', ['X'])).toBe('unknown-kind');
  });
});

describe('suggest', () => {
  it('accepts a close name and refuses a far one', () => {
    expect(editDistance('BucketEncyption', 'BucketEncryption')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(suggest('Encrpyted', ['Encrypted', 'KmsKeyId'])).toBe('Encrypted');
    expect(suggest('Size', ['Iops', 'Encrypted'])).toBeUndefined();
    expect(suggest('Kms', ['KmsKeyId'])).toBeUndefined();
  });
});
