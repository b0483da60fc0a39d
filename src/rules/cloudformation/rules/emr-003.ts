import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { emrEncryption } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EMR-003',
    'EMR security configuration leaves data unencrypted',
    'medium',
    ['AWS::EMR::SecurityConfiguration'],
    doc({
      what: `An \`AWS::EMR::SecurityConfiguration\` whose \`EncryptionConfiguration\` does not enable at-rest encryption (including local disks) and in-transit encryption. Configurations written as JSON strings are read too.`,
      why: `Shuffle data, HDFS blocks and EMRFS objects then travel and rest in clear.`,
      example: `Sec:
  Type: AWS::EMR::SecurityConfiguration
  Properties:
    SecurityConfiguration:
      EncryptionConfiguration:
        EnableAtRestEncryption: false
        EnableInTransitEncryption: false`,
      fix: `Enable both, with a \`LocalDiskEncryptionConfiguration\` and a TLS certificate provider.`,
      refs: ['https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html'],
    }),
    'Enable at-rest (incl. local disk) and in-transit encryption.',
  ),
  check: cloudCheck(emrEncryption, ['emr-encryption-off']),
};
export default rule;
