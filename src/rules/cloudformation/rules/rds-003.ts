import type { CfnRule } from '../rule.js';
import { doc, forbidTrue, meta } from '../util.js';

const rule: CfnRule = forbidTrue({
  meta: meta(
    'CFN-RDS-003',
    'RDS instance is publicly accessible',
    'high',
    ['AWS::RDS::DBInstance'],
    doc({
      what: 'An `AWS::RDS::DBInstance` with `PubliclyAccessible: true`.',
      why: 'A public database gets a public DNS name and IP: the only thing between it and the internet is a security group and a password.',
      example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    PubliclyAccessible: true`,
      fix: 'Set `PubliclyAccessible: false` and reach the database through the VPC (bastion, SSM port forwarding, VPN).',
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2'],
    }),
    'Set PubliclyAccessible: false.',
  ),
  prop: 'PubliclyAccessible',
  trueMessage: (r) => `${r.id} is publicly accessible`,
});
export default rule;
