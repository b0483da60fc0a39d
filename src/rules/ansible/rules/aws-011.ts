import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { s3CorsWildcard } from '../../../cloud/checks/aws-exposure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-011',
    title: 'S3 CORS allows any origin or method',
    severity: 'medium',
    category: 'ansible',
    modules: ['s3_cors'],
    docs: doc({
      what: 'Flags s3_cors rules whose `allowed_origins` or `allowed_methods` contain `*`.',
      why: "A wildcard CORS rule lets scripts on any website read (or write, with PUT/DELETE) the bucket from a visitor's browser.",
      bad: '- community.aws.s3_cors:\n    name: assets\n    state: present\n    rules:\n      - allowed_origins: ["*"]\n        allowed_methods: [GET, PUT]',
      good: '- community.aws.s3_cors:\n    name: assets\n    state: present\n    rules:\n      - allowed_origins: ["https://www.example.com"]\n        allowed_methods: [GET]',
      refs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html'],
    }),
    remediation: 'List the origins and methods that need cross-origin access.',
  },
  check: cloudCheck(s3CorsWildcard, ['s3-cors-wildcard']),
};
export default rule;
