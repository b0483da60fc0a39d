import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { redshiftAuditLogging } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-REDSHIFT-004',
    'Redshift cluster audit logging is off',
    'low',
    ['AWS::Redshift::Cluster'],
    doc({
      what: 'An `AWS::Redshift::Cluster` without `LoggingProperties`, or whose `LoggingProperties` names neither a `BucketName` (logs to S3) nor `LogDestinationType: cloudwatch`. Audit logging is off by default. Hygiene: never blocking.',
      why: 'The audit log records connection attempts, user changes and (with `enable_user_activity_logging` in the parameter group) the queries run. Without it, a stolen password or an over-broad grant used against the warehouse leaves no trace of who connected and what they read.',
      example: `Warehouse:
  Type: AWS::Redshift::Cluster
  Properties:
    ClusterType: multi-node
    NumberOfNodes: 2
    NodeType: ra3.xlplus
    DBName: analytics
    MasterUsername: admin
    ManageMasterPassword: true
    Encrypted: true`,
      fix: 'Set `LoggingProperties` with `LogDestinationType: cloudwatch` and the `LogExports` to send (`connectionlog`, `userlog`, `useractivitylog`), or a `BucketName` whose policy lets Redshift write to it.',
      fixed: `    Encrypted: true
    LoggingProperties:
      LogDestinationType: cloudwatch
      LogExports: [connectionlog, userlog, useractivitylog]`,
      refs: [
        'https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-redshift-cluster-loggingproperties.html',
      ],
    }),
    'Enable audit logging (LoggingProperties: LogDestinationType cloudwatch, or a BucketName).',
  ),
  check: cloudCheck(redshiftAuditLogging, ['redshift-audit-logging']),
};
export default rule;
