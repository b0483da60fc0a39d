/** Whose key encrypts the data: a customer managed KMS key, or an AWS-managed/owned one. */
import type { CloudCheck, CloudResource } from '../model.js';
import { asBool, asStr, get, isKnown, scalars, getSet } from '../values.js';
import { nearest } from './factory.js';

export interface CmkSpec {
  /** The property naming the key. */
  path: string;
  /** Only when the resource is encrypted at all (else the service's own rule reports it). */
  encrypted?: (r: CloudResource) => boolean;
  /** A known value that is not a customer key (e.g. `AES256`, `alias/aws/…`). */
  notCustomer?: (v: string) => boolean;
}

const isTrue = (r: CloudResource, path: string): boolean =>
  scalars(get(r.props, path)).some((s) => asBool(s.value) === true);
const awsAlias = (v: string): boolean => /^alias\/aws\//i.test(v);

export const CMK_PROPS: Readonly<Record<string, CmkSpec>> = {
  'AWS::SecretsManager::Secret': { path: 'KmsKeyId', notCustomer: awsAlias },
  'AWS::EFS::FileSystem': { path: 'KmsKeyId', encrypted: (r) => isTrue(r, 'Encrypted'), notCustomer: awsAlias },
  'AWS::ECR::Repository': { path: 'EncryptionConfiguration.KmsKey' },
  'AWS::DocDB::DBCluster': { path: 'KmsKeyId', encrypted: (r) => isTrue(r, 'StorageEncrypted'), notCustomer: awsAlias },
  'AWS::RDS::DBInstance': { path: 'KmsKeyId', encrypted: (r) => isTrue(r, 'StorageEncrypted'), notCustomer: awsAlias },
  'AWS::RDS::DBCluster': { path: 'KmsKeyId', encrypted: (r) => isTrue(r, 'StorageEncrypted'), notCustomer: awsAlias },
  'AWS::Redshift::Cluster': { path: 'KmsKeyId', encrypted: (r) => isTrue(r, 'Encrypted'), notCustomer: awsAlias },
  'AWS::SNS::Topic': {
    path: 'KmsMasterKeyId',
    encrypted: (r) => getSet(r.props, 'KmsMasterKeyId') !== undefined,
    notCustomer: awsAlias,
  },
  'AWS::OpenSearchService::Domain': {
    path: 'EncryptionAtRestOptions.KmsKeyId',
    encrypted: (r) => isTrue(r, 'EncryptionAtRestOptions.Enabled'),
    notCustomer: awsAlias,
  },
  'AWS::Elasticsearch::Domain': {
    path: 'EncryptionAtRestOptions.KmsKeyId',
    encrypted: (r) => isTrue(r, 'EncryptionAtRestOptions.Enabled'),
    notCustomer: awsAlias,
  },
};

export const customerKey: CloudCheck = {
  name: 'customer-key',
  kinds: Object.keys(CMK_PROPS),
  codes: { 'customer-key': 'encrypted with an AWS-managed key, not a customer managed one' },
  run(r, emit) {
    const spec = CMK_PROPS[r.kind];
    if (!spec || (spec.encrypted && !spec.encrypted(r))) return;
    const v = get(r.props, spec.path);
    if (v === undefined) {
      emit({
        code: 'customer-key',
        resource: r,
        at: nearest(r, spec.path),
        message: `${r.name} is encrypted with an AWS-managed key (no ${spec.path.split('.').pop()!})`,
      });
      return;
    }
    const bad = scalars(v).find((s) => isKnown(s) && spec.notCustomer?.(asStr(s) ?? '') === true);
    if (bad)
      emit({
        code: 'customer-key',
        resource: r,
        at: bad.at,
        message: `${r.name} is encrypted with the AWS-managed key ${asStr(bad)}`,
        why: bad.why,
      });
  },
};
