import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { elasticacheSubnetGroup } from '../../../cloud/checks/aws-exposure.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EC-004',
    'ElastiCache cache without a subnet group',
    'low',
    ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup'],
    doc({
      what: "An `AWS::ElastiCache::CacheCluster` or `AWS::ElastiCache::ReplicationGroup` without `CacheSubnetGroupName` (empty counts as absent). A replication group built on an existing cluster (`PrimaryClusterId`) takes that cluster's placement and is not reported.",
      why: "Without a subnet group the cache is created in the default subnet group of the account's default VPC — public subnets with an internet gateway, shared with everything else launched by default — instead of the application's private subnets and their network controls.",
      example: `Sessions:
  Type: AWS::ElastiCache::CacheCluster
  Properties:
    Engine: memcached
    CacheNodeType: cache.t3.micro
    NumCacheNodes: 1
    VpcSecurityGroupIds: [sg-0a1b2c3d]`,
      fix: 'Create an `AWS::ElastiCache::SubnetGroup` of private subnets and name it in `CacheSubnetGroupName`.',
      fixed: `Sessions:
  Type: AWS::ElastiCache::CacheCluster
  Properties:
    Engine: memcached
    CacheNodeType: cache.t3.micro
    NumCacheNodes: 1
    VpcSecurityGroupIds: [sg-0a1b2c3d]
    CacheSubnetGroupName: cache-private-subnets`,
      refs: [
        'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SubnetGroups.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-cachecluster.html',
      ],
    }),
    'Place the cache in a subnet group of private subnets (CacheSubnetGroupName).',
  ),
  check: cloudCheck(elasticacheSubnetGroup, ['elasticache-no-subnet-group']),
};
export default rule;
