import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { ecrMutableTags } from '../../../cloud/checks/data.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-033',
    title: 'ECR image tags can be overwritten',
    severity: 'low',
    category: 'ansible',
    modules: ['ecs_ecr'],
    docs: doc({
      what: 'Flags community.aws.ecs_ecr repositories with `image_tag_mutability: mutable` or without `image_tag_mutability` (the module applies its default, `mutable`, to the repository). `state: absent` and Jinja values are not judged. The same check as CFN-ECR-003. Hygiene: never blocking.',
      why: 'With mutable tags anyone who can push can replace the image behind a tag that is already deployed (`app:1.4.2`): the next node that pulls it runs different code than was reviewed and tested, and nothing in the deployment changes.',
      bad: '- community.aws.ecs_ecr:\n    name: shop/web\n    scan_on_push: true',
      good: '- community.aws.ecs_ecr:\n    name: shop/web\n    scan_on_push: true\n    image_tag_mutability: immutable',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/community/aws/ecs_ecr_module.html',
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html',
      ],
    }),
    remediation: 'Set image_tag_mutability: immutable (and push a new tag for each build).',
  },
  check: cloudCheck(ecrMutableTags, ['ecr-mutable-tags']),
};
export default rule;
