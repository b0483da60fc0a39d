import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { dlmCrossRegionEncryption } from '../../../cloud/checks/aws-at-rest.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-DLM-001',
    'Lifecycle policy copies snapshots to another Region unencrypted',
    'medium',
    ['AWS::DLM::LifecyclePolicy'],
    doc({
      what: 'An `AWS::DLM::LifecyclePolicy` whose schedule copies snapshots to another Region with `CrossRegionCopyRules[].Encrypted: false`, or whose event-based `Actions[].CrossRegionCopy[].EncryptionConfiguration.Encrypted` is false.',
      why: 'A copy of an unencrypted snapshot stays unencrypted in the target Region, outside the keys, policies and monitoring of the source; anyone who can share or restore it there reads the whole volume. Encrypting the copy (with a key of the target Region) closes that gap even when the source is unencrypted.',
      example: `Backups:
  Type: AWS::DLM::LifecyclePolicy
  Properties:
    Description: nightly EBS snapshots
    State: ENABLED
    ExecutionRoleArn: arn:aws:iam::123456789012:role/AWSDataLifecycleManagerDefaultRole
    PolicyDetails:
      ResourceTypes: [VOLUME]
      TargetTags: [{ Key: backup, Value: nightly }]
      Schedules:
        - Name: nightly
          CreateRule: { Interval: 24, IntervalUnit: HOURS }
          RetainRule: { Count: 7 }
          CrossRegionCopyRules:
            - TargetRegion: eu-west-2
              Encrypted: false
              RetainRule: { Interval: 7, IntervalUnit: DAYS }`,
      fix: 'Set `Encrypted: true` (and `CmkArn` to a key in the target Region).',
      fixed: `          CrossRegionCopyRules:
            - TargetRegion: eu-west-2
              Encrypted: true
              CmkArn: arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
              RetainRule: { Interval: 7, IntervalUnit: DAYS }`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dlm-lifecyclepolicy-crossregioncopyrule.html',
        'https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-ami-policy.html',
      ],
    }),
    'Set Encrypted: true on cross-Region copy rules, with a KMS key of the target Region.',
  ),
  check: cloudCheck(dlmCrossRegionEncryption, ['dlm-copy-unencrypted']),
};
export default rule;
