import type { CfnRule } from '../rule.js';
import { doc, forbidTrue, meta } from '../util.js';

const rule: CfnRule = forbidTrue({
  meta: meta(
    'CFN-REDSHIFT-002',
    'Redshift cluster is publicly accessible',
    'high',
    ['AWS::Redshift::Cluster'],
    doc({
      what: 'An `AWS::Redshift::Cluster` with `PubliclyAccessible: true`.',
      why: 'A public warehouse endpoint is reachable from the internet, protected only by a security group and credentials.',
      example: `Warehouse:
  Type: AWS::Redshift::Cluster
  Properties:
    ClusterType: single-node
    PubliclyAccessible: true`,
      fix: 'Set `PubliclyAccessible: false`.',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1'],
    }),
    'Set PubliclyAccessible: false.',
  ),
  prop: 'PubliclyAccessible',
  trueMessage: (r) => `${r.id} is publicly accessible`,
});
export default rule;
