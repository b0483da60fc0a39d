import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { docdbAudit } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-DOCDB-002',
    'DocumentDB cluster does not export audit and profiler logs',
    'low',
    ['AWS::DocDB::DBCluster'],
    doc({
      what: `An \`AWS::DocDB::DBCluster\` whose \`EnableCloudwatchLogsExports\` does not include \`audit\` and \`profiler\`.`,
      why: `Audit logs record authentication and DDL events; without them nobody can tell who read or changed what.`,
      example: `Docs:
  Type: AWS::DocDB::DBCluster
  Properties:
    StorageEncrypted: true`,
      fix: `Set \`EnableCloudwatchLogsExports: [audit, profiler]\` (and \`audit_logs: enabled\` in the parameter group).`,
      refs: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html'],
    }),
    'Export audit and profiler logs.',
  ),
  check: cloudCheck(docdbAudit, ['docdb-audit']),
};
export default rule;
