/**
 * Encryption at rest of AWS data stores (Kinesis, SQS, EFS, Redshift, launch-configuration and AMI volumes, S3), and
 * S3 versioning and access logging.
 */
import type { CloudCheck, CloudResource, Emit } from '../model.js';
import { asBool, asStr, get, isKnown, items, present, scalars, getSet } from '../values.js';
import { nearest, requireTrue } from './factory.js';

export const kinesisEncryption: CloudCheck = {
  name: 'kinesis-encryption',
  kinds: ['AWS::Kinesis::Stream'],
  codes: { 'kinesis-unencrypted': 'the stream is not encrypted at rest' },
  run(r, emit) {
    const v = get(r.props, 'StreamEncryption');
    const none = scalars(get(v, 'EncryptionType')).find((s) => isKnown(s) && asStr(s)?.toUpperCase() === 'NONE');
    if (none)
      emit({
        code: 'kinesis-unencrypted',
        resource: r,
        at: none.at,
        message: `${r.name} turns server-side encryption off`,
        why: none.why,
      });
    else if (!v && !r.partial)
      emit({
        code: 'kinesis-unencrypted',
        resource: r,
        message: `${r.name} is not encrypted at rest (no StreamEncryption)`,
      });
  },
};

export const sqsEncryption: CloudCheck = {
  name: 'sqs-encryption',
  kinds: ['AWS::SQS::Queue'],
  codes: { 'sqs-unencrypted': 'the queue is not encrypted at rest' },
  run(r, emit) {
    if (getSet(r.props, 'KmsMasterKeyId')) return;
    const sse = get(r.props, 'SqsManagedSseEnabled');
    const off = scalars(sse).find((s) => asBool(s.value) === false);
    if (off)
      emit({
        code: 'sqs-unencrypted',
        resource: r,
        at: off.at,
        message: `${r.name} turns SQS-managed encryption off and names no KMS key: messages are stored unencrypted`,
        why: off.why,
      });
    else if (!sse && !r.partial)
      emit({
        code: 'sqs-unencrypted',
        resource: r,
        message: `${r.name} names no KMS key and does not enable SQS-managed encryption`,
        severity: 'low',
      });
  },
};

export const efsEncryption = requireTrue({
  code: 'efs-unencrypted',
  kinds: ['AWS::EFS::FileSystem'],
  description: 'the file system is not encrypted at rest',
  path: 'Encrypted',
  absentMessage: (r) => `${r.name} is not encrypted at rest (Encrypted not set)`,
  falseMessage: (r) => `${r.name} is not encrypted at rest (Encrypted false)`,
});

export const redshiftEncryption = requireTrue({
  code: 'redshift-unencrypted',
  kinds: ['AWS::Redshift::Cluster'],
  description: 'the cluster is not encrypted at rest',
  path: 'Encrypted',
  absentMessage: (r) => `${r.name} is not encrypted at rest (Encrypted not set)`,
  falseMessage: (r) => `${r.name} is not encrypted at rest (Encrypted false)`,
});

/** EBS block devices of launch configurations and images that are not encrypted (instance-store devices skipped). */
export const volumeEncryption: CloudCheck = {
  name: 'volume-encryption',
  kinds: ['AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::Image'],
  codes: { 'volume-unencrypted': 'an EBS volume is not encrypted' },
  run(r, emit) {
    for (const d of items(get(r.props, 'BlockDeviceMappings'))) {
      if (get(d, 'VirtualName') || scalars(get(d, 'NoDevice')).some((s) => asBool(s.value) === true)) continue;
      const ebs = get(d, 'Ebs');
      // A volume restored from a snapshot takes the snapshot's encryption.
      if (ebs && getSet(ebs, 'SnapshotId') && !getSet(ebs, 'Encrypted')) continue;
      const enc = get(ebs, 'Encrypted');
      const f = scalars(enc).find((s) => asBool(s.value) === false);
      const dev = scalars(get(d, 'DeviceName')).find(isKnown);
      const name = dev ? ` ${asStr(dev)}` : '';
      if (f)
        emit({
          code: 'volume-unencrypted',
          resource: r,
          at: f.at,
          message: `${r.name} volume${name} is not encrypted`,
        });
      else if (!enc)
        emit({
          code: 'volume-unencrypted',
          resource: r,
          at: dev?.at ?? d,
          message: `${r.name} volume${name} does not set encrypted`,
        });
    }
  },
};

export const s3EncryptionNone: CloudCheck = {
  name: 's3-encryption-none',
  kinds: ['AWS::S3::Bucket'],
  codes: { 's3-encryption-none': 'default encryption is turned off' },
  run(r, emit) {
    for (const c of items(get(r.props, 'BucketEncryption.ServerSideEncryptionConfiguration')))
      for (const s of scalars(get(c, 'ServerSideEncryptionByDefault.SSEAlgorithm')))
        if (isKnown(s) && asStr(s)?.toLowerCase() === 'none')
          emit({
            code: 's3-encryption-none',
            resource: r,
            at: s.at,
            message: `${r.name} removes the bucket's default encryption configuration (encryption: none)`,
            why: s.why,
          });
  },
};

/** Buckets of the same file by name, to see what companion tasks (s3_logging) configure. */
function sameBucket(r: CloudResource, all: readonly CloudResource[]): CloudResource[] {
  const name = scalars(get(r.props, 'BucketName')).find(isKnown);
  if (!name) return [];
  return all.filter(
    (o) => o !== r && o.kind === r.kind && scalars(get(o.props, 'BucketName')).some((s) => s.value === name.value),
  );
}

export const s3Versioning: CloudCheck = {
  name: 's3-versioning',
  kinds: ['AWS::S3::Bucket'],
  codes: { 's3-versioning': 'the bucket is not versioned' },
  run(r, emit, all) {
    const v = get(r.props, 'VersioningConfiguration.Status');
    const s = scalars(v).find(isKnown);
    if (s && asStr(s) === 'Suspended')
      emit({ code: 's3-versioning', resource: r, at: s.at, message: `${r.name} turns versioning off`, why: s.why });
    else if (!v && !r.partial && !sameBucket(r, all).some((o) => get(o.props, 'VersioningConfiguration')))
      emit({
        code: 's3-versioning',
        resource: r,
        at: nearest(r, 'VersioningConfiguration.Status'),
        message: `${r.name} is not versioned: overwritten or deleted objects cannot be recovered`,
      });
  },
};

export const s3Logging: CloudCheck = {
  name: 's3-logging',
  kinds: ['AWS::S3::Bucket'],
  codes: { 's3-logging': 'server access logging is off' },
  run(r: CloudResource, emit: Emit, all) {
    if (r.partial || getSet(r.props, 'LoggingConfiguration')) return;
    if (sameBucket(r, all).some((o) => present(get(o.props, 'LoggingConfiguration')))) return;
    emit({
      code: 's3-logging',
      resource: r,
      message: `${r.name} does not log access requests (no server access logging)`,
    });
  },
};

/**
 * Data Lifecycle Manager copies of snapshots to another Region (or account) made without encryption: a schedule's
 * `CrossRegionCopyRules[].Encrypted: false`, or an event-based policy's `CrossRegionCopy[].EncryptionConfiguration`.
 */
export const dlmCrossRegionEncryption: CloudCheck = {
  name: 'dlm-copy-encryption',
  kinds: ['AWS::DLM::LifecyclePolicy'],
  codes: { 'dlm-copy-unencrypted': 'cross-Region snapshot copies are not encrypted' },
  run(r, emit) {
    const details = get(r.props, 'PolicyDetails');
    const flags = [
      ...items(get(details, 'Schedules')).flatMap((s) =>
        items(get(s, 'CrossRegionCopyRules')).map((c) => ({ v: get(c, 'Encrypted'), to: get(c, 'TargetRegion') })),
      ),
      ...items(get(details, 'Actions')).flatMap((a) =>
        items(get(a, 'CrossRegionCopy')).map((c) => ({
          v: get(c, 'EncryptionConfiguration.Encrypted'),
          to: get(c, 'Target'),
        })),
      ),
    ];
    for (const { v, to } of flags) {
      const s = scalars(v).find((x) => isKnown(x) && asBool(x.value) === false);
      if (!s) continue;
      const target = scalars(to).find(isKnown);
      emit({
        code: 'dlm-copy-unencrypted',
        resource: r,
        at: s.at,
        message: `${r.name} copies snapshots${target ? ` to ${String(target.value)}` : ' to another Region'} without encryption`,
        why: s.why,
      });
    }
  },
};
