import type { CfnRule } from '../rule.js';
import { boolProp, doc, meta, getSet } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EC2-007',
    'Block device mapping creates an unencrypted EBS volume',
    'medium',
    ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
    doc({
      what: '`BlockDeviceMappings[].Ebs` of an instance, launch template (`LaunchTemplateData.BlockDeviceMappings`) or launch configuration where `Encrypted` is false or not set (mappings from a snapshot inherit its encryption and are skipped).',
      why: 'Volumes created at launch are unencrypted unless the account enforces EBS encryption by default — a setting the template cannot see.',
      example: `Lt:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 50`,
      fix: 'Set `Encrypted: true` (and optionally `KmsKeyId`) on every `Ebs` mapping.',
      refs: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
    }),
    'Set Ebs.Encrypted: true in block device mappings.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const path =
        r.type === 'AWS::EC2::LaunchTemplate' ? 'LaunchTemplateData.BlockDeviceMappings' : 'BlockDeviceMappings';
      for (const m of t.items(t.at(r.props, path))) {
        const ebs = t.get(m, 'Ebs');
        if (!ebs || getSet(t, ebs, 'SnapshotId') !== undefined) continue;
        const n = t.get(ebs, 'Encrypted');
        const b = boolProp(t, n);
        if (b.absent) ctx.report(r, ebs, `${r.id} maps an EBS volume without Encrypted: true`);
        else if (b.falseVal) ctx.report(r, n, `${r.id} maps an unencrypted EBS volume`, { why: b.falseVal.why });
      }
    }
  },
};
export default rule;
