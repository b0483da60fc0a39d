import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { amiPublic } from '../../../cloud/checks/aws-exposure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-010',
    title: 'AMI shared with every AWS account',
    severity: 'high',
    category: 'ansible',
    modules: ['ec2_ami'],
    docs: doc({
      what: 'Flags ec2_ami `launch_permissions.group_names` containing `all`, which makes the image public.',
      why: 'A public AMI can be copied and launched by anyone: whatever is baked into it (keys, configuration, internal software) is published.',
      bad: '- amazon.aws.ec2_ami:\n    instance_id: i-0123456789abcdef0\n    name: base\n    launch_permissions:\n      group_names: [all]',
      good: '- amazon.aws.ec2_ami:\n    instance_id: i-0123456789abcdef0\n    name: base\n    launch_permissions:\n      user_ids: ["111122223333"]',
      refs: [
        'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html',
      ],
    }),
    remediation: 'Share the image with named accounts (user_ids) or an organization instead of group all.',
  },
  check: cloudCheck(amiPublic, ['ami-public']),
};
export default rule;
