import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { opensearchOutsideVpc } from '../../../cloud/checks/aws-exposure.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ES-005',
    'OpenSearch/Elasticsearch domain is not in a VPC',
    'low',
    ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    doc({
      what: 'An `AWS::OpenSearchService::Domain` or `AWS::Elasticsearch::Domain` without `VPCOptions.SubnetIds` (empty counts as not set): the domain gets a public endpoint. The same check as the Ansible ANS-AWS-035. Hygiene: never blocking.',
      why: "A public endpoint is reachable from the whole internet; only the domain's access policy (and fine-grained access control, when on) stands between it and anyone who finds it, and a policy that is too broad is a common mistake. In a VPC the endpoint has private addresses and security groups decide who can connect at all.",
      example: `Search:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.11
    EncryptionAtRestOptions: { Enabled: true }`,
      fix: 'Set `VPCOptions.SubnetIds` (one private subnet per Availability Zone the domain uses) and `SecurityGroupIds`. A domain cannot move between a public endpoint and a VPC: a new domain is created and the data migrated (snapshot and restore).',
      fixed: `    EngineVersion: OpenSearch_2.11
    VPCOptions:
      SubnetIds: [subnet-0a1b2c3d, subnet-4e5f6a7b]
      SecurityGroupIds: [sg-0123456789abcdef0]`,
      refs: [
        'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html',
      ],
    }),
    'Place the domain in private subnets (VPCOptions.SubnetIds and SecurityGroupIds).',
  ),
  check: cloudCheck(opensearchOutsideVpc, ['opensearch-outside-vpc']),
};
export default rule;
