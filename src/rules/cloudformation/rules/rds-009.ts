import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { rdsRetiredCa } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-RDS-009',
    'RDS instance uses a retired certificate authority',
    'low',
    ['AWS::RDS::DBInstance'],
    doc({
      what: 'An `AWS::RDS::DBInstance` whose `CACertificateIdentifier` names a certificate authority of the old, year-named generation: `rds-ca-2015` (expired in March 2020) or `rds-ca-2019` (expired on 22 August 2024), and their Region-specific variants. Left out, RDS picks its current default and nothing is reported. The same check as the Ansible ANS-AWS-036. Hygiene: never blocking.',
      why: "The database's TLS certificate is signed by this CA. Once the CA has expired, a client that verifies the server certificate (as it should, `sslmode=verify-full`) refuses to connect, and the usual workaround is to stop verifying, which lets anyone on the network path impersonate the database.",
      example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    DBInstanceClass: db.t4g.medium
    AllocatedStorage: '50'
    StorageEncrypted: true
    ManageMasterUserPassword: true
    MasterUsername: app
    CACertificateIdentifier: rds-ca-2019`,
      fix: 'Name a current CA (`rds-ca-rsa2048-g1`, `rds-ca-rsa4096-g1` or `rds-ca-ecc384-g1`) and give clients the new bundle; the change restarts the instance unless the engine supports rotation without a restart.',
      fixed: `    CACertificateIdentifier: rds-ca-rsa2048-g1`,
      refs: [
        'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
        'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation.html',
      ],
    }),
    'Set CACertificateIdentifier to a current CA (rds-ca-rsa2048-g1, rds-ca-rsa4096-g1 or rds-ca-ecc384-g1).',
  ),
  check: cloudCheck(rdsRetiredCa, ['rds-retired-ca']),
};
export default rule;
