import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { elasticacheSubnetGroup } from '../../../cloud/checks/aws-exposure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-037',
    title: 'ElastiCache cluster without a subnet group',
    severity: 'low',
    category: 'ansible',
    modules: ['elasticache'],
    docs: doc({
      what: "Flags community.aws.elasticache clusters without `cache_subnet_group` (or with the module's default, the empty string): the cluster is created in the default VPC's default subnet group. `state: absent`, `state: rebooted` (an existing cluster) and Jinja values are not judged. The same check as CFN-EC-004. Hygiene: never blocking.",
      why: "The default VPC's subnets are public (they route to an internet gateway and give public IPs) and are shared by everything else created without a network: a cache placed there sits outside the application's private subnets, guarded only by its security group, and Memcached and Redis without AUTH trust whoever can connect.",
      bad: '- community.aws.elasticache:\n    name: sessions\n    state: present\n    engine: redis\n    node_type: cache.t3.micro\n    num_nodes: 1\n    security_group_ids: [sg-0123456789abcdef0]',
      good: '- community.aws.elasticache:\n    name: sessions\n    state: present\n    engine: redis\n    node_type: cache.t3.micro\n    num_nodes: 1\n    cache_subnet_group: cache-private-subnets\n    security_group_ids: [sg-0123456789abcdef0]',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/community/aws/elasticache_module.html',
        'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SubnetGroups.html',
      ],
    }),
    remediation:
      'Create a subnet group of private subnets (community.aws.elasticache_subnet_group) and name it in cache_subnet_group.',
  },
  check: cloudCheck(elasticacheSubnetGroup, ['elasticache-no-subnet-group']),
};
export default rule;
