import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue, getSet } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-EC2-006',
    'EBS volume is not encrypted',
    'medium',
    ['AWS::EC2::Volume'],
    doc({
      what: 'An `AWS::EC2::Volume` without `Encrypted: true` (volumes created from a snapshot inherit its encryption and are skipped).',
      why: 'Unencrypted volumes and their snapshots can be read by anyone who gets access to a snapshot copy; encryption cannot be added in place. Stating it in the template also protects accounts where EBS encryption by default is off.',
      example: `Data:
  Type: AWS::EC2::Volume
  Properties:
    Size: 100
    AvailabilityZone: us-east-1a`,
      fix: 'Set `Encrypted: true` (optionally with `KmsKeyId`).',
      refs: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
    }),
    'Set Encrypted: true.',
  ),
  prop: 'Encrypted',
  when: (t, r) => !getSet(t, r.props, 'SnapshotId'),
  absentMessage: (r) => `${r.id} does not set Encrypted (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets Encrypted to false`,
});
export default rule;
