import { atArg, atTask, isFalse, isSeq, isTrue, known, pairsOf, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-006',
    title: 'EBS volume not encrypted',
    severity: 'medium',
    category: 'ansible',
    modules: ['ec2_vol', 'ec2_instance', 'ec2_launch_template'],
    docs: doc({
      what: 'Flags ec2_vol creating a volume (`volume_size` or `snapshot` given) without `encrypted: yes`, and ec2_instance / ec2_launch_template block devices whose `ebs` settings lack `encrypted: true`.',
      why: 'Unencrypted volumes and their snapshots expose data to anyone who can copy a snapshot or gets the underlying storage.',
      bad: '- amazon.aws.ec2_vol:\n    instance: i-0123456789abcdef0\n    volume_size: 50',
      good: '- amazon.aws.ec2_vol:\n    instance: i-0123456789abcdef0\n    volume_size: 50\n    encrypted: yes',
      refs: [
        'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3',
        'CIS AWS Foundations 2.2.1',
      ],
    }),
    remediation: 'Set encrypted: yes (or turn on EBS encryption by default for the account).',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['ec2_vol'])) {
      if ((known(t.args.get('state')) ?? 'present') !== 'present') continue;
      if (!t.args.has('volume_size') && !t.args.has('snapshot')) continue;
      const a = t.args.get('encrypted');
      if (!a) atTask(ctx, t, 'ec2_vol creates a volume without encrypted: yes.', 'encrypted');
      else if (isFalse(a)) atArg(ctx, t, a, 'ec2_vol encrypted is false.');
    }
    for (const t of ctx.tasksFor(['ec2_instance', 'ec2_launch_template'])) {
      const list = t.args.get('volumes') ?? t.args.get('block_device_mappings');
      if (!list?.node || !isSeq(list.node)) continue;
      list.node.items.forEach((item, i) => {
        const ebs = pairsOf(ctx, item).find((a) => a.key === 'ebs');
        if (!ebs) return;
        const enc = pairsOf(ctx, ebs.node).find((a) => a.key === 'encrypted');
        if (enc && isTrue(enc)) return;
        if (enc && !isFalse(enc)) return;
        const at = enc ?? ebs;
        ctx.report({
          at: at.keyPos,
          scope: t.scope,
          path: `${t.path}.${t.module}.${list.key}[${i}].ebs.encrypted`,
          message: `${t.module} ${list.key}[${i}] defines an EBS volume without encryption.`,
        });
      });
    }
  },
};
export default rule;
