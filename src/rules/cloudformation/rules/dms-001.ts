import type { CfnRule } from '../rule.js';
import { doc, forbidTrue, meta } from '../util.js';

const rule: CfnRule = forbidTrue({
  meta: meta(
    'CFN-DMS-001',
    'DMS replication instance is publicly accessible',
    'high',
    ['AWS::DMS::ReplicationInstance'],
    doc({
      what: 'An `AWS::DMS::ReplicationInstance` with `PubliclyAccessible: true` \u2014 or without the property, because the DMS default is **true**.',
      why: 'The replication instance holds credentials for both source and target databases and streams their data; a public IP exposes it to the internet.',
      example: `Replicator:
  Type: AWS::DMS::ReplicationInstance
  Properties:
    ReplicationInstanceClass: dms.t3.medium`,
      fix: 'Set `PubliclyAccessible: false` explicitly.',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/dms-controls.html#dms-1'],
    }),
    'Set PubliclyAccessible: false explicitly.',
  ),
  prop: 'PubliclyAccessible',
  trueMessage: (r) => `${r.id} is publicly accessible`,
  absentMessage: (r) => `${r.id} does not set PubliclyAccessible, and the DMS default is true`,
});
export default rule;
