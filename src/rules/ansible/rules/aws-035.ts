import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudChecks } from '../cloud.js';
import { opensearchOutsideVpc } from '../../../cloud/checks/aws-exposure.js';
import { customerKey } from '../../../cloud/checks/kms.js';

/** The shared customer-key check, on OpenSearch domains only (other services have their own rules). */
const opensearchKey = { ...customerKey, name: 'customer-key-opensearch', kinds: ['AWS::OpenSearchService::Domain'] };

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-035',
    title: 'OpenSearch domain outside a VPC or encrypted with the AWS-managed key',
    severity: 'low',
    category: 'ansible',
    modules: ['opensearch'],
    docs: doc({
      what: 'Flags community.aws.opensearch domains without `vpc_options.subnets` (the domain gets a public endpoint; CFN-ES-005), and domains encrypted at rest (`encryption_at_rest_options.enabled: true`) without `kms_key_id` or with an `alias/aws/…` key (the AWS-managed key; CFN-KMS-003). `state: absent` and Jinja values are not judged. Hygiene: never blocking.',
      why: "A public endpoint is reachable from the whole internet, guarded only by the domain's access policy; in a VPC, security groups decide who can connect at all. With the AWS-managed key anyone with read access to the domain's snapshots and volumes in the account can decrypt them, and the key's policy cannot be narrowed or its use audited apart from every other service that shares it.",
      bad: '- community.aws.opensearch:\n    domain_name: search\n    engine_version: OpenSearch_2.11\n    encryption_at_rest_options:\n      enabled: true\n    node_to_node_encryption_options:\n      enabled: true\n    domain_endpoint_options:\n      enforce_https: true',
      good: '- community.aws.opensearch:\n    domain_name: search\n    engine_version: OpenSearch_2.11\n    vpc_options:\n      subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]\n      security_groups: [sg-0123456789abcdef0]\n    encryption_at_rest_options:\n      enabled: true\n      kms_key_id: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n    node_to_node_encryption_options:\n      enabled: true\n    domain_endpoint_options:\n      enforce_https: true',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/community/aws/opensearch_module.html',
        'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
        'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
      ],
    }),
    remediation:
      'Place the domain in private subnets (vpc_options) and encrypt it with your own KMS key (encryption_at_rest_options.kms_key_id).',
  },
  check: cloudChecks([
    [opensearchOutsideVpc, ['opensearch-outside-vpc']],
    [opensearchKey, ['customer-key']],
  ]),
};
export default rule;
