import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { rdsMultiAz } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-RDS-008',
    'RDS instance runs in a single Availability Zone',
    'low',
    ['AWS::RDS::DBInstance'],
    doc({
      what: `A standalone \`AWS::RDS::DBInstance\` (not Aurora, not a replica) without \`MultiAZ: true\`.`,
      why: `An Availability Zone outage takes the database down; Multi-AZ fails over to a standby in minutes.`,
      example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres`,
      fix: `Set \`MultiAZ: true\` for production databases.`,
      refs: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html'],
    }),
    'Set MultiAZ: true.',
  ),
  check: cloudCheck(rdsMultiAz, ['rds-multi-az']),
};
export default rule;
